#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# scripts/plot on the host: PNG charts from a CSV that vee record wrote in
# the VM (record.csv: three domains, one of them idle, one limited to half
# a CPU), and clear refusals of CSVs that are not such a file.
. "$(dirname "$0")/../vm/lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
plot=$top/scripts/plot
fixture=$top/tests/host/record.csv
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# png_size FILE: "WIDTH HEIGHT" from a PNG's IHDR, or fails.
png_size() {
	[ "$(od -An -tx1 -N8 "$1" | tr -d ' \n')" = 89504e470d0a1a0a ] ||
		fail "$1 is not a PNG"
	[ "$(dd if="$1" bs=1 skip=12 count=4 2>/dev/null)" = IHDR ] ||
		fail "$1 has no IHDR first"
	od -An -tu1 -j16 -N8 "$1" | awk '{
		print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4,
		      $5 * 16777216 + $6 * 65536 + $7 * 256 + $8 }'
}

t charts_of_several_domains
charts_of_several_domains() {
	"$plot" "$fixture" "$tmp/out" >"$tmp/list"
	[ "$(cat "$tmp/list")" = "$tmp/out/cpu.png
$tmp/out/memory.png
$tmp/out/events.png" ] || fail "listed: $(cat "$tmp/list")"
	[ "$(png_size "$tmp/out/cpu.png")" = "1000 600" ] || fail "cpu size"
	[ "$(png_size "$tmp/out/memory.png")" = "1000 600" ] || fail "memory size"
	[ "$(png_size "$tmp/out/events.png")" = "1200 800" ] || fail "events size"
	# A chart with three lines and labels is far from an empty canvas.
	for f in cpu memory events; do
		[ "$(wc -c <"$tmp/out/$f.png")" -gt 20000 ] || fail "$f.png is tiny"
	done
}

t default_outdir_is_beside_the_csv
default_outdir_is_beside_the_csv() {
	cp "$fixture" "$tmp/run1.csv"
	"$plot" "$tmp/run1.csv" >/dev/null
	png_size "$tmp/run1-plots/cpu.png" >/dev/null
}

# refused WHAT MESSAGE: scripts/plot on $tmp/bad.csv fails saying MESSAGE
# and writes nothing.
refused() {
	rm -rf "$tmp/no"
	expect_status 1 "$2" -- "$plot" "$tmp/bad.csv" "$tmp/no"
	[ ! -e "$tmp/no" ] || fail "$1: wrote $(ls "$tmp/no")"
}

t bad_csvs_are_refused_clearly
bad_csvs_are_refused_clearly() {
	head=$(head -n 1 "$fixture")
	row=$(sed -n 2p "$fixture")
	: >"$tmp/bad.csv"
	refused empty "empty (not a vee record CSV)"
	echo "$head" >"$tmp/bad.csv"
	refused "header only" "a header and no samples"
	printf 'a,b,c\n1,2,3\n' >"$tmp/bad.csv"
	refused "other CSV" "line 1: no column time_s (not a vee record CSV?)"
	printf '%s\n%s,9\n' "$head" "$row" >"$tmp/bad.csv"
	refused "wide row" "line 2: 25 fields, the header has 24"
	printf '%s\n%s\n' "$head" "$(echo "$row" | sed 's/,idle,created,0,/,idle,created,x,/')" >"$tmp/bad.csv"
	refused "not a number" 'line 2: column cpu_usage_us is not a number: "x"'
	{ sed -n 1p "$fixture"; sed -n 6p "$fixture"; sed -n 3p "$fixture"; } >"$tmp/bad.csv"
	refused "time backwards" "line 3: time_s goes backwards (0.258 after 0.505)"
	sed -n 1,4p "$fixture" | grep -v '^0,' >"$tmp/bad.csv"
	refused "one sample" "line 2: one sample only: rates need two"
	head -c 3000 /dev/urandom >"$tmp/bad.csv"
	expect_status 1 "plot: $tmp/bad.csv: line" -- "$plot" "$tmp/bad.csv" "$tmp/no"
	expect_status 1 "no such readable file" -- "$plot" "$tmp/none.csv"
	expect_status 2 "usage" -- "$plot"
	expect_status 2 "usage" -- "$plot" a b c
}

t_main
