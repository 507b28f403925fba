// SPDX-License-Identifier: GPL-2.0
/*
 * vee record: every domain's usage and counters, sampled on a fixed
 * schedule (CLOCK_MONOTONIC, absolute deadlines, so no drift) into a CSV
 * file for experiments; lib/record.h defines the columns.
 *
 * The module and the first dump are checked before the file is created,
 * so a failed start leaves no file behind and no old file truncated.
 * Each sample's rows are flushed together; a stop signal ends the
 * recording after the sample under way (SA_RESTART keeps a dump in
 * progress from being cut by it).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "commands.h"
#include "lib/parse.h"
#include "lib/record.h"
#include "lib/snapshot.h"

enum { OPT_INTERVAL = 0x100, OPT_COUNT, OPT_DURATION };

#define RECORD_DURATION_MAX_S	31536000	/* a year */

static volatile sig_atomic_t record_stop;

static void record_on_signal(int sig)
{
	record_stop = sig;
}

static struct timespec ts_add_ms(struct timespec t, uint64_t ms)
{
	t.tv_sec += ms / 1000;
	t.tv_nsec += (long)(ms % 1000) * 1000000;
	if (t.tv_nsec >= 1000000000) {
		t.tv_sec++;
		t.tv_nsec -= 1000000000;
	}
	return t;
}

static struct timespec ts_sub(struct timespec a, struct timespec b)
{
	a.tv_sec -= b.tv_sec;
	a.tv_nsec -= b.tv_nsec;
	if (a.tv_nsec < 0) {
		a.tv_sec--;
		a.tv_nsec += 1000000000;
	}
	return a;
}

static uint64_t ts_ms(struct timespec t)
{
	return (uint64_t)t.tv_sec * 1000 + (uint64_t)t.tv_nsec / 1000000;
}

struct record_args {
	const char *output;
	unsigned int interval_ms;
	__u64 count;		/* 0: no bound */
	uint64_t duration_ms;	/* 0: no bound */
};

/* 0 with *@help false to go on; else the exit code (help printed: 0). */
static int record_options(const struct vee_command *cmd, int argc,
			  char **argv, struct record_args *a, bool *help)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "interval", required_argument, NULL, OPT_INTERVAL },
		{ "count", required_argument, NULL, OPT_COUNT },
		{ "duration", required_argument, NULL, OPT_DURATION },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	char why[VEE_WHY_MAX];
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			if (!*optarg)
				return vee_bad_value(cmd, "--output: the file name is empty");
			a->output = optarg;
			break;
		case OPT_INTERVAL:
			if (vee_parse_interval(optarg, &a->interval_ms, why))
				return vee_bad_value(cmd, "--interval: %s", why);
			break;
		case OPT_COUNT:
			if (vee_parse_count(optarg, &a->count, why))
				return vee_bad_value(cmd, "--count: %s", why);
			break;
		case OPT_DURATION:
			if (vee_parse_seconds(optarg, 100, RECORD_DURATION_MAX_S,
					      &a->duration_ms, why))
				return vee_bad_value(cmd, "--duration: %s", why);
			break;
		case 'h':
			*help = true;
			return vee_usage(cmd, true);
		default:
			return vee_bad_option(cmd, c, argv);
		}
	}
	if (optind != argc)
		return vee_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
	if (!a->output)
		return vee_usage_error(cmd, "--output FILE is required");
	return 0;
}

/* Sleeps until @due; false when a stop signal came first. */
static bool record_wait(const struct timespec *due)
{
	while (!record_stop) {
		int err = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, due,
					  NULL);

		if (!err)
			return !record_stop;
		if (err != EINTR)
			return false;
	}
	return false;
}

static void record_signals(void)
{
	struct sigaction sa = { .sa_handler = record_on_signal,
				.sa_flags = SA_RESTART };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/*
 * Samples until a bound or a signal: 0; a negative errno of a dump; or 1
 * when writing failed, with the errno in *@werr.
 */
static int record_loop(struct vee_nl *nl, struct vee_snapshot *snap,
		       FILE *out, const struct record_args *a,
		       struct timespec t0, struct timespec wall, int *werr)
{
	struct timespec now, since = {}, due;
	uint64_t sample = 0, slot = 0, i;
	int err;

	/* A sample's times are those of the start of its dump. */
	for (;;) {
		for (i = 0; i < snap->n; i++)
			vee_record_row(out, sample, &since, &wall, &snap->d[i]);
		if (fflush(out)) {
			*werr = errno;
			return 1;
		}
		sample++;
		if (a->count && sample >= a->count)
			return 0;
		/* The next slot still ahead: a slow dump skips slots, never bunches. */
		clock_gettime(CLOCK_MONOTONIC, &now);
		do
			slot++;
		while (slot * a->interval_ms <= ts_ms(ts_sub(now, t0)));
		if (a->duration_ms && slot * a->interval_ms > a->duration_ms)
			return 0;
		due = ts_add_ms(t0, slot * a->interval_ms);
		if (!record_wait(&due))
			return 0;
		clock_gettime(CLOCK_MONOTONIC, &now);
		clock_gettime(CLOCK_REALTIME, &wall);
		since = ts_sub(now, t0);
		err = vee_snapshot_take(nl, snap);
		if (err)
			return record_stop ? 0 : err;
	}
}

int cmd_record(int argc, char **argv)
{
	const struct vee_command *cmd = vee_find_command("record");
	struct record_args a = { .interval_ms = 1000 };
	struct vee_snapshot snap = {};
	struct timespec t0, wall;
	bool to_stdout, help = false;
	int werr = 0;
	struct vee_nl nl;
	FILE *out;
	int err;

	err = record_options(cmd, argc, argv, &a, &help);
	if (err || help)
		return err;
	to_stdout = !strcmp(a.output, "-");

	if (vee_open_nl("record", NULL, &nl))
		return VEE_EXIT_FAIL;
	record_signals();
	clock_gettime(CLOCK_MONOTONIC, &t0);
	clock_gettime(CLOCK_REALTIME, &wall);
	err = vee_snapshot_take(&nl, &snap);
	if (err) {
		vee_fail_nl("record", NULL, err, &nl);
		goto out;
	}
	out = to_stdout ? stdout : fopen(a.output, "w");
	if (!out) {
		err = -errno;
		vee_fail("record", NULL, "cannot write '%s': %s", a.output,
			 strerror(-err));
		goto out;
	}
	vee_record_header(out);
	err = record_loop(&nl, &snap, out, &a, t0, wall, &werr);
	if (err < 0)
		vee_fail_nl("record", NULL, err, &nl);
	if ((to_stdout ? fflush(out) : fclose(out)) && !werr)
		werr = errno;
	if (werr) {
		err = -werr;
		vee_fail("record", NULL, "writing '%s': %s", a.output,
			 strerror(werr));
	}
out:
	vee_snapshot_free(&snap);
	vee_nl_close(&nl);
	return err ? VEE_EXIT_FAIL : VEE_EXIT_OK;
}
