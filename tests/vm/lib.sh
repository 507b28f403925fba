# SPDX-License-Identifier: GPL-2.0
# Helpers for the shell tests (busybox sh): TAP output, one test a function.
# A test function fails as soon as a command in it fails (set -e in a
# subshell), or through fail().

t_n=0
t_failed=0
t_list=

# t NAME: registers test function NAME, in order.
t() { t_list="$t_list $1"; }

fail() { echo "#   $*"; exit 1; }

# expect_status CODE STDERR_SUBSTRING -- CMD...: CMD exits with CODE and
# says STDERR_SUBSTRING on stderr.
expect_status() {
	want=$1 msg=$2
	shift 3
	set +e
	"$@" >/tmp/t.out 2>/tmp/t.err
	got=$?
	set -e
	[ "$got" = "$want" ] ||
		fail "'$*' exited $got, wanted $want; stderr: $(cat /tmp/t.err)"
	[ -z "$msg" ] || grep -qF -- "$msg" /tmp/t.err ||
		fail "'$*' stderr lacks '$msg': $(cat /tmp/t.err)"
}

# expect_out SUBSTRING -- CMD...: CMD succeeds and prints SUBSTRING.
expect_out() {
	msg=$1
	shift 2
	out=$("$@") || fail "'$*' failed"
	case "$out" in
	*"$msg"*) ;;
	*) fail "'$*' printed '$out', lacking '$msg'" ;;
	esac
}

# wait_subscribed PID: until process PID (vee events) has joined a netlink
# group (at most 5 s).
wait_subscribed() {
	i=0
	while [ $i -lt 50 ]; do
		awk -v p="$1" '$2 == 16 && $3 == p && $4 != "00000000" { f = 1 }
			END { exit !f }' /proc/net/netlink && return 0
		sleep 0.1
		i=$((i + 1))
	done
	fail "vee events (pid $1) never subscribed"
}

t_main() {
	set -- $t_list
	echo "TAP version 13"
	echo "1..$#"
	for t_name; do
		t_n=$((t_n + 1))
		echo "# RUN $t_name"
		# Not as an if condition: there the shell would ignore set -e.
		(set -e; "$t_name")
		if [ $? = 0 ]; then
			echo "ok $t_n $t_name"
		else
			echo "not ok $t_n $t_name"
			t_failed=$((t_failed + 1))
		fi
	done
	[ "$t_failed" = 0 ]
}
