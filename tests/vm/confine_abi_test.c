// SPDX-License-Identifier: GPL-2.0
/*
 * Raw ioctl tests of ABI 1.1: the confinement record of struct vee_create
 * and struct vee_info (and its netlink attributes), VEE_CREATE_USERNS_AUTO's
 * uid ranges, the module parameters that bound them, and the first ENTER's
 * check of the caller's user namespace.  Run as root in the VM with vee.ko
 * loaded; the parameter tests reload the module ($VEE_KO) and load it back
 * with the parameters it had.  Each test removes what it made.
 */
#include <fcntl.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>
#include <linux/sched.h>
#include <sched.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "harness.h"
#include "guest.h"
#include "lib/ctl.h"
#include "lib/nl.h"

#define PARAMS "/sys/module/vee/parameters/"
#define RANGE VEE_USERNS_RANGE
#define NS_AUTO (VEE_NS_USER | VEE_NS_PID)

static int dev(void)
{
	int fd = -1;

	/* Just after a reload, devtmpfs may not have the node yet. */
	for (int i = 0; i < 200 && fd < 0; i++) {
		fd = open(VEE_DEV_PATH, O_RDWR | O_CLOEXEC);
		if (fd < 0)
			usleep(10000);
	}
	if (fd < 0)
		TEST_FAIL_(1, "open %s: %s", VEE_DEV_PATH, strerror(errno));
	return fd;
}

/* VEE_IOC_CREATE with @c as set up (its size too, when the caller set one). */
static int create(int fd, struct vee_create *c, const char *name)
{
	if (!c->size)
		c->size = sizeof(*c);
	put_name(c->name, name);
	return ioctl(fd, VEE_IOC_CREATE, c);
}

/* A USERNS_AUTO domain with a cgroup fd; fails the test if refused. */
static struct vee_create create_auto(int fd, const char *name)
{
	struct vee_create c = {
		.flags = VEE_CREATE_USERNS_AUTO | VEE_CREATE_CGROUP_FD,
		.ns_flags = NS_AUTO,
	};

	if (create(fd, &c, name))
		TEST_FAIL_(1, "create %s: %s", name, strerror(errno));
	return c;
}

static uint32_t nr_domains(int fd)
{
	struct vee_version v = { .size = sizeof(v) };

	if (ioctl(fd, VEE_IOC_VERSION, &v))
		TEST_FAIL_(1, "VEE_IOC_VERSION: %s", strerror(errno));
	return v.nr_domains;
}

static bool cg_exists(const char *name)
{
	char path[256];
	struct stat st;

	snprintf(path, sizeof(path), CG_ROOT "/%s", name);
	return stat(path, &st) == 0;
}

static uint32_t param_u32(const char *name)
{
	char path[128];
	const char *s;

	snprintf(path, sizeof(path), PARAMS "%s", name);
	s = read_line(path);
	if (!*s)
		TEST_FAIL_(1, "cannot read %s", path);
	return (uint32_t)strtoul(s, NULL, 10);
}

/* Waits up to 5 s for the domain's state to become @state. */
static uint32_t wait_state(int fd, const char *name, uint32_t state)
{
	struct vee_info i = {};

	for (int n = 0; n < 500; n++) {
		if (raw_info(fd, name, &i))
			TEST_FAIL_(1, "info %s: %s", name, strerror(errno));
		if (i.state == state)
			break;
		usleep(10000);
	}
	return i.state;
}

/* ---- netlink: the domain message's confinement attributes ---- */

struct nl_dom {
	uint32_t seen;		/* 1 << VEE_A_* of the attributes present */
	uint32_t id, confine, uid_base, uid_count;
	uint64_t caps, seccomp_key;
};

#define HAS(d, a)	(!!((d)->seen & (1U << (a))))

static int nl_attr(const struct nlattr *a, void *data)
{
	struct nl_dom *d = data;
	uint16_t t = mnl_attr_get_type(a);
	bool u64 = t == VEE_A_CAPS || t == VEE_A_SECCOMP_KEY;

	if (t < 32)
		d->seen |= 1U << t;
	switch (t) {
	case VEE_A_ID:
	case VEE_A_CONFINE:
	case VEE_A_UID_BASE:
	case VEE_A_UID_COUNT:
	case VEE_A_CAPS:
	case VEE_A_SECCOMP_KEY:
		if (mnl_attr_validate(a, u64 ? MNL_TYPE_U64 : MNL_TYPE_U32) < 0)
			return MNL_CB_ERROR;
		break;
	default:
		return MNL_CB_OK;
	}
	switch (t) {
	case VEE_A_ID:
		d->id = mnl_attr_get_u32(a);
		break;
	case VEE_A_CONFINE:
		d->confine = mnl_attr_get_u32(a);
		break;
	case VEE_A_UID_BASE:
		d->uid_base = mnl_attr_get_u32(a);
		break;
	case VEE_A_UID_COUNT:
		d->uid_count = mnl_attr_get_u32(a);
		break;
	case VEE_A_CAPS:
		d->caps = mnl_attr_get_u64(a);
		break;
	case VEE_A_SECCOMP_KEY:
		d->seccomp_key = mnl_attr_get_u64(a);
		break;
	}
	return MNL_CB_OK;
}

struct nl_query {
	uint32_t id;
	struct nl_dom *out;
	int found;
};

static int nl_msg(const struct nlmsghdr *nlh, void *data)
{
	struct nl_query *q = data;
	struct nl_dom d = {};

	if (mnl_attr_parse(nlh, sizeof(struct genlmsghdr), nl_attr, &d) < 0)
		return MNL_CB_ERROR;
	if (d.id == q->id) {
		*q->out = d;
		q->found++;
	}
	return MNL_CB_OK;
}

/* Domain @id as GET_DOMAIN's do (or its dump, with @dump) describes it. */
static int nl_get(uint32_t id, bool dump, struct nl_dom *out)
{
	struct nl_query q = { .id = id, .out = out };
	struct nlmsghdr *nlh;
	struct vee_nl nl;
	int err, ret, len;

	memset(out, 0, sizeof(*out));
	err = vee_nl_open(&nl);
	if (err)
		return err;
	nlh = vee_nl_msg_request(nl.buf, nl.family, VEE_CMD_GET_DOMAIN,
				 ++nl.seq, dump);
	if (!dump)
		vee_nl_msg_select(nlh, id, NULL);
	if (mnl_socket_sendto(nl.sock, nlh, nlh->nlmsg_len) < 0) {
		err = -errno;
		goto out;
	}
	do {
		len = mnl_socket_recvfrom(nl.sock, nl.buf, VEE_NL_BUF_SIZE);
		if (len < 0) {
			err = -errno;
			goto out;
		}
		ret = mnl_cb_run(nl.buf, len, nl.seq, nl.portid, nl_msg, &q);
	} while (ret > MNL_CB_STOP);
	if (ret < 0)
		err = errno ? -errno : -EPROTO;
	else if (q.found != 1)
		err = -ENOENT;
out:
	vee_nl_close(&nl);
	return err;
}

