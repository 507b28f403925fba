// SPDX-License-Identifier: GPL-2.0
/*
 * floor PARENT CMD [ARG]...: the physical floor of an isolated, limited
 * start, for the start-latency benchmark.  What vee run must do at the
 * least, with no module and no checks: mkdir a fresh cgroup below PARENT,
 * write its memory.max and pids.max (the limits the benchmark gives vee),
 * clone3 with vee's default namespaces (mnt, pid, net, uts, ipc, cgroup)
 * straight into that cgroup, execv CMD, wait for it, rmdir the cgroup.
 */
#include <fcntl.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define FLOOR_MEM	"67108864"	/* vee run --mem 64M */
#define FLOOR_PIDS	"64"		/* vee run --pids 64 */

static int write_file(int dir, const char *file, const char *val)
{
	int fd = openat(dir, file, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, val, strlen(val));
	close(fd);
	return n == (ssize_t)strlen(val) ? 0 : -1;
}

int main(int argc, char **argv)
{
	struct clone_args args = {
		.flags = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET |
			 CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWCGROUP |
			 CLONE_INTO_CGROUP,
		.exit_signal = SIGCHLD,
	};
	char path[4096];
	int dir, status = 1;
	long pid;

	if (argc < 3) {
		fprintf(stderr, "usage: floor PARENT CMD [ARG]...\n");
		return 2;
	}
	snprintf(path, sizeof(path), "%s/f-%d", argv[1], (int)getpid());
	if (mkdir(path, 0755))
		return perror(path), 1;
	dir = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dir < 0 || write_file(dir, "memory.max", FLOOR_MEM) ||
	    write_file(dir, "pids.max", FLOOR_PIDS)) {
		perror(path);
		goto out;
	}
	args.cgroup = dir;
	pid = syscall(SYS_clone3, &args, sizeof(args));
	if (pid < 0) {
		perror("clone3");
		goto out;
	}
	if (pid == 0) {
		execv(argv[2], argv + 2);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) == pid && WIFEXITED(status))
		status = WEXITSTATUS(status);
	else
		status = 1;
out:
	if (dir >= 0)
		close(dir);
	if (rmdir(path))
		return perror(path), 1;
	return status;
}
