/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * vee: isolation domains ("virtual execution environments") as a kernel
 * object.  This header is the whole ABI between vee.ko and userspace.
 *
 * Control plane: ioctls on the misc device /dev/vee.
 * Observation plane: the generic netlink family VEE_GENL_NAME.
 *
 * Every ioctl argument is an extensible struct in the style of
 * openat2(2) and clone3(2):
 *
 *  - The first field, @size, is sizeof() the struct as the caller knows
 *    it.  The kernel accepts any size from the struct's *_SIZE_VER0 up to
 *    one page.  When the caller's struct is larger than the kernel's, the
 *    extra bytes must be zero (otherwise E2BIG); when it is smaller, the
 *    missing fields read as zero.  On return the kernel writes back at most
 *    @size bytes, so an old caller never sees fields it does not know.
 *  - @flags: unknown bits are rejected with EINVAL.
 *  - Reserved fields must be zero (EINVAL otherwise); later versions give
 *    them a meaning where zero keeps today's behaviour.
 *  - Pointers travel as __aligned_u64.
 *
 * The ioctl number encodes the direction and the nr; the size bits carry
 * the VER0 size for tools like strace, and the kernel ignores them in
 * favour of @size, so a struct can grow without a new ioctl number.
 *
 * Every ioctl needs CAP_SYS_ADMIN in the initial user namespace, checked
 * when /dev/vee is opened and again on every call.
 *
 * Errors common to every ioctl:
 *   EPERM    caller lacks CAP_SYS_ADMIN
 *   EFAULT   argument pointer (or a pointer inside it) is bad
 *   EINVAL   @size below VER0, unknown @flags bit, non-zero reserved field
 *   E2BIG    @size above a page, or non-zero bytes beyond the kernel's struct
 *   ENOTTY   unknown ioctl
 */
#ifndef _UAPI_LINUX_VEE_H
#define _UAPI_LINUX_VEE_H

#include <linux/types.h>
#include <linux/ioctl.h>

/*
 * ABI version.  The major changes only on an incompatible change (a tool
 * must refuse to talk to a module of another major); the minor grows when
 * something is added compatibly (a new ioctl, flag, field or attribute).
 */
#define VEE_ABI_MAJOR		1
#define VEE_ABI_MINOR		0

#define VEE_DEVICE_NAME		"vee"	/* /dev/vee */

/*
 * Domain names: 1 to VEE_NAME_MAX - 1 characters of [A-Za-z0-9_.-], not
 * "." or "..", NUL-terminated in a VEE_NAME_MAX buffer; every byte after
 * the terminator must be zero.  The name becomes a cgroup directory name.
 */
#define VEE_NAME_MAX		64

/* Domain ids start at 1 and are never reused while the module is loaded. */
#define VEE_ID_NONE		0

/* enum vee_state: the life of a domain. */
enum vee_state {
	VEE_STATE_CREATED = 1,	/* exists, no task has entered yet */
	VEE_STATE_RUNNING,	/* its init has entered */
	VEE_STATE_FROZEN,	/* cgroup.freeze is in force */
	VEE_STATE_EMPTY,	/* its last task has exited */
	VEE_STATE_DYING,	/* being destroyed */
};

/* VEE_IOC_VERSION: what the loaded module speaks. */
struct vee_version {
	__u32 size;		/* in: sizeof(struct vee_version); out: bytes written */
	__u32 flags;		/* in: must be 0 */
	__u32 abi_major;	/* out: VEE_ABI_MAJOR of the module */
	__u32 abi_minor;	/* out: VEE_ABI_MINOR of the module */
	char module_version[32];/* out: module release, NUL-terminated */
	__u32 max_domains;	/* out: the module's max_domains parameter */
	__u32 nr_domains;	/* out: domains that exist now */
};

#define VEE_VERSION_SIZE_VER0	56

/*
 * Selecting a domain: by @id when it is not VEE_ID_NONE (then @name must be
 * all zero), otherwise by @name.  Neither or both: EINVAL.  No such domain:
 * ENOENT.
 */

/* VEE_IOC_CREATE: make a domain. */
struct vee_create {
	__u32 size;		/* in: sizeof(struct vee_create) */
	__u32 flags;		/* in: must be 0 */
	char name[VEE_NAME_MAX];/* in: the new domain's name */
	__u32 id;		/* out: the new domain's id */
	__u32 __reserved0;	/* must be 0 */
};

#define VEE_CREATE_SIZE_VER0	80

/*
 * Errors of VEE_IOC_CREATE: EINVAL bad name; EEXIST a domain of that name
 * exists; ENOSPC max_domains reached or ids exhausted; ENOMEM.
 */

