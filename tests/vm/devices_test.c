// SPDX-License-Identifier: GPL-2.0
/*
 * The device allow-list (userspace/confine/devices.c) on a real domain's
 * cgroup, asked by real opens and mknods from a task cloned into it; and
 * the minimal /dev (userspace/confine/devfs.c) built in a private mount
 * namespace, as root and in a user namespace.  Run as root in the VM.
 */
#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <linux/bpf.h>
#include <linux/magic.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>

#include "harness.h"
#include "guest.h"
#include "lib/ctl.h"
#include "confine/devices.h"
#include "confine/devfs.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define ALLOW(t, maj, min, acc)	{ (t), (maj), (min), (acc), true }
#define DENY(t, maj, min, acc)	{ (t), (maj), (min), (acc), false }
#define ANY			VEE_DEV_ANY
#define R			VEE_DEV_READ
#define W			VEE_DEV_WRITE
#define M			VEE_DEV_MKNOD
/* ipc/mqueue.c's, not in linux/magic.h */
#define MQUEUE_MAGIC		0x19800202

/* Where the tests make their own nodes (the guest's /tmp allows devices). */
static char node_dir[64];

/*
 * Skips the test when the kernel cannot run cgroup device programs: bpf()
 * missing (ENOSYS) or no such program type (EINVAL, no CONFIG_CGROUP_BPF).
 * Asked with the smallest program, not ours, so that a bug of ours that
 * makes the kernel say EINVAL fails rather than skips.
 */
static void need_cgroup_bpf(void)
{
	struct bpf_insn ret1[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 1 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	union bpf_attr a = {
		.prog_type = BPF_PROG_TYPE_CGROUP_DEVICE,
		.insns = (uintptr_t)ret1,
		.insn_cnt = 2,
		.license = (uintptr_t)"GPL",
	};
	int fd = (int)syscall(SYS_bpf, BPF_PROG_LOAD, &a, sizeof(a));

	if (fd < 0 && (errno == ENOSYS || errno == EINVAL))
		SKIP("no cgroup device programs: BPF_PROG_LOAD: %s",
		     strerror(errno));
	if (fd < 0)
		TEST_FAIL_(1, "BPF_PROG_LOAD: %s", strerror(errno));
	close(fd);
}

/* 0 when @path opens with @flags, else its errno. */
static int open_err(const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC | O_NOCTTY);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

/* 0 when the node @name (in node_dir) is made, else its errno. */
static int mknod_err(const char *name, mode_t type, unsigned int maj,
		     unsigned int min)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/%s", node_dir, name);
	unlink(path);
	return mknod(path, type | 0600, makedev(maj, min)) ? errno : 0;
}

static const char *node(const char *name)
{
	static char path[128];

	snprintf(path, sizeof(path), "%s/%s", node_dir, name);
	return path;
}

static void node_dir_make(void)
{
	snprintf(node_dir, sizeof(node_dir), "/tmp/devices_test.XXXXXX");
	if (!mkdtemp(node_dir))
		TEST_FAIL_(1, "mkdtemp: %s", strerror(errno));
}

static void node_dir_remove(void)
{
	struct dirent *e;
	DIR *d = opendir(node_dir);

	while (d && (e = readdir(d)))
		if (e->d_name[0] != '.')
			unlinkat(dirfd(d), e->d_name, 0);
	if (d)
		closedir(d);
	EXPECT_EQ(rmdir(node_dir), 0);
}

/* Runs @fn in a task cloned into the cgroup @cg; returns its status. */
static int run_in(int cg, void (*fn)(void))
{
	pid_t pid;

	fflush(stdout);
	pid = clone3_into(cg, 0);
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		fn();
		fflush(stdout);
		_exit(test_failed_here ? 1 : 0);
	}
	return reap(pid);
}

struct domain {
	int dev, cg;
	uint32_t id;
};

static void domain_new(struct domain *d)
{
	char name[32];
	int err;

	d->dev = vee_ctl_open();
	ASSERT_GE(d->dev, 0);
	snprintf(name, sizeof(name), "devices-%d", (int)getpid());
	err = vee_ctl_create(d->dev, name, 0, 0, NULL, &d->cg, &d->id, NULL);
	if (err)
		TEST_FAIL_(1, "create %s: %s", name, strerror(-err));
}

