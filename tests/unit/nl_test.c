// SPDX-License-Identifier: GPL-2.0
/*
 * The netlink client's message building and parsing, without a kernel:
 * requests are checked byte for byte, and replies are canned the way the
 * module builds them (u64s after pad attributes, nested limits, usage
 * and counters), then broken in every way a parser must notice.
 */
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "harness.h"
#include "lib/json.h"
#include "lib/nl.h"
#include "lib/show.h"

#define FAMILY	0x1a

static char buf[8192] __attribute__((aligned(8)));

static struct nlmsghdr *reply(uint16_t type, uint8_t cmd)
{
	struct nlmsghdr *nlh;
	struct genlmsghdr *g;

	memset(buf, 0, sizeof(buf));
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = type;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = cmd;
	g->version = 1;
	return nlh;
}

/* As nla_put_u64_64bit(): a pad attribute first when the u64 is unaligned. */
static void put_u64(struct nlmsghdr *nlh, uint16_t type, uint64_t v,
		    uint16_t pad)
{
	if ((nlh->nlmsg_len + 4) % 8)
		mnl_attr_put(nlh, pad, 0, NULL);
	mnl_attr_put_u64(nlh, type, v);
}

/* What the module sends for domain "web" (id 7) with every field set. */
static struct nlmsghdr *web(uint8_t cmd)
{
	struct nlmsghdr *nlh = reply(FAMILY, cmd);
	struct nlattr *n;
	int i;

	mnl_attr_put_u32(nlh, VEE_A_ID, 7);
	mnl_attr_put_strz(nlh, VEE_A_NAME, "web");
	mnl_attr_put_u32(nlh, VEE_A_STATE, VEE_STATE_RUNNING);
	mnl_attr_put_u32(nlh, VEE_A_INIT_PID, 1234);
	put_u64(nlh, VEE_A_CREATED_NS, 5000000000ULL, VEE_A_PAD);
	put_u64(nlh, VEE_A_NS_FLAGS, VEE_NS_DEFAULT, VEE_A_PAD);
	put_u64(nlh, VEE_A_ACCOUNT, VEE_ACCT_DEFAULT, VEE_A_PAD);
	n = mnl_attr_nest_start(nlh, VEE_A_LIMITS);
	put_u64(nlh, VEE_LIM_MEMORY_MAX, 64ULL << 20, VEE_LIM_PAD);
	put_u64(nlh, VEE_LIM_MEMORY_HIGH, VEE_LIMIT_MAX, VEE_LIM_PAD);
	put_u64(nlh, VEE_LIM_PIDS_MAX, 64, VEE_LIM_PAD);
	put_u64(nlh, VEE_LIM_CPU_MAX_US, 50000, VEE_LIM_PAD);
	put_u64(nlh, VEE_LIM_CPU_PERIOD_US, 100000, VEE_LIM_PAD);
	mnl_attr_put_u32(nlh, VEE_LIM_CPU_WEIGHT, 100);
	mnl_attr_put_strz(nlh, VEE_LIM_CPUSET_CPUS, "0-1");
	mnl_attr_nest_end(nlh, n);
	n = mnl_attr_nest_start(nlh, VEE_A_USAGE);
	put_u64(nlh, VEE_USE_CPU_USAGE_US, 1500, VEE_USE_PAD);
	put_u64(nlh, VEE_USE_MEMORY_CURRENT, 4096, VEE_USE_PAD);
	put_u64(nlh, VEE_USE_MEMORY_PEAK, 8192, VEE_USE_PAD);
	put_u64(nlh, VEE_USE_PIDS_CURRENT, 2, VEE_USE_PAD);
	mnl_attr_nest_end(nlh, n);
	n = mnl_attr_nest_start(nlh, VEE_A_COUNTERS);
	for (i = VEE_CNT_FORKS; i < VEE_CNT_PAD; i++)
		put_u64(nlh, i, 100 + i, VEE_CNT_PAD);
	mnl_attr_nest_end(nlh, n);
	return nlh;
}

/* A bare domain message: id, name, state and whatever the test adds. */
static struct nlmsghdr *bare(void)
{
	struct nlmsghdr *nlh = reply(FAMILY, VEE_CMD_GET_DOMAIN);

