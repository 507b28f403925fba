/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libvee: the calls system software needs to drive vee isolation domains.
 *
 * Two planes, as in the module:
 *
 *  - control, vee_ctl_*(): ioctls on /dev/vee.  Open the device once with
 *    vee_ctl_open() and pass its descriptor to the others.  Opening needs
 *    CAP_SYS_ADMIN (the device is 0600 root unless a udev rule says
 *    otherwise).
 *  - observation, vee_nl_*(): the "vee" generic netlink family: one
 *    domain's state and counters, a dump of every domain, and the
 *    "events" multicast group.  Its requests and subscriptions need
 *    CAP_SYS_ADMIN and CAP_NET_ADMIN, outside any domain.
 *
 * A call that selects a domain takes an @id, or VEE_ID_NONE and a @name.
 *
 * Errors: every int-returning call returns 0 (or a descriptor, where said)
 * on success and a negative errno on failure, e.g. -ENOENT (no such
 * domain), -EEXIST (name taken), -EPERM (caller lacks CAP_SYS_ADMIN),
 * -EINVAL (bad argument or limit), -EBUSY (domain in the wrong state),
 * -EPROTO (the module answered something this library cannot parse).  No
 * call prints, calls exit(), or sets errno as its result; all are
 * thread-safe as long as a struct vee_nl is used by one thread at a time.
 *
 * ABI: the structs come from <linux/vee.h> and from this header; the
 * library's SONAME (libvee.so.0) changes whenever one of them changes
 * layout.  Link with `pkg-config --libs libvee`.
 */
#ifndef VEE_H
#define VEE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/vee.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What libvee exports; everything else in the library is hidden. */
#define VEE_API __attribute__((visibility("default")))

#define VEE_DEV_PATH "/dev/" VEE_DEVICE_NAME

/* Room for a cpuset list in a reply; the kernel sends at most 255 bytes. */
#define VEE_NL_LIST_MAX		256
#define VEE_NL_ERRMSG_MAX	256

/*
 * Control plane (/dev/vee).
 */

/**
 * vee_ctl_open() - open /dev/vee for the control calls
 *
 * Return: an O_CLOEXEC descriptor (close it with close(2)), or -ENOENT
 * when the module is not loaded, -EACCES/-EPERM without permission.
 */
VEE_API int vee_ctl_open(void);

/**
 * vee_ctl_version() - the loaded module's version and ABI
 * @fd: from vee_ctl_open()
 * @v: filled in (abi_major, abi_minor, module version string)
 *
 * Return: 0 or a negative errno.
 */
VEE_API int vee_ctl_version(int fd, struct vee_version *v);

/**
 * vee_ctl_create() - create a domain and its cgroup
 * @fd: from vee_ctl_open()
 * @name: the domain's name, [A-Za-z0-9_.-]{1,63}
 * @ns_flags: VEE_NS_* namespaces its tasks must have new (VEE_NS_DEFAULT)
 * @account: VEE_ACCT_* counters to keep (VEE_ACCT_DEFAULT)
 * @lim: limits to set at once, @lim->mask saying which (VEE_LIMIT_*
 *	 bits; the other fields must be zero); NULL for none
 * @cgroup_fd: when not NULL, receives an O_CLOEXEC descriptor of the
 *	 domain's cgroup directory, for clone3()'s CLONE_INTO_CGROUP
 * @id: when not NULL, receives the new domain's id
 * @bad_limit: when not NULL, receives on failure the VEE_LIMIT_* bit the
 *	 kernel refused, or 0
 *
 * A failed call leaves no domain behind.
 *
 * Return: 0, -EEXIST (name taken), -EINVAL (bad name, flags or limit), ...
 */
VEE_API int vee_ctl_create(int fd, const char *name, __u64 ns_flags,
			   __u64 account, const struct vee_limits *lim,
			   int *cgroup_fd, uint32_t *id, uint32_t *bad_limit);

/**
 * vee_ctl_create_args() - create a domain from the ioctl's own struct
 * @fd: from vee_ctl_open()
 * @c: struct vee_create as include/uapi/linux/vee.h documents it, with
 *     @c->size set by the caller to sizeof(*c) as the caller knows it, so
 *     that newer fields (confinement, VEE_CREATE_USERNS_AUTO) need no new
 *     call; the kernel fills in @c->id, @c->cgroup_fd, @c->bad_limit,
 *     @c->uid_base and @c->uid_count
 *
 * A failed call leaves no domain behind.  Since libvee 0.1 (VEE_0.1).
 *
 * Return: as vee_ctl_create(); -ENOSPC also when no uid range is free.
 */
VEE_API int vee_ctl_create_args(int fd, struct vee_create *c);

/**
 * vee_ctl_destroy() - destroy a domain and remove its cgroup
 * @fd: from vee_ctl_open()
 * @id: the domain's id, or VEE_ID_NONE to select by @name
 * @name: the domain's name when @id is VEE_ID_NONE
 * @flags: VEE_DESTROY_FORCE to kill its tasks first
 *
 * Return: 0, -ENOENT, -EBUSY (tasks left and no VEE_DESTROY_FORCE), ...
 */
