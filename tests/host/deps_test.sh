#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Dependencies come before the build, and scripts/install-deps installs
# all of them (issue 12).  Two halves:
#
# 1. Every entry point of the README, run for real in a copy of the tree
#    as on a fresh machine.  scripts/install-deps is a stand-in that
#    records that it ran and ends the run there; cc, gcc, ld, as ... are
#    stand-ins that record a compile and end the run; pkg-config records
#    its queries and finds nothing (a fresh machine has neither it nor the
#    libraries); apt-get and qemu record and end the run.  `make demo`,
#    `check`, `check-debug`, `bench`, `fuzz` and `deb` must reach
#    install-deps with nothing of that before it.  `make` (all, tool,
#    module, install, modules_install) must install nothing and compile
#    nothing, and say in one line that scripts/install-deps installs what
#    is missing; with the libraries found, `make tool` must compile (the
#    stand-ins do see the build).
#
# 2. What the build uses, derived from the build, against what
#    scripts/install-deps installs (its PACKAGES and everything they
#    depend on, as dpkg knows it here) and what every Debian system has
#    (Essential and Priority: required packages): each #include <...> of
#    userspace/, include/, tests/ (but the kernel's tests/debug), bench/
#    and examples/, resolved by the compiler; each pkg-config module the
#    Makefile asks about (logged from a dry run, and its PC_DEPS list,
#    whose Debian package names must be right); each -l library of the
#    dry run's link lines; each program that the host's scripts and the
#    Makefile's recipes run (tests/host/shell-commands.pl), sparse for
#    Kbuild's C=1/C=2.  File to package: dpkg -S.  A header, module or
#    program not found on this machine fails too: after install-deps, as
#    in make check, it is one install-deps does not install.
#
# usage: tests/host/deps_test.sh [TREE]
# TREE defaults to this checkout; another revision's tree works (git
# archive REV | tar -x -C DIR).  Installs and removes nothing; writes only
# under a temporary directory.  Ends with "deps: N passed, N failed".
# Lists are split into words on purpose (packages, goals, flags).
# shellcheck disable=SC2086,SC2116
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tree=$(cd "${1:-$here/../..}" && pwd) || exit 2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vee-deps.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# What the scripts run as on a fresh machine: no /usr/local stand-ins.
SYSPATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }
diag() { sed 's/^/#   /'; }

# ---- 1. the entry points, in a copy of the tree -----------------------------

sb=$tmp/tree
mkdir -p "$sb" "$tmp/bin" "$tmp/home" "$tmp/cache"
tar -C "$tree" -c --exclude=./build --exclude=./.git . | tar -x -C "$sb"
ev=$tmp/events
out=$tmp/out

# stub NAME KIND [END]: a stand-in that appends "KIND: NAME ARGS" to the
# event log and, with END, kills the run (timeout's process group).
# shellcheck disable=SC2016 # the stand-in expands them
stub() {
	{
		echo '#!/bin/sh'
		echo "echo \"$2: \${0##*/} \$*\" >>\"\$VEE_DEPS_EVENTS\""
		if [ "${3:-}" = end ]; then
			echo 'kill -KILL 0'
		else
			# pkg-config: finds every module (all) or none.
			echo '[ "$VEE_DEPS_PC" = all ]'
		fi
	} >"$1"
	chmod +x "$1"
}
for c in cc c89 c99 gcc gcc-12 gcc-13 gcc-14 clang as ld ld.bfd ld.gold \
	x86_64-linux-gnu-gcc x86_64-linux-gnu-gcc-12 x86_64-linux-gnu-as \
	x86_64-linux-gnu-ld; do
	stub "$tmp/bin/$c" compile end
done
for c in apt-get apt aptitude; do stub "$tmp/bin/$c" apt end; done
stub "$tmp/bin/qemu-system-x86_64" qemu end
stub "$tmp/bin/pkg-config" pkg-config
stub "$sb/scripts/install-deps" install-deps end

