#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Confinement (docs/security.md): what a domain's root may no longer do to
# the shared kernel, and what it still does.  Every refusal is checked
# again under --privileged, where it must go through: a test that passed
# without the profile would fail there.
. "$(dirname "$0")/lib.sh"

H=$(cd "$(dirname "$0")" && pwd)
ROOTFS=/tmp/confine-rootfs
PROFILES=/tmp/confine-profiles
# Docker's 14 (CHOWN ... AUDIT_WRITE) as /proc/PID/status writes them.
CAPS_DEFAULT=00000000a80425fb

must() {
	"$@" || fail "'$*' exited $?"
}

eq() {
	[ "$2" = "$3" ] || fail "$1: got '$2', wanted '$3'"
}

nothing_left() {
	l=$(vee list --json) || fail "vee list --json failed"
	[ "$l" = "[]" ] || fail "domains left: $l"
}

# A root of the guest's own programs (dash, busybox, the probe), with a
# user besides root.
make_rootfs() {
	[ -d "$ROOTFS/usr" ] && return 0
	mkdir -p "$ROOTFS/proc" "$ROOTFS/tmp" "$ROOTFS/dev" "$ROOTFS/sys" \
		"$ROOTFS/www"
	must cp -a /usr /etc "$ROOTFS/"
	for l in bin lib lib64 sbin; do
		[ -L "/$l" ] && ln -s "$(readlink "/$l")" "$ROOTFS/$l"
	done
	must cp "$H/confine_probe" "$ROOTFS/usr/bin/"
	grep -q '^nobody:' "$ROOTFS/etc/passwd" 2>/dev/null ||
		echo 'nobody:x:65534:65534:nobody:/:/bin/sh' >>"$ROOTFS/etc/passwd"
	grep -q '^nogroup:' "$ROOTFS/etc/group" 2>/dev/null ||
		echo 'nogroup:x:65534:' >>"$ROOTFS/etc/group"
	echo hello >"$ROOTFS/www/index.html"
	chmod 1777 "$ROOTFS/tmp"
}

# in_domain [OPTIONS] -- SCRIPT: runs SCRIPT with sh in a domain on the
# rootfs, printing what it prints.
in_domain() {
	opts=
	while [ "$1" != -- ]; do opts="$opts $1"; shift; done
	shift
	# shellcheck disable=SC2086
	vee run --rootfs "$ROOTFS" $opts -- sh -c "$1"
}

t default_caps_are_dockers_fourteen
default_caps_are_dockers_fourteen() {
	make_rootfs
	out=$(in_domain -- 'grep -E "^Cap(Eff|Prm|Bnd|Inh|Amb)|^NoNewPrivs|^Seccomp:" /proc/self/status') ||
		fail "vee run failed: $out"
	echo "$out" | sed 's/^/#   /'
	for k in CapEff CapPrm CapBnd; do
		eq "$k" "$(echo "$out" | awk -v k="$k:" '$1 == k { print $2 }')" $CAPS_DEFAULT
	done
	eq CapAmb "$(echo "$out" | awk '$1 == "CapAmb:" { print $2 }')" 0000000000000000
	eq NoNewPrivs "$(echo "$out" | awk '$1 == "NoNewPrivs:" { print $2 }')" 1
	eq Seccomp "$(echo "$out" | awk '$1 == "Seccomp:" { print $2 }')" 2
	out=$(in_domain --privileged -- 'grep -E "^CapEff|^Seccomp:" /proc/self/status')
	echo "$out" | grep -q "CapEff:.*$CAPS_DEFAULT" &&
		fail "--privileged still has the default caps: $out"
	echo "$out" | grep -q 'Seccomp:.*0' || fail "--privileged has a filter: $out"
	nothing_left
}

