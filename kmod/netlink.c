// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family "vee": the observation plane.  The commands,
 * attributes and what each reply carries are documented in
 * uapi/linux/vee.h; this file serves them and owns the family's
 * registration, which event.c uses to multicast.
 *
 * Choices:
 *  - Every command needs CAP_SYS_ADMIN (checked here, on the socket's
 *    opener and on the sender) besides the core's GENL_ADMIN_PERM
 *    (CAP_NET_ADMIN), and is refused to a task inside a domain, as the
 *    ioctls are.  Subscribing to "events" needs CAP_SYS_ADMIN too.
 *  - netnsok is false: the family exists in the initial network namespace
 *    only, where the tool runs.  A domain's tasks normally have a network
 *    namespace of their own and do not see the family at all; those that
 *    share the host's are refused by the checks above.
 *  - parallel_ops: replies read cgroup files and may wait for a domain's
 *    lock, so they must not hold the global genetlink mutex.
 *  - resv_start_op is 0: every command gets the core's strict checks (the
 *    genetlink header's reserved byte, nlmsg_flags) and strict attribute
 *    validation against vee_nl_policy, whose only entries are the
 *    selectors a request may carry; any other attribute is refused.
 *  - No lock is held while a reply is built: a domain is found by id with
 *    a reference, its state, counters and cgroup files are read into a
 *    snapshot, and only then is the message filled.
 *  - Only struct genl_ops, doit/start/dumpit/done and the family fields
 *    that 6.1 and 6.12 share are used, so nothing here needs compat.h.
 */
#include <linux/capability.h>
#include <linux/rwsem.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <net/net_namespace.h>
#include <net/netlink.h>

#include "acct.h"
#include "cgroup.h"
#include "domain.h"
#include "ns.h"
#include "netlink.h"
#include "stats.h"

/* What a domain message says, gathered before the message is built. */
struct vee_nl_snap {
	u32 state;
	u32 init_pid;
	struct vee_counters cnt;
	struct vee_stats st;
};

/* Requests carry at most a selector: anything else is refused. */
static const struct nla_policy vee_nl_policy[VEE_A_MAX + 1] = {
	[VEE_A_ID] = { .type = NLA_U32 },
	[VEE_A_NAME] = { .type = NLA_NUL_STRING, .len = VEE_NAME_MAX - 1 },
};

/*
 * Whether the family is registered, so that events may be sent: cleared
 * (under the write lock) before it is unregistered at unload.
 */
static DECLARE_RWSEM(vee_nl_sem);
static bool vee_nl_up;

static int vee_nl_allowed(struct sk_buff *skb, struct netlink_ext_ack *extack)
{
	if (!netlink_capable(skb, CAP_SYS_ADMIN)) {
		NL_SET_ERR_MSG(extack, "vee needs CAP_SYS_ADMIN");
		return -EPERM;
	}
	if (vee_ns_caller_in_domain()) {
		NL_SET_ERR_MSG(extack, "refused to a task inside a domain");
		return -EPERM;
	}
	return 0;
}

/* How many attributes the request carries (the policy let only selectors in). */
static int vee_nl_nr_attrs(const struct genl_info *info)
{
	const struct nlattr *a;
	int n = 0, rem;

	nla_for_each_attr(a, genlmsg_data(info->genlhdr),
			  genlmsg_len(info->genlhdr), rem)
		n++;
	return n;
}

/* The domain named by VEE_A_ID or VEE_A_NAME (exactly one), referenced. */
static struct vee_domain *vee_nl_select(struct genl_info *info)
{
	struct nlattr *id = info->attrs[VEE_A_ID];
	struct nlattr *name = info->attrs[VEE_A_NAME];
	char key[VEE_NAME_MAX] = {};
	struct vee_domain *dom;
	int len;

