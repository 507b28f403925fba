// SPDX-License-Identifier: GPL-2.0
/*
 * vee run: create a domain, start CMD as its init, wait for it, destroy
 * the domain.  The module cannot make namespaces (design.md, "Why
 * userspace creates the namespaces"), so this is where they are born:
 * clone3 with the domain's CLONE_NEW* flags straight into its cgroup, and
 * the child enters the domain before it does anything else.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "inside.h"
#include "lib/limits.h"
#include "spawn.h"

enum { OPT_NAME = 0x100, OPT_NS, OPT_ACCOUNT, OPT_HOSTNAME, OPT_ROOTFS,
       OPT_KEEP };

/* Generated names: run-PID, then run-PID-2 ... if a kept one is in the way. */
#define RUN_NAME_TRIES	100

struct run {
	char name[VEE_NAME_MAX];
	__u64 ns;
	__u64 account;		/* VEE_ACCT_* */
	const char *hostname;	/* NULL: the domain's name */
	const char *rootfs;
	bool keep;
	char **argv;		/* CMD [ARGS...] */
	int dev_fd;		/* /dev/vee, O_CLOEXEC */
	uint32_t id;
	int sync[2];		/* user ns: the parent's "maps are written" */
	struct vee_spawn sp;
};

/* The child: the domain's init-to-be.  Never returns. */
static void __attribute__((noreturn)) run_child(struct run *r)
{
	struct vee_spawn *sp = &r->sp;
	bool proc = (r->ns & VEE_NS_PID) && (r->ns & VEE_NS_MNT);
	char byte;
	int err;

	/*
	 * No uid is mapped in a new user namespace until the parent writes
	 * the maps; it needs this child alive (not failed) to do so.
	 */
	if (r->ns & VEE_NS_USER) {
		close(r->sync[1]);
		if (read(r->sync[0], &byte, 1) != 1)
			vee_child_fail(sp, VEE_STEP_SYNC, ECANCELED);
		close(r->sync[0]);
	}

	/* Before anything else: the domain counts and holds all its init does. */
	err = vee_ctl_enter(r->dev_fd, r->id, NULL);
	if (err)
		vee_child_fail(sp, VEE_STEP_ENTER, -err);

	if (r->ns & VEE_NS_MNT) {
		err = vee_mounts_private();
		if (err)
			vee_child_fail(sp, VEE_STEP_PRIVATE, -err);
	}
	if ((r->ns & VEE_NS_UTS) &&
	    sethostname(r->hostname, strlen(r->hostname)))
		vee_child_fail(sp, VEE_STEP_HOSTNAME, errno);

	if (r->rootfs) {
		err = vee_bind_self(r->rootfs);
		if (err)
			vee_child_fail(sp, VEE_STEP_BIND, -err);
		if (chdir(r->rootfs))
			vee_child_fail(sp, VEE_STEP_PIVOT, errno);
		/*
		 * /proc goes in before the old root goes away: in a user
		 * namespace, proc may only be mounted while a fully visible
		 * proc is already there.
		 */
		if (proc) {
			err = vee_mount_proc("proc");
			if (err)
				vee_child_fail(sp, VEE_STEP_PROC, -err);
		}
		err = vee_pivot_here();
		if (err)
			vee_child_fail(sp, VEE_STEP_PIVOT, -err);
	} else if (proc) {
		err = vee_mount_proc("/proc");
		if (err)
			vee_child_fail(sp, VEE_STEP_PROC, -err);
	}

	if (r->ns & VEE_NS_NET) {
		err = vee_loopback_up();
		if (err)
			vee_child_fail(sp, VEE_STEP_LOOPBACK, -err);
	}

	/* CMD must not hold /dev/vee: it is the host's control plane. */
	close(r->dev_fd);
	vee_child_exec(sp, r->argv);
}

static int write_proc(pid_t pid, const char *file, const char *text)
{
	char path[64];
	ssize_t n;
	int fd, err = 0;

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, file);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, text, strlen(text));
	if (n < 0)
		err = -errno;
	else if ((size_t)n != strlen(text))
		err = -EIO;
	close(fd);
	return err;
}

