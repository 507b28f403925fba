/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The generic netlink family VEE_GENL_NAME (commands in uapi/linux/vee.h).
 * netlink.c serves the requests; event.c builds the multicast events and
 * hands them to vee_netlink_multicast().
 */
#ifndef _VEE_NETLINK_H
#define _VEE_NETLINK_H

#include <linux/types.h>

struct genl_family;
struct sk_buff;
struct vee_counters;

extern struct genl_family vee_genl_family;

int vee_netlink_init(void);
void vee_netlink_exit(void);

/* Whether some socket is subscribed to the events group now. */
bool vee_netlink_listened(void);
/*
 * Sends @skb (a finished VEE_CMD_EVENT message) to the events group and
 * consumes it; drops it when the family is gone (module unload).  Sleeps.
 */
void vee_netlink_multicast(struct sk_buff *skb);

/* Puts VEE_A_COUNTERS (every VEE_CNT_*); -EMSGSIZE when it does not fit. */
int vee_netlink_put_counters(struct sk_buff *skb,
			     const struct vee_counters *cnt);

#endif /* _VEE_NETLINK_H */
