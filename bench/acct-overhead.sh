#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Runs inside the VM (scripts/vm-run; see bench/run): how much the
# accounting probes slow the workloads of tests/vm/workload.c, as ratios of
# median wall times measured in this one run.  Five configurations:
#   off       in a domain with accounting off
#   default   in a domain with the default families
#   all       in a domain with every family, syscall included
#   outside   outside any domain, vee.ko loaded, while another domain
#             keeps the default probes registered
#   unloaded  outside any domain, vee.ko unloaded (rmmod; insmod again
#             afterwards, so all five share one boot)
# Every run is pinned to CPU 0 (a domain's --cpuset 0, or taskset).  The
# configurations alternate, so slow drift in the emulator hits all alike.
# Writes every run to $CSV (workload,config,rep,us).
set -eu
REPS=${REPS:-7}
CSV=${CSV:-/tmp/acct.csv}
export PATH="/tests:$PATH"
PROG=/bin/true
[ -x /true ] && PROG=/true
CONFIGS="off default all outside unloaded"

# median of the numbers on stdin
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
ratio() { awk "BEGIN { printf \"%.3f\", $1 / $2 }"; }

# one CONFIG WORKLOAD...: the workload's own wall time, in microseconds.
one() {
	cfg=$1
	shift
	case $cfg in
	off) set -- vee run --cpuset 0 --account none -- workload "$@" ;;
	default) set -- vee run --cpuset 0 -- workload "$@" ;;
	all) set -- vee run --cpuset 0 --account all -- workload "$@" ;;
	*) set -- taskset -c 0 workload "$@" ;;
	esac
	"$@" | sed -n 's/^elapsed_us //p'
}

# Before "unloaded": no domain, no module; after it, both back.
unload() {
	vee destroy acct-holder
	rmmod vee
}
reload() {
	insmod "$VEE_KO"
	vee create acct-holder
}

: >"$CSV"
vee create acct-holder
echo "# workload|off|default|all|outside|unloaded (median us)|default/off|all/off|outside/unloaded|default/unloaded"
for w in "pingpong 20000" "forkexec 200 $PROG" "getppid 1000000" \
	"pages 100000"; do
	i=0
	while [ $i -lt "$REPS" ]; do
		for c in $CONFIGS; do
			[ "$c" != unloaded ] || unload
			# shellcheck disable=SC2086 # the workload's words
			echo "$w,$c,$i,$(one "$c" $w)" >>"$CSV"
			[ "$c" != unloaded ] || reload
		done
		i=$((i + 1))
	done
	line="$w"
	for c in $CONFIGS; do
		m=$(grep "^$w,$c," "$CSV" | cut -d, -f4 | median)
		eval "m_$c=$m"
		line="$line|$m"
	done
	# shellcheck disable=SC2154 # set by the eval above
	echo "$line|$(ratio "$m_default" "$m_off")|$(ratio "$m_all" "$m_off")|$(ratio "$m_outside" "$m_unloaded")|$(ratio "$m_default" "$m_unloaded")"
done
vee destroy acct-holder
echo "# median of $REPS alternating runs per configuration; forkexec runs $PROG"
