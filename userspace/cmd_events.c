// SPDX-License-Identifier: GPL-2.0
/*
 * vee events: one line per event of the module's "events" group, as it
 * happens, until killed or until --count events were printed.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "lib/parse.h"
#include "lib/show.h"

enum { OPT_COUNT = 0x100 };

struct events_out {
	bool json;
	uint64_t left;		/* events still to print; 0: no limit */
};

static int events_one(const struct vee_nl_event *ev, void *data)
{
	struct events_out *o = data;

	if (o->json)
		vee_show_event_json(stdout, ev);
	else
		vee_show_event_text(stdout, ev);
	/* One line per event, at once, even into a pipe. */
	if (fflush(stdout))
		return -errno;
	if (o->left && !--o->left)
		return 1;
	return 0;
}

int cmd_events(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "count", required_argument, NULL, OPT_COUNT },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	const struct vee_command *cmd = vee_find_command("events");
	struct events_out o = {};
	char why[VEE_WHY_MAX];
	struct vee_nl nl;
	__u64 count;
	int c, err;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":jh", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			o.json = true;
			break;
		case OPT_COUNT:
			if (vee_parse_count(optarg, &count, why))
				return vee_bad_value(cmd, "--count: %s", why);
			o.left = count;
			break;
		case 'h':
			return vee_usage(cmd, true);
		default:
			return vee_bad_option(cmd, c, argv);
		}
	}
	if (optind != argc)
		return vee_usage_error(cmd, "unexpected argument '%s'", argv[optind]);

	if (vee_open_nl("events", NULL, &nl))
		return VEE_EXIT_FAIL;
	err = vee_nl_subscribe(&nl);
	if (err) {
		vee_fail("events", NULL, "cannot subscribe to the module's events: %s",
			 err == -EPERM ? "permission denied: vee needs root (CAP_SYS_ADMIN)" :
			 strerror(-err));
		vee_nl_close(&nl);
		return VEE_EXIT_FAIL;
	}
	for (;;) {
		err = vee_nl_recv_events(&nl, events_one, &o);
		if (err == -ENOBUFS) {
			/* The kernel dropped some: say so, and go on. */
			fflush(stdout);
			vee_fail("events", NULL, "events were lost (vee could not keep up)");
			continue;
		}
		if (err == -EINTR)
			continue;
		if (err)
			break;
	}
	vee_nl_close(&nl);
	if (err == -ESHUTDOWN) {
		fflush(stdout);
		vee_fail("events", NULL, "the vee module was unloaded");
		return VEE_EXIT_FAIL;
	}
	if (err < 0) {
		vee_fail("events", NULL, "%s", err == -EPROTO ? vee_strerror(err) :
			 strerror(-err));
		return VEE_EXIT_FAIL;
	}
	return VEE_EXIT_OK;
}
