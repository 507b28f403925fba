#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Runs inside the VM (bench/run): every benchmark in one boot.  Each
# part's table goes out as "PART|..." lines, its CSV as "csv PART ..."
# lines, for bench/run to sort into bench/RESULTS.md and bench/results/.
set -eu
cd /bench
# BENCH_PARTS picks the parts (bench/run boots twice: see there).
[ -n "${BENCH_NO_KERNEL_LINE:-}" ] || echo "kernel|$(uname -r)"
for part in ${BENCH_PARTS:-start acct scale}; do
	case $part in
	start) CSV=/tmp/start.csv sh ./start.sh >/tmp/$part.out ;;
	acct) CSV=/tmp/acct.csv sh ./acct-overhead.sh >/tmp/$part.out ;;
	confine) CSV=/tmp/confine.csv sh ./confine.sh >/tmp/$part.out ;;
	scale) sh ./scale.sh >/tmp/$part.out ;;
	esac
	sed "s/^/$part|/" /tmp/$part.out
	[ ! -f /tmp/$part.csv ] || sed "s/^/csv $part /" /tmp/$part.csv
done
