/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Starting a command inside a domain and waiting for it, shared by run and
 * exec: clone3 into the domain's cgroup, a report pipe through which the
 * child says which step failed and why, exec with the shell's 126/127,
 * and a wait that forwards the signals a user sends to stop it.
 */
#ifndef VEE_SPAWN_H
#define VEE_SPAWN_H

#include <signal.h>
#include <stdint.h>
#include <sys/types.h>
#include <linux/types.h>

/* Where a child failed; the parent turns it into a message. */
enum vee_step {
	VEE_STEP_NONE,
	VEE_STEP_SYNC,		/* waiting for the parent (it already spoke) */
	VEE_STEP_CGROUP_NS,	/* exec: joining the cgroup namespace */
	VEE_STEP_ENTER,		/* VEE_IOC_ENTER */
	VEE_STEP_PRIVATE,	/* making every mount private */
	VEE_STEP_HOSTNAME,
	VEE_STEP_BIND,		/* bind-mounting the rootfs onto itself */
	VEE_STEP_PROC,		/* mounting a fresh /proc */
	VEE_STEP_PIVOT,		/* pivot_root and dropping the old root */
	VEE_STEP_LOOPBACK,	/* bringing up lo */
	VEE_STEP_CHDIR,
	VEE_STEP_EXEC,
	VEE_STEP_DEVFS,		/* the minimal /dev */
	VEE_STEP_SYSFS,		/* a read-only /sys */
	VEE_STEP_PATHS,		/* masked and read-only paths */
	VEE_STEP_SETUID,	/* becoming root of the domain's uid range */
	/* vee_confine_apply()'s steps, in enum vee_confine_step's order */
	VEE_STEP_CONFINE_NNP,
	VEE_STEP_CONFINE_BOUND,
	VEE_STEP_CONFINE_CAPS,
	VEE_STEP_CONFINE_SECCOMP,
};

struct vee_child_report {
	int32_t step;		/* enum vee_step */
	int32_t err;		/* positive errno */
	char what[64];		/* the path at fault, when the step names one */
};

struct vee_spawn {
	pid_t pid;		/* the child, in the parent's pid namespace */
	int report[2];		/* pipe, O_CLOEXEC: EOF means exec happened */
	sigset_t oldmask;	/* the caller's mask, restored before exec */
};

/*
 * Before the clone: blocks the signals the wait forwards (so none is lost
 * or kills vee between clone and wait) and makes the report pipe.
 * Returns 0 or -errno.
 */
int vee_spawn_prepare(struct vee_spawn *sp);

/*
 * clone3 with @flags (CLONE_NEW* and more) into the cgroup of @cgroup_fd
 * (-1: stay in ours).  Like fork: 0 in the child, the child's pid in the
 * parent (also in sp->pid), -errno on failure.
 */
pid_t vee_spawn_clone(struct vee_spawn *sp, __u64 flags, int cgroup_fd);

/* In the child: tells the parent what failed and exits. */
void vee_child_fail(struct vee_spawn *sp, enum vee_step step, int err)
	__attribute__((noreturn));

/* The same, naming the path at fault (@what may be NULL). */
void vee_child_fail_at(struct vee_spawn *sp, enum vee_step step, int err,
		       const char *what) __attribute__((noreturn));

/*
 * In the child: restores the signal mask and execs @argv (PATH search);
 * if that fails, reports VEE_STEP_EXEC and exits 127 or 126.
 */
void vee_child_exec(struct vee_spawn *sp, char **argv)
	__attribute__((noreturn));

/*
 * In the parent: waits until the child execs (returns 0) or reports a
 * failure (returns 1, filling @r).  Closes the pipe.
 */
int vee_spawn_result(struct vee_spawn *sp, struct vee_child_report *r);

/* What the parent knows to explain a child's failure. */
struct vee_child_ctx {
	const char *op;		/* "run", "exec" */
	const char *name;	/* the domain */
	const char *cmd;	/* CMD */
	const char *rootfs;	/* --rootfs DIR, or NULL */
	const char *hostname;
};

/*
 * Prints "vee: OP NAME: cannot STEP: REASON" for a child's report and
 * returns the exit status for it (126/127 for exec, 1 otherwise).
 */
int vee_child_explain(const struct vee_child_ctx *ctx,
		      const struct vee_child_report *r);

/* The shell's status for a failed exec: 127 not found, 126 otherwise. */
int vee_exec_status(int err);

/*
 * Waits for the child and returns its status as a shell does (the exit
 * code, or 128 + the signal that killed it).  SIGINT, SIGTERM and SIGHUP
 * sent to vee are passed on to the child (those from the terminal reach
 * it without help).  A child that is PID 1 of its pid namespace ignores
 * signals it has no handler for, so when @kill_fd >= 0 a second such
 * signal kills every task of domain @kill_id through /dev/vee (@kill_fd)
 * instead.
 */
int vee_spawn_wait(struct vee_spawn *sp, int kill_fd, uint32_t kill_id);

#endif
