// SPDX-License-Identifier: GPL-2.0
/*
 * The domain registry and a domain's life.  Lock and reference rules are
 * in domain.h.
 */
#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/nsproxy.h>
#include <linux/pid.h>
#include <linux/rhashtable.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/xarray.h>

#include "acct.h"
#include "cgroup.h"
#include "compat.h"
#include "domain.h"
#include "event.h"
#include "hits.h"
#include "ns.h"
#include "statcache.h"
#include "stats.h"

/* A hard ceiling for max_domains, so that a typo cannot promise the moon. */
#define VEE_MAX_DOMAINS_CEILING	(1024U * 1024U)

static int max_domains_set(const char *val, const struct kernel_param *kp)
{
	return param_set_uint_minmax(val, kp, 1, VEE_MAX_DOMAINS_CEILING);
}

static const struct kernel_param_ops max_domains_ops = {
	.set = max_domains_set,
	.get = param_get_uint,
};

unsigned int vee_max_domains = 65536;
module_param_cb(max_domains, &max_domains_ops, &vee_max_domains, 0644);
MODULE_PARM_DESC(max_domains,
		 "Most domains that may exist at once (1-1048576, default 65536)");

/*
 * Domains have a cache of their own, never merged with another, so that
 * /proc/slabinfo counts them and destroying the cache at unload reports
 * any that leaked.
 */
static struct kmem_cache *vee_domain_cache;

static DEFINE_MUTEX(vee_registry_lock);
static DEFINE_MUTEX(vee_first_enter_lock);
static DEFINE_XARRAY(vee_by_id);
static struct rhashtable vee_by_name;
static u32 vee_last_id;			/* under vee_registry_lock */
static unsigned int vee_nr_domains;	/* written under vee_registry_lock */

static const struct rhashtable_params vee_name_params = {
	.key_len = VEE_NAME_MAX,
	.key_offset = offsetof(struct vee_domain, name),
	.head_offset = offsetof(struct vee_domain, name_node),
	.automatic_shrinking = true,
};

int vee_registry_init(void)
{
	int err;

	vee_domain_cache = KMEM_CACHE(vee_domain, SLAB_ACCOUNT | SLAB_NO_MERGE);
	if (!vee_domain_cache)
		return -ENOMEM;
	err = rhashtable_init(&vee_by_name, &vee_name_params);
	if (err)
		kmem_cache_destroy(vee_domain_cache);
	return err;
}

/* Called at module exit, when no ioctl can run any more. */
void vee_registry_exit(void)
{
	struct vee_domain *dom;
	unsigned long id;
	int err;

	xa_for_each(&vee_by_id, id, dom) {
		err = vee_domain_destroy(dom, true);
		if (err) {
			/* Unkillable tasks: free our side, leave the cgroup. */
			pr_err("%s: cannot tear down (%d): its cgroup stays\n",
			       dom->name, err);
			vee_statcache_unwatch(dom);
			vee_acct_detach(dom);
			mutex_lock(&vee_registry_lock);
			xa_erase(&vee_by_id, dom->id);
			rhashtable_remove_fast(&vee_by_name, &dom->name_node,
					       vee_name_params);
			mutex_unlock(&vee_registry_lock);
			vee_domain_put(dom);
		}
	}
	rhashtable_destroy(&vee_by_name);
	xa_destroy(&vee_by_id);
	/* The frees queued by call_rcu() run module code: wait for them. */
	rcu_barrier();
	kmem_cache_destroy(vee_domain_cache);
}

static bool vee_name_char_ok(char c)
{
	return isalnum(c) || c == '_' || c == '.' || c == '-';
}

/*
 * A name is a directory name under the module's cgroup subtree, so it
 * admits no '/', no "." or "..", and no byte a shell would mangle; it
 * starts with a letter, digit or '_', so that no domain is a hidden
 * directory (".x") or reads as a command-line option ("-x").  The buffer
 * must be zero after the terminator: the whole buffer is the key.
 */
int vee_name_validate(const char name[VEE_NAME_MAX])
{
	size_t len = strnlen(name, VEE_NAME_MAX);
	size_t i;

	if (len == 0 || len == VEE_NAME_MAX)
		return -EINVAL;
	if (memchr_inv(name + len, 0, VEE_NAME_MAX - len))
		return -EINVAL;
	for (i = 0; i < len; i++)
		if (!vee_name_char_ok(name[i]))
			return -EINVAL;
	if (name[0] == '.' || name[0] == '-')
		return -EINVAL;
	return 0;
}