/* ---- a child in a domain's cgroup that tries the first ENTER ---- */

static int write_proc(pid_t pid, const char *file, const char *text)
{
	char path[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/%s", pid, file);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, text, strlen(text));
	if (n < 0)
		n = -errno;
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : n < 0 ? n : -EIO;
}

struct try_enter {
	uint64_t clone_flags;	/* besides CLONE_INTO_CGROUP */
	const char *uid_map;	/* written by the parent, when not NULL */
	const char *gid_map;
	/*
	 * The child then makes a user namespace inside its own, which a
	 * helper in the outer one maps 0 0 65536: the same host ids, but a
	 * grandchild of the initial namespace.
	 */
	bool nested;
	pid_t pid;		/* out: the child, as the host sees it */
	int hold;		/* out: with @keep and success, close to end it */
};

static int read_full(int fd, void *buf, size_t len)
{
	return read(fd, buf, len) == (ssize_t)len ? 0 : -1;
}

/* The nested case's helper: joins @userns_fd and maps @pid's namespace. */
static void map_nested(int userns_fd, pid_t pid)
{
	pid_t w = fork();

	if (w < 0)
		TEST_FAIL_(1, "fork: %s", strerror(errno));
	if (w == 0) {
		if (setns(userns_fd, CLONE_NEWUSER))
			_exit(1);
		if (write_proc(pid, "uid_map", "0 0 65536\n"))
			_exit(2);
		if (write_proc(pid, "gid_map", "0 0 65536\n"))
			_exit(3);
		_exit(0);
	}
	if (reap(w) != 0)
		TEST_FAIL_(1, "mapping the nested user namespace failed");
}

/*
 * Clones a child into @cgfd as @t says, lets it call VEE_IOC_ENTER on @name
 * once its maps are written, and returns 0 or the errno the child got.
 * With @keep and success the child stays until t->hold is closed (then
 * reap t->pid); otherwise it is reaped here.
 */
static int try_enter(int fd, int cgfd, const char *name, struct try_enter *t,
		     bool keep)
{
	int to[2], from[2], r = -1, ns_fd = -1;
	char go = 'g';
	pid_t pid;

	if (pipe2(to, O_CLOEXEC) || pipe2(from, O_CLOEXEC))
		TEST_FAIL_(1, "pipe: %s", strerror(errno));
	fflush(stdout);
	pid = clone3_into(cgfd, t->clone_flags);
	if (pid < 0)
		TEST_FAIL_(1, "clone3: %s", strerror(errno));
	if (pid == 0) {
		char b;

		close(to[1]);
		close(from[0]);
		if (read_full(to[0], &b, 1))
			_exit(90);
		if (t->nested) {
			r = setresgid(0, 0, 0) || setresuid(0, 0, 0) ||
			    unshare(CLONE_NEWUSER) ? errno : 0;
			if (write(from[1], &r, sizeof(r)) != sizeof(r) || r ||
			    read_full(to[0], &b, 1))
				_exit(91);
		}
		r = raw_enter(fd, name) ? errno : 0;
		if (write(from[1], &r, sizeof(r)) != sizeof(r))
			_exit(92);
		if (!r)
			(void)!read(to[0], &b, 1);	/* until released */
		_exit(0);
	}
	close(to[0]);
	close(from[1]);
	t->pid = pid;
	if (t->uid_map && write_proc(pid, "uid_map", t->uid_map))
		TEST_FAIL_(1, "writing uid_map \"%s\" failed", t->uid_map);
	if (t->gid_map && write_proc(pid, "gid_map", t->gid_map))
		TEST_FAIL_(1, "writing gid_map \"%s\" failed", t->gid_map);
	if (t->nested) {
		char path[64];

		snprintf(path, sizeof(path), "/proc/%d/ns/user", pid);
		ns_fd = open(path, O_RDONLY | O_CLOEXEC);
		if (ns_fd < 0 || write(to[1], &go, 1) != 1 ||
		    read_full(from[0], &r, sizeof(r)) || r)
			TEST_FAIL_(1, "nested user namespace: %s",
				   strerror(r > 0 ? r : errno));
		map_nested(ns_fd, pid);
		close(ns_fd);
	}
	if (write(to[1], &go, 1) != 1 || read_full(from[0], &r, sizeof(r)))
		TEST_FAIL_(1, "the child (pid %d) died: %d", pid, reap(pid));
	close(from[0]);
	if (!r && keep) {
		t->hold = to[1];
		return r;
	}
	close(to[1]);
	if (reap(pid) != 0)
		TEST_FAIL_(1, "the child (pid %d) failed", pid);
	return r;
}

/* "FIRST LOWER COUNT\n" */
static const char *map_line(char *buf, size_t len, uint32_t first,
			    uint32_t lower, uint32_t count)
{
	snprintf(buf, len, "%u %u %u\n", first, lower, count);
	return buf;
}

/* ---- 1. the record reads back ---- */

/* Every confine bit, every capability up to VEE_CAP_LAST, a 64-bit key. */
#define ALL_CAPS	((1ULL << (VEE_CAP_LAST + 1)) - 1)
#define KEY		0xfedcba9876543210ULL

TEST(struct_sizes_are_ver3)
{
	EXPECT_EQ(sizeof(struct vee_create), VEE_CREATE_SIZE_VER3);
	EXPECT_EQ(sizeof(struct vee_info), VEE_INFO_SIZE_VER3);
}

TEST(confine_record_reads_back_through_info)
{
	static const struct {
		const char *name;
		uint32_t confine;
		uint64_t caps, key;
	} c[] = {
		{ "ca-all", VEE_CONFINE_ALL, ALL_CAPS, KEY },
		{ "ca-docker", VEE_CONFINE_CAPS | VEE_CONFINE_SECCOMP |
		  VEE_CONFINE_NNP | VEE_CONFINE_PATHS | VEE_CONFINE_DEVICES,
		  0xa80425fbULL, 1 },
		{ "ca-nocaps", VEE_CONFINE_CAPS, 0, 0 },
		{ "ca-cap40", VEE_CONFINE_CAPS, 1ULL << VEE_CAP_LAST, 0 },
		{ "ca-nnp", VEE_CONFINE_NNP, 0, 0 },
		{ "ca-priv", 0, 0, 0 },
	};
	struct vee_create cr;
	struct vee_info i;
	unsigned int n;
	int fd = dev();

	for (n = 0; n < sizeof(c) / sizeof(c[0]); n++) {
		memset(&cr, 0, sizeof(cr));
		cr.confine = c[n].confine;
		cr.caps = c[n].caps;
		cr.seccomp_key = c[n].key;
		ASSERT_EQ(create(fd, &cr, c[n].name), 0);
		EXPECT_EQ(cr.size, VEE_CREATE_SIZE_VER3);
		EXPECT_EQ(cr.uid_base, 0);
		EXPECT_EQ(cr.uid_count, 0);
		EXPECT_EQ(cr.confine, c[n].confine);	/* in-fields unchanged */

		memset(&i, 0xa5, sizeof(i));	/* all of it is written */
		i.size = sizeof(i);
		i.flags = 0;
		i.__reserved0 = 0;
		i.__reserved1 = 0;
		i.id = cr.id;
		memset(i.name, 0, sizeof(i.name));
		ASSERT_EQ(ioctl(fd, VEE_IOC_INFO, &i), 0);
		EXPECT_EQ(i.size, VEE_INFO_SIZE_VER3);
		EXPECT_STREQ(i.name, c[n].name);
		EXPECT_EQ(i.confine, c[n].confine);
		EXPECT_EQ(i.caps, c[n].caps);
		EXPECT_EQ(i.seccomp_key, c[n].key);
		EXPECT_EQ(i.uid_base, 0);
		EXPECT_EQ(i.uid_count, 0);
		EXPECT_EQ(i.__reserved1, 0);
		if (i.caps != c[n].caps)
			TH_LOG("%s: caps %#llx, want %#llx", c[n].name,
			       (unsigned long long)i.caps,
			       (unsigned long long)c[n].caps);
	}
	for (n = 0; n < sizeof(c) / sizeof(c[0]); n++)
		EXPECT_EQ(raw_destroy(fd, c[n].name, VEE_DESTROY_FORCE), 0);
	EXPECT_EQ(cg_dirs(), 0);
}

TEST(confine_record_reads_back_through_netlink)
{
	struct vee_create all = {
		.confine = VEE_CONFINE_ALL, .caps = ALL_CAPS, .seccomp_key = KEY,
	};
	struct vee_create nocaps = { .confine = VEE_CONFINE_CAPS };
	struct vee_create seccomp = {
		.confine = VEE_CONFINE_SECCOMP | VEE_CONFINE_NNP,
		.seccomp_key = 7,
	};
	struct vee_create priv = {};
	struct vee_create u;
	struct vee_info i;
	struct nl_dom d;
	int fd = dev();

	ASSERT_EQ(create(fd, &all, "ca-nl-all"), 0);
	ASSERT_EQ(create(fd, &nocaps, "ca-nl-nocaps"), 0);
	ASSERT_EQ(create(fd, &seccomp, "ca-nl-seccomp"), 0);
	ASSERT_EQ(create(fd, &priv, "ca-nl-priv"), 0);
	u = create_auto(fd, "ca-nl-auto");
	close(u.cgroup_fd);

	for (int dump = 0; dump < 2; dump++) {
		int failed = test_failed_here;

		ASSERT_EQ(nl_get(all.id, dump, &d), 0);
		EXPECT_TRUE(HAS(&d, VEE_A_CONFINE));
		EXPECT_EQ(d.confine, VEE_CONFINE_ALL);
		EXPECT_TRUE(HAS(&d, VEE_A_CAPS));
		EXPECT_EQ(d.caps, ALL_CAPS);
		EXPECT_TRUE(HAS(&d, VEE_A_SECCOMP_KEY));
		EXPECT_EQ(d.seccomp_key, KEY);
		EXPECT_TRUE(!HAS(&d, VEE_A_UID_BASE));
		EXPECT_TRUE(!HAS(&d, VEE_A_UID_COUNT));

		/* The bit, not the value, says whether caps are there. */
		ASSERT_EQ(nl_get(nocaps.id, dump, &d), 0);
		EXPECT_EQ(d.confine, VEE_CONFINE_CAPS);
		EXPECT_TRUE(HAS(&d, VEE_A_CAPS));
		EXPECT_EQ(d.caps, 0);
		EXPECT_TRUE(!HAS(&d, VEE_A_SECCOMP_KEY));

		ASSERT_EQ(nl_get(seccomp.id, dump, &d), 0);
		EXPECT_EQ(d.confine, VEE_CONFINE_SECCOMP | VEE_CONFINE_NNP);
		EXPECT_TRUE(!HAS(&d, VEE_A_CAPS));
		EXPECT_TRUE(HAS(&d, VEE_A_SECCOMP_KEY));
		EXPECT_EQ(d.seccomp_key, 7);

		/* A privileged domain still says so: confine 0, present. */
		ASSERT_EQ(nl_get(priv.id, dump, &d), 0);
		EXPECT_TRUE(HAS(&d, VEE_A_CONFINE));
		EXPECT_EQ(d.confine, 0);
		EXPECT_TRUE(!HAS(&d, VEE_A_CAPS));
		EXPECT_TRUE(!HAS(&d, VEE_A_SECCOMP_KEY));
		EXPECT_TRUE(!HAS(&d, VEE_A_UID_BASE));
		EXPECT_TRUE(!HAS(&d, VEE_A_UID_COUNT));

		/* A uid range: both attributes, as INFO says. */
		ASSERT_EQ(raw_info(fd, "ca-nl-auto", &i), 0);
		ASSERT_EQ(nl_get(u.id, dump, &d), 0);
		EXPECT_EQ(d.confine, 0);
		EXPECT_TRUE(HAS(&d, VEE_A_UID_BASE));
		EXPECT_TRUE(HAS(&d, VEE_A_UID_COUNT));
		EXPECT_EQ(d.uid_base, u.uid_base);
		EXPECT_EQ(d.uid_base, i.uid_base);
		EXPECT_EQ(d.uid_count, RANGE);
		if (test_failed_here && !failed)
			TH_LOG("(the failures above are GET_DOMAIN's %s)",
			       dump ? "dump" : "do");
	}
	EXPECT_EQ(raw_destroy(fd, "ca-nl-all", VEE_DESTROY_FORCE), 0);
	EXPECT_EQ(raw_destroy(fd, "ca-nl-nocaps", VEE_DESTROY_FORCE), 0);
	EXPECT_EQ(raw_destroy(fd, "ca-nl-seccomp", VEE_DESTROY_FORCE), 0);
	EXPECT_EQ(raw_destroy(fd, "ca-nl-priv", VEE_DESTROY_FORCE), 0);
	EXPECT_EQ(raw_destroy(fd, "ca-nl-auto", VEE_DESTROY_FORCE), 0);
}

/* ---- 2. bad records ---- */

TEST(bad_confine_records_are_einval_and_leave_nothing)
{
	static const struct {
		const char *what;
		uint32_t flags, confine, uid_count, uid_base, reserved1;
		uint64_t ns_flags, caps, key;
	} c[] = {
		{ "unknown confine bit", .confine = VEE_CONFINE_ALL + 1 },
		{ "confine bit 31", .confine = 1U << 31 },
		{ "cap 41", .confine = VEE_CONFINE_CAPS,
		  .caps = 1ULL << (VEE_CAP_LAST + 1) },
		{ "cap 63", .confine = VEE_CONFINE_CAPS, .caps = 1ULL << 63 },
		{ "all 64 caps", .confine = VEE_CONFINE_CAPS, .caps = ~0ULL },
		{ "caps without CAPS", .caps = 1 },
		{ "caps with NNP only", .confine = VEE_CONFINE_NNP, .caps = 1 },
		{ "SECCOMP with key 0", .confine = VEE_CONFINE_SECCOMP },
		{ "key without SECCOMP", .key = 1 },
		{ "key with SECCOMP_CUSTOM only",
		  .confine = VEE_CONFINE_SECCOMP_CUSTOM, .key = 1 },
		{ "SECCOMP_CUSTOM alone", .confine = VEE_CONFINE_SECCOMP_CUSTOM },
		{ "uid_base in", .uid_base = 0x70000000 },
		{ "uid_count in", .uid_count = RANGE },
		{ "uid_base and uid_count in with USERNS_AUTO",
		  .flags = VEE_CREATE_USERNS_AUTO, .ns_flags = NS_AUTO,
		  .uid_base = 0x70000000, .uid_count = RANGE },
		{ "__reserved1", .reserved1 = 1 },
		{ "USERNS_AUTO without namespaces",
		  .flags = VEE_CREATE_USERNS_AUTO },
		{ "USERNS_AUTO without VEE_NS_USER",
		  .flags = VEE_CREATE_USERNS_AUTO,
		  .ns_flags = VEE_NS_DEFAULT | VEE_NS_TIME },
		{ "create flag 2", .flags = 1U << 2, .ns_flags = NS_AUTO },
	};
	struct vee_create cr;
	struct vee_info i;
	unsigned int n;
	int fd = dev();
	uint32_t before = nr_domains(fd);
	int dirs = cg_dirs();

	for (n = 0; n < sizeof(c) / sizeof(c[0]); n++) {
		memset(&cr, 0, sizeof(cr));
		cr.flags = c[n].flags;
		cr.ns_flags = c[n].ns_flags;
		cr.confine = c[n].confine;
		cr.caps = c[n].caps;
		cr.seccomp_key = c[n].key;
		cr.uid_base = c[n].uid_base;
		cr.uid_count = c[n].uid_count;
		cr.__reserved1 = c[n].reserved1;
		errno = 0;
		if (create(fd, &cr, "ca-bad") != -1 || errno != EINVAL)
			TEST_FAIL_(0, "%s: create gave %s, want EINVAL",
				   c[n].what, errno ? strerror(errno) : "success");
		EXPECT_EQ(nr_domains(fd), before);
		EXPECT_ERRNO(raw_info(fd, "ca-bad", &i), ENOENT);
		EXPECT_TRUE(!cg_exists("ca-bad"));
		EXPECT_EQ(cg_dirs(), dirs);
		if (!raw_info(fd, "ca-bad", &i))
			raw_destroy(fd, "ca-bad", VEE_DESTROY_FORCE);	/* for the next case */
	}
	/* The same records made valid are accepted: the bad field was it. */
	memset(&cr, 0, sizeof(cr));
	cr.confine = VEE_CONFINE_SECCOMP | VEE_CONFINE_SECCOMP_CUSTOM |
		     VEE_CONFINE_CAPS;
	cr.seccomp_key = 1;
	cr.caps = 1ULL << VEE_CAP_LAST;
	EXPECT_EQ(create(fd, &cr, "ca-good"), 0);
	EXPECT_EQ(raw_destroy(fd, "ca-good", VEE_DESTROY_FORCE), 0);
}

/* ---- 3. callers of other sizes ---- */

/*
 * A caller of ABI 1.0: its create struct ends at @account (224 bytes); what
 * follows in its memory is none of the kernel's business, and nothing is
 * written there.
 */
TEST(ver2_create_and_info_still_work)
{
	unsigned char buf[sizeof(struct vee_create) + 16];
	struct vee_create *c = (struct vee_create *)buf;
	unsigned char ibuf[sizeof(struct vee_info) + 16];
	struct vee_info *ip = (struct vee_info *)ibuf;
	struct vee_info i;
	unsigned int k;
	int fd = dev();

	memset(buf, 0xff, sizeof(buf));		/* confine...: garbage */
	memset(buf, 0, VEE_CREATE_SIZE_VER2);
	c->size = VEE_CREATE_SIZE_VER2;
	c->account = VEE_ACCT_FORK;
	put_name(c->name, "ca-old");
	ASSERT_EQ(ioctl(fd, VEE_IOC_CREATE, c), 0);
	EXPECT_EQ(c->size, VEE_CREATE_SIZE_VER2);
	EXPECT_NE(c->id, 0);
	for (k = VEE_CREATE_SIZE_VER2; k < sizeof(buf); k++)
		if (buf[k] != 0xff)
			TEST_FAIL_(0, "create wrote byte %u past size 224", k);

	/* What the old caller could not say reads as zero. */
	ASSERT_EQ(raw_info(fd, "ca-old", &i), 0);
	EXPECT_EQ(i.account, VEE_ACCT_FORK);
	EXPECT_EQ(i.confine, 0);
	EXPECT_EQ(i.caps, 0);
	EXPECT_EQ(i.seccomp_key, 0);
	EXPECT_EQ(i.uid_base, 0);
	EXPECT_EQ(i.uid_count, 0);

	/* A confined domain, seen by an old INFO: nothing past 120. */
	memset(&i, 0, sizeof(i));
	{
		struct vee_create cc = {
			.confine = VEE_CONFINE_CAPS | VEE_CONFINE_NNP,
			.caps = 5, .account = VEE_ACCT_SCHED,
		};

		ASSERT_EQ(create(fd, &cc, "ca-conf"), 0);
	}
	memset(ibuf, 0x5a, sizeof(ibuf));
	memset(ibuf, 0, VEE_INFO_SIZE_VER2);
	ip->size = VEE_INFO_SIZE_VER2;
	put_name(ip->name, "ca-conf");
	ASSERT_EQ(ioctl(fd, VEE_IOC_INFO, ip), 0);
	EXPECT_EQ(ip->size, VEE_INFO_SIZE_VER2);
	EXPECT_STREQ(ip->name, "ca-conf");
	EXPECT_EQ(ip->account, VEE_ACCT_SCHED);
	EXPECT_EQ(ip->state, VEE_STATE_CREATED);
	for (k = VEE_INFO_SIZE_VER2; k < sizeof(ibuf); k++)
		if (ibuf[k] != 0x5a)
			TEST_FAIL_(0, "info wrote byte %u past size 120", k);
	/* VER0 too. */
	memset(ibuf, 0x5a, sizeof(ibuf));
	memset(ibuf, 0, VEE_INFO_SIZE_VER0);
	ip->size = VEE_INFO_SIZE_VER0;
	put_name(ip->name, "ca-conf");
	ASSERT_EQ(ioctl(fd, VEE_IOC_INFO, ip), 0);
	EXPECT_EQ(ip->size, VEE_INFO_SIZE_VER0);
	EXPECT_EQ(ibuf[VEE_INFO_SIZE_VER0], 0x5a);

	EXPECT_EQ(raw_destroy(fd, "ca-old", VEE_DESTROY_FORCE), 0);
	EXPECT_EQ(raw_destroy(fd, "ca-conf", VEE_DESTROY_FORCE), 0);
}

/*
 * Sizes between VER2 and VER3 end inside the record: the fields cut off
 * read as zero, so a SECCOMP bit whose key is cut off is refused.
 */
TEST(partial_ver3_sizes_read_the_rest_as_zero)
{
	struct vee_create c;
	struct vee_info i;
	int fd = dev();

	/* Up to uid_count (232): the flags only. */
	memset(&c, 0, sizeof(c));
	c.size = offsetof(struct vee_create, caps);
	c.confine = VEE_CONFINE_NNP;
	c.caps = 0xdead;	/* past the size: never read */
	ASSERT_EQ(create(fd, &c, "ca-part"), 0);
	EXPECT_EQ(c.size, offsetof(struct vee_create, caps));
	ASSERT_EQ(raw_info(fd, "ca-part", &i), 0);
	EXPECT_EQ(i.confine, VEE_CONFINE_NNP);
	EXPECT_EQ(i.caps, 0);
	EXPECT_EQ(raw_destroy(fd, "ca-part", VEE_DESTROY_FORCE), 0);

	/* Up to caps (240): the key is cut off, so SECCOMP is refused... */
	memset(&c, 0, sizeof(c));
	c.size = offsetof(struct vee_create, seccomp_key);
	c.confine = VEE_CONFINE_CAPS | VEE_CONFINE_SECCOMP;
	c.caps = 3;
	c.seccomp_key = 9;
	EXPECT_ERRNO(create(fd, &c, "ca-part"), EINVAL);
	EXPECT_TRUE(!cg_exists("ca-part"));
	/* ...and CAPS alone is taken. */
	c.confine = VEE_CONFINE_CAPS;
	ASSERT_EQ(create(fd, &c, "ca-part"), 0);
	ASSERT_EQ(raw_info(fd, "ca-part", &i), 0);
	EXPECT_EQ(i.confine, VEE_CONFINE_CAPS);
	EXPECT_EQ(i.caps, 3);
	EXPECT_EQ(i.seccomp_key, 0);
	EXPECT_EQ(raw_destroy(fd, "ca-part", VEE_DESTROY_FORCE), 0);
}

/* A newer caller's bigger struct: a zero tail is fine, anything else E2BIG. */
TEST(bigger_structs_need_a_zero_tail)
{
	struct {
		struct vee_create c;
		uint64_t future[4];
	} bc;
	struct {
		struct vee_info i;
		uint64_t future[4];
	} bi;
	int fd = dev();
	uint32_t before = nr_domains(fd);

	memset(&bc, 0, sizeof(bc));
	bc.c.size = sizeof(bc);
	bc.c.confine = VEE_CONFINE_SECCOMP;
	bc.c.seccomp_key = KEY;
	bc.future[3] = 1;
	put_name(bc.c.name, "ca-big");
	EXPECT_ERRNO(ioctl(fd, VEE_IOC_CREATE, &bc), E2BIG);
	EXPECT_EQ(nr_domains(fd), before);
	EXPECT_TRUE(!cg_exists("ca-big"));

	bc.future[3] = 0;
	bc.c.size = sizeof(bc);
	ASSERT_EQ(ioctl(fd, VEE_IOC_CREATE, &bc), 0);
	EXPECT_EQ(bc.c.size, VEE_CREATE_SIZE_VER3);	/* what it wrote */
	EXPECT_EQ(bc.future[0], 0);

	memset(&bi, 0, sizeof(bi));
	bi.i.size = sizeof(bi);
	bi.i.id = bc.c.id;
	ASSERT_EQ(ioctl(fd, VEE_IOC_INFO, &bi), 0);
	EXPECT_EQ(bi.i.size, VEE_INFO_SIZE_VER3);
	EXPECT_EQ(bi.i.confine, VEE_CONFINE_SECCOMP);
	EXPECT_EQ(bi.i.seccomp_key, KEY);
	EXPECT_EQ(bi.future[0], 0);

	memset(&bi, 0, sizeof(bi));
	bi.i.size = sizeof(bi);
	bi.i.id = bc.c.id;
	bi.future[0] = 1;
	EXPECT_ERRNO(ioctl(fd, VEE_IOC_INFO, &bi), E2BIG);
	/* The new reserved field is checked like the old one. */
	memset(&bi, 0, sizeof(bi));
	bi.i.size = sizeof(bi.i);
	bi.i.id = bc.c.id;
	bi.i.__reserved1 = 1;
	EXPECT_ERRNO(ioctl(fd, VEE_IOC_INFO, &bi), EINVAL);

	EXPECT_EQ(raw_destroy(fd, "ca-big", VEE_DESTROY_FORCE), 0);
}

/* ---- 4. uid ranges ---- */

static void check_range(const char *what, uint32_t ub, uint32_t uc)
{
	uint32_t base = param_u32("userns_base");
	uint32_t ranges = param_u32("userns_ranges");

	if (uc != RANGE || ub < base || (ub - base) % RANGE ||
	    (uint64_t)ub + RANGE > (uint64_t)base + (uint64_t)ranges * RANGE)
		TEST_FAIL_(0, "%s: range %u+%u outside %u + %u * 65536",
			   what, ub, uc, base, ranges);
}

TEST(userns_auto_ranges_are_disjoint_and_reused)
{
	struct vee_create a, b, c, n = { .ns_flags = NS_AUTO };
	struct vee_info i;
	int fd = dev();

	if (param_u32("userns_ranges") < 3)
		SKIP("userns_ranges is below 3");
	a = create_auto(fd, "ca-ua");
	b = create_auto(fd, "ca-ub");
	check_range("a", a.uid_base, a.uid_count);
	check_range("b", b.uid_base, b.uid_count);
	EXPECT_NE(a.uid_base, b.uid_base);
	ASSERT_EQ(raw_info(fd, "ca-ua", &i), 0);
	EXPECT_EQ(i.uid_base, a.uid_base);
	EXPECT_EQ(i.uid_count, RANGE);
	ASSERT_EQ(raw_info(fd, "ca-ub", &i), 0);
	EXPECT_EQ(i.uid_base, b.uid_base);
	EXPECT_EQ(i.uid_count, RANGE);

	/* A user namespace without USERNS_AUTO has no range. */
	ASSERT_EQ(create(fd, &n, "ca-un"), 0);
	EXPECT_EQ(n.uid_base, 0);
	EXPECT_EQ(n.uid_count, 0);
	ASSERT_EQ(raw_info(fd, "ca-un", &i), 0);
	EXPECT_EQ(i.uid_count, 0);
	EXPECT_EQ(i.uid_base, 0);

	/* a had the lowest free range: it is the lowest free again. */
	EXPECT_EQ(raw_destroy(fd, "ca-ua", VEE_DESTROY_FORCE), 0);
	c = create_auto(fd, "ca-uc");
	EXPECT_EQ(c.uid_base, a.uid_base);
	EXPECT_NE(c.uid_base, b.uid_base);

	close(a.cgroup_fd);
	close(b.cgroup_fd);
	close(c.cgroup_fd);
	EXPECT_EQ(raw_destroy(fd, "ca-ub", VEE_DESTROY_FORCE), 0);
	EXPECT_EQ(raw_destroy(fd, "ca-uc", VEE_DESTROY_FORCE), 0);
	EXPECT_EQ(raw_destroy(fd, "ca-un", VEE_DESTROY_FORCE), 0);
}

/*
 * A create that fails after taking its range (the cgroup's name is taken
 * by a directory of someone else's) gives it back.
 */
TEST(failed_userns_auto_create_gives_its_range_back)
{
	struct vee_create p, q, s = {
		.flags = VEE_CREATE_USERNS_AUTO, .ns_flags = NS_AUTO,
	};
	int fd = dev();

	p = create_auto(fd, "ca-p");
	close(p.cgroup_fd);
	EXPECT_EQ(raw_destroy(fd, "ca-p", VEE_DESTROY_FORCE), 0);

	ASSERT_EQ(mkdir(CG_ROOT "/ca-squat", 0755), 0);
	EXPECT_ERRNO(create(fd, &s, "ca-squat"), EEXIST);
	EXPECT_EQ(s.uid_base, 0);
	EXPECT_EQ(s.uid_count, 0);
	EXPECT_EQ(rmdir(CG_ROOT "/ca-squat"), 0);

	q = create_auto(fd, "ca-q");
	close(q.cgroup_fd);
	EXPECT_EQ(q.uid_base, p.uid_base);
	EXPECT_EQ(raw_destroy(fd, "ca-q", VEE_DESTROY_FORCE), 0);
}

/* ---- 5. the first ENTER of a USERNS_AUTO domain ---- */

#define WHY_UID "has a uid map other than the domain's range"
#define WHY_GID "has a gid map other than the domain's range"

/*
 * A child cloned into domain @name's cgroup (@cgfd) as @t says is refused
 * its first ENTER with EPERM, the kernel log says @why, and the domain
 * stays created.
 */
static void expect_refused(int fd, int cgfd, const char *name,
			   const char *what, const char *why,
			   struct try_enter *t)
{
	struct vee_info i;
	char msg[192];
	int r;

	r = try_enter(fd, cgfd, name, t, false);
	if (r != EPERM)
		TEST_FAIL_(0, "%s: ENTER gave %s, want EPERM", what,
			   r ? strerror(r) : "success");
	/* The refusal is for the reason this case is about. */
	snprintf(msg, sizeof(msg), "%s: enter refused: pid %d %s", name,
		 t->pid, why);
	if (klog_has(msg) != 1)
		TEST_FAIL_(0, "%s: the kernel log lacks \"%s\"", what, msg);
	ASSERT_EQ(raw_info(fd, name, &i), 0);
	EXPECT_EQ(i.init_pid, 0);
	if (i.state != VEE_STATE_CREATED)
		TEST_FAIL_(1, "%s: the domain's state is %u, not created", what,
			   i.state);
}

TEST(first_enter_needs_the_domains_exact_userns)
{
	const uint64_t own = CLONE_NEWUSER | CLONE_NEWPID;
	struct vee_create a, o, again;
	char u[96], g[96];
	struct vee_info i;
	struct try_enter t;
	int fd = dev(), cg;
	uint32_t B, O;

	a = create_auto(fd, "ca-ent");
	o = create_auto(fd, "ca-other");
	cg = a.cgroup_fd;
	B = a.uid_base;
	O = o.uid_base;

	t = (struct try_enter){ .clone_flags = own,
		.uid_map = map_line(u, sizeof(u), 0, B, 1),
		.gid_map = map_line(g, sizeof(g), 0, B, RANGE) };
	expect_refused(fd, cg, "ca-ent", "uid map of 1 id", WHY_UID, &t);

	t = (struct try_enter){ .clone_flags = own,
		.uid_map = map_line(u, sizeof(u), 0, B + 1, RANGE),
		.gid_map = map_line(g, sizeof(g), 0, B + 1, RANGE) };
	expect_refused(fd, cg, "ca-ent", "maps one id off", WHY_UID, &t);

	t = (struct try_enter){ .clone_flags = own,
		.uid_map = map_line(u, sizeof(u), 1, B, RANGE),
		.gid_map = map_line(g, sizeof(g), 0, B, RANGE) };
	expect_refused(fd, cg, "ca-ent", "uid map not from 0", WHY_UID, &t);

	/* The range and one id more. */
	snprintf(u, sizeof(u), "0 %u %u\n%u %u 1\n", B, RANGE, RANGE,
		 B + RANGE);
	t = (struct try_enter){ .clone_flags = own, .uid_map = u,
		.gid_map = map_line(g, sizeof(g), 0, B, RANGE) };
	expect_refused(fd, cg, "ca-ent", "uid map with a second extent",
		       WHY_UID, &t);

	t = (struct try_enter){ .clone_flags = own,
		.uid_map = map_line(u, sizeof(u), 0, O, RANGE),
		.gid_map = map_line(g, sizeof(g), 0, O, RANGE) };
	expect_refused(fd, cg, "ca-ent", "another domain's range", WHY_UID, &t);

	t = (struct try_enter){ .clone_flags = own };
	expect_refused(fd, cg, "ca-ent", "no maps written", WHY_UID, &t);

	t = (struct try_enter){ .clone_flags = own,
		.uid_map = map_line(u, sizeof(u), 0, B, RANGE),
		.gid_map = map_line(g, sizeof(g), 0, B + 1, RANGE) };
	expect_refused(fd, cg, "ca-ent", "gid map one id off", WHY_GID, &t);

	t = (struct try_enter){ .clone_flags = own,
		.uid_map = map_line(u, sizeof(u), 0, B, RANGE) };
	expect_refused(fd, cg, "ca-ent", "no gid map", WHY_GID, &t);

	t = (struct try_enter){ .clone_flags = CLONE_NEWPID };
	expect_refused(fd, cg, "ca-ent", "the host's user namespace",
		       "has the host's user namespace", &t);

	/* The right host ids, through a namespace inside its own. */
	t = (struct try_enter){ .clone_flags = own, .nested = true,
		.uid_map = map_line(u, sizeof(u), 0, B, RANGE),
		.gid_map = map_line(g, sizeof(g), 0, B, RANGE) };
	expect_refused(fd, cg, "ca-ent", "a nested user namespace",
		       "is not in a user namespace child of the host's", &t);

	/* Exactly the range, uids and gids: the init. */
	t = (struct try_enter){ .clone_flags = own,
		.uid_map = map_line(u, sizeof(u), 0, B, RANGE),
		.gid_map = map_line(g, sizeof(g), 0, B, RANGE) };
	ASSERT_EQ(try_enter(fd, cg, "ca-ent", &t, true), 0);
	EXPECT_EQ(wait_state(fd, "ca-ent", VEE_STATE_RUNNING),
		  VEE_STATE_RUNNING);
	ASSERT_EQ(raw_info(fd, "ca-ent", &i), 0);
	EXPECT_EQ(i.init_pid, t.pid);
	EXPECT_EQ(i.uid_base, B);

	/* Destroying it while it runs frees the range at once. */
	EXPECT_EQ(raw_destroy(fd, "ca-ent", VEE_DESTROY_FORCE), 0);
	EXPECT_EQ(reap(t.pid), 128 + SIGKILL);
	close(t.hold);
	again = create_auto(fd, "ca-again");
	EXPECT_EQ(again.uid_base, B);
	close(again.cgroup_fd);
	EXPECT_EQ(raw_destroy(fd, "ca-again", VEE_DESTROY_FORCE), 0);
	close(a.cgroup_fd);
	close(o.cgroup_fd);
	EXPECT_EQ(raw_destroy(fd, "ca-other", VEE_DESTROY_FORCE), 0);
}

/* ---- the module's parameters (reloads the module) ---- */

static const char *const saved_params[] = {
	"max_domains", "cgroup_root", "userns_base", "userns_ranges",
	"probe_linger_ms",
};

/* The parameters vee.ko has now, as an insmod argument string. */
static void current_params(char *buf, size_t len)
{
	char path[128];
	size_t off = 0;

	buf[0] = 0;
	for (unsigned int k = 0; k < sizeof(saved_params) / sizeof(*saved_params); k++) {
		snprintf(path, sizeof(path), PARAMS "%s", saved_params[k]);
		if (!*read_line(path))
			continue;
		off += snprintf(buf + off, len - off, "%s%s=%s", off ? " " : "",
				saved_params[k], read_line(path));
		if (off >= len)
			TEST_FAIL_(1, "parameters too long");
	}
}

static int unload(void)
{
	for (int n = 0; n < 500; n++) {
		if (!syscall(SYS_delete_module, "vee", O_NONBLOCK))
			return 0;
		if (errno == ENOENT)
			return 0;
		if (errno != EWOULDBLOCK && errno != EBUSY)
			return -errno;
		usleep(10000);	/* a child may still hold /dev/vee */
	}
	return -EBUSY;
}

/* Loads $VEE_KO with @base and then @extra (later ones win). */
static int load(const char *base, const char *extra)
{
	const char *ko = getenv("VEE_KO");
	char params[1024];
	int fd, err;

	snprintf(params, sizeof(params), "%s %s", base, extra ? extra : "");
	fd = open(ko, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	err = syscall(SYS_finit_module, fd, params, 0) ? -errno : 0;
	close(fd);
	return err;
}

static bool loaded(void)
{
	return access("/sys/module/vee", F_OK) == 0;
}

/* Runs @body in a child (its ASSERTs end it) and returns its status. */
static int in_child(void (*body)(void))
{
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		TEST_FAIL_(1, "fork: %s", strerror(errno));
	if (pid == 0) {
		body();
		fflush(stdout);
		_exit(test_failed_here ? 1 : 0);
	}
	return reap(pid);
}

/*
 * Unloads vee.ko, loads it with @extra after its current parameters, runs
 * @body in a child, and loads it back as it was, whatever happened.
 */
static void with_params(const char *extra, void (*body)(void))
{
	char orig[768];
	int err, st = -1;

	if (!getenv("VEE_KO") || access(getenv("VEE_KO"), R_OK))
		SKIP("$VEE_KO (the module file) is not set");
	current_params(orig, sizeof(orig));
	ASSERT_EQ(unload(), 0);
	err = load(orig, extra);
	if (err)
		TEST_FAIL_(0, "loading with %s: %s", extra, strerror(-err));
	else
		st = in_child(body);
	EXPECT_EQ(st, 0);
	EXPECT_EQ(unload(), 0);
	err = load(orig, NULL);
	if (err)
		TEST_FAIL_(1, "loading back with \"%s\": %s", orig,
			   strerror(-err));
}

static void two_ranges(void)
{
	struct vee_create a, b, c = {
		.flags = VEE_CREATE_USERNS_AUTO, .ns_flags = NS_AUTO,
	};
	struct vee_create plain = { .ns_flags = NS_AUTO };
	uint32_t base = param_u32("userns_base");
	int fd = dev();

	ASSERT_EQ(param_u32("userns_ranges"), 2);
	/* A fresh module: the ranges go out lowest first. */
	a = create_auto(fd, "ca-r1");
	b = create_auto(fd, "ca-r2");
	EXPECT_EQ(a.uid_base, base);
	EXPECT_EQ(b.uid_base, base + RANGE);
	EXPECT_ERRNO(create(fd, &c, "ca-r3"), ENOSPC);
	EXPECT_EQ(c.uid_base, 0);
	EXPECT_EQ(c.uid_count, 0);
	EXPECT_EQ(nr_domains(fd), 2);
	EXPECT_TRUE(!cg_exists("ca-r3"));
	EXPECT_EQ(cg_dirs(), 2);
	/* Again: nothing was taken by the failure. */
	memset(&c, 0, sizeof(c));
	c.flags = VEE_CREATE_USERNS_AUTO;
	c.ns_flags = NS_AUTO;
	EXPECT_ERRNO(create(fd, &c, "ca-r3"), ENOSPC);
	/* Domains without a range are not limited by it. */
	EXPECT_EQ(create(fd, &plain, "ca-plain"), 0);
	EXPECT_EQ(raw_destroy(fd, "ca-plain", VEE_DESTROY_FORCE), 0);
	/* A range given back is the one the next create gets. */
	EXPECT_EQ(raw_destroy(fd, "ca-r1", VEE_DESTROY_FORCE), 0);
	c = create_auto(fd, "ca-r3");
	EXPECT_EQ(c.uid_base, base);
	close(a.cgroup_fd);
	close(b.cgroup_fd);
	close(c.cgroup_fd);
	EXPECT_EQ(raw_destroy(fd, "ca-r2", VEE_DESTROY_FORCE), 0);
	EXPECT_EQ(raw_destroy(fd, "ca-r3", VEE_DESTROY_FORCE), 0);
	EXPECT_EQ(nr_domains(fd), 0);
}

TEST(userns_ranges_2_runs_out_with_enospc)
{
	with_params("userns_ranges=2", two_ranges);
}

static void no_ranges(void)
{
	struct vee_create c = {
		.flags = VEE_CREATE_USERNS_AUTO, .ns_flags = NS_AUTO,
	};
	int fd = dev();

	ASSERT_EQ(param_u32("userns_ranges"), 0);
	EXPECT_ERRNO(create(fd, &c, "ca-none"), ENOSPC);
	EXPECT_EQ(nr_domains(fd), 0);
	EXPECT_EQ(cg_dirs(), 0);
}

TEST(userns_ranges_0_gives_no_range)
{
	with_params("userns_ranges=0", no_ranges);
}

/*
 * The last range that fits below uid 2^32 - 1: it is given, and a user
 * namespace mapping it can be the domain's init.
 */
static void last_range(void)
{
	struct vee_create a, b = {
		.flags = VEE_CREATE_USERNS_AUTO, .ns_flags = NS_AUTO,
	};
	char u[64], g[64];
	struct try_enter t = { .clone_flags = CLONE_NEWUSER | CLONE_NEWPID };
	int fd = dev();

	ASSERT_EQ(param_u32("userns_base"), 0xfffeffffU);
	a = create_auto(fd, "ca-last");
	EXPECT_EQ(a.uid_base, 0xfffeffffU);
	EXPECT_EQ(a.uid_count, RANGE);
	EXPECT_ERRNO(create(fd, &b, "ca-last2"), ENOSPC);
	t.uid_map = map_line(u, sizeof(u), 0, a.uid_base, RANGE);
	t.gid_map = map_line(g, sizeof(g), 0, a.uid_base, RANGE);
	EXPECT_EQ(try_enter(fd, a.cgroup_fd, "ca-last", &t, false), 0);
	close(a.cgroup_fd);
	EXPECT_EQ(raw_destroy(fd, "ca-last", VEE_DESTROY_FORCE), 0);
}

TEST(userns_range_may_end_at_the_last_uid)
{
	with_params("userns_base=4294901759 userns_ranges=1", last_range);
}

/* Bases and counts that reach uid 2^32 - 1 (no id) or start at root. */
TEST(bad_userns_params_are_refused_at_load)
{
	char orig[768], bad[2][64];
	const char *cases[] = {
		"userns_base=0",
		"userns_base=0 userns_ranges=0",
		"userns_base=4294901760 userns_ranges=1",	/* ends at 2^32 */
		"userns_base=1 userns_ranges=65536",	/* past 2^32: u32 wraps */
		"userns_ranges=4294967295",
		bad[0], bad[1],
	};
	uint32_t base, fit;
	unsigned int k;
	int err;

	if (!getenv("VEE_KO") || access(getenv("VEE_KO"), R_OK))
		SKIP("$VEE_KO (the module file) is not set");
	current_params(orig, sizeof(orig));
	base = param_u32("userns_base");
	/* With the current base, one range more than fits below 2^32 - 1. */
	fit = (0xffffffffU - base) / RANGE;
	snprintf(bad[0], sizeof(bad[0]), "userns_ranges=%u", fit + 1);
	snprintf(bad[1], sizeof(bad[1]), "userns_ranges=%u", fit + 2);

	ASSERT_EQ(unload(), 0);
	for (k = 0; k < sizeof(cases) / sizeof(*cases); k++) {
		err = load(orig, cases[k]);
		if (err != -EINVAL)
			TEST_FAIL_(0, "%s: load gave %s, want EINVAL", cases[k],
				   err ? strerror(-err) : "success");
		EXPECT_TRUE(!loaded() || !err);
		if (!err)
			EXPECT_EQ(unload(), 0);
	}
	EXPECT_EQ(klog_has("userns_base 0 would map domains onto the host's root"), 1);
	/* Exactly as many as fit: loads. */
	snprintf(bad[0], sizeof(bad[0]), "userns_ranges=%u", fit);
	EXPECT_EQ(load(orig, bad[0]), 0);
	EXPECT_EQ(unload(), 0);

	err = load(orig, NULL);
	if (err)
		TEST_FAIL_(1, "loading back with \"%s\": %s", orig,
			   strerror(-err));
	EXPECT_EQ(param_u32("userns_base"), base);
}

int main(int argc, char **argv)
{
	return test_main(argc, argv);
}
