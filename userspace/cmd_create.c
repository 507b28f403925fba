// SPDX-License-Identifier: GPL-2.0
/*
 * vee create NAME [LIMITS] [--ns LIST] [--account LIST]: make a domain
 * with no task yet.
 */
#include <stdio.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "confine/profile.h"
#include "create.h"
#include "lib/limits.h"

enum { OPT_NS = 0x100, OPT_ACCOUNT };

int cmd_create(int argc, char **argv)
{
	static const struct option opts[] = {
		VEE_LIMIT_OPTIONS,
		{ "ns", required_argument, NULL, OPT_NS },
		{ "account", required_argument, NULL, OPT_ACCOUNT },
		VEE_CONFINE_OPTIONS,
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	const struct vee_command *cmd = vee_find_command("create");
	struct vee_confine_opts copts = { 0 };
	struct vee_confinement conf;
	struct vee_limit_opts lo;
	__u64 ns = VEE_NS_DEFAULT, account = VEE_ACCT_DEFAULT;
	char why[VEE_CONFINE_WHY_MAX];
	struct vee_create cr;
	const char *name;
	int c, fd, err;

	vee_limit_opts_init(&lo);
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case VEE_OPT_LIMITS:
			if (vee_limit_option(&lo, c, optarg, why))
				return vee_bad_value(cmd, "%s", why);
			break;
		case OPT_NS:
			if (vee_parse_ns(optarg, &ns, why))
				return vee_bad_value(cmd, "--ns: %s", why);
			break;
		case OPT_ACCOUNT:
			if (vee_parse_account(optarg, &account, why))
				return vee_bad_value(cmd, "--account: %s", why);
			break;
		case VEE_OPT_CONFINE:
			if (vee_confine_option(&copts, c, optarg, why,
					       sizeof(why)))
				return vee_bad_value(cmd, "%s", why);
			break;
		case 'h':
			return vee_usage(cmd, true);
		default:
			return vee_bad_option(cmd, c, argv);
		}
	}
	err = vee_name_operand(cmd, argc, argv, &name);
	if (!err)
		err = vee_check_confine(cmd, &copts, &ns);
	if (err)
		return err;

	/*
	 * The record a later start or exec applies.  Without a root of its
	 * own (vee start --rootfs is to come) no device list is recorded.
	 */
	/* Permission first: the profile is compiled only for who may use it. */
	fd = vee_open_dev("create", name);
	if (fd < 0)
		return VEE_EXIT_FAIL;
	if (vee_confine_resolve(&copts, ns & VEE_NS_MNT, false, &conf, why,
				sizeof(why))) {
		vee_fail("create", name, "%s", why);
		close(fd);
		return VEE_EXIT_FAIL;
	}
	vee_create_init(&cr, name, ns, account, &lo.lim, &copts, &conf);
	vee_confine_release(&conf);
	err = vee_ctl_create_args(fd, &cr);
	close(fd);
	if (err) {
		vee_fail_create("create", name, err, &cr);
		return VEE_EXIT_FAIL;
	}
	return VEE_EXIT_OK;
}
