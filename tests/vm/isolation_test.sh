#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Isolation and limits as they really act: what a command inside a domain
# sees (pid 1, its hostname, its processes, its links, its mounts, its IPC
# objects) and what the limits do to it (OOM kill, fork failure, CPU
# throttling, CPU affinity, I/O throttling); exec, kill, freeze and thaw
# of a running domain; exit statuses; bad input.  Every test ends with
# nothing left: no domain, no directory under the cgroup subtree.
#
# Helper programs (built from tests/vm/*.c beside this file):
#   touch_mem N          writes every page of N MiB
#   fork_until_fail [M]  forks until fork fails: "forks=N errno=NAME"
#   cpu_spin MS          spins MS ms of wall time: "cpu_pct=P ..."
#   ipc_helper OP T KEY  System V shm/msg by key
#
# lib.sh runs each test inside `if (set -e; test)`, where the shell
# ignores set -e, so a failing command does not end a test by itself:
# every command whose failure matters goes through must, fail or expect_*.
. "$(dirname "$0")/lib.sh"

H=$(cd "$(dirname "$0")" && pwd)
CG=/sys/fs/cgroup/vee
IPC_KEY=0x7ee0001
LOOP_IMG=/tmp/iso-loop.img
ROOTFS=/tmp/iso-rootfs
bg_pids=

# must CMD...: CMD succeeds, or the test fails.
must() {
	"$@" || fail "'$*' exited $?"
}

# eq WHAT GOT WANT
eq() {
	[ "$2" = "$3" ] || fail "$1: got '$2', wanted '$3'"
}

# The domain directories under $CG, one a line.
domain_dirs() {
	for d in "$CG"/*; do
		[ -d "$d" ] && echo "${d##*/}"
	done
	return 0
}

# No domain and no domain directory is left.
nothing_left() {
	l=$(vee list --json) || fail "vee list --json failed"
	[ "$l" = "[]" ] || fail "domains left: $l"
	d=$(domain_dirs)
	[ -z "$d" ] || fail "directories left under $CG: $(echo $d)"
}

# state NAME / init_pid NAME: from vee list --json ("" when not there).
domain_field() {
	vee list --json | tr '{' '\n' | grep "^\"name\":\"$1\"," |
		sed -n "s/.*\"$2\":\"\{0,1\}\([a-z0-9]*\).*/\1/p"
}
state() { domain_field "$1" state; }
init_pid() { domain_field "$1" init_pid; }

# wait_state NAME STATE: waits up to 10 s for the domain to be in STATE.
wait_state() {
	_i=0
	while [ "$(state "$1")" != "$2" ]; do
		_i=$((_i + 1))
		[ $_i -le 100 ] ||
			fail "domain $1 is '$(state "$1")', never $2; output: $(cat "/tmp/iso.$1.out" 2>/dev/null)"
		sleep 0.1
	done
}

# bg_run NAME ARGS...: `vee run --keep --name NAME ARGS` in the background
# (stdout and stderr to /tmp/iso.NAME.out); $bg is its pid.  Returns once
# the domain runs.
bg_run() {
	_n=$1
	shift
	vee run --keep --name "$_n" "$@" >"/tmp/iso.$_n.out" 2>&1 &
	bg=$!
	bg_pids="$bg_pids $bg"
	wait_state "$_n" running
}

alive() {
	[ -e "/proc/$1/stat" ] && [ "$(cut -d' ' -f3 "/proc/$1/stat" 2>/dev/null)" != Z ]
}

# bg_wait PID: waits up to 20 s for a background command; its status in $st.
bg_wait() {
	_i=0
	while alive "$1"; do
		_i=$((_i + 1))
		if [ $_i -gt 200 ]; then
			kill -9 "$1"
			fail "background command $1 did not end"
		fi
		sleep 0.1
	done
	st=0
	wait "$1" || st=$?
}

# wait_lines FILE N: waits up to 10 s for FILE to have N lines or more.
wait_lines() {
	_i=0
	while [ "$(wc -l <"$1")" -lt "$2" ]; do
		_i=$((_i + 1))
		[ $_i -le 100 ] || fail "$1 has $(wc -l <"$1") lines, never $2"
		sleep 0.1
	done
}

# uptime in centiseconds
now_cs() {
	read -r _up _ </proc/uptime
	echo "${_up%.*}${_up#*.}" | sed 's/^0*//;s/^$/0/'
}

# Whatever a test leaves when it fails: domains, background commands, the
# veth pair, IPC objects, mounts.  Runs at the end of every test, as the
# EXIT trap, where set -e does act: so it turns it off.
cleanup() {
	set +e
	for n in $(vee list --json 2>/dev/null | grep -o '"name":"[^"]*"' | cut -d'"' -f4); do
		vee destroy --force "$n" >/dev/null 2>&1
	done
	for p in $bg_pids; do
		kill -9 "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	ip link del vh0 2>/dev/null
	for ty in shm msg; do
		"$H/ipc_helper" remove $ty $IPC_KEY 2>/dev/null
	done
	grep -q ' /tmp/iso-mnt ' /proc/mounts && umount /tmp/iso-mnt
	for l in $(losetup -a 2>/dev/null | grep -F "$LOOP_IMG" | cut -d: -f1); do
		losetup -d "$l"
	done
	if [ -e /tmp/iso-make-private ]; then
		mount --make-rprivate /
		rm -f /tmp/iso-make-private
	fi
	rm -rf /tmp/iso-mnt "$LOOP_IMG" "$ROOTFS" /tmp/iso.*.out /tmp/iso-noexec
	return 0
}

