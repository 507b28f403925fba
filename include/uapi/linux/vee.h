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
 *    it.  The kernel accepts any size from the struct's *_SIZE_VER0 (its
 *    first published size; later ones are *_SIZE_VER1, ...) up to one
 *    page.  When the caller's struct is larger than the kernel's, the
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
#define VEE_ABI_MINOR		1

#define VEE_DEVICE_NAME		"vee"	/* /dev/vee */

/*
 * Domain names: 1 to VEE_NAME_MAX - 1 characters of [A-Za-z0-9_.-], the
 * first one not '.' or '-' (so never "." or ".."), NUL-terminated in a
 * VEE_NAME_MAX buffer; every byte after the terminator must be zero.  The
 * name becomes a cgroup directory name.
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

/*
 * Namespaces a domain requires of its tasks, as clone3(2) flags (the values
 * are CLONE_NEW*, so the tool hands them to clone3 unchanged).
 */
#define VEE_NS_MNT		0x00020000ULL	/* CLONE_NEWNS */
#define VEE_NS_CGROUP		0x02000000ULL	/* CLONE_NEWCGROUP */
#define VEE_NS_UTS		0x04000000ULL	/* CLONE_NEWUTS */
#define VEE_NS_IPC		0x08000000ULL	/* CLONE_NEWIPC */
#define VEE_NS_USER		0x10000000ULL	/* CLONE_NEWUSER */
#define VEE_NS_PID		0x20000000ULL	/* CLONE_NEWPID */
#define VEE_NS_NET		0x40000000ULL	/* CLONE_NEWNET */
#define VEE_NS_TIME		0x00000080ULL	/* CLONE_NEWTIME */
#define VEE_NS_DEFAULT		(VEE_NS_MNT | VEE_NS_PID | VEE_NS_NET | \
				 VEE_NS_UTS | VEE_NS_IPC | VEE_NS_CGROUP)
#define VEE_NS_ALL		(VEE_NS_DEFAULT | VEE_NS_USER | VEE_NS_TIME)

/*
 * Accounting a domain asks for: each bit attaches kernel tracepoints while
 * some domain has it (see the counters below).  VEE_ACCT_SYSCALL slows
 * every system call on the host while attached, so it is never default.
 */
#define VEE_ACCT_SCHED		(1ULL << 0)	/* context switches */
#define VEE_ACCT_FORK		(1ULL << 1)	/* forks, execs, exits */
#define VEE_ACCT_FAULT		(1ULL << 2)	/* user page faults */
#define VEE_ACCT_IO		(1ULL << 3)	/* block I/O bytes */
#define VEE_ACCT_NET		(1ULL << 4)	/* bytes through its net ns */
#define VEE_ACCT_OOM		(1ULL << 5)	/* OOM kills, limit hits */
#define VEE_ACCT_SYSCALL	(1ULL << 6)	/* system calls */
#define VEE_ACCT_DEFAULT	(VEE_ACCT_SCHED | VEE_ACCT_FORK | \
				 VEE_ACCT_FAULT | VEE_ACCT_IO | \
				 VEE_ACCT_NET | VEE_ACCT_OOM)
#define VEE_ACCT_ALL		(VEE_ACCT_DEFAULT | VEE_ACCT_SYSCALL)

/*
 * Resource limits, applied to the domain's cgroup v2 files.  @mask says
 * which fields are set; the others are ignored and must be zero.  A field
 * set to VEE_LIMIT_MAX means "max" (no limit).  When the kernel refuses a
 * value, the call fails and the enclosing struct's @bad_limit names it.
 */
#define VEE_LIMIT_MAX		(~0ULL)

#define VEE_LIMIT_MEMORY_MAX	(1U << 0)	/* memory.max */
#define VEE_LIMIT_MEMORY_HIGH	(1U << 1)	/* memory.high */
#define VEE_LIMIT_SWAP_MAX	(1U << 2)	/* memory.swap.max */
#define VEE_LIMIT_PIDS_MAX	(1U << 3)	/* pids.max */
#define VEE_LIMIT_CPU_MAX	(1U << 4)	/* cpu.max */
#define VEE_LIMIT_CPU_WEIGHT	(1U << 5)	/* cpu.weight */
#define VEE_LIMIT_CPUSET_CPUS	(1U << 6)	/* cpuset.cpus */
#define VEE_LIMIT_CPUSET_MEMS	(1U << 7)	/* cpuset.mems */
#define VEE_LIMIT_IO_MAX	(1U << 8)	/* io.max, one device */
#define VEE_LIMIT_ALL		((1U << 9) - 1)

