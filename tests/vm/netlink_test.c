// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family "vee" from a raw socket: requests are built
 * by hand here (not by the tool's library) so that they can be wrong in
 * every way, and replies are read byte by byte.  Only resolving the
 * family id goes through lib/nl.c.  Run as root in the VM with vee.ko
 * loaded; each test removes what it made.
 */
#include <fcntl.h>
#include <grp.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/sched.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <time.h>

#include "harness.h"
#include "lib/ctl.h"
#include "lib/nl.h"

#define ROOT "/sys/fs/cgroup/vee"
#define BUF_SIZE 65536

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

static uint16_t family;
static uint32_t events_group;
static uint32_t seq = 1000;

/* The family's id and group, once per test (each test is a new process). */
static void resolve(void)
{
	struct vee_nl nl;
	int err = vee_nl_open(&nl);

	if (err)
		TEST_FAIL_(1, "resolving the family: %s", strerror(-err));
	family = nl.family;
	events_group = nl.events_group;
	vee_nl_close(&nl);
}

static bool kernel_at_least(int major, int minor)
{
	struct utsname u;
	int ma = 0, mi = 0;

	if (uname(&u) || sscanf(u.release, "%d.%d", &ma, &mi) != 2)
		TEST_FAIL_(1, "uname: %s", strerror(errno));
	return ma > major || (ma == major && mi >= minor);
}

static int dev(void)
{
	int fd = open(VEE_DEV_PATH, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		TEST_FAIL_(1, "open %s: %s", VEE_DEV_PATH, strerror(errno));
	return fd;
}

static void put_name(char dst[VEE_NAME_MAX], const char *name)
{
	memset(dst, 0, VEE_NAME_MAX);
	memcpy(dst, name, strlen(name));
}

static uint32_t create(int fd, const char *name, uint64_t account)
{
	struct vee_create c = { .size = sizeof(c), .account = account };

	put_name(c.name, name);
	if (ioctl(fd, VEE_IOC_CREATE, &c))
		TEST_FAIL_(1, "create %s: %s", name, strerror(errno));
	return c.id;
}

static int destroy(int fd, const char *name)
{
	struct vee_destroy d = { .size = sizeof(d), .flags = VEE_DESTROY_FORCE };

	put_name(d.name, name);
	return ioctl(fd, VEE_IOC_DESTROY, &d);
}

static int nl_socket(void)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int fd, one = 1;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0)
		TEST_FAIL_(1, "socket: %s", strerror(errno));
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)))
		TEST_FAIL_(1, "bind: %s", strerror(errno));
	return fd;
}

/* A request under construction. */
struct req {
	struct nlmsghdr *nlh;
	char buf[BUF_SIZE] __attribute__((aligned(8)));
};

static struct nlmsghdr *req_start(struct req *r, uint16_t type, uint16_t flags,
				  uint8_t cmd)
{
	struct genlmsghdr *g;

	memset(r->buf, 0, sizeof(r->buf));
	r->nlh = (struct nlmsghdr *)r->buf;
	r->nlh->nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN;
	r->nlh->nlmsg_type = type;
	r->nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	r->nlh->nlmsg_seq = ++seq;
	g = NLMSG_DATA(r->nlh);
	g->cmd = cmd;
	g->version = VEE_GENL_VERSION;
	return r->nlh;
}

/* Appends an attribute of @len bytes (its header says @hdr_len if not 0). */
static void req_attr(struct req *r, uint16_t type, const void *data,
		     size_t len, size_t hdr_len)
{
	struct nlattr *a = (struct nlattr *)(r->buf + r->nlh->nlmsg_len);

	a->nla_type = type;
	a->nla_len = hdr_len ? hdr_len : NLA_HDRLEN + len;
	memcpy((char *)a + NLA_HDRLEN, data, len);
	r->nlh->nlmsg_len += NLA_ALIGN(NLA_HDRLEN + len);
}

static void req_u32(struct req *r, uint16_t type, uint32_t v)
{
	req_attr(r, type, &v, sizeof(v), 0);
}

static void req_str(struct req *r, uint16_t type, const char *s)
{
	req_attr(r, type, s, strlen(s) + 1, 0);
}

static void req_send(int fd, struct req *r)
{
	if (send(fd, r->nlh, r->nlh->nlmsg_len, 0) != (ssize_t)r->nlh->nlmsg_len)
		TEST_FAIL_(1, "send: %s", strerror(errno));
}

/* What came back for one request. */
struct reply {
	int err;			/* from NLMSG_ERROR or NLMSG_DONE */
	char extack[VEE_NL_ERRMSG_MAX];
	int msgs;			/* data messages */
	int recvs;			/* datagrams */
	bool truncated;
	struct vee_nl_domain d;		/* the last domain message */
	uint32_t *ids;			/* dump: the ids, in order (optional) */
	int nids, maxids;
	bool bad;			/* a message that did not parse */
	uint64_t hooks;
};

