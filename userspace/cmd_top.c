// SPDX-License-Identifier: GPL-2.0
/*
 * vee top: every domain, busiest first, refreshed every interval.  Each
 * screen compares two netlink dumps: CPU% and the rates are what changed
 * between them.  On a terminal it redraws in place and quits on 'q' (the
 * terminal is put back on exit and on SIGINT, SIGTERM and SIGHUP); with
 * --iterations, or when stdout is not a terminal, it prints plain
 * snapshots one after another and exits, for scripts.
 */
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "lib/parse.h"

enum { OPT_INTERVAL = 0x100, OPT_ITERATIONS };

/* Without --iterations, plain output (not a terminal) stops after this many. */
#define TOP_PLAIN_DEFAULT	1

struct top_row {
	uint32_t id;
	char name[VEE_NAME_MAX];
	uint32_t state;
	uint32_t use_present;
	uint64_t cpu_us, mem, pids;
	uint64_t forks, faults, ctxsw;
	/* Filled when a screen is drawn: change since the previous sample. */
	double cpu_pct, forks_s, faults_s, ctxsw_s;
	bool has_prev;
};

struct top_sample {
	struct top_row *rows;	/* in increasing id order, as dumped */
	size_t n, cap;
	struct timespec t;
};

static volatile sig_atomic_t top_stop;
static struct termios top_saved, top_rawt;
static bool top_raw;

#define SHOW_CURSOR	"\033[?25h"
#define HIDE_CURSOR	"\033[?25l"

static void top_restore(void)
{
	if (top_raw) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &top_saved);
		top_raw = false;
		/* Show the cursor again, on a fresh line. */
		fputs(SHOW_CURSOR "\n", stdout);
		fflush(stdout);
	}
}

static void top_on_signal(int sig)
{
	top_stop = sig;
}

static void top_on_cont(int sig);

/* ^Z: the terminal as it was while stopped, raw again on SIGCONT. */
static void top_on_tstp(int sig)
{
	struct sigaction sa = { .sa_handler = top_on_cont };

	tcsetattr(STDIN_FILENO, TCSAFLUSH, &top_saved);
	(void)!write(STDOUT_FILENO, SHOW_CURSOR, sizeof(SHOW_CURSOR) - 1);
	sigemptyset(&sa.sa_mask);
	sigaction(SIGCONT, &sa, NULL);
	signal(SIGTSTP, SIG_DFL);
	raise(SIGTSTP);
}

static void top_on_cont(int sig)
{
	struct sigaction sa = { .sa_handler = top_on_tstp };

	tcsetattr(STDIN_FILENO, TCSAFLUSH, &top_rawt);
	(void)!write(STDOUT_FILENO, HIDE_CURSOR, sizeof(HIDE_CURSOR) - 1);
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTSTP, &sa, NULL);
}

/* Keys arrive one at a time, unechoed; ^C still makes SIGINT. */
static int top_enter_raw(void)
{
	struct termios t;

	if (tcgetattr(STDIN_FILENO, &top_saved))
		return -errno;
	t = top_saved;
	t.c_lflag &= ~(ICANON | ECHO);
	t.c_cc[VMIN] = 0;
	t.c_cc[VTIME] = 0;
	top_rawt = t;
	if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &t))
		return -errno;
	top_raw = true;
	atexit(top_restore);
	fputs(HIDE_CURSOR, stdout);
	signal(SIGTSTP, top_on_tstp);
	return 0;
}

static int top_collect(const struct vee_nl_domain *d, void *data)
{
	struct top_sample *s = data;
	struct top_row *r, *grown;

	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		grown = realloc(s->rows, s->cap * sizeof(*s->rows));
		if (!grown)
			return -ENOMEM;
		s->rows = grown;
	}
	r = &s->rows[s->n++];
	memset(r, 0, sizeof(*r));
	r->id = d->id;
	memcpy(r->name, d->name, sizeof(r->name));
	r->state = d->state;
	r->use_present = d->use_present;
	r->cpu_us = d->use[VEE_USE_CPU_USAGE_US];
	r->mem = d->use[VEE_USE_MEMORY_CURRENT];
	r->pids = d->use[VEE_USE_PIDS_CURRENT];
	r->forks = d->cnt[VEE_CNT_FORKS];
	r->faults = d->cnt[VEE_CNT_PAGE_FAULTS];
	r->ctxsw = d->cnt[VEE_CNT_CTX_SWITCHES_VOLUNTARY] +
		   d->cnt[VEE_CNT_CTX_SWITCHES_INVOLUNTARY];
	return 0;
}