VEE_API int vee_ctl_destroy(int fd, uint32_t id, const char *name,
			    uint32_t flags);

/**
 * vee_ctl_info() - one domain's identity, state and flags
 * @fd: from vee_ctl_open()
 * @id: the domain's id, or VEE_ID_NONE to select by @name
 * @name: the domain's name when @id is VEE_ID_NONE
 * @info: filled in (id, name, state, init pid, ns_flags, cgroup id, ...)
 *
 * Return: 0 or -ENOENT, ...
 */
VEE_API int vee_ctl_info(int fd, uint32_t id, const char *name,
			 struct vee_info *info);

/**
 * vee_ctl_set_limits() - change a domain's limits
 * @fd: from vee_ctl_open()
 * @id: the domain's id, or VEE_ID_NONE to select by @name
 * @name: the domain's name when @id is VEE_ID_NONE
 * @lim: the limits whose VEE_LIMIT_* bits are in @lim->mask
 * @bad_limit: when not NULL, receives on failure the refused bit, or 0
 *
 * Return: 0 or a negative errno.
 */
VEE_API int vee_ctl_set_limits(int fd, uint32_t id, const char *name,
			       const struct vee_limits *lim,
			       uint32_t *bad_limit);

/**
 * vee_ctl_enter() - make the calling task part of a domain
 * @fd: from vee_ctl_open()
 * @id: the domain's id, or VEE_ID_NONE to select by @name
 * @name: the domain's name when @id is VEE_ID_NONE
 *
 * The caller must already be in the domain's cgroup and in new namespaces
 * of every kind the domain asks for (clone3() with CLONE_INTO_CGROUP and
 * the CLONE_NEW* flags).  The first task to enter becomes the domain's
 * init; later ones must match the init's namespaces.
 *
 * Return: 0, -EPERM/-EINVAL (wrong namespaces or cgroup), ...
 */
VEE_API int vee_ctl_enter(int fd, uint32_t id, const char *name);

/**
 * vee_ctl_kill() - send a signal to every task of a domain
 * @fd: from vee_ctl_open()
 * @id: the domain's id, or VEE_ID_NONE to select by @name
 * @name: the domain's name when @id is VEE_ID_NONE
 * @sig: the signal number
 *
 * Return: 0 or a negative errno.
 */
VEE_API int vee_ctl_kill(int fd, uint32_t id, const char *name, int sig);

/**
 * vee_ctl_freeze() - freeze every task of a domain (cgroup.freeze)
 * @fd: from vee_ctl_open()
 * @id: the domain's id, or VEE_ID_NONE to select by @name
 * @name: the domain's name when @id is VEE_ID_NONE
 *
 * Return: 0 or a negative errno.
 */
VEE_API int vee_ctl_freeze(int fd, uint32_t id, const char *name);

/**
 * vee_ctl_thaw() - let a frozen domain run again
 * @fd: from vee_ctl_open()
 * @id: the domain's id, or VEE_ID_NONE to select by @name
 * @name: the domain's name when @id is VEE_ID_NONE
 *
 * Return: 0 or a negative errno.
 */
VEE_API int vee_ctl_thaw(int fd, uint32_t id, const char *name);

/**
 * vee_ctl_open_cgroup() - a descriptor of a domain's cgroup directory
 * @fd: from vee_ctl_open()
 * @id: the domain's id, or VEE_ID_NONE to select by @name
 * @name: the domain's name when @id is VEE_ID_NONE
 * @cgroup_fd: receives an O_CLOEXEC descriptor (-1 on failure)
 *
 * Return: 0 or a negative errno.
 */
VEE_API int vee_ctl_open_cgroup(int fd, uint32_t id, const char *name,
				int *cgroup_fd);

/**
 * vee_ctl_list_all() - the ids of every domain
 * @fd: from vee_ctl_open()
 * @ids: receives a malloc()ed array of ids in increasing order; free() it
 * @count: receives the number of ids
 *
 * Return: 0, -ENOMEM, ...
 */
VEE_API int vee_ctl_list_all(int fd, uint32_t **ids, uint32_t *count);

/*
 * Observation plane (generic netlink family "vee").
 */

/* One domain, as VEE_CMD_GET_DOMAIN and VEE_CMD_GET_STATS describe it. */
struct vee_nl_domain {
	uint32_t id;
	char name[VEE_NAME_MAX];
	uint32_t state;			/* enum vee_state */
	uint32_t init_pid;		/* 0: no init */
	uint64_t created_ns;		/* CLOCK_BOOTTIME */
	uint64_t ns_flags;		/* VEE_NS_* */
	uint64_t account;		/* VEE_ACCT_* */
	uint32_t lim_present;		/* 1 << VEE_LIM_* of the limits sent */
	uint64_t lim[__VEE_LIM_MAX];	/* numeric limits, CPU_WEIGHT too */
	char cpuset_cpus[VEE_NL_LIST_MAX];
	char cpuset_mems[VEE_NL_LIST_MAX];
	uint32_t use_present;		/* 1 << VEE_USE_* of the values sent */
	uint64_t use[__VEE_USE_MAX];	/* cgroup usage, by VEE_USE_* */
	uint64_t cnt[__VEE_CNT_MAX];	/* counters by VEE_CNT_*; absent: 0 */
};

