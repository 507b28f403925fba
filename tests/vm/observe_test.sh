#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The observation plane through the real tool: vee list, stats, events, top
# and the hooks line of vee version, over the module's netlink family; the
# JSON keys of the command-line contract, exit codes and error messages.
#
# lib.sh runs each test inside `if (set -e; test)`, where the shell ignores
# set -e: every command whose failure matters goes through must, fail or
# expect_*.
. "$(dirname "$0")/lib.sh"
CG=/sys/fs/cgroup/vee

must() {
	"$@" || fail "'$*' exited $?"
}

# eq WHAT GOT WANT
eq() {
	[ "$2" = "$3" ] || fail "$1: got '$2', wanted '$3'"
}

# The keys of a JSON text, in order, one line.
keys() { grep -o '"[a-z_]*":' | tr -d '":' | tr '\n' ' '; }

# num KEY: the number after "KEY": in stdin.
num() { sed -n "s/.*\"$1\":\([0-9][0-9]*\).*/\1/p" | head -n 1; }

COUNTER_KEYS="forks execs exits ctx_switches_voluntary ctx_switches_involuntary \
page_faults syscalls io_read_bytes io_write_bytes net_rx_bytes net_tx_bytes \
oom_kills memory_limit_hits pids_limit_hits"
DOMAIN_KEYS="name id state init_pid created_ns namespaces account limits \
memory_max memory_high swap_max pids_max cpu_max_us cpu_period_us cpu_weight \
cpuset_cpus cpuset_mems usage cpu_usage_us memory_current memory_peak \
pids_current counters $COUNTER_KEYS confinement profile capabilities seccomp \
no_new_privs masked_paths devices userns "

# wait_exit PID: until PID exits (at most 10 s); its status in $st.
wait_exit() {
	i=0
	while kill -0 "$1" 2>/dev/null && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -0 "$1" 2>/dev/null && { kill "$1"; fail "pid $1 did not exit"; }
	st=0
	wait "$1" || st=$?
}

t list_json_has_the_contract_keys
list_json_has_the_contract_keys() {
	must vee create web --mem 64M --pids 64 --cpus 0.5 --cpuset 0
	must vee create db --account none
	json=$(vee list --json) || fail "vee list --json: $?"
	case "$json" in \[*\]) ;; *) fail "not an array: $json" ;; esac
	one=$(echo "$json" | sed 's/},{"name"/}\n{"name"/g' | grep '^\[*{"name":"web"')
	eq "keys of web" "$(echo "$one" | keys)" "$DOMAIN_KEYS"
	eq "memory_max" "$(echo "$one" | num memory_max)" 67108864
	eq "pids_max" "$(echo "$one" | num pids_max)" 64
	eq "cpu_max_us" "$(echo "$one" | num cpu_max_us)" 50000
	eq "cpu_period_us" "$(echo "$one" | num cpu_period_us)" 100000
	eq "cpu_weight" "$(echo "$one" | num cpu_weight)" 100
	for k in init_pid memory_high swap_max cpuset_mems; do
		echo "$one" | grep -q "\"$k\":null" || fail "$k not null: $one"
	done
	echo "$one" | grep -q '"cpuset_cpus":"0"' || fail "cpuset_cpus: $one"
	echo "$one" | grep -q '"state":"created"' || fail "state: $one"
	echo "$one" | grep -q '"account":\["sched","fork","fault","io","net","oom"\]' ||
		fail "default account: $one"
	two=$(echo "$json" | sed 's/},{"name"/}\n{"name"/g' | grep '{"name":"db"')
	eq "keys of db" "$(echo "$two" | keys)" "$DOMAIN_KEYS"
	echo "$two" | grep -q '"account":\[\]' || fail "account none: $two"
	echo "$two" | grep -q '"memory_max":null,"memory_high":null,"swap_max":null,"pids_max":null,"cpu_max_us":null' ||
		fail "unset limits are not null: $two"
	# In id order: web was made first.
	eq "order" "$(echo "$json" | grep -o '"name":"[a-z]*"' | tr '\n' ' ')" \
		'"name":"web" "name":"db" '
	must vee destroy web
	must vee destroy db
	eq "empty list" "$(vee list --json)" "[]"
}