static void vee_domain_free_rcu(struct rcu_head *head)
{
	struct vee_domain *dom = container_of(head, struct vee_domain, rcu);

	vee_acct_free(dom);
	kmem_cache_free(vee_domain_cache, dom);
}

void vee_domain_put(struct vee_domain *dom)
{
	if (refcount_dec_and_test(&dom->ref)) {
		put_pid(dom->init_pid);
		vee_confine_put_range(&dom->confine);
		call_rcu(&dom->rcu, vee_domain_free_rcu);
	}
}

/* Takes the domain out of both indexes; the caller drops the registry's ref. */
static void vee_registry_remove(struct vee_domain *dom, bool published)
{
	mutex_lock(&vee_registry_lock);
	if (published)
		xa_erase(&vee_by_id, dom->id);
	else
		xa_release(&vee_by_id, dom->id);
	rhashtable_remove_fast(&vee_by_name, &dom->name_node, vee_name_params);
	WRITE_ONCE(vee_nr_domains, vee_nr_domains - 1);
	mutex_unlock(&vee_registry_lock);
}

/*
 * Reserves the name, an id slot and a place under max_domains, so that the
 * slow cgroup work runs without the registry lock and a clashing create
 * fails at once.
 */
static int vee_registry_reserve(struct vee_domain *dom)
{
	int err;

	mutex_lock(&vee_registry_lock);
	if (vee_nr_domains >= READ_ONCE(vee_max_domains) ||
	    vee_last_id == U32_MAX) {
		err = -ENOSPC;
		goto unlock;
	}
	dom->id = vee_last_id + 1;
	err = xa_reserve(&vee_by_id, dom->id, GFP_KERNEL_ACCOUNT);
	if (err)
		goto unlock;
	err = rhashtable_lookup_insert_fast(&vee_by_name, &dom->name_node,
					    vee_name_params);
	if (err) {
		xa_release(&vee_by_id, dom->id);
		goto unlock;	/* -EEXIST for a taken name */
	}
	vee_last_id = dom->id;	/* consumed even if the create fails */
	WRITE_ONCE(vee_nr_domains, vee_nr_domains + 1);
unlock:
	mutex_unlock(&vee_registry_lock);
	return err;
}

struct vee_domain *vee_domain_create(const char name[VEE_NAME_MAX],
				     u64 ns_flags, u64 account,
				     const struct vee_limit_vals *limits,
				     const struct vee_confine *confine,
				     bool userns_auto, u32 *bad)
{
	struct vee_domain *dom;
	int err;

	err = vee_name_validate(name);
	if (err)
		return ERR_PTR(err);

	dom = kmem_cache_zalloc(vee_domain_cache, GFP_KERNEL);
	if (!dom)
		return ERR_PTR(-ENOMEM);
	memcpy(dom->name, name, VEE_NAME_MAX);
	dom->ns_flags = ns_flags;
	dom->account = account;
	dom->confine = *confine;
	dom->confine.uid_base = 0;
	dom->confine.uid_count = 0;
	dom->state = VEE_STATE_CREATING;
	dom->created_ns = ktime_get_boottime_ns();
	mutex_init(&dom->lock);
	refcount_set(&dom->ref, 2);	/* the registry's and the caller's */

	err = vee_registry_reserve(dom);
	if (err) {
		kmem_cache_free(vee_domain_cache, dom);	/* never published */
		return ERR_PTR(err);
	}

	if (userns_auto) {
		err = vee_confine_take_range(&dom->confine);
		if (err)
			goto err_unreserve;	/* the last put gives it back */
	}
	err = vee_cgroup_create(dom->name, &dom->cgroup_id);
	if (err == -EEXIST)
		goto err_unreserve;	/* not ours to remove */
	if (err)
		goto err_cgroup;	/* the mkdir may have been done (failslab) */
	err = vee_limits_apply(dom->name, limits, false, bad);
	if (err)
		goto err_cgroup;
	err = vee_statcache_watch(dom, limits->mask);
	if (err)
		goto err_cgroup;
	/* Before anyone can enter, so that the init's own fork is counted. */
	err = vee_acct_attach(dom);
	if (err)
		goto err_statcache;
	err = vee_hits_arm(dom, limits->mask);
	if (err)
		goto err_acct;

	mutex_lock(&vee_registry_lock);
	xa_store(&vee_by_id, dom->id, dom, GFP_KERNEL_ACCOUNT);
	WRITE_ONCE(dom->state, VEE_STATE_CREATED);
	mutex_unlock(&vee_registry_lock);
	vee_event(dom, VEE_EVENT_CREATED, 0);
	return dom;

err_acct:
	vee_acct_detach(dom);
err_statcache:
	vee_statcache_unwatch(dom);
err_cgroup:
	if (vee_cgroup_destroy(dom->name))
		pr_err("%s: failed create left its cgroup behind\n", dom->name);
err_unreserve:
	vee_registry_remove(dom, false);
	/* A clashing create may hold a reference through the name index. */
	vee_domain_put(dom);
	vee_domain_put(dom);
	return ERR_PTR(err);
}

