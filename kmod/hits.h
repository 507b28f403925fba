/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Limit-hit events: once vee has set a memory or pids limit on a domain,
 * its memory.events or pids.events is watched (the kernel wakes pollers of
 * these files when a limit is hit), and each new hit becomes a
 * VEE_EVENT_LIMIT_HIT, at most VEE_HITS_BURST per wake.
 */
#ifndef _VEE_HITS_H
#define _VEE_HITS_H

struct vee_domain;
struct vee_hits;

/*
 * Watches the resources of @limits (VEE_LIMIT_*) that have a hit count
 * (memory.max, pids.max) and are not yet watched, if @dom counts OOM
 * events.  Under @dom->lock (or before the domain is published), in
 * process context, with its cgroup in place.  A watch already armed stays.
 */
int vee_hits_arm(struct vee_domain *dom, u32 limits);
/* Stops the watch and waits for events in flight. */
void vee_hits_unwatch(struct vee_hits *hits);

#endif /* _VEE_HITS_H */