/* Reads until the request's ACK, error or NLMSG_DONE, with @bufsize reads. */
static void reply_read(int fd, struct reply *rep, size_t bufsize)
{
	static char buf[BUF_SIZE] __attribute__((aligned(8)));
	struct nlmsghdr *nlh;
	int len, err;
	ssize_t n;

	for (;;) {
		n = recv(fd, buf, bufsize, MSG_TRUNC);
		if (n < 0)
			TEST_FAIL_(1, "recv: %s", strerror(errno));
		rep->recvs++;
		if ((size_t)n > bufsize) {
			TH_LOG("a datagram of %zd bytes cut to %zu", n, bufsize);
			rep->truncated = true;
			n = bufsize;
		}
		len = n;
		for (nlh = (struct nlmsghdr *)buf; NLMSG_OK(nlh, len);
		     nlh = NLMSG_NEXT(nlh, len)) {
			if (nlh->nlmsg_seq != seq) {
				if (!rep->bad)
					TH_LOG("reply of seq %u to request %u",
					       nlh->nlmsg_seq, seq);
				rep->bad = true;
				continue;
			}
			if (nlh->nlmsg_type == NLMSG_ERROR ||
			    nlh->nlmsg_type == NLMSG_DONE) {
				rep->err = vee_nl_parse_error(nlh, rep->extack,
							      sizeof(rep->extack));
				return;
			}
			rep->msgs++;
			if (((struct genlmsghdr *)NLMSG_DATA(nlh))->cmd ==
			    VEE_CMD_GET_HOOKS) {
				if (vee_nl_parse_hooks(nlh, family, &rep->hooks))
					rep->bad = true;
				continue;
			}
			err = vee_nl_parse_domain(nlh, family, &rep->d);
			if (err) {
				if (!rep->bad)
					TH_LOG("message %d does not parse: %s",
					       rep->msgs, strerror(-err));
				rep->bad = true;
				continue;
			}
			if (rep->ids && rep->nids < rep->maxids)
				rep->ids[rep->nids] = rep->d.id;
			rep->nids++;
		}
	}
}

/* Sends @r on @fd and reads the whole answer. */
static struct reply *ask(int fd, struct req *r)
{
	static struct reply rep;

	memset(&rep, 0, sizeof(rep));
	req_send(fd, r);
	reply_read(fd, &rep, BUF_SIZE);
	return &rep;
}

/* A fresh socket, one request, its error (0 for success). */
static int ask_err(struct req *r, char *extack)
{
	int fd = nl_socket();
	struct reply *rep = ask(fd, r);

	close(fd);
	if (extack)
		strcpy(extack, rep->extack);
	return rep->err;
}

static int get_by_name(const char *name, struct vee_nl_domain *d, uint8_t cmd)
{
	static struct req r;
	int fd = nl_socket();
	struct reply *rep;

	req_start(&r, family, NLM_F_ACK, cmd);
	req_str(&r, VEE_A_NAME, name);
	rep = ask(fd, &r);
	close(fd);
	if (!rep->err && (rep->msgs != 1 || rep->bad))
		return -EPROTO;
	*d = rep->d;
	return rep->err;
}

/* Every id in the registry, through VEE_IOC_LIST. */
static uint32_t list_ids(int fd, uint32_t *ids, uint32_t max)
{
	struct vee_list l = { .size = sizeof(l), .ids = (uintptr_t)ids,
			      .count = max };

	if (ioctl(fd, VEE_IOC_LIST, &l))
		TEST_FAIL_(1, "VEE_IOC_LIST: %s", strerror(errno));
	return l.count;
}

static struct reply *dump(int fd, uint32_t *ids, int max, size_t bufsize)
{
	static struct reply rep;
	static struct req r;

	memset(&rep, 0, sizeof(rep));
	rep.ids = ids;
	rep.maxids = max;
	req_start(&r, family, 0, VEE_CMD_GET_DOMAIN);
	r.nlh->nlmsg_flags |= NLM_F_DUMP;
	req_send(fd, &r);
	reply_read(fd, &rep, bufsize);
	return &rep;
}

TEST(unknown_commands_are_eopnotsupp)
{
	static struct req r;

	resolve();
	req_start(&r, family, NLM_F_ACK, 99);
	EXPECT_EQ(ask_err(&r, NULL), -EOPNOTSUPP);
	req_start(&r, family, NLM_F_ACK, VEE_CMD_UNSPEC);
	EXPECT_EQ(ask_err(&r, NULL), -EOPNOTSUPP);
	/* Events are sent by the module, never asked for. */
	req_start(&r, family, NLM_F_ACK, VEE_CMD_EVENT);
	EXPECT_EQ(ask_err(&r, NULL), -EOPNOTSUPP);
	/* Only GET_DOMAIN dumps. */
	req_start(&r, family, NLM_F_DUMP, VEE_CMD_GET_STATS);
	EXPECT_EQ(ask_err(&r, NULL), -EOPNOTSUPP);
	req_start(&r, family, NLM_F_DUMP, VEE_CMD_GET_HOOKS);
	EXPECT_EQ(ask_err(&r, NULL), -EOPNOTSUPP);
	/* A known command answers, so the above is not an accident. */
	req_start(&r, family, NLM_F_ACK, VEE_CMD_GET_HOOKS);
	EXPECT_EQ(ask_err(&r, NULL), 0);
}

TEST(selector_must_be_exactly_one)
{
	static struct req r;
	char why[VEE_NL_ERRMSG_MAX];
	int fd = dev();

	resolve();
	create(fd, "sel", 0);
	req_start(&r, family, NLM_F_ACK, VEE_CMD_GET_DOMAIN);
	EXPECT_EQ(ask_err(&r, why), -EINVAL);
	EXPECT_STREQ(why, "VEE_A_ID or VEE_A_NAME is required");
	req_start(&r, family, NLM_F_ACK, VEE_CMD_GET_STATS);
	EXPECT_EQ(ask_err(&r, why), -EINVAL);
	req_start(&r, family, NLM_F_ACK, VEE_CMD_GET_DOMAIN);
	req_u32(&r, VEE_A_ID, 1);
	req_str(&r, VEE_A_NAME, "sel");
	EXPECT_EQ(ask_err(&r, why), -EINVAL);
	EXPECT_STREQ(why, "give VEE_A_ID or VEE_A_NAME, not both");
	/* The same selector twice. */
	req_start(&r, family, NLM_F_ACK, VEE_CMD_GET_DOMAIN);
	req_str(&r, VEE_A_NAME, "sel");
	req_str(&r, VEE_A_NAME, "sel");
	EXPECT_EQ(ask_err(&r, why), -EINVAL);
	EXPECT_STREQ(why, "the selector is repeated");
	req_start(&r, family, NLM_F_ACK, VEE_CMD_GET_DOMAIN);
	req_u32(&r, VEE_A_ID, 1);
	req_u32(&r, VEE_A_ID, 1);
	EXPECT_EQ(ask_err(&r, why), -EINVAL);
	/* Each alone works. */
	req_start(&r, family, NLM_F_ACK, VEE_CMD_GET_DOMAIN);
	req_str(&r, VEE_A_NAME, "sel");
	EXPECT_EQ(ask_err(&r, why), 0);
	EXPECT_EQ(destroy(fd, "sel"), 0);
}

