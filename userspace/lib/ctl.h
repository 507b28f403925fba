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

/*
 * Calls that select a domain take @id, or VEE_ID_NONE and @name.
 */

/*
 * Creates domain @name whose tasks need new @ns_flags (VEE_NS_*)
 * namespaces, with limits @lim (NULL: none) and the accounting @account
 * (VEE_ACCT_*).  When @cgroup_fd is not
 * NULL it receives an O_CLOEXEC fd of the domain's cgroup.  On failure
 * *@bad_limit (when not NULL) is the VEE_LIMIT_* bit the kernel refused,
 * or 0.
 */
int vee_ctl_create(int fd, const char *name, __u64 ns_flags, __u64 account,
		   const struct vee_limits *lim, int *cgroup_fd, uint32_t *id,
		   uint32_t *bad_limit);

/* @flags: VEE_DESTROY_FORCE to kill the domain's tasks first. */
int vee_ctl_destroy(int fd, uint32_t id, const char *name, uint32_t flags);
int vee_ctl_info(int fd, uint32_t id, const char *name, struct vee_info *info);

/* As create, *@bad_limit names the refused limit on failure (or is 0). */
int vee_ctl_set_limits(int fd, uint32_t id, const char *name,
		       const struct vee_limits *lim, uint32_t *bad_limit);

/* The caller becomes part of the domain (its init, the first time). */
int vee_ctl_enter(int fd, uint32_t id, const char *name);
int vee_ctl_kill(int fd, uint32_t id, const char *name, int sig);
int vee_ctl_freeze(int fd, uint32_t id, const char *name);
int vee_ctl_thaw(int fd, uint32_t id, const char *name);

/* An O_CLOEXEC fd of the domain's cgroup, for clone3's CLONE_INTO_CGROUP. */
int vee_ctl_open_cgroup(int fd, uint32_t id, const char *name, int *cgroup_fd);

/*
 * All ids, in increasing order, into a malloc'ed array (*ids, *count);
 * continues across as many VEE_IOC_LIST calls as it takes.
 */
int vee_ctl_list_all(int fd, uint32_t **ids, uint32_t *count);

#endif