/*
 * Maps root inside the child's user namespace to the caller, so the
 * child is root there.  setgroups must be denied before gid_map is
 * written by anyone without CAP_SETGID over the parent namespace, and the
 * one-id map gives no other group to switch to anyway.
 */
static int run_map_ids(struct run *r)
{
	char map[48];
	int err;

	err = write_proc(r->sp.pid, "setgroups", "deny");
	if (err) {
		vee_fail("run", r->name, "cannot write /proc/%d/setgroups: %s",
			 (int)r->sp.pid, strerror(-err));
		return err;
	}
	snprintf(map, sizeof(map), "0 %u 1\n", (unsigned int)geteuid());
	err = write_proc(r->sp.pid, "uid_map", map);
	if (err) {
		vee_fail("run", r->name, "cannot write the uid map '0 %u 1': %s",
			 (unsigned int)geteuid(), strerror(-err));
		return err;
	}
	snprintf(map, sizeof(map), "0 %u 1\n", (unsigned int)getegid());
	err = write_proc(r->sp.pid, "gid_map", map);
	if (err)
		vee_fail("run", r->name, "cannot write the gid map '0 %u 1': %s",
			 (unsigned int)getegid(), strerror(-err));
	return err;
}

/* Creates the domain, under a generated name unless one was given. */
static int run_create(struct run *r, const struct vee_limits *lim,
		      bool named, int *cgroup_fd)
{
	uint32_t bad;
	int err, n;

	for (n = 1; n <= RUN_NAME_TRIES; n++) {
		if (!named && n == 1)
			snprintf(r->name, sizeof(r->name), "run-%d", (int)getpid());
		else if (!named)
			snprintf(r->name, sizeof(r->name), "run-%d-%d",
				 (int)getpid(), n);
		err = vee_ctl_create(r->dev_fd, r->name, r->ns, r->account,
				     lim, cgroup_fd,
				     &r->id, &bad);
		if (err != -EEXIST || named)
			break;
	}
	if (err)
		vee_fail_limits("run", r->name, err, bad);
	return err;
}

static int run_destroy(struct run *r, int status)
{
	int err;

	if (r->keep)
		return status;
	/* Forced: CMD's children may outlive it when there is no pid ns. */
	err = vee_ctl_destroy(r->dev_fd, r->id, NULL, VEE_DESTROY_FORCE);
	if (!err || err == -ENOENT)	/* or someone destroyed it already */
		return status;
	vee_fail("run", r->name, "cannot destroy the domain: %s",
		 err == -ETIMEDOUT ?
		 "its tasks did not all exit within 10 seconds; it is left dying (run vee destroy --force)" :
		 vee_strerror(err));
	return status ? status : VEE_EXIT_FAIL;
}

/* Checks the options against each other; 0 or the usage exit code. */
static int run_check(const struct vee_command *cmd, const struct run *r)
{
	if (r->hostname) {
		if (!(r->ns & VEE_NS_UTS))
			return vee_bad_value(cmd, "--hostname: needs the uts namespace (add uts to --ns)");
		if (!*r->hostname)
			return vee_bad_value(cmd, "--hostname: the hostname is empty");
		if (strlen(r->hostname) > HOST_NAME_MAX)
			return vee_bad_value(cmd, "--hostname: '%.80s' is longer than %d characters",
					     r->hostname, HOST_NAME_MAX);
	}
	if (r->rootfs) {
		if (!(r->ns & VEE_NS_MNT))
			return vee_bad_value(cmd, "--rootfs: needs the mnt namespace (add mnt to --ns)");
		if (!*r->rootfs)
			return vee_bad_value(cmd, "--rootfs: the path is empty");
	}
	return 0;
}

