#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The vee CLI against the real module: lifecycle, output, exit codes, errors.
. "$(dirname "$0")/lib.sh"

t version_shows_tool_and_module
version_shows_tool_and_module() {
	out=$(vee version)
	echo "$out" | grep -q '^vee tool [0-9.]* (ABI 1\.[0-9]*)$' || fail "tool line: $out"
	echo "$out" | grep -q '^vee module [0-9.]* (ABI 1\.[0-9]*), 0 of at most [0-9]* domains$' ||
		fail "module line: $out"
	expect_out '"module_abi_major":1' -- vee version --json
	expect_out "$(vee --version | cut -d' ' -f2)" -- vee version
}

t other_abi_major_is_refused
other_abi_major_is_refused() {
	# vee-abi-next is this tool built to claim the next ABI major.
	v=$(vee version --json)
	major=$(echo "$v" | sed -n 's/.*"module_abi_major":\([0-9]*\).*/\1/p')
	minor=$(echo "$v" | sed -n 's/.*"module_abi_minor":\([0-9]*\).*/\1/p')
	abi=$major.$minor next=$((major + 1)).$minor
	why="the loaded vee module speaks ABI $abi but this tool speaks $next: the majors differ, so the tool will not talk to it"
	expect_status 1 "vee: version: $why" -- vee-abi-next version
	grep -qF "vee tool $(vee --version | cut -d' ' -f2) (ABI $next)" /tmp/t.out ||
		fail "stdout: $(cat /tmp/t.out)"
	grep -qF "vee module $(modinfo -F version vee) (ABI $abi)" /tmp/t.out ||
		fail "stdout: $(cat /tmp/t.out)"
	grep -q hooks /tmp/t.out && fail "asked a foreign module for more: $(cat /tmp/t.out)"
	expect_status 1 "$why" -- vee-abi-next version --json
	grep -q '"abi_compatible":false' /tmp/t.out || fail "json: $(cat /tmp/t.out)"
	# Every command, through /dev/vee or netlink, refuses the same way.
	expect_status 1 "vee: create x: $why" -- vee-abi-next create x
	expect_status 1 "vee: list: $why" -- vee-abi-next list
	expect_status 1 "vee: stats x: $why" -- vee-abi-next stats x
	expect_status 1 "vee: destroy x: $why" -- vee-abi-next destroy x
	[ "$(vee list --json)" = "[]" ] || fail "something was created"
	expect_out '"abi_compatible":true' -- vee version --json
}

t create_list_destroy
create_list_destroy() {
	vee create web
	vee create db.1
	out=$(vee list)
	echo "$out" | grep -q '^ID  *NAME  *STATE$' || fail "header: $out"
	echo "$out" | grep -q '^[0-9][0-9]*  *web  *created$' || fail "web row: $out"
	echo "$out" | grep -q ' db\.1 ' || fail "db.1 row: $out"
	json=$(vee list --json)
	echo "$json" | grep -q '^\[{"name":"web","id":[0-9]*,"state":"created","init_pid":null,"created_ns":[0-9]*,"namespaces":\["mnt","pid","net","uts","ipc","cgroup"\],.*},{"name":"db.1",' ||
		fail "json: $json"
	vee destroy web
	vee destroy db.1
	[ "$(vee list --json)" = "[]" ] || fail "not empty: $(vee list --json)"
	[ "$(vee list | wc -l)" = 1 ] || fail "table not empty"
}

t create_existing_fails_clearly
create_existing_fails_clearly() {
	vee create web
	expect_status 1 "vee: create web: domain exists" -- vee create web
	vee destroy web
}

t destroy_unknown_fails_clearly
destroy_unknown_fails_clearly() {
	expect_status 1 "vee: destroy nosuch: no such domain" -- vee destroy nosuch
	vee create once
	vee destroy once
	expect_status 1 "vee: destroy once: no such domain" -- vee destroy once
}

t bad_names_are_usage_errors
bad_names_are_usage_errors() {
	expect_status 2 "name is empty" -- vee create ""
	expect_status 2 "cannot start with" -- vee create ..
	expect_status 2 "cannot start with" -- vee create .
	expect_status 2 "cannot start with" -- vee create .hidden
	expect_status 2 "may hold only" -- vee create a/b
	expect_status 2 "may hold only" -- vee create "a b"
	expect_status 2 "may hold only" -- vee destroy 'x/../y'
	expect_status 2 "longer than 63" -- vee create \
		aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
	[ "$(vee list --json)" = "[]" ] || fail "something was created"
}

t usage_errors_exit_2
usage_errors_exit_2() {
	expect_status 2 "Usage: vee COMMAND" -- vee
	expect_status 2 "unknown command 'frobnicate'" -- vee frobnicate
	expect_status 2 "unknown option '--bogus'" -- vee list --bogus
	expect_status 2 "unexpected argument 'x'" -- vee list x
	expect_status 2 "missing NAME" -- vee create
	expect_status 2 "too many arguments" -- vee create a b
	expect_status 2 "missing NAME" -- vee destroy
	expect_status 2 "unknown option '-q'" -- vee version -q
}

t help_for_every_command
help_for_every_command() {
	expect_out "Commands:" -- vee --help
	for c in create destroy list version; do
		expect_out "Usage: vee $c" -- vee "$c" --help
		expect_out "Usage: vee $c" -- vee "$c" -h
	done
}

t non_root_is_refused_clearly
non_root_is_refused_clearly() {
	expect_status 1 "vee: list: permission denied" -- \
		su -s /bin/sh -c "vee list" nobody
	expect_status 1 "vee: create x: cannot open /dev/vee: permission denied" -- \
		su -s /bin/sh -c "vee create x" nobody
	[ "$(vee list --json)" = "[]" ] || fail "something was created"
}

t_main