	if (!id && !name) {
		NL_SET_ERR_MSG(info->extack, "VEE_A_ID or VEE_A_NAME is required");
		return ERR_PTR(-EINVAL);
	}
	if (id && name) {
		NL_SET_ERR_MSG(info->extack,
			       "give VEE_A_ID or VEE_A_NAME, not both");
		return ERR_PTR(-EINVAL);
	}
	/* The core keeps the last of repeated attributes: refuse them. */
	if (vee_nl_nr_attrs(info) != 1) {
		NL_SET_ERR_MSG(info->extack, "the selector is repeated");
		return ERR_PTR(-EINVAL);
	}
	if (id) {
		if (nla_get_u32(id) == VEE_ID_NONE) {
			NL_SET_ERR_MSG_ATTR(info->extack, id,
					    "id 0 names no domain");
			return ERR_PTR(-EINVAL);
		}
		dom = vee_domain_get_by_id(nla_get_u32(id));
	} else {
		/* The policy saw a NUL within the bound; nothing may follow it. */
		len = strnlen(nla_data(name), nla_len(name));
		if (len + 1 != nla_len(name)) {
			NL_SET_ERR_MSG_ATTR(info->extack, name,
					    "bytes follow the name's NUL");
			return ERR_PTR(-EINVAL);
		}
		memcpy(key, nla_data(name), len);
		if (vee_name_validate(key)) {
			NL_SET_ERR_MSG_ATTR(info->extack, name,
					    "not a valid domain name");
			return ERR_PTR(-EINVAL);
		}
		dom = vee_domain_get_by_name(key);
	}
	if (!dom) {
		NL_SET_ERR_MSG(info->extack, "no such domain");
		return ERR_PTR(-ENOENT);
	}
	return dom;
}

static int vee_nl_snapshot(struct vee_domain *dom, struct vee_nl_snap *s)
{
	vee_domain_status(dom, &s->state, &s->init_pid);
	return vee_domain_read(dom, &s->cnt, &s->st);
}