	mnl_attr_put_u32(nlh, VEE_A_ID, 3);
	mnl_attr_put_strz(nlh, VEE_A_NAME, "db");
	mnl_attr_put_u32(nlh, VEE_A_STATE, VEE_STATE_CREATED);
	return nlh;
}

static int parse(struct nlmsghdr *nlh)
{
	static struct vee_nl_domain d;

	return vee_nl_parse_domain(nlh, FAMILY, &d);
}

TEST(getfamily_request)
{
	struct nlmsghdr *nlh = vee_nl_msg_getfamily(buf, 42);
	struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);
	struct nlattr *a = mnl_nlmsg_get_payload_offset(nlh, GENL_HDRLEN);

	EXPECT_EQ(nlh->nlmsg_type, GENL_ID_CTRL);
	EXPECT_EQ(nlh->nlmsg_flags, NLM_F_REQUEST | NLM_F_ACK);
	EXPECT_EQ(nlh->nlmsg_seq, 42);
	EXPECT_EQ(g->cmd, CTRL_CMD_GETFAMILY);
	EXPECT_EQ(mnl_attr_get_type(a), CTRL_ATTR_FAMILY_NAME);
	EXPECT_EQ(mnl_attr_get_payload_len(a), 4);
	EXPECT_EQ(memcmp(mnl_attr_get_payload(a), "vee", 4), 0);
	EXPECT_EQ(nlh->nlmsg_len, NLMSG_HDRLEN + GENL_HDRLEN + 8);
}

TEST(get_request_by_name_and_by_id)
{
	struct nlmsghdr *nlh;
	struct genlmsghdr *g;
	struct nlattr *a;

	nlh = vee_nl_msg_request(buf, FAMILY, VEE_CMD_GET_STATS, 9, false);
	vee_nl_msg_select(nlh, VEE_ID_NONE, "web");
	g = mnl_nlmsg_get_payload(nlh);
	a = mnl_nlmsg_get_payload_offset(nlh, GENL_HDRLEN);
	EXPECT_EQ(nlh->nlmsg_type, FAMILY);
	EXPECT_EQ(nlh->nlmsg_flags, NLM_F_REQUEST | NLM_F_ACK);
	EXPECT_EQ(nlh->nlmsg_seq, 9);
	EXPECT_EQ(g->cmd, VEE_CMD_GET_STATS);
	EXPECT_EQ(g->version, VEE_GENL_VERSION);
	EXPECT_EQ(g->reserved, 0);
	EXPECT_EQ(mnl_attr_get_type(a), VEE_A_NAME);
	EXPECT_EQ(mnl_attr_get_payload_len(a), 4);	/* "web" and its NUL */
	EXPECT_STREQ(mnl_attr_get_str(a), "web");
	EXPECT_EQ(nlh->nlmsg_len, NLMSG_HDRLEN + GENL_HDRLEN + 8);

	nlh = vee_nl_msg_request(buf, FAMILY, VEE_CMD_GET_DOMAIN, 10, false);
	vee_nl_msg_select(nlh, 77, "ignored");
	a = mnl_nlmsg_get_payload_offset(nlh, GENL_HDRLEN);
	EXPECT_EQ(mnl_attr_get_type(a), VEE_A_ID);
	EXPECT_EQ(mnl_attr_get_payload_len(a), 4);
	EXPECT_EQ(mnl_attr_get_u32(a), 77);
	EXPECT_EQ(nlh->nlmsg_len, NLMSG_HDRLEN + GENL_HDRLEN + 8);
}

TEST(dump_request_has_no_attribute)
{
	struct nlmsghdr *nlh;

	nlh = vee_nl_msg_request(buf, FAMILY, VEE_CMD_GET_DOMAIN, 11, true);
	EXPECT_EQ(nlh->nlmsg_flags, NLM_F_REQUEST | NLM_F_DUMP);
	EXPECT_EQ(nlh->nlmsg_len, NLMSG_HDRLEN + GENL_HDRLEN);
}

