// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "lib/nl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* Messages from the kernel are checked before any field is trusted. */
static const struct genlmsghdr *genl_hdr(const struct nlmsghdr *nlh)
{
	if (nlh->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN)
		return NULL;
	return mnl_nlmsg_get_payload(nlh);
}

/*
 * Calls @fn for every attribute in @len bytes at @payload; -EPROTO if the
 * bytes are not a well-formed attribute stream.
 */
static int attrs_each(const void *payload, size_t len,
		      int (*fn)(const struct nlattr *a, void *data),
		      void *data)
{
	const struct nlattr *a = payload;
	int rem = (int)len, err;

	while (mnl_attr_ok(a, rem)) {
		err = fn(a, data);
		if (err)
			return err;
		rem -= MNL_ALIGN(a->nla_len);
		a = mnl_attr_next(a);
	}
	return rem > 0 ? -EPROTO : 0;
}

static int attrs_nested(const struct nlattr *nest,
			int (*fn)(const struct nlattr *a, void *data),
			void *data)
{
	return attrs_each(mnl_attr_get_payload(nest),
			  mnl_attr_get_payload_len(nest), fn, data);
}

static int attrs_msg(const struct nlmsghdr *nlh,
		     int (*fn)(const struct nlattr *a, void *data), void *data)
{
	return attrs_each((const char *)mnl_nlmsg_get_payload(nlh) + GENL_HDRLEN,
			  nlh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN, fn, data);
}

/* Exact-size scalar readers: anything else is a protocol error. */
static int get_u32(const struct nlattr *a, uint32_t *v)
{
	if (mnl_attr_get_payload_len(a) != sizeof(*v))
		return -EPROTO;
	*v = mnl_attr_get_u32(a);
	return 0;
}

static int get_u64(const struct nlattr *a, uint64_t *v)
{
	if (mnl_attr_get_payload_len(a) != sizeof(*v))
		return -EPROTO;
	*v = mnl_attr_get_u64(a);
	return 0;
}

/* A NUL-terminated string that fits in @len bytes, NUL included. */
static int get_str(const struct nlattr *a, char *dst, size_t len)
{
	const char *s = mnl_attr_get_payload(a);
	size_t n = mnl_attr_get_payload_len(a);

	if (!n || n > len || memchr(s, 0, n) != s + n - 1)
		return -EPROTO;
	memcpy(dst, s, n);
	return 0;
}

struct nlmsghdr *vee_nl_msg_getfamily(void *buf, uint32_t seq)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *g;

	nlh->nlmsg_type = GENL_ID_CTRL;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = seq;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = CTRL_CMD_GETFAMILY;
	g->version = 1;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, VEE_GENL_NAME);
	return nlh;
}

struct nlmsghdr *vee_nl_msg_request(void *buf, uint16_t family, uint8_t cmd,
				    uint32_t seq, bool dump)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct genlmsghdr *g;

	nlh->nlmsg_type = family;
	nlh->nlmsg_flags = NLM_F_REQUEST | (dump ? NLM_F_DUMP : NLM_F_ACK);
	nlh->nlmsg_seq = seq;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = cmd;
	g->version = VEE_GENL_VERSION;
	return nlh;
}

void vee_nl_msg_select(struct nlmsghdr *nlh, uint32_t id, const char *name)
{
	if (id != VEE_ID_NONE)
		mnl_attr_put_u32(nlh, VEE_A_ID, id);
	else
		mnl_attr_put_strz(nlh, VEE_A_NAME, name ? name : "");
}

struct family_parse {
	uint16_t id;
	bool has_id;
	uint32_t version;
	uint32_t group;
};

struct group_parse {
	char name[GENL_NAMSIZ];
	uint32_t id;
	bool has_name, has_id;
};

static int group_attr(const struct nlattr *a, void *data)
{
	struct group_parse *g = data;

	switch (mnl_attr_get_type(a)) {
	case CTRL_ATTR_MCAST_GRP_NAME:
		g->has_name = true;
		return get_str(a, g->name, sizeof(g->name));
	case CTRL_ATTR_MCAST_GRP_ID:
		g->has_id = true;
		return get_u32(a, &g->id);
	}
	return 0;
}

