/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the VM tests in C: the raw ioctls by name, a seeded
 * PRNG, clone3 into a domain's cgroup, what is left under the module's
 * cgroup subtree, and a look at the kernel log.
 */
#ifndef VEE_GUEST_H
#define VEE_GUEST_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/klog.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lib/ctl.h"

#define CG_ROOT "/sys/fs/cgroup/vee"

/* The first line of @path, or "" (a static buffer, overwritten by the next call). */
static inline const char *read_line(const char *path)
{
	static char buf[4096];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	buf[0] = 0;
	if (fd < 0)
		return buf;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = 0;
	buf[strcspn(buf, "\n")] = 0;
	return buf;
}

/* Names travel zero-padded in the ioctl structs. */
static inline void put_name(char dst[VEE_NAME_MAX], const char *name)
{
	memset(dst, 0, VEE_NAME_MAX);
	memcpy(dst, name, strlen(name));
}

/* The raw ioctls by name, as a caller without libvee makes them. */
static inline int raw_destroy(int fd, const char *name, uint32_t flags)
{
	struct vee_destroy d = { .size = sizeof(d), .flags = flags };

	put_name(d.name, name);
	return ioctl(fd, VEE_IOC_DESTROY, &d);
}

static inline int raw_info(int fd, const char *name, struct vee_info *i)
{
	memset(i, 0, sizeof(*i));
	i->size = sizeof(*i);
	put_name(i->name, name);
	return ioctl(fd, VEE_IOC_INFO, i);
}

static inline int raw_enter(int fd, const char *name)
{
	struct vee_enter e = { .size = sizeof(e) };

	put_name(e.name, name);
	return ioctl(fd, VEE_IOC_ENTER, &e);
}

/* xorshift64*: reproducible from the printed seed. */
static inline uint64_t rnd64(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545F4914F6CDD1DULL;
}

/* 0 to @n - 1 (@n > 0). */
static inline uint32_t rnd(uint64_t *s, uint32_t n)
{
	return (uint32_t)(rnd64(s) >> 32) % n;
}

static inline double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static inline pid_t clone3_into(int cgroup_fd, uint64_t flags)
{
	struct clone_args a = {
		.flags = flags | CLONE_INTO_CGROUP,
		.exit_signal = SIGCHLD,
		.cgroup = (uint64_t)cgroup_fd,
	};

	return syscall(SYS_clone3, &a, sizeof(a));
}

/* Waits for @pid and returns its exit status, or 128+signal. */
static inline int reap(pid_t pid)
{
	int st;

	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/*
 * What a domain's task does in the robustness tests: forks children that
 * exit at once, every @gap_us, for @ms, reaping them (it may be the pid
 * namespace's init, their reaper), then exits.
 */
static inline void fork_churn(unsigned int ms, unsigned int gap_us)
{
	double end = now_s() + ms / 1000.0;

	while (now_s() < end) {
		if (fork() == 0)
			_exit(0);
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		usleep(gap_us);
	}
	_exit(0);
}

/* Directories under CG_ROOT (the domains' cgroups), or -1. */
static inline int cg_dirs(void)
{
	DIR *d = opendir(CG_ROOT);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (e->d_type == DT_DIR && e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

/*
 * Force-destroys every domain; returns how many destroys failed (other
 * than for a domain that went meanwhile), or -1 if the list failed.
 */
static inline int destroy_all(int fd)
{
	uint32_t *ids, n, i;
	int bad = 0, err;

	if (vee_ctl_list_all(fd, &ids, &n))
		return -1;
	for (i = 0; i < n; i++) {
		err = vee_ctl_destroy(fd, ids[i], NULL, VEE_DESTROY_FORCE);
		if (err && err != -ENOENT) {
			printf("#   destroy of domain %u: %s\n", ids[i],
			       strerror(-err));
			bad++;
		}
	}
	free(ids);
	return bad;
}

/* Whether the kernel log holds @what (the log is not cleared). */
static inline int klog_has(const char *what)
{
	static char buf[1 << 20];
	int n = klogctl(3 /* SYSLOG_ACTION_READ_ALL */, buf, sizeof(buf) - 1);

	if (n < 0)
		return -1;
	buf[n] = 0;
	return strstr(buf, what) != NULL;
}

/* Active objects of slab cache @name, or -1 when /proc/slabinfo lacks it. */
static inline long slab_objects(const char *name)
{
	char line[512], cache[64];
	long active = -1, n;
	FILE *f = fopen("/proc/slabinfo", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%63s %ld", cache, &n) == 2 &&
		    !strcmp(cache, name))
			active = n;
	fclose(f);
	return active;
}

#endif /* VEE_GUEST_H */