int vee_netlink_put_counters(struct sk_buff *skb,
			     const struct vee_counters *cnt)
{
	struct nlattr *nest;
	int i;

	nest = nla_nest_start(skb, VEE_A_COUNTERS);
	if (!nest)
		return -EMSGSIZE;
	for (i = VEE_CNT_UNSPEC + 1; i < VEE_CNT_PAD; i++) {
		if (nla_put_u64_64bit(skb, i, cnt->val[i], VEE_CNT_PAD)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int vee_nl_put_limits(struct sk_buff *skb, const struct vee_stats *st)
{
	struct nlattr *nest;
	int i, err = 0;

	nest = nla_nest_start(skb, VEE_A_LIMITS);
	if (!nest)
		return -EMSGSIZE;
	for (i = VEE_LIM_UNSPEC + 1; i < VEE_LIM_PAD && !err; i++) {
		if (!(st->lim_present & BIT(i)))
			continue;
		switch (i) {
		case VEE_LIM_CPU_WEIGHT:
			err = nla_put_u32(skb, i, st->lim[i]);
			break;
		case VEE_LIM_CPUSET_CPUS:
			err = nla_put_string(skb, i, st->cpuset_cpus);
			break;
		case VEE_LIM_CPUSET_MEMS:
			err = nla_put_string(skb, i, st->cpuset_mems);
			break;
		default:
			err = nla_put_u64_64bit(skb, i, st->lim[i], VEE_LIM_PAD);
		}
	}
	if (err) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int vee_nl_put_usage(struct sk_buff *skb, const struct vee_stats *st)
{
	struct nlattr *nest;
	int i;

	nest = nla_nest_start(skb, VEE_A_USAGE);
	if (!nest)
		return -EMSGSIZE;
	for (i = VEE_USE_UNSPEC + 1; i < VEE_USE_PAD; i++) {
		if (!(st->use_present & BIT(i)))
			continue;
		if (nla_put_u64_64bit(skb, i, st->use[i], VEE_USE_PAD)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}

/*
 * The confinement record: caps and key only with their bit, the range only
 * when there is one.
 */
static int vee_nl_put_confine(struct sk_buff *skb, const struct vee_confine *c)
{
	if (nla_put_u32(skb, VEE_A_CONFINE, c->flags))
		return -EMSGSIZE;
	if ((c->flags & VEE_CONFINE_CAPS) &&
	    nla_put_u64_64bit(skb, VEE_A_CAPS, c->caps, VEE_A_PAD))
		return -EMSGSIZE;
	if ((c->flags & VEE_CONFINE_SECCOMP) &&
	    nla_put_u64_64bit(skb, VEE_A_SECCOMP_KEY, c->seccomp_key,
			      VEE_A_PAD))
		return -EMSGSIZE;
	if (c->uid_count &&
	    (nla_put_u32(skb, VEE_A_UID_BASE, c->uid_base) ||
	     nla_put_u32(skb, VEE_A_UID_COUNT, c->uid_count)))
		return -EMSGSIZE;
	return 0;
}

/* One domain message; the data was gathered into @s beforehand. */
static int vee_nl_fill(struct sk_buff *skb, const struct vee_domain *dom,
		       const struct vee_nl_snap *s, u32 portid, u32 seq,
		       int flags, u8 cmd)
{
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &vee_genl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u32(skb, VEE_A_ID, dom->id) ||
	    nla_put_string(skb, VEE_A_NAME, dom->name) ||
	    nla_put_u32(skb, VEE_A_STATE, s->state) ||
	    (s->init_pid && nla_put_u32(skb, VEE_A_INIT_PID, s->init_pid)) ||
	    nla_put_u64_64bit(skb, VEE_A_CREATED_NS, dom->created_ns,
			      VEE_A_PAD) ||
	    nla_put_u64_64bit(skb, VEE_A_NS_FLAGS, dom->ns_flags, VEE_A_PAD) ||
	    nla_put_u64_64bit(skb, VEE_A_ACCOUNT, dom->account, VEE_A_PAD) ||
	    vee_nl_put_confine(skb, &dom->confine) ||
	    vee_nl_put_limits(skb, &s->st) || vee_nl_put_usage(skb, &s->st) ||
	    vee_netlink_put_counters(skb, &s->cnt)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/* VEE_CMD_GET_DOMAIN and VEE_CMD_GET_STATS, do: one domain. */
static int vee_nl_get_domain(struct sk_buff *skb, struct genl_info *info)
{
	struct vee_domain *dom;
	struct vee_nl_snap *s;
	struct sk_buff *msg;
	int err;

	err = vee_nl_allowed(skb, info->extack);
	if (err)
		return err;
	dom = vee_nl_select(info);
	if (IS_ERR(dom))
		return PTR_ERR(dom);

	err = -ENOMEM;
	s = kmalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		goto put;
	err = vee_nl_snapshot(dom, s);
	if (err)
		goto free;
	err = -ENOMEM;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		goto free;
	err = vee_nl_fill(msg, dom, s, info->snd_portid, info->snd_seq, 0,
			  info->genlhdr->cmd);
	if (err) {
		nlmsg_free(msg);
		goto free;
	}
	err = genlmsg_reply(msg, info);
free:
	kfree(s);
put:
	vee_domain_put(dom);
	return err;
}

/* The dump resumes after the last id it sent: cb->args[0]. */
static int vee_nl_dump_start(struct netlink_callback *cb)
{
	int err;

	err = vee_nl_allowed(cb->skb, cb->extack);
	if (err)
		return err;
	if (nlmsg_attrlen(cb->nlh, GENL_HDRLEN)) {
		NL_SET_ERR_MSG(cb->extack,
			       "a dump lists every domain and takes no attribute");
		return -EINVAL;
	}
	cb->args[0] = 0;
	return 0;
}

/* Ids are taken from the registry this many at a time, on the stack. */
#define VEE_NL_DUMP_CHUNK	32

/* VEE_CMD_GET_DOMAIN, dump: every domain in increasing id order. */
static int vee_nl_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	u32 ids[VEE_NL_DUMP_CHUNK];
	u32 after = cb->args[0];
	struct vee_domain *dom;
	struct vee_nl_snap *s;
	unsigned int n, i;
	int err = 0;

	s = kmalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	while (!err && (n = vee_domain_ids(after, ids, ARRAY_SIZE(ids)))) {
		for (i = 0; i < n; i++) {
			dom = vee_domain_get_by_id(ids[i]);
			if (dom) {	/* else destroyed since it was listed */
				err = vee_nl_snapshot(dom, s) ?:
				      vee_nl_fill(skb, dom, s,
						  NETLINK_CB(cb->skb).portid,
						  cb->nlh->nlmsg_seq,
						  NLM_F_MULTI,
						  VEE_CMD_GET_DOMAIN);
				vee_domain_put(dom);
				if (err)
					break;
			}
			after = ids[i];
		}
	}
	kfree(s);
	cb->args[0] = after;
	/* A full message goes out; the next call resumes after @after. */
	if (err == -EMSGSIZE && skb->len)
		return skb->len;
	return err ?: skb->len;
}

/* VEE_CMD_GET_HOOKS, do: the accounting families attached now. */
static int vee_nl_get_hooks(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	void *hdr;
	int err;

	err = vee_nl_allowed(skb, info->extack);
	if (err)
		return err;
	if (vee_nl_nr_attrs(info)) {
		NL_SET_ERR_MSG(info->extack, "VEE_CMD_GET_HOOKS takes no attribute");
		return -EINVAL;
	}
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &vee_genl_family, 0,
				VEE_CMD_GET_HOOKS);
	if (!hdr ||
	    nla_put_u64_64bit(msg, VEE_A_HOOKS, vee_acct_hooks(), VEE_A_PAD)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

static const struct genl_ops vee_nl_ops[] = {
	{
		.cmd = VEE_CMD_GET_DOMAIN,
		.doit = vee_nl_get_domain,
		.start = vee_nl_dump_start,
		.dumpit = vee_nl_dump,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = VEE_CMD_GET_STATS,
		.doit = vee_nl_get_domain,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = VEE_CMD_GET_HOOKS,
		.doit = vee_nl_get_hooks,
		.flags = GENL_ADMIN_PERM,
	},
};

static const struct genl_multicast_group vee_nl_mcgrps[] = {
	{ .name = VEE_GENL_MCGRP_EVENTS, .flags = GENL_MCAST_CAP_SYS_ADMIN },
};

struct genl_family vee_genl_family __ro_after_init = {
	.name = VEE_GENL_NAME,
	.version = VEE_GENL_VERSION,
	.maxattr = VEE_A_MAX,
	.policy = vee_nl_policy,
	.netnsok = false,
	.parallel_ops = true,
	.module = THIS_MODULE,
	.ops = vee_nl_ops,
	.n_ops = ARRAY_SIZE(vee_nl_ops),
	.resv_start_op = 0,
	.mcgrps = vee_nl_mcgrps,
	.n_mcgrps = ARRAY_SIZE(vee_nl_mcgrps),
};

bool vee_netlink_listened(void)
{
	bool yes;

	down_read(&vee_nl_sem);
	yes = vee_nl_up && genl_has_listeners(&vee_genl_family, &init_net, 0);
	up_read(&vee_nl_sem);
	return yes;
}

void vee_netlink_multicast(struct sk_buff *skb)
{
	down_read(&vee_nl_sem);
	if (vee_nl_up)
		/* -ESRCH when the last listener just left: nothing is lost. */
		genlmsg_multicast(&vee_genl_family, skb, 0, 0, GFP_KERNEL);
	else
		nlmsg_free(skb);
	up_read(&vee_nl_sem);
}

int vee_netlink_init(void)
{
	int err;

	err = genl_register_family(&vee_genl_family);
	if (err)
		return err;
	down_write(&vee_nl_sem);
	vee_nl_up = true;
	up_write(&vee_nl_sem);
	return 0;
}

/*
 * Called before the registry is torn down.  Events sent afterwards (the
 * teardown's own) are dropped; the core waits for requests in flight, and
 * a dump in progress holds a module reference, so none outlives this.
 */
void vee_netlink_exit(void)
{
	down_write(&vee_nl_sem);
	vee_nl_up = false;
	up_write(&vee_nl_sem);
	genl_unregister_family(&vee_genl_family);
}
