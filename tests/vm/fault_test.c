// SPDX-License-Identifier: GPL-2.0
/*
 * Faults: a domain whose tasks all die (OOM), whose cgroup is removed or
 * changed behind vee's back, whose tasks are moved out by host root, or
 * whose controller goes away; and out-of-memory at every allocation of a
 * create (failslab, where the kernel has it).  vee must report a sane
 * state, destroy must still work, and nothing may be left half-made.
 */
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include "harness.h"
#include "guest.h"
#include "lib/nl.h"

#define FAILSLAB "/sys/kernel/debug/failslab"

static int dev(void)
{
	int fd = vee_ctl_open();

	if (fd < 0)
		TEST_FAIL_(1, "open %s: %s", VEE_DEV_PATH, strerror(-fd));
	return fd;
}

static int put(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	int ok = fd >= 0 && write(fd, s, strlen(s)) == (ssize_t)strlen(s);

	if (fd >= 0)
		close(fd);
	return ok ? 0 : -1;
}

static void wait_state(int fd, uint32_t id, uint32_t want)
{
	struct vee_info i;

	for (int n = 0; n < 500; n++) {
		ASSERT_EQ(vee_ctl_info(fd, id, NULL, &i), 0);
		if (i.state == want)
			return;
		usleep(10000);
	}
	TEST_FAIL_(1, "domain %u stays in state %u, not %u", id, i.state, want);
}

static void stats(uint32_t id, struct vee_nl_domain *d)
{
	struct vee_nl nl;

	ASSERT_EQ(vee_nl_open(&nl), 0);
	ASSERT_EQ(vee_nl_get(&nl, VEE_CMD_GET_STATS, id, NULL, d), 0);
	vee_nl_close(&nl);
}

TEST(every_task_oom_killed)
{
	struct vee_limits lim = {
		.mask = VEE_LIMIT_MEMORY_MAX | VEE_LIMIT_SWAP_MAX,
		.memory_max = 32 << 20,
	};
	int fd = dev(), cg;
	struct vee_nl_domain d;
	uint32_t id, bad;
	pid_t pid;

	ASSERT_EQ(vee_ctl_create(fd, "f-oom", VEE_NS_DEFAULT, VEE_ACCT_OOM,
				 &lim, &cg, &id, &bad), 0);
	pid = clone3_into(cg, VEE_NS_DEFAULT);
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		char *p;

		vee_ctl_enter(fd, id, NULL);
		if (fork() == 0)	/* a second task, killed as well */
			pause();
		p = malloc(256 << 20);
		for (size_t off = 0; p && off < (256 << 20); off += 4096)
			p[off] = 1;
		_exit(0);
	}
	EXPECT_EQ(reap(pid), 128 + SIGKILL);
	wait_state(fd, id, VEE_STATE_EMPTY);
	stats(id, &d);
	EXPECT_EQ(d.state, VEE_STATE_EMPTY);
	EXPECT_EQ(d.init_pid, 0);
	EXPECT_GE(d.cnt[VEE_CNT_OOM_KILLS], 1);
	close(cg);
	EXPECT_EQ(vee_ctl_destroy(fd, id, NULL, 0), 0);
}

TEST(cgroup_removed_behind_vees_back)
{
	int fd = dev();
	struct vee_nl_domain d;
	struct vee_info i;
	uint32_t id, bad;

	ASSERT_EQ(vee_ctl_create(fd, "f-gone", 0, 0, NULL, NULL, &id, &bad), 0);
	ASSERT_EQ(rmdir(CG_ROOT "/f-gone"), 0);
	/* Still listed and described; its usage is simply absent. */
	ASSERT_EQ(vee_ctl_info(fd, id, NULL, &i), 0);
	EXPECT_EQ(i.state, VEE_STATE_CREATED);
	stats(id, &d);
	EXPECT_EQ(d.use_present, 0);
	EXPECT_EQ(vee_ctl_destroy(fd, id, NULL, 0), 0);
	EXPECT_EQ(vee_ctl_info(fd, id, NULL, &i), -ENOENT);
	/* The name is free again. */
	ASSERT_EQ(vee_ctl_create(fd, "f-gone", 0, 0, NULL, NULL, &id, &bad), 0);
	EXPECT_EQ(vee_ctl_destroy(fd, id, NULL, 0), 0);
	EXPECT_EQ(cg_dirs(), 0);
}

TEST(limit_written_behind_vees_back_is_reported)
{
	struct vee_limits lim = { .mask = VEE_LIMIT_MEMORY_MAX,
				  .memory_max = 64 << 20 };
	int fd = dev();
	struct vee_nl_domain d;
	uint32_t id, bad;

	ASSERT_EQ(vee_ctl_create(fd, "f-edit", 0, 0, &lim, NULL, &id, &bad), 0);
	ASSERT_EQ(put(CG_ROOT "/f-edit/memory.max", "100663296"), 0);
	/* Stats read the cgroup's files: they show what is in force. */
	stats(id, &d);
	EXPECT_EQ(d.lim[VEE_LIM_MEMORY_MAX], 96 << 20);
	EXPECT_EQ(vee_ctl_destroy(fd, id, NULL, 0), 0);
}

