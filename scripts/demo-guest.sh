#!/bin/sh
# Runs inside the demo VM: each command is shown before it runs.
set -e
show() {
	printf '\n$ %s\n' "$*"
	"$@"
}
show vee version
show vee create web
show vee list
show vee destroy web

# A domain with limits, running a script as its init.
cat >/tmp/inside.sh <<'SCRIPT'
echo "inside: pid $$, hostname $(hostname)"
echo "inside: processes visible: $(ls /proc | grep -c '^[0-9]')"
echo "inside: network links: $(ip -o link | cut -d: -f2 | tr -d ' ' | tr '\n' ' ')"
echo "inside: cgroup $(cat /proc/self/cgroup) (the domain's own, as its namespace's root)"
SCRIPT
show vee run --name demo --hostname demo-box --mem 64M --pids 32 --cpus 0.5 \
	--keep -- sh /tmp/inside.sh
echo
echo "host: the domain's cgroup files:"
for f in memory.max pids.max cpu.max; do
	printf '  %s = %s\n' "$f" "$(cat /sys/fs/cgroup/vee/demo/$f)"
done
show vee list --json
show vee destroy demo

echo
echo "Live counters: a domain forks 20 children; the module counts each as it happens."
vee run --keep --name counted -- sh -c 'for i in $(seq 20); do /bin/true; done'
vee stats counted --json | tr ',{' '\n\n' |
	sed -n 's/^"\(forks\|execs\|exits\|cpu_usage_us\|page_faults\)":/  \1 /p'
echo "  (forks: the 20 children, the \$(seq 20) subshell and the init itself)"
vee destroy counted

echo
echo "A memory limit observed: touching 64 MiB in a 16 MiB domain."
show vee run --mem 16M -- sh -c 'x=$(head -c 67108864 /dev/zero | tr "\0" a); echo survived' ||
	echo "(exit status $?: the command was OOM-killed, the host is fine)"
show vee list --json

echo
echo "Confinement: root in a domain cannot touch the shared kernel."
# shellcheck disable=SC2016
show vee run -- sh -c '
	grep CapEff /proc/self/status
	date -s 2001-01-01 >/dev/null 2>&1
	echo "the year after date -s 2001-01-01: $(date +%Y) (settimeofday: EPERM)"
	{ echo 10 >/proc/sys/kernel/printk; } 2>/dev/null ||
		echo "host sysctl kernel.printk: read-only"
	echo "bytes of /proc/kcore: $(head -c 1 /proc/kcore | wc -c)"
	mount -t tmpfs x /mnt 2>/dev/null || echo "mount: refused"'
show vee run --privileged -- sh -c 'grep CapEff /proc/self/status'
echo "(--privileged: every capability, as before confinement)"
show vee run --keep --name tools --cap-add SYS_TIME -- true
echo
echo "host: what the domain runs under (vee stats tools --json):"
vee stats tools --json | grep -o '"confinement":{[^}]*}'
vee destroy tools
