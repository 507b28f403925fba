// SPDX-License-Identifier: GPL-2.0
/*
 * uname26 CMD [ARGS...]: runs CMD with the UNAME26 personality, under which
 * uname(2) reports a 2.6.x release.  Lets the tests watch the tool's
 * "kernel too old" check on a real kernel that is not old.
 */
#include <stdio.h>
#include <sys/personality.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: uname26 CMD [ARGS...]\n");
		return 2;
	}
	if (personality(PER_LINUX | UNAME26) < 0) {
		perror("uname26: personality");
		return 1;
	}
	execvp(argv[1], argv + 1);
	perror("uname26: exec");
	return 127;
}
