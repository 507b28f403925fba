#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The tool loads vee.ko itself when it is missing (through libkmod, from
# the kernel's module tree, as modprobe would), and says clearly why when
# it cannot.  Each test unloads the module and leaves it loaded again.
. "$(dirname "$0")/lib.sh"

rel=$(uname -r)
# Where the module lies in the tree: extra/ under vm-run, updates/dkms/
# when DKMS put it there.
tree_ko=$(modinfo -n vee)
hidden=/tmp/vee.ko.hidden

# Puts the module back in the tree and loads it, however a test ended, so
# that the tests after this file find it as they expect.
restore_module() {
	if [ -f "$hidden" ]; then
		mv "$hidden" "$tree_ko"
		depmod
	fi
	[ -d /sys/module/vee ] || modprobe vee
}

# restoring FN: runs test body FN, then restore_module; FN's status.
restoring() {
	set +e
	(set -e; "$1")
	rc=$?
	restore_module
	return $rc
}

unload() {
	rmmod vee
	[ ! -d /sys/module/vee ] || fail "vee still loaded"
	[ ! -e /dev/vee ] || fail "/dev/vee still there"
}

t module_is_in_the_tree
module_is_in_the_tree() {
	case $tree_ko in
	/lib/modules/"$rel"/*/vee.ko | /lib/modules/"$rel"/*/vee.ko.*) ;;
	*) fail "modinfo -n vee says '$tree_ko'" ;;
	esac
}

t netlink_command_loads_the_module
netlink_command_loads_the_module() { restoring netlink_loads; }
netlink_loads() {
	unload
	[ "$(vee list --json)" = "[]" ] || fail "vee list did not list"
	[ -d /sys/module/vee ] || fail "/sys/module/vee absent after vee list"
	[ -c /dev/vee ] || fail "/dev/vee absent after vee list"
	grep -q '^vee ' /proc/modules || fail "not in /proc/modules"
}

t device_command_loads_the_module
device_command_loads_the_module() { restoring device_loads; }
device_loads() {
	unload
	vee create auto1
	[ -d /sys/module/vee ] || fail "/sys/module/vee absent after vee create"
	expect_out '"name":"auto1"' -- vee list --json
	vee destroy auto1
	unload
	expect_out "vee module $(modinfo -F version vee)" -- vee version
}

t not_installed_is_explained
not_installed_is_explained() { restoring not_installed; }
not_installed() {
	unload
	mv "$tree_ko" "$hidden"
	depmod
	expect_status 1 "vee: list: the vee module is not loaded and not installed for this kernel (Linux $rel): install it with DKMS" -- vee list
	expect_status 1 "vee: create x: the vee module is not loaded and not installed for this kernel (Linux $rel)" -- vee create x
	expect_status 1 "or the vee-dkms package" -- vee version
	[ ! -d /sys/module/vee ] || fail "loaded from somewhere"
}

t non_root_is_told_to_be_root
non_root_is_told_to_be_root() { restoring non_root; }
non_root() {
	unload
	expect_status 1 "vee: list: the vee module is not loaded, and loading it needs root" -- \
		su -s /bin/sh -c "vee list" nobody
	expect_status 1 "vee: create x: the vee module is not loaded, and loading it needs root" -- \
		su -s /bin/sh -c "vee create x" nobody
	[ ! -d /sys/module/vee ] || fail "loaded by nobody"
}

t old_kernel_is_refused_before_loading
old_kernel_is_refused_before_loading() { restoring old_kernel; }
old_kernel() {
	unload
	old=$(uname26 uname -r)
	case $old in 2.6.*) ;; *) fail "uname26 gave '$old'" ;; esac
	expect_status 1 "vee: list: Linux $old is too old for vee: the vee module needs Linux 6.1 or later" -- \
		uname26 vee list
	[ ! -d /sys/module/vee ] || fail "loaded on a 'too old' kernel"
}

t libkmod_only_when_loading
libkmod_only_when_loading() {
	lib=$(find / -xdev -name libkmod.so.2 | head -n 1)
	[ -f "$lib" ] || fail "no libkmod.so.2 in the guest"
	ldd "$(command -v vee)" | grep -q libkmod && fail "vee links libkmod"
	mv "$lib" /tmp/libkmod.hidden
	set +e
	(set -e; no_libkmod)
	rc=$?
	mv /tmp/libkmod.hidden "$lib"
	restore_module
	return $rc
}
no_libkmod() {
	# Loaded, the module needs no libkmod: the tool does not open it.
	expect_out "[]" -- vee list --json
	rmmod vee
	expect_status 1 "vee: list: the vee module is not loaded, and libkmod.so.2, which loads it, is unusable (libkmod.so.2: cannot open shared object file" -- vee list
	[ ! -d /sys/module/vee ] || fail "loaded without libkmod"
	insmod "$tree_ko"
}

t failed_load_says_see_dmesg
failed_load_says_see_dmesg() { restoring failed_load; }
failed_load() {
	unload
	# The module refuses this parameter value (module_test.sh); an
	# options line applies to every load, libkmod's included.
	mkdir -p /etc/modprobe.d
	echo "options vee max_domains=0" >/etc/modprobe.d/vee-test.conf
	set +e
	vee list >/tmp/t.out 2>/tmp/t.err
	got=$?
	set -e
	rm -f /etc/modprobe.d/vee-test.conf
	[ "$got" = 1 ] || fail "exited $got: $(cat /tmp/t.err)"
	grep -q "vee: list: loading the vee module ($tree_ko) failed: .*; see dmesg" /tmp/t.err ||
		fail "stderr: $(cat /tmp/t.err)"
}

t_main