begin() {
	bg_pids=
	trap cleanup EXIT
}

# ---------------------------------------------------------------- namespaces

t init_is_pid_1
init_is_pid_1() {
	begin
	out=$(vee run -- sh -c 'echo $$') || fail "vee run failed: $out"
	eq "pid of the init inside" "$out" 1
	# The /proc inside is the domain's own: its pid 1 is CMD.
	out=$(vee run -- cat /proc/1/comm) || fail "vee run cat failed"
	eq "/proc/1/comm inside" "$out" cat
	# Without a pid namespace the same command is not pid 1: the check
	# above can tell the difference.
	out=$(vee run --ns mnt,net,uts,ipc,cgroup -- sh -c 'echo $$') ||
		fail "vee run --ns without pid failed"
	[ -n "$out" ] && [ "$out" != 1 ] || fail "pid without a pid namespace: '$out'"
	nothing_left
}

t hostname_is_the_domains
hostname_is_the_domains() {
	begin
	host=$(hostname)
	eq "host name" "$host" vee-guest
	out=$(vee run --name hn-1 -- hostname) || fail "vee run failed"
	eq "hostname inside (default: the domain's name)" "$out" hn-1
	out=$(vee run --name hn-2 --hostname box.example -- hostname) || fail "vee run failed"
	eq "hostname inside with --hostname" "$out" box.example
	out=$(vee run -- uname -n) || fail "vee run failed"
	case "$out" in
	run-[0-9]*) ;;
	*) fail "hostname of an unnamed domain: '$out'" ;;
	esac
	# A change inside stays inside (sethostname needs SYS_ADMIN over the
	# domain's uts namespace, which confinement drops unless added).
	out=$(vee run --cap-add SYS_ADMIN -- sh -c 'hostname changed.inside && hostname') ||
		fail "vee run failed"
	eq "hostname after changing it inside" "$out" changed.inside
	eq "host name after the domains" "$(hostname)" "$host"
	# Without uts the host's name shows: the check can tell.
	out=$(vee run --ns mnt,pid,net,ipc,cgroup -- hostname) || fail "vee run failed"
	eq "hostname without uts" "$out" "$host"
	nothing_left
}

t ps_sees_only_the_domain
ps_sees_only_the_domain() {
	begin
	sleep 300 &
	sp=$!
	bg_pids=$sp
	ps | grep -q '[s]leep 300' || fail "the host's ps does not show its sleep 300"
	out=$(vee run -- sh -c 'ps; true') || fail "vee run ps failed: $out"
	echo "$out" | grep -q 'sleep 300' && fail "ps inside shows the host's sleep: $out"
	n=$(echo "$out" | sed 1d | wc -l)
	[ "$n" -ge 1 ] && [ "$n" -le 2 ] || fail "ps inside lists $n processes: $out"
	# By /proc: the init (a shell, globbing itself) sees its own pid only.
	out=$(vee run -- sh -c 'cd /proc && echo [0-9]*') || fail "vee run failed"
	eq "pids in /proc inside" "$out" 1
	# Without the pid namespace the host's sleep shows: the check can tell.
	out=$(vee run --ns mnt,net,uts,ipc,cgroup -- ps) || fail "vee run failed"
	echo "$out" | grep -q 'sleep 300' || fail "ps without pid ns misses the sleep: $out"
	kill "$sp"
	nothing_left
}

t network_has_only_loopback
network_has_only_loopback() {
	begin
	must ip link add vh0 type veth peer name vh1
	n=$(ip -o link | wc -l)
	[ "$n" -ge 3 ] || fail "the host has $n links: $(ip -o link)"
	out=$(vee run -- ip -o link) || fail "vee run ip link failed: $out"
	eq "links inside" "$(echo "$out" | wc -l)" 1
	case "$out" in
	"1: lo: <LOOPBACK,UP,LOWER_UP>"*) ;;
	*) fail "the one link inside is not lo, up: $out" ;;
	esac
	# The loopback works.
	must vee run -- ping -c 1 -W 5 127.0.0.1 >/dev/null
	# Without net the host's links show: the check can tell.
	out=$(vee run --ns mnt,pid,uts,ipc,cgroup -- ip -o link) || fail "vee run failed"
	echo "$out" | grep -q 'vh0' || fail "no vh0 without a net namespace: $out"
	must ip link del vh0
	nothing_left
}

t mounts_inside_stay_inside
mounts_inside_stay_inside() {
	begin
	# A host like systemd's, where mounts propagate unless made private.
	grep -q ' / / .*shared:' /proc/self/mountinfo || touch /tmp/iso-make-private
	must mount --make-rshared /
	mkdir -p /tmp/iso-mnt
	# Mounting needs SYS_ADMIN, which confinement drops (and then its
	# seccomp profile lets mount through).
	bg_run mnt1 --cap-add SYS_ADMIN -- sh -c 'mount -t tmpfs isotmpfs /tmp/iso-mnt &&
		echo inside >/tmp/iso-mnt/f && echo mounted && exec sleep 1000'
	wait_lines /tmp/iso.mnt1.out 1
	eq "inside's report" "$(cat /tmp/iso.mnt1.out)" mounted
	out=$(vee exec mnt1 -- grep isotmpfs /proc/mounts) ||
		fail "the mount is not there inside"
	out=$(vee exec mnt1 -- cat /tmp/iso-mnt/f) || fail "cannot read inside"
	eq "file on the domain's tmpfs, inside" "$out" inside
	grep isotmpfs /proc/mounts && fail "the domain's mount shows on the host"
	[ -e /tmp/iso-mnt/f ] && fail "the domain's file shows on the host"
	must vee destroy --force mnt1
	bg_wait "$bg"
	eq "status of vee run after destroy --force" "$st" 137
	grep isotmpfs /proc/mounts && fail "the domain's mount is left on the host"
	nothing_left
}

