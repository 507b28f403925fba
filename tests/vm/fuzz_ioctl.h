/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The fuzzer's ioctl half (included by fuzz_test.c only): random and
 * mutated requests on /dev/vee.  Every command number of the magic and
 * some outside it, any size from 0 past a page (in @size and in the
 * number's size bits), arguments that end at an unmapped page, random
 * flags, reserved bytes, ids and names, and valid structs with one field
 * changed.
 */
#ifndef VEE_FUZZ_IOCTL_H
#define VEE_FUZZ_IOCTL_H

#include <sys/ioctl.h>
#include <sys/mman.h>

#include "guest.h"

#define FZ_PAGE		4096
#define FZ_ARENA	(2 * FZ_PAGE)	/* followed by an unmapped page */

struct fz_cmd {
	unsigned int nr;
	uint32_t ver0, size;	/* first published size, today's size */
	uint32_t name_off;	/* offset of the name selector, 0 if none */
};

static const struct fz_cmd fz_cmds[] = {
	{ VEE_IOC_VERSION, VEE_VERSION_SIZE_VER0, sizeof(struct vee_version), 0 },
	{ VEE_IOC_CREATE, VEE_CREATE_SIZE_VER0, sizeof(struct vee_create), 8 },
	{ VEE_IOC_DESTROY, VEE_DESTROY_SIZE_VER0, sizeof(struct vee_destroy), 12 },
	{ VEE_IOC_INFO, VEE_INFO_SIZE_VER0, sizeof(struct vee_info), 12 },
	{ VEE_IOC_LIST, VEE_LIST_SIZE_VER0, sizeof(struct vee_list), 0 },
	{ VEE_IOC_SET_LIMITS, VEE_SET_LIMITS_SIZE_VER0,
	  sizeof(struct vee_set_limits), 12 },
	{ VEE_IOC_ENTER, VEE_ENTER_SIZE_VER0, sizeof(struct vee_enter), 12 },
	{ VEE_IOC_KILL, VEE_KILL_SIZE_VER0, sizeof(struct vee_kill), 12 },
	{ VEE_IOC_FREEZE, VEE_FREEZE_SIZE_VER0, sizeof(struct vee_freeze), 12 },
	{ VEE_IOC_THAW, VEE_FREEZE_SIZE_VER0, sizeof(struct vee_freeze), 12 },
	{ VEE_IOC_OPEN_CGROUP, VEE_OPEN_CGROUP_SIZE_VER0,
	  sizeof(struct vee_open_cgroup), 12 },
};

#define FZ_NR_CMDS	(sizeof(fz_cmds) / sizeof(fz_cmds[0]))

struct fz_ioctl {
	uint64_t *rng;
	int dev;
	char *arena;		/* FZ_ARENA bytes, then a PROT_NONE page */
	uint32_t ids[8];	/* ids seen lately, for selectors */
	long calls, created, ok;
};

static inline int fz_ioctl_init(struct fz_ioctl *f, uint64_t *rng, int dev)
{
	char *p = mmap(NULL, FZ_ARENA + FZ_PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED || mprotect(p + FZ_ARENA, FZ_PAGE, PROT_NONE))
		return -1;
	memset(f, 0, sizeof(*f));
	f->rng = rng;
	f->dev = dev;
	f->arena = p;
	return 0;
}

/* A 64-bit value that sits on a boundary more often than chance would. */
static inline uint64_t fz_value(uint64_t *r)
{
	static const uint64_t edge[] = {
		0, 1, 2, 63, 64, 65, 127, 4095, 4096, 4097, 0x7fffffff,
		0x80000000, 0xffffffff, 0x100000000ULL, ~0ULL, ~0ULL - 1,
		1ULL << 63, 1000, 1000000, 4194304, 4194305, 10000, 10001,
	};

	switch (rnd(r, 3)) {
	case 0:
		return edge[rnd(r, sizeof(edge) / sizeof(edge[0]))];
	case 1:
		return rnd(r, 256);
	default:
		return rnd64(r);
	}
}

/*
 * A name buffer: valid names, names that try to leave the subtree, and
 * bytes a directory name must not have.
 */
static inline void fz_name(uint64_t *r, char name[VEE_NAME_MAX])
{
	static const char *const tricks[] = {
		"", ".", "..", "../x", "/", "a/b", "..\\x", "fz/..", "x\n",
		"\x01", " ", "a b", "\xc3\xa9t\xc3\xa9", "\xff", "-", "_", "...",
		"fzl0", "fzl1", "fzl2", "fzl3", "cgroup.procs", "memory.max",
	};
	static const char ok[] =
		"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";
	unsigned int len, i;

	memset(name, 0, VEE_NAME_MAX);
	switch (rnd(r, 4)) {
	case 0:
		i = rnd(r, sizeof(tricks) / sizeof(tricks[0]));
		memcpy(name, tricks[i], strlen(tricks[i]));
		break;
	case 1:		/* valid, up to the longest and one past it */
		len = 1 + rnd(r, VEE_NAME_MAX);
		for (i = 0; i < len; i++)
			name[i] = ok[rnd(r, sizeof(ok) - 1)];
		break;
	case 2:		/* random bytes, maybe with garbage after a NUL */
		len = rnd(r, VEE_NAME_MAX + 1);
		for (i = 0; i < len; i++)
			name[i] = (char)rnd(r, 256);
		break;
	default:	/* a short valid name with one stray byte */
		snprintf(name, VEE_NAME_MAX, "fz%u", rnd(r, 16));
		name[rnd(r, VEE_NAME_MAX)] = (char)rnd(r, 256);
	}
}

/* A plausible struct for @c at @p, selecting a recent id or a name. */
static void fz_valid(struct fz_ioctl *f, const struct fz_cmd *c, char *p)
{
	uint64_t *r = f->rng;

	memset(p, 0, c->size);
	*(uint32_t *)p = c->size;
	if (c->nr == VEE_IOC_CREATE) {
		struct vee_create *cr = (void *)p;

		fz_name(r, cr->name);
		cr->flags = rnd(r, 2) ? VEE_CREATE_CGROUP_FD : 0;
		cr->ns_flags = rnd64(r) & VEE_NS_ALL;
		cr->account = rnd64(r) & VEE_ACCT_DEFAULT;
		cr->limits.mask = rnd(r, 4) ? 0 : rnd64(r) & VEE_LIMIT_ALL;
		cr->limits.pids_max = 1 + rnd(r, 1000);
		cr->limits.memory_max = (16 + rnd(r, 256)) << 20;
		cr->limits.cpu_weight = 1 + rnd(r, 10000);
		cr->limits.cpuset_cpus = (uintptr_t)f->arena;
		cr->limits.cpuset_cpus_size = 8 * rnd(r, 3);
		return;
	}
	if (c->nr == VEE_IOC_LIST) {
		struct vee_list *l = (void *)p;

		l->ids = (uintptr_t)f->arena;
		l->count = rnd(r, 3) ? rnd(r, 64) : (uint32_t)fz_value(r);
		l->start_id = rnd(r, 2) ? 0 : f->ids[rnd(r, 8)];
		return;
	}
	if (!c->name_off)
		return;
	if (rnd(r, 2))
		*(uint32_t *)(p + 8) = f->ids[rnd(r, 8)];
	else
		fz_name(r, p + c->name_off);
	if (c->nr == VEE_IOC_KILL)
		((struct vee_kill *)p)->signal = rnd(r, 4) ? 1 + rnd(r, 64) :
							     (uint32_t)fz_value(r);
	if (c->nr == VEE_IOC_SET_LIMITS) {
		struct vee_set_limits *s = (void *)p;

		s->limits.mask = 1U << rnd(r, 9);
		s->limits.pids_max = fz_value(r);
		s->limits.memory_max = fz_value(r);
		s->limits.cpu_quota_us = fz_value(r);
		s->limits.cpu_period_us = fz_value(r);
		s->limits.cpu_weight = (uint32_t)fz_value(r);
		s->limits.cpuset_mems = (uintptr_t)f->arena;
		s->limits.cpuset_mems_size = 8;
	}
}

/* Changes one field (an aligned word, a byte or one bit) of @len bytes. */
static void fz_mutate(uint64_t *r, char *p, uint32_t len)
{
	uint32_t off;

	if (!len)
		return;
	off = rnd(r, len);
	switch (rnd(r, 3)) {
	case 0:
		off &= ~7U;
		if (off + 8 <= len) {
			uint64_t v = fz_value(r);

			memcpy(p + off, &v, 8);
			break;
		}
		/* fall through */
	case 1:
		p[off] = (char)fz_value(r);
		break;
	default:
		p[off] ^= (char)(1U << rnd(r, 8));
	}
}

/* The ioctl number: a real one, its size bits changed, or another. */
static unsigned long fz_number(uint64_t *r, const struct fz_cmd *c)
{
	switch (rnd(r, 8)) {
	case 0:	/* any nr of the magic, any direction and size */
		return _IOC(rnd(r, 4), VEE_IOC_MAGIC, rnd(r, 256),
			    rnd(r, _IOC_SIZEMASK + 1));
	case 1:	/* another magic */
		return _IOC(rnd(r, 4), rnd(r, 256), rnd(r, 32), rnd(r, 512));
	case 2:
		return (unsigned int)rnd64(r);
	case 3:	/* right number, size bits anywhere from 0 to the max */
		return (c->nr & ~(_IOC_SIZEMASK << _IOC_SIZESHIFT)) |
		       ((unsigned long)rnd(r, _IOC_SIZEMASK + 1) << _IOC_SIZESHIFT);
	default:
		return c->nr;
	}
}

/* @size: today's, VER0, one off either, a page, past it, or anything. */
static uint32_t fz_size(uint64_t *r, const struct fz_cmd *c, uint32_t room)
{
	switch (rnd(r, 10)) {
	case 0:
		return c->ver0 - 1;
	case 1:
		return c->size + 1 + rnd(r, 64);
	case 2:
		return FZ_PAGE - rnd(r, 2);
	case 3:
		return FZ_PAGE + 1 + rnd(r, FZ_PAGE);
	case 4:
		return rnd(r, 4) ? rnd(r, room + 1) : (uint32_t)fz_value(r);
	case 5:
		return c->ver0;
	default:
		return c->size;
	}
}

/*
 * One request.  Returns the ioctl's result, and notes ids of domains it
 * created so that later requests select them.
 */
static int fz_ioctl_one(struct fz_ioctl *f)
{
	uint64_t *r = f->rng;
	const struct fz_cmd *c = &fz_cmds[rnd(r, FZ_NR_CMDS)];
	unsigned long nr = fz_number(r, c);
	uint32_t len = c->size, off, size;
	void *arg;
	char *p;
	int ret;

	/* Random bytes, or a valid struct mutated (or not) in one field. */
	if (!rnd(r, 5)) {
		len = rnd(r, FZ_ARENA + 1);
		off = FZ_ARENA - len;
		p = f->arena + off;
		for (uint32_t i = 0; i < len; i++)
			p[i] = (char)rnd(r, 256);
	} else {
		/* Flush with the unmapped page, or at the start. */
		off = rnd(r, 2) ? FZ_ARENA - c->size : 0;
		p = f->arena + off;
		fz_valid(f, c, p);
		if (rnd(r, 4))
			fz_mutate(r, p, c->size);
	}
	size = fz_size(r, c, FZ_ARENA - off);
	if (len >= 4)
		memcpy(p, &size, 4);

	switch (rnd(r, 40)) {
	case 0:
		arg = NULL;
		break;
	case 1:
		arg = (void *)(uintptr_t)0xffffffff81000000ULL;
		break;
	case 2:
		arg = f->arena + FZ_ARENA;	/* the unmapped page */
		break;
	default:
		arg = p;
	}
	ret = ioctl(f->dev, nr, arg);
	f->calls++;
	if (!ret) {
		f->ok++;
		if (nr == VEE_IOC_CREATE && arg == p) {
			f->created++;
			f->ids[rnd(r, 8)] = ((struct vee_create *)p)->id;
		}
	}
	return ret;
}

#endif /* VEE_FUZZ_IOCTL_H */