TEST(bad_attributes_are_einval)
{
	static struct req r;
	char name64[VEE_NAME_MAX + 1];
	char why[VEE_NL_ERRMSG_MAX];
	uint64_t v64 = 1;
	uint16_t v16 = 1;
	int fd = dev();

	resolve();
	create(fd, "attrs", 0);

	/* VEE_A_ID is a u32: two or eight bytes are wrong. */
	req_start(&r, family, NLM_F_ACK, VEE_CMD_GET_DOMAIN);
	req_attr(&r, VEE_A_ID, &v16, sizeof(v16), 0);
	EXPECT_EQ(ask_err(&r, NULL), -EINVAL);
	req_start(&r, family, NLM_F_ACK, VEE_CMD_GET_DOMAIN);
	req_attr(&r, VEE_A_ID, &v64, sizeof(v64), 0);
	EXPECT_EQ(ask_err(&r, NULL), -EINVAL);
	/* Id 0 selects nothing. */
	req_start(&r, family, NLM_F_ACK, VEE_CMD_GET_DOMAIN);
	req_u32(&r, VEE_A_ID, VEE_ID_NONE);
	EXPECT_EQ(ask_err(&r, why), -EINVAL);
	EXPECT_STREQ(why, "id 0 names no domain");

	/* A name without its NUL. */
	req_start(&r, family, NLM_F_ACK, VEE_CMD_GET_DOMAIN);
	req_attr(&r, VEE_A_NAME, "attrs", 5, 0);
	EXPECT_EQ(ask_err(&r, NULL), -EINVAL);
	/* Bytes after the NUL. */
	req_start(&r, family, NLM_F_ACK, VEE_CMD_GET_DOMAIN);
	req_attr(&r, VEE_A_NAME, "attrs\0x", 8, 0);
	EXPECT_EQ(ask_err(&r, why), -EINVAL);
	EXPECT_STREQ(why, "bytes follow the name's NUL");
	req_start(&r, family, NLM_F_ACK, VEE_CMD_GET_DOMAIN);
	req_attr(&r, VEE_A_NAME, "attrs\0\0", 7, 0);
	EXPECT_EQ(ask_err(&r, NULL), -EINVAL);
	/* 64 characters: one too many. */
	memset(name64, 'a', VEE_NAME_MAX);
	name64[VEE_NAME_MAX] = 0;
	req_start(&r, family, NLM_F_ACK, VEE_CMD_GET_DOMAIN);
	req_str(&r, VEE_A_NAME, name64);
	EXPECT_EQ(ask_err(&r, NULL), -EINVAL);
	/* 63 are a valid name, of no domain. */
	name64[VEE_NAME_MAX - 1] = 0;
	req_start(&r, family, NLM_F_ACK, VEE_CMD_GET_DOMAIN);
	req_str(&r, VEE_A_NAME, name64);
	EXPECT_EQ(ask_err(&r, NULL), -ENOENT);
	/* Not names at all. */
	req_start(&r, family, NLM_F_ACK, VEE_CMD_GET_DOMAIN);
	req_str(&r, VEE_A_NAME, "");
	EXPECT_EQ(ask_err(&r, NULL), -EINVAL);
	req_start(&r, family, NLM_F_ACK, VEE_CMD_GET_DOMAIN);
	req_str(&r, VEE_A_NAME, "../attrs");
	EXPECT_EQ(ask_err(&r, why), -EINVAL);
	EXPECT_STREQ(why, "not a valid domain name");
	req_start(&r, family, NLM_F_ACK, VEE_CMD_GET_DOMAIN);
	req_str(&r, VEE_A_NAME, "..");
	EXPECT_EQ(ask_err(&r, NULL), -EINVAL);

	/* Attributes a request may not carry, known or not. */
	req_start(&r, family, NLM_F_ACK, VEE_CMD_GET_DOMAIN);
	req_str(&r, VEE_A_NAME, "attrs");
	req_u32(&r, VEE_A_STATE, 1);
	EXPECT_EQ(ask_err(&r, NULL), -EINVAL);
	req_start(&r, family, NLM_F_ACK, VEE_CMD_GET_DOMAIN);
	req_str(&r, VEE_A_NAME, "attrs");
	req_u32(&r, VEE_A_MAX + 1, 1);
	EXPECT_EQ(ask_err(&r, NULL), -EINVAL);
	req_start(&r, family, NLM_F_ACK, VEE_CMD_GET_DOMAIN);
	req_str(&r, VEE_A_NAME, "attrs");
	req_u32(&r, VEE_A_UNSPEC, 1);
	EXPECT_EQ(ask_err(&r, NULL), -EINVAL);
	req_start(&r, family, NLM_F_ACK, VEE_CMD_GET_HOOKS);
	req_u32(&r, VEE_A_ID, 1);
	EXPECT_EQ(ask_err(&r, why), -EINVAL);
	EXPECT_STREQ(why, "VEE_CMD_GET_HOOKS takes no attribute");

	/* Truncated: an attribute longer than the message, or shorter than its header. */
	req_start(&r, family, NLM_F_ACK, VEE_CMD_GET_DOMAIN);
	req_attr(&r, VEE_A_NAME, "attrs", 6, 40);
	EXPECT_EQ(ask_err(&r, NULL), -EINVAL);
	req_start(&r, family, NLM_F_ACK, VEE_CMD_GET_DOMAIN);
	req_attr(&r, VEE_A_ID, "\1\0\0\0", 4, 2);
	EXPECT_EQ(ask_err(&r, NULL), -EINVAL);
	req_start(&r, family, NLM_F_ACK, VEE_CMD_GET_DOMAIN);
	req_str(&r, VEE_A_NAME, "attrs");
	r.nlh->nlmsg_len += 2;		/* a stray half attribute header */
	EXPECT_EQ(ask_err(&r, NULL), -EINVAL);
	/* A message shorter than the genetlink header. */
	req_start(&r, family, NLM_F_ACK, VEE_CMD_GET_DOMAIN);
	r.nlh->nlmsg_len = NLMSG_HDRLEN + 2;
	EXPECT_EQ(ask_err(&r, NULL), -EINVAL);
	/* The genetlink header's reserved field must be zero. */
	req_start(&r, family, NLM_F_ACK, VEE_CMD_GET_DOMAIN);
	((struct genlmsghdr *)NLMSG_DATA(r.nlh))->reserved = 1;
	req_str(&r, VEE_A_NAME, "attrs");
	EXPECT_EQ(ask_err(&r, NULL), -EINVAL);
	/* The same request, well formed, works. */
	req_start(&r, family, NLM_F_ACK, VEE_CMD_GET_DOMAIN);
	req_str(&r, VEE_A_NAME, "attrs");
	EXPECT_EQ(ask_err(&r, NULL), 0);
	EXPECT_EQ(destroy(fd, "attrs"), 0);
}

