/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Limit-hit events: a domain's memory.events and pids.events are watched
 * (the kernel wakes pollers of these files when a limit is hit), and each
 * new hit becomes a VEE_EVENT_LIMIT_HIT, at most VEE_HITS_BURST per wake.
 */
#ifndef _VEE_HITS_H
#define _VEE_HITS_H

struct vee_domain;
struct vee_hits;

/* Process context; the domain's cgroup must exist. */
struct vee_hits *vee_hits_watch(struct vee_domain *dom);
/* Stops the watch and waits for events in flight. */
void vee_hits_unwatch(struct vee_hits *hits);

#endif /* _VEE_HITS_H */