TEST(tasks_moved_out_by_host_root)
{
	int fd = dev(), cg, go[2];
	uint32_t id, bad;
	char pid_s[16];
	pid_t pid;

	ASSERT_EQ(vee_ctl_create(fd, "f-moved", 0, 0, NULL, &cg, &id, &bad), 0);
	ASSERT_EQ(pipe(go), 0);
	pid = clone3_into(cg, 0);
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		char byte;

		close(go[1]);
		vee_ctl_enter(fd, id, NULL);
		(void)!read(go[0], &byte, 1);
		_exit(0);
	}
	close(go[0]);
	wait_state(fd, id, VEE_STATE_RUNNING);
	snprintf(pid_s, sizeof(pid_s), "%d", pid);
	ASSERT_EQ(put("/sys/fs/cgroup/cgroup.procs", pid_s), 0);
	/* Its last task left: the domain is empty, and destroy needs no force. */
	wait_state(fd, id, VEE_STATE_EMPTY);
	EXPECT_EQ(vee_ctl_destroy(fd, id, NULL, 0), 0);
	/* The task itself is the host's now and lives on. */
	EXPECT_EQ(kill(pid, 0), 0);
	close(go[1]);
	EXPECT_EQ(reap(pid), 0);
	close(cg);
}

TEST(controller_taken_away)
{
	struct vee_limits lim = { .mask = VEE_LIMIT_PIDS_MAX, .pids_max = 10 };
	int fd = dev();
	uint32_t id, bad = 0;

	ASSERT_EQ(vee_ctl_create(fd, "f-ctrl", 0, 0, NULL, NULL, &id, &bad), 0);
	if (put(CG_ROOT "/cgroup.subtree_control", "-pids"))
		SKIP("cannot disable pids under " CG_ROOT ": %s", strerror(errno));
	/* Refused, clearly, and naming the limit; the domain stays usable. */
	EXPECT_EQ(vee_ctl_set_limits(fd, id, NULL, &lim, &bad), -EOPNOTSUPP);
	EXPECT_EQ(bad, VEE_LIMIT_PIDS_MAX);
	ASSERT_EQ(put(CG_ROOT "/cgroup.subtree_control", "+pids"), 0);
	EXPECT_EQ(vee_ctl_set_limits(fd, id, NULL, &lim, &bad), 0);
	EXPECT_EQ(vee_ctl_destroy(fd, id, NULL, 0), 0);
}

/* Sets one failslab attribute. */
static void fs_set(const char *attr, const char *val)
{
	char path[128];

	snprintf(path, sizeof(path), FAILSLAB "/%s", attr);
	if (put(path, val))
		TEST_FAIL_(1, "%s: %s", path, strerror(errno));
}

/* The task's fail-nth countdown: 0 once the fault it armed was injected. */
static long fail_nth_left(void)
{
	char buf[32] = "";
	int fd = open("/proc/thread-self/fail-nth", O_RDONLY);

	if (fd < 0 || read(fd, buf, sizeof(buf) - 1) < 0)
		return -1;
	close(fd);
	return strtol(buf, NULL, 10);
}

#define CREATE_SETUP_FAILED	255
#define CREATE_NOT_CONSUMED	128	/* or'ed with the errno */

/*
 * Fails the Nth slab allocation of a create, for N = 1, 2, ... until a
 * create no longer meets a failure: each failed create must leave no
 * domain and no directory.  /proc/thread-self/fail-nth counts this task's
 * fault sites only and starts afresh each time (failslab's own interval
 * counter would carry over from one create to the next); page allocations
 * are kept out of it (min-order) so that only slab allocations fail, and
 * none of them warns.
 */
TEST(out_of_memory_at_every_step_of_create)
{
	int fd = dev(), n, st, err, failed = 0;
	struct vee_version v;
	char num[16];
	pid_t pid;

	mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL);
	if (access(FAILSLAB, F_OK) || access("/proc/thread-self/fail-nth", F_OK))
		SKIP("no %s or fail-nth: the kernel lacks CONFIG_FAILSLAB",
		     FAILSLAB);
	fs_set("ignore-gfp-wait", "N");
	if (put("/sys/kernel/debug/fail_page_alloc/min-order", "11") &&
	    errno != ENOENT)
		TEST_FAIL_(1, "fail_page_alloc/min-order: %s", strerror(errno));
	for (n = 1; n < 2000; n++) {
		snprintf(num, sizeof(num), "%d", n);
		pid = fork();
		ASSERT_GE(pid, 0);
		if (pid == 0) {
			uint32_t bad;
			long left;

			if (put("/proc/thread-self/fail-nth", num))
				_exit(CREATE_SETUP_FAILED);
			err = vee_ctl_create(fd, "f-oom-create", VEE_NS_DEFAULT,
					     VEE_ACCT_DEFAULT, NULL, NULL, NULL,
					     &bad);
			left = fail_nth_left();
			put("/proc/thread-self/fail-nth", "0");
			_exit((-err & 0x7f) | (left ? CREATE_NOT_CONSUMED : 0));
		}
		st = reap(pid);
		ASSERT_NE(st, CREATE_SETUP_FAILED);
		err = st & 0x7f;
		if (st & CREATE_NOT_CONSUMED) {	/* create made < n allocations */
			ASSERT_EQ(err, 0);
			break;
		}
		if (err == 0) {		/* the failure was absorbed */
			ASSERT_EQ(vee_ctl_destroy(fd, VEE_ID_NONE, "f-oom-create",
						  0), 0);
			continue;
		}
		failed++;
		EXPECT_EQ(err, ENOMEM);
		ASSERT_EQ(vee_ctl_version(fd, &v), 0);
		ASSERT_EQ(v.nr_domains, 0);
		ASSERT_EQ(cg_dirs(), 0);
	}
	ASSERT_EQ(vee_ctl_destroy(fd, VEE_ID_NONE, "f-oom-create", 0), 0);
	printf("#   %d creates failed, one at each of their first %d slab allocations\n",
	       failed, n - 1);
	EXPECT_GT(failed, 0);
	EXPECT_LE(n, 1999);
}

int main(int argc, char **argv)
{
	return test_main(argc, argv);
}