TEST(dump_takes_no_attribute)
{
	static struct req r;
	char why[VEE_NL_ERRMSG_MAX];

	resolve();
	req_start(&r, family, NLM_F_DUMP, VEE_CMD_GET_DOMAIN);
	req_u32(&r, VEE_A_ID, 1);
	EXPECT_EQ(ask_err(&r, why), -EINVAL);
	/* 6.1 gives a dump's start callback no extack to write to. */
	if (kernel_at_least(6, 2))
		EXPECT_STREQ(why, "a dump lists every domain and takes no attribute");
	else
		EXPECT_STREQ(why, "");
	req_start(&r, family, NLM_F_DUMP, VEE_CMD_GET_DOMAIN);
	req_u32(&r, VEE_A_STATE, 1);
	EXPECT_EQ(ask_err(&r, NULL), -EINVAL);
	/* A huge request: 60 KiB of attributes. */
	req_start(&r, family, NLM_F_DUMP, VEE_CMD_GET_DOMAIN);
	while (r.nlh->nlmsg_len < 60000)
		req_u32(&r, VEE_A_ID, 1);
	EXPECT_EQ(ask_err(&r, NULL), -EINVAL);
	req_start(&r, family, NLM_F_ACK, VEE_CMD_GET_DOMAIN);
	while (r.nlh->nlmsg_len < 60000)
		req_str(&r, VEE_A_NAME, "x");
	EXPECT_EQ(ask_err(&r, NULL), -EINVAL);
	req_start(&r, family, NLM_F_DUMP, VEE_CMD_GET_DOMAIN);
	EXPECT_EQ(ask_err(&r, NULL), 0);
}

TEST(no_such_domain_is_enoent)
{
	static struct req r;
	char why[VEE_NL_ERRMSG_MAX];

	resolve();
	req_start(&r, family, NLM_F_ACK, VEE_CMD_GET_DOMAIN);
	req_u32(&r, VEE_A_ID, 0x7fffffff);
	EXPECT_EQ(ask_err(&r, why), -ENOENT);
	EXPECT_STREQ(why, "no such domain");
	req_start(&r, family, NLM_F_ACK, VEE_CMD_GET_STATS);
	req_str(&r, VEE_A_NAME, "nosuch");
	EXPECT_EQ(ask_err(&r, NULL), -ENOENT);
}

/* Every field the INFO ioctl gives is in the message, and equal. */
static void same_as_info(int fd, const char *name, const struct vee_nl_domain *d)
{
	struct vee_info i = { .size = sizeof(i) };

	put_name(i.name, name);
	ASSERT_EQ(ioctl(fd, VEE_IOC_INFO, &i), 0);
	EXPECT_EQ(d->id, i.id);
	EXPECT_STREQ(d->name, i.name);
	EXPECT_EQ(d->state, i.state);
	EXPECT_EQ(d->init_pid, i.init_pid);
	EXPECT_TRUE(d->created_ns == i.created_ns);
	EXPECT_TRUE(d->ns_flags == i.ns_flags);
	EXPECT_TRUE(d->account == i.account);
}

