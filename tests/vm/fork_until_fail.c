// SPDX-License-Identifier: GPL-2.0
/*
 * fork_until_fail [MAX]: fork children that wait, one after another, until
 * fork fails or MAX (default 1000) have been made; print
 * "forks=N errno=NAME" (NAME "none" if MAX was reached), then kill and
 * reap the children.  Helper of isolation_test.sh (pids.max = P with only
 * this program in the cgroup allows P - 1 forks, then EAGAIN).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_KIDS 1000

static const char *errno_name(int err)
{
	static char buf[32];

	switch (err) {
	case 0:
		return "none";
	case EAGAIN:
		return "EAGAIN";
	case ENOMEM:
		return "ENOMEM";
	case EPERM:
		return "EPERM";
	case ENOSPC:
		return "ENOSPC";
	}
	snprintf(buf, sizeof(buf), "errno%d", err);
	return buf;
}

int main(int argc, char **argv)
{
	static pid_t kids[MAX_KIDS];
	int max = argc > 1 ? atoi(argv[1]) : MAX_KIDS;
	int n, i, err = 0;

	if (max < 1 || max > MAX_KIDS) {
		fprintf(stderr, "fork_until_fail: MAX must be 1 to %d\n", MAX_KIDS);
		return 2;
	}
	for (n = 0; n < max; n++) {
		pid_t pid = fork();

		if (pid < 0) {
			err = errno;
			break;
		}
		if (pid == 0) {
			for (;;)
				pause();
		}
		kids[n] = pid;
	}
	printf("forks=%d errno=%s\n", n, errno_name(err));
	fflush(stdout);
	for (i = 0; i < n; i++)
		kill(kids[i], SIGKILL);
	for (i = 0; i < n; i++)
		waitpid(kids[i], NULL, 0);
	return 0;
}
