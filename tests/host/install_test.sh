#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make install / make uninstall into a temporary DESTDIR: the exact file
# list, the pkg-config file, the library's exports, the man pages, the
# example built against the installed header and library only and run in
# the VM on each kernel, and an uninstall that leaves no file behind.
# Ends with "install: N passed, N failed".
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
. tests/vm/lib.sh
KERNELS=${VEE_CHECK_KERNELS:-"6.1 6.12"}
VERSION=$(sed -n 's/^#define VEE_VERSION "\(.*\)"/\1/p' kmod/version.h)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
D=$work/dest
P=/usr/local

t install_puts_exactly_the_listed_files
install_puts_exactly_the_listed_files() {
	make -s install DESTDIR="$D" >"$work/make.log" 2>&1 ||
		fail "make install: $(cat "$work/make.log")"
	want="/etc/udev/rules.d/60-vee.rules
$P/include/linux/vee.h
$P/include/vee.h
$P/lib/libvee.so -> libvee.so.0
$P/lib/libvee.so.$VERSION
$P/lib/libvee.so.0 -> libvee.so.$VERSION
$P/lib/pkgconfig/libvee.pc
$P/sbin/vee
$P/share/bash-completion/completions/vee
$P/share/doc/vee/examples/modules-load.d/vee.conf
$P/share/doc/vee/examples/vee-example.c
$P/share/man/man3/libvee.3
$P/share/man/man8/vee.8"
	want=$(echo "$want" | LC_ALL=C sort)
	got=$(cd "$D" && find . ! -type d -printf '/%P%l\n' |
		sed 's|^\(/[^ ]*\.so[.0-9]*\)\(libvee.*\)$|\1 -> \2|' | LC_ALL=C sort)
	[ "$got" = "$want" ] || fail "installed files differ:
$(diff <(echo "$want") <(echo "$got"))"
	[ "$(stat -c %a "$D$P/sbin/vee")" = 755 ] || fail "vee not 0755"
	cmp -s "$D$P/sbin/vee" build/vee || fail "installed vee is not build/vee"
}

# pc: pkg-config against the DESTDIR only (plus the system's libmnl).
pc() {
	PKG_CONFIG_SYSROOT_DIR="$D" PKG_CONFIG_PATH="$D$P/lib/pkgconfig" \
		pkg-config "$@"
}

t pkg_config_gives_installed_paths
pkg_config_gives_installed_paths() {
	[ "$(pc --modversion libvee)" = "$VERSION" ] || fail "version $(pc --modversion libvee)"
	# The installed headers, and nothing outside the DESTDIR (libmnl's
	# /usr/include comes out sysroot-prefixed too, and is harmless).
	cflags=$(pc --cflags libvee)
	[[ " $cflags " == *" -I$D$P/include "* ]] || fail "cflags: $cflags"
	for f in $cflags; do
		[[ $f != -I* || $f == -I$D/* ]] || fail "cflags outside DESTDIR: $cflags"
	done
	[ "$(echo $(pc --libs libvee))" = "-L$D$P/lib -lvee" ] || fail "libs: $(pc --libs libvee)"
	grep -qx "prefix=$P" "$D$P/lib/pkgconfig/libvee.pc" || fail "prefix"
}

t library_exports_exactly_the_header_api
library_exports_exactly_the_header_api() {
	lib=$D$P/lib/libvee.so.0
	[ "$(readelf -d "$lib" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')" = libvee.so.0 ] ||
		fail "SONAME"
	api=$(grep -o 'VEE_API [a-z]* *\*\{0,1\}vee_[a-z_]*' "$D$P/include/vee.h" |
		sed 's/.*[ *]//' | sort)
	exported=$(nm -D --defined-only "$lib" | awk '$2 == "T" { sub(/@.*/, "", $3); print $3 }' | sort)
	[ -n "$api" ] && [ "$api" = "$exported" ] ||
		fail "exports differ from <vee.h>: $(diff <(echo "$api") <(echo "$exported"))"
	nm -D --defined-only "$lib" | grep -q ' vee_nl_get@@VEE_0$' || fail "no VEE_0 version"
}

t man_pages_render_without_warnings
man_pages_render_without_warnings() {
	for m in "$D$P/share/man/man8/vee.8" "$D$P/share/man/man3/libvee.3"; do
		out=$(groff -man -ww -z "$m" 2>&1)
		[ -z "$out" ] || fail "$m: $out"
	done
	# Every command of the tool has its entry in vee(8).
	for c in $(build/vee --help | awk '/^Commands:/ { on = 1; next } on && NF == 0 { exit } on { print $1 }'); do
		grep -q "^\.B[IR]* \"*$c[ \"]" "$D$P/share/man/man8/vee.8" || fail "vee(8) lacks $c"
	done
}

t example_builds_against_installed_files_only
example_builds_against_installed_files_only() {
	mkdir -p "$work/ex"
	cp "$D$P/share/doc/vee/examples/vee-example.c" "$work/ex/"
	(cd "$work/ex" && cc -Wall -Wextra -Werror -o vee-example vee-example.c \
		$(pc --cflags --libs libvee)) 2>&1 || fail "example does not build"
	readelf -d "$work/ex/vee-example" | grep -q 'NEEDED.*\[libvee\.so\.0\]' ||
		fail "example not linked to libvee.so.0"
	cp tests/host/complete_domain.bash "$work/ex/"
}

for k in $KERNELS; do
	eval "example_runs_in_vm_$k() { example_in_vm $k; }"
	t "example_runs_in_vm_$k"
done
example_in_vm() {
	[ -x "$work/ex/vee-example" ] || fail "example not built"
	# ldd (in vm-run) resolves libvee from the DESTDIR, like the guest will.
	LD_LIBRARY_PATH="$D$P/lib" scripts/vm-run --kernel "$1" \
		--file "$D$P:$P" --file "$work/ex:/ex" \
		--file tests/host/example_guest.sh:/ex/example_guest.sh \
		-- /ex/example_guest.sh /ex >"$work/vm.log" 2>&1 ||
		fail "VM run on $1: $(cat "$work/vm.log")"
	grep -q '^ok 1 example_domain_lives_and_goes' "$work/vm.log" ||
		fail "$(cat "$work/vm.log")"
}

t uninstall_leaves_no_file
uninstall_leaves_no_file() {
	make -s uninstall DESTDIR="$D" >"$work/make.log" 2>&1 ||
		fail "make uninstall: $(cat "$work/make.log")"
	left=$(find "$D" ! -type d)
	[ -z "$left" ] || fail "left behind: $left"
	[ ! -e "$D$P/share/doc/vee" ] || fail "doc directory left"
}

t_main
echo "install: $((t_n - t_failed)) passed, $t_failed failed"
[ "$t_failed" = 0 ]