static int groups_attr(const struct nlattr *a, void *data)
{
	struct family_parse *f = data;
	struct group_parse g = {};
	int err;

	err = attrs_nested(a, group_attr, &g);
	if (err)
		return err;
	if (!g.has_name || !g.has_id)
		return -EPROTO;
	if (!strcmp(g.name, VEE_GENL_MCGRP_EVENTS))
		f->group = g.id;
	return 0;
}

static int family_attr(const struct nlattr *a, void *data)
{
	struct family_parse *f = data;

	switch (mnl_attr_get_type(a)) {
	case CTRL_ATTR_FAMILY_ID:
		if (mnl_attr_get_payload_len(a) != sizeof(uint16_t))
			return -EPROTO;
		f->id = mnl_attr_get_u16(a);
		f->has_id = true;
		return 0;
	case CTRL_ATTR_VERSION:
		return get_u32(a, &f->version);
	case CTRL_ATTR_MCAST_GROUPS:
		return attrs_nested(a, groups_attr, f);
	}
	return 0;
}

int vee_nl_parse_family(const struct nlmsghdr *nlh, uint16_t *family,
			uint32_t *version, uint32_t *events_group)
{
	const struct genlmsghdr *g = genl_hdr(nlh);
	struct family_parse f = {};
	int err;

	if (nlh->nlmsg_type != GENL_ID_CTRL || !g ||
	    g->cmd != CTRL_CMD_NEWFAMILY)
		return -EPROTO;
	err = attrs_msg(nlh, family_attr, &f);
	if (err)
		return err;
	if (!f.has_id || f.id < NLMSG_MIN_TYPE)
		return -EPROTO;
	*family = f.id;
	*version = f.version;
	*events_group = f.group;
	return 0;
}

static int limit_attr(const struct nlattr *a, void *data)
{
	struct vee_nl_domain *d = data;
	uint16_t t = mnl_attr_get_type(a);
	uint32_t v32 = 0;
	int err;

	switch (t) {
	case VEE_LIM_MEMORY_MAX:
	case VEE_LIM_MEMORY_HIGH:
	case VEE_LIM_SWAP_MAX:
	case VEE_LIM_PIDS_MAX:
	case VEE_LIM_CPU_MAX_US:
	case VEE_LIM_CPU_PERIOD_US:
		err = get_u64(a, &d->lim[t]);
		break;
	case VEE_LIM_CPU_WEIGHT:
		err = get_u32(a, &v32);
		d->lim[t] = v32;
		break;
	case VEE_LIM_CPUSET_CPUS:
		err = get_str(a, d->cpuset_cpus, sizeof(d->cpuset_cpus));
		break;
	case VEE_LIM_CPUSET_MEMS:
		err = get_str(a, d->cpuset_mems, sizeof(d->cpuset_mems));
		break;
	default:
		return 0;	/* padding, or newer than this tool */
	}
	if (!err)
		d->lim_present |= 1U << t;
	return err;
}

static int usage_attr(const struct nlattr *a, void *data)
{
	struct vee_nl_domain *d = data;
	uint16_t t = mnl_attr_get_type(a);
	int err;

	if (t == VEE_USE_UNSPEC || t == VEE_USE_PAD || t >= __VEE_USE_MAX)
		return 0;
	err = get_u64(a, &d->use[t]);
	if (!err)
		d->use_present |= 1U << t;
	return err;
}

static int counter_attr(const struct nlattr *a, void *data)
{
	uint64_t *cnt = data;
	uint16_t t = mnl_attr_get_type(a);

	if (t == VEE_CNT_UNSPEC || t == VEE_CNT_PAD || t >= __VEE_CNT_MAX)
		return 0;
	return get_u64(a, &cnt[t]);
}

/* Which of the required top-level attributes were seen. */
#define SEEN(a)	(1U << (a))

struct domain_parse {
	struct vee_nl_domain *d;
	uint32_t seen;
};

