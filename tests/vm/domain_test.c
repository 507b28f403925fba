// SPDX-License-Identifier: GPL-2.0
/*
 * Raw ioctl tests of a domain's cgroup, limits and entry: what the module
 * writes into /sys/fs/cgroup/vee/NAME, what it refuses (and names), and
 * who may enter.  Run as root in the VM with vee.ko loaded.
 */
#include <dirent.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>

#include "harness.h"
#include "guest.h"
#include "lib/ctl.h"

#define ROOT "/sys/fs/cgroup/vee"

static int dev(void)
{
	int fd = open(VEE_DEV_PATH, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		TEST_FAIL_(1, "open %s: %s", VEE_DEV_PATH, strerror(errno));
	return fd;
}

/* The first line of ROOT/NAME/FILE, or "" (static buffer). */
static const char *cg_read(const char *name, const char *file)
{
	char path[256];

	snprintf(path, sizeof(path), ROOT "/%s/%s", name, file);
	return read_line(path);
}

static bool cg_exists(const char *name)
{
	char path[256];
	struct stat st;

	snprintf(path, sizeof(path), ROOT "/%s", name);
	return stat(path, &st) == 0;
}

static int create_raw(int fd, struct vee_create *c, const char *name)
{
	c->size = sizeof(*c);
	put_name(c->name, name);
	return ioctl(fd, VEE_IOC_CREATE, c);
}

TEST(create_makes_and_destroy_removes_the_cgroup)
{
	struct vee_create c = {};
	struct vee_info i;
	struct stat st;
	int fd = dev();

	ASSERT_EQ(create_raw(fd, &c, "cg1"), 0);
	EXPECT_EQ(c.cgroup_fd, -1);
	ASSERT_TRUE(cg_exists("cg1"));
	ASSERT_EQ(stat(ROOT "/cg1", &st), 0);
	ASSERT_EQ(raw_info(fd, "cg1", &i), 0);
	EXPECT_EQ(i.cgroup_id, st.st_ino);
	EXPECT_EQ(i.ns_flags, 0);
	EXPECT_STREQ(cg_read("cg1", "cgroup.type"), "domain");
	EXPECT_EQ(raw_destroy(fd, "cg1", 0), 0);
	EXPECT_TRUE(!cg_exists("cg1"));
	EXPECT_EQ(cg_dirs(), 0);
}

TEST(cgroup_fd_is_the_domains_directory)
{
	struct vee_create c = {};
	struct vee_info i;
	struct stat st;
	int fd = dev();

	c.flags = VEE_CREATE_CGROUP_FD;
	ASSERT_EQ(create_raw(fd, &c, "cgfd"), 0);
	ASSERT_GE(c.cgroup_fd, 0);
	ASSERT_EQ(fstat(c.cgroup_fd, &st), 0);
	EXPECT_TRUE(S_ISDIR(st.st_mode));
	ASSERT_EQ(raw_info(fd, "cgfd", &i), 0);
	EXPECT_EQ(st.st_ino, i.cgroup_id);
	EXPECT_EQ(fcntl(c.cgroup_fd, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
	close(c.cgroup_fd);
	EXPECT_EQ(raw_destroy(fd, "cgfd", 0), 0);
}

TEST(limits_land_in_the_cgroup_files)
{
	uint64_t cpus = 1;	/* CPU 0 */
	struct vee_create c = {};
	int fd = dev();

	c.limits.mask = VEE_LIMIT_MEMORY_MAX | VEE_LIMIT_MEMORY_HIGH |
			VEE_LIMIT_PIDS_MAX | VEE_LIMIT_CPU_MAX |
			VEE_LIMIT_CPU_WEIGHT | VEE_LIMIT_CPUSET_CPUS;
	c.limits.memory_max = 32 << 20;
	c.limits.memory_high = VEE_LIMIT_MAX;
	c.limits.pids_max = 8;
	c.limits.cpu_quota_us = 20000;
	c.limits.cpu_weight = 50;
	c.limits.cpuset_cpus = (uintptr_t)&cpus;
	c.limits.cpuset_cpus_size = sizeof(cpus);
	ASSERT_EQ(create_raw(fd, &c, "lim"), 0);
	EXPECT_STREQ(cg_read("lim", "memory.max"), "33554432");
	EXPECT_STREQ(cg_read("lim", "memory.high"), "max");
	EXPECT_STREQ(cg_read("lim", "pids.max"), "8");
	EXPECT_STREQ(cg_read("lim", "cpu.max"), "20000 100000");
	EXPECT_STREQ(cg_read("lim", "cpu.weight"), "50");
	EXPECT_STREQ(cg_read("lim", "cpuset.cpus"), "0");
	EXPECT_EQ(raw_destroy(fd, "lim", 0), 0);
}

static const uint64_t no_cpus;
static const uint64_t cpu127[2] = { 0, 1ULL << 63 };

/* Bad limit number @i: sets it in @l and returns the bit to blame. */
static uint32_t bad_limit_case(int i, struct vee_limits *l)
{
	switch (i) {
	case 0: l->memory_max = 0; return VEE_LIMIT_MEMORY_MAX;
	case 1: l->memory_high = 0; return VEE_LIMIT_MEMORY_HIGH;
	case 2: l->pids_max = 0; return VEE_LIMIT_PIDS_MAX;
	case 3: l->pids_max = 4194305; return VEE_LIMIT_PIDS_MAX;
	case 4: l->cpu_quota_us = 999; return VEE_LIMIT_CPU_MAX;
	case 5: l->cpu_quota_us = 5000; l->cpu_period_us = 999;
		return VEE_LIMIT_CPU_MAX;
	case 6: l->cpu_quota_us = 5000; l->cpu_period_us = 1000001;
		return VEE_LIMIT_CPU_MAX;
	case 7: l->cpu_weight = 0; return VEE_LIMIT_CPU_WEIGHT;
	case 8: l->cpu_weight = 10001; return VEE_LIMIT_CPU_WEIGHT;
	case 9: l->cpuset_cpus = (uintptr_t)&no_cpus; l->cpuset_cpus_size = 8;
		return VEE_LIMIT_CPUSET_CPUS;
	case 10: l->cpuset_cpus = (uintptr_t)cpu127; l->cpuset_cpus_size = 16;
		return VEE_LIMIT_CPUSET_CPUS;
	case 11: l->cpuset_cpus = (uintptr_t)cpu127; l->cpuset_cpus_size = 7;
		return VEE_LIMIT_CPUSET_CPUS;
	case 12: l->cpuset_cpus = 0; l->cpuset_cpus_size = 8;
		return VEE_LIMIT_CPUSET_CPUS;
	case 13: l->cpuset_cpus = (uintptr_t)cpu127; l->cpuset_cpus_size = 2048;
		return VEE_LIMIT_CPUSET_CPUS;
	case 14: l->cpuset_mems = (uintptr_t)cpu127; l->cpuset_mems_size = 16;
		return VEE_LIMIT_CPUSET_MEMS;
	case 15: l->cpuset_cpus = 8; l->cpuset_cpus_size = 8;	/* bad pointer */
		return VEE_LIMIT_CPUSET_CPUS;
	case 16: l->memory_max = 4095; return VEE_LIMIT_MEMORY_MAX;
	case 17: l->memory_high = 1; return VEE_LIMIT_MEMORY_HIGH;
	}
	return 0;
}

/* Each bad limit: refused, bad_limit names it, and no directory is left. */
TEST(bad_limits_are_named_and_leave_nothing)
{
	struct vee_create c;
	uint32_t bit;
	int i, fd = dev();

	for (i = 0; (memset(&c, 0, sizeof(c)), bit = bad_limit_case(i, &c.limits)); i++) {
		c.limits.mask = bit;
		errno = 0;
		EXPECT_EQ(create_raw(fd, &c, "bad"), -1);
		EXPECT_EQ(errno, i == 15 ? EFAULT : EINVAL);
		if (c.bad_limit != bit)
			TH_LOG("case %d: bad_limit %#x, want %#x", i, c.bad_limit, bit);
		EXPECT_EQ(c.bad_limit, bit);
		EXPECT_TRUE(!cg_exists("bad"));
	}
	/* A field set without its mask bit, and an unknown mask bit. */
	memset(&c, 0, sizeof(c));
	c.limits.pids_max = 5;
	EXPECT_EQ(create_raw(fd, &c, "bad"), -1);
	EXPECT_EQ(errno, EINVAL);
	EXPECT_EQ(c.bad_limit, VEE_LIMIT_PIDS_MAX);
	memset(&c, 0, sizeof(c));
	c.limits.mask = 1u << 20;
	EXPECT_EQ(create_raw(fd, &c, "bad"), -1);
	EXPECT_EQ(errno, EINVAL);
	/* Unknown namespace flag. */
	memset(&c, 0, sizeof(c));
	c.ns_flags = CLONE_VM;
	EXPECT_EQ(create_raw(fd, &c, "bad"), -1);
	EXPECT_EQ(errno, EINVAL);
	EXPECT_EQ(cg_dirs(), 0);
	EXPECT_EQ(raw_info(fd, "bad", &(struct vee_info){}), -1);
}

/* What the kernel refuses is reported after rollback of what was set. */
TEST(set_limits_rolls_back_on_kernel_refusal)
{
	struct vee_set_limits s = { .size = sizeof(s) };
	struct vee_create c = {};
	int fd = dev();

	c.limits.mask = VEE_LIMIT_PIDS_MAX;
	c.limits.pids_max = 10;
	ASSERT_EQ(create_raw(fd, &c, "rb"), 0);

	/* pids.max changes first, then io.max names a device that is not. */
	put_name(s.name, "rb");
	s.limits.mask = VEE_LIMIT_PIDS_MAX | VEE_LIMIT_IO_MAX;
	s.limits.pids_max = 20;
	s.limits.io_major = 4095;
	s.limits.io_minor = 4095;
	s.limits.io_wbps = 1 << 20;
	s.limits.io_rbps = VEE_LIMIT_MAX;
	s.limits.io_riops = VEE_LIMIT_MAX;
	s.limits.io_wiops = VEE_LIMIT_MAX;
	EXPECT_EQ(ioctl(fd, VEE_IOC_SET_LIMITS, &s), -1);
	EXPECT_EQ(s.bad_limit, VEE_LIMIT_IO_MAX);
	EXPECT_STREQ(cg_read("rb", "pids.max"), "10");

	/* A good change goes through. */
	s.limits = (struct vee_limits){ .mask = VEE_LIMIT_PIDS_MAX,
					.pids_max = VEE_LIMIT_MAX };
	s.bad_limit = 0;
	EXPECT_EQ(ioctl(fd, VEE_IOC_SET_LIMITS, &s), 0);
	EXPECT_STREQ(cg_read("rb", "pids.max"), "max");

	/* Nothing to set. */
	s.limits.mask = 0;
	s.limits.pids_max = 0;
	EXPECT_ERRNO(ioctl(fd, VEE_IOC_SET_LIMITS, &s), EINVAL);
	/* Unknown domain. */
	s.limits.mask = VEE_LIMIT_PIDS_MAX;
	s.limits.pids_max = 3;
	put_name(s.name, "nosuch");
	EXPECT_ERRNO(ioctl(fd, VEE_IOC_SET_LIMITS, &s), ENOENT);
	EXPECT_EQ(raw_destroy(fd, "rb", 0), 0);
}

TEST(enter_from_the_host_is_refused)
{
	struct vee_create c = { .ns_flags = VEE_NS_DEFAULT };
	struct vee_info i;
	int fd = dev(), cg;
	pid_t pid;
	char path[64];

	c.flags = VEE_CREATE_CGROUP_FD;
	ASSERT_EQ(create_raw(fd, &c, "ent"), 0);

	/* Host namespaces, host cgroup: the cgroup is wrong. */
	EXPECT_ERRNO(raw_enter(fd, "ent"), EPERM);

	/* Right cgroup, host namespaces: refused too. */
	pid = clone3_into(c.cgroup_fd, 0);
	ASSERT_GE(pid, 0);
	if (pid == 0)
		_exit(raw_enter(fd, "ent") == -1 && errno == EPERM ? 0 : 1);
	EXPECT_EQ(reap(pid), 0);

	/* New namespaces but the wrong cgroup (a sibling domain's). */
	ASSERT_EQ(create_raw(fd, &(struct vee_create){ .flags = VEE_CREATE_CGROUP_FD },
			     "other"), 0);
	snprintf(path, sizeof(path), ROOT "/other");
	cg = open(path, O_RDONLY | O_DIRECTORY);
	ASSERT_GE(cg, 0);
	pid = clone3_into(cg, VEE_NS_DEFAULT);
	ASSERT_GE(pid, 0);
	if (pid == 0)
		_exit(raw_enter(fd, "ent") == -1 && errno == EPERM ? 0 : 1);
	EXPECT_EQ(reap(pid), 0);
	close(cg);

	ASSERT_EQ(raw_info(fd, "ent", &i), 0);
	EXPECT_EQ(i.state, VEE_STATE_CREATED);
	EXPECT_EQ(i.init_pid, 0);
	close(c.cgroup_fd);
	EXPECT_EQ(raw_destroy(fd, "ent", 0), 0);
	EXPECT_EQ(raw_destroy(fd, "other", 0), 0);
}

/*
 * The real path: clone3 into the cgroup with new namespaces, enter as pid
 * 1, become the init; a second task in host namespaces cannot join.
 */
TEST(enter_with_new_namespaces_makes_the_init)
{
	struct vee_create c = { .ns_flags = VEE_NS_DEFAULT };
	int fd = dev(), go[2];
	struct vee_info i;
	pid_t pid, other;
	char byte;

	c.flags = VEE_CREATE_CGROUP_FD;
	ASSERT_EQ(create_raw(fd, &c, "run"), 0);
	ASSERT_EQ(pipe(go), 0);
	pid = clone3_into(c.cgroup_fd, VEE_NS_DEFAULT);
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		if (getpid() != 1 || raw_enter(fd, "run"))
			_exit(1);
		close(go[1]);
		/* Entering again is allowed and changes nothing. */
		if (raw_enter(fd, "run"))
			_exit(2);
		(void)!read(go[0], &byte, 1);	/* until the parent is done */
		_exit(0);
	}
	close(go[0]);
	/* Wait for the init to enter. */
	for (int n = 0; n < 500; n++) {
		ASSERT_EQ(raw_info(fd, "run", &i), 0);
		if (i.state == VEE_STATE_RUNNING)
			break;
		usleep(10000);
	}
	EXPECT_EQ(i.state, VEE_STATE_RUNNING);
	EXPECT_EQ(i.init_pid, pid);
	EXPECT_EQ(i.ns_flags, VEE_NS_DEFAULT);

	/* In the domain's cgroup but the host's namespaces: cannot join. */
	other = clone3_into(c.cgroup_fd, 0);
	ASSERT_GE(other, 0);
	if (other == 0)
		_exit(raw_enter(fd, "run") == -1 && errno == EPERM ? 0 : 1);
	EXPECT_EQ(reap(other), 0);

	/* Running: destroy without force is EBUSY, and nothing changes. */
	EXPECT_ERRNO(raw_destroy(fd, "run", 0), EBUSY);
	ASSERT_EQ(raw_info(fd, "run", &i), 0);
	EXPECT_EQ(i.state, VEE_STATE_RUNNING);

	close(go[1]);
	EXPECT_EQ(reap(pid), 0);
	/* The init is gone and so is every task: the domain is empty. */
	ASSERT_EQ(raw_info(fd, "run", &i), 0);
	EXPECT_EQ(i.state, VEE_STATE_EMPTY);
	EXPECT_ERRNO(raw_enter(fd, "run"), EPERM);	/* wrong cgroup, first */
	close(c.cgroup_fd);
	EXPECT_EQ(raw_destroy(fd, "run", 0), 0);
}

TEST(kill_and_force_destroy_end_the_tasks)
{
	struct vee_kill k = { .size = sizeof(k), .signal = SIGTERM };
	struct vee_create c = { .flags = VEE_CREATE_CGROUP_FD };
	int fd = dev();
	pid_t a, b;

	ASSERT_EQ(create_raw(fd, &c, "kl"), 0);
	a = clone3_into(c.cgroup_fd, 0);
	ASSERT_GE(a, 0);
	if (a == 0) {
		pause();
		_exit(0);
	}
	b = clone3_into(c.cgroup_fd, 0);
	ASSERT_GE(b, 0);
	if (b == 0) {
		signal(SIGTERM, SIG_IGN);
		pause();
		_exit(0);
	}
	usleep(100000);
	put_name(k.name, "kl");
	EXPECT_EQ(ioctl(fd, VEE_IOC_KILL, &k), 0);
	EXPECT_EQ(reap(a), 128 + SIGTERM);
	/* b ignores SIGTERM; bad signals are refused. */
	k.signal = 0;
	EXPECT_ERRNO(ioctl(fd, VEE_IOC_KILL, &k), EINVAL);
	k.signal = 65;
	EXPECT_ERRNO(ioctl(fd, VEE_IOC_KILL, &k), EINVAL);
	EXPECT_ERRNO(raw_destroy(fd, "kl", 0), EBUSY);
	EXPECT_EQ(raw_destroy(fd, "kl", VEE_DESTROY_FORCE), 0);
	EXPECT_EQ(reap(b), 128 + SIGKILL);
	EXPECT_TRUE(!cg_exists("kl"));
	close(c.cgroup_fd);
}

TEST(freeze_and_thaw_wait_for_the_cgroup)
{
	struct vee_freeze f = { .size = sizeof(f) };
	struct vee_create c = { .flags = VEE_CREATE_CGROUP_FD };
	int fd = dev();
	pid_t a;

	ASSERT_EQ(create_raw(fd, &c, "fz"), 0);
	a = clone3_into(c.cgroup_fd, 0);
	ASSERT_GE(a, 0);
	if (a == 0)
		for (;;)
			;
	put_name(f.name, "fz");
	EXPECT_EQ(ioctl(fd, VEE_IOC_FREEZE, &f), 0);
	EXPECT_TRUE(strstr(cg_read("fz", "cgroup.events"), "") != NULL);
	EXPECT_STREQ(cg_read("fz", "cgroup.freeze"), "1");
	EXPECT_EQ(ioctl(fd, VEE_IOC_THAW, &f), 0);
	EXPECT_STREQ(cg_read("fz", "cgroup.freeze"), "0");
	f.flags = 1;
	EXPECT_ERRNO(ioctl(fd, VEE_IOC_FREEZE, &f), EINVAL);
	EXPECT_EQ(raw_destroy(fd, "fz", VEE_DESTROY_FORCE), 0);
	EXPECT_EQ(reap(a), 128 + SIGKILL);
	close(c.cgroup_fd);
}

/* A task inside any domain may not manage domains, even as root. */
TEST(tasks_inside_a_domain_cannot_manage_domains)
{
	struct vee_create c = { .flags = VEE_CREATE_CGROUP_FD };
	int fd = dev();
	pid_t pid;

	ASSERT_EQ(create_raw(fd, &c, "in"), 0);
	pid = clone3_into(c.cgroup_fd, 0);
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		struct vee_create c2 = {};
		struct vee_version v = { .size = sizeof(v) };
		int fd2 = open(VEE_DEV_PATH, O_RDWR);

		if (fd2 < 0 || create_raw(fd2, &c2, "in2") != -1 ||
		    errno != EPERM || raw_destroy(fd, "in", VEE_DESTROY_FORCE) != -1 ||
		    errno != EPERM || ioctl(fd, VEE_IOC_VERSION, &v) != -1)
			_exit(1);
		_exit(0);
	}
	EXPECT_EQ(reap(pid), 0);
	EXPECT_TRUE(!cg_exists("in2"));
	EXPECT_EQ(raw_destroy(fd, "in", 0), 0);
	close(c.cgroup_fd);
}

TEST(open_cgroup_gives_a_directory_fd)
{
	struct vee_open_cgroup o = { .size = sizeof(o) };
	struct vee_info i;
	struct stat st;
	int fd = dev();

	ASSERT_EQ(create_raw(fd, &(struct vee_create){}, "oc"), 0);
	put_name(o.name, "oc");
	ASSERT_EQ(ioctl(fd, VEE_IOC_OPEN_CGROUP, &o), 0);
	ASSERT_EQ(fstat(o.fd, &st), 0);
	ASSERT_EQ(raw_info(fd, "oc", &i), 0);
	EXPECT_EQ(st.st_ino, i.cgroup_id);
	close(o.fd);
	put_name(o.name, "nope");
	EXPECT_ERRNO(ioctl(fd, VEE_IOC_OPEN_CGROUP, &o), ENOENT);
	EXPECT_EQ(raw_destroy(fd, "oc", 0), 0);
}

/* A directory left under the subtree by someone else is not taken over. */
TEST(foreign_directory_blocks_the_name)
{
	int fd = dev();

	ASSERT_EQ(mkdir(ROOT "/squat", 0755), 0);
	EXPECT_EQ(create_raw(fd, &(struct vee_create){}, "squat"), -1);
	EXPECT_EQ(errno, EEXIST);
	EXPECT_EQ(raw_info(fd, "squat", &(struct vee_info){}), -1);
	EXPECT_EQ(rmdir(ROOT "/squat"), 0);
	EXPECT_EQ(create_raw(fd, &(struct vee_create){}, "squat"), 0);
	EXPECT_EQ(raw_destroy(fd, "squat", 0), 0);
}

/* The domain made a cgroup of its own inside: destroy removes it too. */
TEST(destroy_removes_nested_cgroups)
{
	int fd = dev();

	ASSERT_EQ(create_raw(fd, &(struct vee_create){}, "nest"), 0);
	ASSERT_EQ(mkdir(ROOT "/nest/a", 0755), 0);
	ASSERT_EQ(mkdir(ROOT "/nest/a/b", 0755), 0);
	ASSERT_EQ(mkdir(ROOT "/nest/c", 0755), 0);
	EXPECT_EQ(raw_destroy(fd, "nest", 0), 0);
	EXPECT_TRUE(!cg_exists("nest"));
}

int main(int argc, char **argv)
{
	return test_main(argc, argv);
}