/*
 * Kills the domain's tasks (with @force; otherwise live tasks are EBUSY),
 * removes its cgroup, and unpublishes it.  A failed teardown leaves the
 * domain dying, and destroying it again retries.
 */
int vee_domain_destroy(struct vee_domain *dom, bool force)
{
	struct vee_counters *final;
	int err;

	/*
	 * Killable everywhere: a task of this domain waiting here must still
	 * die when a destroy, holding the lock, kills the domain.
	 */
	if (mutex_lock_killable(&dom->lock))
		return -EINTR;
	if (dom->removed) {
		err = -ENOENT;	/* someone else finished first */
		goto unlock;
	}
	if (!force) {
		err = vee_cgroup_populated(dom->name);
		if (err > 0)
			err = -EBUSY;
		if (err && err != -ENOENT)
			goto unlock;
	}
	final = kmalloc(sizeof(*final), GFP_KERNEL);
	if (!final) {
		err = -ENOMEM;
		goto unlock;
	}
	WRITE_ONCE(dom->state, VEE_STATE_DYING);
	err = vee_cgroup_kill(dom->name);
	if (err && err != -ENOENT)
		goto free;
	/* No task is left to count: these are the final values. */
	vee_acct_read(dom, final);
	vee_stats_read(dom, NULL, final);
	err = vee_cgroup_remove(dom->name);
	if (err)
		goto free;
	vee_statcache_unwatch(dom);
	vee_acct_detach(dom);
	vee_registry_remove(dom, true);
	dom->removed = true;
	mutex_unlock(&dom->lock);
	vee_event_destroyed(dom, final);
	kfree(final);
	vee_domain_put(dom);	/* the registry's */
	return 0;
free:
	kfree(final);
unlock:
	mutex_unlock(&dom->lock);
	return err;
}

/*
 * Notices, under @dom->lock, that a running domain has emptied; true when
 * it just did (the caller sends the event once the lock is dropped).
 */
static bool vee_domain_check_empty(struct vee_domain *dom)
{
	if (dom->state != VEE_STATE_RUNNING && dom->state != VEE_STATE_FROZEN)
		return false;
	if (vee_cgroup_populated(dom->name) != 0)
		return false;
	WRITE_ONCE(dom->state, VEE_STATE_EMPTY);
	dom->frozen = false;
	return true;
}

/* Domains are compared with this many ids on the stack at a time. */
#define VEE_BORROW_CHUNK	16

/*
 * Whether the caller has, of the namespaces @dom requires, one that
 * another domain's init has: new namespaces borrowed from a domain (by
 * setns() through /proc/PID/ns or a pidfd) would tie the two together.
 * Returns the other domain with a reference, and *@bit, or NULL.
 * @dom->lock is held; no other domain's lock is taken (an init_pid, once
 * set, stays until the domain is freed, and the reference keeps it).
 */