static void domain_end(struct domain *d)
{
	close(d->cg);
	EXPECT_EQ(vee_ctl_destroy(d->dev, d->id, NULL, VEE_DESTROY_FORCE), 0);
	close(d->dev);
}

/*
 * In a fresh domain whose cgroup has @rules attached: runs @fn in a task
 * of that cgroup, then destroys the domain and the nodes it made.
 */
static void with_rules(const struct vee_dev_rule *rules, size_t n,
		       void (*fn)(void))
{
	struct domain d;
	char why[256] = "";
	int err;

	need_cgroup_bpf();
	node_dir_make();
	domain_new(&d);
	err = vee_dev_filter_attach(d.cg, rules, n, why, sizeof(why));
	if (err)
		TEST_FAIL_(0, "attach: %s (%s)", strerror(-err), why);
	else
		EXPECT_EQ(run_in(d.cg, fn), 0);
	domain_end(&d);
	node_dir_remove();
}

/* What every default-rule domain may do and may not. */
static void default_rules_checks(void)
{
	char pts[64];
	int ptmx;

	EXPECT_EQ(open_err("/dev/null", O_RDWR), 0);
	EXPECT_EQ(open_err("/dev/zero", O_RDONLY), 0);
	EXPECT_EQ(open_err("/dev/full", O_WRONLY), 0);
	EXPECT_EQ(open_err("/dev/urandom", O_RDONLY), 0);
	EXPECT_EQ(open_err("/dev/random", O_RDONLY), 0);
	/* ptmx 5:2, and the pty it makes: 136:* */
	ptmx = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
	EXPECT_GE(ptmx, 0);
	if (ptmx >= 0) {
		EXPECT_EQ(unlockpt(ptmx), 0);
		EXPECT_EQ(ptsname_r(ptmx, pts, sizeof(pts)), 0);
		EXPECT_EQ(open_err(pts, O_RDWR), 0);
		close(ptmx);
	}

	/* mknod of anything is allowed, its open is not. */
	EXPECT_EQ(mknod_err("kmsg", S_IFCHR, 1, 11), 0);
	EXPECT_EQ(open_err(node("kmsg"), O_RDONLY), EPERM);
	EXPECT_EQ(mknod_err("loop0", S_IFBLK, 7, 0), 0);
	EXPECT_EQ(open_err(node("loop0"), O_RDONLY), EPERM);
	/* The host's node too; and mem (a kernel may lack its /dev/mem). */
	EXPECT_EQ(open_err("/dev/kmsg", O_RDONLY), EPERM);
	EXPECT_EQ(mknod_err("mem", S_IFCHR, 1, 1), 0);
	EXPECT_EQ(open_err(node("mem"), O_RDONLY), EPERM);
	/* A node made for an allowed device works. */
	EXPECT_EQ(mknod_err("null", S_IFCHR, 1, 3), 0);
	EXPECT_EQ(open_err(node("null"), O_WRONLY), 0);
	/* The same number as a block device is another device. */
	EXPECT_EQ(mknod_err("bnull", S_IFBLK, 1, 3), 0);
	EXPECT_EQ(open_err(node("bnull"), O_RDONLY), EPERM);
}

TEST(default_rules_allow_the_basics_and_only_them)
{
	with_rules(vee_dev_default_rules, vee_dev_default_nr,
		   default_rules_checks);
}

/* The control: without the program the same opens get past the cgroup. */
static void no_rules_checks(void)
{
	EXPECT_EQ(mknod_err("kmsg", S_IFCHR, 1, 11), 0);
	EXPECT_EQ(open_err(node("kmsg"), O_RDONLY), 0);
	EXPECT_EQ(open_err("/dev/kmsg", O_RDONLY), 0);
	EXPECT_EQ(mknod_err("loop0", S_IFBLK, 7, 0), 0);
	/* ENXIO without the loop module, 0 with it: not EPERM. */
	EXPECT_NE(open_err(node("loop0"), O_RDONLY), EPERM);
}

TEST(without_the_filter_the_same_opens_work)
{
	struct domain d;

	need_cgroup_bpf();
	node_dir_make();
	domain_new(&d);
	EXPECT_EQ(run_in(d.cg, no_rules_checks), 0);
	domain_end(&d);
	node_dir_remove();
}

