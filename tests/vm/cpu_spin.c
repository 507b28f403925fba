// SPDX-License-Identifier: GPL-2.0
/*
 * cpu_spin MS: spin on the CPU for MS milliseconds of wall time, then print
 * "cpu_pct=P cpu_ms=C wall_ms=W" where C is the CPU time it got (user +
 * system, getrusage) and P = 100 * C / W.  Helper of isolation_test.sh
 * (a cpu.max quota of 20% must hold P near 20).
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

int main(int argc, char **argv)
{
	volatile unsigned long spins = 0;
	long long start, wall, cpu;
	struct rusage ru;
	long ms;

	if (argc != 2 || (ms = atol(argv[1])) <= 0) {
		fprintf(stderr, "usage: cpu_spin MILLISECONDS\n");
		return 2;
	}
	start = now_ms();
	while (now_ms() - start < ms)
		spins++;
	wall = now_ms() - start;
	getrusage(RUSAGE_SELF, &ru);
	cpu = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000LL +
	      (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000;
	printf("cpu_pct=%lld cpu_ms=%lld wall_ms=%lld\n",
	       wall ? 100 * cpu / wall : 0, cpu, wall);
	return 0;
}