t stats_json_is_the_list_object
stats_json_is_the_list_object() {
	must vee create st --mem 32M
	s=$(vee stats st --json) || fail "vee stats --json: $?"
	l=$(vee list --json)
	eq "stats vs list" "[$s]" "$l"
	eq "keys" "$(echo "$s" | keys)" "$DOMAIN_KEYS"
	must vee destroy st
}

t stats_text_is_key_value_lines
stats_text_is_key_value_lines() {
	must vee create tx --mem 64M --pids 10
	out=$(vee stats tx) || fail "vee stats: $?"
	echo "$out" | grep -q '^name  *tx$' || fail "name line: $out"
	echo "$out" | grep -q '^state  *created$' || fail "state line: $out"
	echo "$out" | grep -q '^init_pid  *-$' || fail "init_pid line: $out"
	echo "$out" | grep -q '^memory_max  *67108864 (64.0M)$' || fail "memory_max line: $out"
	echo "$out" | grep -q '^memory_high  *none$' || fail "memory_high line: $out"
	echo "$out" | grep -q '^pids_max  *10$' || fail "pids_max line: $out"
	echo "$out" | grep -q '^pids_current  *0$' || fail "pids_current line: $out"
	echo "$out" | grep -q '^pids_limit_hits  *0$' || fail "counter line: $out"
	echo "$out" | grep -q '^confinement  *default$' || fail "confinement line: $out"
	echo "$out" | grep -q '^capabilities  *CHOWN,DAC_OVERRIDE,FOWNER,FSETID,KILL,SETGID,SETUID,SETPCAP,NET_BIND_SERVICE,NET_RAW,SYS_CHROOT,MKNOD,AUDIT_WRITE,SETFCAP$' ||
		fail "capabilities line: $out"
	echo "$out" | grep -q '^seccomp  *default$' || fail "seccomp line: $out"
	# Every line is KEY VALUE.
	bad=$(echo "$out" | grep -v '^[a-z_]*  *[^ ]' || true)
	[ -z "$bad" ] || fail "lines that are not KEY VALUE: $bad"
	eq "lines" "$(echo "$out" | wc -l)" 37
	must vee destroy tx
}

t stats_errors
stats_errors() {
	expect_status 1 "vee: stats web: no such domain" -- vee stats web
	expect_status 2 "missing NAME" -- vee stats
	expect_status 2 "too many arguments" -- vee stats a b
	expect_status 2 "may hold only" -- vee stats a/b
	expect_status 2 "unknown option '--bogus'" -- vee stats web --bogus
	expect_out "Usage: vee stats" -- vee stats --help
}

t stats_of_a_running_domain
stats_of_a_running_domain() {
	vee run --keep --name rn --ns mnt,pid -- sleep 1000 >/dev/null 2>&1 &
	bg=$!
	i=0
	while [ "$(vee stats rn --json 2>/dev/null | grep -o '"state":"[a-z]*"')" != '"state":"running"' ]; do
		[ $i -lt 100 ] || fail "rn never ran"
		sleep 0.1
		i=$((i + 1))
	done
	s=$(vee stats rn --json)
	pid=$(echo "$s" | num init_pid)
	[ -n "$pid" ] && [ "$pid" != 0 ] || fail "no init_pid: $s"
	tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q '^sleep 1000 $' ||
		fail "init_pid $pid is not the sleep"
	eq "pids_current" "$(echo "$s" | num pids_current)" 1
	[ "$(echo "$s" | num memory_current)" -gt 0 ] || fail "memory_current: $s"
	[ "$(echo "$s" | num execs)" -ge 1 ] || fail "execs: $s"
	must vee destroy --force rn
	wait "$bg" || true	# vee run reports its init's SIGKILL
	eq "nothing left" "$(vee list --json)" "[]"
}