int cmd_run(int argc, char **argv)
{
	static const struct option opts[] = {
		VEE_LIMIT_OPTIONS,
		{ "name", required_argument, NULL, OPT_NAME },
		{ "ns", required_argument, NULL, OPT_NS },
		{ "account", required_argument, NULL, OPT_ACCOUNT },
		{ "hostname", required_argument, NULL, OPT_HOSTNAME },
		{ "rootfs", required_argument, NULL, OPT_ROOTFS },
		{ "keep", no_argument, NULL, OPT_KEEP },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	const struct vee_command *cmd = vee_find_command("run");
	struct run r = {
		.ns = VEE_NS_DEFAULT, .account = VEE_ACCT_DEFAULT,
		.sync = { -1, -1 },
	};
	struct vee_child_report rep;
	struct vee_child_ctx ctx;
	struct vee_limit_opts lo;
	const char *name = NULL;
	char why[VEE_WHY_MAX];
	int c, err, cgroup_fd, status;
	pid_t pid;

	vee_limit_opts_init(&lo);
	opterr = 0;
	/* "+": options end at CMD, whose own options are not ours. */
	while ((c = getopt_long(argc, argv, "+:h", opts, NULL)) != -1) {
		switch (c) {
		case VEE_OPT_LIMITS:
			if (vee_limit_option(&lo, c, optarg, why))
				return vee_bad_value(cmd, "%s", why);
			break;
		case OPT_NAME:
			name = optarg;
			break;
		case OPT_NS:
			if (vee_parse_ns(optarg, &r.ns, why))
				return vee_bad_value(cmd, "--ns: %s", why);
			break;
		case OPT_ACCOUNT:
			if (vee_parse_account(optarg, &r.account, why))
				return vee_bad_value(cmd, "--account: %s", why);
			break;
		case OPT_HOSTNAME:
			r.hostname = optarg;
			break;
		case OPT_ROOTFS:
			r.rootfs = optarg;
			break;
		case OPT_KEEP:
			r.keep = true;
			break;
		case 'h':
			return vee_usage(cmd, true);
		default:
			return vee_bad_option(cmd, c, argv);
		}
	}
	if (optind == argc)
		return vee_usage_error(cmd, "missing CMD");
	r.argv = argv + optind;
	err = run_check(cmd, &r);
	if (err)
		return err;
	if (name) {
		if (vee_check_name("run", name))
			return VEE_EXIT_USAGE;
		strcpy(r.name, name);
	}

	r.dev_fd = vee_open_dev("run", name);
	if (r.dev_fd < 0)
		return VEE_EXIT_FAIL;
	/*
	 * Before the domain exists, so that from then on a ^C or a TERM
	 * cannot end vee and leave the domain behind: they wait for CMD.
	 */
	err = vee_spawn_prepare(&r.sp);
	if (!err && (r.ns & VEE_NS_USER) && pipe2(r.sync, O_CLOEXEC))
		err = -errno;
	if (err) {
		vee_fail("run", name, "cannot prepare to start %s: %s",
			 r.argv[0], strerror(-err));
		return VEE_EXIT_FAIL;
	}
	if (run_create(&r, &lo.lim, name != NULL, &cgroup_fd))
		return VEE_EXIT_FAIL;
	if (!r.hostname)
		r.hostname = r.name;
	ctx = (struct vee_child_ctx){ .op = "run", .name = r.name,
		.cmd = r.argv[0], .rootfs = r.rootfs, .hostname = r.hostname };

	pid = vee_spawn_clone(&r.sp, r.ns, cgroup_fd);
	if (pid == 0)
		run_child(&r);
	close(cgroup_fd);
	if (pid < 0) {
		vee_fail("run", r.name, "cannot start %s in the domain: clone3: %s",
			 r.argv[0], strerror(-pid));
		return run_destroy(&r, VEE_EXIT_FAIL);
	}

	if (r.ns & VEE_NS_USER) {
		close(r.sync[0]);
		/* On failure the child reads EOF and gives up quietly. */
		if (!run_map_ids(&r) && write(r.sync[1], "", 1) != 1)
			vee_fail("run", r.name, "cannot wake the domain's init: %s",
				 strerror(errno));
		close(r.sync[1]);
	}

	if (vee_spawn_result(&r.sp, &rep)) {
		status = vee_child_explain(&ctx, &rep);
		vee_spawn_wait(&r.sp, -1, 0);
		return run_destroy(&r, status);
	}
	status = vee_spawn_wait(&r.sp, r.dev_fd, r.id);
	return run_destroy(&r, status);
}
