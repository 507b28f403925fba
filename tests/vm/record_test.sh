#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vee record: a CSV of every domain while a workload with known counts
# runs, a domain destroyed and one created mid-recording, the bounds, a
# clean stop on a signal, and refused arguments.
. "$(dirname "$0")/lib.sh"

HEADER="sample,time_s,unix_time,id,name,state,cpu_usage_us,memory_current,memory_peak,pids_current,forks,execs,exits,ctx_switches_voluntary,ctx_switches_involuntary,page_faults,syscalls,io_read_bytes,io_write_bytes,net_rx_bytes,net_tx_bytes,oom_kills,memory_limit_hits,pids_limit_hits"

# The file is whole: the header, then rows of 24 fields, each line ended.
check_shape() {
	[ "$(head -n 1 "$1")" = "$HEADER" ] || fail "header: $(head -n 1 "$1")"
	[ "$(tail -c 1 "$1" | od -An -c | tr -d ' ')" = '\n' ] ||
		fail "last line unterminated"
	awk -F, 'NR > 1 && NF != 24 { print "line " NR ": " $0; bad = 1 }
		END { exit bad }' "$1" || fail "rows of the wrong width"
}

# wait_rows STRING N FILE: until FILE has N lines holding STRING (60 s at
# most: the debug kernel is slow).
wait_rows() {
	i=0
	while :; do
		# No file yet: no count at all.
		c=$(grep -c -- "$1" "$3" 2>/dev/null || true)
		[ "${c:-0}" -lt "$2" ] || return 0
		[ $i -lt 600 ] || fail "never $2 rows with '$1' in $3"
		sleep 0.1
		i=$((i + 1))
	done
}

t workload_domains_coming_and_going
workload_domains_coming_and_going() {
	vee create steady
	vee create gone
	rm -f /tmp/r.csv
	vee record --interval 0.2 --output /tmp/r.csv &
	rec=$!
	# Paced by what the file shows, not by sleeps: the workload takes
	# 1 s on the stock kernels and 5 s or more under KASAN.
	wait_rows ',gone,' 1 /tmp/r.csv
	vee run --keep --name work -- workload forkexec 40 /bin/true >/dev/null
	vee destroy gone
	# The second sample from now began after the destroy.
	wait_rows ',steady,' $(($(grep -c ',steady,' /tmp/r.csv) + 2)) /tmp/r.csv
	kill -INT $rec
	wait $rec || fail "vee record exited $?"
	check_shape /tmp/r.csv
	# Samples numbered 0 to n - 1; one row per domain per sample.
	n=$(grep -c ',steady,' /tmp/r.csv)
	awk -F, -v n="$n" 'NR > 1 { c[$1]++; s[$1 "," $5]++ }
		END {
			for (i = 0; i < n; i++) if (!(i in c)) { print "no sample " i; exit 1 }
			for (k in c) if (k + 0 < 0 || k + 0 >= n) { print "sample " k; exit 1 }
			for (k in s) if (s[k] != 1) { print "twice: " k; exit 1 }
		}' /tmp/r.csv || fail "samples"
	# steady is in every sample; gone stops, work starts, each in one run.
	for d in steady gone work; do
		awk -F, -v d=$d 'NR > 1 && $5 == d { if (seen && $1 != last + 1) exit 1
			seen = 1; last = $1 } END { exit !seen }' /tmp/r.csv ||
			fail "$d's rows are not one run of samples"
	done
	g=$(grep -c ',gone,' /tmp/r.csv)
	w=$(grep -c ',work,' /tmp/r.csv)
	[ "$g" -ge 1 ] && [ "$g" -lt "$n" ] || fail "gone has $g of $n rows"
	[ "$w" -ge 1 ] && [ "$w" -lt "$n" ] || fail "work has $w of $n rows"
	grep -q '^0,0\.[0-9][0-9][0-9],[0-9]*\.[0-9][0-9][0-9],[0-9]*,gone,' /tmp/r.csv ||
		fail "gone not in sample 0"
	# Samples are due every 0.2 s from the first (a late one skips slots,
	# never bunches): sample k is taken k * 0.2 s after the first or later.
	awk -F, 'NR > 1 && $2 + 0.005 < $1 * 0.2 { print; exit 1 }' /tmp/r.csv ||
		fail "a sample came early"
	# time_s: one value per sample, growing with it; counters and CPU
	# time never go down for a domain.
	awk -F, 'NR > 1 {
			if (($1 in t) && t[$1] != $2) { print "time of " $1; exit 1 }
			t[$1] = $2
			if (($4 in last) && $1 > 0 && $2 + 0 < lt[$4]) { print "time back"; exit 1 }
			for (c = 7; c <= 24; c++)
				if (c != 8 && c != 10 && ($4 in last) &&
				    $c + 0 < v[$4, c]) { print "column " c " down: " $0; exit 1 }
			for (c = 7; c <= 24; c++) v[$4, c] = $c + 0
			last[$4] = 1; lt[$4] = $2 + 0
		}' /tmp/r.csv || fail "not monotonic"
	# The workload's known count, as vee stats sees it too.
	f=$(awk -F, '$5 == "work" { f = $11 } END { print f }' /tmp/r.csv)
	[ "$f" = 41 ] || fail "work's last forks = $f, wanted 41"
	vee stats work --json | grep -q '"forks":41,' || fail "json forks"
	vee destroy steady
	vee destroy work
}

