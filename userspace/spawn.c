// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/sched.h>

#include "lib/ctl.h"
#include "lib/report.h"
#include "spawn.h"

static void forwarded_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGHUP);
	sigaddset(set, SIGCHLD);
}

int vee_spawn_prepare(struct vee_spawn *sp)
{
	sigset_t set;

	sp->pid = -1;
	/*
	 * An inherited SIG_IGN for SIGCHLD would reap the child behind our
	 * back and leave waitpid() nothing to report.
	 */
	signal(SIGCHLD, SIG_DFL);
	forwarded_signals(&set);
	if (sigprocmask(SIG_BLOCK, &set, &sp->oldmask))
		return -errno;
	if (pipe2(sp->report, O_CLOEXEC))
		return -errno;
	return 0;
}

pid_t vee_spawn_clone(struct vee_spawn *sp, __u64 flags, int cgroup_fd)
{
	struct clone_args args = {
		.flags = flags,
		.exit_signal = SIGCHLD,
	};
	long pid;

	if (cgroup_fd >= 0) {
		args.flags |= CLONE_INTO_CGROUP;
		args.cgroup = cgroup_fd;
	}
	/* The child gets copies of unwritten stdio buffers otherwise. */
	fflush(stdout);
	fflush(stderr);
	pid = syscall(SYS_clone3, &args, sizeof(args));
	if (pid < 0) {
		pid = -errno;
		close(sp->report[0]);
		close(sp->report[1]);
		return pid;
	}
	if (pid == 0) {
		close(sp->report[0]);
		sp->report[0] = -1;
		return 0;
	}
	sp->pid = pid;
	close(sp->report[1]);
	sp->report[1] = -1;
	return pid;
}

void vee_child_fail(struct vee_spawn *sp, enum vee_step step, int err)
{
	vee_child_fail_at(sp, step, err, NULL);
}

void vee_child_fail_at(struct vee_spawn *sp, enum vee_step step, int err,
		       const char *what)
{
	struct vee_child_report r = { .step = step, .err = err };
	ssize_t n;

	if (what)
		snprintf(r.what, sizeof(r.what), "%s", what);

	/* Nothing to do if this fails: the parent then sees a plain exit. */
	n = write(sp->report[1], &r, sizeof(r));
	(void)n;
	_exit(step == VEE_STEP_EXEC ? vee_exec_status(err) : 1);
}

int vee_exec_status(int err)
{
	return err == ENOENT ? 127 : 126;
}

void vee_child_exec(struct vee_spawn *sp, char **argv)
{
	sigprocmask(SIG_SETMASK, &sp->oldmask, NULL);
	execvp(argv[0], argv);
	vee_child_fail(sp, VEE_STEP_EXEC, errno);
}

int vee_spawn_result(struct vee_spawn *sp, struct vee_child_report *r)
{
	ssize_t n;

	do
		n = read(sp->report[0], r, sizeof(*r));
	while (n < 0 && errno == EINTR);
	close(sp->report[0]);
	sp->report[0] = -1;
	if (n == sizeof(*r))
		return 1;
	/* EOF: the pipe closed on exec, or the child died before it. */
	return 0;
}

