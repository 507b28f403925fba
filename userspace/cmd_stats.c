// SPDX-License-Identifier: GPL-2.0
/*
 * vee stats NAME | --all: limits, usage and counters, as text, JSON or the
 * Prometheus exposition.  --all gathers the whole dump before printing, so
 * a dump that fails midway prints nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "lib/json.h"
#include "lib/prom.h"
#include "lib/show.h"
#include "lib/snapshot.h"

enum stats_format { FMT_TEXT, FMT_JSON, FMT_PROM };
enum { OPT_FORMAT = 0x100 };

static int stats_parse_format(const char *s, enum stats_format *f)
{
	if (!strcmp(s, "text"))
		*f = FMT_TEXT;
	else if (!strcmp(s, "json"))
		*f = FMT_JSON;
	else if (!strcmp(s, "prometheus"))
		*f = FMT_PROM;
	else
		return -1;
	return 0;
}

/*
 * The confinement record of each domain, which the netlink reply carries
 * but libvee's struct vee_nl_domain (a fixed public ABI) has no room for:
 * asked of /dev/vee.  NULL when it cannot be had; an entry's size is 0
 * when that domain went away meanwhile.
 */
static struct vee_info *stats_confinement(const struct vee_nl_domain *d,
					  size_t n)
{
	struct vee_info *info;
	size_t i;
	int fd;

	fd = vee_ctl_open();
	if (fd < 0)
		return NULL;
	info = calloc(n ? n : 1, sizeof(*info));
	for (i = 0; info && i < n; i++)
		if (vee_ctl_info(fd, d[i].id, NULL, &info[i]))
			info[i].size = 0;
	close(fd);
	return info;
}

static int stats_print(enum stats_format f, bool all,
		       const struct vee_nl_domain *d, size_t n)
{
	struct vee_info *info;
	struct json j;
	size_t i;

	switch (f) {
	case FMT_PROM:
		return vee_prom_write(stdout, d, n);
	case FMT_JSON:
		json_init(&j, stdout);
		if (all)
			json_begin_array(&j, NULL);
		info = stats_confinement(d, n);
		for (i = 0; i < n; i++)
			vee_show_domain_json_confined(&j, &d[i],
				info && info[i].size ? &info[i] : NULL);
		free(info);
		if (all)
			json_end_array(&j);
		break;
	case FMT_TEXT:
		info = stats_confinement(d, n);
		for (i = 0; i < n; i++) {
			if (i)
				putchar('\n');
			vee_show_domain_text(stdout, &d[i]);
			if (info && info[i].size)
				vee_show_confinement_text(stdout, &info[i]);
		}
		free(info);
		break;
	}
	return 0;
}

int cmd_stats(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "all", no_argument, NULL, 'a' },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	const struct vee_command *cmd = vee_find_command("stats");
	enum stats_format fmt = FMT_TEXT, asked;
	struct vee_snapshot snap = {};
	bool all = false, json = false, format = false;
	struct vee_nl_domain d;
	const char *name = NULL;
	struct vee_nl nl;
	int c, err;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":jah", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 'a':
			all = true;
			break;
		case OPT_FORMAT:
			if (stats_parse_format(optarg, &asked))
				return vee_bad_value(cmd, "--format: '%s' is not a format (use text, json or prometheus)",
						     optarg);
			fmt = asked;
			format = true;
			break;
		case 'h':
			return vee_usage(cmd, true);
		default:
			return vee_bad_option(cmd, c, argv);
		}
	}
	if (json && format && fmt != FMT_JSON)
		return vee_usage_error(cmd, "--json conflicts with --format");
	if (json)
		fmt = FMT_JSON;
	if (all) {
		if (optind != argc)
			return vee_usage_error(cmd, "--all takes no NAME");
	} else {
		err = vee_name_operand(cmd, argc, argv, &name);
		if (err)
			return err;
	}

	if (vee_open_nl("stats", name, &nl))
		return VEE_EXIT_FAIL;
	if (all)
		err = vee_snapshot_take(&nl, &snap);
	else
		err = vee_nl_get(&nl, VEE_CMD_GET_STATS, VEE_ID_NONE, name, &d);
	if (err) {
		vee_fail_nl("stats", name, err, &nl);
		vee_nl_close(&nl);
		vee_snapshot_free(&snap);
		return VEE_EXIT_FAIL;
	}
	vee_nl_close(&nl);
	err = all ? stats_print(fmt, true, snap.d, snap.n) :
		    stats_print(fmt, false, &d, 1);
	vee_snapshot_free(&snap);
	if (fflush(stdout) || err) {
		vee_fail("stats", name, "cannot write the output");
		return VEE_EXIT_FAIL;
	}
	return VEE_EXIT_OK;
}
