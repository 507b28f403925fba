// SPDX-License-Identifier: GPL-2.0
/* vee: the command-line front door to vee.ko.  Dispatch only. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "lib/limits.h"

#define NAME_HELP \
	"NAME is 1-63 characters of A-Z a-z 0-9 _ . - (not . or ..).\n"

#define ACCOUNT_HELP \
	"  --account LIST      what the module counts for it: a comma list of\n" \
	"                      sched, fork, fault, io, net, oom, syscall, all or\n" \
	"                      none (default all but syscall, which slows every\n" \
	"                      system call on the host while counted)\n"

#define NS_HELP \
	"  --ns LIST           namespaces its tasks get new: a comma list of mnt,\n" \
	"                      pid, net, uts, ipc, cgroup, user, time, or all\n" \
	"                      (default mnt,pid,net,uts,ipc,cgroup)\n"

#define CONFINE_HELP \
	"Confinement (default: Docker's 14 capabilities, its seccomp profile,\n" \
	"no_new_privs, masked and read-only /proc and /sys files; with a root,\n" \
	"a minimal /dev and a device allow-list):\n" \
	"  --cap-add LIST      keep these capabilities too (CHOWN, CAP_SYS_TIME,\n" \
	"                      ... or ALL)\n" \
	"  --cap-drop LIST     drop these (ALL: every one)\n" \
	"  --seccomp FILE      an OCI/Docker JSON seccomp profile instead of the\n" \
	"                      default; unconfined: no filter\n" \
	"  --new-privs         leave no_new_privs off (setuid programs work)\n" \
	"  --privileged        no confinement at all\n" \
	"  --userns auto       root inside is an unprivileged host uid of a range\n" \
	"                      of its own (adds the user namespace; the root is\n" \
	"                      mounted id-mapped)\n"

const struct vee_command vee_commands[] = {
	{ "create", cmd_create, "Create a domain with no task in it yet",
	  "NAME [LIMITS] [--ns LIST] [--account LIST] [CONFINEMENT]",
	  NAME_HELP "\n" VEE_LIMITS_HELP "\n" NS_HELP ACCOUNT_HELP "\n"
	  CONFINE_HELP },
	{ "run", cmd_run, "Run a command as the init of a new domain",
	  "[--name NAME] [LIMITS] [--ns LIST] [--account LIST] [--hostname H]\n"
	  "        [--rootfs DIR] [--keep] [CONFINEMENT] -- CMD [ARGS...]",
	  "Creates a domain, starts CMD in new namespaces inside it (PID 1 of its\n"
	  "pid namespace, with a fresh /proc, its own hostname and a loopback that\n"
	  "is up), waits for it, and destroys the domain and whatever is left in\n"
	  "it.  The exit status is CMD's, or 128+N when signal N killed it (137:\n"
	  "SIGKILL, e.g. the OOM killer); 126/127 when CMD cannot be run; 1 when\n"
	  "the domain could not be set up.  SIGINT, SIGTERM and SIGHUP are passed\n"
	  "on to CMD; a second one kills every task of the domain.\n\n"
	  "  --name NAME         the domain's name (default run-PID)\n"
	  "  --hostname H        hostname inside (default the domain's name; needs\n"
	  "                      uts)\n"
	  "  --rootfs DIR        make DIR the root inside (pivot_root; needs mnt)\n"
	  "  --keep              do not destroy the domain when CMD exits\n"
	  NS_HELP ACCOUNT_HELP "\n" VEE_LIMITS_HELP "\n" CONFINE_HELP "\n"
	  NAME_HELP },
	{ "exec", cmd_exec, "Run a command inside a running domain",
	  "NAME -- CMD [ARGS...]",
	  "CMD joins the namespaces and cgroup of the domain's init, starts in its\n"
	  "root directory with the domain's confinement, and vee waits for it.  The exit status is CMD's, or\n"
	  "128+N when signal N killed it; 126/127 when CMD cannot be run.\n" },
	{ "set", cmd_set, "Change a domain's limits", "NAME LIMITS",
	  "Every limit given is applied, or none is.\n\n" VEE_LIMITS_HELP },
	{ "list", cmd_list, "List every domain", "[--json]",
	  "  -j, --json   one JSON array of domain objects (as vee stats --json)\n" },
	{ "stats", cmd_stats, "Show a domain's limits, usage and counters",
	  "NAME | --all [--format text|json|prometheus] [--json]",
	  "Limits are read back from the domain's cgroup (none: not set); usage\n"
	  "comes from the cgroup's own files; counters from the module's\n"
	  "accounting (see --account of create and run), and only grow.\n\n"
	  "  -a, --all        every domain (JSON: an array, as vee list --json)\n"
	  "  --format FORMAT  text (default), json, or prometheus: the Prometheus\n"
	  "                   text exposition format, for node_exporter's\n"
	  "                   textfile collector (see README)\n"
	  "  -j, --json       the same as --format json\n" },
	{ "top", cmd_top, "Watch every domain's CPU, memory and activity",
	  "[--interval SECONDS] [--iterations N]",
	  "Domains are sorted by the CPU they used in the last interval, with\n"
	  "memory, tasks, and forks, page faults and context switches per\n"
	  "second.  On a terminal the view refreshes in place until q;\n"
	  "otherwise (or with --iterations) plain snapshots are printed.\n\n"
	  "  --interval SECONDS   between refreshes (default 1; 0.1 to 3600)\n"
	  "  --iterations N       print N snapshots and exit (default 1 when\n"
	  "                       stdout is not a terminal)\n" },
	{ "record", cmd_record, "Sample every domain's usage and counters into a CSV file",
	  "--output FILE [--interval SECONDS] [--count N] [--duration SECONDS]",
	  "Writes a header row, then one row per domain per sample: sample number,\n"
	  "seconds since the first sample, wall-clock time, id, name, state, the\n"
	  "usage values and every counter of vee stats (README lists the columns).\n"
	  "Domains created meanwhile join at the next sample; destroyed ones stop\n"
	  "having rows.  Each sample is written whole; SIGINT, SIGTERM or SIGHUP\n"
	  "stop it after the sample under way, with the file complete.\n"
	  "scripts/plot draws charts from the file.\n\n"
	  "  -o, --output FILE     the CSV file, replaced if it exists; - is stdout\n"
	  "  --interval SECONDS    between samples (default 1; 0.1 to 3600)\n"
	  "  --count N             stop after N samples\n"
	  "  --duration SECONDS    stop after the last sample due within SECONDS\n"
	  "                        (0.1 to 31536000); without --count or\n"
	  "                        --duration, record until a signal\n" },
	{ "events", cmd_events, "Print the module's events as they happen",
	  "[--json] [--count N]",
	  "One line per event: created, started, oom_kill, limit_hit (with the\n"
	  "resource: memory or pids), empty, destroyed (with the final counters).\n\n"
	  "  -j, --json    JSON Lines: one object per event\n"
	  "  --count N     exit after N events (default: run until killed)\n" },
	{ "kill", cmd_kill, "Send a signal to every task of a domain",
	  "NAME [SIGNAL]",
	  "SIGNAL is a name (KILL, SIGTERM, hup, RTMIN+1) or a number from 1 to\n"
	  "64; the default is KILL, which also reaches tasks forked meanwhile.\n" },
	{ "freeze", cmd_freeze, "Stop every task of a domain", "NAME",
	  "Returns once every task is frozen.\n" },
	{ "thaw", cmd_thaw, "Resume the tasks of a frozen domain", "NAME", "" },
	{ "destroy", cmd_destroy, "Destroy a domain", "NAME [--force]",
	  "  -f, --force   kill the domain's tasks first (without it, a domain with\n"
	  "                tasks is refused)\n" },
	{ "version", cmd_version, "Show the tool's and the loaded module's versions",
	  "[--json]", "  -j, --json   one JSON object\n" },
	{}
};

static void usage(FILE *out)
{
	const struct vee_command *c;

	fprintf(out, "Usage: vee COMMAND [ARGS...]\n\n"
		"vee manages isolation domains through the vee kernel module.\n\n"
		"Commands:\n");
	for (c = vee_commands; c->name; c++)
		fprintf(out, "  %-10s %s\n", c->name, c->summary);
	fprintf(out, "\n'vee COMMAND --help' describes one command.\n"
		"Exit status: 0 success, 1 the operation failed, 2 usage error.\n");
}

int main(int argc, char **argv)
{
	const struct vee_command *cmd;

	if (argc < 2) {
		usage(stderr);
		return VEE_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "help")) {
		usage(stdout);
		return VEE_EXIT_OK;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("vee %s\n", VEE_TOOL_VERSION);
		return VEE_EXIT_OK;
	}
	cmd = vee_find_command(argv[1]);
	if (!cmd) {
		fprintf(stderr, "vee: unknown command '%s'\n", argv[1]);
		usage(stderr);
		return VEE_EXIT_USAGE;
	}
	return cmd->run(argc - 1, argv + 1);
}
