#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Runs inside the VM (scripts/vm-run; see bench/run): how much the
# accounting probes slow the workloads of tests/vm/workload.c, as ratios of
# median wall times measured in this one run.  Each workload runs in a
# domain pinned to CPU 0 with accounting off, with the default families,
# and with every family including syscall; the configurations alternate,
# so slow drift in the emulator hits all of them alike.
set -eu
REPS=${REPS:-5}
export PATH=/tests:$PATH

# median of the numbers on stdin
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# one ACCOUNT WORKLOAD...: the workload's own wall time, in microseconds.
one() {
	acct=$1
	shift
	vee run --cpuset 0 --account "$acct" -- workload "$@" |
		sed -n 's/^elapsed_us //p'
}

printf '%-24s %12s %12s %12s %9s %9s\n' workload "off (us)" "default (us)" \
	"all (us)" default all
for w in "pingpong 20000" "forkexec 200 /bin/true" "getppid 1000000" \
	"pages 40000"; do
	: >/tmp/b.none; : >/tmp/b.def; : >/tmp/b.all
	i=0
	while [ $i -lt "$REPS" ]; do
		one none $w >>/tmp/b.none
		one sched,fork,fault,io,net,oom $w >>/tmp/b.def
		one all $w >>/tmp/b.all
		i=$((i + 1))
	done
	n=$(median </tmp/b.none) d=$(median </tmp/b.def) a=$(median </tmp/b.all)
	printf '%-24s %12d %12d %12d %9s %9s\n' "$w" "$n" "$d" "$a" \
		"$(awk "BEGIN { printf \"%.3f\", $d / $n }")" \
		"$(awk "BEGIN { printf \"%.3f\", $a / $n }")"
done
echo "(ratios over accounting off; median of $REPS alternating runs each)"
