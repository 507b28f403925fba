// SPDX-License-Identifier: GPL-2.0
/*
 * rawrun CMD [ARG]...: vee's start without the CLI, for the start-latency
 * benchmark: the raw /dev/vee ioctls through userspace/lib (libvee is not
 * here yet).  VEE_IOC_CREATE with the default namespaces and accounting,
 * memory.max 64M and pids.max 64 (as the benchmark's vee run), clone3 into
 * the domain's cgroup, VEE_IOC_ENTER in the child, execv CMD, wait,
 * VEE_IOC_DESTROY.  Unlike vee run it mounts no /proc, sets no hostname
 * and leaves lo down: the least a program using the module must do.
 */
#include <errno.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/ctl.h"
#include "lib/limits.h"

static int fail(const char *what, int err)
{
	fprintf(stderr, "rawrun: %s: %s\n", what, strerror(-err));
	return 1;
}

int main(int argc, char **argv)
{
	struct clone_args args = { .exit_signal = SIGCHLD };
	struct vee_limit_opts lo;
	char name[VEE_NAME_MAX], why[VEE_WHY_MAX];
	int fd, cg, err, status = 1;
	uint32_t id, bad;
	long pid;

	if (argc < 2) {
		fprintf(stderr, "usage: rawrun CMD [ARG]...\n");
		return 2;
	}
	vee_limit_opts_init(&lo);
	if (vee_limit_option(&lo, VEE_OPT_MEM, "64M", why) ||
	    vee_limit_option(&lo, VEE_OPT_PIDS, "64", why))
		return fprintf(stderr, "rawrun: %s\n", why), 1;
	fd = vee_ctl_open();
	if (fd < 0)
		return fail("/dev/vee", fd);
	snprintf(name, sizeof(name), "raw-%d", (int)getpid());
	err = vee_ctl_create(fd, name, VEE_NS_DEFAULT, VEE_ACCT_DEFAULT,
			     &lo.lim, &cg, &id, &bad);
	if (err)
		return fail("create", err);
	/* VEE_NS_* are the CLONE_NEW* flags. */
	args.flags = VEE_NS_DEFAULT | CLONE_INTO_CGROUP;
	args.cgroup = cg;
	pid = syscall(SYS_clone3, &args, sizeof(args));
	if (pid == 0) {
		err = vee_ctl_enter(fd, id, NULL);
		if (err)
			_exit(fail("enter", err));
		close(fd);
		execv(argv[1], argv + 1);
		_exit(127);
	}
	close(cg);
	if (pid < 0)
		fail("clone3", -errno);
	else if (waitpid(pid, &status, 0) == pid && WIFEXITED(status))
		status = WEXITSTATUS(status);
	err = vee_ctl_destroy(fd, id, NULL, VEE_DESTROY_FORCE);
	if (err)
		return fail("destroy", err);
	return status;
}
