#!/bin/sh
# Runs inside the demo VM: each command is shown before it runs.
set -e
show() {
	printf '\n$ %s\n' "$*"
	"$@"
}
show vee version
show vee create web
show vee create db
show vee list
show vee list --json
show vee create web || true
show vee destroy web
show vee list
show vee destroy db
show vee list --json
