#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Loading and unloading vee.ko: parameters, teardown of live domains, and
# the CLI's message when the module is gone.  Leaves the module loaded.
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
	expect_status 1 "vee: list: /dev/vee does not exist: the vee module is not loaded" -- vee list
	insmod "$ko"
	[ "$(vee list --json)" = "[]" ] || fail "domains survived: $(vee list --json)"
	vee create again
	vee destroy again
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
