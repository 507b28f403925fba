#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# DKMS for real, on this host: `make dkms-src` puts the module's sources in
# /usr/src/vee-VERSION, then dkms add, build and install for every kernel
# with headers (-k), modinfo checks of each installed vee.ko, and dkms
# remove --all, after which the machine must be exactly as it was.  Then
# each DKMS-built vee.ko boots in the VM from the kernel's module tree and
# is loaded with modprobe (tests/vm/dkms_guest.sh), not insmod.
#
# Needs root and dkms (scripts/install-deps).  Another test (the .deb one)
# also registers "vee" with DKMS here: both hold LOCK for all they do to
# DKMS, and this one refuses to run if "vee" is registered by someone else.
# TAP output, ending with "dkms: N passed, N failed".
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
LOCK=/var/lock/vee-dkms-test.lock
VERSION=$(sed -n 's/^#define VEE_VERSION "\(.*\)"/\1/p' kmod/version.h)
SRC=/usr/src/vee-$VERSION
KEEP=$top/build/dkms	# the built modules, one directory per kernel

n=0 pass=0 failed=0
ok() { n=$((n + 1)); pass=$((pass + 1)); echo "ok $n $*"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n $*"; }
# check NAME CMD...: one TAP line for CMD's success.
check() {
	local name=$1
	shift
	if "$@"; then ok "$name"; else not_ok "$name"; fi
}
finish() {
	echo "1..$n"
	echo "dkms: $pass passed, $failed failed"
	[ "$failed" = 0 ]
	exit
}
bail() {
	not_ok "$*"
	finish
}

# names_no_vee FILE: FILE (a modules.dep, if any) lists no vee module.
names_no_vee() {
	! grep -qE '(^|/)vee\.ko' "$1" 2>/dev/null
}

echo "TAP version 13"
[ "$(id -u)" = 0 ] || bail "dkms_test needs root"
command -v dkms >/dev/null || bail "dkms is not installed (scripts/install-deps)"
kernels=()
for b in /lib/modules/*/build; do
	[ -d "$b" ] && kernels+=("$(basename "$(dirname "$b")")")
done
[ ${#kernels[@]} -gt 0 ] || bail "no kernel headers (scripts/install-deps)"

# What DKMS and depmod may touch, as found: names, types, modes, sizes,
# content and times of files (a directory's time changes with its entries).
snapshot() {
	local k
	for k in "${kernels[@]}"; do
		find "/lib/modules/$k" -mindepth 1 \( -name build -o -name source \) -prune -o \
			\( -type d -printf '%p %y %m\n' \) -o -printf '%p %y %m %s %T@\n'
		find "/lib/modules/$k" -maxdepth 1 -type f -name 'modules.*' -exec md5sum {} +
	done
	find /var/lib/dkms /usr/src -maxdepth 1 -mindepth 1 -printf '%p %y %m\n'
	find /var/lib/dkms -type f -exec md5sum {} +
}

exec {lock_fd}>"$LOCK"
if ! flock -n "$lock_fd"; then
	echo "# waiting for $LOCK (another DKMS test is running)"
	flock -w 900 "$lock_fd" || bail "could not take $LOCK in 900 s"
fi

registered=$(dkms status vee 2>/dev/null)
others=$(ls -d /usr/src/vee-* /var/lib/dkms/vee 2>/dev/null)
if [ -n "$registered$others" ]; then
	echo "# vee is already known to DKMS or in /usr/src, and not by us:"
	printf '%s\n' "$registered" "$others" | sed '/^$/d; s/^/#   /'
	echo "# remove it first (dkms remove vee/VERSION --all; rm -r /usr/src/vee-*)"
	bail "refusing to touch a vee DKMS module this test did not add"
fi

work=$(mktemp -d)
snapshot | sort >"$work/before"
# depmod rewrites the modules.* indexes even when it ends where it began;
# keep them to put back, times and all.
for k in "${kernels[@]}"; do
	mkdir -p "$work/idx/$k"
	find "/lib/modules/$k" -maxdepth 1 -type f -name 'modules.*' \
		-exec cp -p {} "$work/idx/$k/" \;
done

# Whatever happens, undo what we did; the verdict comes from snapshots.
added=0
cleanup() {
	local k f
	[ $added = 0 ] || dkms remove "vee/$VERSION" --all >/dev/null 2>&1
	rm -rf "$SRC" /var/lib/dkms/vee
	for k in "${kernels[@]}"; do
		# Directories DKMS made, if it left them (and they are empty).
		for f in "/lib/modules/$k/updates/dkms" "/lib/modules/$k/updates"; do
			grep -q "^$f d " "$work/before" || rmdir "$f" 2>/dev/null
		done
		# Indexes depmod made where there were none, then the old ones.
		for f in "/lib/modules/$k"/modules.*; do
			[ -e "$f" ] && [ ! -e "$work/idx/$k/${f##*/}" ] && rm -f "$f"
		done
		for f in "$work/idx/$k"/*; do
			[ -e "$f" ] && cp -p "$f" "/lib/modules/$k/"
		done
	done
	# dkms signs what it builds with a key it makes on first use.
	for f in /var/lib/dkms/mok.key /var/lib/dkms/mok.pub; do
		grep -q "^$f " "$work/before" || rm -f "$f"
	done
}
trap 'cleanup; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

t0=$SECONDS
echo "# version $VERSION, kernels: ${kernels[*]}"
conf_version=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf)
check "dkms.conf version ($conf_version) is kmod/version.h's ($VERSION)" \
	[ "$conf_version" = "$VERSION" ]
check "make dkms-src copies the sources to $SRC" make -s dkms-src
added=1
check "dkms add vee/$VERSION" dkms add "vee/$VERSION" -q

rm -rf "$KEEP"
for k in "${kernels[@]}"; do
	log=$work/$k.log
	if dkms build "vee/$VERSION" -k "$k" >"$log" 2>&1 &&
		dkms install "vee/$VERSION" -k "$k" >>"$log" 2>&1; then
		ok "dkms build and install for $k"
	else
		not_ok "dkms build and install for $k"
		sed 's/^/#   /' "$log"
		tail -n 30 "/var/lib/dkms/vee/$VERSION/build/make.log" 2>/dev/null |
			sed 's/^/#   make.log: /'
		continue
	fi
	# vee.ko.xz where the kernel compresses its modules (6.12).
	ko=$(ls "/lib/modules/$k/updates/dkms"/vee.ko* 2>/dev/null | head -n1)
	check "$k: ${ko:-vee.ko} installed" [ -n "$ko" ]
	got=$(modinfo -F version "$ko" 2>/dev/null)
	check "$k: modinfo version $got is $VERSION" [ "$got" = "$VERSION" ]
	got=$(modinfo -F vermagic "$ko" 2>/dev/null)
	check "$k: vermagic '$got' names $k" [ "${got%% *}" = "$k" ]
	check "$k: depmod lists it" grep -q "^updates/dkms/${ko##*/}:" "/lib/modules/$k/modules.dep"
	check "$k: dkms status says installed" \
		grep -q "^vee/$VERSION, $k, [^:]*: installed" <(dkms status "vee/$VERSION" -k "$k" 2>/dev/null)
	[ -n "$ko" ] || continue
	mkdir -p "$KEEP/$k"
	cp "$ko" "$KEEP/$k/"
