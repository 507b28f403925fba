// SPDX-License-Identifier: GPL-2.0
/*
 * cpu_spin MS: spin on the CPU for MS milliseconds of wall time, then print
 * "cpu_pct=P cpu_ms=C wall_ms=W" where C is the CPU time the process got
 * in those W ms and P = 100 * C / W.  Helper of isolation_test.sh (a
 * cpu.max quota of 20% must hold P near 20).
 *
 * C counts from the start of the spin, not from exec: on the debug kernel
 * (KASAN under TCG) exec and the dynamic loader take a quarter of a second
 * of CPU, which getrusage() added to 2 s of spinning made 112% unlimited
 * and 36% under a 20% quota.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static long long clock_ms(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

int main(int argc, char **argv)
{
	volatile unsigned long spins = 0;
	long long start, wall, cpu;
	long ms;

	if (argc != 2 || (ms = atol(argv[1])) <= 0) {
		fprintf(stderr, "usage: cpu_spin MILLISECONDS\n");
		return 2;
	}
	cpu = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
	start = clock_ms(CLOCK_MONOTONIC);
	while (clock_ms(CLOCK_MONOTONIC) - start < ms)
		spins++;
	wall = clock_ms(CLOCK_MONOTONIC) - start;
	cpu = clock_ms(CLOCK_PROCESS_CPUTIME_ID) - cpu;
	printf("cpu_pct=%lld cpu_ms=%lld wall_ms=%lld\n",
	       wall ? 100 * cpu / wall : 0, cpu, wall);
	return 0;
}