/* One message of the "events" group. */
struct vee_nl_event {
	uint32_t event;			/* enum vee_event */
	uint64_t time_ns;		/* CLOCK_BOOTTIME */
	uint32_t id;
	char name[VEE_NAME_MAX];
	uint32_t resource;		/* enum vee_resource, 0 if none */
	bool has_counters;		/* destroyed: the final counters */
	uint64_t cnt[__VEE_CNT_MAX];
};

struct mnl_socket;

/*
 * A netlink connection.  Its fields are the library's; read only @errmsg,
 * the kernel's explanation (extended ack) of the last failed request, or "".
 */
struct vee_nl {
	struct mnl_socket *sock;
	uint32_t portid;
	uint32_t seq;
	uint16_t family;		/* the family's id (message type) */
	uint32_t version;		/* the family's version */
	uint32_t events_group;		/* multicast group id, 0 if none */
	char *buf;			/* receive buffer */
	char errmsg[VEE_NL_ERRMSG_MAX];
};

/**
 * vee_nl_open() - connect to the "vee" generic netlink family
 * @nl: the connection to set up; release it with vee_nl_close()
 *
 * Return: 0, -ENOENT (no family "vee" in this network namespace: the
 * module is not loaded, or the caller is not in the host's network
 * namespace), -EPROTONOSUPPORT (the module speaks another family
 * version), -ENOMEM, ...  On failure nothing is left to close.
 */
VEE_API int vee_nl_open(struct vee_nl *nl);

/**
 * vee_nl_close() - release a connection from vee_nl_open()
 * @nl: the connection
 */
VEE_API void vee_nl_close(struct vee_nl *nl);

/**
 * vee_nl_fd() - the connection's socket, to poll(2) for events
 * @nl: an open connection
 *
 * Return: the descriptor (owned by @nl: do not close it).
 */
VEE_API int vee_nl_fd(const struct vee_nl *nl);

/**
 * vee_nl_get() - one domain's description, or its statistics
 * @nl: an open connection
 * @cmd: VEE_CMD_GET_DOMAIN (identity, limits) or VEE_CMD_GET_STATS (that,
 *	 plus cgroup usage and the counters)
 * @id: the domain's id, or VEE_ID_NONE to select by @name
 * @name: the domain's name when @id is VEE_ID_NONE
 * @d: filled in
 *
 * Return: 0, -ENOENT (no such domain), -EPERM (the family's commands
 * need CAP_SYS_ADMIN and CAP_NET_ADMIN), ...
 */
VEE_API int vee_nl_get(struct vee_nl *nl, uint8_t cmd, uint32_t id,
		       const char *name, struct vee_nl_domain *d);

/**
 * vee_nl_dump() - every domain, with its statistics
 * @nl: an open connection
 * @fn: called once per domain in increasing id order; a non-zero return
 *	stops the walk (the rest of the dump is still read) and is returned
 * @data: passed to @fn
 *
 * Return: 0, what @fn returned, or a negative errno.
 */
VEE_API int vee_nl_dump(struct vee_nl *nl,
			int (*fn)(const struct vee_nl_domain *d, void *data),
			void *data);

/**
 * vee_nl_hooks() - which accounting hooks the module has attached now
 * @nl: an open connection
 * @hooks: receives the VEE_ACCT_* bits whose tracepoints are attached
 *
 * Return: 0 or a negative errno.
 */
VEE_API int vee_nl_hooks(struct vee_nl *nl, uint64_t *hooks);

/**
 * vee_nl_subscribe() - join the "events" multicast group
 * @nl: an open connection, used for events only from now on
 *
 * Return: 0, -EPROTONOSUPPORT (the module has no events group), ...
 */
VEE_API int vee_nl_subscribe(struct vee_nl *nl);

/**
 * vee_nl_recv_events() - wait for the next events
 * @nl: a connection after vee_nl_subscribe()
 * @fn: called for each event of the datagram received; a non-zero return
 *	stops and is returned
 * @data: passed to @fn
 *
 * Blocks until a datagram arrives (poll vee_nl_fd() first to avoid that).
 *
 * Return: 0, what @fn returned, -ENOBUFS when events were lost because the
 * socket's buffer overflowed (the connection stays usable), -ESHUTDOWN
 * when the family went away (the module was unloaded).
 */
VEE_API int vee_nl_recv_events(struct vee_nl *nl,
			       int (*fn)(const struct vee_nl_event *ev,
					 void *data),
			       void *data);

#ifdef __cplusplus
}
#endif

#endif /* VEE_H */