/* Most bytes a cpuset bitmap may have: 8192 CPUs or nodes. */
#define VEE_CPUSET_BITMAP_MAX	1024

struct vee_limits {
	__u32 mask;		/* VEE_LIMIT_* bits of the fields that are set */
	__u32 cpu_weight;	/* 1 to 10000 */
	__aligned_u64 memory_max;  /* bytes (rounded down to pages), or MAX */
	__aligned_u64 memory_high; /* bytes, or MAX */
	__aligned_u64 swap_max;	/* bytes, or MAX */
	__aligned_u64 pids_max;	/* 1 to 4194304, or MAX */
	__aligned_u64 cpu_quota_us;  /* 1000 us or more per period, or MAX */
	__aligned_u64 cpu_period_us; /* 1000 to 1000000; 0 means 100000 */
	/*
	 * cpuset.cpus and cpuset.mems as bitmaps of __u64 words: CPU (node) n
	 * is bit n % 64 of word n / 64.  @*_size is in bytes, a multiple of 8,
	 * at most VEE_CPUSET_BITMAP_MAX; the set must not be empty and must
	 * name only CPUs (nodes) that exist.
	 */
	__aligned_u64 cpuset_cpus;	/* user pointer */
	__aligned_u64 cpuset_mems;	/* user pointer */
	__u32 cpuset_cpus_size;
	__u32 cpuset_mems_size;
	/* io.max for one block device; each rate is a number or MAX. */
	__u32 io_major;
	__u32 io_minor;
	__aligned_u64 io_rbps;
	__aligned_u64 io_wbps;
	__aligned_u64 io_riops;
	__aligned_u64 io_wiops;
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

/*
 * Confinement: what the tool does to every task of a domain before that
 * task runs the domain's code (capability sets, a seccomp filter,
 * no_new_privs, masked and read-only paths, a minimal /dev and a device
 * allow-list).  The module cannot do these to a task itself; it records
 * them at create so that every client that later joins the domain (vee
 * exec, an OCI runtime's exec) applies the same, and reports them.  A
 * domain with none of the bits set is privileged.
 */
#define VEE_CONFINE_CAPS	(1U << 0)	/* capabilities cut to @caps */
#define VEE_CONFINE_SECCOMP	(1U << 1)	/* seccomp filter @seccomp_key */
#define VEE_CONFINE_NNP		(1U << 2)	/* no_new_privs */
#define VEE_CONFINE_PATHS	(1U << 3)	/* masked and read-only paths */
#define VEE_CONFINE_DEVICES	(1U << 4)	/* minimal /dev, device allow-list */
#define VEE_CONFINE_SECCOMP_CUSTOM (1U << 5)	/* the filter is not the default */
#define VEE_CONFINE_ALL		((1U << 6) - 1)

/* Capabilities are numbered as in linux/capability.h, at most this one. */
#define VEE_CAP_LAST		40		/* CAP_CHECKPOINT_RESTORE */

/*
 * User ids: with VEE_CREATE_USERNS_AUTO the module gives the domain a
 * range of VEE_USERNS_RANGE host uids (and the same gids) that no other
 * domain has while it lives; its init must then be in a user namespace,
 * a child of the initial one, whose uid and gid maps are each the one
 * line "0 uid_base VEE_USERNS_RANGE" (the same ids split over several
 * lines are refused too).  A range goes back to the pool with the
 * domain's last reference, and may then be given to a new domain: files a
 * destroyed domain left on disk are owned by ids the next one may hold.
 * Module parameters userns_base and userns_ranges size the pool (0 ranges:
 * VEE_CREATE_USERNS_AUTO is always ENOSPC).
 */
#define VEE_USERNS_RANGE	65536

/* VEE_IOC_CREATE: make a domain, its cgroup, and apply its limits. */
#define VEE_CREATE_CGROUP_FD	(1U << 0)	/* return the cgroup's fd */
#define VEE_CREATE_USERNS_AUTO	(1U << 1)	/* allocate a uid range; needs VEE_NS_USER */

struct vee_create {
	__u32 size;		/* in: sizeof(struct vee_create) */
	__u32 flags;		/* in: VEE_CREATE_* */
	char name[VEE_NAME_MAX];/* in: the new domain's name */
	__u32 id;		/* out: the new domain's id; in: must be 0 */
	/*
	 * out: with VEE_CREATE_CGROUP_FD, an O_RDONLY | O_DIRECTORY |
	 * O_CLOEXEC fd of the domain's cgroup (for clone3's
	 * CLONE_INTO_CGROUP); otherwise -1.
	 */
	__s32 cgroup_fd;
	__aligned_u64 ns_flags;	/* in: VEE_NS_* its tasks must have new */
	__u32 bad_limit;	/* out: on failure, the VEE_LIMIT_* refused */
	__u32 __reserved0;	/* must be 0 */
	struct vee_limits limits; /* in */
	__aligned_u64 account;	/* in: VEE_ACCT_* (0: none) */
	__u32 confine;		/* in: VEE_CONFINE_* */
	__u32 uid_count;	/* out: VEE_USERNS_RANGE with USERNS_AUTO, else 0; in: 0 */
	__aligned_u64 caps;	/* in: with VEE_CONFINE_CAPS, capabilities kept
				 * (bit n: capability n, n <= VEE_CAP_LAST);
				 * otherwise 0
				 */
	__aligned_u64 seccomp_key; /* in: with VEE_CONFINE_SECCOMP, the tool's
				    * name of the filter (not 0); otherwise 0
				    */
	__u32 uid_base;		/* out: first host uid and gid of the range; in: 0 */
	__u32 __reserved1;	/* must be 0 */
};

#define VEE_CREATE_SIZE_VER0	80	/* up to @__reserved0's old place */
#define VEE_CREATE_SIZE_VER1	216	/* + ns_flags, bad_limit, limits */
#define VEE_CREATE_SIZE_VER2	224	/* + account */
#define VEE_CREATE_SIZE_VER3	256	/* + confine ... __reserved1 */

/*
 * Errors of VEE_IOC_CREATE: EINVAL bad name, namespace flag, limit (see
 * @bad_limit) or confinement record, or VEE_CREATE_USERNS_AUTO without
 * VEE_NS_USER or with a struct smaller than VEE_CREATE_SIZE_VER3; EEXIST
 * a domain of that name exists (or a directory of that name is in the
 * module's cgroup subtree); ENOSPC max_domains reached,
 * ids exhausted, or every uid range taken (VEE_CREATE_USERNS_AUTO);
 * EOPNOTSUPP a limit whose controller the kernel lacks; ENOMEM.  A failed
 * create leaves nothing behind.
 */

/*
 * VEE_IOC_DESTROY: remove a domain.  A domain with live tasks is refused
 * with EBUSY unless VEE_DESTROY_FORCE, which kills them (SIGKILL through
 * cgroup.kill) and waits until the cgroup is empty (ETIMEDOUT after 10 s
 * with the domain left dying; destroying it again retries).
 */
#define VEE_DESTROY_FORCE	(1U << 0)

struct vee_destroy {
	__u32 size;		/* in: sizeof(struct vee_destroy) */
	__u32 flags;		/* in: VEE_DESTROY_* */
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
	__u32 init_pid;		/* out: init's pid in the caller's pid
				 * namespace; 0 before it entered and after
				 * it exited
				 */
	__u32 __reserved0;	/* must be 0 */
	__aligned_u64 ns_flags;	/* out: VEE_NS_* the domain requires */
	__aligned_u64 cgroup_id; /* out: its cgroup's id (the directory's inode) */
	__aligned_u64 account;	/* out: VEE_ACCT_* */
	__u32 confine;		/* out: VEE_CONFINE_* */
	__u32 uid_count;	/* out: its uid range's size, 0 without one */
	__aligned_u64 caps;	/* out: capabilities kept (VEE_CONFINE_CAPS) */
	__aligned_u64 seccomp_key; /* out: the filter (VEE_CONFINE_SECCOMP) */
	__u32 uid_base;		/* out: first host uid of its range */
	__u32 __reserved1;	/* must be 0 */
};

#define VEE_INFO_SIZE_VER0	96	/* up to __reserved0 */
#define VEE_INFO_SIZE_VER1	112	/* + ns_flags, cgroup_id */
#define VEE_INFO_SIZE_VER2	120	/* + account */
#define VEE_INFO_SIZE_VER3	152	/* + confine ... __reserved1 */

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

/*
 * VEE_IOC_SET_LIMITS: change a domain's limits.  All values are checked
 * first; if the kernel then refuses one, those already written are put
 * back, @bad_limit names the refused one, and the call fails.
 */
struct vee_set_limits {
	__u32 size;		/* in: sizeof(struct vee_set_limits) */
	__u32 flags;		/* in: must be 0 */
	__u32 id;		/* in: selector */
	char name[VEE_NAME_MAX];/* in: selector */
	__u32 bad_limit;	/* out: on failure, the VEE_LIMIT_* refused */
	struct vee_limits limits; /* in: @mask must not be 0 */
};

#define VEE_SET_LIMITS_SIZE_VER0 200

/*
 * VEE_IOC_ENTER: the calling task declares itself part of the domain.  It
 * must already be in the domain's cgroup (clone3 with CLONE_INTO_CGROUP)
 * and in new namespaces of every type the domain requires.  The first
 * ENTER makes the caller the domain's init (it must be PID 1 of its pid
 * namespace when the domain requires one) and the domain running; later
 * ENTERs (vee exec) must be in exactly the init's namespaces.  A domain
 * with a uid range (VEE_CREATE_USERNS_AUTO) takes a first ENTER only from
 * a user namespace, child of the initial one, whose uid and gid maps are
 * exactly that range.  This is the
 * one ioctl a task inside a domain may make; it is authorised by the
 * privilege of whoever opened /dev/vee, so a task that has entered a new
 * user namespace can still make it on an fd its parent opened.
 * Errors: EPERM wrong cgroup or namespaces (a message in the kernel log says
 * which); ESRCH the init has exited; EBUSY the domain is dying or frozen.
 */
struct vee_enter {
	__u32 size;		/* in: sizeof(struct vee_enter) */
	__u32 flags;		/* in: must be 0 */
	__u32 id;		/* in: selector */
	char name[VEE_NAME_MAX];/* in: selector */
};

#define VEE_ENTER_SIZE_VER0	76

/*
 * VEE_IOC_KILL: send @signal to every task of the domain (SIGKILL goes
 * through cgroup.kill and so reaches tasks forked meanwhile).
 */
struct vee_kill {
	__u32 size;		/* in: sizeof(struct vee_kill) */
	__u32 flags;		/* in: must be 0 */
	__u32 id;		/* in: selector */
	char name[VEE_NAME_MAX];/* in: selector */
	__u32 signal;		/* in: 1 to 64 */
};

#define VEE_KILL_SIZE_VER0	80

/*
 * VEE_IOC_FREEZE, VEE_IOC_THAW: cgroup.freeze, returning once every task
 * is frozen (ETIMEDOUT after 10 s, left freezing) or thawed.
 */
struct vee_freeze {
	__u32 size;		/* in: sizeof(struct vee_freeze) */
	__u32 flags;		/* in: must be 0 */
	__u32 id;		/* in: selector */
	char name[VEE_NAME_MAX];/* in: selector */
};

#define VEE_FREEZE_SIZE_VER0	76

/*
 * VEE_IOC_OPEN_CGROUP: an O_RDONLY | O_DIRECTORY | O_CLOEXEC fd of the
 * domain's cgroup directory, for clone3's CLONE_INTO_CGROUP (vee exec).
 */
struct vee_open_cgroup {
	__u32 size;		/* in: sizeof(struct vee_open_cgroup) */
	__u32 flags;		/* in: must be 0 */
	__u32 id;		/* in: selector */
	char name[VEE_NAME_MAX];/* in: selector */
	__s32 fd;		/* out */
};

#define VEE_OPEN_CGROUP_SIZE_VER0 80

#define VEE_IOC_MAGIC		0xEE

#define VEE_IOC_VERSION	_IOWR(VEE_IOC_MAGIC, 0x00, struct vee_version)
/*
 * A number, once published, never changes: CREATE and INFO carry the size
 * their struct had then (VER2), not today's sizeof.
 */
#define VEE_IOC_CREATE	_IOC(_IOC_READ | _IOC_WRITE, VEE_IOC_MAGIC, 0x01, \
			     VEE_CREATE_SIZE_VER2)
