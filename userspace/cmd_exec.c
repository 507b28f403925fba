// SPDX-License-Identifier: GPL-2.0
/*
 * vee exec NAME -- CMD [ARGS...]: run CMD inside a running domain, in its
 * init's namespaces and in its cgroup, and wait for it.
 */
#include <errno.h>
#include <grp.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "confine/profile.h"
#include "spawn.h"

/* The domain must be running, with an init whose pid we can hold. */
static int exec_check_state(const char *name, const struct vee_info *info)
{
	if (info->state == VEE_STATE_RUNNING && info->init_pid)
		return 0;
	if (info->state == VEE_STATE_FROZEN)
		vee_fail("exec", name, "domain is frozen (vee thaw it first)");
	else
		vee_fail("exec", name, "domain is not running (it is %s)",
			 vee_state_name(info->state));
	return -1;
}

/*
 * A pidfd of the domain's init.  Its pid could have been reused between
 * INFO and pidfd_open, so INFO is asked again once the pidfd pins it.
 */
static int exec_pin_init(int fd, const char *name, struct vee_info *info)
{
	struct vee_info again;
	int pidfd, err;

	err = vee_ctl_info(fd, VEE_ID_NONE, name, info);
	if (err) {
		vee_fail("exec", name, "%s", vee_strerror(err));
		return -1;
	}
	if (exec_check_state(name, info))
		return -1;
	pidfd = syscall(SYS_pidfd_open, info->init_pid, 0);
	if (pidfd < 0) {
		vee_fail("exec", name, "%s", errno == ESRCH ?
			 "the domain's init has exited" : strerror(errno));
		return -1;
	}
	err = vee_ctl_info(fd, info->id, NULL, &again);
	if (err)
		vee_fail("exec", name, "%s", vee_strerror(err));
	else if (again.init_pid != info->init_pid)
		vee_fail("exec", name, "the domain's init exited while joining it");
	else if (!exec_check_state(name, &again))
		return pidfd;
	close(pidfd);
	return -1;
}

int cmd_exec(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	const struct vee_command *cmd = vee_find_command("exec");
	char why[VEE_CONFINE_WHY_MAX] = "";
	struct vee_confinement conf;
	enum vee_confine_step cstep;
	struct vee_child_report rep;
	struct vee_child_ctx ctx;
	struct vee_spawn sp;
	struct vee_info info;
	int c, fd, pidfd, cgroup_fd, err;
	const char *name;
	char **cmd_argv;
	__u64 ns;
	pid_t pid;

	opterr = 0;
	/* "+": options end at NAME; what follows is CMD's. */
	while ((c = getopt_long(argc, argv, "+:h", opts, NULL)) != -1) {
		if (c == 'h')
			return vee_usage(cmd, true);
		return vee_bad_option(cmd, c, argv);
	}
	if (optind == argc)
		return vee_usage_error(cmd, "missing NAME");
	name = argv[optind++];
	if (optind < argc && !strcmp(argv[optind], "--"))
		optind++;
	if (optind == argc)
		return vee_usage_error(cmd, "missing CMD");
	cmd_argv = argv + optind;
	if (vee_check_name("exec", name))
		return VEE_EXIT_USAGE;

	fd = vee_open_dev("exec", name);
	if (fd < 0)
		return VEE_EXIT_FAIL;
	pidfd = exec_pin_init(fd, name, &info);
	if (pidfd < 0)
		return VEE_EXIT_FAIL;
	/* The domain's confinement, which CMD gets too, as its init did. */
	err = vee_confine_from_info(&info, &conf, why, sizeof(why));
	if (err) {
		vee_fail("exec", name, "%s", why);
		return VEE_EXIT_FAIL;
	}
	err = vee_ctl_open_cgroup(fd, info.id, NULL, &cgroup_fd);
	if (err) {
		vee_fail("exec", name, "cannot open the domain's cgroup: %s",
			 vee_strerror(err));
		return VEE_EXIT_FAIL;
	}

	/*
	 * Join every namespace but the cgroup one here, all at once (setns on
	 * a pidfd orders a user namespace first itself).  The pid namespace
	 * applies to our children, so the clone below lands in it.  The
	 * cgroup namespace waits for the child: CLONE_INTO_CGROUP needs both
	 * cgroups visible from the caller's cgroup namespace.
	 */
	ns = info.ns_flags & ~VEE_NS_CGROUP;
	if (ns && setns(pidfd, ns)) {
		vee_fail("exec", name, "cannot join the domain's namespaces: %s",
			 strerror(errno));
		return VEE_EXIT_FAIL;
	}

	err = vee_spawn_prepare(&sp);
	if (err) {
		vee_fail("exec", name, "cannot prepare to start %s: %s",
			 cmd_argv[0], strerror(-err));
		return VEE_EXIT_FAIL;
	}
	pid = vee_spawn_clone(&sp, 0, cgroup_fd);
	if (pid == 0) {
		if ((info.ns_flags & VEE_NS_CGROUP) &&
		    setns(pidfd, CLONE_NEWCGROUP))
			vee_child_fail(&sp, VEE_STEP_CGROUP_NS, errno);
		err = vee_ctl_enter(fd, info.id, NULL);
		if (err)
			vee_child_fail(&sp, VEE_STEP_ENTER, -err);
		close(fd);
		close(pidfd);
		close(cgroup_fd);
		/* In a uid range, as the init: the range's root (cmd_run.c). */
		if (info.uid_count &&
		    (setgroups(0, NULL) || setresgid(0, 0, 0) ||
		     setresuid(0, 0, 0)))
			vee_child_fail(&sp, VEE_STEP_SETUID, errno);
		if (chdir("/"))
			vee_child_fail(&sp, VEE_STEP_CHDIR, errno);
		err = vee_confine_apply(&conf, &cstep);
		if (err)
			vee_child_fail(&sp, VEE_STEP_CONFINE_NNP - 1 + cstep,
				       -err);
		vee_child_exec(&sp, cmd_argv);
	}
	close(cgroup_fd);
	if (pid < 0) {
		vee_fail("exec", name, "cannot start %s in the domain: clone3: %s",
			 cmd_argv[0], strerror(-pid));
		return VEE_EXIT_FAIL;
	}

	if (vee_spawn_result(&sp, &rep)) {
		ctx = (struct vee_child_ctx){ .op = "exec", .name = name,
					      .cmd = cmd_argv[0] };
		vee_spawn_wait(&sp, -1, 0);
		return vee_child_explain(&ctx, &rep);
	}
	/* CMD is not the domain's init: signals reach it the usual way. */
	return vee_spawn_wait(&sp, -1, 0);
}
