#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Runs inside the VM (bench/run): create and destroy many idle domains
# (bench/scale.c) at each size in SIZES, and as many plain cgroups with the
# same controllers under a sibling directory, so that what the cgroups
# cost is told apart from what vee adds.  Prints scale.c's KEY=VALUE lines.
set -eu
SIZES=${SIZES:-100 1000 10000}
plain=/sys/fs/cgroup/plain
mkdir -p $plain
# The controllers vee enables in its own subtree (one line of words).
# shellcheck disable=SC2013
for c in $(cat /sys/fs/cgroup/vee/cgroup.subtree_control); do
	echo "+$c" >$plain/cgroup.subtree_control
done
echo "# controllers: $(cat $plain/cgroup.subtree_control)"
for n in $SIZES; do
	/bench/scale cgroup "$n" $plain
	/bench/scale vee "$n"
	got=$(grep -o '"state"' /tmp/scale-list.json | wc -l)
	[ "$got" = "$n" ] || {
		echo "scale: vee list --json listed $got domains, not $n" >&2
		exit 1
	}
done
rmdir $plain
