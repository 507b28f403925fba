#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Runs inside the instruction-counted VM (bench/run): what confinement
# adds to a start, `vee run -- /true` as confined by default against
# --privileged and against --seccomp unconfined (the rest of the profile:
# capabilities, no_new_privs, masked paths).  Under -icount the times are
# guest instructions, the work a real CPU does: in wall time under TCG a
# start also pays QEMU for translating code at addresses it has not seen,
# which ASLR and the seccomp filter's freshly JIT-compiled program make new
# every run, a cost of the emulator that hardware does not have.  The
# clock ticks every 4 ms in such a guest, so each run's time is quantised
# and the mean says more than the median.  Writes every run to $CSV
# (config,run,us).
set -eu
CSV=${CSV:-/tmp/confine.csv}
ROUNDS=${ROUNDS:-6}
N=${N:-30}
PROG=/bin/true
[ -x /true ] && PROG=/true

cmd() {
	case $1 in
	default) echo "/usr/bin/vee run --mem 64M --pids 64 -- $PROG" ;;
	privileged) echo "/usr/bin/vee run --privileged --mem 64M --pids 64 -- $PROG" ;;
	no-seccomp) echo "/usr/bin/vee run --seccomp unconfined --mem 64M --pids 64 -- $PROG" ;;
	esac
}

CONFIGS="default privileged no-seccomp"
# The accounting probes stay registered between runs: unregistering
# them waits for an RCU grace period, which ends on a clock tick, and
# those waits would be most of each run's time, in 4 ms steps.
LINGER=/sys/module/vee/parameters/probe_linger_ms
linger=$(cat $LINGER)
echo 60000 >$LINGER
: >"$CSV"
# The first default run compiles the filter into the cache; later ones
# read it from there, as every start after the first does.
for c in $CONFIGS; do
	# shellcheck disable=SC2046 # the command's words
	$(cmd "$c") >/dev/null
done
r=0
while [ $r -lt "$ROUNDS" ]; do
	for c in $CONFIGS; do
		# shellcheck disable=SC2046
		/bench/timecmd -n "$N" -w 2 -l "$c" -c /tmp/confine.part -- $(cmd "$c") >/dev/null
	done
	r=$((r + 1))
done
cp /tmp/confine.part "$CSV"
echo "$linger" >$LINGER
echo "# config|mean_us|median_us|runs"
for c in $CONFIGS; do
	grep "^$c," "$CSV" | cut -d, -f3 | sort -n | awk -v c="$c" '
		{ a[NR] = $1; s += $1 }
		END { printf "%s|%.0f|%.0f|%d\n", c, s / NR, a[int((NR + 1) / 2)], NR }'
done
for c in $CONFIGS; do
	echo "# $c: $(cmd "$c")"
done