static int domain_attr(const struct nlattr *a, void *data)
{
	struct domain_parse *p = data;
	struct vee_nl_domain *d = p->d;
	uint16_t t = mnl_attr_get_type(a);

	if (t < 32)
		p->seen |= SEEN(t);
	switch (t) {
	case VEE_A_ID:
		return get_u32(a, &d->id);
	case VEE_A_NAME:
		return get_str(a, d->name, sizeof(d->name));
	case VEE_A_STATE:
		return get_u32(a, &d->state);
	case VEE_A_INIT_PID:
		return get_u32(a, &d->init_pid);
	case VEE_A_CREATED_NS:
		return get_u64(a, &d->created_ns);
	case VEE_A_NS_FLAGS:
		return get_u64(a, &d->ns_flags);
	case VEE_A_ACCOUNT:
		return get_u64(a, &d->account);
	case VEE_A_LIMITS:
		return attrs_nested(a, limit_attr, d);
	case VEE_A_USAGE:
		return attrs_nested(a, usage_attr, d);
	case VEE_A_COUNTERS:
		return attrs_nested(a, counter_attr, d->cnt);
	}
	return 0;
}

int vee_nl_parse_domain(const struct nlmsghdr *nlh, uint16_t family,
			struct vee_nl_domain *d)
{
	const uint32_t need = SEEN(VEE_A_ID) | SEEN(VEE_A_NAME) |
			      SEEN(VEE_A_STATE);
	const struct genlmsghdr *g = genl_hdr(nlh);
	struct domain_parse p = { .d = d };
	int err;

	memset(d, 0, sizeof(*d));
	if (nlh->nlmsg_type != family || !g ||
	    (g->cmd != VEE_CMD_GET_DOMAIN && g->cmd != VEE_CMD_GET_STATS))
		return -EPROTO;
	err = attrs_msg(nlh, domain_attr, &p);
	if (err)
		return err;
	if ((p.seen & need) != need || d->id == VEE_ID_NONE || !d->name[0])
		return -EPROTO;
	return 0;
}

struct event_parse {
	struct vee_nl_event *ev;
	uint32_t seen;
};

static int event_attr(const struct nlattr *a, void *data)
{
	struct event_parse *p = data;
	struct vee_nl_event *ev = p->ev;
	uint16_t t = mnl_attr_get_type(a);

	if (t < 32)
		p->seen |= SEEN(t);
	switch (t) {
	case VEE_A_EVENT:
		return get_u32(a, &ev->event);
	case VEE_A_TIME_NS:
		return get_u64(a, &ev->time_ns);
	case VEE_A_ID:
		return get_u32(a, &ev->id);
	case VEE_A_NAME:
		return get_str(a, ev->name, sizeof(ev->name));
	case VEE_A_RESOURCE:
		return get_u32(a, &ev->resource);
	case VEE_A_COUNTERS:
		ev->has_counters = true;
		return attrs_nested(a, counter_attr, ev->cnt);
	}
	return 0;
}

int vee_nl_parse_event(const struct nlmsghdr *nlh, uint16_t family,
		       struct vee_nl_event *ev)
{
	const uint32_t need = SEEN(VEE_A_EVENT) | SEEN(VEE_A_TIME_NS) |
			      SEEN(VEE_A_ID) | SEEN(VEE_A_NAME);
	const struct genlmsghdr *g = genl_hdr(nlh);
	struct event_parse p = { .ev = ev };
	int err;

	memset(ev, 0, sizeof(*ev));
	if (nlh->nlmsg_type != family || !g || g->cmd != VEE_CMD_EVENT)
		return -EPROTO;
	err = attrs_msg(nlh, event_attr, &p);
	if (err)
		return err;
	if ((p.seen & need) != need || ev->event == VEE_EVENT_UNSPEC)
		return -EPROTO;
	return 0;
}

int vee_nl_parse_multicast(const struct nlmsghdr *nlh, uint16_t family,
			   struct vee_nl_event *ev)
{
	const struct genlmsghdr *g = genl_hdr(nlh);
	struct family_parse f = {};
	int err;

	/* Multicast: from the kernel (port 0), outside any request. */
	if (nlh->nlmsg_pid != 0 || nlh->nlmsg_seq != 0)
		return -EPROTO;
	if (nlh->nlmsg_type != GENL_ID_CTRL)
		return vee_nl_parse_event(nlh, family, ev);
	if (!g)
		return -EPROTO;
	if (g->cmd != CTRL_CMD_DELFAMILY)
		return 1;	/* news of other families */
	err = attrs_msg(nlh, family_attr, &f);
	if (err)
		return err;
	return f.has_id && f.id == family ? -ESHUTDOWN : 1;
}