TEST(get_matches_info_for_an_idle_domain)
{
	struct vee_create c = { .size = sizeof(c), .ns_flags = VEE_NS_DEFAULT,
				.account = VEE_ACCT_FORK | VEE_ACCT_SCHED };
	struct vee_nl_domain d;
	int fd = dev(), i;

	resolve();
	put_name(c.name, "idle");
	c.limits.mask = VEE_LIMIT_MEMORY_MAX | VEE_LIMIT_PIDS_MAX |
			VEE_LIMIT_CPU_MAX | VEE_LIMIT_CPU_WEIGHT;
	c.limits.memory_max = 64 << 20;
	c.limits.pids_max = 32;
	c.limits.cpu_quota_us = 50000;
	c.limits.cpu_weight = 42;
	ASSERT_EQ(ioctl(fd, VEE_IOC_CREATE, &c), 0);

	ASSERT_EQ(get_by_name("idle", &d, VEE_CMD_GET_DOMAIN), 0);
	same_as_info(fd, "idle", &d);
	EXPECT_EQ(d.state, VEE_STATE_CREATED);
	EXPECT_EQ(d.init_pid, 0);
	/* Limits as set; those not set are absent or "max". */
	EXPECT_EQ(d.lim[VEE_LIM_MEMORY_MAX], 64 << 20);
	EXPECT_EQ(d.lim[VEE_LIM_PIDS_MAX], 32);
	EXPECT_EQ(d.lim[VEE_LIM_CPU_MAX_US], 50000);
	EXPECT_EQ(d.lim[VEE_LIM_CPU_PERIOD_US], 100000);
	EXPECT_EQ(d.lim[VEE_LIM_CPU_WEIGHT], 42);
	EXPECT_TRUE(d.lim[VEE_LIM_MEMORY_HIGH] == VEE_LIMIT_MAX);
	EXPECT_EQ(d.lim_present & (1U << VEE_LIM_CPUSET_CPUS), 0);
	/* Nothing ran in it. */
	EXPECT_EQ(d.use_present & (1U << VEE_USE_PIDS_CURRENT),
		  1U << VEE_USE_PIDS_CURRENT);
	EXPECT_EQ(d.use[VEE_USE_PIDS_CURRENT], 0);
	for (i = VEE_CNT_FORKS; i < VEE_CNT_PAD; i++)
		EXPECT_EQ(d.cnt[i], 0);

	/* GET_STATS, and by id: the same. */
	ASSERT_EQ(get_by_name("idle", &d, VEE_CMD_GET_STATS), 0);
	same_as_info(fd, "idle", &d);
	EXPECT_EQ(destroy(fd, "idle"), 0);
	EXPECT_EQ(get_by_name("idle", &d, VEE_CMD_GET_STATS), -ENOENT);
}

static pid_t clone3_into(int cgroup_fd)
{
	struct clone_args a = {
		.flags = CLONE_INTO_CGROUP,
		.exit_signal = SIGCHLD,
		.cgroup = (uint64_t)cgroup_fd,
	};

	return syscall(SYS_clone3, &a, sizeof(a));
}

static int reap(pid_t pid)
{
	int st;

	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

TEST(get_matches_info_for_a_running_domain)
{
	struct vee_create c = { .size = sizeof(c),
				.flags = VEE_CREATE_CGROUP_FD,
				.account = VEE_ACCT_FORK };
	struct vee_enter e = { .size = sizeof(e) };
	struct vee_nl_domain d;
	int fd = dev(), go[2], n;
	char byte;
	pid_t pid;

	resolve();
	put_name(c.name, "busy");
	ASSERT_EQ(ioctl(fd, VEE_IOC_CREATE, &c), 0);
	ASSERT_EQ(pipe(go), 0);
	pid = clone3_into(c.cgroup_fd);
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		put_name(e.name, "busy");
		close(go[1]);
		if (ioctl(fd, VEE_IOC_ENTER, &e))
			_exit(1);
		/* Something to count: a child that exits. */
		if (fork() == 0)
			_exit(0);
		wait(NULL);
		(void)!read(go[0], &byte, 1);
		_exit(0);
	}
	close(go[0]);
	for (n = 0; n < 500; n++) {
		ASSERT_EQ(get_by_name("busy", &d, VEE_CMD_GET_STATS), 0);
		/*
		 * The exit is counted in do_exit(); the child leaves
		 * pids.current only when its parent has reaped it.
		 */
		if (d.state == VEE_STATE_RUNNING && d.cnt[VEE_CNT_EXITS] >= 1 &&
		    d.use[VEE_USE_PIDS_CURRENT] == 1)
			break;
		usleep(10000);
	}
	same_as_info(fd, "busy", &d);
	EXPECT_EQ(d.state, VEE_STATE_RUNNING);
	EXPECT_EQ(d.init_pid, pid);
	EXPECT_EQ(d.use[VEE_USE_PIDS_CURRENT], 1);
	EXPECT_GT(d.use[VEE_USE_MEMORY_CURRENT], 0);
	EXPECT_GE(d.use[VEE_USE_MEMORY_PEAK], d.use[VEE_USE_MEMORY_CURRENT]);
	EXPECT_GE(d.cnt[VEE_CNT_FORKS], 1);
	EXPECT_GE(d.cnt[VEE_CNT_EXITS], 1);
	close(go[1]);
	EXPECT_EQ(reap(pid), 0);
	close(c.cgroup_fd);
	EXPECT_EQ(destroy(fd, "busy"), 0);
}

static void become_nobody(void)
{
	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534))
		TEST_FAIL_(1, "dropping to nobody: %s", strerror(errno));
}

/* Every request on @fd is refused with EPERM; @id names a domain. */
static void all_refused(int fd, uint32_t id)
{
	static struct req r;

	req_start(&r, family, NLM_F_ACK, VEE_CMD_GET_DOMAIN);
	req_u32(&r, VEE_A_ID, id);
	EXPECT_EQ(ask(fd, &r)->err, -EPERM);
	req_start(&r, family, NLM_F_ACK, VEE_CMD_GET_STATS);
	req_u32(&r, VEE_A_ID, id);
	EXPECT_EQ(ask(fd, &r)->err, -EPERM);
	req_start(&r, family, NLM_F_DUMP, VEE_CMD_GET_DOMAIN);
	EXPECT_EQ(ask(fd, &r)->err, -EPERM);
	req_start(&r, family, NLM_F_ACK, VEE_CMD_GET_HOOKS);
	EXPECT_EQ(ask(fd, &r)->err, -EPERM);
}

