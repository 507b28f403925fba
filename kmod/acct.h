/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Accounting: per-domain counters fed by kernel tracepoints.
 *
 * Each domain that asks for accounting has a per-CPU block of counters,
 * incremented by the probes without locks or atomics and summed on read.
 * A family of tracepoints (VEE_ACCT_*) is attached while at least one
 * domain asks for it (a count per family, under vee_acct_lock).
 */
#ifndef _VEE_ACCT_H
#define _VEE_ACCT_H

#include <linux/types.h>
#include <uapi/linux/vee.h>

struct net;
struct vee_domain;

/* Counter values indexed by enum vee_counter_attr (index 0 unused). */
struct vee_counters {
	u64 val[__VEE_CNT_MAX];
};

int vee_acct_init(void);
void vee_acct_exit(void);

/*
 * Gives @dom its counters and attaches the hooks its @dom->account needs;
 * called before the domain is published.  vee_acct_detach() undoes it when
 * the domain is unpublished; the counters stay readable until it is freed.
 */
int vee_acct_attach(struct vee_domain *dom);
void vee_acct_detach(struct vee_domain *dom);
/* The init entered with @net: count bytes through it (net accounting). */
void vee_acct_set_net(struct vee_domain *dom, struct net *net);
void vee_acct_free(struct vee_domain *dom);

/* Sums @dom's counters (all zero for a domain without accounting). */
void vee_acct_read(const struct vee_domain *dom, struct vee_counters *out);

/* The VEE_ACCT_* families whose tracepoints are attached now. */
u64 vee_acct_hooks(void);

#endif /* _VEE_ACCT_H */