t memory_values_are_the_cgroups
memory_values_are_the_cgroups() {
	# vee reads these from the memory cgroup itself, not from its files:
	# they must say what the files say.
	must vee run --keep --name mv --mem 48M --mem-high 40M --swap 16M -- touch_mem 8 >/dev/null
	# The charge of an empty cgroup still falls a while after its tasks
	# exit (kernel stacks, task structs: after an RCU grace period), so
	# vee's value must lie between the file's before and after.
	before=$(cat $CG/mv/memory.current)
	s=$(vee stats mv --json)
	after=$(cat $CG/mv/memory.current)
	eq swap_max "$(echo "$s" | num swap_max)" "$(cat $CG/mv/memory.swap.max)"
	eq memory_max "$(echo "$s" | num memory_max)" "$(cat $CG/mv/memory.max)"
	eq memory_high "$(echo "$s" | num memory_high)" "$(cat $CG/mv/memory.high)"
	cur=$(echo "$s" | num memory_current)
	[ -n "$cur" ] && [ "$cur" -le "$before" ] && [ "$cur" -ge "$after" ] ||
		fail "memory_current '$cur', the file $before before and $after after"
	peak=$(echo "$s" | num memory_peak)
	eq memory_peak "$peak" "$(cat $CG/mv/memory.peak)"
	[ "$peak" -gt $((8 << 20)) ] || fail "memory_peak $peak after touching 8 MiB"
	echo max >$CG/mv/memory.high
	vee stats mv --json | grep -q '"memory_high":null' ||
		fail "memory.high back to max is not null: $(vee stats mv --json)"
	must vee destroy mv
}