done

check "dkms remove vee/$VERSION --all" dkms remove "vee/$VERSION" --all -q
added=0
check "DKMS forgot vee" [ ! -e /var/lib/dkms/vee -a -z "$(dkms status vee 2>/dev/null)" ]
left=$(find /lib/modules/*/updates -name 'vee.ko*' 2>/dev/null)
check "no vee.ko left under /lib/modules/*/updates${left:+: $left}" [ -z "$left" ]
for k in "${kernels[@]}"; do
	dep=/lib/modules/$k/modules.dep
	if [ -f "$work/idx/$k/modules.dep" ]; then
		check "$k: modules.dep is as before" cmp -s "$dep" "$work/idx/$k/modules.dep"
	else
		check "$k: modules.dep names no vee" names_no_vee "$dep"
	fi
done
echo "# DKMS part: $((SECONDS - t0)) s"

cleanup
snapshot | sort >"$work/after"
if cmp -s "$work/before" "$work/after"; then
	ok "the machine is as it was (/lib/modules, /usr/src, /var/lib/dkms)"
else
	not_ok "the machine is not as it was:"
	diff "$work/before" "$work/after" | sed 's/^/#   /'
fi
# From here on DKMS is someone else's: no cleanup may touch it.
trap 'rm -rf "$work"' EXIT
flock -u "$lock_fd"

# Each kept module in a guest of its kernel, in the tree where DKMS puts
# it; the guest loads it with modprobe, then the tool's own loading is
# tested from there too (load_test.sh).
make -s tool tests || bail "make tool tests failed"
for k in "${kernels[@]}"; do
	ko=$(ls "$KEEP/$k"/vee.ko* 2>/dev/null) || continue
	out=$work/vm-$k.log
	VEE_VM_NO_BUILD=1 scripts/vm-run --kernel "$k" --no-module \
		--file "$ko:/lib/modules/$k/updates/dkms/${ko##*/}" \
		-- /tests/run dkms_guest.sh load_test.sh >"$out" 2>&1
	rc=$?
	grep -E '^(not ok|#   )' "$out"
	if [ $rc = 0 ]; then
		ok "$k: modprobe of the DKMS module in the VM ($(grep -o '[0-9]* passed, [0-9]* failed' "$out" | tail -n1))"
	else
		not_ok "$k: VM run exited $rc"
		tail -n 30 "$out" | sed 's/^/#   /'
	fi
done
finish