static void deny_write_checks(void)
{
	EXPECT_EQ(open_err("/dev/null", O_RDONLY), 0);
	EXPECT_EQ(open_err("/dev/null", O_WRONLY), EPERM);
	/* One denied bit of two denies the open. */
	EXPECT_EQ(open_err("/dev/null", O_RDWR), EPERM);
	EXPECT_EQ(open_err("/dev/zero", O_RDONLY), EPERM);
}

TEST(a_deny_after_an_allow_wins)
{
	static const struct vee_dev_rule rules[] = {
		ALLOW('c', 1, 3, R | W | M),
		DENY('c', 1, 3, W),
	};

	with_rules(rules, ARRAY_SIZE(rules), deny_write_checks);
}

static void rw_null_checks(void)
{
	EXPECT_EQ(open_err("/dev/null", O_RDWR), 0);
	EXPECT_EQ(mknod_err("null", S_IFCHR, 1, 3), EPERM);
}

TEST(an_allow_after_a_deny_wins)
{
	static const struct vee_dev_rule rules[] = {
		DENY('a', ANY, ANY, R | W | M),
		ALLOW('c', 1, 3, R | W),
	};

	with_rules(rules, ARRAY_SIZE(rules), rw_null_checks);
}

TEST(access_bits_add_up_across_rules)
{
	static const struct vee_dev_rule rules[] = {
		ALLOW('c', 1, 3, R),
		ALLOW('c', 1, 3, W),
	};

	with_rules(rules, ARRAY_SIZE(rules), rw_null_checks);
}

static void minor_5_checks(void)
{
	EXPECT_EQ(open_err("/dev/zero", O_RDWR), 0);		/* 1:5 */
	EXPECT_EQ(open_err("/dev/null", O_RDONLY), EPERM);	/* 1:3 */
	EXPECT_EQ(open_err("/dev/ptmx", O_RDWR), EPERM);	/* 5:2 */
	EXPECT_EQ(mknod_err("x", S_IFCHR, 4095, 5), 0);
	EXPECT_EQ(mknod_err("y", S_IFCHR, 4095, 6), EPERM);
	EXPECT_EQ(mknod_err("z", S_IFBLK, 4095, 5), EPERM);
}

TEST(a_wildcard_major_matches_every_major)
{
	static const struct vee_dev_rule rules[] = {
		ALLOW('c', ANY, 5, R | W | M),
	};

	with_rules(rules, ARRAY_SIZE(rules), minor_5_checks);
}

static void all_but_kmsg_checks(void)
{
	EXPECT_EQ(open_err("/dev/null", O_RDWR), 0);
	EXPECT_EQ(open_err("/dev/ptmx", O_RDWR), 0);
	EXPECT_EQ(open_err("/dev/kmsg", O_RDONLY), EPERM);
	EXPECT_EQ(mknod_err("loop0", S_IFBLK, 7, 0), 0);
	EXPECT_NE(open_err(node("loop0"), O_RDONLY), EPERM);
}

TEST(type_a_matches_char_and_block)
{
	static const struct vee_dev_rule rules[] = {
		ALLOW('a', ANY, ANY, R | W | M),
		DENY('c', 1, 11, R | W | M),
	};

	with_rules(rules, ARRAY_SIZE(rules), all_but_kmsg_checks);
}

static void nothing_checks(void)
{
	EXPECT_EQ(open_err("/dev/null", O_RDONLY), EPERM);
	EXPECT_EQ(mknod_err("null", S_IFCHR, 1, 3), EPERM);
	/* Not a device: not the program's business. */
	EXPECT_EQ(open_err("/proc/self/status", O_RDONLY), 0);
}

TEST(an_empty_list_denies_every_device)
{
	with_rules(NULL, 0, nothing_checks);
}