static struct vee_domain *vee_domain_ns_borrowed(struct vee_domain *dom,
						 u64 *bit)
{
	u32 ids[VEE_BORROW_CHUNK], after = 0;
	struct task_struct *init;
	struct vee_domain *other;
	unsigned int n, i;
	u64 shared;

	while ((n = vee_domain_ids(after, ids, ARRAY_SIZE(ids)))) {
		for (i = 0; i < n; i++) {
			after = ids[i];
			other = ids[i] == dom->id ? NULL :
				vee_domain_get_by_id(ids[i]);
			if (!other)
				continue;
			init = READ_ONCE(other->init_pid) ?
			       get_pid_task(READ_ONCE(other->init_pid),
					    PIDTYPE_PID) : NULL;
			shared = 0;
			if (init) {
				shared = vee_ns_shared(init, dom->ns_flags);
				put_task_struct(init);
			}
			if (shared) {
				*bit = shared & -shared;
				return other;
			}
			vee_domain_put(other);
		}
		cond_resched();
	}
	return NULL;
}

static int vee_domain_first_enter(struct vee_domain *dom)
{
	u64 missing = dom->ns_flags & ~vee_ns_new();
	struct vee_domain *other;
	const char *why;
	u64 bit;

	if (missing) {
		pr_info_ratelimited("%s: enter refused: pid %d has the host's %s namespace\n",
				    dom->name, task_tgid_nr(current),
				    vee_ns_name(missing & -missing));
		return -EPERM;
	}
	if ((dom->ns_flags & VEE_NS_PID) && task_tgid_vnr(current) != 1) {
		pr_info_ratelimited("%s: enter refused: pid %d is not pid 1 of its pid namespace\n",
				    dom->name, task_tgid_nr(current));
		return -EPERM;
	}
	if (dom->confine.uid_count &&
	    vee_confine_check_userns(&dom->confine, &why)) {
		pr_info_ratelimited("%s: enter refused: pid %d %s\n",
				    dom->name, task_tgid_nr(current), why);
		return -EPERM;
	}
	if (mutex_lock_killable(&vee_first_enter_lock))
		return -EINTR;
	other = vee_domain_ns_borrowed(dom, &bit);
	if (other) {
		mutex_unlock(&vee_first_enter_lock);
		pr_info_ratelimited("%s: enter refused: pid %d's %s namespace is domain %s's\n",
				    dom->name, task_tgid_nr(current),
				    vee_ns_name(bit), other->name);
		vee_domain_put(other);
		return -EPERM;
	}
	/* Read without @lock by vee_domain_ns_borrowed() of other domains. */
	WRITE_ONCE(dom->init_pid, get_pid(task_tgid(current)));
	mutex_unlock(&vee_first_enter_lock);
	vee_acct_set_net(dom, current->nsproxy->net_ns);
	WRITE_ONCE(dom->state, VEE_STATE_RUNNING);
	return 0;
}

static int vee_domain_join(struct vee_domain *dom)
{
	struct task_struct *init;
	const char *which = NULL;
	int err;

	init = get_pid_task(dom->init_pid, PIDTYPE_PID);
	if (!init)
		return -ESRCH;
	err = vee_ns_same(init, dom->ns_flags, &which);
	put_task_struct(init);
	if (err == -EPERM)
		pr_info_ratelimited("%s: enter refused: pid %d is not in the domain's %s namespace\n",
				    dom->name, task_tgid_nr(current), which);
	return err;
}

int vee_domain_enter(struct vee_domain *dom)
{
	bool started = false;
	int err;

	vee_statcache_taint(dom);
	if (mutex_lock_killable(&dom->lock))
		return -EINTR;
	if (dom->state == VEE_STATE_DYING) {
		err = -EBUSY;
		goto unlock;
	}
	if (vee_cgroup_current_id() != dom->cgroup_id) {
		pr_info_ratelimited("%s: enter refused: pid %d is not in the domain's cgroup\n",
				    dom->name, task_tgid_nr(current));
		err = -EPERM;
		goto unlock;
	}
	if (!dom->init_pid) {
		err = vee_domain_first_enter(dom);
		started = !err;
	} else if (dom->state == VEE_STATE_EMPTY) {
		err = -ESRCH;
	} else {
		err = vee_domain_join(dom);
	}
unlock:
	mutex_unlock(&dom->lock);
	if (started)
		vee_event(dom, VEE_EVENT_STARTED, 0);
	return err;
}

