#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# In the VM (scripts/vm-run): runs the example program built against the
# installed libvee, holding its domain, and checks what it really did: the
# domain is listed by the tool, its cgroup exists with the 64 MiB limit,
# the name completes in bash, and all of it is gone once it finished.
# $1: the directory holding vee-example and complete_domain.bash.
dir=$1
export LD_LIBRARY_PATH=/usr/local/lib
. /tests/lib.sh
dom=example1
cg=/sys/fs/cgroup/vee/$dom

t example_domain_lives_and_goes
example_domain_lives_and_goes() {
	rm -f /tmp/hold /tmp/ex.out
	mkfifo /tmp/hold
	"$dir/vee-example" --hold "$dom" </tmp/hold >/tmp/ex.out 2>&1 &
	pid=$!
	exec 3>/tmp/hold
	n=0
	until grep -q '^holding$' /tmp/ex.out; do
		n=$((n + 1))
		[ $n -lt 100 ] || fail "example never held: $(cat /tmp/ex.out)"
		kill -0 $pid 2>/dev/null || fail "example died: $(cat /tmp/ex.out)"
		sleep 0.1
	done
	grep -q "^listed $dom id [0-9]" /tmp/ex.out || fail "not in its dump: $(cat /tmp/ex.out)"
	grep -q "^stats $dom memory_max 67108864 " /tmp/ex.out ||
		fail "stats: $(cat /tmp/ex.out)"
	vee list | grep -q "^[0-9][0-9]*  *$dom  *created$" || fail "vee list: $(vee list)"
	[ -d "$cg" ] || fail "no cgroup $cg"
	[ "$(cat "$cg/memory.max")" = 67108864 ] || fail "memory.max $(cat "$cg/memory.max")"
	got=$(bash "$dir/complete_domain.bash" destroy exa)
	[ "$got" = "$dom" ] || fail "completion of 'vee destroy exa': '$got'"
	echo >&3
	exec 3>&-
	wait $pid || fail "example exited $?: $(cat /tmp/ex.out)"
	grep -q "^destroyed $dom$" /tmp/ex.out || fail "not destroyed: $(cat /tmp/ex.out)"
	! vee list | grep -q " $dom " || fail "still listed: $(vee list)"
	[ ! -e "$cg" ] || fail "cgroup $cg left behind"
}

t_main