/* Many rules still load: the verifier walks one straight path. */
TEST(a_thousand_rules_load)
{
	struct vee_dev_rule rules[VEE_DEV_RULES_MAX];
	char why[256] = "";
	size_t i;
	int fd;

	need_cgroup_bpf();
	for (i = 0; i < ARRAY_SIZE(rules); i++)
		rules[i] = (struct vee_dev_rule){
			"acb"[i % 3], i % 7 ? (int64_t)i : ANY,
			i % 5 ? (int64_t)i * 1000 : ANY,
			(unsigned int)(i % 7 + 1), i % 2 == 0,
		};
	fd = vee_dev_filter_load(rules, ARRAY_SIZE(rules), why, sizeof(why));
	if (fd < 0)
		TH_LOG("%s", why);
	EXPECT_GE(fd, 0);
	if (fd >= 0)
		close(fd);
}

TEST(bad_rules_are_refused_and_named)
{
	static const struct {
		struct vee_dev_rule rule;
		int err;
	} bad[] = {
		{ ALLOW('x', 1, 3, R), -EINVAL },
		{ ALLOW('c', 1, 3, 0), -EINVAL },
		{ ALLOW('c', 1, 3, 8), -EINVAL },
		{ ALLOW('c', -2, 3, R), -EINVAL },
		{ ALLOW('c', 1, 1LL << 32, R), -EINVAL },
	};
	struct vee_dev_rule two[2] = { ALLOW('c', 1, 3, R) };
	char why[256];
	size_t i;
	int fd;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		why[0] = 0;
		two[1] = bad[i].rule;
		EXPECT_EQ(vee_dev_filter_load(two, 2, why, sizeof(why)),
			  bad[i].err);
		if (!strstr(why, "device rule 1"))
			TEST_FAIL_(0, "case %zu: why is \"%s\"", i, why);
	}
	EXPECT_EQ(vee_dev_filter_load(two, VEE_DEV_RULES_MAX + 1, why,
				      sizeof(why)), -E2BIG);
	/* The largest numbers are numbers, not wildcards. */
	need_cgroup_bpf();
	two[1] = (struct vee_dev_rule)ALLOW('b', UINT32_MAX, UINT32_MAX, R);
	fd = vee_dev_filter_load(two, 2, why, sizeof(why));
	EXPECT_GE(fd, 0);
	close(fd);
}

static int bpf_attach(int cg, int prog, unsigned int flags)
{
	union bpf_attr a = {
		.target_fd = (__u32)cg,
		.attach_bpf_fd = (__u32)prog,
		.attach_type = BPF_CGROUP_DEVICE,
		.attach_flags = flags,
	};

	return (int)syscall(SYS_bpf, BPF_PROG_ATTACH, &a, sizeof(a));
}

static void kmsg_denied_checks(void)
{
	EXPECT_EQ(open_err("/dev/kmsg", O_RDONLY), EPERM);
	EXPECT_EQ(open_err("/dev/null", O_RDWR), 0);
}

/*
 * Why BPF_F_ALLOW_MULTI: whoever attaches after us, to the same cgroup or
 * to one below, with or without the flag, cannot undo our program.
 */
TEST(a_later_program_cannot_lift_the_filter)
{
	static const struct vee_dev_rule all[] = {
		ALLOW('a', ANY, ANY, R | W | M),
	};
	struct domain d;
	char why[256] = "";
	int prog, inner;

	need_cgroup_bpf();
	domain_new(&d);
	EXPECT_EQ(vee_dev_filter_attach(d.cg, vee_dev_default_rules,
					vee_dev_default_nr, why, sizeof(why)), 0);
	prog = vee_dev_filter_load(all, 1, why, sizeof(why));
	EXPECT_GE(prog, 0);

	/* Same cgroup: no replacing (flags 0), only adding (MULTI). */
	EXPECT_ERRNO(bpf_attach(d.cg, prog, 0), EPERM);
	EXPECT_EQ(bpf_attach(d.cg, prog, BPF_F_ALLOW_MULTI), 0);
	EXPECT_EQ(run_in(d.cg, kmsg_denied_checks), 0);

	/* A cgroup below, with a program that allows all: still denied. */
	EXPECT_EQ(mkdirat(d.cg, "inner", 0755), 0);
	inner = openat(d.cg, "inner", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	EXPECT_GE(inner, 0);
	if (inner >= 0) {
		EXPECT_EQ(bpf_attach(inner, prog, 0), 0);
		EXPECT_EQ(run_in(inner, kmsg_denied_checks), 0);
		close(inner);
	}
	EXPECT_EQ(unlinkat(d.cg, "inner", AT_REMOVEDIR), 0);
	close(prog);
	domain_end(&d);
}

/*
 * devfs: each test builds /dev in a scratch root, from a child in its own
 * mount namespace: the namespace, and every mount in it, goes with the
 * child; the parent then removes the plain directories left.
 */
static char root_dir[64];
static char pty_name[64];

static int rm_entry(const char *path, const struct stat *st, int flag,
		    struct FTW *ftw)
{
	return remove(path);
}

static int put_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC), err = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		err = -errno;
	close(fd);
	return err;
}

