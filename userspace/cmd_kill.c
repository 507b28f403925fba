// SPDX-License-Identifier: GPL-2.0
/* vee kill NAME [SIGNAL]: signal every task of a domain (SIGKILL default). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "lib/parse.h"

int cmd_kill(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	const struct vee_command *cmd = vee_find_command("kill");
	char why[VEE_WHY_MAX];
	int c, fd, err, sig = SIGKILL;
	const char *name, *sig_arg;

	opterr = 0;
	/* "+": a SIGNAL argument like "-9" is not taken for an option. */
	while ((c = getopt_long(argc, argv, "+:h", opts, NULL)) != -1) {
		if (c == 'h')
			return vee_usage(cmd, true);
		return vee_bad_option(cmd, c, argv);
	}
	if (argc == optind)
		return vee_usage_error(cmd, "missing NAME");
	if (argc - optind > 2)
		return vee_usage_error(cmd, "too many arguments");
	name = argv[optind];
	if (vee_check_name("kill", name))
		return VEE_EXIT_USAGE;
	if (argc - optind == 2) {
		sig_arg = argv[optind + 1];
		/* kill(1) spells them "-TERM" and "-15"; take that too. */
		if (sig_arg[0] == '-' && sig_arg[1])
			sig_arg++;
		if (vee_parse_signal(sig_arg, &sig, why))
			return vee_bad_value(cmd, "%s", why);
	}

	fd = vee_open_dev("kill", name);
	if (fd < 0)
		return VEE_EXIT_FAIL;
	err = vee_ctl_kill(fd, VEE_ID_NONE, name, sig);
	close(fd);
	if (err) {
		vee_fail("kill", name, "%s", err == -EBUSY ?
			 "the domain is being destroyed" : vee_strerror(err));
		return VEE_EXIT_FAIL;
	}
	return VEE_EXIT_OK;
}