# run PC ARG...: `make ARG...` in the copy, with pkg-config finding all
# modules or none (PC), in a clean environment; sets $rc, fills $out
# (stdout and stderr) and $ev (the stand-ins' log).
run() {
	local pc=$1
	shift
	: >"$ev"
	rm -rf "$sb/build"
	# The stand-ins kill the run: no "Killed" notes from bash.
	{ (cd "$sb" && exec env -i PATH="$tmp/bin:$SYSPATH" HOME="$tmp/home" LANG=C.UTF-8 \
		VEE_CACHE="$tmp/cache" VEE_DEPS_EVENTS="$ev" VEE_DEPS_PC="$pc" \
		timeout -s KILL 120 make "$@" </dev/null >"$out" 2>&1); } 2>/dev/null
	rc=$?
}

# show: what a failed run did.
show() {
	{
		echo "exit $rc; events:"
		sed 's/^/  /' "$ev" | cut -c1-200 | head -n 20
		echo "output:"
		sed 's/^/  /' "$out" | cut -c1-200 | tail -n 15
	} | diag
}

# Goals of the README's commands (`make X` in code blocks or in `...`).
# shellcheck disable=SC2016 # backquotes, not expansions
readme_goals=$(sed -n '/^```/,/^```/p' "$tree/README.md" |
	grep -oE '(^|&& |; |sudo )make( [a-z][a-z_-]*)?' | sed -E 's/^(&& |; |sudo )//'
	grep -oE '`make( [a-z][a-z_-]*)?[ `]' "$tree/README.md" | tr -d '`' | sed 's/ $//')
readme_goals=$(printf '%s\n' "$readme_goals" | sed -E 's/^make ?//; s/^$/(default)/' | sort -u)

# Goals that must run scripts/install-deps before anything else.
FIRST="demo check check-debug bench fuzz deb"
# Goals that build: they install nothing, and stop in one line before
# compiling when something is missing (the cases below).
BUILD="(default) all tool module install modules_install"
# Goals that build nothing.
NONE="clean dkms-src uninstall modules_uninstall lint"

missing_goals=
for g in $readme_goals; do
	case " $FIRST $BUILD $NONE " in
	*" $g "*) ;;
	*) missing_goals+=" $g" ;;
	esac
done
if [ -z "$missing_goals" ]; then
	ok "every make goal of the README is checked here ($(echo $readme_goals))"
else
	not_ok "README goals this test does not know:$missing_goals (add them to FIRST, BUILD or NONE)"
fi

for g in $FIRST; do
	run none "$g"
	first=$(grep -n -m1 '^install-deps:' "$ev" | cut -d: -f1)
	if [ -z "$first" ]; then
		not_ok "make $g reaches scripts/install-deps before it compiles"
		echo "never reached scripts/install-deps" | diag
		show
	elif [ "$first" -gt 1 ]; then
		not_ok "make $g reaches scripts/install-deps before it compiles"
		{
			echo "before scripts/install-deps (a fresh machine has no compiler, pkg-config or libraries):"
			head -n $((first - 1)) "$ev" | cut -c1-200 | head -n 10 | sed 's/^/  /'
		} | diag
		show
	else
		ok "make $g reaches scripts/install-deps before it compiles"
	fi
done

# expect_stop WANT ARG...: make ARG... with nothing found stops in one line
# that names WANT and scripts/install-deps, and compiles nothing.
expect_stop() {
	local want=$1 name
	shift
	name="make ${*:-(no goal)}"
	name=${name/ DESTDIR=$tmp\/dest/}
	run none "$@"
	if [ "$rc" != 0 ] && [ "$(wc -l <"$out")" = 1 ] &&
		grep -q 'scripts/install-deps' "$out" && grep -qw -- "$want" "$out" &&
		! grep -qv '^pkg-config:' "$ev"; then
		ok "$name with $want missing stops in one line: $(cut -c1-160 "$out")"
	else
		not_ok "$name with $want missing: one line naming $want and scripts/install-deps, nothing compiled or installed"
		show
	fi
}
nokver=0.0.0-vee-none
expect_stop libmnl-dev
expect_stop libmnl-dev all
expect_stop libmnl-dev tool
expect_stop "linux-headers-$nokver" module KVER=$nokver
expect_stop libmnl-dev install DESTDIR="$tmp/dest"
expect_stop "linux-headers-$nokver" modules_install KVER=$nokver DESTDIR="$tmp/dest"

