/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The control plane from userspace: /dev/vee and its ioctls.  Every call
 * returns 0 or a negative errno, and never prints.
 */
#ifndef VEE_CTL_H
#define VEE_CTL_H

#include <stdint.h>
#include <linux/vee.h>

#define VEE_DEV_PATH "/dev/" VEE_DEVICE_NAME

int vee_ctl_open(void);
int vee_ctl_version(int fd, struct vee_version *v);
int vee_ctl_create(int fd, const char *name, uint32_t *id);
int vee_ctl_destroy(int fd, uint32_t id, const char *name);
int vee_ctl_info(int fd, uint32_t id, const char *name, struct vee_info *info);

/*
 * All ids, in increasing order, into a malloc'ed array (*ids, *count);
 * continues across as many VEE_IOC_LIST calls as it takes.
 */
int vee_ctl_list_all(int fd, uint32_t **ids, uint32_t *count);

#endif