int vee_domain_set_limits(struct vee_domain *dom,
			  const struct vee_limit_vals *limits, u32 *bad)
{
	int err;

	if (mutex_lock_killable(&dom->lock))
		return -EINTR;
	if (dom->state == VEE_STATE_DYING) {
		err = -EBUSY;
		goto unlock;
	}
	/* Watching a file whose limit then fails to apply does no harm. */
	err = vee_hits_arm(dom, limits->mask);
	if (!err)
		err = vee_limits_apply(dom->name, limits, true, bad);
unlock:
	mutex_unlock(&dom->lock);
	return err;
}

int vee_domain_kill(struct vee_domain *dom, int sig)
{
	int err;

	if (mutex_lock_killable(&dom->lock))
		return -EINTR;
	if (dom->state == VEE_STATE_DYING)
		err = -EBUSY;
	else
		err = vee_cgroup_signal(dom->name, sig);
	mutex_unlock(&dom->lock);
	return err;
}

int vee_domain_freeze(struct vee_domain *dom, bool freeze)
{
	int err;

	if (mutex_lock_killable(&dom->lock))
		return -EINTR;
	if (dom->state == VEE_STATE_DYING) {
		err = -EBUSY;
		goto unlock;
	}
	err = vee_cgroup_freeze(dom->name, freeze);
	if (err)
		goto unlock;
	dom->frozen = freeze;
	if (dom->state == VEE_STATE_RUNNING || dom->state == VEE_STATE_FROZEN)
		WRITE_ONCE(dom->state, freeze ? VEE_STATE_FROZEN :
						VEE_STATE_RUNNING);
unlock:
	mutex_unlock(&dom->lock);
	return err;
}

void vee_domain_status(struct vee_domain *dom, u32 *state, u32 *init_pid)
{
	bool emptied;

	/* Without the lock (a fatal signal came) the answer is only older. */
	if (mutex_lock_killable(&dom->lock)) {
		*state = READ_ONCE(dom->state);
		*init_pid = 0;
		return;
	}
	emptied = vee_domain_check_empty(dom);
	*state = dom->state;
	/* An exited init's number may name another process soon: say 0. */
	*init_pid = dom->init_pid && pid_has_task(dom->init_pid, PIDTYPE_TGID) ?
		    pid_vnr(dom->init_pid) : 0;
	mutex_unlock(&dom->lock);
	if (emptied)
		vee_event(dom, VEE_EVENT_EMPTY, 0);
}

int vee_domain_read(struct vee_domain *dom, struct vee_counters *cnt,
		    struct vee_stats *st)
{
	if (mutex_lock_killable(&dom->lock))
		return -EINTR;
	vee_acct_read(dom, cnt);
	vee_stats_read(dom, st, cnt);
	mutex_unlock(&dom->lock);
	return 0;
}

static struct vee_domain *vee_domain_tryget(struct vee_domain *dom)
{
	if (dom && READ_ONCE(dom->state) != VEE_STATE_CREATING &&
	    refcount_inc_not_zero(&dom->ref))
		return dom;
	return NULL;
}

struct vee_domain *vee_domain_get_by_id(u32 id)
{
	struct vee_domain *dom;

	rcu_read_lock();
	dom = vee_domain_tryget(xa_load(&vee_by_id, id));
	rcu_read_unlock();
	return dom;
}

/* @name must be a full VEE_NAME_MAX buffer, zero-padded. */
struct vee_domain *vee_domain_get_by_name(const char name[VEE_NAME_MAX])
{
	struct vee_domain *dom;

	rcu_read_lock();
	dom = vee_domain_tryget(rhashtable_lookup(&vee_by_name, name,
						  vee_name_params));
	rcu_read_unlock();
	return dom;
}

unsigned int vee_domain_count(void)
{
	return READ_ONCE(vee_nr_domains);
}

/*
 * Fills @ids with up to @max ids greater than @after, in increasing order;
 * returns how many.  Lock-free: a domain created or destroyed meanwhile may
 * or may not be listed.
 */
unsigned int vee_domain_ids(u32 after, u32 *ids, unsigned int max)
{
	struct vee_domain *dom;
	unsigned long id;
	unsigned int n = 0;

	if (after == U32_MAX || !max)
		return 0;
	xa_for_each_start(&vee_by_id, id, dom, (unsigned long)after + 1) {
		ids[n++] = id;
		if (n == max)
			break;
	}
	return n;
}