static struct nlmsghdr *family_reply(bool with_id, bool with_group)
{
	struct nlmsghdr *nlh = reply(GENL_ID_CTRL, CTRL_CMD_NEWFAMILY);
	struct nlattr *groups, *grp;

	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, "vee");
	if (with_id)
		mnl_attr_put_u16(nlh, CTRL_ATTR_FAMILY_ID, FAMILY);
	mnl_attr_put_u32(nlh, CTRL_ATTR_VERSION, 1);
	mnl_attr_put_u32(nlh, CTRL_ATTR_MAXATTR, VEE_A_MAX);
	groups = mnl_attr_nest_start(nlh, CTRL_ATTR_MCAST_GROUPS);
	grp = mnl_attr_nest_start(nlh, 1);
	mnl_attr_put_u32(nlh, CTRL_ATTR_MCAST_GRP_ID, 15);
	mnl_attr_put_strz(nlh, CTRL_ATTR_MCAST_GRP_NAME,
			  with_group ? "events" : "other");
	mnl_attr_nest_end(nlh, grp);
	mnl_attr_nest_end(nlh, groups);
	return nlh;
}

TEST(family_reply)
{
	uint32_t version = 0, group = 0;
	uint16_t family = 0;

	EXPECT_EQ(vee_nl_parse_family(family_reply(true, true), &family,
				      &version, &group), 0);
	EXPECT_EQ(family, FAMILY);
	EXPECT_EQ(version, 1);
	EXPECT_EQ(group, 15);
	EXPECT_EQ(vee_nl_parse_family(family_reply(true, false), &family,
				      &version, &group), 0);
	EXPECT_EQ(group, 0);
	EXPECT_EQ(vee_nl_parse_family(family_reply(false, true), &family,
				      &version, &group), -EPROTO);
	/* Not the controller's answer. */
	EXPECT_EQ(vee_nl_parse_family(web(VEE_CMD_GET_DOMAIN), &family,
				      &version, &group), -EPROTO);
}

TEST(domain_reply_parses_every_field)
{
	struct vee_nl_domain d;
	int i;

	ASSERT_EQ(vee_nl_parse_domain(web(VEE_CMD_GET_STATS), FAMILY, &d), 0);
	EXPECT_EQ(d.id, 7);
	EXPECT_STREQ(d.name, "web");
	EXPECT_EQ(d.state, VEE_STATE_RUNNING);
	EXPECT_EQ(d.init_pid, 1234);
	EXPECT_EQ(d.created_ns, 5000000000ULL);
	EXPECT_EQ(d.ns_flags, VEE_NS_DEFAULT);
	EXPECT_EQ(d.account, VEE_ACCT_DEFAULT);
	EXPECT_EQ(d.lim_present, (1U << VEE_LIM_MEMORY_MAX) |
		  (1U << VEE_LIM_MEMORY_HIGH) | (1U << VEE_LIM_PIDS_MAX) |
		  (1U << VEE_LIM_CPU_MAX_US) | (1U << VEE_LIM_CPU_PERIOD_US) |
		  (1U << VEE_LIM_CPU_WEIGHT) | (1U << VEE_LIM_CPUSET_CPUS));
	EXPECT_EQ(d.lim[VEE_LIM_MEMORY_MAX], 64ULL << 20);
	EXPECT_TRUE(d.lim[VEE_LIM_MEMORY_HIGH] == VEE_LIMIT_MAX);
	EXPECT_EQ(d.lim[VEE_LIM_PIDS_MAX], 64);
	EXPECT_EQ(d.lim[VEE_LIM_CPU_MAX_US], 50000);
	EXPECT_EQ(d.lim[VEE_LIM_CPU_PERIOD_US], 100000);
	EXPECT_EQ(d.lim[VEE_LIM_CPU_WEIGHT], 100);
	EXPECT_STREQ(d.cpuset_cpus, "0-1");
	EXPECT_STREQ(d.cpuset_mems, "");
	EXPECT_EQ(d.use_present, 0x1e);
	EXPECT_EQ(d.use[VEE_USE_CPU_USAGE_US], 1500);
	EXPECT_EQ(d.use[VEE_USE_MEMORY_CURRENT], 4096);
	EXPECT_EQ(d.use[VEE_USE_MEMORY_PEAK], 8192);
	EXPECT_EQ(d.use[VEE_USE_PIDS_CURRENT], 2);
	for (i = VEE_CNT_FORKS; i < VEE_CNT_PAD; i++)
		EXPECT_EQ(d.cnt[i], 100 + i);
}

TEST(domain_reply_minimal)
{
	struct vee_nl_domain d;

	ASSERT_EQ(vee_nl_parse_domain(bare(), FAMILY, &d), 0);
	EXPECT_EQ(d.id, 3);
	EXPECT_STREQ(d.name, "db");
	EXPECT_EQ(d.init_pid, 0);
	EXPECT_EQ(d.lim_present, 0);
	EXPECT_EQ(d.use_present, 0);
}