TEST(non_root_is_eperm_for_every_op)
{
	int fd = dev(), root_sock, own_sock, group;
	uint32_t id;

	resolve();
	id = create(fd, "perm", 0);
	root_sock = nl_socket();
	/* The same requests answer for root, so EPERM below means something. */
	{
		static struct req r;

		req_start(&r, family, NLM_F_ACK, VEE_CMD_GET_STATS);
		req_u32(&r, VEE_A_ID, id);
		ASSERT_EQ(ask(root_sock, &r)->err, 0);
	}
	pid_t pid = fork();

	ASSERT_GE(pid, 0);
	if (pid == 0) {
		become_nobody();
		/* A socket root opened, and one of its own. */
		all_refused(root_sock, id);
		own_sock = nl_socket();
		all_refused(own_sock, id);
		group = (int)events_group;
		EXPECT_ERRNO(setsockopt(own_sock, SOL_NETLINK,
					NETLINK_ADD_MEMBERSHIP, &group,
					sizeof(group)), EPERM);
		_exit(test_failed_here);
	}
	EXPECT_EQ(reap(pid), 0);
	close(root_sock);
	EXPECT_EQ(destroy(fd, "perm"), 0);
}

TEST(task_inside_a_domain_is_eperm)
{
	struct vee_create c = { .size = sizeof(c),
				.flags = VEE_CREATE_CGROUP_FD };
	int fd = dev(), host_sock;
	pid_t pid;

	resolve();
	put_name(c.name, "inside");
	ASSERT_EQ(ioctl(fd, VEE_IOC_CREATE, &c), 0);
	host_sock = nl_socket();
	pid = clone3_into(c.cgroup_fd);
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		int own = nl_socket();

		/* Root, the host's netns, but inside a domain. */
		all_refused(host_sock, c.id);
		all_refused(own, c.id);
		_exit(test_failed_here);
	}
	EXPECT_EQ(reap(pid), 0);
	/* From the host the same socket still works. */
	{
		static struct req r;

		req_start(&r, family, NLM_F_ACK, VEE_CMD_GET_STATS);
		req_u32(&r, VEE_A_ID, c.id);
		EXPECT_EQ(ask(host_sock, &r)->err, 0);
	}
	close(host_sock);
	close(c.cgroup_fd);
	EXPECT_EQ(destroy(fd, "inside"), 0);
}

/* netnsok is false: another network namespace does not see the family. */
TEST(family_only_in_the_initial_netns)
{
	struct vee_nl nl;
	pid_t pid;

	resolve();
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		if (unshare(CLONE_NEWNET))
			_exit(2);
		_exit(vee_nl_open(&nl) == -ENOENT ? 0 : 1);
	}
	EXPECT_EQ(reap(pid), 0);
}

TEST(hooks_follow_the_domains)
{
	static struct req r;
	int fd = dev(), s = nl_socket();
	struct reply *rep;

	resolve();
	req_start(&r, family, NLM_F_ACK, VEE_CMD_GET_HOOKS);
	rep = ask(s, &r);
	ASSERT_EQ(rep->err, 0);
	EXPECT_EQ(rep->msgs, 1);
	EXPECT_TRUE(!rep->bad);
	EXPECT_EQ(rep->hooks, 0);	/* no domain, nothing attached */
	create(fd, "hk", VEE_ACCT_FORK | VEE_ACCT_FAULT);
	rep = ask(s, &r);
	ASSERT_EQ(rep->err, 0);
	EXPECT_TRUE(rep->hooks == (VEE_ACCT_FORK | VEE_ACCT_FAULT));
	EXPECT_EQ(destroy(fd, "hk"), 0);
	rep = ask(s, &r);
	EXPECT_EQ(rep->hooks, 0);
	close(s);
}

/* Creates @n domains "PREFIX-i"; returns their count. */
static int create_many(int fd, const char *prefix, int n)
{
	char name[VEE_NAME_MAX];
	int i;

	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "%s-%d", prefix, i);
		create(fd, name, 0);
	}
	return n;
}

static void destroy_many(int fd, const char *prefix, int n)
{
	char name[VEE_NAME_MAX];
	int i;

	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "%s-%d", prefix, i);
		if (destroy(fd, name))
			TEST_FAIL_(0, "destroy %s: %s", name, strerror(errno));
	}
}

/* @got has the ids of @want (both increasing), nothing more. */
static void same_ids(const uint32_t *got, int ngot, const uint32_t *want,
		     int nwant)
{
	int i;

	/* Not an ASSERT: the caller still destroys what it made. */
	if (ngot != nwant) {
		TEST_FAIL_(0, "%d ids, want %d", ngot, nwant);
		return;
	}
	for (i = 0; i < ngot; i++)
		if (got[i] != want[i]) {
			TEST_FAIL_(0, "id %d: got %u, want %u", i, got[i], want[i]);
			return;
		}
}

TEST(dump_returns_every_domain_in_order)
{
	static uint32_t got[300], want[300];
	int fd = dev(), s;
	struct reply *rep;
	uint32_t n;

	resolve();
	create_many(fd, "dd", 200);
	n = list_ids(fd, want, 300);
	EXPECT_EQ(n, 200);
	s = nl_socket();
	rep = dump(s, got, 300, BUF_SIZE);
	EXPECT_EQ(rep->err, 0);
	EXPECT_TRUE(!rep->bad && !rep->truncated);
	same_ids(got, rep->nids, want, n);
	/* 200 messages do not fit in one datagram: it went on. */
	EXPECT_GT(rep->recvs, 1);
	/*
	 * With page-sized reads from the start (the kernel sizes a dump's
	 * datagrams by the largest read the socket has seen): more
	 * datagrams, none cut.
	 */
	close(s);
	s = nl_socket();
	rep = dump(s, got, 300, 4096);
	EXPECT_EQ(rep->err, 0);
	EXPECT_TRUE(!rep->bad && !rep->truncated);
	same_ids(got, rep->nids, want, n);
	close(s);
	destroy_many(fd, "dd", 200);
}