t idle_values_follow_the_cgroup
idle_values_follow_the_cgroup() {
	# An idle domain's file values are kept between reads (kmod/statcache.c)
	# and, for a domain made without those limits, taken from a fresh
	# cgroup: each must still say what its file says, after the file is
	# written behind vee's back, after a task ran in the cgroup, and after
	# a controller is taken from cgroup_root.
	must vee create iv
	s=$(vee stats iv --json)
	eq cpu_weight "$(echo "$s" | num cpu_weight)" "$(cat $CG/iv/cpu.weight)"
	eq cpu_period_us "$(echo "$s" | num cpu_period_us)" "$(cut -d' ' -f2 $CG/iv/cpu.max)"
	eq pids_current "$(echo "$s" | num pids_current)" "$(cat $CG/iv/pids.current)"
	eq cpu_usage_us "$(echo "$s" | num cpu_usage_us)" "$(sed -n 's/^usage_usec //p' $CG/iv/cpu.stat)"
	for k in pids_max cpu_max_us cpuset_cpus cpuset_mems; do
		echo "$s" | grep -q "\"$k\":null" || fail "$k of a fresh domain: $s"
	done
	echo 17 >$CG/iv/pids.max
	echo "30000 100000" >$CG/iv/cpu.max
	echo 250 >$CG/iv/cpu.weight
	echo 0 >$CG/iv/cpuset.cpus
	s=$(vee list --json)
	eq pids_max "$(echo "$s" | num pids_max)" 17
	eq cpu_max_us "$(echo "$s" | num cpu_max_us)" 30000
	eq cpu_weight "$(echo "$s" | num cpu_weight)" 250
	echo "$s" | grep -q '"cpuset_cpus":"0"' || fail "cpuset_cpus: $s"
	# Without the pids controller (its files go without an event in the
	# domain's directory) the domain has no pids files.
	echo -pids >$CG/cgroup.subtree_control || fail "cannot take pids away"
	s=$(vee stats iv --json)
	echo +pids >$CG/cgroup.subtree_control || fail "cannot give pids back"
	echo "$s" | grep -q '"pids_max":null' || fail "pids_max without pids: $s"
	echo "$s" | grep -q '"pids_current":null' || fail "pids_current without pids: $s"
	eq "pids_current with pids again" "$(vee stats iv --json | num pids_current)" 0
	# A task put in through cgroup.procs, not through vee.
	sh -c "echo \$\$ >$CG/iv/cgroup.procs && exec cpu_spin 300" >/dev/null
	i=0
	while [ "$(cat $CG/iv/pids.current)" != 0 ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	s=$(vee stats iv --json)
	used=$(sed -n 's/^usage_usec //p' $CG/iv/cpu.stat)
	[ "$used" -ge 100000 ] || fail "usage_usec $used after spinning 300 ms"
	eq cpu_usage_us "$(echo "$s" | num cpu_usage_us)" "$used"
	eq pids_current "$(echo "$s" | num pids_current)" 0
	must vee destroy iv
}

t events_json_around_create_and_destroy
events_json_around_create_and_destroy() {
	vee events --count 2 --json >/tmp/obs.ev 2>&1 &
	ev=$!
	wait_subscribed "$ev"
	must vee create ev1
	id=$(vee stats ev1 --json | num id)
	must vee destroy ev1
	wait_exit "$ev"
	eq "vee events status" "$st" 0
	eq "lines" "$(wc -l </tmp/obs.ev)" 2
	l1=$(sed -n 1p /tmp/obs.ev)
	l2=$(sed -n 2p /tmp/obs.ev)
	echo "$l1" | grep -q "^{\"event\":\"created\",\"name\":\"ev1\",\"id\":$id,\"time_ns\":[0-9]*}$" ||
		fail "created line: $l1"
	echo "$l2" | grep -q "^{\"event\":\"destroyed\",\"name\":\"ev1\",\"id\":$id,\"time_ns\":[0-9]*,\"counters\":{" ||
		fail "destroyed line: $l2"
	eq "destroyed keys" "$(echo "$l2" | keys)" "event name id time_ns counters $COUNTER_KEYS "
	t1=$(echo "$l1" | num time_ns)
	t2=$(echo "$l2" | num time_ns)
	[ "$t2" -ge "$t1" ] || fail "time went back: $t1 then $t2"
}

t events_text
events_text() {
	vee events --count 1 >/tmp/obs.evt 2>&1 &
	ev=$!
	wait_subscribed "$ev"
	must vee create ev2
	wait_exit "$ev"
	eq "vee events status" "$st" 0
	grep -q '^ *[0-9]*\.[0-9]\{6\} created  *ev2 id=[0-9]*$' /tmp/obs.evt ||
		fail "text line: $(cat /tmp/obs.evt)"
	must vee destroy ev2
}

t events_usage_errors
events_usage_errors() {
	expect_status 2 "--count: '0' is out of range" -- vee events --count 0
	expect_status 2 "--count: 'x' is not a number" -- vee events --count x
	expect_status 2 "unexpected argument 'now'" -- vee events now
	expect_status 1 "vee: events: cannot subscribe to the module's events: permission denied" -- \
		su -s /bin/sh -c "vee events" nobody
}

t top_prints_snapshots_busiest_first
top_prints_snapshots_busiest_first() {
	must vee create idle
	vee run --keep --name spin --ns mnt,pid -- cpu_spin 20000 >/dev/null 2>&1 &
	bg=$!
	i=0
	while ! vee stats spin >/dev/null 2>&1; do
		[ $i -lt 100 ] || fail "spin never started"
		sleep 0.1
		i=$((i + 1))
	done
	sleep 0.5
	out=$(vee top --iterations 2 --interval 0.5) || fail "vee top: $?"
	eq "snapshots" "$(echo "$out" | grep -c '^vee top: 2 domains, every 0.500 s$')" 2
	eq "headers" "$(echo "$out" | grep -c '^ID  *NAME  *STATE  *CPU%  *MEM  *PIDS  *FORKS/s  *FAULTS/s  *CTXSW/s$')" 2
	# The spinner (made second) comes first in both snapshots.
	first=$(echo "$out" | awk '/^ID/ { getline; print $2 }' | tr '\n' ' ')
	eq "first rows" "$first" "spin spin "
	cpu=$(echo "$out" | awk '$2 == "spin" { print int($4) }' | head -n 1)
	[ "$cpu" -ge 20 ] || fail "spin's CPU% is $cpu: $out"
	echo "$out" | grep -q '^[0-9]*  *idle  *created  *0\.0 ' || fail "idle row: $out"
	must vee destroy --force spin
	wait "$bg" || true
	must vee destroy idle
}

t top_plain_and_usage
top_plain_and_usage() {
	# Not a terminal and no --iterations: one snapshot.
	out=$(vee top --interval 0.1) || fail "vee top: $?"
	eq "snapshots" "$(echo "$out" | grep -c '^vee top: ')" 1
	echo "$out" | grep -q '^vee top: 0 domains, every 0.100 s$' || fail "top: $out"
	expect_status 2 "--interval: '0' is out of range" -- vee top --interval 0
	expect_status 2 "--interval: 'x' is not a number of seconds" -- vee top --interval x
	expect_status 2 "--iterations: '0' is out of range" -- vee top --iterations 0
	expect_status 2 "unexpected argument 'x'" -- vee top x
}

t version_shows_the_hooks
version_shows_the_hooks() {
	eq "hooks line" "$(vee version | grep '^hooks:')" "hooks: none"
	vee version --json | grep -q '"hooks":\[\]}$' || fail "json: $(vee version --json)"
	must vee create hk --account fork,fault
	eq "hooks line" "$(vee version | grep '^hooks:')" "hooks: fork,fault"
	vee version --json | grep -q '"hooks":\["fork","fault"\]}$' ||
		fail "json: $(vee version --json)"
	must vee destroy hk
	eq "hooks line" "$(vee version | grep '^hooks:')" "hooks: none"
}

t account_option
account_option() {
	must vee create ac --account sched,syscall
	vee stats ac | grep -q '^account  *sched,syscall$' || fail "$(vee stats ac)"
	must vee destroy ac
	expect_status 2 "vee: create: --account: 'cpu' is not an accounting kind" -- \
		vee create ac --account cpu
	expect_status 2 "vee: run: --account: 'none,fork': none cannot be combined" -- \
		vee run --account none,fork -- true
	must vee run --name ar --keep --account all --ns mnt,pid -- true
	vee stats ar | grep -q '^account  *sched,fork,fault,io,net,oom,syscall$' ||
		fail "$(vee stats ar)"
	must vee destroy ar
	eq "nothing left" "$(vee list --json)" "[]"
}

t refused_to_non_root
refused_to_non_root() {
	must vee create nr
	expect_status 1 "vee: list: permission denied" -- su -s /bin/sh -c "vee list" nobody
	expect_status 1 "vee: stats nr: permission denied" -- su -s /bin/sh -c "vee stats nr" nobody
	expect_status 1 "vee: top: permission denied" -- su -s /bin/sh -c "vee top" nobody
	must vee destroy nr
}

t refused_inside_a_domain
refused_inside_a_domain() {
	# --privileged: the module's own refusal is tested (a confined domain
	# lacks CAP_SYS_ADMIN, and is refused before the module is asked).
	# The host's network namespace: the family answers, and refuses.  (A
	# dump's refusal carries no reason on 6.1; the tool's own says why.)
	expect_status 1 "vee: list: permission denied" -- vee run --privileged --ns mnt,pid -- vee list
	grep -q "domain" /tmp/t.err || fail "no word of the domain: $(cat /tmp/t.err)"
	expect_status 1 "vee: stats x: permission denied: refused to a task inside a domain" -- \
		vee run --privileged --ns mnt,pid -- vee stats x
	# A network namespace of its own: the family is not even there.
	expect_status 1 "vee: list: the vee module's netlink family is not visible here" -- \
		vee run --privileged -- vee list
	eq "nothing left" "$(vee list --json)" "[]"
}

t events_end_when_the_module_unloads
events_end_when_the_module_unloads() {
	ko=${VEE_KO:-$(find /lib/modules -name vee.ko | head -n 1)}
	[ -f "$ko" ] || fail "no vee.ko to load again"
	# Domains and a listener while the module goes: their teardown's
	# events are dropped, and the listener learns why it hears no more.
	must vee create u1
	vee run --keep --name u2 --ns mnt,pid -- sleep 1000 >/dev/null 2>&1 &
	bg=$!
	i=0
	until vee stats u2 --json 2>/dev/null | grep -q '"state":"running"'; do
		[ $i -lt 100 ] || fail "u2 never ran"
		sleep 0.1
		i=$((i + 1))
	done
	vee events --json >/tmp/obs.unl 2>/tmp/obs.unl.err &
	ev=$!
	wait_subscribed "$ev"
	# vee run holds /dev/vee open: it goes, its domain's init stays and
	# dies with the module.
	kill -9 "$bg"
	wait "$bg" 2>/dev/null || true
	rmmod vee || fail "rmmod failed"
	wait_exit "$ev"
	eq "vee events status" "$st" 1
	grep -q "^vee: events: the vee module was unloaded$" /tmp/obs.unl.err ||
		fail "stderr: $(cat /tmp/obs.unl.err)"
	insmod "$ko" || fail "insmod $ko failed"
	eq "nothing left" "$(vee list --json)" "[]"
}

t_main
