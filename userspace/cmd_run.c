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
#include <grp.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/mount.h>

#include "cli.h"
#include "commands.h"
#include "confine/devfs.h"
#include "confine/devices.h"
#include "confine/paths.h"
#include "confine/profile.h"
#include "create.h"
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
	/*
	 * User ns: a socket pair on which the parent says "maps are written",
	 * with --userns auto and a root the id-mapped root's mount fd too.
	 */
	int sync[2];
	struct vee_confine_opts copts;
	struct vee_confinement conf;
	uint32_t uid_base;	/* --userns auto: the module's range */
	uint32_t uid_count;
	struct vee_spawn sp;
};

/*
 * Waits for the parent's word that the user namespace's maps are written;
 * with an id-mapped root it comes with that mount's fd (else -1).
 */
static int run_wait_maps(struct run *r, int *root_fd)
{
	char byte, cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { &byte, 1 };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *cm;

	*root_fd = -1;
	close(r->sync[1]);
	if (recvmsg(r->sync[0], &msg, MSG_CMSG_CLOEXEC) != 1)
		return -ECANCELED;
	close(r->sync[0]);
	cm = CMSG_FIRSTHDR(&msg);
	if (cm && cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS)
		memcpy(root_fd, CMSG_DATA(cm), sizeof(int));
	return 0;
}

/* Puts the id-mapped copy of the root, made by the parent, on @dir. */
static int run_attach_root(int root_fd, const char *dir)
{
	int err = 0;

	if (syscall(SYS_move_mount, root_fd, "", AT_FDCWD, dir,
		    MOVE_MOUNT_F_EMPTY_PATH))
		err = -errno;
	close(root_fd);
	return err;
}

/*
 * Sets up the new root, the current directory on return: bound onto
 * itself (or the id-mapped copy put there), /proc, /dev and /sys, then
 * pivot_root.
 */
static void run_child_root(struct run *r, int root_fd, bool proc)
{
	struct vee_spawn *sp = &r->sp;
	const char *where = NULL;
	int err;

	err = root_fd >= 0 ? run_attach_root(root_fd, r->rootfs) :
	      vee_bind_self(r->rootfs);
	if (err)
		vee_child_fail(sp, VEE_STEP_BIND, -err);
	if (chdir(r->rootfs))
		vee_child_fail(sp, VEE_STEP_PIVOT, errno);
	/*
	 * /proc goes in before the old root goes away: in a user namespace,
	 * proc may only be mounted while a fully visible proc is already
	 * there.  /dev and /sys are bound from the old root.
	 */
	if (proc) {
		err = vee_mount_proc("proc");
		if (err)
			vee_child_fail(sp, VEE_STEP_PROC, -err);
	}
	if (r->conf.flags & VEE_CONFINE_DEVICES) {
		err = vee_devfs_setup("dev", VEE_DEVFS_CONSOLE |
				      ((r->ns & VEE_NS_IPC) ? VEE_DEVFS_MQUEUE : 0),
				      &where);
		if (err)
			vee_child_fail_at(sp, VEE_STEP_DEVFS, -err, where);
	}
	if (r->conf.flags & VEE_CONFINE_PATHS) {
		err = vee_paths_sys(r->ns & VEE_NS_NET, r->ns & VEE_NS_CGROUP,
				    &where);
		if (err)
			vee_child_fail_at(sp, VEE_STEP_SYSFS, -err, where);
	}
	err = vee_pivot_here();
	if (err)
		vee_child_fail(sp, VEE_STEP_PIVOT, -err);
}

/* The child: the domain's init-to-be.  Never returns. */
static void __attribute__((noreturn)) run_child(struct run *r)
{
	struct vee_spawn *sp = &r->sp;
	bool proc = (r->ns & VEE_NS_PID) && (r->ns & VEE_NS_MNT);
	enum vee_confine_step cstep;
	int err, root_fd = -1;
	const char *where = NULL;

	/*
	 * No uid is mapped in a new user namespace until the parent writes
	 * the maps; it needs this child alive (not failed) to do so.
	 */
	if ((r->ns & VEE_NS_USER) && run_wait_maps(r, &root_fd))
		vee_child_fail(sp, VEE_STEP_SYNC, ECANCELED);
	/*
	 * The child keeps the host's ids, which a range does not map: it
	 * becomes the range's root (with every capability of its user
	 * namespace still), so that what it creates is owned by that root.
	 */
	if (r->uid_count && (setgroups(0, NULL) || setresgid(0, 0, 0) ||
			     setresuid(0, 0, 0)))
		vee_child_fail(sp, VEE_STEP_SETUID, errno);

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
		run_child_root(r, root_fd, proc);
	} else if (proc) {
		err = vee_mount_proc("/proc");
		if (err)
			vee_child_fail(sp, VEE_STEP_PROC, -err);
	}
	if (r->conf.flags & VEE_CONFINE_PATHS) {
		err = vee_paths_confine(&where);
		if (err)
			vee_child_fail_at(sp, VEE_STEP_PATHS, -err, where);
	}

	if (r->ns & VEE_NS_NET) {
		err = vee_loopback_up();
		if (err)
			vee_child_fail(sp, VEE_STEP_LOOPBACK, -err);
	}

	/* CMD must not hold /dev/vee: it is the host's control plane. */
	close(r->dev_fd);
	err = vee_confine_apply(&r->conf, &cstep);
	if (err)
		vee_child_fail(sp, VEE_STEP_CONFINE_NNP - 1 + cstep, -err);
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
 * Maps root inside the child's user namespace: to the caller alone, or
 * with --userns auto to the module's range of ids.  setgroups must be
 * denied before gid_map is written by anyone without CAP_SETGID over the
 * parent namespace, and the one-id map gives no other group to switch to
 * anyway; a range keeps setgroups, which su and package managers need.
 */