TEST(domain_reply_skips_what_it_does_not_know)
{
	struct nlmsghdr *nlh = bare();
	struct nlattr *n;

	mnl_attr_put_u32(nlh, 200, 1);			/* a newer attribute */
	mnl_attr_put(nlh, VEE_A_PAD, 0, NULL);
	n = mnl_attr_nest_start(nlh, VEE_A_LIMITS);
	mnl_attr_put_u16(nlh, 99, 5);			/* a newer limit */
	mnl_attr_nest_end(nlh, n);
	EXPECT_EQ(parse(nlh), 0);
}

TEST(domain_reply_wrong_sizes_are_refused)
{
	struct nlmsghdr *nlh;
	struct nlattr *n;

	nlh = bare();
	mnl_attr_put_u64(nlh, VEE_A_INIT_PID, 1);	/* u32 expected */
	EXPECT_EQ(parse(nlh), -EPROTO);
	nlh = bare();
	mnl_attr_put_u32(nlh, VEE_A_CREATED_NS, 1);	/* u64 expected */
	EXPECT_EQ(parse(nlh), -EPROTO);
	nlh = bare();
	n = mnl_attr_nest_start(nlh, VEE_A_LIMITS);
	mnl_attr_put_u32(nlh, VEE_LIM_MEMORY_MAX, 1);
	mnl_attr_nest_end(nlh, n);
	EXPECT_EQ(parse(nlh), -EPROTO);
	nlh = bare();
	n = mnl_attr_nest_start(nlh, VEE_A_LIMITS);
	mnl_attr_put_u64(nlh, VEE_LIM_CPU_WEIGHT, 1);
	mnl_attr_nest_end(nlh, n);
	EXPECT_EQ(parse(nlh), -EPROTO);
	nlh = bare();
	n = mnl_attr_nest_start(nlh, VEE_A_USAGE);
	mnl_attr_put_u16(nlh, VEE_USE_PIDS_CURRENT, 1);
	mnl_attr_nest_end(nlh, n);
	EXPECT_EQ(parse(nlh), -EPROTO);
	nlh = bare();
	n = mnl_attr_nest_start(nlh, VEE_A_COUNTERS);
	mnl_attr_put_u32(nlh, VEE_CNT_FORKS, 1);
	mnl_attr_nest_end(nlh, n);
	EXPECT_EQ(parse(nlh), -EPROTO);
}

TEST(domain_reply_bad_strings_are_refused)
{
	char long_name[VEE_NAME_MAX + 1];
	struct nlmsghdr *nlh;
	struct nlattr *n;

	nlh = reply(FAMILY, VEE_CMD_GET_DOMAIN);
	mnl_attr_put_u32(nlh, VEE_A_ID, 3);
	mnl_attr_put(nlh, VEE_A_NAME, 2, "db");		/* no NUL */
	mnl_attr_put_u32(nlh, VEE_A_STATE, 1);
	EXPECT_EQ(parse(nlh), -EPROTO);

	nlh = reply(FAMILY, VEE_CMD_GET_DOMAIN);
	mnl_attr_put_u32(nlh, VEE_A_ID, 3);
	mnl_attr_put(nlh, VEE_A_NAME, 6, "db\0xy");	/* bytes after NUL */
	mnl_attr_put_u32(nlh, VEE_A_STATE, 1);
	EXPECT_EQ(parse(nlh), -EPROTO);

	memset(long_name, 'a', VEE_NAME_MAX);
	long_name[VEE_NAME_MAX] = 0;
	nlh = reply(FAMILY, VEE_CMD_GET_DOMAIN);
	mnl_attr_put_u32(nlh, VEE_A_ID, 3);
	mnl_attr_put_strz(nlh, VEE_A_NAME, long_name);	/* 64 + NUL */
	mnl_attr_put_u32(nlh, VEE_A_STATE, 1);
	EXPECT_EQ(parse(nlh), -EPROTO);
	long_name[VEE_NAME_MAX - 1] = 0;		/* 63 + NUL fits */
	nlh = reply(FAMILY, VEE_CMD_GET_DOMAIN);
	mnl_attr_put_u32(nlh, VEE_A_ID, 3);
	mnl_attr_put_strz(nlh, VEE_A_NAME, long_name);
	mnl_attr_put_u32(nlh, VEE_A_STATE, 1);
	EXPECT_EQ(parse(nlh), 0);

	nlh = bare();
	n = mnl_attr_nest_start(nlh, VEE_A_LIMITS);
	mnl_attr_put(nlh, VEE_LIM_CPUSET_CPUS, 0, NULL);	/* empty */
	mnl_attr_nest_end(nlh, n);
	EXPECT_EQ(parse(nlh), -EPROTO);
}

