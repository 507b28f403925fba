#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Runs inside the VM (bench/run): start latency of an isolated static /true,
# for vee and its peers, each timed by the same harness (timecmd: fork,
# execv, waitpid, CLOCK_MONOTONIC).  The peers take turns in ROUNDS rounds
# of ITERS/ROUNDS runs each, so slow drift in the emulator hits all alike.
# Writes every run to $CSV (peer,run,us) and prints one line per peer:
# "peer median_us p90_us runs".
set -eu
B=/bench
ITERS=${ITERS:-200}
SLOW_ITERS=${SLOW_ITERS:-40}	# crun, runc: 4-15x slower per run
ROUNDS=${ROUNDS:-4}
CSV=${CSV:-/tmp/start.csv}
LINGER=/sys/module/vee/parameters/probe_linger_ms

# The OCI bundle: a rootfs holding only /true, the config beside it.
mkdir -p /tmp/oci/rootfs/proc /tmp/oci/rootfs/dev
cp /true /tmp/oci/rootfs/true
cp $B/oci-config.json /tmp/oci/config.json
# The floor's cgroups, below a parent with vee's controllers.
mkdir -p /sys/fs/cgroup/floor
for c in cpu cpuset memory pids io; do
	echo "+$c" >/sys/fs/cgroup/floor/cgroup.subtree_control
done

# peer name, then its command; the commands the table reports.
peers() {
	cat <<'PEERS'
fork+exec|/true
physical floor|/bench/floor /sys/fs/cgroup/floor /true
vee run|/usr/bin/vee run --mem 64M --pids 64 -- /true
vee run (probes linger)|/usr/bin/vee run --mem 64M --pids 64 -- /true
vee run --privileged|/usr/bin/vee run --privileged --mem 64M --pids 64 -- /true
raw ioctl|/bench/rawrun /true
unshare|/usr/bin/unshare --fork --pid --mount --uts --ipc --net --cgroup /true
bwrap|/usr/bin/bwrap --unshare-all --ro-bind /true /true --proc /proc /true
crun|/usr/bin/crun --root /run/crun run --bundle /tmp/oci bench
runc|/usr/bin/runc --root /run/runc run --bundle /tmp/oci bench
PEERS
}

: >"$CSV"
r=0
while [ $r -lt "$ROUNDS" ]; do
	peers | while IFS='|' read -r name cmd; do
		n=$ITERS
		case $name in crun | runc) n=$SLOW_ITERS ;; esac
		# With probe_linger_ms, the accounting probes stay registered
		# from one run to the next (the default, 0, unregisters them
		# after each run, with its domain).
		[ "$name" != "vee run (probes linger)" ] || echo 1000 >$LINGER
		# shellcheck disable=SC2086 # the command's words
		$B/timecmd -n $((n / ROUNDS)) -w 2 -l "$name" -c "$CSV.part" \
			-- $cmd >/dev/null
		[ "$name" != "vee run (probes linger)" ] || echo 0 >$LINGER
		sed "s/,/,$r-/" "$CSV.part" >>"$CSV"
		rm "$CSV.part"
	done
	r=$((r + 1))
done

echo "# commands (timed by: timecmd -n N -w 2 -- COMMAND)"
peers | sed 's/^\([^|]*\)|/#   \1: /'
# Per peer: median and p90 (nearest rank) over every run of every round.
peers | while IFS='|' read -r name cmd; do
	grep "^$name," "$CSV" | cut -d, -f3 | sort -n | awk -v p="$name" '
		{ v[NR] = $1 }
		END {
			m = int((NR + 1) / 2); q = int(0.9 * NR + 0.999999)
			printf "%s|%.0f|%.0f|%d\n", p, v[m], v[q], NR
		}'
done