TEST(dump_of_an_empty_registry)
{
	struct reply *rep;
	int s;

	resolve();
	s = nl_socket();
	rep = dump(s, NULL, 0, BUF_SIZE);
	EXPECT_EQ(rep->err, 0);
	EXPECT_EQ(rep->msgs, 0);
	close(s);
}

/* A dump left half read, or whose socket is closed midway, leaks nothing. */
TEST(dump_abandoned_midway)
{
	static char buf[4096];
	static struct req r;
	int fd = dev(), s, i;

	resolve();
	create_many(fd, "ab", 100);
	for (i = 0; i < 20; i++) {
		s = nl_socket();
		req_start(&r, family, 0, VEE_CMD_GET_DOMAIN);
		r.nlh->nlmsg_flags |= NLM_F_DUMP;
		req_send(s, &r);
		ASSERT_GT(recv(s, buf, sizeof(buf), 0), 0);
		close(s);
	}
	/* Never read at all. */
	s = nl_socket();
	req_send(s, &r);
	close(s);
	destroy_many(fd, "ab", 100);
}

struct dumper {
	int rounds;
	int failures;
	uint32_t lo, hi;	/* ids that must be in every dump */
};

static void *dump_thread(void *arg)
{
	static __thread uint32_t ids[4096];
	struct dumper *dp = arg;
	struct req *r = malloc(sizeof(*r));
	int s = nl_socket(), i, j, found;
	struct reply rep;

	for (i = 0; i < dp->rounds; i++) {
		memset(&rep, 0, sizeof(rep));
		rep.ids = ids;
		rep.maxids = 4096;
		req_start(r, family, 0, VEE_CMD_GET_DOMAIN);
		r->nlh->nlmsg_flags |= NLM_F_DUMP;
		r->nlh->nlmsg_seq = __atomic_add_fetch(&seq, 1, __ATOMIC_RELAXED);
		if (send(s, r->nlh, r->nlh->nlmsg_len, 0) < 0) {
			dp->failures++;
			continue;
		}
		/* reply_read checks the sequence against the global: use its own. */
		for (;;) {
			static __thread char buf[BUF_SIZE] __attribute__((aligned(8)));
			struct nlmsghdr *nlh;
			ssize_t n = recv(s, buf, sizeof(buf), 0);
			int len = n, done = 0;

			if (n <= 0) {
				dp->failures++;
				break;
			}
			for (nlh = (struct nlmsghdr *)buf; NLMSG_OK(nlh, len);
			     nlh = NLMSG_NEXT(nlh, len)) {
				if (nlh->nlmsg_seq != r->nlh->nlmsg_seq)
					dp->failures++;
				if (nlh->nlmsg_type == NLMSG_DONE ||
				    nlh->nlmsg_type == NLMSG_ERROR) {
					if (vee_nl_parse_error(nlh, NULL, 0))
						dp->failures++;
					done = 1;
					break;
				}
				if (vee_nl_parse_domain(nlh, family, &rep.d)) {
					dp->failures++;
					continue;
				}
				if (rep.nids && rep.d.id <= ids[rep.nids - 1])
					dp->failures++;	/* out of order */
				if (rep.nids < 4096)
					ids[rep.nids++] = rep.d.id;
			}
			if (done)
				break;
		}
		/* The domains nobody touches are always there. */
		found = 0;
		for (j = 0; j < rep.nids; j++)
			found += ids[j] >= dp->lo && ids[j] <= dp->hi;
		if (found != (int)(dp->hi - dp->lo + 1))
			dp->failures++;
	}
	close(s);
	free(r);
	return NULL;
}

TEST(many_concurrent_dumps)
{
	static uint32_t ids[200];
	struct dumper dp[8];
	pthread_t th[8];
	char name[VEE_NAME_MAX];
	int fd = dev(), i, k;

	resolve();
	create_many(fd, "cc", 100);
	ASSERT_EQ(list_ids(fd, ids, 200), 100);
	for (i = 0; i < 8; i++) {
		dp[i] = (struct dumper){ .rounds = 10, .lo = ids[0],
					 .hi = ids[99] };
		ASSERT_EQ(pthread_create(&th[i], NULL, dump_thread, &dp[i]), 0);
	}
	/* Meanwhile, domains come and go around them. */
	for (k = 0; k < 30; k++) {
		snprintf(name, sizeof(name), "churn-%d", k);
		create(fd, name, 0);
		EXPECT_EQ(destroy(fd, name), 0);
	}
	for (i = 0; i < 8; i++) {
		pthread_join(th[i], NULL);
		EXPECT_EQ(dp[i].failures, 0);
	}
	destroy_many(fd, "cc", 100);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

#define MANY 10000

/* A line of /proc/meminfo, in MiB; -1 if it is not there. */
static long meminfo_mib(const char *key)
{
	FILE *f = fopen("/proc/meminfo", "r");
	char line[128];
	size_t len = strlen(key);
	long kb = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, len) && line[len] == ':') {
			kb = atol(line + len + 1);
			break;
		}
	fclose(f);
	return kb < 0 ? -1 : kb / 1024;
}

/* How many domain objects `vee list --json` prints. */
static int count_cli_domains(void)
{
	FILE *p = popen("vee list --json", "r");
	int c, prev = 0, n = 0, depth = 0;

	if (!p)
		return -1;
	/* Objects directly inside the top-level array. */
	while ((c = fgetc(p)) != EOF) {
		if (c == '"' && prev != '\\') {
			while ((c = fgetc(p)) != EOF && !(c == '"' && prev != '\\'))
				prev = c;
		} else if (c == '{' && depth++ == 1) {
			n++;
		} else if (c == '[' && depth == 0) {
			depth = 1;
		} else if (c == '}') {
			depth--;
		}
		prev = c;
	}
	return pclose(p) == 0 ? n : -1;
}

