// SPDX-License-Identifier: GPL-2.0
/*
 * Namespace checks for VEE_IOC_ENTER.  See ns.h for why they are checks
 * and not the module's own doing.
 */
#include <linux/cgroup.h>
#include <linux/cred.h>
#include <linux/ipc_namespace.h>
#include <linux/nsproxy.h>
#include <linux/pid_namespace.h>
#include <linux/sched/task.h>
#include <linux/time_namespace.h>
#include <linux/user_namespace.h>
#include <linux/utsname.h>
#include <net/net_namespace.h>
#include <uapi/linux/vee.h>

#include "cgroup.h"
#include "ns.h"

enum { VEE_NS_TYPES = 8 };

static const struct {
	u64 bit;
	const char *name;
} vee_ns_types[VEE_NS_TYPES] = {
	{ VEE_NS_MNT, "mnt" },
	{ VEE_NS_UTS, "uts" },
	{ VEE_NS_IPC, "ipc" },
	{ VEE_NS_NET, "net" },
	{ VEE_NS_CGROUP, "cgroup" },
	{ VEE_NS_TIME, "time" },
	{ VEE_NS_PID, "pid" },
	{ VEE_NS_USER, "user" },
};

/* The namespaces of one task, in vee_ns_types order. */
static void vee_ns_collect(const void *ns[VEE_NS_TYPES],
			   const struct nsproxy *nsp,
			   const struct pid_namespace *pid_ns,
			   const struct user_namespace *user_ns)
{
	ns[0] = nsp->mnt_ns;
	ns[1] = nsp->uts_ns;
	ns[2] = nsp->ipc_ns;
	ns[3] = nsp->net_ns;
	ns[4] = nsp->cgroup_ns;
	ns[5] = nsp->time_ns;
	ns[6] = pid_ns;
	ns[7] = user_ns;
}

static void vee_ns_current(const void *ns[VEE_NS_TYPES])
{
	vee_ns_collect(ns, current->nsproxy, task_active_pid_ns(current),
		       current_user_ns());
}

u64 vee_ns_new(void)
{
	const void *mine[VEE_NS_TYPES], *init[VEE_NS_TYPES];
	u64 new = 0;
	int i;

	vee_ns_current(mine);
	vee_ns_collect(init, init_task.nsproxy, &init_pid_ns, &init_user_ns);
	for (i = 0; i < VEE_NS_TYPES; i++)
		if (mine[i] != init[i])
			new |= vee_ns_types[i].bit;
	return new;
}

/* Like vee_ns_shared(), but -ESRCH when @task is exiting. */
static int vee_ns_compare(struct task_struct *task, u64 flags, u64 *same)
{
	const void *mine[VEE_NS_TYPES], *theirs[VEE_NS_TYPES];
	int i;

	vee_ns_current(mine);

	/* task_lock keeps @task's nsproxy, and so its namespaces, in place. */
	task_lock(task);
	if (!task->nsproxy) {
		task_unlock(task);
		return -ESRCH;
	}
	rcu_read_lock();
	vee_ns_collect(theirs, task->nsproxy, task_active_pid_ns(task),
		       task_cred_xxx(task, user_ns));
	rcu_read_unlock();
	*same = 0;
	for (i = 0; i < VEE_NS_TYPES; i++)
		if ((flags & vee_ns_types[i].bit) && mine[i] == theirs[i])
			*same |= vee_ns_types[i].bit;
	task_unlock(task);
	return 0;
}

int vee_ns_same(struct task_struct *task, u64 flags, const char **which)
{
	u64 same, differ;
	int err;

	err = vee_ns_compare(task, flags, &same);
	if (err)
		return err;
	differ = flags & ~same;
	if (!differ)
		return 0;
	*which = vee_ns_name(differ & -differ);
	return -EPERM;
}

u64 vee_ns_shared(struct task_struct *task, u64 flags)
{
	u64 same;

	return vee_ns_compare(task, flags, &same) ? 0 : same;
}

bool vee_ns_caller_in_domain(void)
{
	return vee_cgroup_current_inside() ||
	       task_active_pid_ns(current) != &init_pid_ns;
}

const char *vee_ns_name(u64 bit)
{
	int i;

	for (i = 0; i < VEE_NS_TYPES; i++)
		if (vee_ns_types[i].bit == bit)
			return vee_ns_types[i].name;
	return "?";
}
