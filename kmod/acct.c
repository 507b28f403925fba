// SPDX-License-Identifier: GPL-2.0
/*
 * Accounting hooks.  Tracepoints are found by name at load (they are not
 * exported symbols), and a family of them is attached only while some
 * domain asks for it (and for probe_linger_ms after): an attached probe
 * costs every task on the host, an idle one nothing.
 *
 * The probes run on the hot paths of the whole machine, so they take no
 * lock, allocate nothing and write no shared cache line: a task's domain is
 * found from its cgroup (the ancestor one level below cgroup_root) through
 * an RCU hash keyed by cgroup id, remembered per CPU, and the count goes
 * into that domain's per-CPU block.  A reader sums the blocks.
 *
 * Locking: vee_acct_lock (a mutex) guards the per-family user counts and
 * tracepoint (un)registration, and the insertions into vee_by_cgroup.
 * Probes read vee_by_cgroup under rcu_read_lock() only.  A domain leaves
 * the hash before it is freed, after an RCU grace period that also covers
 * probes still running (see domain.c).
 */
#include <linux/blk_types.h>
#include <linux/bio.h>
#include <linux/cgroup.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/percpu.h>
#include <linux/rhashtable.h>
#include <linux/sched.h>
#include <linux/tracepoint.h>
#include <linux/workqueue.h>
#include <net/net_namespace.h>

#include "acct.h"
#include "cgroup.h"
#include "domain.h"
#include "event.h"
#include "hits.h"

struct vee_acct_pcpu {
	u64 val[__VEE_CNT_MAX];
};

static DEFINE_MUTEX(vee_acct_lock);
static struct rhashtable vee_by_cgroup;
static struct rhashtable vee_by_net;	/* domains with their own net ns */
static struct cgroup *vee_root_cgrp;	/* pinned for the module's life */
static int vee_root_level;

static const struct rhashtable_params vee_cgroup_params = {
	.key_len = sizeof(u64),
	.key_offset = offsetof(struct vee_domain, cgroup_id),
	.head_offset = offsetof(struct vee_domain, cgroup_node),
	.automatic_shrinking = true,
};

static const struct rhashtable_params vee_net_params = {
	.key_len = sizeof(struct net *),
	.key_offset = offsetof(struct vee_domain, net),
	.head_offset = offsetof(struct vee_domain, net_node),
	.automatic_shrinking = true,
};

/* The domain of cgroup @cg, or NULL.  Under rcu_read_lock(). */
static __always_inline struct vee_domain *vee_cgroup_domain(struct cgroup *cg)
{
	u64 id;

	if (cg->level <= vee_root_level ||
	    cg->ancestors[vee_root_level] != vee_root_cgrp)
		return NULL;
	id = cgroup_id(cg->ancestors[vee_root_level + 1]);
	return rhashtable_lookup(&vee_by_cgroup, &id, vee_cgroup_params);
}

static __always_inline struct vee_domain *vee_task_domain(struct task_struct *t)
{
	return vee_cgroup_domain(task_dfl_cgroup(t));
}

/*
 * Each CPU remembers its last lookup: the task an event is for is mostly in
 * the same leaf cgroup as the one before on that CPU, and the hash walk is
 * most of what a probe costs (measured: a third of a getppid() under TCG).
 *
 * An entry is valid while vee_acct_gen has not moved.  Every insertion
 * into or removal from vee_by_cgroup bumps it, under vee_acct_lock, before
 * the RCU grace period that precedes the domain's free; a probe reads the
 * generation before it looks anything up, so one that still sees the old
 * generation runs inside a read-side section that free waits for.  The key
 * is the leaf cgroup's id, which is never reused.  Only task context uses
 * the cache: an interrupt's probe could otherwise tear an entry in use.
 */
struct vee_acct_cache {
	u64 cgroup_id;
	unsigned long gen;
	u64 account;				/* the domain's, 0 if none */
	struct vee_acct_pcpu __percpu *acct;
};

static DEFINE_PER_CPU(struct vee_acct_cache, vee_acct_cache);
static unsigned long vee_acct_gen = 1;	/* 0-filled entries never match */

/* Fills @c for leaf cgroup @cg. */
static noinline void vee_acct_cache_fill(struct vee_acct_cache *c,
					 struct cgroup *cg, u64 id,
					 unsigned long gen)
{
	struct vee_domain *dom;

	rcu_read_lock();
	dom = vee_cgroup_domain(cg);
	c->cgroup_id = id;
	c->gen = gen;
	c->account = dom ? dom->account : 0;
	c->acct = dom ? dom->acct : NULL;
	rcu_read_unlock();
}

