// SPDX-License-Identifier: GPL-2.0
/*
 * touch_mem N: map N MiB of anonymous memory and write every page of it,
 * so that all of it is really charged to the caller's cgroup; then print
 * "touched N MiB" and exit 0.  Helper of isolation_test.sh (a memory
 * limit below N must end it with SIGKILL from the OOM killer).
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long page = sysconf(_SC_PAGESIZE);
	unsigned long mib, len, off;
	char *end, *p;

	if (argc != 2) {
		fprintf(stderr, "usage: touch_mem MIB\n");
		return 2;
	}
	mib = strtoul(argv[1], &end, 10);
	if (*end || !mib || mib > 65536) {
		fprintf(stderr, "touch_mem: bad size '%s'\n", argv[1]);
		return 2;
	}
	len = mib << 20;
	p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		perror("touch_mem: mmap");
		return 1;
	}
	for (off = 0; off < len; off += page)
		p[off] = (char)(off / page) | 1;
	/* Read it back so the compiler cannot drop the writes. */
	for (off = 0; off < len; off += page)
		if (!p[off]) {
			fprintf(stderr, "touch_mem: page %lu lost\n", off / page);
			return 1;
		}
	printf("touched %lu MiB\n", mib);
	return 0;
}
