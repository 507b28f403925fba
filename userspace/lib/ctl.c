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

int vee_ctl_version(int fd, struct vee_version *v)
{
	memset(v, 0, sizeof(*v));
	v->size = sizeof(*v);
	return vee_ioctl(fd, VEE_IOC_VERSION, v);
}

int vee_ctl_create(int fd, const char *name, uint32_t *id)
{
	struct vee_create c = { .size = sizeof(c) };
	int err;

	err = vee_put_name(c.name, name);
	if (err)
		return err;
	err = vee_ioctl(fd, VEE_IOC_CREATE, &c);
	if (!err && id)
		*id = c.id;
	return err;
}

int vee_ctl_destroy(int fd, uint32_t id, const char *name)
{
	struct vee_destroy d = { .size = sizeof(d), .id = id };
	int err;

	if (id == VEE_ID_NONE) {
		err = vee_put_name(d.name, name);
		if (err)
			return err;
	}
	return vee_ioctl(fd, VEE_IOC_DESTROY, &d);
}

int vee_ctl_info(int fd, uint32_t id, const char *name, struct vee_info *info)
{
	int err;

	memset(info, 0, sizeof(*info));
	info->size = sizeof(*info);
	info->id = id;
	if (id == VEE_ID_NONE) {
		err = vee_put_name(info->name, name);
		if (err)
			return err;
	}
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
