// SPDX-License-Identifier: GPL-2.0
/* vee destroy NAME [--force]: remove a domain (and, forced, its tasks). */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"

static const char *destroy_strerror(int err)
{
	switch (-err) {
	case EBUSY:
		return "domain is running (use --force)";
	case ETIMEDOUT:
		return "its tasks did not all exit within 10 seconds; it is left dying (run vee destroy --force again)";
	default:
		return vee_strerror(err);
	}
}

int cmd_destroy(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "force", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	const struct vee_command *cmd = vee_find_command("destroy");
	uint32_t flags = 0;
	const char *name;
	int c, fd, err;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":fh", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			flags |= VEE_DESTROY_FORCE;
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

	fd = vee_open_dev("destroy", name);
	if (fd < 0)
		return VEE_EXIT_FAIL;
	err = vee_ctl_destroy(fd, VEE_ID_NONE, name, flags);
	close(fd);
	if (err) {
		vee_fail("destroy", name, "%s", destroy_strerror(err));
		return VEE_EXIT_FAIL;
	}
	return VEE_EXIT_OK;
}
