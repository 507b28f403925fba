// SPDX-License-Identifier: GPL-2.0
/* vee create NAME: make an empty domain. */
#include <stdio.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "lib/name.h"

int cmd_create(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	const struct vee_command *cmd = vee_find_command("create");
	const char *name, *problem;
	uint32_t id;
	int c, fd, err;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (c == 'h')
			return vee_usage(cmd, true);
		return vee_bad_option(cmd, c, argv);
	}
	if (argc - optind != 1)
		return vee_usage_error(cmd, argc == optind ? "missing NAME" :
				       "too many arguments");
	name = argv[optind];
	problem = vee_name_problem(name);
	if (problem) {
		vee_fail("create", name, "%s", problem);
		return VEE_EXIT_USAGE;
	}

	fd = vee_open_dev("create", name);
	if (fd < 0)
		return VEE_EXIT_FAIL;
	err = vee_ctl_create(fd, name, &id);
	close(fd);
	if (err) {
		vee_fail("create", name, "%s", vee_strerror(err));
		return VEE_EXIT_FAIL;
	}
	return VEE_EXIT_OK;
}
