// SPDX-License-Identifier: GPL-2.0
/* vee: the command-line front door to vee.ko.  Dispatch only. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"

const struct vee_command vee_commands[] = {
	{ "create", cmd_create, "Create an empty domain", "NAME",
	  "NAME is 1-63 characters of A-Z a-z 0-9 _ . - (not . or ..).\n" },
	{ "destroy", cmd_destroy, "Destroy a domain", "NAME", "" },
	{ "list", cmd_list, "List every domain", "[--json]",
	  "  -j, --json   one JSON array of domain objects\n" },
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