# The other way round, which also shows that the stand-ins see the build.
run all tool
if ! grep -q 'missing build dependencies' "$out" && grep -q '^compile:' "$ev" &&
	! grep -q '^install-deps:' "$ev"; then
	ok "make tool with everything found compiles, without installing"
else
	not_ok "make tool with everything found compiles, without installing"
	show
fi
run all tool CC=/nonexistent/cc
if [ "$rc" != 0 ] && grep -q 'scripts/install-deps' "$out" && grep -qw gcc "$out" &&
	! grep -q '^compile:' "$ev"; then
	ok "make tool without a compiler names gcc"
else
	not_ok "make tool without a compiler names gcc"
	show
fi

# ---- 2. what the build uses, against what install-deps installs ------------

# install-deps' PACKAGES, read (never run: it would install).
packages=$(perl -0ne 'my %v;
	$v{$1} = $2 while /^([A-Z_]+)="([^"]*)"/mg;
	my $p = $v{PACKAGES} // "";
	$p =~ s/\$\{?(\w+)\}?/$v{$1} \/\/ ""/ge;
	print "$_\n" for split " ", $p' "$tree/scripts/install-deps")
if [ -z "$packages" ]; then
	not_ok "scripts/install-deps has a PACKAGES list"
fi

# Installed packages: the closure of PACKAGES under Depends and
# Pre-Depends (alternatives and virtual packages through what is
# installed), and the base every Debian system has.
dpkg-query -W -f='${db:Status-Abbrev}\t${Package}\t${Essential}\t${Priority}\t${Provides}\t${Pre-Depends}, ${Depends}\n' \
	>"$tmp/dpkg" 2>/dev/null
awk -F'\t' -v roots="$(echo $packages)" -v closure="$tmp/closure" -v base="$tmp/base" \
	-v absent="$tmp/absent" '
$1 ~ /^ii/ {
	inst[$2] = 1
	if ($3 == "yes" || $4 == "required") print $2 > base
	k = split($5, pv, /, */)
	for (i = 1; i <= k; i++) { v = pv[i]; sub(/[ :].*/, "", v); if (v != "") prov[v] = prov[v] " " $2 }
	deps[$2] = $6
}
END {
	nq = split(roots, q, " ")
	for (h = 1; h <= nq; h++) {
		p = q[h]
		if (p in seen) continue
		seen[p] = 1
		if (!(p in inst)) { if (h <= split(roots, r, " ")) print p > absent; continue }
		print p > closure
		m = split(deps[p], g, /, */)
		for (j = 1; j <= m; j++) {
			k = split(g[j], alt, /\|/)
			for (a = 1; a <= k; a++) {
				d = alt[a]; sub(/^ +/, "", d); sub(/[ :].*/, "", d)
				if (d == "") continue
				if (d in inst) q[++nq] = d
				if (d in prov) { c = split(prov[d], pp, " "); for (x = 1; x <= c; x++) q[++nq] = pp[x] }
			}
		}
	}
}' "$tmp/dpkg"
touch "$tmp/closure" "$tmp/base" "$tmp/absent"
if [ -s "$tmp/absent" ]; then
	echo "# not installed here (run scripts/install-deps): $(xargs <"$tmp/absent")"
fi
# covered PKG...: one of them is installed by install-deps or always there.
covered() {
	local p
	for p; do
		grep -qxF -- "$p" "$tmp/closure" "$tmp/base" && return 0
	done
	return 1
}