t duration_bounds_the_recording
duration_bounds_the_recording() {
	vee create dur
	vee record --interval 0.25 --duration 1 --output /tmp/d.csv
	check_shape /tmp/d.csv
	# Samples at 0, 0.25, ... 1.0: five (fewer only if a slot was missed).
	n=$(grep -c ',dur,' /tmp/d.csv)
	[ "$n" -ge 3 ] && [ "$n" -le 5 ] || fail "$n samples in 1 s"
	vee destroy dur
}

t a_signal_stops_it_with_the_file_whole
a_signal_stops_it_with_the_file_whole() {
	vee create sig
	for s in INT TERM; do
		vee record --interval 0.1 --output /tmp/s.csv &
		rec=$!
		sleep 1
		kill -$s $rec
		wait $rec || fail "SIG$s: vee record exited $?"
		check_shape /tmp/s.csv
		n=$(grep -c ',sig,' /tmp/s.csv)
		[ "$n" -ge 2 ] || fail "SIG$s: only $n rows"
	done
	# To stdout, for pipes.
	vee record --interval 0.1 --count 3 --output - >/tmp/o.csv
	check_shape /tmp/o.csv
	[ "$(grep -c ',sig,' /tmp/o.csv)" = 3 ] || fail "stdout rows"
	vee destroy sig
}

t bad_arguments_are_refused
bad_arguments_are_refused() {
	rm -f /tmp/bad.csv
	for i in 0 -1 0.05 3601 1e3 abc 0.0001; do
		expect_status 2 "--interval: '$i'" -- \
			vee record --interval "$i" --output /tmp/bad.csv
	done
	expect_status 2 "--count: '0'" -- vee record --count 0 --output /tmp/bad.csv
	expect_status 2 "--duration: 'x'" -- vee record --duration x --output /tmp/bad.csv
	expect_status 2 "--duration: '31536001'" -- \
		vee record --duration 31536001 --output /tmp/bad.csv
	expect_status 2 "--output FILE is required" -- vee record --count 1
	expect_status 2 "unexpected argument 'x'" -- vee record -o /tmp/bad.csv x
	[ ! -e /tmp/bad.csv ] || fail "a refused command made the file"
	expect_status 1 "cannot write '/nonexistent/r.csv'" -- \
		vee record --count 1 --output /nonexistent/r.csv
	expect_status 1 "cannot write '/tmp': Is a directory" -- \
		vee record --count 1 --output /tmp
	# /dev/full: the write fails and says so.
	expect_status 1 "writing '/dev/full'" -- vee record --count 1 -o /dev/full
}

t_main
