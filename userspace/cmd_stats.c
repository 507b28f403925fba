// SPDX-License-Identifier: GPL-2.0
/* vee stats NAME: one domain's limits, usage and counters. */
#include <stdio.h>

#include "cli.h"
#include "commands.h"
#include "lib/json.h"
#include "lib/show.h"

int cmd_stats(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	const struct vee_command *cmd = vee_find_command("stats");
	struct vee_nl_domain d;
	const char *name;
	bool json = false;
	struct vee_nl nl;
	struct json j;
	int c, err;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":jh", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 'h':
			return vee_usage(cmd, true);
		default:
			return vee_bad_option(cmd, c, argv);
		}
	}
	err = vee_name_operand(cmd, argc, argv, &name);
	if (err)
		return err;

	if (vee_open_nl("stats", name, &nl))
		return VEE_EXIT_FAIL;
	err = vee_nl_get(&nl, VEE_CMD_GET_STATS, VEE_ID_NONE, name, &d);
	if (err) {
		vee_fail_nl("stats", name, err, &nl);
		vee_nl_close(&nl);
		return VEE_EXIT_FAIL;
	}
	vee_nl_close(&nl);
	if (json) {
		json_init(&j, stdout);
		vee_show_domain_json(&j, &d);
	} else {
		vee_show_domain_text(stdout, &d);
	}
	return VEE_EXIT_OK;
}
