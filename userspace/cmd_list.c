// SPDX-License-Identifier: GPL-2.0
/*
 * vee list: every domain, as a table or as a JSON array, from one netlink
 * dump (the module sends it in as many messages as it takes).
 */
#include <stdio.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "lib/json.h"
#include "lib/show.h"

struct list_out {
	bool json;
	bool started;	/* the header or the '[' is out */
	struct json j;
	/*
	 * /dev/vee, for each domain's confinement record, which libvee's
	 * struct vee_nl_domain (a fixed public ABI) has no room for; -1
	 * when it cannot be opened, and then the objects go without it.
	 */
	int ctl_fd;
};

/* The table's header or the array's '[', once the dump is under way. */
static void list_start(struct list_out *o)
{
	if (o->started)
		return;
	o->started = true;
	if (o->json) {
		json_init(&o->j, stdout);
		json_begin_array(&o->j, NULL);
	} else {
		printf("%-8s %-24s %s\n", "ID", "NAME", "STATE");
	}
}

static int list_one(const struct vee_nl_domain *d, void *data)
{
	struct list_out *o = data;
	struct vee_info info;

	list_start(o);
	if (o->json)
		vee_show_domain_json_confined(&o->j, d,
			o->ctl_fd >= 0 && !vee_ctl_info(o->ctl_fd, d->id, NULL,
							 &info) ? &info : NULL);
	else
		printf("%-8u %-24s %s\n", d->id, d->name,
		       vee_state_name(d->state));
	return 0;
}

int cmd_list(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	const struct vee_command *cmd = vee_find_command("list");
	struct list_out o = { .ctl_fd = -1 };
	struct vee_nl nl;
	int c, err;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":jh", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			o.json = true;
			break;
		case 'h':
			return vee_usage(cmd, true);
		default:
			return vee_bad_option(cmd, c, argv);
		}
	}
	if (optind != argc)
		return vee_usage_error(cmd, "unexpected argument '%s'", argv[optind]);

	if (vee_open_nl("list", NULL, &nl))
		return VEE_EXIT_FAIL;
	/*
	 * Rows go out as they come: a dump that fails midway leaves a partial
	 * table or an unterminated array, and the exit status says so.
	 */
	if (o.json)
		o.ctl_fd = vee_ctl_open();
	err = vee_nl_dump(&nl, list_one, &o);
	if (o.ctl_fd >= 0)
		close(o.ctl_fd);
	if (err) {
		fflush(stdout);
		vee_fail_nl("list", NULL, err, &nl);
	} else {
		list_start(&o);
		if (o.json)
			json_end_array(&o.j);
	}
	vee_nl_close(&nl);
	return err ? VEE_EXIT_FAIL : VEE_EXIT_OK;
}