# The syscalls Docker's profile refuses: EPERM confined, anything else
# (they are tried with harmless arguments) with --privileged.
t kernel_calls_are_refused
kernel_calls_are_refused() {
	make_rootfs
	conf=$(in_domain -- confine_probe) || fail "probe failed: $conf"
	priv=$(in_domain --privileged -- confine_probe) || fail "probe failed: $priv"
	echo "$conf" | paste - - - - - | sed 's/^/#   confined: /'
	echo "$priv" | paste - - - - - | sed 's/^/#   privileged: /'
	for call in init_module finit_module delete_module settimeofday \
		clock_settime kexec_load bpf perf_event_open keyctl add_key \
		swapon open_by_handle_at reboot unshare mount; do
		c=$(echo "$conf" | awk -v k="$call" '$1 == k { print $2 }')
		p=$(echo "$priv" | awk -v k="$call" '$1 == k { print $2 }')
		eq "$call confined" "$c" EPERM
		[ -n "$p" ] && [ "$p" != EPERM ] ||
			fail "$call under --privileged: '$p' (the test cannot tell the profile's refusal)"
	done
	nothing_left
}

t host_settings_stay_untouched
host_settings_stay_untouched() {
	make_rootfs
	printk=$(cat /proc/sys/kernel/printk)
	# shellcheck disable=SC2016
	script='r=; echo 3 >/proc/sys/vm/drop_caches 2>/dev/null && r="$r drop_caches"
		echo 10 >/proc/sys/kernel/printk 2>/dev/null && r="$r printk"
		mount -t sysfs sysfs /sys 2>/dev/null && r="$r sysfs"
		for f in /sys/kernel/mm/ksm/run /sys/kernel/mm/transparent_hugepage/defrag /sys/kernel/uevent_helper; do
			[ -e "$f" ] && { cat "$f" >"$f" 2>/dev/null && r="$r $f"; break; }
		done
		[ -e /proc/sysrq-trigger ] && echo 0 >/proc/sysrq-trigger 2>/dev/null && r="$r sysrq"
		rm -f /tmp/kmsg /tmp/disk
		mknod /tmp/kmsg c 1 11 || r="$r no-mknod"
		head -c 1 /tmp/kmsg >/dev/null 2>&1 && r="$r kmsg"
		mknod /tmp/disk b 7 0 || r="$r no-mknod-b"
		head -c 1 /tmp/disk 2>&1 | grep -q "not permitted" || r="$r disk"
		[ ! -e /proc/kcore ] || [ "$(head -c 16 /proc/kcore | wc -c)" = 0 ] || r="$r kcore"
		echo "succeeded:$r"'
	out=$(in_domain -- "$script") || fail "vee run failed: $out"
	eq "what a default domain did" "$out" "succeeded:"
	eq "host kernel.printk" "$(cat /proc/sys/kernel/printk)" "$printk"
	out=$(in_domain --privileged -- "$script") || fail "vee run failed: $out"
	echo "# privileged: $out"
	# The debug kernel has neither magic SysRq nor /proc/kcore.
	want="drop_caches printk sysfs kmsg disk"
	[ -e /proc/sysrq-trigger ] && want="$want sysrq"
	[ -e /proc/kcore ] && want="$want kcore"
	for w in $want; do
		echo "$out" | grep -q no-mknod && fail "mknod failed: $out"
		echo "$out" | grep -qw "$w" ||
			fail "$w was refused under --privileged too: $out"
	done
	echo "$printk" >/proc/sys/kernel/printk
	nothing_left
}

