#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make deb, then install both packages on this machine: DKMS must have
# built and installed vee.ko for every installed kernel with headers
# (checked with modinfo: version, vermagic), the tool and library must
# work from their packaged places, and purging both must leave the machine
# as it was found.  Ends with "deb: N passed, N failed".
#
# DKMS state is machine-wide and tests/host/dkms_test.sh registers "vee"
# too: the DKMS part holds the lock below throughout, and refuses to run
# when a vee module or package is already there that this test did not add.
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
. tests/vm/lib.sh
LOCK=/var/lock/vee-dkms-test.lock
VERSION=$(sed -n 's/^#define VEE_VERSION "\(.*\)"/\1/p' kmod/version.h)
KERNELS=$(for b in /lib/modules/*/build; do [ -d "$b" ] && basename "${b%/build}"; done)
snap_before=$(mktemp)
trap 'rm -f "$snap_before"' EXIT

bail() { echo "Bail out! $*"; echo "deb: 0 passed, 1 failed"; exit 1; }

[ "$(id -u)" = 0 ] || bail "needs root (dpkg, dkms)"
[ -n "$KERNELS" ] || bail "no kernel headers installed"

# Everything vee could leave on the machine; compared before and after.
snapshot() {
	{
		find /usr/src -maxdepth 1 -name 'vee-*'
		find /var/lib/dkms -maxdepth 1 -name vee
		find /lib/modules -name 'vee.ko*'
		dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' vee vee-dkms 2>/dev/null |
			grep -v ' un *$'
		ls -d /usr/sbin/vee /usr/include/vee.h /usr/include/linux/vee.h \
			/lib/udev/rules.d/60-vee.rules /usr/lib/*/libvee* 2>/dev/null
	} | sort
}

t make_deb_builds_both_packages
make_deb_builds_both_packages() {
	make -s deb >/tmp/deb.log 2>&1 || fail "make deb: $(tail -n 30 /tmp/deb.log)"
	for p in "vee_$VERSION-1_amd64" "vee-dkms_${VERSION}-1_all"; do
		[ -f "build/deb/$p.deb" ] || fail "no build/deb/$p.deb"
	done
	dpkg-deb -c "build/deb/vee-dkms_${VERSION}-1_all.deb" |
		grep " ./usr/src/vee-$VERSION/dkms.conf$" >/dev/null || fail "vee-dkms lacks dkms.conf"
	dpkg-deb -f "build/deb/vee-dkms_${VERSION}-1_all.deb" Depends | grep -q dkms ||
		fail "vee-dkms does not depend on dkms"
	[ "$(dpkg-deb -f "build/deb/vee_${VERSION}-1_amd64.deb" Version)" = "$VERSION-1" ] ||
		fail "version is not kmod/version.h's"
	for f in debian/changelog debian/files debian/vee debian/vee-dkms debian/.debhelper; do
		[ ! -e "$f" ] || fail "make deb wrote $f into the tree"
	done
}

exec {lock_fd}>"$LOCK"
flock -w 900 "$lock_fd" || bail "could not take $LOCK in 900 s"
# Not ours: someone else's vee in DKMS or dpkg.  Refuse rather than remove it.
snapshot >"$snap_before"
[ ! -s "$snap_before" ] ||
	bail "vee is already on this machine (not added by this test); remove it first:
$(cat "$snap_before")"

t debs_install_and_dkms_builds_every_kernel
debs_install_and_dkms_builds_every_kernel() {
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
		"./build/deb/vee_${VERSION}-1_amd64.deb" \
		"./build/deb/vee-dkms_${VERSION}-1_all.deb" >/tmp/apt-install.log 2>&1 ||
		fail "apt-get install: $(tail -n 30 /tmp/apt-install.log)"
	for k in $KERNELS; do
		ko=/lib/modules/$k/updates/dkms/vee.ko
		[ -f "$ko" ] || ko=$ko.xz
		[ -f "$ko" ] || fail "no vee.ko for $k: $(dkms status vee 2>&1)"
		[ "$(modinfo -F version "$ko")" = "$VERSION" ] || fail "$k: version $(modinfo -F version "$ko")"
		vm=$(modinfo -F vermagic "$ko")
		[ "${vm%% *}" = "$k" ] || fail "$k: vermagic $vm"
		modinfo -b / -k "$k" vee >/dev/null 2>&1 || fail "$k: depmod does not know vee"
		dkms status -m vee -v "$VERSION" -k "$k" | grep -q ': installed' ||
			fail "$k: dkms status $(dkms status -m vee -k "$k")"
	done
}

t packaged_tool_and_library_work
packaged_tool_and_library_work() {
	/usr/sbin/vee --version | grep -q "^vee $VERSION" || fail "vee --version: $(/usr/sbin/vee --version)"
	[ "$(pkg-config --modversion libvee)" = "$VERSION" ] || fail "pkg-config"
	cc -Wall -Werror -o /tmp/vee-example-deb /usr/share/doc/vee/examples/vee-example.c \
		$(pkg-config --cflags --libs libvee) || fail "example does not build"
	ldd /tmp/vee-example-deb | grep -Eq "libvee.so.0 => (/usr)?/lib/[^ ]*/libvee.so.0 " ||
		fail "example not linked to the packaged libvee: $(ldd /tmp/vee-example-deb)"
	rm -f /tmp/vee-example-deb
}

t purge_leaves_machine_as_found
purge_leaves_machine_as_found() {
	DEBIAN_FRONTEND=noninteractive apt-get purge -y -q vee vee-dkms >/tmp/apt.log 2>&1 ||
		fail "apt-get purge: $(tail -n 30 /tmp/apt.log)"
	after=$(snapshot)
	[ "$after" = "$(cat "$snap_before")" ] || fail "left behind: $after"
	for k in $KERNELS; do
		! modinfo -k "$k" vee >/dev/null 2>&1 || fail "$k: modinfo still finds vee"
	done
}

t_main
# Whatever failed above, leave nothing installed for the next one.
if [ -n "$(snapshot)" ]; then
	echo "# cleaning up after failure"
	apt-get purge -y -q vee vee-dkms >/dev/null 2>&1
	dkms remove -m vee -v "$VERSION" --all >/dev/null 2>&1
fi
flock -u "$lock_fd"
echo "deb: $((t_n - t_failed)) passed, $t_failed failed"
[ "$t_failed" = 0 ]
