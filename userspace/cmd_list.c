// SPDX-License-Identifier: GPL-2.0
/* vee list: every domain, as a table or as a JSON array. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "lib/json.h"
#include "lib/parse.h"

static void list_json_domain(struct json *j, const struct vee_info *info)
{
	const struct vee_ns_name *ns;

	json_begin_object(j, NULL);
	json_string(j, "name", info->name);
	json_u64(j, "id", info->id);
	json_string(j, "state", vee_state_name(info->state));
	if (info->init_pid)
		json_u64(j, "init_pid", info->init_pid);
	else
		json_null(j, "init_pid");
	json_u64(j, "created_ns", info->created_ns);
	json_begin_array(j, "namespaces");
	for (ns = vee_ns_names; ns->name; ns++)
		if (info->ns_flags & ns->flag)
			json_string(j, NULL, ns->name);
	json_end_array(j);
	json_end_object(j);
}

int cmd_list(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	const struct vee_command *cmd = vee_find_command("list");
	struct vee_info info;
	uint32_t *ids, count, i;
	bool json = false;
	struct json j;
	int c, fd, err;

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
	if (optind != argc)
		return vee_usage_error(cmd, "unexpected argument '%s'", argv[optind]);

	fd = vee_open_dev("list", NULL);
	if (fd < 0)
		return VEE_EXIT_FAIL;
	err = vee_ctl_list_all(fd, &ids, &count);
	if (err) {
		close(fd);
		vee_fail("list", NULL, "%s", vee_strerror(err));
		return VEE_EXIT_FAIL;
	}

	if (json) {
		json_init(&j, stdout);
		json_begin_array(&j, NULL);
	} else {
		printf("%-8s %-24s %s\n", "ID", "NAME", "STATE");
	}
	for (i = 0; i < count; i++) {
		err = vee_ctl_info(fd, ids[i], NULL, &info);
		if (err == -ENOENT)
			continue;	/* destroyed since it was listed */
		if (err) {
			vee_fail("list", NULL, "domain %u: %s", ids[i], vee_strerror(err));
			break;
		}
		if (json)
			list_json_domain(&j, &info);
		else
			printf("%-8u %-24s %s\n", info.id, info.name,
			       vee_state_name(info.state));
	}
	if (json)
		json_end_array(&j);
	free(ids);
	close(fd);
	return err && err != -ENOENT ? VEE_EXIT_FAIL : VEE_EXIT_OK;
}