static int run_map_ids(struct run *r)
{
	unsigned int uid = geteuid(), gid = getegid(), count = 1;
	char map[48];
	int err;

	if (r->uid_count) {
		uid = gid = r->uid_base;
		count = r->uid_count;
	} else {
		err = write_proc(r->sp.pid, "setgroups", "deny");
		if (err) {
			vee_fail("run", r->name, "cannot write /proc/%d/setgroups: %s",
				 (int)r->sp.pid, strerror(-err));
			return err;
		}
	}
	snprintf(map, sizeof(map), "0 %u %u\n", uid, count);
	err = write_proc(r->sp.pid, "uid_map", map);
	if (err) {
		vee_fail("run", r->name, "cannot write the uid map '0 %u %u': %s",
			 uid, count, strerror(-err));
		return err;
	}
	snprintf(map, sizeof(map), "0 %u %u\n", gid, count);
	err = write_proc(r->sp.pid, "gid_map", map);
	if (err)
		vee_fail("run", r->name, "cannot write the gid map '0 %u %u': %s",
			 gid, count, strerror(-err));
	return err;
}

/*
 * --userns auto with a root: a copy of the root mount whose files owned
 * by host uid 0 show as uid 0 of the domain's user namespace, so the
 * image is used as it is, never chowned.  Returns the detached mount's
 * fd, or -errno (EINVAL: the file system cannot be id-mapped).
 */
static int run_idmapped_root(struct run *r)
{
	struct mount_attr attr = { .attr_set = MOUNT_ATTR_IDMAP };
	char path[64];
	int fd, ns_fd, err = 0;

	snprintf(path, sizeof(path), "/proc/%d/ns/user", (int)r->sp.pid);
	ns_fd = open(path, O_RDONLY | O_CLOEXEC);
	if (ns_fd < 0)
		return -errno;
	fd = syscall(SYS_open_tree, AT_FDCWD, r->rootfs,
		     OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_RECURSIVE);
	if (fd < 0) {
		err = -errno;
		goto out;
	}
	attr.userns_fd = ns_fd;
	if (syscall(SYS_mount_setattr, fd, "", AT_EMPTY_PATH | AT_RECURSIVE,
		    &attr, sizeof(attr))) {
		err = -errno;
		close(fd);
	}
out:
	close(ns_fd);
	return err ? err : fd;
}

