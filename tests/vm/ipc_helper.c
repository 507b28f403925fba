// SPDX-License-Identifier: GPL-2.0
/*
 * ipc_helper OP TYPE KEY: System V IPC by key, to observe IPC namespaces.
 *   OP:   create (IPC_CREAT | IPC_EXCL), exists, remove
 *   TYPE: shm (a one-page segment) or msg (a message queue)
 *   KEY:  a number (0x... allowed)
 * Exit 0: done / it exists; 1: it does not exist (exists, remove) or it
 * exists already (create); 2: usage or another error.  Helper of
 * isolation_test.sh.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/shm.h>

static int get(int shm, key_t key, int flags)
{
	return shm ? shmget(key, 4096, flags | 0600) : msgget(key, flags | 0600);
}

int main(int argc, char **argv)
{
	const char *op;
	key_t key;
	int shm, id, r;

	if (argc != 4 || (strcmp(argv[2], "shm") && strcmp(argv[2], "msg"))) {
		fprintf(stderr, "usage: ipc_helper create|exists|remove shm|msg KEY\n");
		return 2;
	}
	op = argv[1];
	shm = !strcmp(argv[2], "shm");
	key = (key_t)strtol(argv[3], NULL, 0);

	if (!strcmp(op, "create")) {
		id = get(shm, key, IPC_CREAT | IPC_EXCL);
		if (id < 0) {
			fprintf(stderr, "ipc_helper: create %s %s: %s\n", argv[2],
				argv[3], strerror(errno));
			return errno == EEXIST ? 1 : 2;
		}
		printf("%d\n", id);
		return 0;
	}
	if (strcmp(op, "exists") && strcmp(op, "remove")) {
		fprintf(stderr, "ipc_helper: unknown operation '%s'\n", op);
		return 2;
	}
	id = get(shm, key, 0);
	if (id < 0)
		return errno == ENOENT ? 1 : 2;
	if (!strcmp(op, "exists"))
		return 0;
	r = shm ? shmctl(id, IPC_RMID, NULL) : msgctl(id, IPC_RMID, NULL);
	if (r) {
		fprintf(stderr, "ipc_helper: remove: %s\n", strerror(errno));
		return 2;
	}
	return 0;
}
