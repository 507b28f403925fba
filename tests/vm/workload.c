// SPDX-License-Identifier: GPL-2.0
/*
 * workload KIND N [ARG]: a workload whose true counts are known, for the
 * accounting tests (acct_test.sh).  Prints what it did and exits 0.
 *
 *   forkexec N PROG   fork N children that each exec PROG (a static
 *                     binary) and exit: N forks, N execs, N exits.
 *   getppid N         N getppid() system calls (through syscall(2), so
 *                     that no libc caches them).
 *   pingpong N        N round trips over two pipes with a child, as
 *                     SCHED_BATCH (no wake-up preemption): on one CPU each
 *                     side then blocks on every read, so at least 2N
 *                     voluntary context switches.
 *   pages N           touch N fresh anonymous pages: N page faults.
 *   directwrite N DEV write N MiB to DEV with O_DIRECT in 1 MiB writes.
 *
 * The last line of output is "elapsed_us N": the workload's own wall time
 * (CLOCK_MONOTONIC), for bench/acct-overhead.sh.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int forkexec(long n, const char *prog)
{
	long i;
	int st;

	for (i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid < 0)
			return perror("fork"), 1;
		if (pid == 0) {
			execl(prog, prog, (char *)NULL);
			_exit(127);
		}
		if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) ||
		    WEXITSTATUS(st))
			return fprintf(stderr, "child failed\n"), 1;
	}
	printf("forkexec %ld\n", n);
	return 0;
}

static int getppid_loop(long n)
{
	long i;

	for (i = 0; i < n; i++)
		syscall(SYS_getppid);
	printf("getppid %ld\n", n);
	return 0;
}

static int pingpong(long n)
{
	struct sched_param sp = { 0 };
	int ab[2], ba[2];
	char c = 'x';
	pid_t pid;
	long i;

	/*
	 * A normal task woken by the writer may preempt it, and the writer
	 * then finds its answer waiting without blocking: an involuntary
	 * switch instead of a voluntary one.  Batch tasks do not preempt.
	 */
	if (sched_setscheduler(0, SCHED_BATCH, &sp))
		return perror("sched_setscheduler"), 1;
	if (pipe(ab) || pipe(ba))
		return perror("pipe"), 1;
	pid = fork();
	if (pid < 0)
		return perror("fork"), 1;
	if (pid == 0) {
		for (i = 0; i < n; i++)
			if (read(ab[0], &c, 1) != 1 || write(ba[1], &c, 1) != 1)
				_exit(1);
		_exit(0);
	}
	for (i = 0; i < n; i++)
		if (write(ab[1], &c, 1) != 1 || read(ba[0], &c, 1) != 1)
			return perror("pingpong"), 1;
	waitpid(pid, NULL, 0);
	printf("pingpong %ld\n", n);
	return 0;
}

static int pages(long n)
{
	long page = sysconf(_SC_PAGESIZE), i;
	char *p = mmap(NULL, n * page, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return perror("mmap"), 1;
	/*
	 * With transparent huge pages (on by default once the machine has
	 * 512 MiB) one fault would map 512 pages: the count is N only with
	 * base pages.  A kernel without THP has only base pages: it answers
	 * EINVAL, or ENOSYS without madvise at all (the debug kernel).
	 */
	if (madvise(p, n * page, MADV_NOHUGEPAGE) &&
	    errno != EINVAL && errno != ENOSYS)
		return perror("madvise"), 1;
	for (i = 0; i < n; i++)
		p[i * page] = 1;
	printf("pages %ld\n", n);
	return 0;
}

static int directwrite(long mib, const char *dev)
{
	const size_t chunk = 1 << 20;
	void *buf;
	long i;
	int fd = open(dev, O_WRONLY | O_DIRECT);

	if (fd < 0)
		return perror(dev), 1;
	if (posix_memalign(&buf, 4096, chunk))
		return 1;
	memset(buf, 0x5a, chunk);
	for (i = 0; i < mib; i++)
		if (write(fd, buf, chunk) != (ssize_t)chunk)
			return perror("write"), 1;
	close(fd);
	printf("directwrite %ld MiB\n", mib);
	return 0;
}

static int run(int argc, char **argv, long n)
{
	if (!strcmp(argv[1], "forkexec") && argc == 4)
		return forkexec(n, argv[3]);
	if (!strcmp(argv[1], "getppid"))
		return getppid_loop(n);
	if (!strcmp(argv[1], "pingpong"))
		return pingpong(n);
	if (!strcmp(argv[1], "pages"))
		return pages(n);
	if (!strcmp(argv[1], "directwrite") && argc == 4)
		return directwrite(n, argv[3]);
	fprintf(stderr, "workload: unknown kind or missing argument\n");
	return 2;
}

int main(int argc, char **argv)
{
	struct timespec t0, t1;
	long n;
	int ret;

	if (argc < 3 || (n = strtol(argv[2], NULL, 10)) <= 0) {
		fprintf(stderr, "usage: workload KIND N [ARG]\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ret = run(argc, argv, n);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (!ret)
		printf("elapsed_us %lld\n",
		       (long long)(t1.tv_sec - t0.tv_sec) * 1000000 +
		       (t1.tv_nsec - t0.tv_nsec) / 1000);
	return ret;
}
