#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The module DKMS built on the host, loaded as a server loads it: with
# modprobe, from the kernel's module tree.  Run by tests/host/dkms_test.sh
# (vm-run --no-module, the .ko at /lib/modules/REL/updates/dkms/);
# not part of the default suite, whose module comes by insmod.
. "$(dirname "$0")/lib.sh"

rel=$(uname -r)
# vee.ko.xz when the kernel compresses its modules, as DKMS then does.
ko=$(ls "/lib/modules/$rel/updates/dkms"/vee.ko* 2>/dev/null | head -n1)

t nothing_loaded_yet
nothing_loaded_yet() {
	[ -f "$ko" ] || fail "no vee.ko* in /lib/modules/$rel/updates/dkms"
	[ ! -d /sys/module/vee ] || fail "vee is already loaded"
	[ ! -e /dev/vee ] || fail "/dev/vee exists"
}

t depmod_indexes_it
depmod_indexes_it() {
	depmod
	grep -q "^updates/dkms/${ko##*/}:" "/lib/modules/$rel/modules.dep" ||
		fail "not in modules.dep"
	[ "$(modinfo -n vee)" = "$ko" ] || fail "modinfo -n vee: $(modinfo -n vee)"
	vermagic=$(modinfo -F vermagic vee)
	[ "${vermagic%% *}" = "$rel" ] || fail "vermagic $vermagic"
}

t modprobe_loads_it
modprobe_loads_it() {
	modprobe vee
	[ -d /sys/module/vee ] || fail "/sys/module/vee absent"
	[ -c /dev/vee ] || fail "/dev/vee absent"
	# The module in the kernel is that file, not some other vee.ko.
	[ "$(cat /sys/module/vee/srcversion)" = "$(modinfo -F srcversion "$ko")" ] ||
		fail "srcversion $(cat /sys/module/vee/srcversion) is not $ko's"
}

t version_reports_the_dkms_module
version_reports_the_dkms_module() {
	expect_out "vee module $(modinfo -F version "$ko") (ABI" -- vee version
	expect_out "\"module_version\":\"$(vee --version | cut -d' ' -f2)\"" -- \
		vee version --json
}

t domain_lives_and_dies
domain_lives_and_dies() {
	vee create dk1
	expect_out '"name":"dk1"' -- vee list --json
	[ -d /sys/fs/cgroup/vee/dk1 ] || fail "no cgroup for dk1"
	vee destroy dk1
	[ "$(vee list --json)" = "[]" ] || fail "left: $(vee list --json)"
}

t modprobe_r_unloads_it
modprobe_r_unloads_it() {
	modprobe -r vee
	[ ! -d /sys/module/vee ] || fail "still loaded"
	[ ! -e /dev/vee ] || fail "/dev/vee still there"
	modprobe vee	# the runner's leftover check unloads it
}

t_main
