// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "lib/ctl.h"

int vee_ctl_open(void)
{
	int fd = open(VEE_DEV_PATH, O_RDWR | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

static int vee_ioctl(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) < 0 ? -errno : 0;
}

/* Names travel zero-padded; one that does not fit is the kernel's EINVAL. */
static int vee_put_name(char dst[VEE_NAME_MAX], const char *name)
{
	size_t len = name ? strlen(name) : 0;

	memset(dst, 0, VEE_NAME_MAX);
	if (len >= VEE_NAME_MAX)
		return -ENAMETOOLONG;
	memcpy(dst, name, len);
	return 0;
}

/* A selector's name field: @name when @id is VEE_ID_NONE, else all zero. */
static int vee_put_selector(char dst[VEE_NAME_MAX], uint32_t id,
			    const char *name)
{
	return vee_put_name(dst, id == VEE_ID_NONE ? name : NULL);
}

int vee_ctl_version(int fd, struct vee_version *v)
{
	memset(v, 0, sizeof(*v));
	v->size = sizeof(*v);
	return vee_ioctl(fd, VEE_IOC_VERSION, v);
}

int vee_ctl_destroy(int fd, uint32_t id, const char *name, uint32_t flags)
{
	struct vee_destroy d = { .size = sizeof(d), .flags = flags, .id = id };
	int err;

	err = vee_put_selector(d.name, id, name);
	if (err)
		return err;
	return vee_ioctl(fd, VEE_IOC_DESTROY, &d);
}

int vee_ctl_create_args(int fd, struct vee_create *c)
{
	int err;

	if (c->flags & VEE_CREATE_CGROUP_FD)
		c->cgroup_fd = -1;
	err = vee_ioctl(fd, VEE_IOC_CREATE, c);
	if (err)
		return err;
	/*
	 * Asked for and not given: a module we cannot work with.  Take the
	 * domain back, so a failed call leaves nothing behind.
	 */
	if ((c->flags & VEE_CREATE_CGROUP_FD) && c->cgroup_fd < 0) {
		vee_ctl_destroy(fd, c->id, NULL, 0);
		return -EPROTO;
	}
	return 0;
}

int vee_ctl_create(int fd, const char *name, __u64 ns_flags, __u64 account,
		   const struct vee_limits *lim, int *cgroup_fd, uint32_t *id,
		   uint32_t *bad_limit)
{
	struct vee_create c = {
		.size = sizeof(c), .ns_flags = ns_flags, .account = account,
	};
	int err;

	if (bad_limit)
		*bad_limit = 0;
	if (cgroup_fd) {
		c.flags |= VEE_CREATE_CGROUP_FD;
		*cgroup_fd = -1;
	}
	if (lim)
		c.limits = *lim;
	err = vee_put_name(c.name, name);
	if (err)
		return err;
	err = vee_ctl_create_args(fd, &c);
	if (err) {
		if (bad_limit)
			*bad_limit = c.bad_limit;
		return err;
	}
	if (id)
		*id = c.id;
	if (cgroup_fd)
		*cgroup_fd = c.cgroup_fd;
	return 0;
}

int vee_ctl_info(int fd, uint32_t id, const char *name, struct vee_info *info)
{
	int err;

	memset(info, 0, sizeof(*info));
	info->size = sizeof(*info);
	info->id = id;
	err = vee_put_selector(info->name, id, name);
	if (err)
		return err;
	return vee_ioctl(fd, VEE_IOC_INFO, info);
}

int vee_ctl_list_all(int fd, uint32_t **idsp, uint32_t *countp)
{
	struct vee_list l;
	uint32_t *ids = NULL, *grown, n = 0, cap = 0;
	int err;

	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			grown = realloc(ids, cap * sizeof(*ids));
			if (!grown) {
				free(ids);
				return -ENOMEM;
			}
			ids = grown;
		}
		memset(&l, 0, sizeof(l));
		l.size = sizeof(l);
		l.ids = (uintptr_t)(ids + n);
		l.count = cap - n;
		l.start_id = n ? ids[n - 1] : 0;
		err = vee_ioctl(fd, VEE_IOC_LIST, &l);
		if (err) {
			free(ids);
			return err;
		}
		/*
		 * Ids must come back increasing and past start_id; anything
		 * else would make this loop run forever.
		 */
		if (l.count > cap - n || (l.count && ids[n] <= l.start_id)) {
			free(ids);
			return -EPROTO;
		}
		n += l.count;
		if (n < cap)
			break;	/* the kernel had fewer than we had room for */
	}
	*idsp = ids;
	*countp = n;
	return 0;
}

int vee_ctl_set_limits(int fd, uint32_t id, const char *name,
		       const struct vee_limits *lim, uint32_t *bad_limit)
{
	struct vee_set_limits sl = { .size = sizeof(sl), .id = id };
	int err;

	if (bad_limit)
		*bad_limit = 0;
	sl.limits = *lim;
	err = vee_put_selector(sl.name, id, name);
	if (err)
		return err;
	err = vee_ioctl(fd, VEE_IOC_SET_LIMITS, &sl);
	if (err && bad_limit)
		*bad_limit = sl.bad_limit;
	return err;
}

int vee_ctl_enter(int fd, uint32_t id, const char *name)
{
	struct vee_enter e = { .size = sizeof(e), .id = id };
	int err;

	err = vee_put_selector(e.name, id, name);
	if (err)
		return err;
	return vee_ioctl(fd, VEE_IOC_ENTER, &e);
}

int vee_ctl_kill(int fd, uint32_t id, const char *name, int sig)
{
	struct vee_kill k = { .size = sizeof(k), .id = id, .signal = sig };
	int err;

	err = vee_put_selector(k.name, id, name);
	if (err)
		return err;
	return vee_ioctl(fd, VEE_IOC_KILL, &k);
}

static int vee_ctl_freeze_thaw(int fd, unsigned long cmd, uint32_t id,
			       const char *name)
{
	struct vee_freeze f = { .size = sizeof(f), .id = id };
	int err;

	err = vee_put_selector(f.name, id, name);
	if (err)
		return err;
	return vee_ioctl(fd, cmd, &f);
}

int vee_ctl_freeze(int fd, uint32_t id, const char *name)
{
	return vee_ctl_freeze_thaw(fd, VEE_IOC_FREEZE, id, name);
}

int vee_ctl_thaw(int fd, uint32_t id, const char *name)
{
	return vee_ctl_freeze_thaw(fd, VEE_IOC_THAW, id, name);
}

int vee_ctl_open_cgroup(int fd, uint32_t id, const char *name, int *cgroup_fd)
{
	struct vee_open_cgroup o = { .size = sizeof(o), .id = id, .fd = -1 };
	int err;

	*cgroup_fd = -1;
	err = vee_put_selector(o.name, id, name);
	if (err)
		return err;
	err = vee_ioctl(fd, VEE_IOC_OPEN_CGROUP, &o);
	if (err)
		return err;
	if (o.fd < 0)
		return -EPROTO;
	*cgroup_fd = o.fd;
	return 0;
}