TEST(domain_reply_missing_required_is_refused)
{
	struct nlmsghdr *nlh;

	nlh = reply(FAMILY, VEE_CMD_GET_DOMAIN);
	mnl_attr_put_u32(nlh, VEE_A_ID, 3);
	mnl_attr_put_u32(nlh, VEE_A_STATE, 1);
	EXPECT_EQ(parse(nlh), -EPROTO);			/* no name */
	nlh = reply(FAMILY, VEE_CMD_GET_DOMAIN);
	mnl_attr_put_strz(nlh, VEE_A_NAME, "db");
	mnl_attr_put_u32(nlh, VEE_A_STATE, 1);
	EXPECT_EQ(parse(nlh), -EPROTO);			/* no id */
	nlh = reply(FAMILY, VEE_CMD_GET_DOMAIN);
	mnl_attr_put_u32(nlh, VEE_A_ID, 3);
	mnl_attr_put_strz(nlh, VEE_A_NAME, "db");
	EXPECT_EQ(parse(nlh), -EPROTO);			/* no state */
	nlh = reply(FAMILY, VEE_CMD_GET_DOMAIN);
	mnl_attr_put_u32(nlh, VEE_A_ID, 0);
	mnl_attr_put_strz(nlh, VEE_A_NAME, "db");
	mnl_attr_put_u32(nlh, VEE_A_STATE, 1);
	EXPECT_EQ(parse(nlh), -EPROTO);			/* id 0 */
}

TEST(domain_reply_wrong_message_is_refused)
{
	struct vee_nl_domain d;
	struct nlmsghdr *nlh;

	EXPECT_EQ(vee_nl_parse_domain(web(VEE_CMD_GET_DOMAIN), FAMILY + 1, &d),
		  -EPROTO);
	EXPECT_EQ(vee_nl_parse_domain(web(VEE_CMD_EVENT), FAMILY, &d), -EPROTO);
	EXPECT_EQ(vee_nl_parse_domain(web(VEE_CMD_GET_HOOKS), FAMILY, &d),
		  -EPROTO);
	/* Shorter than a genetlink header. */
	nlh = reply(FAMILY, VEE_CMD_GET_DOMAIN);
	nlh->nlmsg_len = NLMSG_HDRLEN + 2;
	EXPECT_EQ(vee_nl_parse_domain(nlh, FAMILY, &d), -EPROTO);
}

TEST(domain_reply_truncated_attribute_is_refused)
{
	struct nlmsghdr *nlh = bare();
	struct nlattr *a;

	/* An attribute that claims more than the message holds. */
	a = mnl_nlmsg_get_payload_tail(nlh);
	mnl_attr_put_u32(nlh, VEE_A_INIT_PID, 9);
	a->nla_len = 40;
	EXPECT_EQ(parse(nlh), -EPROTO);
	/* Trailing bytes too short to be an attribute. */
	nlh = bare();
	nlh->nlmsg_len += 4;
	EXPECT_EQ(parse(nlh), -EPROTO);
}

static struct nlmsghdr *event(uint32_t ev, bool time)
{
	struct nlmsghdr *nlh = reply(FAMILY, VEE_CMD_EVENT);

	mnl_attr_put_u32(nlh, VEE_A_EVENT, ev);
	if (time)
		put_u64(nlh, VEE_A_TIME_NS, 123456789012ULL, VEE_A_PAD);
	mnl_attr_put_u32(nlh, VEE_A_ID, 5);
	mnl_attr_put_strz(nlh, VEE_A_NAME, "job");
	return nlh;
}