#define VEE_IOC_DESTROY	_IOW(VEE_IOC_MAGIC, 0x02, struct vee_destroy)
#define VEE_IOC_INFO	_IOC(_IOC_READ | _IOC_WRITE, VEE_IOC_MAGIC, 0x03, \
			     VEE_INFO_SIZE_VER2)
#define VEE_IOC_LIST	_IOWR(VEE_IOC_MAGIC, 0x04, struct vee_list)
#define VEE_IOC_SET_LIMITS _IOWR(VEE_IOC_MAGIC, 0x05, struct vee_set_limits)
#define VEE_IOC_ENTER	_IOW(VEE_IOC_MAGIC, 0x06, struct vee_enter)
#define VEE_IOC_KILL	_IOW(VEE_IOC_MAGIC, 0x07, struct vee_kill)
#define VEE_IOC_FREEZE	_IOW(VEE_IOC_MAGIC, 0x08, struct vee_freeze)
#define VEE_IOC_THAW	_IOW(VEE_IOC_MAGIC, 0x09, struct vee_freeze)
#define VEE_IOC_OPEN_CGROUP _IOWR(VEE_IOC_MAGIC, 0x0a, struct vee_open_cgroup)

/*
 * Generic netlink family VEE_GENL_NAME: the observation plane.
 *
 * VEE_CMD_GET_DOMAIN
 *   do:   request VEE_A_ID or VEE_A_NAME (exactly one); reply one domain.
 *   dump: every domain, in increasing id order, across as many messages as
 *         it takes (the dump resumes after the last id sent).
 *   A domain message carries VEE_A_ID, VEE_A_NAME, VEE_A_STATE,
 *   VEE_A_INIT_PID (absent when there is none), VEE_A_CREATED_NS,
 *   VEE_A_NS_FLAGS, VEE_A_ACCOUNT, VEE_A_CONFINE, VEE_A_CAPS and
 *   VEE_A_SECCOMP_KEY (the last two only with their VEE_CONFINE_* bit),
 *   VEE_A_UID_BASE and VEE_A_UID_COUNT (only with a uid range),
 *   VEE_A_LIMITS (nested VEE_LIM_*; a limit that is not set is absent),
 *   VEE_A_USAGE (nested VEE_USE_*, read from the cgroup's own files) and
 *   VEE_A_COUNTERS (nested VEE_CNT_*).
 * VEE_CMD_GET_STATS
 *   do:   like GET_DOMAIN's do; the same message.  Kept apart so that
 *         cheaper replies can come later without changing GET_DOMAIN.
 * VEE_CMD_GET_HOOKS
 *   do:   VEE_A_HOOKS, the VEE_ACCT_* whose tracepoints are attached now.
 * VEE_CMD_EVENT
 *   multicast on VEE_GENL_MCGRP_EVENTS: VEE_A_EVENT, VEE_A_TIME_NS
 *   (CLOCK_BOOTTIME), VEE_A_ID, VEE_A_NAME, and per event:
 *   LIMIT_HIT VEE_A_RESOURCE; DESTROYED VEE_A_COUNTERS (the final values).
 *
 * The family exists in the initial network namespace only.  Every command
 * needs CAP_SYS_ADMIN in the initial user namespace (both the socket's
 * opener and the sender) and CAP_NET_ADMIN (GENL_ADMIN_PERM), and is
 * refused to tasks inside a domain: EPERM.  Joining the events group needs
 * CAP_SYS_ADMIN.  Requests are validated strictly: a do of GET_DOMAIN or
 * GET_STATS carries exactly one VEE_A_ID (not 0) or VEE_A_NAME (a valid
 * name, NUL-terminated, nothing after the NUL), once; a dump and GET_HOOKS
 * carry no attribute; any other attribute, a wrong length or a non-zero
 * genetlink reserved byte is EINVAL, with an extended ack that says why.
 * An unknown command (or a dump of one that has none) is EOPNOTSUPP; no
 * such domain is ENOENT.
 * All counters are u64 and only grow during a domain's life.
 */