/* Tells the child its maps are written, handing it @fd if >= 0. */
static int run_wake_child(struct run *r, int fd)
{
	char byte = 0, cbuf[CMSG_SPACE(sizeof(int))] = { 0 };
	struct iovec iov = { &byte, 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct cmsghdr *cm;

	if (fd >= 0) {
		msg.msg_control = cbuf;
		msg.msg_controllen = sizeof(cbuf);
		cm = CMSG_FIRSTHDR(&msg);
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	}
	return sendmsg(r->sync[1], &msg, MSG_NOSIGNAL) == 1 ? 0 : -errno;
}

/* The user namespace's maps, and the id-mapped root; 0 or -1 (said). */
static int run_setup_userns(struct run *r)
{
	int fd = -1, err;

	close(r->sync[0]);
	err = run_map_ids(r);
	if (!err && r->uid_count && r->rootfs) {
		fd = run_idmapped_root(r);
		if (fd < 0) {
			err = fd;
			vee_fail("run", r->name, "--userns auto: cannot id-map %s: %s",
				 r->rootfs, err == -EINVAL ?
				 "its file system does not support id-mapped mounts on this kernel" :
				 strerror(-err));
		}
	}
	/* On failure the child reads EOF and gives up quietly. */
	if (!err) {
		err = run_wake_child(r, fd);
		if (err)
			vee_fail("run", r->name, "cannot wake the domain's init: %s",
				 strerror(-err));
	}
	if (fd >= 0)
		close(fd);
	close(r->sync[1]);
	return err ? -1 : 0;
}

/* Creates the domain, under a generated name unless one was given. */
static int run_create(struct run *r, const struct vee_limits *lim,
		      bool named, int *cgroup_fd)
{
	struct vee_create c;
	int err, n;

	for (n = 1; n <= RUN_NAME_TRIES; n++) {
		if (!named && n == 1)
			snprintf(r->name, sizeof(r->name), "run-%d", (int)getpid());
		else if (!named)
			snprintf(r->name, sizeof(r->name), "run-%d-%d",
				 (int)getpid(), n);
		vee_create_init(&c, r->name, r->ns, r->account, lim,
				&r->copts, &r->conf);
		c.flags |= VEE_CREATE_CGROUP_FD;
		err = vee_ctl_create_args(r->dev_fd, &c);
		if (err != -EEXIST || named)
			break;
	}
	if (err) {
		vee_fail_create("run", r->name, err, &c);
		return err;
	}
	r->id = c.id;
	r->uid_base = c.uid_base;
	r->uid_count = c.uid_count;
	*cgroup_fd = c.cgroup_fd;
	return 0;
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

/*
 * The device allow-list: Docker's, and the terminal on stdin that the
 * domain gets as /dev/console (devfs.h), which on a serial line or a
 * virtual console is no pty the list allows.
 */
static int run_limit_devices(int cgroup_fd, char *why, size_t len)
{
	struct vee_dev_rule rules[VEE_DEV_DEFAULT_MAX + 1];
	size_t n = vee_dev_default_nr;
	struct stat st;

	memcpy(rules, vee_dev_default_rules, n * sizeof(rules[0]));
	if (isatty(STDIN_FILENO) && !fstat(STDIN_FILENO, &st) &&
	    S_ISCHR(st.st_mode))
		rules[n++] = (struct vee_dev_rule){
			.type = 'c', .major = major(st.st_rdev),
			.minor = minor(st.st_rdev), .access = VEE_DEV_RWM,
			.allow = true,
		};
	return vee_dev_filter_attach(cgroup_fd, rules, n, why, len);
}

/* Everything after the options: the domain's whole life. */
static int run_domain(struct run *r, const struct vee_limits *lim,
		      const char *name)
{
	struct vee_child_report rep;
	struct vee_child_ctx ctx;
	char why[VEE_CONFINE_WHY_MAX];
	int err, cgroup_fd, status;
	pid_t pid;

	/*
	 * Before the domain exists, so that from then on a ^C or a TERM
	 * cannot end vee and leave the domain behind: they wait for CMD.
	 */
	err = vee_spawn_prepare(&r->sp);
	if (!err && (r->ns & VEE_NS_USER) &&
	    socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, r->sync))
		err = -errno;
	if (err) {
		vee_fail("run", name, "cannot prepare to start %s: %s",
			 r->argv[0], strerror(-err));
		return VEE_EXIT_FAIL;
	}
	if (run_create(r, lim, name != NULL, &cgroup_fd))
		return VEE_EXIT_FAIL;
	if ((r->conf.flags & VEE_CONFINE_DEVICES) &&
	    run_limit_devices(cgroup_fd, why, sizeof(why))) {
		vee_fail("run", r->name, "cannot limit the domain's devices: %s",
			 why);
		close(cgroup_fd);
		return run_destroy(r, VEE_EXIT_FAIL);
	}
	if (!r->hostname)
		r->hostname = r->name;
	ctx = (struct vee_child_ctx){ .op = "run", .name = r->name,
		.cmd = r->argv[0], .rootfs = r->rootfs, .hostname = r->hostname };

	pid = vee_spawn_clone(&r->sp, r->ns, cgroup_fd);
	if (pid == 0)
		run_child(r);
	close(cgroup_fd);
	if (pid < 0) {
		vee_fail("run", r->name, "cannot start %s in the domain: clone3: %s",
			 r->argv[0], strerror(-pid));
		return run_destroy(r, VEE_EXIT_FAIL);
	}

	if (r->ns & VEE_NS_USER)
		run_setup_userns(r);

	if (vee_spawn_result(&r->sp, &rep)) {
		status = vee_child_explain(&ctx, &rep);
		vee_spawn_wait(&r->sp, -1, 0);
		return run_destroy(r, status);
	}
	status = vee_spawn_wait(&r->sp, r->dev_fd, r->id);
	return run_destroy(r, status);
}

/* Checks the options against each other; 0 or the usage exit code. */
static int run_check(const struct vee_command *cmd, struct run *r)
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
	return vee_check_confine(cmd, &r->copts, &r->ns);
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
		VEE_CONFINE_OPTIONS,
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	const struct vee_command *cmd = vee_find_command("run");
	struct run r = {
		.ns = VEE_NS_DEFAULT, .account = VEE_ACCT_DEFAULT,
		.sync = { -1, -1 },
	};
	struct vee_limit_opts lo;
	const char *name = NULL;
	char why[VEE_CONFINE_WHY_MAX];
	int c, err, status;

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
		case VEE_OPT_CONFINE:
			if (vee_confine_option(&r.copts, c, optarg, why,
					       sizeof(why)))
				return vee_bad_value(cmd, "%s", why);
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
	/* Before anything exists: a bad profile leaves nothing behind. */
	if (vee_confine_resolve(&r.copts, r.ns & VEE_NS_MNT, r.rootfs, &r.conf,
				why, sizeof(why))) {
		vee_fail("run", name, "%s", why);
		return VEE_EXIT_FAIL;
	}
	status = run_domain(&r, &lo.lim, name);
	vee_confine_release(&r.conf);
	return status;
}