/*
 * Adds @n to counter @cnt of @t's domain if it accounts @family.
 *
 * Tracepoints call their probes with preemption disabled, which is an RCU
 * read-side section for call_rcu() and for task_dfl_cgroup()'s check: the
 * hit path needs no rcu_read_lock(), a real call on these PREEMPT_RCU
 * kernels.  The hash lookup on a miss takes it, as rhashtable asks.
 */
static __always_inline void vee_count(struct task_struct *t, u64 family,
				      int cnt, u64 n)
{
	struct vee_acct_cache *c;
	struct vee_domain *dom;
	struct cgroup *cg;
	unsigned long gen;
	u64 id;

	cg = task_dfl_cgroup(t);
	if (cg->level <= vee_root_level)
		return;
	if (unlikely(!in_task())) {
		rcu_read_lock();
		dom = vee_cgroup_domain(cg);
		if (dom && (dom->account & family))
			this_cpu_add(dom->acct->val[cnt], n);
		rcu_read_unlock();
		return;
	}
	c = this_cpu_ptr(&vee_acct_cache);
	id = cgroup_id(cg);
	gen = READ_ONCE(vee_acct_gen);
	if (unlikely(c->cgroup_id != id || c->gen != gen))
		vee_acct_cache_fill(c, cg, id, gen);
	if (c->account & family)
		this_cpu_add(c->acct->val[cnt], n);
}

static void vee_probe_sched_switch(void *data, bool preempt,
				   struct task_struct *prev,
				   struct task_struct *next,
				   unsigned int prev_state)
{
	/* Switched out while still runnable: it did not choose to stop. */
	vee_count(prev, VEE_ACCT_SCHED,
		  preempt || prev_state == TASK_RUNNING ?
		  VEE_CNT_CTX_SWITCHES_INVOLUNTARY :
		  VEE_CNT_CTX_SWITCHES_VOLUNTARY, 1);
}

/* Counted where the child is born: clone3 into a domain counts there. */
static void vee_probe_fork(void *data, struct task_struct *parent,
			   struct task_struct *child)
{
	vee_count(child, VEE_ACCT_FORK, VEE_CNT_FORKS, 1);
}

static void vee_probe_exec(void *data, struct task_struct *p, pid_t old_pid,
			   struct linux_binprm *bprm)
{
	vee_count(p, VEE_ACCT_FORK, VEE_CNT_EXECS, 1);
}

static void vee_probe_exit(void *data, struct task_struct *p)
{
	vee_count(p, VEE_ACCT_FORK, VEE_CNT_EXITS, 1);
}

static void vee_probe_fault(void *data, unsigned long address,
			    struct pt_regs *regs, unsigned long error_code)
{
	vee_count(current, VEE_ACCT_FAULT, VEE_CNT_PAGE_FAULTS, 1);
}

/* Bios as the submitting task queues them: reads and writes only. */
static void vee_probe_bio(void *data, struct bio *bio)
{
	switch (bio_op(bio)) {
	case REQ_OP_READ:
		vee_count(current, VEE_ACCT_IO, VEE_CNT_IO_READ_BYTES,
			  bio->bi_iter.bi_size);
		break;
	case REQ_OP_WRITE:
		vee_count(current, VEE_ACCT_IO, VEE_CNT_IO_WRITE_BYTES,
			  bio->bi_iter.bi_size);
		break;
	default:
		break;
	}
}

/* Bytes through a device of a domain's own network namespace. */
static __always_inline void vee_count_net(struct net_device *dev, int cnt,
					  u64 n)
{
	struct vee_domain *dom;
	struct net *net;

	rcu_read_lock();
	net = dev_net(dev);
	dom = rhashtable_lookup(&vee_by_net, &net, vee_net_params);
	if (dom)
		this_cpu_add(dom->acct->val[cnt], n);
	rcu_read_unlock();
}

static void vee_probe_xmit(void *data, struct sk_buff *skb, int rc,
			   struct net_device *dev, unsigned int skb_len)
{
	if (rc == NETDEV_TX_OK)
		vee_count_net(dev, VEE_CNT_NET_TX_BYTES, skb_len);
}

static void vee_probe_rx(void *data, struct sk_buff *skb)
{
	vee_count_net(skb->dev, VEE_CNT_NET_RX_BYTES, skb->len);
}

/*
 * OOM kills are rare, so this probe may touch a shared atomic; the event
 * needs process context, so a work item sends it.
 */
