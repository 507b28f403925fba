// SPDX-License-Identifier: GPL-2.0
/*
 * vee version: the tool's version, the loaded module's version and ABI, and
 * which accounting hooks the module has attached now.
 */
#include <stdio.h>
#include <unistd.h>

#include "cli.h"
#include "load.h"
#include "commands.h"
#include "lib/json.h"
#include "lib/parse.h"
#include "lib/show.h"

/*
 * What the tool and the module are.  @hooks is NULL when the module speaks
 * another ABI major: then nothing more is asked of it.
 */
static void show(const struct vee_version *v, const uint64_t *hooks,
		 bool json)
{
	const struct vee_flag_name *a;
	struct json j;

	if (!json) {
		printf("vee module %s (ABI %u.%u), %u of at most %u domains\n",
		       v->module_version, v->abi_major, v->abi_minor,
		       v->nr_domains, v->max_domains);
		if (hooks) {
			fputs("hooks: ", stdout);
			vee_show_account(stdout, *hooks);
			putchar('\n');
		}
		return;
	}
	json_init(&j, stdout);
	json_begin_object(&j, NULL);
	json_string(&j, "tool_version", VEE_TOOL_VERSION);
	json_u64(&j, "tool_abi_major", VEE_TOOL_ABI_MAJOR);
	json_u64(&j, "tool_abi_minor", VEE_ABI_MINOR);
	json_string(&j, "module_version", v->module_version);
	json_u64(&j, "module_abi_major", v->abi_major);
	json_u64(&j, "module_abi_minor", v->abi_minor);
	json_bool(&j, "abi_compatible", hooks != NULL);
	json_u64(&j, "domains", v->nr_domains);
	json_u64(&j, "max_domains", v->max_domains);
	if (hooks) {
		json_begin_array(&j, "hooks");
		for (a = vee_acct_names; a->name; a++)
			if (*hooks & a->flag)
				json_string(&j, NULL, a->name);
		json_end_array(&j);
	}
	json_end_object(&j);
}

int cmd_version(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	const struct vee_command *cmd = vee_find_command("version");
	struct vee_version v;
	struct vee_nl nl;
	uint64_t hooks;
	bool json = false;
	int c, fd, err;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:jh", opts, NULL)) != -1) {
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
	if (optind != argc)
		return vee_usage_error(cmd, "unexpected argument '%s'", argv[optind]);

	if (!json)
		printf("vee tool %s (ABI %u.%u)\n", VEE_TOOL_VERSION,
		       VEE_TOOL_ABI_MAJOR, VEE_ABI_MINOR);
	fflush(stdout);

	/* Not vee_open_dev(): a module of another ABI major is shown too. */
	if (vee_load_module("version", NULL))
		return VEE_EXIT_FAIL;
	fd = vee_ctl_open();
	if (fd < 0) {
		vee_open_dev("version", NULL);	/* explains why, exactly once */
		return VEE_EXIT_FAIL;
	}
	err = vee_ctl_version(fd, &v);
	close(fd);
	if (err) {
		vee_fail("version", NULL, "%s", vee_strerror(err));
		return VEE_EXIT_FAIL;
	}
	if (v.abi_major != VEE_TOOL_ABI_MAJOR) {
		show(&v, NULL, json);
		fflush(stdout);
		vee_check_abi("version", NULL, &v);
		return VEE_EXIT_FAIL;
	}
	if (vee_open_nl("version", NULL, &nl))
		return VEE_EXIT_FAIL;
	err = vee_nl_hooks(&nl, &hooks);
	if (err) {
		vee_fail_nl("version", NULL, err, &nl);
		vee_nl_close(&nl);
		return VEE_EXIT_FAIL;
	}
	vee_nl_close(&nl);
	show(&v, &hooks, json);
	return VEE_EXIT_OK;
}