TEST(event_replies)
{
	struct vee_nl_event ev;
	struct nlmsghdr *nlh;
	struct nlattr *n;

	ASSERT_EQ(vee_nl_parse_event(event(VEE_EVENT_CREATED, true), FAMILY,
				     &ev), 0);
	EXPECT_EQ(ev.event, VEE_EVENT_CREATED);
	EXPECT_EQ(ev.time_ns, 123456789012ULL);
	EXPECT_EQ(ev.id, 5);
	EXPECT_STREQ(ev.name, "job");
	EXPECT_EQ(ev.resource, 0);
	EXPECT_TRUE(!ev.has_counters);

	nlh = event(VEE_EVENT_LIMIT_HIT, true);
	mnl_attr_put_u32(nlh, VEE_A_RESOURCE, VEE_RESOURCE_PIDS);
	ASSERT_EQ(vee_nl_parse_event(nlh, FAMILY, &ev), 0);
	EXPECT_EQ(ev.resource, VEE_RESOURCE_PIDS);

	nlh = event(VEE_EVENT_DESTROYED, true);
	n = mnl_attr_nest_start(nlh, VEE_A_COUNTERS);
	put_u64(nlh, VEE_CNT_EXECS, 3, VEE_CNT_PAD);
	mnl_attr_nest_end(nlh, n);
	ASSERT_EQ(vee_nl_parse_event(nlh, FAMILY, &ev), 0);
	EXPECT_TRUE(ev.has_counters);
	EXPECT_EQ(ev.cnt[VEE_CNT_EXECS], 3);

	EXPECT_EQ(vee_nl_parse_event(event(VEE_EVENT_EMPTY, false), FAMILY,
				     &ev), -EPROTO);
	EXPECT_EQ(vee_nl_parse_event(event(VEE_EVENT_UNSPEC, true), FAMILY,
				     &ev), -EPROTO);
	EXPECT_EQ(vee_nl_parse_event(web(VEE_CMD_GET_DOMAIN), FAMILY, &ev),
		  -EPROTO);
}

TEST(multicast_messages)
{
	struct vee_nl_event ev;
	struct nlmsghdr *nlh;

	EXPECT_EQ(vee_nl_parse_multicast(event(VEE_EVENT_STARTED, true), FAMILY,
					 &ev), 0);
	EXPECT_EQ(ev.event, VEE_EVENT_STARTED);
	/* The controller's news of other families is skipped. */
	nlh = family_reply(true, true);
	((struct genlmsghdr *)mnl_nlmsg_get_payload(nlh))->cmd = CTRL_CMD_NEWFAMILY;
	EXPECT_EQ(vee_nl_parse_multicast(nlh, FAMILY + 1, &ev), 1);
	((struct genlmsghdr *)mnl_nlmsg_get_payload(nlh))->cmd = CTRL_CMD_DELFAMILY;
	EXPECT_EQ(vee_nl_parse_multicast(nlh, FAMILY + 1, &ev), 1);
	/* Ours going away ends the stream. */
	EXPECT_EQ(vee_nl_parse_multicast(nlh, FAMILY, &ev), -ESHUTDOWN);
	((struct genlmsghdr *)mnl_nlmsg_get_payload(nlh))->cmd = CTRL_CMD_NEWFAMILY;
	EXPECT_EQ(vee_nl_parse_multicast(nlh, FAMILY, &ev), 1);
	/* Not from the kernel, or an answer to some request. */
	nlh = event(VEE_EVENT_STARTED, true);
	nlh->nlmsg_pid = 42;
	EXPECT_EQ(vee_nl_parse_multicast(nlh, FAMILY, &ev), -EPROTO);
	nlh = event(VEE_EVENT_STARTED, true);
	nlh->nlmsg_seq = 7;
	EXPECT_EQ(vee_nl_parse_multicast(nlh, FAMILY, &ev), -EPROTO);
	/* Another family's message where events come. */
	EXPECT_EQ(vee_nl_parse_multicast(event(VEE_EVENT_STARTED, true),
					 FAMILY + 1, &ev), -EPROTO);
}