static void vee_oom_work_fn(struct work_struct *work);
static DECLARE_WORK(vee_oom_work, vee_oom_work_fn);

static void vee_probe_oom(void *data, struct task_struct *task, uid_t uid)
{
	struct vee_domain *dom;

	rcu_read_lock();
	dom = vee_task_domain(task);
	if (dom && (dom->account & VEE_ACCT_OOM)) {
		this_cpu_inc(dom->acct->val[VEE_CNT_OOM_KILLS]);
		atomic_inc(&dom->oom_pending);
		queue_work(system_wq, &vee_oom_work);
	}
	rcu_read_unlock();
}

#define VEE_OOM_SCAN_CHUNK	64

static void vee_oom_work_fn(struct work_struct *work)
{
	u32 ids[VEE_OOM_SCAN_CHUNK], after = 0;
	struct vee_domain *dom;
	unsigned int n, i;
	int pending;

	while ((n = vee_domain_ids(after, ids, ARRAY_SIZE(ids)))) {
		for (i = 0; i < n; i++) {
			dom = vee_domain_get_by_id(ids[i]);
			if (!dom)
				continue;
			pending = atomic_xchg(&dom->oom_pending, 0);
			while (pending-- > 0)
				vee_event(dom, VEE_EVENT_OOM_KILL, 0);
			vee_domain_put(dom);
		}
		after = ids[n - 1];
		cond_resched();
	}
}

static void vee_probe_sys_enter(void *data, struct pt_regs *regs, long id)
{
	vee_count(current, VEE_ACCT_SYSCALL, VEE_CNT_SYSCALLS, 1);
}

struct vee_hook {
	const char *name;
	void *probe;
	u64 family;
	struct tracepoint *tp;		/* found at load; NULL if absent */
};

static struct vee_hook vee_hooks[] = {
	{ "sched_switch", vee_probe_sched_switch, VEE_ACCT_SCHED },
	{ "sched_process_fork", vee_probe_fork, VEE_ACCT_FORK },
	{ "sched_process_exec", vee_probe_exec, VEE_ACCT_FORK },
	{ "sched_process_exit", vee_probe_exit, VEE_ACCT_FORK },
	{ "page_fault_user", vee_probe_fault, VEE_ACCT_FAULT },
	{ "block_bio_queue", vee_probe_bio, VEE_ACCT_IO },
	{ "net_dev_xmit", vee_probe_xmit, VEE_ACCT_NET },
	{ "netif_receive_skb", vee_probe_rx, VEE_ACCT_NET },
	{ "mark_victim", vee_probe_oom, VEE_ACCT_OOM },
	{ "sys_enter", vee_probe_sys_enter, VEE_ACCT_SYSCALL },
};

#define VEE_ACCT_FAMILIES	7	/* the bits of VEE_ACCT_ALL */

/* Domains using each family, and the families attached: vee_acct_lock. */
static unsigned int vee_family_users[VEE_ACCT_FAMILIES];
static u64 vee_attached;

/*
 * A family left without users may stay attached this long, so that
 * domains made and destroyed in a row (`vee run` in a loop) do not each
 * pay for registering and unregistering tracepoints (text patching, RCU
 * grace periods); the kernel rate-limits its deferred static keys the same
 * way.  Off by default: a probe attached with no domain to count still
 * costs every task on the host.  Syscall probes never linger: while
 * attached they send every task's system calls down the slow path.
 */
#define VEE_LINGER_MS_MAX	60000
static unsigned int vee_probe_linger_ms;

static int vee_linger_set(const char *val, const struct kernel_param *kp)
{
	return param_set_uint_minmax(val, kp, 0, VEE_LINGER_MS_MAX);
}

static const struct kernel_param_ops vee_linger_ops = {
	.set = vee_linger_set,
	.get = param_get_uint,
};

module_param_cb(probe_linger_ms, &vee_linger_ops, &vee_probe_linger_ms, 0644);
MODULE_PARM_DESC(probe_linger_ms,
		 "How long (ms, 0-60000, default 0) accounting probes stay attached after their last domain");

static void vee_linger_end(struct work_struct *work);
static DECLARE_DELAYED_WORK(vee_linger_work, vee_linger_end);

static void vee_find_tracepoint(struct tracepoint *tp, void *priv)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(vee_hooks); i++)
		if (!strcmp(tp->name, vee_hooks[i].name))
			vee_hooks[i].tp = tp;
}