/* VEE_IOC_DESTROY: remove a domain. */
struct vee_destroy {
	__u32 size;		/* in: sizeof(struct vee_destroy) */
	__u32 flags;		/* in: must be 0 */
	__u32 id;		/* in: domain id, or VEE_ID_NONE to select by name */
	char name[VEE_NAME_MAX];/* in: domain name when @id is VEE_ID_NONE */
	__u32 __reserved0;	/* must be 0 */
};

#define VEE_DESTROY_SIZE_VER0	80

/* VEE_IOC_INFO: describe one domain. */
struct vee_info {
	__u32 size;		/* in: sizeof(struct vee_info); out: bytes written */
	__u32 flags;		/* in: must be 0 */
	__u32 id;		/* in/out: selector (see above); out: the id */
	char name[VEE_NAME_MAX];/* in/out: selector; out: the name */
	__u32 state;		/* out: enum vee_state */
	__aligned_u64 created_ns; /* out: CLOCK_BOOTTIME when it was created */
	__u32 init_pid;		/* out: init's pid in the host's pid namespace, or 0 */
	__u32 __reserved0;	/* must be 0 */
};

#define VEE_INFO_SIZE_VER0	96

/*
 * VEE_IOC_LIST: the ids of existing domains, in increasing order, written
 * into the caller's array of __u32.
 *
 * Ids greater than @start_id are listed, so a caller with a small buffer
 * continues where it stopped by passing the last id it got.  @ids may be 0
 * when @count is 0, to learn @total alone.  Any @count is safe: the kernel
 * never writes more than @count ids and never allocates in proportion to it.
 */
struct vee_list {
	__u32 size;		/* in: sizeof(struct vee_list); out: bytes written */
	__u32 flags;		/* in: must be 0 */
	__aligned_u64 ids;	/* in: user pointer to __u32[@count] */
	__u32 count;		/* in: capacity of @ids; out: ids written */
	__u32 start_id;		/* in: list ids strictly greater than this */
	__u32 total;		/* out: number of domains that exist */
	__u32 __reserved0;	/* must be 0 */
};

#define VEE_LIST_SIZE_VER0	32

#define VEE_IOC_MAGIC		0xEE

#define VEE_IOC_VERSION	_IOWR(VEE_IOC_MAGIC, 0x00, struct vee_version)
#define VEE_IOC_CREATE	_IOWR(VEE_IOC_MAGIC, 0x01, struct vee_create)
#define VEE_IOC_DESTROY	_IOW(VEE_IOC_MAGIC, 0x02, struct vee_destroy)
#define VEE_IOC_INFO	_IOWR(VEE_IOC_MAGIC, 0x03, struct vee_info)
#define VEE_IOC_LIST	_IOWR(VEE_IOC_MAGIC, 0x04, struct vee_list)

/*
 * Generic netlink family.  The observation plane; numbers are fixed now so
 * that they never move, and the module registers the family once it serves
 * these commands.
 */
#define VEE_GENL_NAME		"vee"
#define VEE_GENL_VERSION	1
#define VEE_GENL_MCGRP_EVENTS	"events"

enum vee_genl_cmd {
	VEE_CMD_UNSPEC,
	VEE_CMD_GET_DOMAIN,	/* do: one domain (by VEE_A_ID or VEE_A_NAME); dump: all */
	VEE_CMD_GET_STATS,	/* do: counters of one domain */
	VEE_CMD_EVENT,		/* multicast on "events" */
	__VEE_CMD_MAX,
};

#define VEE_CMD_MAX (__VEE_CMD_MAX - 1)

enum vee_genl_attr {
	VEE_A_UNSPEC,
	VEE_A_ID,		/* u32 */
	VEE_A_NAME,		/* NUL-terminated string, < VEE_NAME_MAX */
	VEE_A_STATE,		/* u32, enum vee_state */
	VEE_A_INIT_PID,		/* u32 */
	VEE_A_CREATED_NS,	/* u64 */
	VEE_A_LIMITS,		/* nested */
	VEE_A_USAGE,		/* nested */
	VEE_A_COUNTERS,		/* nested */
	VEE_A_EVENT,		/* u32, enum vee_event */
	VEE_A_TIME_NS,		/* u64 */
	VEE_A_PAD,
	__VEE_A_MAX,
};

#define VEE_A_MAX (__VEE_A_MAX - 1)

enum vee_event {
	VEE_EVENT_UNSPEC,
	VEE_EVENT_CREATED,
	VEE_EVENT_STARTED,
	VEE_EVENT_OOM_KILL,
	VEE_EVENT_LIMIT_HIT,
	VEE_EVENT_EMPTY,
	VEE_EVENT_DESTROYED,
	__VEE_EVENT_MAX,
};

#endif /* _UAPI_LINUX_VEE_H */