TEST(hooks_reply)
{
	struct nlmsghdr *nlh;
	uint64_t hooks = 0;

	nlh = reply(FAMILY, VEE_CMD_GET_HOOKS);
	put_u64(nlh, VEE_A_HOOKS, VEE_ACCT_FORK | VEE_ACCT_OOM, VEE_A_PAD);
	EXPECT_EQ(vee_nl_parse_hooks(nlh, FAMILY, &hooks), 0);
	EXPECT_EQ(hooks, VEE_ACCT_FORK | VEE_ACCT_OOM);
	nlh = reply(FAMILY, VEE_CMD_GET_HOOKS);
	EXPECT_EQ(vee_nl_parse_hooks(nlh, FAMILY, &hooks), -EPROTO);
	nlh = reply(FAMILY, VEE_CMD_GET_HOOKS);
	mnl_attr_put_u32(nlh, VEE_A_HOOKS, 1);
	EXPECT_EQ(vee_nl_parse_hooks(nlh, FAMILY, &hooks), -EPROTO);
}

/* An NLMSG_ERROR as the kernel writes it with NETLINK_CAP_ACK and EXT_ACK. */
static struct nlmsghdr *error_msg(int err, const char *msg, bool capped)
{
	struct nlmsghdr *nlh, *orig;
	struct nlmsgerr *e;

	memset(buf, 0, sizeof(buf));
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = NLMSG_ERROR;
	e = mnl_nlmsg_put_extra_header(nlh, sizeof(*e));
	e->error = err;
	e->msg.nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN + 8;
	e->msg.nlmsg_type = FAMILY;
	if (capped) {
		nlh->nlmsg_flags |= NLM_F_CAPPED;
	} else {
		/* The request, whole, after the header already copied. */
		orig = mnl_nlmsg_put_extra_header(nlh, GENL_HDRLEN + 8);
		memset(orig, 0xa5, GENL_HDRLEN + 8);
	}
	if (msg) {
		nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
		mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, msg);
		mnl_attr_put_u32(nlh, NLMSGERR_ATTR_OFFS, 20);
	}
	return nlh;
}

TEST(error_messages)
{
	char msg[VEE_NL_ERRMSG_MAX];
	struct nlmsghdr *nlh;
	int *done;

	EXPECT_EQ(vee_nl_parse_error(error_msg(0, NULL, true), msg,
				     sizeof(msg)), 0);
	EXPECT_STREQ(msg, "");
	EXPECT_EQ(vee_nl_parse_error(error_msg(-EINVAL, "no such thing", true),
				     msg, sizeof(msg)), -EINVAL);
	EXPECT_STREQ(msg, "no such thing");
	EXPECT_EQ(vee_nl_parse_error(error_msg(-EPERM, "refused", false),
				     msg, sizeof(msg)), -EPERM);
	EXPECT_STREQ(msg, "refused");
	EXPECT_EQ(vee_nl_parse_error(error_msg(-EPERM, "a long reason", true),
				     msg, 7), -EPERM);
	EXPECT_STREQ(msg, "a long");
	EXPECT_EQ(vee_nl_parse_error(error_msg(5, NULL, true), msg,
				     sizeof(msg)), -EPROTO);

	memset(buf, 0, sizeof(buf));
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = NLMSG_DONE;
	done = mnl_nlmsg_put_extra_header(nlh, sizeof(int));
	EXPECT_EQ(vee_nl_parse_error(nlh, msg, sizeof(msg)), 0);
	*done = -ENOMEM;
	EXPECT_EQ(vee_nl_parse_error(nlh, msg, sizeof(msg)), -ENOMEM);
	nlh->nlmsg_type = FAMILY;
	EXPECT_EQ(vee_nl_parse_error(nlh, msg, sizeof(msg)), -EPROTO);
}

/* The output keys are the command line's contract: pin them. */
TEST(domain_json_keys)
{
	static const char want[] =
		"{\"name\":\"web\",\"id\":7,\"state\":\"running\","
		"\"init_pid\":1234,\"created_ns\":5000000000,"
		"\"namespaces\":[\"mnt\",\"pid\",\"net\",\"uts\",\"ipc\",\"cgroup\"],"
		"\"account\":[\"sched\",\"fork\",\"fault\",\"io\",\"net\",\"oom\"],"
		"\"limits\":{\"memory_max\":67108864,\"memory_high\":null,"
		"\"swap_max\":null,\"pids_max\":64,\"cpu_max_us\":50000,"
		"\"cpu_period_us\":100000,\"cpu_weight\":100,"
		"\"cpuset_cpus\":\"0-1\",\"cpuset_mems\":null},"
		"\"usage\":{\"cpu_usage_us\":1500,\"memory_current\":4096,"
		"\"memory_peak\":8192,\"pids_current\":2},"
		"\"counters\":{\"forks\":101,\"execs\":102,\"exits\":103,"
		"\"ctx_switches_voluntary\":104,\"ctx_switches_involuntary\":105,"
		"\"page_faults\":106,\"syscalls\":107,\"io_read_bytes\":108,"
		"\"io_write_bytes\":109,\"net_rx_bytes\":110,\"net_tx_bytes\":111,"
		"\"oom_kills\":112,\"memory_limit_hits\":113,"
		"\"pids_limit_hits\":114}}\n";
	struct vee_nl_domain d;
	char *out = NULL;
	size_t len = 0;
	struct json j;
	FILE *f;

	ASSERT_EQ(vee_nl_parse_domain(web(VEE_CMD_GET_STATS), FAMILY, &d), 0);
	f = open_memstream(&out, &len);
	ASSERT_TRUE(f != NULL);
	json_init(&j, f);
	vee_show_domain_json(&j, &d);
	fclose(f);
	EXPECT_STREQ(out, want);
	free(out);
}

