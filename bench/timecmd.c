// SPDX-License-Identifier: GPL-2.0
/*
 * timecmd [-n N] [-w W] [-l LABEL] [-c CSV] -- CMD [ARG]...
 *
 * The start-latency harness: runs CMD N times (after W untimed warm-up
 * runs), each as fork + execv + waitpid timed with CLOCK_MONOTONIC, so
 * every peer pays the same overhead for being started.  CMD's stdout goes
 * to /dev/null; a run that does not exit 0 ends the measurement (exit 1).
 * Prints "LABEL median_us p90_us min_us max_us N" and, with -c, appends
 * one "LABEL,I,US" line per run to CSV.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/* One run; its wall time in microseconds, or a negative number on failure. */
static double run_once(char **argv, int devnull)
{
	double t0 = now_us();
	int status;
	pid_t pid;

	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		dup2(devnull, STDOUT_FILENO);
		execv(argv[0], argv);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, "timecmd: %s: status 0x%x\n", argv[0], status);
		return -1;
	}
	return now_us() - t0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The q-quantile of sorted @v by nearest rank. */
static double quantile(const double *v, int n, double q)
{
	int i = (int)(q * n + 0.999999) - 1;

	return v[i < 0 ? 0 : i >= n ? n - 1 : i];
}

int main(int argc, char **argv)
{
	const char *label = NULL, *csv = NULL;
	int n = 100, warm = 5, c, i, devnull;
	double *v, *sorted;
	FILE *out = NULL;

	while ((c = getopt(argc, argv, "+n:w:l:c:")) != -1) {
		switch (c) {
		case 'n':
			n = atoi(optarg);
			break;
		case 'w':
			warm = atoi(optarg);
			break;
		case 'l':
			label = optarg;
			break;
		case 'c':
			csv = optarg;
			break;
		default:
			goto usage;
		}
	}
	if (optind == argc || n < 1 || warm < 0)
		goto usage;
	argv += optind;
	if (!label)
		label = argv[0];
	devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
	v = calloc(n, sizeof(*v));
	sorted = calloc(n, sizeof(*v));
	if (devnull < 0 || !v || !sorted)
		return perror("timecmd"), 1;
	for (i = 0; i < warm; i++)
		if (run_once(argv, devnull) < 0)
			return 1;
	for (i = 0; i < n; i++) {
		v[i] = run_once(argv, devnull);
		if (v[i] < 0)
			return 1;
	}
	if (csv) {
		out = fopen(csv, "a");
		if (!out)
			return perror(csv), 1;
		for (i = 0; i < n; i++)
			fprintf(out, "%s,%d,%.1f\n", label, i, v[i]);
		fclose(out);
	}
	memcpy(sorted, v, n * sizeof(*v));
	qsort(sorted, n, sizeof(*v), cmp_double);
	printf("%s %.0f %.0f %.0f %.0f %d\n", label, quantile(sorted, n, 0.5),
	       quantile(sorted, n, 0.9), sorted[0], sorted[n - 1], n);
	return 0;
usage:
	fprintf(stderr, "usage: timecmd [-n N] [-w W] [-l LABEL] [-c CSV] -- CMD [ARG]...\n");
	return 2;
}