t ipc_objects_are_not_shared
ipc_objects_are_not_shared() {
	begin
	must "$H/ipc_helper" create shm $IPC_KEY >/dev/null
	must "$H/ipc_helper" create msg $IPC_KEY >/dev/null
	must "$H/ipc_helper" exists shm $IPC_KEY
	for ty in shm msg; do
		out=$(vee run -- sh -c "$H/ipc_helper exists $ty $IPC_KEY; echo \$?") ||
			fail "vee run failed: $out"
		eq "host's $ty $IPC_KEY inside (1: missing)" "$out" 1
		# The domain makes its own, the host's notwithstanding.
		out=$(vee run -- sh -c "$H/ipc_helper create $ty $IPC_KEY >/dev/null &&
			$H/ipc_helper exists $ty $IPC_KEY; echo \$?") || fail "vee run failed"
		eq "$ty made inside (0: made and found)" "$out" 0
	done
	out=$(vee run -- sh -c 'sed 1d /proc/sysvipc/shm | wc -l') || fail "vee run failed"
	eq "shm segments listed inside" "$out" 0
	[ "$(sed 1d /proc/sysvipc/shm | wc -l)" -ge 1 ] || fail "the host lists no segment"
	# Without ipc the host's objects show: the check can tell.
	out=$(vee run --ns mnt,pid,net,uts,cgroup -- sh -c "$H/ipc_helper exists shm $IPC_KEY; echo \$?") ||
		fail "vee run failed"
	eq "host's shm without an ipc namespace (0: found)" "$out" 0
	# What the domains made stayed theirs: with the host's own removed,
	# the host has none left.
	must "$H/ipc_helper" remove shm $IPC_KEY
	must "$H/ipc_helper" remove msg $IPC_KEY
	"$H/ipc_helper" exists shm $IPC_KEY && fail "a second shm $IPC_KEY on the host"
	nothing_left
}

t ns_list_selects_namespaces
ns_list_selects_namespaces() {
	begin
	script='for n in mnt pid net uts ipc cgroup user time; do
		echo "$n $(readlink /proc/self/ns/$n)"; done'
	host=$(sh -c "$script")
	# "OPTION:the namespaces that must differ from the host's"
	for case in "default:mnt pid net uts ipc cgroup" \
		"all:mnt pid net uts ipc cgroup user time" \
		"net:net" "uts,ipc:uts ipc" "mnt,user:mnt user" "time:time"; do
		opt=${case%%:*} want=${case#*:}
		if [ "$opt" = default ]; then
			in=$(vee run -- sh -c "$script") || fail "vee run failed: $in"
		else
			in=$(vee run --ns "$opt" -- sh -c "$script") ||
				fail "vee run --ns $opt failed: $in"
		fi
		got=$(echo "$in" | while read -r n link; do
			echo "$host" | grep -qxF "$n $link" || echo "$n"
		done | tr '\n' ' ')
		eq "namespaces new with --ns $opt" "$got" "$want "
	done
	# In a user namespace the command is root mapped to the caller.
	out=$(vee run --ns all -- sh -c 'id -u; cat /proc/self/uid_map') || fail "vee run --ns all failed"
	eq "uid and map in a user namespace" "$(echo $out)" "0 0 0 1"
	nothing_left
}

t rootfs_becomes_the_root
rootfs_becomes_the_root() {
	begin
	mkdir -p "$ROOTFS/proc" "$ROOTFS/tmp" "$ROOTFS/dev"
	must cp -a /usr /etc "$ROOTFS/"
	for l in bin lib lib64 sbin; do
		[ -L "/$l" ] && ln -s "$(readlink "/$l")" "$ROOTFS/$l"
	done
	echo here >"$ROOTFS/ROOT-MARKER"
	out=$(vee run --rootfs "$ROOTFS" -- sh -c 'cat /ROOT-MARKER; ls /; cat /proc/1/comm') ||
		fail "vee run --rootfs failed: $out"
	echo "$out" | grep -qx here || fail "no marker at / inside: $out"
	echo "$out" | grep -qx tests && fail "the host's /tests shows inside: $out"
	echo "$out" | grep -qx sh || fail "/proc inside is not the domain's: $out"
	grep -F "$ROOTFS" /proc/mounts && fail "a mount of the rootfs is left on the host"
	[ -d /tests ] || fail "the host lost /tests"
	expect_status 1 "/nonexistent" -- vee run --name rf --rootfs /nonexistent -- true
	rm -rf "$ROOTFS"
	nothing_left
}

t cannot_leave_the_domains_cgroup
cannot_leave_the_domains_cgroup() {
	begin
	# Root inside writes itself into /sys/fs/cgroup/cgroup.procs: it
	# must stay in the domain's cgroup (the root of its cgroup namespace)
	# and under its limits.
	out=$(vee run --name esc1 -- sh -c 'echo $$ >/sys/fs/cgroup/cgroup.procs 2>/dev/null
		cat /proc/self/cgroup') || fail "vee run failed: $out"
	eq "cgroup after writing itself into /sys/fs/cgroup/cgroup.procs" "$out" "0::/"
	expect_status 137 "" -- vee run --name esc2 --mem 32M -- sh -c \
		"echo \$\$ >/sys/fs/cgroup/cgroup.procs 2>/dev/null; exec $H/touch_mem 64"
	nothing_left
}

t vee_inside_a_domain_is_refused
vee_inside_a_domain_is_refused() {
	begin
	bg_run in1 -- sleep 1000
	expect_status 1 "vee: list:" -- vee exec in1 -- vee list
	expect_status 1 "vee: create inner:" -- vee exec in1 -- vee create inner
	expect_status 1 "vee: destroy in1:" -- vee exec in1 -- vee destroy --force in1
	expect_status 1 "vee: kill in1:" -- vee exec in1 -- vee kill in1
	eq "in1 after vee from inside" "$(state in1)" running
	eq "domains after vee from inside" "$(vee list --json | grep -o '"name":"[^"]*"')" '"name":"in1"'
	# Not even after trying to move out of the domain's cgroup first
	# (the module knows a domain's tasks by their cgroup).
	expect_status 1 "" -- vee run --name in2 -- sh -c 'echo $$ >/sys/fs/cgroup/cgroup.procs 2>/dev/null
		exec vee destroy --force in1'
	eq "in1 after vee destroy from a task that tried to leave" "$(state in1)" running
	must vee destroy --force in1
	bg_wait "$bg"
	nothing_left
}

t without_cgroup_ns_vee_is_still_refused
without_cgroup_ns_vee_is_still_refused() {
	begin
	bg_run victim -- sleep 1000
	# --ns without cgroup is allowed, and then the host's cgroup tree is
	# in reach of root inside; a task of the domain must still not be able
	# to act on vee.
	expect_status 1 "" -- vee run --name nocg --ns mnt,pid,net,uts,ipc -- sh -c \
		'echo $$ >/sys/fs/cgroup/cgroup.procs 2>/dev/null; exec vee destroy --force victim'
	eq "victim after vee destroy from a domain without a cgroup ns" "$(state victim)" running
	expect_status 1 "" -- vee run --name nocg --ns mnt,pid,net,uts,ipc -- sh -c \
		'echo $$ >/sys/fs/cgroup/cgroup.procs 2>/dev/null; exec vee create planted'
	eq "domains after vee create from a domain without a cgroup ns" \
		"$(vee list --json | grep -o '"name":"[^"]*"')" '"name":"victim"'
	must vee destroy --force victim
	bg_wait "$bg"
	nothing_left
}

# ------------------------------------------------------------------- limits

t limits_reach_the_cgroup_files
limits_reach_the_cgroup_files() {
	begin
	must vee create lim1 --mem 64M --mem-high 48M --swap 0 --pids 100 \
		--cpus 0.5 --cpu-weight 50 --cpuset 1 --cpuset-mems 0
	eq memory.max "$(cat $CG/lim1/memory.max)" 67108864
	eq memory.high "$(cat $CG/lim1/memory.high)" 50331648
	eq memory.swap.max "$(cat $CG/lim1/memory.swap.max)" 0
	eq pids.max "$(cat $CG/lim1/pids.max)" 100
	eq cpu.max "$(cat $CG/lim1/cpu.max)" "50000 100000"
	eq cpu.weight "$(cat $CG/lim1/cpu.weight)" 50
	eq cpuset.cpus "$(cat $CG/lim1/cpuset.cpus)" 1
	eq cpuset.mems "$(cat $CG/lim1/cpuset.mems)" 0
	must vee create lim2 --mem 1G --swap max --pids max --cpus max --cpu-weight 10000
	eq memory.max "$(cat $CG/lim2/memory.max)" 1073741824
	eq memory.swap.max "$(cat $CG/lim2/memory.swap.max)" max
	eq pids.max "$(cat $CG/lim2/pids.max)" max
	eq cpu.max "$(cat $CG/lim2/cpu.max)" "max 100000"
	eq cpu.weight "$(cat $CG/lim2/cpu.weight)" 10000
	must vee create lim3 --mem 1536K --cpus 1.25
	eq memory.max "$(cat $CG/lim3/memory.max)" 1572864
	eq cpu.max "$(cat $CG/lim3/cpu.max)" "125000 100000"
	for n in lim1 lim2 lim3; do must vee destroy $n; done
	nothing_left
}

t memory_limit_oom_kills
memory_limit_oom_kills() {
	begin
	# Unlimited, the helper touches 64 MiB and exits 0: the check can tell.
	out=$(vee run -- "$H/touch_mem" 64) || fail "touch_mem 64 without a limit failed"
	eq "touch_mem 64 without a limit" "$out" "touched 64 MiB"
	expect_status 137 "" -- vee run --mem 32M -- "$H/touch_mem" 64
	echo "# --mem 32M, touch_mem 64: exit $got"
	out=$(vee run --mem 32M -- "$H/touch_mem" 8) || fail "touch_mem 8 under 32M failed"
	eq "touch_mem 8 under --mem 32M" "$out" "touched 8 MiB"
	expect_status 137 "" -- vee run --keep --name oom1 --mem 32M -- "$H/touch_mem" 64
	grep -qx 'oom_kill [1-9][0-9]*' $CG/oom1/memory.events ||
		fail "memory.events: $(cat $CG/oom1/memory.events)"
	eq "state after the OOM kill" "$(state oom1)" empty
	must vee destroy oom1
	# The host is fine.
	out=$("$H/touch_mem" 64) || fail "the host cannot touch 64 MiB afterwards"
	nothing_left
}

t pids_limit_stops_forks
pids_limit_stops_forks() {
	begin
	# Unlimited, 50 forks succeed: the check can tell.
	out=$(vee run -- "$H/fork_until_fail" 50) || fail "vee run failed: $out"
	eq "fork_until_fail 50 without a limit" "$out" "forks=50 errno=none"
	# pids.max 8: the init and 7 children.
	out=$(vee run --pids 8 -- "$H/fork_until_fail") || fail "vee run failed: $out"
	echo "# --pids 8: $out"
	eq "fork_until_fail under --pids 8" "$out" "forks=7 errno=EAGAIN"
	out=$(vee run --keep --name pids1 --pids 1 -- "$H/fork_until_fail") || fail "vee run failed: $out"
	eq "fork_until_fail under --pids 1" "$out" "forks=0 errno=EAGAIN"
	grep -qx 'max [1-9][0-9]*' $CG/pids1/pids.events ||
		fail "pids.events: $(cat $CG/pids1/pids.events)"
	must vee destroy pids1
	nothing_left
}

t cpu_quota_throttles
cpu_quota_throttles() {
	begin
	out=$(vee run -- "$H/cpu_spin" 2000) || fail "vee run failed: $out"
	free_pct=$(echo "$out" | sed -n 's/^cpu_pct=\([0-9]*\) .*/\1/p')
	echo "# no limit: $out"
	[ "$free_pct" -ge 50 ] || fail "unlimited, the spinner got only $free_pct%: $out"
	out=$(vee run --keep --name cpu1 --cpus 0.2 -- "$H/cpu_spin" 2000) || fail "vee run failed: $out"
	pct=$(echo "$out" | sed -n 's/^cpu_pct=\([0-9]*\) .*/\1/p')
	echo "# --cpus 0.2: $out"
	[ "$pct" -ge 10 ] && [ "$pct" -le 30 ] || fail "--cpus 0.2 gave $pct% (10-30 wanted): $out"
	eq cpu.max "$(cat $CG/cpu1/cpu.max)" "20000 100000"
	thr=$(sed -n 's/^nr_throttled //p' $CG/cpu1/cpu.stat)
	echo "# nr_throttled $thr"
	[ "$thr" -gt 0 ] || fail "cpu.stat: $(cat $CG/cpu1/cpu.stat)"
	must vee destroy cpu1
	nothing_left
}

t cpuset_pins_cpus
cpuset_pins_cpus() {
	begin
	host=$(sed -n 's/^Cpus_allowed_list:[[:space:]]*//p' /proc/self/status)
	[ "$host" != 0 ] || fail "the guest has one CPU; the check could not tell"
	out=$(vee run -- grep Cpus_allowed_list /proc/self/status) || fail "vee run failed"
	eq "affinity without --cpuset" "$(echo $out)" "Cpus_allowed_list: $host"
	out=$(vee run --cpuset 0 -- grep Cpus_allowed_list /proc/self/status) || fail "vee run failed"
	eq "affinity with --cpuset 0" "$(echo $out)" "Cpus_allowed_list: 0"
	out=$(vee run --cpuset 1 -- sh -c 'taskset -p $$; nproc') || fail "vee run failed"
	eq "taskset and nproc with --cpuset 1" "$(echo $out)" "pid 1's current affinity mask: 2 1"
	nothing_left
}

t io_max_throttles_reads
io_max_throttles_reads() {
	begin
	modprobe loop 2>/dev/null
	must dd if=/dev/zero of="$LOOP_IMG" bs=1M count=8 2>/dev/null
	must losetup -f "$LOOP_IMG"
	dev=$(losetup -a | grep -F "$LOOP_IMG" | cut -d: -f1)
	[ -b "$dev" ] || fail "no loop device for $LOOP_IMG: $(losetup -a)"
	majmin=$(cat "/sys/block/${dev#/dev/}/dev")
	# dd's own time, taken inside the domain: starting a domain is not
	# what io.max limits, and on the debug kernel it alone took 1.2 s.
	# (The 1 before the hundredths keeps "08" from reading as octal.)
	read_2m='read -r a _ </proc/uptime
		dd if="$1" of=/dev/null bs=64k count=32 iflag=direct 2>/dev/null || exit
		read -r b _ </proc/uptime
		echo $(((${b%.*} - ${a%.*}) * 100 + 1${b#*.} - 1${a#*.}))'
	free_cs=$(vee run -- sh -c "$read_2m" sh "$dev") || fail "vee run: $free_cs"
	lim_cs=$(vee run --keep --name io1 --io-max "$majmin rbps=1M wbps=2M" -- \
		sh -c "$read_2m" sh "$dev") || fail "vee run: $lim_cs"
	echo "# 2 MiB direct read: ${free_cs}0 ms free, ${lim_cs}0 ms at rbps=1M"
	grep -q "^$majmin rbps=1048576 wbps=2097152 riops=max wiops=max$" $CG/io1/io.max ||
		fail "io.max: $(cat $CG/io1/io.max)"
	[ "$lim_cs" -ge 100 ] || fail "2 MiB at 1 MiB/s took ${lim_cs}0 ms"
	[ $((free_cs * 2)) -lt "$lim_cs" ] ||
		fail "2 MiB unthrottled took ${free_cs}0 ms: the check cannot tell"
	must vee destroy io1
	must losetup -d "$dev"
	nothing_left
}

t set_changes_limits_of_a_running_domain
set_changes_limits_of_a_running_domain() {
	begin
	bg_run set1 -- sleep 1000
	must vee set set1 --pids 4 --mem 48M --cpu-weight 20
	eq pids.max "$(cat $CG/set1/pids.max)" 4
	eq memory.max "$(cat $CG/set1/memory.max)" 50331648
	eq cpu.weight "$(cat $CG/set1/cpu.weight)" 20
	# The init and the exec'd program are 2 of the 4.
	out=$(vee exec set1 -- "$H/fork_until_fail") || fail "vee exec failed: $out"
	eq "forks after vee set --pids 4" "$out" "forks=2 errno=EAGAIN"
	# All or nothing: the kernel refuses io.max of a missing device, and
	# the pids.max written before it is put back.
	expect_status 1 "io.max" -- vee set set1 --pids 10 --io-max "250:250 rbps=1M"
	eq "pids.max after a refused set" "$(cat $CG/set1/pids.max)" 4
	expect_status 1 "cpuset.cpus" -- vee set set1 --pids 10 --cpuset 5
	eq "pids.max after a refused set" "$(cat $CG/set1/pids.max)" 4
	must vee set set1 --pids max
	eq pids.max "$(cat $CG/set1/pids.max)" max
	must vee destroy --force set1
	bg_wait "$bg"
	eq "vee run after destroy --force" "$st" 137
	nothing_left
}

# ------------------------------------------------------ exec, kill, freeze

t exec_joins_a_running_domain
exec_joins_a_running_domain() {
	begin
	bg_run ex1 -- sleep 1000
	ipid=$(init_pid ex1)
	[ -n "$ipid" ] && [ -d "/proc/$ipid" ] || fail "init_pid '$ipid'"
	eq "init's command (host view)" "$(tr '\0' ' ' <"/proc/$ipid/cmdline")" "sleep 1000 "
	out=$(vee exec ex1 -- hostname) || fail "vee exec hostname failed"
	eq "hostname by exec" "$out" ex1
	out=$(vee exec ex1 -- sh -c 'echo $$') || fail "vee exec failed"
	[ -n "$out" ] && [ "$out" != 1 ] && [ "$out" -lt 100 ] ||
		fail "pid of the exec'd shell: '$out'"
	out=$(vee exec ex1 -- cat /proc/1/cmdline | tr '\0' ' ') || fail "vee exec failed"
	eq "/proc/1/cmdline by exec" "$out" "sleep 1000 "
	for ns in mnt pid net uts ipc cgroup; do
		want=$(readlink "/proc/$ipid/ns/$ns")
		[ "$want" != "$(readlink /proc/self/ns/$ns)" ] || fail "init shares the host's $ns"
		out=$(vee exec ex1 -- readlink /proc/self/ns/$ns) || fail "vee exec failed"
		eq "$ns namespace of the exec'd command" "$out" "$want"
	done
	out=$(vee exec ex1 -- cat /proc/self/cgroup) || fail "vee exec failed"
	eq "cgroup of the exec'd command (inside its cgroup ns)" "$out" "0::/"
	# Seen from the host, the exec'd command is a task of the domain.
	vee exec ex1 -- sleep 123 &
	ep=$!
	bg_pids="$bg_pids $ep"
	_i=0
	until for p in $(cat $CG/ex1/cgroup.procs); do
		tr '\0' ' ' <"/proc/$p/cmdline"
		echo
	done | grep -qx 'sleep 123 '; do
		_i=$((_i + 1))
		[ $_i -le 100 ] || fail "no 'sleep 123' in $CG/ex1/cgroup.procs: $(cat $CG/ex1/cgroup.procs)"
		sleep 0.1
	done
	expect_status 5 "" -- vee exec ex1 -- sh -c 'exit 5'
	expect_status 127 "ex1" -- vee exec ex1 -- /nonexistent-cmd
	must vee kill ex1
	bg_wait "$bg"
	eq "vee run after vee kill" "$st" 137
	bg_wait "$ep"
	eq "vee exec of a killed domain" "$st" 137
	wait_state ex1 empty
	expect_status 1 "ex1" -- vee exec ex1 -- true
	must vee destroy ex1
	nothing_left
}

t kill_sends_the_signal
kill_sends_the_signal() {
	begin
	bg_run k1 -- sh -c 'trap "echo got TERM; exit 3" TERM; echo ready; while :; do sleep 0.1; done'
	wait_lines /tmp/iso.k1.out 1
	must vee kill k1 TERM
	bg_wait "$bg"
	eq "vee run after vee kill TERM" "$st" 3
	grep -qx 'got TERM' /tmp/iso.k1.out || fail "init's output: $(cat /tmp/iso.k1.out)"
	must vee destroy k1
	# Every task, not only the init, by number.  Without a pid namespace
	# the init's exit does not take the background sleep with it: only the
	# signal can.
	bg_run k2 --ns mnt,net,uts,ipc,cgroup -- sh -c 'trap "exit 4" USR1; sleep 1000 &
		echo ready; while :; do sleep 0.1; done'
	wait_lines /tmp/iso.k2.out 1
	must vee kill k2 10
	bg_wait "$bg"
	eq "vee run after vee kill 10" "$st" 4
	_i=0
	until grep -qx 'populated 0' $CG/k2/cgroup.events; do
		_i=$((_i + 1))
		[ $_i -le 50 ] || fail "tasks left after vee kill USR1: $(cat $CG/k2/cgroup.procs)"
		sleep 0.1
	done
	must vee destroy k2
	nothing_left
}

t signals_to_vee_run_reach_the_init
signals_to_vee_run_reach_the_init() {
	begin
	bg_run sig1 -- sh -c 'trap "exit 9" TERM; echo ready; while :; do sleep 0.1; done'
	wait_lines /tmp/iso.sig1.out 1
	kill -TERM "$bg"
	bg_wait "$bg"
	eq "vee run after SIGTERM (the init exits 9)" "$st" 9
	must vee destroy sig1
	# An init that ignores it: the second one kills the domain.
	bg_run sig2 -- sh -c 'trap "" TERM; echo ready; while :; do sleep 0.1; done'
	wait_lines /tmp/iso.sig2.out 1
	kill -TERM "$bg"
	sleep 0.5
	alive "$bg" || fail "vee run ended on the first SIGTERM"
	kill -TERM "$bg"
	bg_wait "$bg"
	eq "vee run after two SIGTERMs" "$st" 137
	must vee destroy sig2
	nothing_left
}

t freeze_stops_and_thaw_resumes
freeze_stops_and_thaw_resumes() {
	begin
	bg_run fz1 -- sh -c 'i=0; while :; do i=$((i + 1)); echo $i; sleep 0.1; done'
	wait_lines /tmp/iso.fz1.out 3
	grep -qx 'frozen 0' $CG/fz1/cgroup.events || fail "cgroup.events: $(cat $CG/fz1/cgroup.events)"
	must timeout 20 vee freeze fz1
	grep -qx 'frozen 1' $CG/fz1/cgroup.events || fail "cgroup.events: $(cat $CG/fz1/cgroup.events)"
	eq "state while frozen" "$(state fz1)" frozen
	a=$(wc -l </tmp/iso.fz1.out)
	sleep 1
	b=$(wc -l </tmp/iso.fz1.out)
	eq "counter lines over 1 s frozen" "$b" "$a"
	expect_status 1 "fz1" -- timeout 20 vee exec fz1 -- true
	must timeout 20 vee thaw fz1
	grep -qx 'frozen 0' $CG/fz1/cgroup.events || fail "cgroup.events: $(cat $CG/fz1/cgroup.events)"
	eq "state after thaw" "$(state fz1)" running
	sleep 1
	c=$(wc -l </tmp/iso.fz1.out)
	echo "# counter: $a at freeze, $b after 1 s frozen, $c 1 s after thaw"
	[ "$c" -gt "$b" ] || fail "counter did not move after thaw ($b, then $c)"
	[ "$(tail -n 1 /tmp/iso.fz1.out)" -ge "$c" ] || fail "the count is not the line count"
	# Frozen again, destroy --force still ends it.
	must timeout 20 vee freeze fz1
	expect_status 1 "fz1" -- vee destroy fz1
	must timeout 20 vee destroy --force fz1
	bg_wait "$bg"
	eq "vee run after destroy --force of a frozen domain" "$st" 137
	nothing_left
}

# ---------------------------------------------------------- exit statuses

t run_returns_the_commands_status
run_returns_the_commands_status() {
	begin
	for s in 0 7 255; do
		expect_status $s "" -- vee run -- sh -c "exit $s"
	done
	expect_status 1 "" -- vee run -- false
	# Killed by a signal: 128 + its number (no pid ns, so the command
	# is not an init, which a signal of its own could not kill).
	expect_status 143 "" -- vee run --ns mnt,net,uts,ipc,cgroup -- sh -c 'kill -TERM $$'
	expect_status 138 "" -- vee run --ns mnt,net,uts,ipc,cgroup -- sh -c 'kill -USR1 $$'
	expect_status 127 "nonexistent-cmd" -- vee run -- /nonexistent-cmd
	echo '#!/bin/sh' >/tmp/iso-noexec
	chmod 644 /tmp/iso-noexec
	expect_status 126 "iso-noexec" -- vee run -- /tmp/iso-noexec
	rm -f /tmp/iso-noexec
	nothing_left
}

t run_passes_stdio_and_environment
run_passes_stdio_and_environment() {
	begin
	out=$(echo through | vee run -- cat) || fail "vee run cat failed"
	eq "stdin to stdout through the domain" "$out" through
	out=$(ISO_VAR=value vee run -- sh -c 'echo $ISO_VAR') || fail "vee run failed"
	eq "environment inside" "$out" value
	out=$(vee run -- sh -c 'echo to-stderr >&2' 2>&1 >/dev/null) || fail "vee run failed"
	eq "stderr inside" "$out" to-stderr
	nothing_left
}

t run_ends_every_task_of_the_domain
run_ends_every_task_of_the_domain() {
	begin
	# Without a pid namespace the init's exit kills nobody: vee run's
	# destroy must.  The sleep would otherwise live on.  (Its output goes
	# elsewhere, or $(...) would wait for it.)
	out=$(vee run --ns mnt,net,uts,ipc,cgroup -- sh -c 'sleep 777 >/dev/null 2>&1 &
		echo $!') || fail "vee run failed: $out"
	[ -n "$out" ] || fail "no pid of the background sleep"
	sleep 0.2
	ps | grep '[s]leep 777' && fail "the domain's background sleep outlived vee run"
	nothing_left
}

# ------------------------------------------------------------- bad input

# bad_values: "OPTION VALUE" lines, each refused before anything is made.
bad_values() {
	cat <<'EOF'
--mem 12Q
--mem -1
--mem 0
--mem 
--mem abc
--mem M
--mem 99999999999999999999
--mem 17179869184G
--mem-high 12Q
--mem-high -1
--swap 12Q
--swap -5
--pids 0
--pids -1
--pids abc
--pids 1.5
--pids 4194305
--pids 99999999999999999999
--pids 
--cpus 0
--cpus 0.0
--cpus -1
--cpus abc
--cpus 0.001
--cpus 1025
--cpus 
--cpu-weight 0
--cpu-weight 10001
--cpu-weight -5
--cpu-weight abc
--cpu-weight 
--cpuset 
--cpuset 1-0
--cpuset x
--cpuset 0,,1
--cpuset -1
--cpuset 99999999
--cpuset-mems 
--io-max 
--io-max 8:0
--io-max x:y rbps=1
--io-max rbps=1M
--io-max 8:0 foo=1
--io-max 8:0 rbps=
--io-max 8:0 rbps=abc
--io-max 8:0 rbps=-1
--io-max 8:0 rbps=1 rbps=2
EOF
}

t bad_limits_are_usage_errors
bad_limits_are_usage_errors() {
	begin
	must vee create keep1
	bad_values | while read -r opt val; do
		expect_status 2 "$opt:" -- vee run --name bad1 "$opt" "$val" -- true
		expect_status 2 "$opt:" -- vee create bad1 "$opt" "$val"
		expect_status 2 "$opt:" -- vee set keep1 "$opt" "$val"
	done || exit 1
	for val in "" foo "mnt,,pid" "mnt,bogus" "MNT"; do
		expect_status 2 "--ns" -- vee run --ns "$val" -- true
		expect_status 2 "--ns" -- vee create bad1 --ns "$val"
	done
	expect_status 2 "" -- vee run --mem
	expect_status 2 "" -- vee create bad1 --pids
	expect_status 2 "missing CMD" -- vee run --name bad1
	expect_status 2 "missing CMD" -- vee run --name bad1 --
	expect_status 2 "uts" -- vee run --ns mnt,pid --hostname h -- true
	expect_status 2 "hostname" -- vee run --hostname "" -- true
	expect_status 2 "rootfs" -- vee run --rootfs "" -- true
	expect_status 2 "rootfs" -- vee run --ns pid --rootfs / -- true
	expect_status 2 "" -- vee set keep1
	expect_status 2 "" -- vee set
	expect_status 2 "" -- vee exec
	expect_status 2 "" -- vee exec keep1
	expect_status 2 "" -- vee kill
	expect_status 2 "" -- vee kill keep1 BOGUS
	expect_status 2 "" -- vee kill keep1 0
	expect_status 2 "" -- vee kill keep1 65
	expect_status 2 "" -- vee freeze
	expect_status 2 "" -- vee thaw
	expect_status 2 "" -- vee run --name "a/b" -- true
	eq "domains after bad input" "$(vee list --json | grep -o '"name":"[^"]*"')" '"name":"keep1"'
	eq "directories after bad input" "$(domain_dirs)" keep1
	must vee destroy keep1
	nothing_left
}

t refused_limits_are_operation_failures
refused_limits_are_operation_failures() {
	begin
	# Well-formed, but the kernel refuses them: CPU 5 and node 1 do not
	# exist here, 250:250 is no block device.
	expect_status 1 "cpuset.cpus" -- vee run --name ref1 --cpuset 5 -- true
	expect_status 1 "cpuset.cpus" -- vee create ref1 --cpuset 0-5
	expect_status 1 "cpuset.mems" -- vee run --name ref1 --cpuset-mems 1 -- true
	expect_status 1 "io.max" -- vee run --name ref1 --io-max "250:250 rbps=1M" -- true
	expect_status 1 "io.max" -- vee create ref1 --io-max "250:250 wbps=1M"
	grep -q 'ref1' /tmp/t.err || fail "the message does not name the domain: $(cat /tmp/t.err)"
	nothing_left
}

t lifecycle_errors_are_clear
lifecycle_errors_are_clear() {
	begin
	must vee create d1
	expect_status 1 "vee: create d1: domain exists" -- vee create d1
	expect_status 1 "d1: domain exists" -- vee run --name d1 -- true
	eq "d1 after a refused vee run of that name" "$(state d1)" created
	expect_status 1 "d1" -- vee exec d1 -- true
	must vee destroy d1
	expect_status 1 "vee: destroy d1: no such domain" -- vee destroy d1
	for c in "exec nosuch -- true" "kill nosuch" "freeze nosuch" "thaw nosuch" \
		"set nosuch --pids 5" "destroy nosuch --force"; do
		# shellcheck disable=SC2086 # split on purpose
		expect_status 1 "nosuch: no such domain" -- vee $c
	done
	bg_run d2 -- sleep 1000
	expect_status 1 "vee: destroy d2: domain is running" -- vee destroy d2
	eq "d2 after a refused destroy" "$(state d2)" running
	alive "$bg" || fail "vee run ended after a refused destroy"
	expect_status 1 "vee: create d2: domain exists" -- vee create d2
	must vee destroy --force d2
	bg_wait "$bg"
	eq "vee run after destroy --force" "$st" 137
	expect_status 1 "vee: destroy d2: no such domain" -- vee destroy --force d2
	expect_status 1 "vee: destroy d2: no such domain" -- vee destroy d2
	nothing_left
}

t nothing_left_behind
nothing_left_behind() {
	nothing_left
	[ -d "$CG" ] || fail "$CG is gone"
}

t_main