t ordinary_software_still_runs
ordinary_software_still_runs() {
	make_rootfs
	# shellcheck disable=SC2016
	out=$(in_domain -- 'set -e
		httpd -p 80 -h /www
		wget -q -O - http://127.0.0.1:80/index.html
		mkdir -p /tmp/pkg/usr/bin /tmp/stage; echo x >/tmp/stage/f
		tar -C /tmp/stage -cf /tmp/p.tar f; tar -C /tmp/pkg/usr/bin -xf /tmp/p.tar
		mv /tmp/pkg/usr/bin/f /tmp/pkg/usr/bin/g; ln -s g /tmp/pkg/usr/bin/h
		chmod 755 /tmp/pkg/usr/bin/g; chown 65534:65534 /tmp/pkg/usr/bin/g
		stat -c %u /tmp/pkg/usr/bin/g
		su -s /bin/sh nobody -c "id -u"
		ping -c 1 -W 2 127.0.0.1 >/dev/null && echo ping-ok
		ls /dev | tr "\n" " "') || fail "ordinary software failed: $out"
	echo "$out" | sed 's/^/#   /'
	echo "$out" | grep -qx hello || fail "httpd did not serve"
	[ "$(echo "$out" | grep -cx 65534)" = 2 ] || fail "chown or su failed"
	echo "$out" | grep -qx ping-ok || fail "ping failed"
	echo "$out" | grep -q 'sda\|kmsg\|mem ' && fail "/dev has host devices: $out"
	nothing_left
}

t cap_options_change_the_set
cap_options_change_the_set() {
	make_rootfs
	expect_status 1 "" -- in_domain --cap-drop NET_RAW -- 'ping -c 1 -W 2 127.0.0.1'
	out=$(in_domain --cap-add SYS_TIME -- 'confine_probe settimeofday') ||
		fail "probe failed"
	eq "settimeofday with SYS_TIME" "$out" "settimeofday ok"
	out=$(in_domain --cap-add cap_sys_time,CAP_SYS_NICE --cap-drop all -- 'grep ^CapEff /proc/self/status')
	eq "--cap-drop all" "$(echo $out)" "CapEff: 0000000000000000"
	expect_status 2 "'SYS_FOO' is not a capability" -- vee run --cap-add SYS_FOO -- true
	expect_status 2 "--privileged turns all confinement off" -- \
		vee run --privileged --cap-add SYS_TIME -- true
	nothing_left
}

t seccomp_profiles_from_files
seccomp_profiles_from_files() {
	make_rootfs
	mkdir -p "$PROFILES"
	cat >"$PROFILES/nomkdir.json" <<'JSON'
{ "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [ { "names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO" } ] }
JSON
	out=$(in_domain --seccomp "$PROFILES/nomkdir.json" -- 'mkdir /tmp/d 2>&1; echo rc=$?')
	echo "$out" | grep -q 'rc=1' || fail "mkdir was not refused: $out"
	echo "$out" | grep -q 'not permitted' || fail "mkdir's error is not EPERM: $out"
	out=$(in_domain --seccomp unconfined -- 'grep ^Seccomp: /proc/self/status')
	eq "--seccomp unconfined" "$(echo $out)" "Seccomp: 0"
	printf '{ "defaultAction": "SCMP_ACT_ALLOW", "syscalls": [ { "names": 3 } ' \
		>"$PROFILES/bad.json"
	expect_status 1 "bad.json" -- vee run --name badprof --seccomp "$PROFILES/bad.json" -- true
	expect_status 1 "" -- vee run --seccomp /nonexistent.json -- true
	nothing_left
}

t exec_gets_the_domains_confinement
exec_gets_the_domains_confinement() {
	make_rootfs
	vee run --name cexec --keep --rootfs "$ROOTFS" -- sleep 1000 &
	i=0
	until vee exec cexec -- true 2>/dev/null; do
		i=$((i + 1)); [ $i -lt 100 ] || fail "domain never ran"; sleep 0.1
	done
	out=$(vee exec cexec -- grep -E '^CapEff|^Seccomp:|^NoNewPrivs' /proc/self/status)
	echo "$out" | grep -q "CapEff:.*$CAPS_DEFAULT" || fail "exec's caps: $out"
	echo "$out" | grep -q 'Seccomp:.*2' || fail "exec has no filter: $out"
	json=$(vee stats cexec --json)
	echo "$json" | grep -q '"confinement":{"profile":"default"' ||
		fail "stats --json: $(echo "$json" | grep -o '"confinement".*')"
	echo "$json" | grep -q '"seccomp":"default","no_new_privs":true,"masked_paths":true,"devices":true' ||
		fail "stats --json: $(echo "$json" | grep -o '"confinement".*')"
	must vee destroy --force cexec
	wait
	vee run --name cpriv --keep --privileged -- sleep 1000 &
	i=0
	until vee exec cpriv -- true 2>/dev/null; do
		i=$((i + 1)); [ $i -lt 100 ] || fail "domain never ran"; sleep 0.1
	done
	vee stats cpriv --json | grep -q '"confinement":{"profile":"privileged","capabilities":null,"seccomp":"unconfined"' ||
		fail "privileged stats: $(vee stats cpriv --json)"
	must vee destroy --force cpriv
	wait
	nothing_left
}

# --userns auto: an ext2 image (tmpfs cannot be id-mapped on 6.1) holds
# the root, owned by host uid 0, shown as 0 inside.
t userns_auto_maps_a_range_of_its_own
userns_auto_maps_a_range_of_its_own() {
	make_rootfs
	img=/tmp/confine-ext2.img mnt=/tmp/confine-ext2
	mkdir -p "$mnt"
	must dd if=/dev/zero of="$img" bs=1M count=48 2>/dev/null
	# -f FILE: the first free device, made if need be.
	must losetup -f "$img"
	dev=$(losetup -a | grep -F "$img" | cut -d: -f1 | head -n 1)
	[ -b "$dev" ] || fail "no loop device for $img: $(losetup -a)"
	must mke2fs -q "$dev"
	modprobe ext4 2>/dev/null || true
	must mount -t ext4 "$dev" "$mnt"
	must cp -a "$ROOTFS/." "$mnt/"
	vee run --name ua --keep --userns auto --rootfs "$mnt" -- sleep 1000 &
	vee run --name ub --keep --userns auto --rootfs "$mnt" -- sleep 1000 &
	i=0
	until vee exec ua -- true 2>/dev/null && vee exec ub -- true 2>/dev/null; do
		i=$((i + 1)); [ $i -lt 150 ] || fail "domains never ran"; sleep 0.1
	done
	pa=$(vee list --json | tr '{' '\n' | sed -n 's/^"name":"ua".*"init_pid":\([0-9]*\).*/\1/p')
	pb=$(vee list --json | tr '{' '\n' | sed -n 's/^"name":"ub".*"init_pid":\([0-9]*\).*/\1/p')
	ua=$(awk '$1 == "Uid:" { print $2 }' /proc/"$pa"/status)
	ub=$(awk '$1 == "Uid:" { print $2 }' /proc/"$pb"/status)
	echo "# host uids of the inits: $ua $ub"
	[ "$ua" -ge 65536 ] && [ "$ub" -ge 65536 ] || fail "an init is a low host uid: $ua $ub"
	d=$((ua > ub ? ua - ub : ub - ua))
	[ "$d" -ge 65536 ] || fail "ranges overlap: $ua $ub"
	eq "uid_base in stats" "$(vee stats ua --json | grep -o '"uid_base":[0-9]*')" "\"uid_base\":$ua"
	out=$(vee exec ua -- sh -c 'id -u; stat -c %u /usr/bin /etc/passwd; cat /proc/self/uid_map')
	echo "$out" | sed 's/^/#   /'
	eq "inside" "$(echo $out | cut -d' ' -f1-3)" "0 0 0"
	out=$(vee exec ua -- sh -c 'touch /tmp/made-inside && stat -c %u /tmp/made-inside')
	eq "a file made inside" "$out" 0
	eq "its owner on the host" "$(stat -c %u "$mnt/tmp/made-inside")" 0
	must vee destroy --force ua
	must vee destroy --force ub
	wait
	# A range goes back with its domain: the next one may take it.
	vee run --name uc --userns auto --rootfs "$mnt" -- true ||
		fail "a third domain could not start"
	umount "$mnt"
	losetup -d "$dev"
	rm -f "$img"
	nothing_left
}

t bad_confinement_leaves_nothing
bad_confinement_leaves_nothing() {
	expect_status 2 "--userns" -- vee run --userns maybe -- true
	expect_status 2 "--cap-drop" -- vee run --cap-drop "" -- true
	expect_status 2 "--seccomp" -- vee run --seccomp "" -- true
	# A root whose dev leads elsewhere: refused by name, nothing left.
	bad=/tmp/confine-badroot
	mkdir -p "$bad/proc" "$bad/sys" "$bad/elsewhere"
	ln -sfn /elsewhere "$bad/dev"
	expect_status 1 "cannot make the domain's /dev in $bad" -- \
		vee run --name badroot --rootfs "$bad" -- true
	grep -q "$bad" /proc/mounts && fail "a mount of $bad is left: $(grep "$bad" /proc/mounts)"
	[ -z "$(ls "$bad/elsewhere")" ] || fail "something was made through the symlink"
	rm -rf "$bad"
	nothing_left
	left=$(find /sys/fs/cgroup/vee -mindepth 1 -maxdepth 1 -type d)
	[ -z "$left" ] || fail "cgroup directories left: $left"
}

t_main