static int top_sample(struct vee_nl *nl, struct top_sample *s)
{
	s->n = 0;
	clock_gettime(CLOCK_MONOTONIC, &s->t);
	return vee_nl_dump(nl, top_collect, s);
}

static double top_rate(uint64_t now, uint64_t before, double secs)
{
	return now >= before ? (double)(now - before) / secs : 0;
}

/* Fills the change of each row of @cur since @prev (both in id order). */
static void top_deltas(struct top_sample *cur, const struct top_sample *prev)
{
	double secs = (cur->t.tv_sec - prev->t.tv_sec) +
		      (cur->t.tv_nsec - prev->t.tv_nsec) / 1e9;
	size_t i, j = 0;

	if (secs <= 0)
		secs = 1e-9;
	for (i = 0; i < cur->n; i++) {
		struct top_row *r = &cur->rows[i];
		const struct top_row *p;

		while (j < prev->n && prev->rows[j].id < r->id)
			j++;
		if (j == prev->n || prev->rows[j].id != r->id)
			continue;	/* new since: nothing to compare */
		p = &prev->rows[j];
		r->has_prev = true;
		r->cpu_pct = top_rate(r->cpu_us, p->cpu_us, secs) / 1e4;
		r->forks_s = top_rate(r->forks, p->forks, secs);
		r->faults_s = top_rate(r->faults, p->faults, secs);
		r->ctxsw_s = top_rate(r->ctxsw, p->ctxsw, secs);
	}
}

/* Busiest first; the older domain first among equals. */
static int top_cmp(const void *a, const void *b)
{
	const struct top_row *x = a, *y = b;

	if (x->cpu_pct != y->cpu_pct)
		return x->cpu_pct < y->cpu_pct ? 1 : -1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static int top_cmp_id(const void *a, const void *b)
{
	const struct top_row *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

static void top_bytes(char *buf, size_t len, uint64_t v)
{
	static const char units[] = "KMGTPE";
	double x = (double)v;
	int u = -1;

	while (x >= 1024 && u < 5) {
		x /= 1024;
		u++;
	}
	if (u < 0)
		snprintf(buf, len, "%" PRIu64, v);
	else
		snprintf(buf, len, "%.1f%c", x, units[u]);
}

static void top_print(struct top_sample *s, unsigned int interval_ms,
		      size_t max_rows, bool tty)
{
	char mem[16], pids[24];
	size_t i;

	qsort(s->rows, s->n, sizeof(*s->rows), top_cmp);
	if (tty)
		fputs("\033[H\033[2J", stdout);	/* home, clear */
	printf("vee top: %zu domain%s, every %u.%03u s%s\n", s->n,
	       s->n == 1 ? "" : "s", interval_ms / 1000, interval_ms % 1000,
	       tty ? " (q quits)" : "");
	printf("%-8s %-24s %-8s %6s %9s %6s %9s %9s %9s\n", "ID", "NAME",
	       "STATE", "CPU%", "MEM", "PIDS", "FORKS/s", "FAULTS/s",
	       "CTXSW/s");
	for (i = 0; i < s->n && i < max_rows; i++) {
		const struct top_row *r = &s->rows[i];

		if (r->use_present & (1U << VEE_USE_MEMORY_CURRENT))
			top_bytes(mem, sizeof(mem), r->mem);
		else
			strcpy(mem, "-");
		if (r->use_present & (1U << VEE_USE_PIDS_CURRENT))
			snprintf(pids, sizeof(pids), "%" PRIu64, r->pids);
		else
			strcpy(pids, "-");
		if (!r->has_prev) {
			printf("%-8u %-24s %-8s %6s %9s %6s %9s %9s %9s\n",
			       r->id, r->name, vee_state_name(r->state), "-",
			       mem, pids, "-", "-", "-");
			continue;
		}
		printf("%-8u %-24s %-8s %6.1f %9s %6s %9.1f %9.1f %9.1f\n",
		       r->id, r->name, vee_state_name(r->state), r->cpu_pct,
		       mem, pids, r->forks_s, r->faults_s, r->ctxsw_s);
	}
	if (i < s->n)
		printf("... %zu more\n", s->n - i);
	fflush(stdout);
}

/* How many rows fit on the terminal under the two header lines. */
static size_t top_rows_fit(void)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) || ws.ws_row < 4)
		return 20;
	return ws.ws_row - 3;
}