TEST(domain_json_nulls)
{
	struct vee_nl_domain d;
	char *out = NULL;
	size_t len = 0;
	struct json j;
	FILE *f;

	ASSERT_EQ(vee_nl_parse_domain(bare(), FAMILY, &d), 0);
	f = open_memstream(&out, &len);
	ASSERT_TRUE(f != NULL);
	json_init(&j, f);
	vee_show_domain_json(&j, &d);
	fclose(f);
	EXPECT_TRUE(strstr(out, "\"init_pid\":null,") != NULL);
	EXPECT_TRUE(strstr(out, "\"namespaces\":[],\"account\":[],") != NULL);
	EXPECT_TRUE(strstr(out, "\"limits\":{\"memory_max\":null,\"memory_high\":null,\"swap_max\":null,\"pids_max\":null,\"cpu_max_us\":null,\"cpu_period_us\":null,\"cpu_weight\":null,\"cpuset_cpus\":null,\"cpuset_mems\":null}") != NULL);
	EXPECT_TRUE(strstr(out, "\"usage\":{\"cpu_usage_us\":null,\"memory_current\":null,\"memory_peak\":null,\"pids_current\":null}") != NULL);
	free(out);
}

static char *event_json(struct nlmsghdr *nlh)
{
	struct vee_nl_event ev;
	char *out = NULL;
	size_t len = 0;
	FILE *f;

	if (vee_nl_parse_event(nlh, FAMILY, &ev))
		TEST_FAIL_(1, "event does not parse");
	f = open_memstream(&out, &len);
	vee_show_event_json(f, &ev);
	fclose(f);
	return out;
}

TEST(event_json_lines)
{
	struct nlmsghdr *nlh;
	struct nlattr *n;
	char *out;

	out = event_json(event(VEE_EVENT_CREATED, true));
	EXPECT_STREQ(out, "{\"event\":\"created\",\"name\":\"job\",\"id\":5,\"time_ns\":123456789012}\n");
	free(out);
	nlh = event(VEE_EVENT_LIMIT_HIT, true);
	mnl_attr_put_u32(nlh, VEE_A_RESOURCE, VEE_RESOURCE_MEMORY);
	out = event_json(nlh);
	EXPECT_STREQ(out, "{\"event\":\"limit_hit\",\"name\":\"job\",\"id\":5,\"time_ns\":123456789012,\"resource\":\"memory\"}\n");
	free(out);
	nlh = event(VEE_EVENT_DESTROYED, true);
	n = mnl_attr_nest_start(nlh, VEE_A_COUNTERS);
	put_u64(nlh, VEE_CNT_FORKS, 2, VEE_CNT_PAD);
	mnl_attr_nest_end(nlh, n);
	out = event_json(nlh);
	EXPECT_TRUE(!strncmp(out, "{\"event\":\"destroyed\",\"name\":\"job\",\"id\":5,\"time_ns\":123456789012,\"counters\":{\"forks\":2,\"execs\":0,", 96));
	EXPECT_TRUE(strstr(out, "\"pids_limit_hits\":0}}\n") != NULL);
	free(out);
	out = event_json(event(42, true));
	EXPECT_TRUE(!strncmp(out, "{\"event\":\"unknown\",", 19));
	free(out);
}

int main(int argc, char **argv)
{
	return test_main(argc, argv);
}