/*
 * 10,000 domains; make check-debug asks for fewer (VEE_MANY_DOMAINS): under
 * KASAN on an emulated CPU 10,000 memory cgroups take most of an hour.
 */
TEST(dump_of_many_domains)
{
	static uint32_t got[MANY + 1], want[MANY + 1];
	const char *env = getenv("VEE_MANY_DOMAINS");
	int many = env ? atoi(env) : MANY;
	double t0, t1, t2, t3;
	struct reply *rep;
	int fd = dev(), s;
	uint32_t n;

	ASSERT_TRUE(many > 0 && many <= MANY);
	resolve();
	t0 = now_s();
	create_many(fd, "many", many);
	t1 = now_s();
	n = list_ids(fd, want, MANY + 1);
	EXPECT_EQ(n, (uint32_t)many);
	s = nl_socket();
	t2 = now_s();
	rep = dump(s, got, MANY + 1, BUF_SIZE);
	t3 = now_s();
	EXPECT_EQ(rep->err, 0);
	EXPECT_TRUE(!rep->bad && !rep->truncated);
	same_ids(got, rep->nids, want, n);
	TH_LOG("created %d domains in %.1f s; dumped them in %.2f s (%d datagrams)",
	       many, t1 - t0, t3 - t2, rep->recvs);
	TH_LOG("MemAvailable %ld MiB, Slab %ld MiB, Percpu %ld MiB",
	       meminfo_mib("MemAvailable"), meminfo_mib("Slab"),
	       meminfo_mib("Percpu"));
	close(s);

	/* The real tool: vee list --json names every one of them. */
	t0 = now_s();
	EXPECT_EQ(count_cli_domains(), many);
	TH_LOG("vee list --json listed them in %.2f s", now_s() - t0);
	t0 = now_s();
	destroy_many(fd, "many", many);
	TH_LOG("destroyed them in %.1f s", now_s() - t0);
}

/* Waits up to @ms for a datagram on @s; 1 if one is there. */
static int readable(int s, int ms)
{
	struct pollfd p = { .fd = s, .events = POLLIN };

	return poll(&p, 1, ms) == 1;
}

static int next_event(int s, struct vee_nl_event *ev)
{
	static char buf[BUF_SIZE] __attribute__((aligned(8)));
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	ssize_t n;

	if (!readable(s, 5000))
		return -ETIMEDOUT;
	n = recv(s, buf, sizeof(buf), 0);
	if (n < 0)
		return -errno;
	if (!NLMSG_OK(nlh, (int)n) || nlh->nlmsg_pid != 0 || nlh->nlmsg_seq != 0)
		return -EPROTO;
	return vee_nl_parse_event(nlh, family, ev);
}

TEST(events_created_and_destroyed)
{
	struct vee_nl_event ev;
	struct timespec ts;
	int fd = dev(), s, group, i;
	uint64_t before, after;
	uint32_t id;

	resolve();
	ASSERT_NE(events_group, 0);
	s = nl_socket();
	group = (int)events_group;
	ASSERT_EQ(setsockopt(s, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &group,
			     sizeof(group)), 0);
	clock_gettime(CLOCK_BOOTTIME, &ts);
	before = ts.tv_sec * 1000000000ULL + ts.tv_nsec;
	id = create(fd, "evt", VEE_ACCT_FORK);
	EXPECT_EQ(destroy(fd, "evt"), 0);
	clock_gettime(CLOCK_BOOTTIME, &ts);
	after = ts.tv_sec * 1000000000ULL + ts.tv_nsec;

	ASSERT_EQ(next_event(s, &ev), 0);
	EXPECT_EQ(ev.event, VEE_EVENT_CREATED);
	EXPECT_EQ(ev.id, id);
	EXPECT_STREQ(ev.name, "evt");
	EXPECT_TRUE(ev.time_ns >= before && ev.time_ns <= after);
	EXPECT_TRUE(!ev.has_counters);
	before = ev.time_ns;
	ASSERT_EQ(next_event(s, &ev), 0);
	EXPECT_EQ(ev.event, VEE_EVENT_DESTROYED);
	EXPECT_EQ(ev.id, id);
	EXPECT_STREQ(ev.name, "evt");
	EXPECT_TRUE(ev.time_ns >= before && ev.time_ns <= after);
	EXPECT_TRUE(ev.has_counters);
	for (i = VEE_CNT_FORKS; i < VEE_CNT_PAD; i++)
		EXPECT_EQ(ev.cnt[i], 0);
	/* Nothing else happened. */
	EXPECT_EQ(readable(s, 200), 0);
	close(s);
}

/* A listener that leaves (or never reads) costs nothing and breaks nothing. */
TEST(events_with_a_slow_listener)
{
	int fd = dev(), s, group, size = 4096;

	resolve();
	s = nl_socket();
	setsockopt(s, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	group = (int)events_group;
	ASSERT_EQ(setsockopt(s, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &group,
			     sizeof(group)), 0);
	create_many(fd, "slow", 50);
	destroy_many(fd, "slow", 50);
	/* Its buffer overflowed: the socket says so, and carries on. */
	{
		static char buf[BUF_SIZE];
		ssize_t n;
		int overflow = 0;

		while ((n = recv(s, buf, sizeof(buf), MSG_DONTWAIT)) != -1 ||
		       errno == ENOBUFS)
			overflow += n < 0;
		EXPECT_GT(overflow, 0);
	}
	close(s);
}

int main(int argc, char **argv)
{
	return test_main(argc, argv);
}
