#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Accounting against workloads whose true counts are known (workload.c),
# the hooks attached only while needed, and the events that go with them.
#
# What the init itself adds: vee run clone3s the init into the domain (one
# fork), the init execs the command (one exec) and exits (one exit); so a
# command that forks and execs N children reads N + 1 of each.
. "$(dirname "$0")/lib.sh"

hooks() { cat /sys/module/vee/parameters/active_hooks; }

# num KEY: the number after "KEY": in stdin (keys are unique in our JSON).
num() { sed -n "s/.*\"$1\":\([0-9][0-9]*\).*/\1/p" | head -n 1; }

# stat NAME KEY: one value from vee stats NAME --json.
stat() { vee stats "$1" --json | num "$2"; }

# in_range WHAT VALUE LOW HIGH
in_range() {
	[ -n "$2" ] && [ "$2" -ge "$3" ] && [ "$2" -le "$4" ] ||
		fail "$1 = '$2', wanted $3..$4"
}

# run_kept NAME [OPTIONS] -- CMD...: run to completion, keep the domain.
run_kept() {
	name=$1
	shift
	vee run --keep --name "$name" "$@" >/dev/null || fail "vee run $name: $?"
}

linger=/sys/module/vee/parameters/probe_linger_ms

# hooks_gone SECONDS: wait until no family is attached.
hooks_gone() {
	i=0
	while [ -n "$(hooks)" ]; do
		i=$((i + 1))
		[ $i -le $(($1 * 10)) ] || return 1
		sleep 0.1
	done
}

t hooks_attach_only_while_needed
hooks_attach_only_while_needed() {
	[ "$(cat $linger)" = 0 ] || fail "probe_linger_ms defaults to $(cat $linger)"
	[ -z "$(hooks)" ] || fail "hooks attached with no domain: $(hooks)"
	vee create a1 --account fork
	[ "$(hooks)" = fork ] || fail "after a fork-only domain: $(hooks)"
	vee create a2
	[ "$(hooks)" = "sched,fork,fault,io,net,oom" ] || fail "default: $(hooks)"
	vee destroy a1
	[ "$(hooks)" = "sched,fork,fault,io,net,oom" ] || fail "after a1: $(hooks)"
	vee create a3 --account syscall
	case "$(hooks)" in *syscall*) ;; *) fail "no syscall hook: $(hooks)" ;; esac
	vee destroy a3
	case "$(hooks)" in *syscall*) fail "syscall hook stayed: $(hooks)" ;; esac
	vee destroy a2
	[ -z "$(hooks)" ] || fail "hooks stayed after the last domain: $(hooks)"
	vee create a4 --account none
	[ -z "$(hooks)" ] || fail "a domain without accounting attached $(hooks)"
	vee destroy a4
}

t unused_hooks_linger_then_detach
unused_hooks_linger_then_detach() {
	echo 2000 >$linger
	vee create l1 --account fork,syscall
	vee destroy l1
	# Fork lingers for a next domain; syscall, costly to every task, not.
	[ "$(hooks)" = fork ] || fail "right after the destroy: '$(hooks)'"
	run_kept l2 --account fork -- workload forkexec 10 /bin/true
	[ "$(stat l2 forks)" = 11 ] || fail "forks = $(stat l2 forks) under a lingering hook"
	vee destroy l2
	sleep 1
	[ "$(hooks)" = fork ] || fail "1 s after the last destroy: '$(hooks)'"
	hooks_gone 5 || fail "still attached 6 s after the last destroy: $(hooks)"
	echo 0 >$linger
	echo 60001 >$linger 2>/dev/null && fail "probe_linger_ms took 60001"
	[ "$(cat $linger)" = 0 ] || fail "probe_linger_ms = $(cat $linger)"
}

t forks_execs_exits_are_exact
forks_execs_exits_are_exact() {
	run_kept fe -- workload forkexec 50 /bin/true
	s=$(vee stats fe --json)
	for k in forks execs exits; do
		v=$(echo "$s" | num "$k")
		[ "$v" = 51 ] || fail "$k = $v, wanted 51 (50 children + the init)"
	done
	vee destroy fe
}

