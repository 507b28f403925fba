// SPDX-License-Identifier: GPL-2.0
/*
 * vee-example: what system software does with libvee.  Creates a domain
 * with a 64 MiB memory limit, finds it in the netlink dump of all domains,
 * reads its statistics, and destroys it.
 *
 *   cc -o vee-example vee-example.c $(pkg-config --cflags --libs libvee)
 *   vee-example [--hold] NAME
 *
 * With --hold it waits for a line on stdin before destroying the domain,
 * so a script can look at it (vee list, its cgroup) in the meantime.
 * Needs root outside any domain (CAP_SYS_ADMIN; netlink also CAP_NET_ADMIN).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <vee.h>

#define EXAMPLE_MEM (64ULL << 20)

struct find {
	const char *name;
	uint32_t id;
};

/* vee_nl_dump() callback: remember the id of the domain called f->name. */
static int find_domain(const struct vee_nl_domain *d, void *data)
{
	struct find *f = data;

	printf("listed %s id %u\n", d->name, d->id);
	if (!strcmp(d->name, f->name))
		f->id = d->id;
	return 0;
}

static int fail(const char *what, const char *name, int err)
{
	fprintf(stderr, "vee-example: %s %s: %s\n", what, name, strerror(-err));
	return 1;
}

int main(int argc, char **argv)
{
	struct vee_limits lim = {
		.mask = VEE_LIMIT_MEMORY_MAX, .memory_max = EXAMPLE_MEM,
	};
	struct vee_nl_domain d;
	struct vee_nl nl;
	struct find f = { 0 };
	int hold = argc == 3 && !strcmp(argv[1], "--hold");
	uint32_t id, bad;
	char line[16];
	int fd, err, ret = 1;

	if (argc != 2 + hold) {
		fprintf(stderr, "usage: vee-example [--hold] NAME\n");
		return 2;
	}
	f.name = argv[1 + hold];

	fd = vee_ctl_open();
	if (fd < 0)
		return fail("open", VEE_DEV_PATH, fd);
	err = vee_ctl_create(fd, f.name, VEE_NS_DEFAULT, VEE_ACCT_DEFAULT,
			     &lim, NULL, &id, &bad);
	if (err) {
		close(fd);
		return fail("create", f.name, err);
	}
	printf("created %s id %u\n", f.name, id);

	err = vee_nl_open(&nl);
	if (err) {
		fail("netlink", f.name, err);
		goto destroy;
	}
	err = vee_nl_dump(&nl, find_domain, &f);
	if (err || f.id != id) {
		fail("list", f.name, err ? err : -ENOENT);
		goto close_nl;
	}
	err = vee_nl_get(&nl, VEE_CMD_GET_STATS, VEE_ID_NONE, f.name, &d);
	if (err) {
		fail("stats", f.name, err);
		goto close_nl;
	}
	printf("stats %s memory_max %llu memory_current %llu forks %llu\n",
	       d.name, (unsigned long long)d.lim[VEE_LIM_MEMORY_MAX],
	       (unsigned long long)d.use[VEE_USE_MEMORY_CURRENT],
	       (unsigned long long)d.cnt[VEE_CNT_FORKS]);
	ret = 0;
	if (hold) {
		printf("holding\n");
		fflush(stdout);
		if (!fgets(line, sizeof(line), stdin))
			line[0] = 0;
	}
close_nl:
	vee_nl_close(&nl);
destroy:
	err = vee_ctl_destroy(fd, id, NULL, VEE_DESTROY_FORCE);
	close(fd);
	if (err)
		return fail("destroy", f.name, err);
	printf("destroyed %s\n", f.name);
	return ret;
}
