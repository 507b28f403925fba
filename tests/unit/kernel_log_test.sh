#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The kernel log patterns of scripts/kernel-log-problems (what makes a VM
# run fail with exit 121) against samples: every line of kernel-log/bad, one
# report header of each kind the kernel and its sanitizers print (KASAN,
# KFENCE, UBSAN, lockdep, atomic sleep, list corruption, kmemleak, hangs),
# must match; no line of kernel-log/clean, seen on clean boots and runs
# (sanitizers announcing themselves, OOM kills, fault injection), may.
dir=$(dirname "$0")
pat=$(mktemp)
trap 'rm -f "$pat"' EXIT
# As scripts/vm-run installs it into the guest.
grep -v -e '^#' -e '^$' "$dir/../../scripts/kernel-log-problems" >"$pat"

n=0
failed=0
check() { # WANT FILE: WANT is match or clean for every line of FILE
	while IFS= read -r line; do
		n=$((n + 1))
		if printf '%s\n' "$line" | grep -qE -f "$pat"; then got=match; else got=clean; fi
		# No "#" in a passing line: TAP would read a directive.
		if [ "$got" = "$1" ]; then
			echo "ok $n $1: $(printf '%s' "${line#\[*\] }" | tr -d '#')"
		else
			echo "not ok $n $1 expected, got $got: $line"
			failed=$((failed + 1))
		fi
	done <"$2"
}
echo "TAP version 13"
check match "$dir/kernel-log/bad"
check clean "$dir/kernel-log/clean"
echo "1..$n"
[ "$failed" = 0 ]
