/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every domain at one moment: a netlink dump gathered into an array, for
 * output that needs them all before it can start (the Prometheus
 * exposition groups samples by metric, not by domain) and for vee record.
 */
#ifndef VEE_SNAPSHOT_H
#define VEE_SNAPSHOT_H

#include <stddef.h>

#include "lib/nl.h"

struct vee_snapshot {
	struct vee_nl_domain *d;	/* in increasing id order, as dumped */
	size_t n, cap;
};

/* Replaces @s's domains with a fresh dump; 0 or a negative errno. */
int vee_snapshot_take(struct vee_nl *nl, struct vee_snapshot *s);
void vee_snapshot_free(struct vee_snapshot *s);

#endif
