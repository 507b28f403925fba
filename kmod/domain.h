/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The domain registry and a domain's life.
 *
 * Locking, outermost first:
 *  - vee_domain.lock (a mutex, one per domain) serialises everything done
 *    to one domain's cgroup and every change of its @state, @init_pid and
 *    @frozen: enter, limits, kill, freeze, thaw, destroy, and the lazy
 *    check that notices an emptied domain.
 *  - vee_first_enter_lock (a mutex, in domain.c) serialises first enters
 *    of all domains: each compares the caller's namespaces with every other
 *    domain's init and then sets its own @init_pid, and two first enters
 *    at once would each miss the other's.  Taken under the entered
 *    domain's lock; no other domain's lock is taken under it.
 *  - vee_registry_lock (a mutex, in domain.c) serialises changes to the
 *    registry itself: inserting and removing in both indexes, the id
 *    counter and the domain count.  It is held only for those short steps,
 *    never across cgroup work, and may be taken under a domain's lock.
 *  - Readers find a domain without either mutex, under rcu_read_lock(), in
 *    the id xarray or the name rhashtable, and keep it past the RCU section
 *    only by taking a reference with refcount_inc_not_zero().
 *  Nothing here is taken in atomic context.
 *
 * Reference counting of struct vee_domain (@ref):
 *  - The registry holds one reference from creation until the domain is
 *    removed from both indexes (at the end of a successful destroy).
 *  - Every vee_domain_get_*() that returns a domain holds one more, dropped
 *    with vee_domain_put().
 *  - The last put frees the domain after an RCU grace period, so an RCU
 *    reader that found it in an index may still read it.
 *  - @init_pid is a counted struct pid reference, taken at the first enter
 *    and put when the domain is freed.
 *
 * Life: a domain is published in the name index while it is being made
 * (state VEE_STATE_CREATING, found by nobody but a clashing create), then
 * in the id index as VEE_STATE_CREATED.  Destroy sets VEE_STATE_DYING
 * under @lock, tears the cgroup down, and only then unpublishes, so a name
 * stays taken until its directory is gone.
 *
 * @id, @name, @ns_flags, @account, @acct and @cgroup_id never change after
 * creation; @acct is freed only with the domain.
 */
#ifndef _VEE_DOMAIN_H
#define _VEE_DOMAIN_H

#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/rhashtable-types.h>
#include <linux/types.h>
#include <uapi/linux/vee.h>

#include "confine.h"
#include "limits.h"

/* Not in the ABI: a domain being made, invisible to lookups. */
#define VEE_STATE_CREATING	0

/* vee_domain.flags */
enum {
	VEE_DOM_HANDED_OUT,	/* its cgroup was entered or given out by vee */
};

struct net;
struct pid;
struct vee_acct_pcpu;
struct vee_hits;
struct vee_stats;
struct vee_stats_cache;
struct vee_counters;

struct vee_domain {
	u32 id;
	char name[VEE_NAME_MAX];	/* zero-padded: the name index's key */
	u64 ns_flags;			/* VEE_NS_* its tasks must have new */
	u64 account;			/* VEE_ACCT_* it asked for */
	/* Set before the domain is published, read-only after; the uid range
	 * goes back at the last reference, when no task can still enter.
	 */
	struct vee_confine confine;
	struct vee_acct_pcpu __percpu *acct; /* its counters, or NULL */
	u64 cgroup_id;			/* its directory's cgroup id */
	u64 created_ns;			/* CLOCK_BOOTTIME */
	struct mutex lock;
	enum vee_state state;		/* written under @lock, READ_ONCE() */
	bool frozen;			/* under @lock */
	bool removed;			/* under @lock: out of the registry */
	struct pid *init_pid;		/* set once, under @lock, by the first enter */
	struct rhash_head name_node;
	struct rhash_head cgroup_node;	/* in acct.c's index, with @acct */
	struct net *net;		/* under @lock: counted net ns, pinned */
	struct rhash_head net_node;	/* in acct.c's net index, with @net */
	atomic_t oom_pending;		/* OOM kills whose event is not sent */
	struct vee_hits *hits;		/* set under @lock by a first limit; with @acct */
	struct vee_stats_cache *statcache; /* under @lock; see statcache.h */
	unsigned long flags;		/* VEE_DOM_*, atomic bitops */
	refcount_t ref;
	struct rcu_head rcu;
};

/* Module parameter: the most domains that may exist at once. */
extern unsigned int vee_max_domains;

int vee_registry_init(void);
void vee_registry_exit(void);

int vee_name_validate(const char name[VEE_NAME_MAX]);

/*
 * Makes a domain, its cgroup and its limits, recording @confine (and
 * taking a uid range into it with @userns_auto); on failure nothing is
 * left and *@bad names a refused limit.  Returns it with a reference.
 */
struct vee_domain *vee_domain_create(const char name[VEE_NAME_MAX],
				     u64 ns_flags, u64 account,
				     const struct vee_limit_vals *limits,
				     const struct vee_confine *confine,
				     bool userns_auto, u32 *bad);
int vee_domain_destroy(struct vee_domain *dom, bool force);

int vee_domain_enter(struct vee_domain *dom);
int vee_domain_set_limits(struct vee_domain *dom,
			  const struct vee_limit_vals *limits, u32 *bad);
int vee_domain_kill(struct vee_domain *dom, int sig);
int vee_domain_freeze(struct vee_domain *dom, bool freeze);

/* State (noticing an emptied domain) and init's pid in the caller's ns. */
void vee_domain_status(struct vee_domain *dom, u32 *state, u32 *init_pid);

/*
 * Counters, usage and limits, under the domain's lock (which keeps its
 * stats cache); -EINTR if a fatal signal came first.
 */
int vee_domain_read(struct vee_domain *dom, struct vee_counters *cnt,
		    struct vee_stats *st);

struct vee_domain *vee_domain_get_by_id(u32 id);
struct vee_domain *vee_domain_get_by_name(const char name[VEE_NAME_MAX]);
void vee_domain_put(struct vee_domain *dom);

unsigned int vee_domain_count(void);
unsigned int vee_domain_ids(u32 after, u32 *ids, unsigned int max);

#endif /* _VEE_DOMAIN_H */