static void vee_family_detach(u64 family)
{
	int i;

	for (i = ARRAY_SIZE(vee_hooks) - 1; i >= 0; i--)
		if (vee_hooks[i].family == family && vee_hooks[i].tp)
			tracepoint_probe_unregister(vee_hooks[i].tp,
						    vee_hooks[i].probe, NULL);
	vee_attached &= ~family;
}

static int vee_family_attach(u64 family)
{
	bool any = false;
	int i, err;

	for (i = 0; i < ARRAY_SIZE(vee_hooks); i++) {
		if (vee_hooks[i].family != family || !vee_hooks[i].tp)
			continue;
		err = tracepoint_probe_register(vee_hooks[i].tp,
						vee_hooks[i].probe, NULL);
		if (err)
			goto err_unwind;
		any = true;
	}
	if (any)
		vee_attached |= family;
	return 0;

err_unwind:
	while (--i >= 0)
		if (vee_hooks[i].family == family && vee_hooks[i].tp)
			tracepoint_probe_unregister(vee_hooks[i].tp,
						    vee_hooks[i].probe, NULL);
	return err;
}

/* Detaches every family without users.  Under vee_acct_lock. */
static void vee_families_detach_unused(void)
{
	int b;

	lockdep_assert_held(&vee_acct_lock);
	for (b = 0; b < VEE_ACCT_FAMILIES; b++)
		if (!vee_family_users[b] && (vee_attached & BIT_ULL(b)))
			vee_family_detach(BIT_ULL(b));
}

static void vee_linger_end(struct work_struct *work)
{
	mutex_lock(&vee_acct_lock);
	vee_families_detach_unused();
	mutex_unlock(&vee_acct_lock);
}

/*
 * Drops one user of each family in @account; the unused ones are detached
 * now or, but for syscall, once they have lingered unused.
 */
static void vee_families_put(u64 account)
{
	unsigned int linger = READ_ONCE(vee_probe_linger_ms);
	bool idle = false;
	int b;

	for (b = 0; b < VEE_ACCT_FAMILIES; b++) {
		if (!(account & BIT_ULL(b)) || --vee_family_users[b])
			continue;
		if (linger && BIT_ULL(b) != VEE_ACCT_SYSCALL)
			idle = true;
		else
			vee_family_detach(BIT_ULL(b));
	}
	/* From the last put: a family reused meanwhile is not detached. */
	if (idle)
		mod_delayed_work(system_wq, &vee_linger_work,
				 msecs_to_jiffies(linger));
}

static int vee_families_get(u64 account)
{
	int b, err;

	for (b = 0; b < VEE_ACCT_FAMILIES; b++) {
		if (!(account & BIT_ULL(b)))
			continue;
		if (!vee_family_users[b] && !(vee_attached & BIT_ULL(b))) {
			err = vee_family_attach(BIT_ULL(b));
			if (err) {
				vee_families_put(account & (BIT_ULL(b) - 1));
				return err;
			}
		}
		vee_family_users[b]++;
	}
	return 0;
}

/* Invalidates every CPU's cached lookup.  Under vee_acct_lock. */
static void vee_acct_cache_flush(void)
{
	lockdep_assert_held(&vee_acct_lock);
	WRITE_ONCE(vee_acct_gen, vee_acct_gen + 1);
}

int vee_acct_attach(struct vee_domain *dom)
{
	int err;

	if (!dom->account)
		return 0;
	dom->acct = alloc_percpu(struct vee_acct_pcpu);
	if (!dom->acct)
		return -ENOMEM;

	mutex_lock(&vee_acct_lock);
	err = vee_families_get(dom->account);
	if (err)
		goto unlock;
	err = rhashtable_insert_fast(&vee_by_cgroup, &dom->cgroup_node,
				     vee_cgroup_params);
	if (err)
		vee_families_put(dom->account);
	else
		vee_acct_cache_flush();
unlock:
	mutex_unlock(&vee_acct_lock);
	if (err)
		goto err_free;
	return 0;

err_free:
	free_percpu(dom->acct);
	dom->acct = NULL;
	return err;
}

/*
 * The domain's init has entered: if it has its own network namespace and
 * counts net, index the domain by it.  Under the domain's lock, once.
 */
void vee_acct_set_net(struct vee_domain *dom, struct net *net)
{
	if (!dom->acct || !(dom->account & VEE_ACCT_NET) ||
	    !(dom->ns_flags & VEE_NS_NET) || dom->net)
		return;
	dom->net = get_net(net);
	mutex_lock(&vee_acct_lock);
	if (rhashtable_insert_fast(&vee_by_net, &dom->net_node, vee_net_params)) {
		put_net(dom->net);
		dom->net = NULL;	/* not counted, rather than wrong */
	}
	mutex_unlock(&vee_acct_lock);
}

