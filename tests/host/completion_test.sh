#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The bash completion (dist/vee.bash-completion) driven as bash drives it:
# COMP_WORDS and COMP_CWORD set, _vee called, COMPREPLY checked.  Domain
# names come from `vee list`; here a stand-in prints the table the real one
# prints (the VM test completes a real domain's name).
# Ends with "completion: N passed, N failed".
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
. tests/vm/lib.sh
. dist/vee.bash-completion
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
printf '#!/bin/sh\n[ "$1" = list ] || exit 1\nprintf "ID  NAME  STATE\\n1  web  running\\n2  db.1  created\\n3  worker  frozen\\n"\n' >"$bin/vee"
chmod +x "$bin/vee"
PATH=$bin:$PATH

# complete WORD...: COMPREPLY for "vee WORD...", sorted, on one line.
complete_vee() {
	COMP_WORDS=(vee "$@")
	COMP_CWORD=$#
	COMPREPLY=()
	_vee
	printf '%s\n' "${COMPREPLY[@]}" | sort | xargs
}

# expect WANT WORD...: completing "vee WORD..." offers exactly WANT.
expect() {
	local want=$1 got
	shift
	got=$(complete_vee "$@")
	[ "$got" = "$want" ] || fail "vee $*<TAB>: got '$got', want '$want'"
}

t commands
commands() {
	expect "create" cr
	expect "destroy" de
	expect "--help --version" --
	[ "$(complete_vee "" | wc -w)" = 16 ] || fail "not 14 commands + 2 options"
}

t options_per_command
options_per_command() {
	expect "--force" destroy --f
	expect "--json" list --j
	expect "--interval --iterations" top --i
	expect "--cpu-weight --cpus --cpuset --cpuset-mems" run --cp
	expect "--keep" run --k
	expect "--count" events --c
	expect "" exec --x
}

t domain_names_from_vee_list
domain_names_from_vee_list() {
	expect "web worker" destroy w
	expect "db.1 web worker" stats ""
	# Only the first argument is a domain; after it, kill takes a signal.
	expect "KILL" kill web K
	expect "" destroy web ""
	# Option values are not domains.
	expect "web worker" set --mem 1G w
	expect "" create ""
}

t ns_and_account_lists
ns_and_account_lists() {
	expect "net" create x --ns ne
	expect "mnt,pid" create x --ns mnt,pi
	expect "sched,fault sched,fork" run --account sched,f
}

t after_double_dash_commands
after_double_dash_commands() {
	got=$(complete_vee run -- bas)
	[[ " $got " == *" bash "* ]] || fail "run -- bas: '$got'"
}

t_main
echo "completion: $((t_n - t_failed)) passed, $t_failed failed"
[ "$t_failed" = 0 ]