#define VEE_GENL_NAME		"vee"
#define VEE_GENL_VERSION	1
#define VEE_GENL_MCGRP_EVENTS	"events"

enum vee_genl_cmd {
	VEE_CMD_UNSPEC,
	VEE_CMD_GET_DOMAIN,
	VEE_CMD_GET_STATS,
	VEE_CMD_EVENT,
	VEE_CMD_GET_HOOKS,
	__VEE_CMD_MAX,
};

#define VEE_CMD_MAX (__VEE_CMD_MAX - 1)

enum vee_genl_attr {
	VEE_A_UNSPEC,
	VEE_A_ID,		/* u32 */
	VEE_A_NAME,		/* NUL-terminated string, < VEE_NAME_MAX */
	VEE_A_STATE,		/* u32, enum vee_state */
	VEE_A_INIT_PID,		/* u32, in the reader's pid namespace */
	VEE_A_CREATED_NS,	/* u64, CLOCK_BOOTTIME */
	VEE_A_LIMITS,		/* nested, enum vee_limit_attr */
	VEE_A_USAGE,		/* nested, enum vee_usage_attr */
	VEE_A_COUNTERS,		/* nested, enum vee_counter_attr */
	VEE_A_EVENT,		/* u32, enum vee_event */
	VEE_A_TIME_NS,		/* u64, CLOCK_BOOTTIME */
	VEE_A_PAD,
	VEE_A_NS_FLAGS,		/* u64, VEE_NS_* */
	VEE_A_ACCOUNT,		/* u64, VEE_ACCT_* */
	VEE_A_HOOKS,		/* u64, VEE_ACCT_* attached now */
	VEE_A_RESOURCE,		/* u32, enum vee_resource */
	VEE_A_CONFINE,		/* u32, VEE_CONFINE_* */
	VEE_A_CAPS,		/* u64, capabilities kept */
	VEE_A_SECCOMP_KEY,	/* u64 */
	VEE_A_UID_BASE,		/* u32, first host uid of its range */
	VEE_A_UID_COUNT,	/* u32 */
	__VEE_A_MAX,
};

