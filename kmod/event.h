/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Events on the netlink "events" group.  vee_event() sleeps (it allocates
 * and sends): call it from process context only.  Sources in atomic
 * context (tracepoint probes) defer to a work item first.
 */
#ifndef _VEE_EVENT_H
#define _VEE_EVENT_H

#include <linux/types.h>

struct vee_domain;
struct vee_counters;

/* @resource: enum vee_resource for VEE_EVENT_LIMIT_HIT, else 0. */
void vee_event(const struct vee_domain *dom, u32 event, u32 resource);
/* VEE_EVENT_DESTROYED, carrying the final counters. */
void vee_event_destroyed(const struct vee_domain *dom,
			 const struct vee_counters *final);

#endif /* _VEE_EVENT_H */