/*
 * Runs @fn in a child that unshared a mount namespace (and @more) and
 * sits in a new empty directory; with CLONE_NEWUSER only uid and gid 0
 * are mapped (to root), as for a domain that maps a single id.
 */
static int in_scratch_root(int more, void (*fn)(void))
{
	pid_t pid;
	int st;

	snprintf(root_dir, sizeof(root_dir), "/tmp/devfs_test.XXXXXX");
	if (!mkdtemp(root_dir))
		TEST_FAIL_(1, "mkdtemp: %s", strerror(errno));
	fflush(stdout);
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY);

		/* No terminal on stdin unless the test gives one. */
		dup2(null, STDIN_FILENO);
		close(null);
		ASSERT_EQ(unshare(CLONE_NEWNS | more), 0);
		if (more & CLONE_NEWUSER) {
			ASSERT_EQ(put_file("/proc/self/setgroups", "deny"), 0);
			ASSERT_EQ(put_file("/proc/self/uid_map", "0 0 1"), 0);
			ASSERT_EQ(put_file("/proc/self/gid_map", "0 0 1"), 0);
		}
		ASSERT_EQ(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL), 0);
		ASSERT_EQ(chdir(root_dir), 0);
		fn();
		fflush(stdout);
		_exit(test_failed_here ? 1 : 0);
	}
	st = reap(pid);
	EXPECT_EQ(nftw(root_dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS), 0);
	return st;
}

static void setup_ok(unsigned int flags)
{
	const char *where = "?";
	int err = vee_devfs_setup("dev", flags, &where);

	if (err)
		TEST_FAIL_(1, "vee_devfs_setup: %s: %s", where, strerror(-err));
}

static void expect_chr(const char *path, unsigned int maj, unsigned int min)
{
	struct stat st;

	if (stat(path, &st)) {
		TEST_FAIL_(0, "stat %s: %s", path, strerror(errno));
		return;
	}
	if (!S_ISCHR(st.st_mode) || major(st.st_rdev) != maj ||
	    minor(st.st_rdev) != min)
		TEST_FAIL_(0, "%s: mode %o, %u:%u; want a char device %u:%u",
			   path, st.st_mode, major(st.st_rdev),
			   minor(st.st_rdev), maj, min);
}

static void expect_link(const char *path, const char *target)
{
	char buf[64];
	ssize_t n = readlink(path, buf, sizeof(buf) - 1);

	buf[n > 0 ? n : 0] = 0;
	EXPECT_STREQ(buf, target);
}

/* @path's filesystem is @magic, mounted with @set and without @clear. */
static void expect_mount(const char *path, long magic, unsigned long set,
			 unsigned long clear)
{
	struct statvfs sv;
	struct statfs sf;

	ASSERT_EQ(statfs(path, &sf), 0);
	ASSERT_EQ(statvfs(path, &sv), 0);
	if (sf.f_type != magic)
		TEST_FAIL_(0, "%s: filesystem %#lx, want %#lx", path,
			   (long)sf.f_type, magic);
	if ((sv.f_flag & set) != set || (sv.f_flag & clear))
		TEST_FAIL_(0, "%s: mount flags %#lx, want %#lx set and %#lx clear",
			   path, sv.f_flag, set, clear);
}

static void expect_mode(const char *path, mode_t mode)
{
	struct stat st;

	ASSERT_EQ(lstat(path, &st), 0);
	if (st.st_mode != mode)
		TEST_FAIL_(0, "%s: mode %o, want %o", path, st.st_mode, mode);
}

