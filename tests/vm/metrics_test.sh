#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# vee stats --format prometheus against a workload whose counts are known
# (workload.c), against vee stats --json, and through the strict checker
# (promcheck.sh).  The init adds one fork, exec and exit (acct_test.sh).
. "$(dirname "$0")/lib.sh"

# num KEY: the number after "KEY": in stdin (keys are unique in our JSON).
num() { sed -n "s/.*\"$1\":\([0-9][0-9]*\).*/\1/p" | head -n 1; }

# sample FILE METRIC NAME ID: the value of one series.
sample() {
	grep "^$2{name=\"$3\",id=\"$4\"} " "$1" | cut -d' ' -f2
}

COUNTERS="forks execs exits ctx_switches_voluntary ctx_switches_involuntary
	page_faults syscalls io_read_bytes io_write_bytes net_rx_bytes
	net_tx_bytes oom_kills memory_limit_hits pids_limit_hits"

t prometheus_equals_json_and_the_workload
prometheus_equals_json_and_the_workload() {
	vee run --keep --name pm --mem 64M --pids 50 -- \
		workload forkexec 30 /bin/true >/dev/null
	vee create pe
	vee stats --all --format prometheus >/tmp/p.all
	vee stats pm --json >/tmp/p.json
	promcheck.sh /tmp/p.all || fail "strict checker refused --all"
	# For promtool on the host (scripts/check): the real exposition.
	sed 's/^/# prom: /' /tmp/p.all
	id=$(num id </tmp/p.json)
	[ "$(sample /tmp/p.all vee_forks_total pm "$id")" = 31 ] ||
		fail "forks: $(grep "^vee_forks_total" /tmp/p.all)"
	for k in $COUNTERS; do
		j=$(num "$k" </tmp/p.json)
		p=$(sample /tmp/p.all "vee_${k}_total" pm "$id")
		[ -n "$j" ] && [ "$p" = "$j" ] ||
			fail "$k: prometheus '$p', json '$j'"
	done
	for k in execs exits; do
		[ "$(sample /tmp/p.all "vee_${k}_total" pm "$id")" = 31 ] ||
			fail "$k is not 31"
	done
	us=$(num cpu_usage_us </tmp/p.json)
	[ "$us" -gt 0 ] || fail "no CPU time: $us"
	[ "$(sample /tmp/p.all vee_cpu_usage_seconds_total pm "$id")" = \
		"$(printf '%d.%06d' $((us / 1000000)) $((us % 1000000)))" ] ||
		fail "cpu seconds vs $us us"
	[ "$(sample /tmp/p.all vee_memory_max_bytes pm "$id")" = 67108864 ] ||
		fail "memory max"
	[ "$(sample /tmp/p.all vee_pids_max pm "$id")" = 50 ] || fail "pids max"
	[ "$(sample /tmp/p.all vee_pids_current pm "$id")" = 0 ] ||
		fail "pids current"
	grep -q "^vee_domain_info{name=\"pm\",id=\"$id\",state=\"empty\"} 1$" /tmp/p.all ||
		fail "info: $(grep '^vee_domain_info' /tmp/p.all)"
	# The idle domain is there, with no limit samples.
	pe=$(vee stats pe --json | num id)
	[ "$(sample /tmp/p.all vee_forks_total pe "$pe")" = 0 ] || fail "pe forks"
	[ -z "$(sample /tmp/p.all vee_memory_max_bytes pe "$pe")" ] ||
		fail "pe has a memory limit sample"
	# One domain: the same families, with only its samples.
	vee stats pm --format prometheus >/tmp/p.one
	promcheck.sh /tmp/p.one || fail "strict checker refused one domain"
	# But memory.current: an empty cgroup's charge still falls a while
	# after its tasks exit (kernel stacks and task structs go after an RCU
	# grace period), so it may differ between the two reads.
	grep -v '^vee_memory_current_bytes' /tmp/p.one >/tmp/p.one.cmp
	grep -v 'name="pe"' /tmp/p.all | grep -v '^vee_memory_current_bytes' |
		cmp - /tmp/p.one.cmp ||
		fail "vee stats pm differs from its part of --all"
	grep -q '^vee_memory_current_bytes{name="pm",id="'"$id"'"} [0-9]' /tmp/p.one ||
		fail "no memory.current sample: $(cat /tmp/p.one)"
	[ "$(grep -c '^# TYPE' /tmp/p.one)" = 26 ] || fail "families"
	vee destroy pm
	vee destroy pe
}

t no_domain_is_families_only
no_domain_is_families_only() {
	vee stats --all --format prometheus >/tmp/p.none
	promcheck.sh /tmp/p.none
	[ "$(grep -vc '^#' /tmp/p.none)" = 0 ] || fail "samples without domains"
	[ "$(vee stats --all --json)" = "[]" ] || fail "json --all"
}

t json_and_text_still_work
json_and_text_still_work() {
	vee create fj
	a=$(vee stats fj --json)
	b=$(vee stats fj --format json)
	[ "$a" = "$b" ] || fail "--json and --format json differ"
	expect_out '"name":"fj"' -- vee stats --all -j
	expect_out 'forks' -- vee stats fj --format text
	vee destroy fj
}

t bad_format_arguments_are_refused
bad_format_arguments_are_refused() {
	vee create fb
	expect_status 2 "'xml' is not a format" -- vee stats fb --format xml
	expect_status 2 "--json conflicts with --format" -- \
		vee stats fb --json --format prometheus
	expect_status 2 "--all takes no NAME" -- vee stats --all fb
	expect_status 2 "missing NAME" -- vee stats --format prometheus
	expect_status 1 "no such domain" -- vee stats nosuch --format prometheus
	[ ! -s /tmp/t.out ] || fail "output for a missing domain"
	vee destroy fb
}

t_main