/*
 * Waits @ms, or until 'q' (1) or a signal (-EINTR) on a terminal; plain
 * output just sleeps.
 */
static int top_wait(unsigned int ms, bool tty)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };
	struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
	char c;

	if (!tty) {
		while (nanosleep(&ts, &ts))
			if (errno != EINTR || top_stop)
				return -EINTR;
		return 0;
	}
	for (;;) {
		int n = poll(&pfd, 1, (int)ms);

		if (top_stop)
			return -EINTR;
		if (n < 0 && errno == EINTR)
			return 0;	/* SIGCONT, or SIGWINCH: redraw now */
		if (n <= 0)
			return 0;
		/* The terminal went away, or q: done. */
		if ((pfd.revents & (POLLHUP | POLLERR)) ||
		    read(STDIN_FILENO, &c, 1) != 1 || c == 'q' || c == 'Q')
			return 1;
		/* Another key: redraw now. */
		return 0;
	}
}

int cmd_top(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "interval", required_argument, NULL, OPT_INTERVAL },
		{ "iterations", required_argument, NULL, OPT_ITERATIONS },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	const struct vee_command *cmd = vee_find_command("top");
	struct top_sample a = {}, b = {}, *cur = &a, *prev = &b, *t;
	unsigned int interval_ms = 1000;
	__u64 iterations = 0, done;
	struct sigaction sa = {};
	char why[VEE_WHY_MAX];
	struct vee_nl nl;
	bool tty;
	int c, err;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case OPT_INTERVAL:
			if (vee_parse_interval(optarg, &interval_ms, why))
				return vee_bad_value(cmd, "--interval: %s", why);
			break;
		case OPT_ITERATIONS:
			if (vee_parse_count(optarg, &iterations, why))
				return vee_bad_value(cmd, "--iterations: %s", why);
			break;
		case 'h':
			return vee_usage(cmd, true);
		default:
			return vee_bad_option(cmd, c, argv);
		}
	}
	if (optind != argc)
		return vee_usage_error(cmd, "unexpected argument '%s'", argv[optind]);

	tty = !iterations && isatty(STDOUT_FILENO) && isatty(STDIN_FILENO);
	if (!tty && !iterations)
		iterations = TOP_PLAIN_DEFAULT;

	if (vee_open_nl("top", NULL, &nl))
		return VEE_EXIT_FAIL;
	sa.sa_handler = top_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	if (tty && top_enter_raw())
		tty = false;

	err = top_sample(&nl, prev);
	for (done = 0; !err && (!iterations || done < iterations); done++) {
		err = top_wait(interval_ms, tty);
		if (err) {
			err = err > 0 ? 0 : err;
			break;
		}
		err = top_sample(&nl, cur);
		if (err)
			break;
		top_deltas(cur, prev);
		top_print(cur, interval_ms, tty ? top_rows_fit() : SIZE_MAX, tty);
		if (!tty && (!iterations || done + 1 < iterations))
			putchar('\n');
		/* Re-sorted for display: put back in id order for the next delta. */
		t = prev;
		prev = cur;
		cur = t;
		qsort(prev->rows, prev->n, sizeof(*prev->rows), top_cmp_id);
	}
	top_restore();
	if (err == -EINTR)
		err = 0;	/* a signal: the user's way out */
	if (err)
		vee_fail_nl("top", NULL, err, &nl);
	vee_nl_close(&nl);
	free(a.rows);
	free(b.rows);
	return err ? VEE_EXIT_FAIL : VEE_EXIT_OK;
}
