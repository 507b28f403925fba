// SPDX-License-Identifier: GPL-2.0
/*
 * Events on the netlink "events" group: VEE_CMD_EVENT messages carrying
 * VEE_A_EVENT, VEE_A_TIME_NS, VEE_A_ID, VEE_A_NAME, and VEE_A_RESOURCE
 * (limit_hit) or VEE_A_COUNTERS (destroyed).  Nothing is built while
 * nobody listens.  Process context only: the message is allocated with
 * GFP_KERNEL and sent under a sleeping lock (see netlink.c).
 */
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/timekeeping.h>
#include <net/genetlink.h>

#include "acct.h"
#include "domain.h"
#include "event.h"
#include "netlink.h"

static void vee_event_send(const struct vee_domain *dom, u32 event,
			   u32 resource, const struct vee_counters *final)
{
	struct sk_buff *skb;
	void *hdr;

	might_sleep();
	if (!vee_netlink_listened())
		return;
	skb = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!skb)
		goto lost;
	hdr = genlmsg_put(skb, 0, 0, &vee_genl_family, 0, VEE_CMD_EVENT);
	if (!hdr)
		goto free;
	if (nla_put_u32(skb, VEE_A_EVENT, event) ||
	    nla_put_u64_64bit(skb, VEE_A_TIME_NS, ktime_get_boottime_ns(),
			      VEE_A_PAD) ||
	    nla_put_u32(skb, VEE_A_ID, dom->id) ||
	    nla_put_string(skb, VEE_A_NAME, dom->name) ||
	    (resource && nla_put_u32(skb, VEE_A_RESOURCE, resource)) ||
	    (final && vee_netlink_put_counters(skb, final)))
		goto free;
	genlmsg_end(skb, hdr);
	vee_netlink_multicast(skb);
	return;
free:
	nlmsg_free(skb);
lost:
	pr_warn_ratelimited("%s: event %u lost\n", dom->name,
			    event);
}

void vee_event(const struct vee_domain *dom, u32 event, u32 resource)
{
	vee_event_send(dom, event, resource, NULL);
}

void vee_event_destroyed(const struct vee_domain *dom,
			 const struct vee_counters *final)
{
	vee_event_send(dom, VEE_EVENT_DESTROYED, 0, final);
}