/* dev holds these entries and no others (no core, no disk). */
static void expect_entries(const char *const *want, size_t n)
{
	size_t i, found = 0;
	struct dirent *e;
	DIR *d;

	d = opendir("dev");
	ASSERT_TRUE(d != NULL);
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		for (i = 0; i < n && strcmp(e->d_name, want[i]); i++)
			;
		if (i == n)
			TEST_FAIL_(0, "dev/%s: not expected", e->d_name);
		else
			found++;
	}
	closedir(d);
	EXPECT_EQ(found, n);
}

/* What every /dev has, whoever made it; @tty_gid owns the new ptys. */
static void devfs_common_checks(gid_t tty_gid)
{
	struct statfs sf;
	struct stat st;
	int fd, n = -1;

	expect_mode("dev", S_IFDIR | 0755);
	expect_mount("dev", TMPFS_MAGIC, ST_NOSUID | ST_NOEXEC,
		     ST_NODEV | ST_RELATIME | ST_RDONLY);
	expect_chr("dev/null", 1, 3);
	expect_chr("dev/zero", 1, 5);
	expect_chr("dev/full", 1, 7);
	expect_chr("dev/random", 1, 8);
	expect_chr("dev/urandom", 1, 9);
	expect_chr("dev/tty", 5, 0);
	expect_link("dev/fd", "/proc/self/fd");
	expect_link("dev/stdin", "/proc/self/fd/0");
	expect_link("dev/stdout", "/proc/self/fd/1");
	expect_link("dev/stderr", "/proc/self/fd/2");
	expect_link("dev/ptmx", "pts/ptmx");

	/* The nodes work: they are the host's. */
	fd = open("dev/null", O_WRONLY | O_CLOEXEC);
	EXPECT_GE(fd, 0);
	EXPECT_EQ(write(fd, "abc", 3), 3);
	close(fd);

	/* A devpts of its own: its first pty is number 0. */
	expect_mount("dev/pts", DEVPTS_SUPER_MAGIC, ST_NOSUID | ST_NOEXEC, 0);
	expect_chr("dev/pts/ptmx", 5, 2);
	expect_mode("dev/pts/ptmx", S_IFCHR | 0666);
	fd = open("dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
	EXPECT_GE(fd, 0);
	EXPECT_EQ(ioctl(fd, TIOCGPTN, &n), 0);
	EXPECT_EQ(n, 0);
	if (!stat("dev/pts/0", &st)) {
		EXPECT_EQ(st.st_mode, S_IFCHR | 0620);
		EXPECT_EQ(st.st_gid, tty_gid);
	} else {
		TEST_FAIL_(0, "dev/pts/0: %s", strerror(errno));
	}
	close(fd);

	expect_mode("dev/shm", S_IFDIR | 01777);
	expect_mount("dev/shm", TMPFS_MAGIC, ST_NOSUID | ST_NODEV | ST_NOEXEC,
		     ST_RDONLY);
	/* 64 KiB, not half of memory. */
	ASSERT_EQ(statfs("dev", &sf), 0);
	EXPECT_EQ(sf.f_blocks * sf.f_bsize, 64 << 10);
}

static const char *const basic_entries[] = {
	"null", "zero", "full", "random", "urandom", "tty", "fd", "stdin",
	"stdout", "stderr", "ptmx", "pts", "shm",
};

static void devfs_root_checks(void)
{
	/* No terminal on stdin: no console, though asked for. */
	setup_ok(VEE_DEVFS_CONSOLE);
	devfs_common_checks(5);
	expect_entries(basic_entries, ARRAY_SIZE(basic_entries));
}

TEST(devfs_has_the_basic_nodes_and_nothing_else)
{
	EXPECT_EQ(in_scratch_root(0, devfs_root_checks), 0);
}

static void devfs_userns_checks(void)
{
	const char *want[ARRAY_SIZE(basic_entries) + 1];

	/* Why the nodes are bound: mknod is refused here. */
	EXPECT_ERRNO(mknod("x", S_IFCHR | 0600, makedev(1, 3)), EPERM);
	setup_ok(VEE_DEVFS_MQUEUE);
	/* gid 5 is not mapped: ptys get the opener's group. */
	devfs_common_checks(0);
	expect_mount("dev/mqueue", MQUEUE_MAGIC, ST_NOSUID | ST_NODEV |
		     ST_NOEXEC, 0);
	memcpy(want, basic_entries, sizeof(basic_entries));
	want[ARRAY_SIZE(basic_entries)] = "mqueue";
	expect_entries(want, ARRAY_SIZE(want));
}

TEST(devfs_works_in_a_user_namespace)
{
	EXPECT_EQ(in_scratch_root(CLONE_NEWUSER | CLONE_NEWIPC,
				  devfs_userns_checks), 0);
}

static void devfs_console_checks(void)
{
	const char *want[ARRAY_SIZE(basic_entries) + 1];
	struct stat pty, console;
	int fd = open(pty_name, O_RDWR | O_NOCTTY);

	ASSERT_GE(fd, 0);
	ASSERT_EQ(dup2(fd, STDIN_FILENO), STDIN_FILENO);
	close(fd);
	setup_ok(VEE_DEVFS_CONSOLE);
	ASSERT_EQ(fstat(STDIN_FILENO, &pty), 0);
	ASSERT_EQ(stat("dev/console", &console), 0);
	EXPECT_TRUE(S_ISCHR(console.st_mode));
	EXPECT_EQ(console.st_rdev, pty.st_rdev);
	memcpy(want, basic_entries, sizeof(basic_entries));
	want[ARRAY_SIZE(basic_entries)] = "console";
	expect_entries(want, ARRAY_SIZE(want));
}

TEST(devfs_console_is_the_terminal_on_stdin)
{
	int ptmx = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);

	ASSERT_GE(ptmx, 0);
	ASSERT_EQ(grantpt(ptmx), 0);
	ASSERT_EQ(unlockpt(ptmx), 0);
	ASSERT_EQ(ptsname_r(ptmx, pty_name, sizeof(pty_name)), 0);
	EXPECT_EQ(in_scratch_root(0, devfs_console_checks), 0);
	close(ptmx);
}