t domains_sharing_a_cpu_count_apart
domains_sharing_a_cpu_count_apart() {
	# Each CPU remembers its last task-to-domain lookup: tasks of three
	# domains (one not counting) interleaved on one CPU must still each
	# count into their own.
	run_kept sa --cpuset 0 -- workload forkexec 30 /bin/true &
	a=$!
	run_kept sb --cpuset 0 -- workload forkexec 70 /bin/true &
	b=$!
	run_kept sx --cpuset 0 --account none -- workload forkexec 50 /bin/true &
	x=$!
	wait $a && wait $b && wait $x || fail "a workload failed"
	[ "$(stat sa forks)" = 31 ] || fail "sa forks $(stat sa forks), wanted 31"
	[ "$(stat sb forks)" = 71 ] || fail "sb forks $(stat sb forks), wanted 71"
	[ "$(stat sb execs)" = 71 ] || fail "sb execs $(stat sb execs), wanted 71"
	[ "$(stat sx forks)" = 0 ] || fail "sx forks $(stat sx forks), wanted 0"
	vee destroy sa
	vee destroy sb
	vee destroy sx
}

t syscalls_counted_only_when_asked
syscalls_counted_only_when_asked() {
	run_kept sc --account all -- workload getppid 100000
	# The init's own start (exec, libc, vee's setup) adds a few hundred.
	in_range syscalls "$(stat sc syscalls)" 100000 102000
	vee destroy sc
	run_kept sn -- workload getppid 1000
	[ "$(stat sn syscalls)" = 0 ] || fail "syscalls counted without --account syscall"
	case "$(hooks)" in *syscall*) fail "syscall hook attached: $(hooks)" ;; esac
	vee destroy sn
}

t page_faults_and_switches
page_faults_and_switches() {
	run_kept pf -- workload pages 4000
	v=$(stat pf page_faults)
	vee destroy pf
	in_range page_faults "$v" 4000 100000
	# On one CPU each side must block on every read: 2N voluntary switches.
	# (On two, a read can find its byte already there and not block.)
	run_kept pp --cpuset 0 -- workload pingpong 2000
	v=$(stat pp ctx_switches_voluntary)
	iv=$(stat pp ctx_switches_involuntary)
	vee destroy pp
	# Every one of the 4000 hand-offs is a switch.  A tick that preempts
	# a writer right after its write makes that one involuntary, so the
	# voluntary ones are 4000 less those few (measured: 0 to 15).
	in_range "ctx switches" "$((v + iv))" 4000 1000000
	in_range ctx_switches_voluntary "$v" 3800 1000000
}

t direct_io_bytes_within_1_percent
direct_io_bytes_within_1_percent() {
	modprobe loop 2>/dev/null || true
	dd if=/dev/zero of=/tmp/disk bs=1M count=16 2>/dev/null
	dev=$(losetup -f)
	losetup "$dev" /tmp/disk || fail "losetup"
	run_kept io -- workload directwrite 8 "$dev"
	w=$(stat io io_write_bytes)
	losetup -d "$dev"
	rm -f /tmp/disk
	# 8 MiB = 8388608; 1% is 83886.
	in_range io_write_bytes "$w" 8388608 8472494
	vee destroy io
}

t net_bytes_of_the_domains_namespace
net_bytes_of_the_domains_namespace() {
	# The test configures the domain's end of the pair from inside.
	vee run --keep --name nt --cap-add NET_ADMIN -- sleep 300 &
	i=0
	until vee list --json | grep -q '"name":"nt","id":[0-9]*,"state":"running"'; do
		i=$((i + 1))
		[ $i -lt 200 ] || fail "nt never ran"
		sleep 0.05
	done
	pid=$(vee list --json | sed -n 's/.*"name":"nt"[^}]*"init_pid":\([0-9]*\).*/\1/p')
	ip link add vh0 type veth peer name vd0 || fail "veth"
	ip link set vd0 netns "$pid"
	ip addr add 169.254.77.1/24 dev vh0
	ip link set vh0 up
	vee exec nt -- ip addr add 169.254.77.2/24 dev vd0
	vee exec nt -- ip link set vd0 up
	# 20 echo requests of 1000 bytes of payload each leave the domain.
	vee exec nt -- ping -c 20 -s 1000 -W 2 169.254.77.1 >/dev/null ||
		fail "ping from the domain failed"
	tx=$(stat nt net_tx_bytes)
	rx=$(stat nt net_rx_bytes)
	ip link del vh0 2>/dev/null || true
	vee destroy --force nt
	in_range net_tx_bytes "$tx" 20000 10000000
	in_range net_rx_bytes "$rx" 20000 10000000
}

