// SPDX-License-Identifier: GPL-2.0
/* vee set NAME LIMITS: change a domain's limits, all or none. */
#include <stdio.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "lib/limits.h"

int cmd_set(int argc, char **argv)
{
	static const struct option opts[] = {
		VEE_LIMIT_OPTIONS,
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	const struct vee_command *cmd = vee_find_command("set");
	struct vee_limit_opts lo;
	char why[VEE_WHY_MAX];
	const char *name;
	int c, fd, err;
	uint32_t bad;

	vee_limit_opts_init(&lo);
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case VEE_OPT_LIMITS:
			if (vee_limit_option(&lo, c, optarg, why))
				return vee_bad_value(cmd, "%s", why);
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
	if (!lo.lim.mask)
		return vee_usage_error(cmd, "give at least one limit (--mem, --pids, --cpus, ...)");

	fd = vee_open_dev("set", name);
	if (fd < 0)
		return VEE_EXIT_FAIL;
	err = vee_ctl_set_limits(fd, VEE_ID_NONE, name, &lo.lim, &bad);
	close(fd);
	if (err) {
		vee_fail_limits("set", name, err, bad);
		return VEE_EXIT_FAIL;
	}
	return VEE_EXIT_OK;
}
