// SPDX-License-Identifier: GPL-2.0
/* vee freeze NAME, vee thaw NAME: stop and resume every task of a domain. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"

static int freeze_or_thaw(int argc, char **argv, bool freeze)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	const char *op = freeze ? "freeze" : "thaw";
	const struct vee_command *cmd = vee_find_command(op);
	const char *name;
	int c, fd, err;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (c == 'h')
			return vee_usage(cmd, true);
		return vee_bad_option(cmd, c, argv);
	}
	err = vee_name_operand(cmd, argc, argv, &name);
	if (err)
		return err;

	fd = vee_open_dev(op, name);
	if (fd < 0)
		return VEE_EXIT_FAIL;
	if (freeze)
		err = vee_ctl_freeze(fd, VEE_ID_NONE, name);
	else
		err = vee_ctl_thaw(fd, VEE_ID_NONE, name);
	close(fd);
	if (err == -ETIMEDOUT)
		vee_fail(op, name, "not every task %s within 10 seconds%s",
			 freeze ? "froze" : "thawed",
			 freeze ? " (the domain is left freezing; thaw it or try again)" : "");
	else if (err == -EBUSY)
		vee_fail(op, name, "the domain is being destroyed");
	else if (err)
		vee_fail(op, name, "%s", vee_strerror(err));
	return err ? VEE_EXIT_FAIL : VEE_EXIT_OK;
}

int cmd_freeze(int argc, char **argv)
{
	return freeze_or_thaw(argc, argv, true);
}

int cmd_thaw(int argc, char **argv)
{
	return freeze_or_thaw(argc, argv, false);
}