# owners: "PATH<TAB>PACKAGE[ PACKAGE...]" for each path read that a
# package owns: as given, resolved, or on the other side of the /usr merge.
owners() {
	local p c v
	local -A cand=()
	local -a paths=()
	while IFS= read -r p; do
		paths+=("$p")
		for c in "$p" "$(readlink -f "$p" 2>/dev/null)"; do
			[ -n "$c" ] || continue
			for v in "$c" "${c#/usr}" "/usr$c"; do cand[$v]=1; done
		done
	done
	[ ${#paths[@]} -gt 0 ] || return 0
	local -A own=()
	while IFS= read -r line; do
		[[ $line == diversion* ]] && continue
		local pk=${line%%: /*} f=/${line#*: /}
		pk=${pk//:amd64/}
		pk=${pk//:all/}
		own[$f]=${pk//,/}
	done < <(dpkg -S "${!cand[@]}" 2>/dev/null)
	for p in "${paths[@]}"; do
		for c in "$p" "$(readlink -f "$p" 2>/dev/null)"; do
			[ -n "$c" ] || continue
			for v in "$c" "${c#/usr}" "/usr$c"; do
				if [ -n "${own[$v]:-}" ]; then
					printf '%s\t%s\n' "$p" "${own[$v]}"
					continue 3
				fi
			done
		done
	done
}

# Ask the Makefile, dry, with pkg-config finding everything: the modules
# it asks about and the compile and link lines (the bench programs too).
run all -pn tool
bench_bin=$(sed -n 's/^BENCH_BIN := //p' "$out" | head -n1)
pc_deps=$(sed -n 's/^PC_DEPS := //p' "$out" | head -n1)
run all -n -B tool lib tests unit $bench_bin
cp "$out" "$tmp/dry"
modules=$( (sed -n 's/^pkg-config: pkg-config //p' "$ev" | tr ' ' '\n' |
	grep -vE '^(-|[<>=]|[0-9]|$)'
	for d in $pc_deps; do echo "${d%%:*}"; done) | sort -u)
if [ "$rc" != 0 ] || ! grep -q -- ' -o ' "$tmp/dry"; then
	not_ok "make -n of the build works (pkg-config finding everything)"
	show
fi

# -- pkg-config modules
problems=()
summary=()
pc_cflags=
for m in $modules; do
	pc=$(pkg-config --path "$m" 2>/dev/null)
	if [ -z "$pc" ]; then
		problems+=("pkg-config module $m is not installed here: no package of install-deps provides it")
		continue
	fi
	pc_cflags+=" $(pkg-config --cflags "$m")"
	pkgs=$(printf '%s\n' "$pc" | owners | cut -f2)
	want=
	for d in $pc_deps; do [ "${d%%:*}" = "$m" ] && want=${d#*:}; done
	if [ -z "$pkgs" ]; then
		problems+=("pkg-config module $m ($pc) comes from no Debian package")
	elif ! covered $pkgs; then
		problems+=("pkg-config module $m comes from $pkgs, which scripts/install-deps does not install")
	fi
	if [ -z "$want" ]; then
		problems+=("pkg-config module $m is not in the Makefile's PC_DEPS: plain make would not say it is missing")
	elif [ -n "$pkgs" ] && ! grep -qw -- "$want" <<<"$pkgs"; then
		problems+=("PC_DEPS says $m comes from $want, dpkg says $pkgs")
	fi
	summary+=("$m:$pkgs")
done
if [ ${#problems[@]} = 0 ] && [ -n "$modules" ]; then
	ok "pkg-config modules come from packages install-deps installs (${summary[*]})"
else
	not_ok "pkg-config modules come from packages install-deps installs"
	printf '%s\n' "${problems[@]}" | diag
fi

# -- headers
problems=()
CC_REAL=$(PATH=$SYSPATH command -v "${CC:-cc}") || CC_REAL=
if [ -z "$CC_REAL" ]; then
	not_ok "every #include <...> comes from a package install-deps installs"
	echo "no compiler here to resolve them with (run scripts/install-deps)" | diag
else
	(cd "$tree" && find userspace include tests bench examples \
		-path tests/debug -prune -o -name '*.[ch]' -print 2>/dev/null) | sort >"$tmp/srcs"
	(cd "$tree" && xargs grep -HoE '^[[:space:]]*#[[:space:]]*include[[:space:]]*<[^>]+>' <"$tmp/srcs") |
		sed -E 's/^([^:]*):.*<([^>]+)>.*/\2\t\1/' | sort -u -k1,1 >"$tmp/includes"
	: >"$tmp/headers"
	while IFS=$'\t' read -r h src; do
		# shellcheck disable=SC2086 # the flags are words
		f=$(printf '#include <%s>\n' "$h" | "$CC_REAL" -D_GNU_SOURCE -I"$tree/include" \
			-I"$tree/include/uapi" -I"$tree/userspace" -I"$tree/tests" $pc_cflags \
			-E -H -x c - -o /dev/null 2>&1 | sed -n 's/^\. //p' | head -n1)
		case $f in
		"") problems+=("<$h> ($src) is not found here: no package of install-deps provides it") ;;
		"$tree"/*) ;;	# our own
		*) printf '%s\t%s\t%s\n' "$f" "$h" "$src" >>"$tmp/headers" ;;
		esac
	done <"$tmp/includes"
	cut -f1 "$tmp/headers" | owners >"$tmp/header-owners"
	declare -A hpkgs=()
	while IFS=$'\t' read -r f h src; do
		pkgs=$(awk -F'\t' -v f="$f" '$1 == f { print $2; exit }' "$tmp/header-owners")
		if [ -z "$pkgs" ]; then
			problems+=("<$h> ($src) is $f, which no Debian package owns")
		elif ! covered $pkgs; then
			problems+=("<$h> ($src) comes from $pkgs, which scripts/install-deps does not install")
		fi
		hpkgs[$pkgs]=1
	done <"$tmp/headers"
	if [ ${#problems[@]} = 0 ]; then
		ok "every #include <...> comes from a package install-deps installs ($(wc -l <"$tmp/includes") headers; $(printf '%s\n' "${!hpkgs[@]}" | sort | xargs))"
	else
		not_ok "every #include <...> comes from a package install-deps installs"
		printf '%s\n' "${problems[@]}" | diag
	fi
fi

# -- libraries the link lines name (-lX); pkg-config's gave none here
problems=()
libs=$(grep -oE '(^|[[:space:]])-l[A-Za-z0-9_+.-]+' "$tmp/dry" | sed 's/^[[:space:]]*-l//' | sort -u)
: >"$tmp/libfiles"
for l in $libs; do
	f=
	if [ -n "$CC_REAL" ]; then
		for ext in so a; do
			f=$("$CC_REAL" -print-file-name="lib$l.$ext")
			[[ $f == /* ]] && break
			f=
		done
	fi
	if [ -z "$f" ]; then
		problems+=("-l$l is not found here: no package of install-deps provides it")
	else
		printf '%s\t%s\n' "$f" "$l" >>"$tmp/libfiles"
	fi
done
cut -f1 "$tmp/libfiles" | owners >"$tmp/lib-owners"
while IFS=$'\t' read -r f l; do
	pkgs=$(awk -F'\t' -v f="$f" '$1 == f { print $2; exit }' "$tmp/lib-owners")
	if [ -z "$pkgs" ] || ! covered $pkgs; then
		problems+=("-l$l ($f) comes from ${pkgs:-no package}, which scripts/install-deps does not install")
	fi
done <"$tmp/libfiles"
if [ ${#problems[@]} = 0 ]; then
	ok "every -l library of the link lines comes from a package install-deps installs ($(echo $libs))"
else
	not_ok "every -l library of the link lines comes from a package install-deps installs"
	printf '%s\n' "${problems[@]}" | diag
fi

# -- programs the host's scripts and the Makefile's recipes run
# Scripts that run in the guest (busybox), not on the host.
GUEST="scripts/vm-init scripts/demo-guest.sh bench/guest.sh bench/start.sh
	bench/acct-overhead.sh bench/scale.sh tests/host/example_guest.sh"
host_scripts=()
for f in "$tree"/scripts/* "$tree"/bench/* "$tree"/tests/host/* "$tree"/tests/unit/*.sh; do
	[ -f "$f" ] || continue
	r=${f#"$tree"/}
	case " $(echo $GUEST) " in *" $r "*) continue ;; esac
	head -n1 "$f" | grep -qE '^#!.*(/|env )(ba)?sh\b' && host_scripts+=("$r")
done
(cd "$tree" && perl "$here/shell-commands.pl" --defs=tests/vm/lib.sh \
	--defs=dist/vee.bash-completion "${host_scripts[@]}" &&
	perl "$here/shell-commands.pl" --make Makefile mk/*.mk debian/rules) >"$tmp/cmds"
# Kbuild's C=1 or C=2 runs sparse.
grep -nE '(^|[^A-Z_])C=[12]\b' "$tree/Makefile" "${host_scripts[@]/#/$tree/}" 2>/dev/null |
	head -n1 | awk -F: -v t="$tree/" '{ sub(t, "", $1); print "sparse\t" $1 ":" $2 }' >>"$tmp/cmds"
# The Makefile's compiler, $(CC) in its recipes.
printf 'cc\tMakefile\n' >>"$tmp/cmds"
builtins=" $(compgen -b | xargs) $(compgen -k | xargs) "
problems=()
notes=()
: >"$tmp/toolfiles"
declare -A tool_seen=()
while IFS=$'\t' read -r c where; do
	[ -z "${tool_seen[$c]:-}" ] || continue
	tool_seen[$c]=1
	case $builtins in *" $c "*) continue ;; esac
	[ "${c##*/}" != vee ] || continue	# ours
	if [[ $c == /* ]]; then
		f=$c
		[ -e "$f" ] || f=
	else
		f=$(PATH=$SYSPATH type -P "$c")
	fi
	if [ -z "$f" ]; then
		notes+=("$c ($where) is not installed here: a program that scripts/install-deps does not install")
	else
		printf '%s\t%s\t%s\n' "$f" "$c" "$where" >>"$tmp/toolfiles"
	fi
done <"$tmp/cmds"
cut -f1 "$tmp/toolfiles" | owners >"$tmp/tool-owners"
declare -A tpkgs=()
while IFS=$'\t' read -r f c where; do
	pkgs=$(awk -F'\t' -v f="$f" '$1 == f { print $2; exit }' "$tmp/tool-owners")
	case " $pkgs " in *" vee "* | *" vee-dkms "*) continue ;; esac	# ours
	if [ -z "$pkgs" ]; then
		problems+=("$c ($where) is $f, which no Debian package installs")
	elif ! covered $pkgs; then
		problems+=("$c ($where) comes from $pkgs, which scripts/install-deps does not install")
	else
		covered $pkgs && ! grep -qxF -- "${pkgs%% *}" "$tmp/base" && tpkgs[${pkgs%% *}]=1
	fi
done <"$tmp/toolfiles"
if [ ${#problems[@]} = 0 ] && [ ${#notes[@]} = 0 ]; then
	ok "every program the host's scripts and the Makefile run comes from a package install-deps installs or every system has ($(wc -l <"$tmp/toolfiles") programs; beyond the base: $(printf '%s\n' "${!tpkgs[@]}" | sort | xargs))"
else
	not_ok "every program the host's scripts and the Makefile run comes from a package install-deps installs or every system has"
	printf '%s\n' ${problems[@]+"${problems[@]}"} ${notes[@]+"${notes[@]}"} | diag
fi

echo "deps: $((n - failed)) passed, $failed failed"
[ "$failed" = 0 ]
