// SPDX-License-Identifier: GPL-2.0
/*
 * scale vee N | scale cgroup N DIR: the scale benchmark (bench/scale.sh).
 *
 * vee: creates N domains s-0 ... (default namespaces and accounting, no
 * limits, no processes) through /dev/vee, notes the kernel memory they
 * hold, times `vee list --json` twice (the first run also makes the
 * kernfs inodes of the cgroup files it reads) and `vee list` over them
 * (wall, user and system time), and destroys them.
 * cgroup: the same for N plain cgroups mkdir'ed in DIR (whose
 * subtree_control the caller set up like vee's), to tell what the cgroups
 * themselves cost from what vee adds; and the peer of `vee list`: reading
 * from userspace, as a cgroupfs tool would, the files that hold the values
 * vee's dump reports for each domain (kmod/stats.c), twice (cold, warm).
 *
 * Prints one line of KEY=VALUE pairs: rates per second, times in seconds,
 * memory deltas in bytes (Slab, SUnreclaim and Percpu from /proc/meminfo,
 * kmalloc from the kmalloc caches' active objects in /proc/slabinfo).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lib/ctl.h"

struct mem {
	long long slab, sunreclaim, percpu, kmalloc;	/* bytes */
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void mem_read(struct mem *m)
{
	char line[512], name[128];
	long long v, active, size;
	FILE *f;

	memset(m, 0, sizeof(*m));
	/* Let RCU free what earlier steps dropped before counting. */
	usleep(200000);
	f = fopen("/proc/meminfo", "r");
	while (f && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "Slab: %lld", &v) == 1)
			m->slab = v * 1024;
		else if (sscanf(line, "SUnreclaim: %lld", &v) == 1)
			m->sunreclaim = v * 1024;
		else if (sscanf(line, "Percpu: %lld", &v) == 1)
			m->percpu = v * 1024;
	}
	if (f)
		fclose(f);
	/* "name <active_objs> <num_objs> <objsize> ..." */
	f = fopen("/proc/slabinfo", "r");
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "%127s %lld %*d %lld", name, &active, &size) == 3 &&
		    !strncmp(name, "kmalloc-", 8))
			m->kmalloc += active * size;
	if (f)
		fclose(f);
}

static void mem_print(const struct mem *a, const struct mem *b, int n)
{
	printf(" slab_per=%lld sunreclaim_per=%lld percpu_per=%lld kmalloc_per=%lld",
	       (b->slab - a->slab) / n, (b->sunreclaim - a->sunreclaim) / n,
	       (b->percpu - a->percpu) / n, (b->kmalloc - a->kmalloc) / n);
}

/* Runs ARGV with stdout to OUT; prints " KEY_s= KEY_user_s= KEY_sys_s=". */
static int time_cmd(const char *key, char *const argv[], const char *out)
{
	struct rusage ru;
	int status, fd;
	double t0 = now();
	pid_t pid;

	pid = fork();
	if (pid == 0) {
		fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0)
			_exit(126);
		execv(argv[0], argv);
		_exit(127);
	}
	if (pid < 0 || wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status)) {
		fprintf(stderr, "scale: %s failed\n", argv[0]);
		return -1;
	}
	printf(" %s_s=%.3f %s_user_s=%.3f %s_sys_s=%.3f", key, now() - t0, key,
	       ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6, key,
	       ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6);
	return 0;
}

static int scale_vee(int n)
{
	static char *const list_json[] = { "/usr/bin/vee", "list", "--json", NULL };
	static char *const list_table[] = { "/usr/bin/vee", "list", NULL };
	char name[VEE_NAME_MAX];
	struct mem a, b;
	uint32_t *ids;
	double t;
	int fd, i, err;

	ids = calloc(n, sizeof(*ids));
	fd = vee_ctl_open();
	if (!ids || fd < 0)
		return fprintf(stderr, "scale: /dev/vee: %s\n", strerror(-fd)), 1;
	mem_read(&a);
	t = now();
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "s-%d", i);
		err = vee_ctl_create(fd, name, VEE_NS_DEFAULT, VEE_ACCT_DEFAULT,
				     NULL, NULL, &ids[i], NULL);
		if (err)
			return fprintf(stderr, "scale: create %s: %s\n", name,
				       strerror(-err)), 1;
	}
	t = now() - t;
	mem_read(&b);
	printf("what=vee n=%d create_per_s=%.0f", n, n / t);
	mem_print(&a, &b, n);
	if (time_cmd("list_json", list_json, "/tmp/scale-list.json") ||
	    time_cmd("list_json_warm", list_json, "/tmp/scale-list.json") ||
	    time_cmd("list_table", list_table, "/tmp/scale-list.txt"))
		return 1;
	t = now();
	for (i = 0; i < n; i++) {
		err = vee_ctl_destroy(fd, ids[i], NULL, 0);
		if (err)
			return fprintf(stderr, "scale: destroy %u: %s\n", ids[i],
				       strerror(-err)), 1;
	}
	t = now() - t;
	printf(" destroy_per_s=%.0f\n", n / t);
	return 0;
}

/* The files that hold one domain's limits and usage (kmod/stats.c). */
static const char *const stats_files[] = {
	"memory.max", "memory.high", "memory.swap.max", "pids.max", "cpu.max",
	"cpu.weight", "cpuset.cpus", "cpuset.mems", "cpu.stat",
	"memory.current", "memory.peak", "pids.current",
};

/* Prints " KEY_s=": open, read and close every stats file of every cgroup. */
static int read_files(const char *key, int n, const char *dir)
{
	char path[4096], buf[4096];
	double t = now();
	unsigned int k;
	int i, fd;

	for (i = 0; i < n; i++) {
		for (k = 0; k < sizeof(stats_files) / sizeof(*stats_files); k++) {
			snprintf(path, sizeof(path), "%s/c-%d/%s", dir, i,
				 stats_files[k]);
			fd = open(path, O_RDONLY);
			if (fd < 0)
				continue;	/* as the kernel side leaves it out */
			if (read(fd, buf, sizeof(buf)) < 0)
				return perror(path), close(fd), -1;
			close(fd);
		}
	}
	printf(" %s_s=%.3f", key, now() - t);
	return 0;
}

static int scale_cgroup(int n, const char *dir)
{
	char path[4096];
	struct mem a, b;
	double t;
	int i;

	mem_read(&a);
	t = now();
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/c-%d", dir, i);
		if (mkdir(path, 0755))
			return perror(path), 1;
	}
	t = now() - t;
	mem_read(&b);
	printf("what=cgroup n=%d create_per_s=%.0f", n, n / t);
	mem_print(&a, &b, n);
	if (read_files("read_files", n, dir) ||
	    read_files("read_files_warm", n, dir))
		return 1;
	t = now();
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/c-%d", dir, i);
		if (rmdir(path))
			return perror(path), 1;
	}
	t = now() - t;
	printf(" destroy_per_s=%.0f\n", n / t);
	return 0;
}

int main(int argc, char **argv)
{
	int n = argc > 2 ? atoi(argv[2]) : 0;

	if (n > 0 && argc == 3 && !strcmp(argv[1], "vee"))
		return scale_vee(n);
	if (n > 0 && argc == 4 && !strcmp(argv[1], "cgroup"))
		return scale_cgroup(n, argv[3]);
	fprintf(stderr, "usage: scale vee N | scale cgroup N DIR\n");
	return 2;
}