static int hooks_attr(const struct nlattr *a, void *data)
{
	uint64_t *hooks = data;

	if (mnl_attr_get_type(a) != VEE_A_HOOKS)
		return 0;
	if (get_u64(a, hooks))
		return -EPROTO;
	return 1;	/* found */
}

int vee_nl_parse_hooks(const struct nlmsghdr *nlh, uint16_t family,
		       uint64_t *hooks)
{
	const struct genlmsghdr *g = genl_hdr(nlh);
	int err;

	if (nlh->nlmsg_type != family || !g || g->cmd != VEE_CMD_GET_HOOKS)
		return -EPROTO;
	err = attrs_msg(nlh, hooks_attr, hooks);
	return err == 1 ? 0 : err < 0 ? err : -EPROTO;
}

struct extack_parse {
	char *msg;
	size_t len;
};

static int extack_attr(const struct nlattr *a, void *data)
{
	struct extack_parse *x = data;
	const char *s = mnl_attr_get_payload(a);
	size_t n = mnl_attr_get_payload_len(a);

	if (mnl_attr_get_type(a) != NLMSGERR_ATTR_MSG || !n || !x->len)
		return 0;
	n = strnlen(s, n);
	if (n >= x->len)
		n = x->len - 1;
	memcpy(x->msg, s, n);
	x->msg[n] = '\0';
	return 0;
}

int vee_nl_parse_error(const struct nlmsghdr *nlh, char *msg, size_t len)
{
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
	struct extack_parse x = { msg, len };
	size_t off;
	int err;

	if (len)
		msg[0] = '\0';
	if (nlh->nlmsg_type == NLMSG_DONE) {
		/* A dump's end: its int error, then the extack. */
		if (nlh->nlmsg_len < NLMSG_HDRLEN + sizeof(int))
			return nlh->nlmsg_len == NLMSG_HDRLEN ? 0 : -EPROTO;
		err = *(const int *)mnl_nlmsg_get_payload(nlh);
		off = sizeof(int);
	} else if (nlh->nlmsg_type == NLMSG_ERROR) {
		if (nlh->nlmsg_len < NLMSG_HDRLEN + sizeof(*e))
			return -EPROTO;
		err = e->error;
		off = sizeof(*e);
		/* Without NLM_F_CAPPED the request follows, whole. */
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
			off += NLMSG_ALIGN(e->msg.nlmsg_len) - NLMSG_HDRLEN;
	} else {
		return -EPROTO;
	}
	if (err > 0)
		return -EPROTO;
	if ((nlh->nlmsg_flags & NLM_F_ACK_TLVS) &&
	    off <= nlh->nlmsg_len - NLMSG_HDRLEN)
		attrs_each((const char *)mnl_nlmsg_get_payload(nlh) + off,
			   nlh->nlmsg_len - NLMSG_HDRLEN - off, extack_attr, &x);
	return err;
}