int vee_spawn_wait(struct vee_spawn *sp, int kill_fd, uint32_t kill_id)
{
	bool forwarded = false;
	sigset_t set;
	siginfo_t si;
	int status;
	pid_t r;

	forwarded_signals(&set);
	for (;;) {
		r = waitpid(sp->pid, &status, WNOHANG);
		if (r == sp->pid)
			break;
		if (r < 0 && errno != EINTR)
			return 1;	/* ECHILD: cannot happen, see prepare */
		/*
		 * The signals are blocked, so one that comes between the
		 * waitpid and here stays pending and ends this wait at once.
		 */
		if (sigwaitinfo(&set, &si) < 0 || si.si_signo == SIGCHLD)
			continue;
		if (forwarded && kill_fd >= 0)
			vee_ctl_kill(kill_fd, kill_id, NULL, SIGKILL);
		else if (si.si_code != SI_KERNEL)
			kill(sp->pid, si.si_signo);
		/*
		 * else the terminal sent it (^C, hangup) to its whole
		 * foreground process group, the child included.
		 */
		forwarded = true;
	}
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

static const char *enter_strerror(int err)
{
	switch (err) {
	case EPERM:
		return "the vee module found it in the wrong cgroup or namespaces (the kernel log says which)";
	case ESRCH:
		return "the domain's init has exited";
	case EBUSY:
		return "the domain is being destroyed";
	default:
		return vee_strerror(-err);
	}
}

int vee_child_explain(const struct vee_child_ctx *c,
		      const struct vee_child_report *r)
{
	const char *why = strerror(r->err);

	switch (r->step) {
	case VEE_STEP_SYNC:
		break;		/* the parent already said what went wrong */
	case VEE_STEP_CGROUP_NS:
		vee_fail(c->op, c->name, "cannot join the domain's cgroup namespace: %s",
			 why);
		break;
	case VEE_STEP_ENTER:
		vee_fail(c->op, c->name, "cannot enter the domain: %s",
			 enter_strerror(r->err));
		break;
	case VEE_STEP_PRIVATE:
		vee_fail(c->op, c->name, "cannot make the mounts private: %s", why);
		break;
	case VEE_STEP_HOSTNAME:
		vee_fail(c->op, c->name, "cannot set the hostname to '%s': %s",
			 c->hostname, why);
		break;
	case VEE_STEP_BIND:
		vee_fail(c->op, c->name, "cannot bind-mount %s: %s", c->rootfs, why);
		break;
	case VEE_STEP_PROC:
		vee_fail(c->op, c->name, "cannot mount a new /proc%s%s: %s",
			 c->rootfs ? " in " : "", c->rootfs ?: "", why);
		break;
	case VEE_STEP_PIVOT:
		vee_fail(c->op, c->name, "cannot pivot_root into %s: %s", c->rootfs,
			 why);
		break;
	case VEE_STEP_LOOPBACK:
		vee_fail(c->op, c->name, "cannot bring up the loopback interface: %s",
			 why);
		break;
	case VEE_STEP_CHDIR:
		vee_fail(c->op, c->name, "cannot change to / in the domain: %s", why);
		break;
	case VEE_STEP_EXEC:
		vee_fail(c->op, c->name, "cannot run %s: %s", c->cmd, why);
		return vee_exec_status(r->err);
	case VEE_STEP_DEVFS:
		vee_fail(c->op, c->name, "cannot make the domain's /dev in %s: %s: %s",
			 c->rootfs, *r->what ? r->what : "/dev", why);
		break;
	case VEE_STEP_SYSFS:
		vee_fail(c->op, c->name, "cannot mount a read-only %s in %s: %s",
			 *r->what ? r->what : "/sys", c->rootfs, why);
		break;
	case VEE_STEP_PATHS:
		vee_fail(c->op, c->name, "cannot mask or make read-only %s: %s",
			 *r->what ? r->what : "the kernel's files in /proc and /sys",
			 why);
		break;
	case VEE_STEP_SETUID:
		vee_fail(c->op, c->name, "cannot become root of the domain's user namespace: %s",
			 why);
		break;
	case VEE_STEP_CONFINE_NNP:
		vee_fail(c->op, c->name, "cannot set no_new_privs: %s", why);
		break;
	case VEE_STEP_CONFINE_BOUND:
		vee_fail(c->op, c->name, "cannot cut the capability bounding set: %s",
			 why);
		break;
	case VEE_STEP_CONFINE_CAPS:
		vee_fail(c->op, c->name, "cannot set the capabilities: %s%s", why,
			 r->err == EPERM ? " (does the seccomp profile refuse capset?)" : "");
		break;
	case VEE_STEP_CONFINE_SECCOMP:
		vee_fail(c->op, c->name, "cannot install the seccomp filter: %s",
			 why);
		break;
	default:
		vee_fail(c->op, c->name, "the command's setup failed (step %d): %s",
			 r->step, why);
		break;
	}
	return 1;
}
