#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Loading and unloading vee.ko: parameters, teardown of live domains, and
# the CLI's message when the module is gone.  Leaves the module loaded.
# Must run last among the tests that use domains: it reloads the module.
. "$(dirname "$0")/lib.sh"

ko=$(find /lib/modules /tmp /root / -xdev -name vee.ko 2>/dev/null | head -n 1)

t modinfo_documents_parameters
modinfo_documents_parameters() {
	[ -n "$ko" ] || fail "vee.ko not found"
	expect_out "parm:" -- modinfo "$ko"
	expect_out "max_domains:Most domains" -- modinfo -F parm "$ko"
	expect_out "GPL" -- modinfo -F license "$ko"
	[ "$(modinfo -F version "$ko")" = "$(vee --version | cut -d' ' -f2)" ] ||
		fail "module and tool versions differ"
}

t device_is_root_only
device_is_root_only() {
	[ -c /dev/vee ] || fail "/dev/vee is not a character device"
	[ "$(stat -c %a /dev/vee)" = 600 ] || fail "mode $(stat -c %a /dev/vee)"
	[ "$(stat -c %u /dev/vee)" = 0 ] || fail "owner $(stat -c %u /dev/vee)"
}

t unload_with_live_domains_tears_them_down
unload_with_live_domains_tears_them_down() {
	for i in 1 2 3 4 5; do vee create "live$i"; done
	rmmod vee
	[ ! -e /dev/vee ] || fail "/dev/vee still there"
	grep -q '^vee ' /proc/modules && fail "still loaded"
	# The tool loads it again by itself (load_test.sh): nothing survived.
	[ "$(vee list --json)" = "[]" ] || fail "domains survived: $(vee list --json)"
	vee create again
	vee destroy again
}

t unload_kills_running_domains
unload_kills_running_domains() {
	vee run --keep --name busy -- sleep 1000 &
	runner=$!
	i=0
	until [ "$(vee list --json | grep -c '"state":"running"')" = 1 ]; do
		i=$((i + 1))
		[ $i -lt 200 ] || fail "domain never ran: $(vee list --json)"
		sleep 0.05
	done
	sleep_pid=$(vee list --json | sed -n 's/.*"init_pid":\([0-9]*\).*/\1/p')
	[ -d "/proc/$sleep_pid" ] || fail "no init process $sleep_pid"
	# While vee run waits it holds /dev/vee open: rmmod must refuse.
	rmmod vee 2>/dev/null && fail "rmmod succeeded while vee run held /dev/vee"
	kill -9 "$runner"
	wait "$runner" 2>/dev/null || true
	rmmod vee || fail "rmmod failed with a detached running domain"
	[ ! -d "/proc/$sleep_pid" ] || fail "init $sleep_pid survived unload"
	[ ! -e /sys/fs/cgroup/vee ] || fail "cgroup_root left behind: $(ls /sys/fs/cgroup/vee)"
	insmod "$ko"
	[ "$(vee list --json)" = "[]" ] || fail "domains survived"
}

t cgroup_root_parameter
cgroup_root_parameter() {
	rmmod vee
	insmod "$ko" cgroup_root=/sys/fs/cgroup/other.vee
	[ -d /sys/fs/cgroup/other.vee ] || fail "cgroup_root not made"
	vee create x
	[ -d /sys/fs/cgroup/other.vee/x ] || fail "domain not under cgroup_root"
	rmmod vee
	[ ! -e /sys/fs/cgroup/other.vee ] || fail "cgroup_root left behind"
	for bad in relative/path /nonexistent/vee /proc/vee /sys/fs/cgroup/ /; do
		if insmod "$ko" cgroup_root="$bad" 2>/dev/null; then
			rmmod vee
			insmod "$ko"
			fail "cgroup_root=$bad was accepted"
		fi
	done
	# An existing directory is used and left in place.
	mkdir /sys/fs/cgroup/kept
	insmod "$ko" cgroup_root=/sys/fs/cgroup/kept
	vee create y
	vee destroy y
	rmmod vee
	[ -d /sys/fs/cgroup/kept ] || fail "a directory vee did not make was removed"
	rmdir /sys/fs/cgroup/kept
	insmod "$ko"
}

t load_with_parameter
load_with_parameter() {
	rmmod vee
	insmod "$ko" max_domains=3
	[ "$(cat /sys/module/vee/parameters/max_domains)" = 3 ] || fail "param not set"
	vee create a; vee create b; vee create c
	expect_status 1 "vee: create d: too many domains" -- vee create d
	vee destroy a; vee destroy b; vee destroy c
	rmmod vee
	if insmod "$ko" max_domains=0 2>/dev/null; then
		rmmod vee
		insmod "$ko"
		fail "max_domains=0 was accepted"
	fi
	insmod "$ko"
}

t load_unload_cycles
load_unload_cycles() {
	i=0
	while [ $i -lt 20 ]; do
		vee create "cycle$i"
		rmmod vee
		insmod "$ko"
		i=$((i + 1))
	done
	[ "$(vee list --json)" = "[]" ] || fail "domains survived"
}

t_main