t oom_kill_is_one_event_and_one_count
oom_kill_is_one_event_and_one_count() {
	vee events --json >/tmp/ev.oom &
	ev=$!
	sleep 0.5
	set +e
	vee run --keep --name om --mem 16M -- touch_mem 64 >/dev/null 2>&1
	st=$?
	set -e
	[ "$st" = 137 ] || fail "touch_mem exited $st, wanted 137"
	[ "$(stat om oom_kills)" = 1 ] || fail "oom_kills = $(stat om oom_kills)"
	in_range memory_limit_hits "$(stat om memory_limit_hits)" 1 1000000
	vee destroy om
	sleep 0.5
	kill "$ev"
	n=$(grep -c '"event":"oom_kill","name":"om"' /tmp/ev.oom)
	[ "$n" = 1 ] || fail "$n oom_kill events: $(cat /tmp/ev.oom)"
	grep -q '"event":"limit_hit","name":"om".*"resource":"memory"' /tmp/ev.oom ||
		fail "no memory limit_hit event: $(cat /tmp/ev.oom)"
}

t pids_limit_hit_is_one_event_and_one_count
pids_limit_hit_is_one_event_and_one_count() {
	vee events --json >/tmp/ev.pids &
	ev=$!
	sleep 0.5
	out=$(vee run --keep --name pl --pids 4 -- fork_until_fail 100)
	[ "$out" = "forks=3 errno=EAGAIN" ] || fail "fork_until_fail: $out"
	[ "$(stat pl pids_limit_hits)" = 1 ] || fail "pids_limit_hits = $(stat pl pids_limit_hits)"
	vee destroy pl
	sleep 0.5
	kill "$ev"
	n=$(grep -c '"event":"limit_hit","name":"pl".*"resource":"pids"' /tmp/ev.pids)
	[ "$n" = 1 ] || fail "$n pids limit_hit events: $(cat /tmp/ev.pids)"
}

t a_limit_set_later_is_watched_too
a_limit_set_later_is_watched_too() {
	# Created without limits, the domain watches no event file; `vee set`
	# must start the watch, or this hit would go unreported.
	vee run --name ls -- sleep 60 &
	run=$!
	until vee stats ls --json 2>/dev/null | grep -q '"state":"running"'; do
		sleep 0.1
	done
	vee set ls --pids 4
	vee events --json >/tmp/ev.later &
	ev=$!
	sleep 0.5
	out=$(vee exec ls -- fork_until_fail 100)
	case $out in
	*" errno=EAGAIN") ;;
	*) fail "fork_until_fail: $out" ;;
	esac
	vee destroy --force ls
	wait "$run" || true
	sleep 0.5
	kill "$ev"
	n=$(grep -c '"event":"limit_hit","name":"ls".*"resource":"pids"' /tmp/ev.later)
	[ "$n" = 1 ] || fail "$n pids limit_hit events: $(cat /tmp/ev.later)"
}

t lifecycle_events_and_final_counters
lifecycle_events_and_final_counters() {
	vee events --json >/tmp/ev.life &
	ev=$!
	sleep 0.5
	run_kept lf -- workload forkexec 5 /bin/true
	last=$(vee stats lf --json | sed -n 's/.*"counters":\({[^}]*}\).*/\1/p')
	[ -n "$last" ] || fail "no counters in vee stats"
	vee destroy lf
	sleep 0.5
	kill "$ev"
	for e in created started empty destroyed; do
		grep -q "\"event\":\"$e\",\"name\":\"lf\"" /tmp/ev.life ||
			fail "no $e event: $(cat /tmp/ev.life)"
	done
	final=$(grep '"event":"destroyed","name":"lf"' /tmp/ev.life |
		sed -n 's/.*"counters":\({[^}]*}\).*/\1/p')
	[ "$final" = "$last" ] || fail "destroyed carries $final, last stats said $last"
}

t_main
