/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What an idle domain's cgroup files said, kept until something in its
 * cgroup changes.  A list of 10,000 domains reads 7 files of each; an
 * idle domain's (no task has ever been in it) stay the same until a file
 * of its directory is written or notified, which fsnotify reports.
 *
 * Locking: a domain's cache is read, filled and freed under the domain's
 * lock (dom->lock); the fsnotify handler only bumps atomics in it.
 * Lifetime: made with the domain, before it is published; freed at
 * destroy, or on the create error path, by fsnotify once no handler can
 * still run (its final mark put, after an SRCU grace period).
 */
#ifndef _VEE_STATCACHE_H
#define _VEE_STATCACHE_H

#include <linux/types.h>

struct cgroup;
struct vee_domain;
struct vee_stats;

int vee_statcache_init(void);
void vee_statcache_exit(void);

/*
 * Watches @dom's cgroup directory, just made with the VEE_LIMIT_* in
 * @limits; @dom is not published yet.
 */
int vee_statcache_watch(struct vee_domain *dom, u32 limits);
/* Under @dom->lock (or before publishing): the cache is gone after. */
void vee_statcache_unwatch(struct vee_domain *dom);
/*
 * A task is let in through vee (ENTER, a cgroup fd): the domain's cache is
 * never used again.  Any context that holds a reference.
 */
void vee_statcache_taint(struct vee_domain *dom);

/* The generations seen before reading the files, for the store. */
struct vee_statcache_ticket {
	bool idle;
	unsigned int gen, root_gen;
};

/*
 * Under @dom->lock, with the domain's cgroup: copies the cached values
 * into @st and *@pids_hits and returns true, or fills @t for a store of
 * what the caller reads next.
 */
bool vee_statcache_load(struct vee_domain *dom, struct cgroup *cgrp,
			struct vee_stats *st, u64 *pids_hits,
			struct vee_statcache_ticket *t);
void vee_statcache_store(struct vee_domain *dom, struct cgroup *cgrp,
			 const struct vee_stats *st, u64 pids_hits,
			 const struct vee_statcache_ticket *t);

#endif /* _VEE_STATCACHE_H */