void vee_acct_detach(struct vee_domain *dom)
{
	if (!dom->acct)
		return;
	vee_hits_unwatch(dom->hits);
	dom->hits = NULL;
	mutex_lock(&vee_acct_lock);
	if (dom->net)
		rhashtable_remove_fast(&vee_by_net, &dom->net_node,
				       vee_net_params);
	rhashtable_remove_fast(&vee_by_cgroup, &dom->cgroup_node,
			       vee_cgroup_params);
	vee_acct_cache_flush();
	vee_families_put(dom->account);
	mutex_unlock(&vee_acct_lock);
}

/* From the domain's RCU free: no probe can still see it. */
void vee_acct_free(struct vee_domain *dom)
{
	if (dom->net)
		put_net(dom->net);
	free_percpu(dom->acct);
}

/*
 * Sums @dom's counters.  The limit hits are the cgroup's own counts
 * (stats.c): they are read, not counted twice.
 */
void vee_acct_read(const struct vee_domain *dom, struct vee_counters *out)
{
	int cpu, i;

	memset(out, 0, sizeof(*out));
	if (!dom->acct)
		return;
	for_each_possible_cpu(cpu) {
		const struct vee_acct_pcpu *c = per_cpu_ptr(dom->acct, cpu);

		for (i = 0; i < __VEE_CNT_MAX; i++)
			out->val[i] += READ_ONCE(c->val[i]);
	}
}

u64 vee_acct_hooks(void)
{
	u64 attached;

	mutex_lock(&vee_acct_lock);
	attached = vee_attached;
	mutex_unlock(&vee_acct_lock);
	return attached;
}

static const char *const vee_family_names[VEE_ACCT_FAMILIES] = {
	"sched", "fork", "fault", "io", "net", "oom", "syscall",
};

/* /sys/module/vee/parameters/active_hooks: the families attached now. */
static int vee_active_hooks_get(char *buf, const struct kernel_param *kp)
{
	u64 attached = vee_acct_hooks();
	int b, n = 0;

	for (b = 0; b < VEE_ACCT_FAMILIES; b++)
		if (attached & BIT_ULL(b))
			n += sysfs_emit_at(buf, n, "%s%s", n ? "," : "",
					   vee_family_names[b]);
	return n + sysfs_emit_at(buf, n, "\n");
}

static const struct kernel_param_ops vee_active_hooks_ops = {
	.get = vee_active_hooks_get,
};

module_param_cb(active_hooks, &vee_active_hooks_ops, NULL, 0444);
MODULE_PARM_DESC(active_hooks,
		 "Accounting families whose tracepoints are attached now (read-only)");

int vee_acct_init(void)
{
	int err, i;

	vee_root_cgrp = cgroup_get_from_id(vee_cgroup_root_id());
	if (IS_ERR(vee_root_cgrp))
		return PTR_ERR(vee_root_cgrp);
	vee_root_level = vee_root_cgrp->level;

	err = rhashtable_init(&vee_by_cgroup, &vee_cgroup_params);
	if (err)
		goto err_root;
	err = rhashtable_init(&vee_by_net, &vee_net_params);
	if (err)
		goto err_cgroup_index;
	for_each_kernel_tracepoint(vee_find_tracepoint, NULL);
	for (i = 0; i < ARRAY_SIZE(vee_hooks); i++)
		if (!vee_hooks[i].tp)
			pr_warn("tracepoint %s not found: it will not be counted\n",
				vee_hooks[i].name);
	return 0;

err_cgroup_index:
	rhashtable_destroy(&vee_by_cgroup);
err_root:
	cgroup_put(vee_root_cgrp);
	return err;
}

/* After every domain is gone, so every family is detached. */
void vee_acct_exit(void)
{
	cancel_delayed_work_sync(&vee_linger_work);
	mutex_lock(&vee_acct_lock);
	vee_families_detach_unused();
	mutex_unlock(&vee_acct_lock);
	WARN_ON(vee_attached);
	/* Probes still running on other CPUs run module code: wait for them. */
	tracepoint_synchronize_unregister();
	cancel_work_sync(&vee_oom_work);
	rhashtable_destroy(&vee_by_net);
	rhashtable_destroy(&vee_by_cgroup);
	cgroup_put(vee_root_cgrp);
}