/* Sends @nlh with the next sequence number. */
static int nl_send(struct vee_nl *nl, struct nlmsghdr *nlh)
{
	nl->errmsg[0] = '\0';
	if (mnl_socket_sendto(nl->sock, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	return 0;
}

/*
 * Reads the replies to request @seq: @fn is called for each data message
 * (of type @type) and may fail the exchange.  A do ends with its ACK, a
 * dump with NLMSG_DONE; either may carry the request's error instead.
 */
static int nl_exchange(struct vee_nl *nl, uint32_t seq, uint16_t type,
		       int (*fn)(const struct nlmsghdr *nlh, void *data),
		       void *data)
{
	const struct nlmsghdr *nlh;
	int err, len;

	for (;;) {
		len = mnl_socket_recvfrom(nl->sock, nl->buf, VEE_NL_BUF_SIZE);
		if (len < 0)
			return -errno;
		nlh = (const struct nlmsghdr *)nl->buf;
		if (!mnl_nlmsg_ok(nlh, len))
			return -EPROTO;
		for (; mnl_nlmsg_ok(nlh, len); nlh = mnl_nlmsg_next(nlh, &len)) {
			if (nlh->nlmsg_seq != seq || nlh->nlmsg_pid != nl->portid)
				return -EPROTO;
			if (nlh->nlmsg_type == NLMSG_ERROR ||
			    nlh->nlmsg_type == NLMSG_DONE)
				return vee_nl_parse_error(nlh, nl->errmsg,
							  sizeof(nl->errmsg));
			if (nlh->nlmsg_type != type)
				return -EPROTO;
			err = fn(nlh, data);
			if (err)
				return err;
		}
		if (len > 0)
			return -EPROTO;	/* a partial message */
	}
}

struct family_reply {
	struct vee_nl *nl;
	int n;
};

static int family_msg(const struct nlmsghdr *nlh, void *data)
{
	struct family_reply *r = data;

	if (r->n++)
		return -EPROTO;
	return vee_nl_parse_family(nlh, &r->nl->family, &r->nl->version,
				   &r->nl->events_group);
}

int vee_nl_open(struct vee_nl *nl)
{
	struct family_reply r = { .nl = nl };
	struct nlmsghdr *nlh;
	int one = 1, err;

	memset(nl, 0, sizeof(*nl));
	nl->buf = malloc(VEE_NL_BUF_SIZE);
	if (!nl->buf)
		return -ENOMEM;
	nl->sock = mnl_socket_open2(NETLINK_GENERIC, SOCK_CLOEXEC);
	if (!nl->sock) {
		err = -errno;
		goto fail;
	}
	/* The kernel's reasons, and errors without a copy of the request. */
	mnl_socket_setsockopt(nl->sock, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(nl->sock, NETLINK_CAP_ACK, &one, sizeof(one));
	if (mnl_socket_bind(nl->sock, 0, MNL_SOCKET_AUTOPID) < 0) {
		err = -errno;
		goto fail;
	}
	nl->portid = mnl_socket_get_portid(nl->sock);
	nl->seq = (uint32_t)time(NULL);

	nlh = vee_nl_msg_getfamily(nl->buf, ++nl->seq);
	err = nl_send(nl, nlh);
	if (!err)
		err = nl_exchange(nl, nl->seq, GENL_ID_CTRL, family_msg, &r);
	if (!err && r.n != 1)
		err = -EPROTO;
	if (!err && nl->version != VEE_GENL_VERSION)
		err = -EPROTONOSUPPORT;
	if (err)
		goto fail;
	return 0;
fail:
	vee_nl_close(nl);
	return err;
}

void vee_nl_close(struct vee_nl *nl)
{
	if (nl->sock)
		mnl_socket_close(nl->sock);
	nl->sock = NULL;
	free(nl->buf);
	nl->buf = NULL;
}

int vee_nl_fd(const struct vee_nl *nl)
{
	return mnl_socket_get_fd(nl->sock);
}

struct get_reply {
	uint16_t family;
	uint8_t cmd;
	struct vee_nl_domain *d;
	int n;
};

static int get_msg(const struct nlmsghdr *nlh, void *data)
{
	struct get_reply *r = data;
	const struct genlmsghdr *g = genl_hdr(nlh);

	if (r->n++ || !g || g->cmd != r->cmd)
		return -EPROTO;
	return vee_nl_parse_domain(nlh, r->family, r->d);
}

int vee_nl_get(struct vee_nl *nl, uint8_t cmd, uint32_t id, const char *name,
	       struct vee_nl_domain *d)
{
	struct get_reply r = { nl->family, cmd, d, 0 };
	struct nlmsghdr *nlh;
	int err;

	if (id == VEE_ID_NONE && (!name || strlen(name) >= VEE_NAME_MAX))
		return name ? -ENAMETOOLONG : -EINVAL;
	nlh = vee_nl_msg_request(nl->buf, nl->family, cmd, ++nl->seq, false);
	vee_nl_msg_select(nlh, id, name);
	err = nl_send(nl, nlh);
	if (!err)
		err = nl_exchange(nl, nl->seq, nl->family, get_msg, &r);
	if (!err && r.n != 1)
		err = -EPROTO;
	return err;
}

struct dump_reply {
	uint16_t family;
	int (*fn)(const struct vee_nl_domain *d, void *data);
	void *data;
	struct vee_nl_domain *d;
	int stop;	/* what @fn returned when it stopped the dump */
};

static int dump_msg(const struct nlmsghdr *nlh, void *data)
{
	struct dump_reply *r = data;
	const struct genlmsghdr *g = genl_hdr(nlh);
	int err;

	if (!(nlh->nlmsg_flags & NLM_F_MULTI) || !g ||
	    g->cmd != VEE_CMD_GET_DOMAIN)
		return -EPROTO;
	err = vee_nl_parse_domain(nlh, r->family, r->d);
	if (err || r->stop)
		return err;	/* stopped: read the rest, to stay in step */
	r->stop = r->fn(r->d, r->data);
	return 0;
}

int vee_nl_dump(struct vee_nl *nl,
		int (*fn)(const struct vee_nl_domain *d, void *data),
		void *data)
{
	struct dump_reply r = { nl->family, fn, data, NULL, 0 };
	struct nlmsghdr *nlh;
	int err;

	r.d = malloc(sizeof(*r.d));
	if (!r.d)
		return -ENOMEM;
	nlh = vee_nl_msg_request(nl->buf, nl->family, VEE_CMD_GET_DOMAIN,
				 ++nl->seq, true);
	err = nl_send(nl, nlh);
	if (!err)
		err = nl_exchange(nl, nl->seq, nl->family, dump_msg, &r);
	free(r.d);
	return err ? err : r.stop;
}

struct hooks_reply {
	uint16_t family;
	uint64_t *hooks;
	int n;
};

static int hooks_msg(const struct nlmsghdr *nlh, void *data)
{
	struct hooks_reply *r = data;

	if (r->n++)
		return -EPROTO;
	return vee_nl_parse_hooks(nlh, r->family, r->hooks);
}

int vee_nl_hooks(struct vee_nl *nl, uint64_t *hooks)
{
	struct hooks_reply r = { nl->family, hooks, 0 };
	struct nlmsghdr *nlh;
	int err;

	nlh = vee_nl_msg_request(nl->buf, nl->family, VEE_CMD_GET_HOOKS,
				 ++nl->seq, false);
	err = nl_send(nl, nlh);
	if (!err)
		err = nl_exchange(nl, nl->seq, nl->family, hooks_msg, &r);
	if (!err && r.n != 1)
		err = -EPROTO;
	return err;
}

int vee_nl_subscribe(struct vee_nl *nl)
{
	int group = (int)nl->events_group, size = 4 << 20;
	int ctrl = GENL_ID_CTRL;	/* the controller's "notify" group */

	if (!group)
		return -EPROTONOSUPPORT;
	/* Room for bursts (a thousand domains destroyed at once). */
	if (setsockopt(vee_nl_fd(nl), SOL_SOCKET, SO_RCVBUFFORCE, &size,
		       sizeof(size)))
		setsockopt(vee_nl_fd(nl), SOL_SOCKET, SO_RCVBUF, &size,
			   sizeof(size));
	if (mnl_socket_setsockopt(nl->sock, NETLINK_ADD_MEMBERSHIP, &group,
				  sizeof(group)) < 0)
		return -errno;
	/* To learn that the family went away (module unload). */
	if (mnl_socket_setsockopt(nl->sock, NETLINK_ADD_MEMBERSHIP, &ctrl,
				  sizeof(ctrl)) < 0)
		return -errno;
	return 0;
}

int vee_nl_recv_events(struct vee_nl *nl,
		       int (*fn)(const struct vee_nl_event *ev, void *data),
		       void *data)
{
	const struct nlmsghdr *nlh;
	struct vee_nl_event ev;
	int len, err;

	len = mnl_socket_recvfrom(nl->sock, nl->buf, VEE_NL_BUF_SIZE);
	if (len < 0)
		return -errno;
	nlh = (const struct nlmsghdr *)nl->buf;
	if (!mnl_nlmsg_ok(nlh, len))
		return -EPROTO;
	for (; mnl_nlmsg_ok(nlh, len); nlh = mnl_nlmsg_next(nlh, &len)) {
		err = vee_nl_parse_multicast(nlh, nl->family, &ev);
		if (err > 0)
			continue;
		if (err)
			return err;
		err = fn(&ev, data);
		if (err)
			return err;
	}
	return len > 0 ? -EPROTO : 0;
}
