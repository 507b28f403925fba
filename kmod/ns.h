/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Namespaces are made by userspace (clone3; the kernel exports nothing
 * that makes them) and checked here.  Namespaces are compared by identity
 * only, with the compared task's namespaces pinned by that task for the
 * comparison, so no reference is taken or kept.
 */
#ifndef _VEE_NS_H
#define _VEE_NS_H

#include <linux/types.h>

struct task_struct;

/* The VEE_NS_* in which the calling task differs from the initial task. */
u64 vee_ns_new(void);

/*
 * 0 if the calling task shares with @task every namespace in @flags;
 * -EPERM, with *@which set to the first that differs; -ESRCH if @task is
 * exiting.
 */
int vee_ns_same(struct task_struct *task, u64 flags, const char **which);

/*
 * The VEE_NS_* of @flags in which the calling task and @task are in the
 * same namespace (0 if @task is exiting).
 */
u64 vee_ns_shared(struct task_struct *task, u64 flags);

/*
 * Whether the calling task may be part of a domain, and so may not manage
 * domains: it is in cgroup_root or below, or in a pid namespace other than
 * the initial one.  The second test still holds when root in a domain
 * without a cgroup namespace has moved itself out of the domain's cgroup.
 */
bool vee_ns_caller_in_domain(void);

/* "mnt", "pid", ... for one VEE_NS_* bit. */
const char *vee_ns_name(u64 bit);

#endif /* _VEE_NS_H */