#define VEE_A_MAX (__VEE_A_MAX - 1)

/* Limits as set; the memory and pids ones are VEE_LIMIT_MAX for "max". */
enum vee_limit_attr {
	VEE_LIM_UNSPEC,
	VEE_LIM_MEMORY_MAX,	/* u64 bytes */
	VEE_LIM_MEMORY_HIGH,	/* u64 bytes */
	VEE_LIM_SWAP_MAX,	/* u64 bytes */
	VEE_LIM_PIDS_MAX,	/* u64 */
	VEE_LIM_CPU_MAX_US,	/* u64 quota per period; absent for "max" */
	VEE_LIM_CPU_PERIOD_US,	/* u64 */
	VEE_LIM_CPU_WEIGHT,	/* u32 */
	VEE_LIM_CPUSET_CPUS,	/* string, a list such as "0-3,8" */
	VEE_LIM_CPUSET_MEMS,	/* string */
	VEE_LIM_PAD,
	__VEE_LIM_MAX,
};

#define VEE_LIM_MAX (__VEE_LIM_MAX - 1)

/* Usage, read from the domain's cgroup files when asked. */
enum vee_usage_attr {
	VEE_USE_UNSPEC,
	VEE_USE_CPU_USAGE_US,	/* u64, cpu.stat usage_usec */
	VEE_USE_MEMORY_CURRENT,	/* u64, memory.current */
	VEE_USE_MEMORY_PEAK,	/* u64, memory.peak */
	VEE_USE_PIDS_CURRENT,	/* u64, pids.current */
	VEE_USE_PAD,
	__VEE_USE_MAX,
};