static void devfs_escape_checks(void)
{
	struct stat st, top;

	/* dev a symlink: refused, nothing mounted where it points. */
	ASSERT_EQ(mkdir("elsewhere", 0755), 0);
	ASSERT_EQ(symlink("elsewhere", "dev"), 0);
	EXPECT_EQ(vee_devfs_setup("dev", 0, NULL), -ELOOP);
	ASSERT_EQ(stat(".", &top), 0);
	ASSERT_EQ(stat("elsewhere", &st), 0);
	EXPECT_EQ(st.st_dev, top.st_dev);
	EXPECT_ERRNO(rmdir("elsewhere/null"), ENOENT);

	/* A symlink on the way. */
	ASSERT_EQ(mkdir("real", 0755), 0);
	ASSERT_EQ(symlink("real", "a"), 0);
	EXPECT_EQ(vee_devfs_setup("a/dev", 0, NULL), -ELOOP);
	EXPECT_ERRNO(rmdir("real/dev"), ENOENT);

	/* Out of the root. */
	EXPECT_EQ(vee_devfs_setup("../devfs_escape", 0, NULL), -EXDEV);
	EXPECT_ERRNO(rmdir("../devfs_escape"), ENOENT);
	EXPECT_EQ(vee_devfs_setup("dev", 0x80, NULL), -EINVAL);
}

TEST(devfs_refuses_a_dev_that_leads_elsewhere)
{
	EXPECT_EQ(in_scratch_root(0, devfs_escape_checks), 0);
}

static void devfs_fake_node_checks(void)
{
	const char *where = NULL;
	int fd;

	/* A regular file over /dev/full, in this mount namespace only. */
	fd = open("fake", O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	ASSERT_GE(fd, 0);
	close(fd);
	ASSERT_EQ(mount("fake", "/dev/full", NULL, MS_BIND, NULL), 0);
	EXPECT_EQ(vee_devfs_setup("dev", 0, &where), -ENODEV);
	EXPECT_STREQ(where, "/dev/full");
}

TEST(devfs_refuses_a_host_node_that_is_not_the_device)
{
	EXPECT_EQ(in_scratch_root(0, devfs_fake_node_checks), 0);
}

int main(int argc, char **argv)
{
	return test_main(argc, argv);
}