#define VEE_USE_MAX (__VEE_USE_MAX - 1)

/* Counters, each a u64. */
enum vee_counter_attr {
	VEE_CNT_UNSPEC,
	VEE_CNT_FORKS,
	VEE_CNT_EXECS,
	VEE_CNT_EXITS,
	VEE_CNT_CTX_SWITCHES_VOLUNTARY,
	VEE_CNT_CTX_SWITCHES_INVOLUNTARY,
	VEE_CNT_PAGE_FAULTS,
	VEE_CNT_SYSCALLS,
	VEE_CNT_IO_READ_BYTES,
	VEE_CNT_IO_WRITE_BYTES,
	VEE_CNT_NET_RX_BYTES,
	VEE_CNT_NET_TX_BYTES,
	VEE_CNT_OOM_KILLS,
	VEE_CNT_MEMORY_LIMIT_HITS,
	VEE_CNT_PIDS_LIMIT_HITS,
	VEE_CNT_PAD,
	__VEE_CNT_MAX,
};

#define VEE_CNT_MAX (__VEE_CNT_MAX - 1)

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

enum vee_resource {
	VEE_RESOURCE_UNSPEC,
	VEE_RESOURCE_MEMORY,
	VEE_RESOURCE_PIDS,
};

#endif /* _UAPI_LINUX_VEE_H */
