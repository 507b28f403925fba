// SPDX-License-Identifier: GPL-2.0
/*
 * Raw ioctl tests of /dev/vee, run as root in the VM with vee.ko loaded:
 * the ABI rules of uapi/linux/vee.h, the registry's behaviour, and every
 * kind of bad input we could think of.  Each test removes what it made.
 */
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <pthread.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>

#include "harness.h"
#include "lib/ctl.h"

#define MAX_DOMAINS_PARAM "/sys/module/vee/parameters/max_domains"

/* Zero-padded like the ABI wants; a too-long name is cut (tests feed those raw). */
static void put_name(char dst[VEE_NAME_MAX], const char *name)
{
	size_t len = strlen(name);

	memset(dst, 0, VEE_NAME_MAX);
	memcpy(dst, name, len < VEE_NAME_MAX ? len : VEE_NAME_MAX);
}

static int dev(void)
{
	int fd = open(VEE_DEV_PATH, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		TEST_FAIL_(1, "open %s: %s", VEE_DEV_PATH, strerror(errno));
	return fd;
}

/* Create through the raw ioctl; returns the id, or 0 with errno set. */
static uint32_t create(int fd, const char *name)
{
	struct vee_create c = { .size = sizeof(c) };

	put_name(c.name, name);
	if (ioctl(fd, VEE_IOC_CREATE, &c))
		return 0;
	return c.id;
}

static int destroy_name(int fd, const char *name)
{
	struct vee_destroy d = { .size = sizeof(d) };

	put_name(d.name, name);
	return ioctl(fd, VEE_IOC_DESTROY, &d);
}

static int destroy_id(int fd, uint32_t id)
{
	struct vee_destroy d = { .size = sizeof(d), .id = id };

	return ioctl(fd, VEE_IOC_DESTROY, &d);
}

static uint32_t nr_domains(int fd)
{
	struct vee_version v = { .size = sizeof(v) };

	if (ioctl(fd, VEE_IOC_VERSION, &v))
		TEST_FAIL_(1, "VEE_IOC_VERSION: %s", strerror(errno));
	return v.nr_domains;
}

/* A buffer whose last byte is followed by an unmapped page. */
static void *before_hole(size_t len)
{
	long page = sysconf(_SC_PAGESIZE);
	char *p = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED || munmap(p + page, page))
		TEST_FAIL_(1, "mmap: %s", strerror(errno));
	memset(p, 0, page);
	return p + page - len;
}

TEST(version_reports_abi)
{
	struct vee_version v = { .size = sizeof(v) };
	int fd = dev();

	ASSERT_EQ(ioctl(fd, VEE_IOC_VERSION, &v), 0);
	EXPECT_EQ(v.size, sizeof(v));
	EXPECT_EQ(v.abi_major, VEE_ABI_MAJOR);
	EXPECT_EQ(v.abi_minor, VEE_ABI_MINOR);
	EXPECT_STREQ(v.module_version, VEE_TOOL_VERSION);
	EXPECT_GE(v.max_domains, 1);
}

TEST(struct_sizes_match_ver0)
{
	EXPECT_EQ(sizeof(struct vee_version), VEE_VERSION_SIZE_VER0);
	EXPECT_EQ(sizeof(struct vee_create), VEE_CREATE_SIZE_VER3);
	EXPECT_EQ(sizeof(struct vee_destroy), VEE_DESTROY_SIZE_VER0);
	EXPECT_EQ(sizeof(struct vee_info), VEE_INFO_SIZE_VER3);
	EXPECT_EQ(sizeof(struct vee_list), VEE_LIST_SIZE_VER0);
}

/* Every ioctl with every size below VER0, including 0: EINVAL. */
TEST(size_below_ver0_is_einval)
{
	static const struct { unsigned long cmd; uint32_t ver0; } c[] = {
		{ VEE_IOC_VERSION, VEE_VERSION_SIZE_VER0 },
		{ VEE_IOC_CREATE, VEE_CREATE_SIZE_VER0 },
		{ VEE_IOC_DESTROY, VEE_DESTROY_SIZE_VER0 },
		{ VEE_IOC_INFO, VEE_INFO_SIZE_VER0 },
		{ VEE_IOC_LIST, VEE_LIST_SIZE_VER0 },
	};
	uint32_t buf[64];
	int fd = dev();
	unsigned int i, s;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		for (s = 0; s < c[i].ver0; s++) {
			memset(buf, 0, sizeof(buf));
			buf[0] = s;
			EXPECT_ERRNO(ioctl(fd, c[i].cmd, buf), EINVAL);
		}
	}
	EXPECT_EQ(nr_domains(fd), 0);
}

/* A newer caller's bigger struct: zero tail accepted, non-zero tail E2BIG. */
TEST(size_above_kernel_struct)
{
	struct {
		struct vee_version v;
		uint64_t future[8];
	} big;
	int fd = dev();

	memset(&big, 0, sizeof(big));
	big.v.size = sizeof(big);
	ASSERT_EQ(ioctl(fd, VEE_IOC_VERSION, &big), 0);
	EXPECT_EQ(big.v.size, sizeof(big.v));	/* what the kernel wrote */
	EXPECT_EQ(big.future[7], 0);

	memset(&big, 0, sizeof(big));
	big.v.size = sizeof(big);
	big.future[7] = 1;
	EXPECT_ERRNO(ioctl(fd, VEE_IOC_VERSION, &big), E2BIG);
}

TEST(size_above_page_is_e2big)
{
	long page = sysconf(_SC_PAGESIZE);
	uint32_t *buf = calloc(1, 2 * page);
	int fd = dev();

	ASSERT_TRUE(buf);
	buf[0] = page + 1;
	EXPECT_ERRNO(ioctl(fd, VEE_IOC_VERSION, buf), E2BIG);
	buf[0] = UINT32_MAX;
	EXPECT_ERRNO(ioctl(fd, VEE_IOC_CREATE, buf), E2BIG);
	free(buf);
}

TEST(bad_pointers_are_efault)
{
	struct vee_info *tail;
	int fd = dev();

	EXPECT_ERRNO(ioctl(fd, VEE_IOC_VERSION, NULL), EFAULT);
	EXPECT_ERRNO(ioctl(fd, VEE_IOC_CREATE, (void *)8), EFAULT);
	EXPECT_ERRNO(ioctl(fd, VEE_IOC_LIST, (void *)-4096L), EFAULT);

	/* A struct whose declared size runs into an unmapped page. */
	tail = before_hole(VEE_INFO_SIZE_VER0 - 8);
	tail->size = VEE_INFO_SIZE_VER0;
	EXPECT_ERRNO(ioctl(fd, VEE_IOC_INFO, tail), EFAULT);
	EXPECT_EQ(nr_domains(fd), 0);
}

/*
 * A caller built against the first version of the ABI: its create and info
 * structs end early, and the kernel reads the rest as zero (no namespaces
 * required, no limits, no accounting) and writes back only what it knows.
 */
TEST(first_version_callers_still_work)
{
	struct vee_info i = { .size = VEE_INFO_SIZE_VER0 };
	struct vee_create c;
	char tail[sizeof(struct vee_info)];
	int fd = dev();

	memset(&c, 0xff, sizeof(c));	/* beyond VER0: must not be read */
	c.size = VEE_CREATE_SIZE_VER0;
	c.flags = 0;
	put_name(c.name, "old");
	c.id = 0;
	c.cgroup_fd = 0;
	ASSERT_EQ(ioctl(fd, VEE_IOC_CREATE, &c), 0);
	EXPECT_EQ(c.size, VEE_CREATE_SIZE_VER0);
	EXPECT_NE(c.id, 0);

	memset(tail, 0x5a, sizeof(tail));
	memcpy(tail, &i, VEE_INFO_SIZE_VER0);
	((struct vee_info *)tail)->id = c.id;
	ASSERT_EQ(ioctl(fd, VEE_IOC_INFO, tail), 0);
	memcpy(&i, tail, sizeof(i));
	EXPECT_EQ(i.size, VEE_INFO_SIZE_VER0);
	EXPECT_STREQ(i.name, "old");
	/* Nothing past the old size was written. */
	EXPECT_EQ((unsigned char)tail[VEE_INFO_SIZE_VER0], 0x5a);
	EXPECT_EQ(destroy_id(fd, c.id), 0);
}

TEST(unknown_ioctl_is_enotty)
{
	uint32_t buf[64] = { sizeof(buf) };
	int fd = dev();

	EXPECT_ERRNO(ioctl(fd, _IOWR(VEE_IOC_MAGIC, 0x7f, buf), buf), ENOTTY);
	EXPECT_ERRNO(ioctl(fd, _IOWR('x', 0x01, struct vee_create), buf),
		     ENOTTY);
	EXPECT_ERRNO(ioctl(fd, _IO(VEE_IOC_MAGIC, 0x01), buf), ENOTTY);
	EXPECT_ERRNO(ioctl(fd, TCGETS, buf), ENOTTY);
}

TEST(unknown_flags_are_einval)
{
	struct vee_version v;
	struct vee_create c;
	struct vee_destroy d;
	struct vee_info i;
	struct vee_list l;
	int fd = dev(), bit;
	uint32_t id = create(fd, "flags");

	ASSERT_NE(id, 0);
	for (bit = 0; bit < 32; bit++) {
		v = (struct vee_version){ .size = sizeof(v), .flags = 1u << bit };
		EXPECT_ERRNO(ioctl(fd, VEE_IOC_VERSION, &v), EINVAL);
		if (!(VEE_CREATE_CGROUP_FD & (1u << bit))) {
			c = (struct vee_create){ .size = sizeof(c),
						 .flags = 1u << bit };
			strcpy(c.name, "flags2");
			EXPECT_ERRNO(ioctl(fd, VEE_IOC_CREATE, &c), EINVAL);
		}
		if (!(VEE_DESTROY_FORCE & (1u << bit))) {
			d = (struct vee_destroy){ .size = sizeof(d),
						  .flags = 1u << bit, .id = id };
			EXPECT_ERRNO(ioctl(fd, VEE_IOC_DESTROY, &d), EINVAL);
		}
		i = (struct vee_info){ .size = sizeof(i), .flags = 1u << bit,
				       .id = id };
		EXPECT_ERRNO(ioctl(fd, VEE_IOC_INFO, &i), EINVAL);
		l = (struct vee_list){ .size = sizeof(l), .flags = 1u << bit };
		EXPECT_ERRNO(ioctl(fd, VEE_IOC_LIST, &l), EINVAL);
	}
	EXPECT_EQ(nr_domains(fd), 1);
	EXPECT_EQ(destroy_id(fd, id), 0);
}

TEST(nonzero_reserved_is_einval)
{
	struct vee_create c = { .size = sizeof(c), .__reserved0 = 1 };
	struct vee_destroy d = { .size = sizeof(d), .__reserved0 = 1 };
	struct vee_info i = { .size = sizeof(i), .__reserved0 = 1 };
	struct vee_list l = { .size = sizeof(l), .__reserved0 = 1 };
	int fd = dev();
	uint32_t id = create(fd, "resv");

	ASSERT_NE(id, 0);
	strcpy(c.name, "resv2");
	EXPECT_ERRNO(ioctl(fd, VEE_IOC_CREATE, &c), EINVAL);
	/* The output field id must come in as zero too. */
	c.__reserved0 = 0;
	c.id = 5;
	EXPECT_ERRNO(ioctl(fd, VEE_IOC_CREATE, &c), EINVAL);
	d.id = id;
	EXPECT_ERRNO(ioctl(fd, VEE_IOC_DESTROY, &d), EINVAL);
	i.id = id;
	EXPECT_ERRNO(ioctl(fd, VEE_IOC_INFO, &i), EINVAL);
	EXPECT_ERRNO(ioctl(fd, VEE_IOC_LIST, &l), EINVAL);
	EXPECT_EQ(nr_domains(fd), 1);
	EXPECT_EQ(destroy_id(fd, id), 0);
}

TEST(create_then_info_by_name_and_id)
{
	struct vee_info i = { .size = sizeof(i) };
	struct timespec now;
	int fd = dev();
	uint32_t id = create(fd, "web-1.a_b");

	ASSERT_NE(id, 0);
	strcpy(i.name, "web-1.a_b");
	ASSERT_EQ(ioctl(fd, VEE_IOC_INFO, &i), 0);
	EXPECT_EQ(i.size, sizeof(i));
	EXPECT_EQ(i.id, id);
	EXPECT_EQ(i.state, VEE_STATE_CREATED);
	EXPECT_EQ(i.init_pid, 0);
	clock_gettime(CLOCK_BOOTTIME, &now);
	EXPECT_GE(now.tv_sec * 1000000000ULL + now.tv_nsec, i.created_ns);
	EXPECT_GE(i.created_ns, 1);

	i = (struct vee_info){ .size = sizeof(i), .id = id };
	ASSERT_EQ(ioctl(fd, VEE_IOC_INFO, &i), 0);
	EXPECT_STREQ(i.name, "web-1.a_b");
	EXPECT_EQ(destroy_name(fd, "web-1.a_b"), 0);

	i = (struct vee_info){ .size = sizeof(i), .id = id };
	EXPECT_ERRNO(ioctl(fd, VEE_IOC_INFO, &i), ENOENT);
}

TEST(duplicate_name_is_eexist)
{
	int fd = dev();
	uint32_t id = create(fd, "dup");

	ASSERT_NE(id, 0);
	EXPECT_EQ(create(fd, "dup"), 0);
	EXPECT_EQ(errno, EEXIST);
	EXPECT_EQ(nr_domains(fd), 1);
	EXPECT_EQ(destroy_id(fd, id), 0);
	EXPECT_EQ(nr_domains(fd), 0);
}

TEST(bad_names_are_einval)
{
	static const char *const bad[] = {
		"", ".", "..", "a/b", "../x", "/", "a b", "tab\t", "nl\n",
		"caf\xc3\xa9", "star*", "semi;colon", "quote'", "back\\slash",
		"dollar$", "colon:", ".hidden", "-x", "...",
	};
	struct vee_create c;
	unsigned int i;
	int fd = dev();

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		EXPECT_EQ(create(fd, bad[i]), 0);
		EXPECT_EQ(errno, EINVAL);
	}
	/* 64 characters with no terminator. */
	c = (struct vee_create){ .size = sizeof(c) };
	memset(c.name, 'a', sizeof(c.name));
	EXPECT_ERRNO(ioctl(fd, VEE_IOC_CREATE, &c), EINVAL);
	/* Garbage after the terminator. */
	c = (struct vee_create){ .size = sizeof(c) };
	strcpy(c.name, "ok");
	c.name[10] = 'x';
	EXPECT_ERRNO(ioctl(fd, VEE_IOC_CREATE, &c), EINVAL);
	EXPECT_EQ(nr_domains(fd), 0);
}

TEST(longest_and_odd_good_names)
{
	static const char *const good[] = { "a-", "a...", "_.a", "a..", "_", "0" };
	char name[VEE_NAME_MAX];
	unsigned int i;
	int fd = dev();

	memset(name, 'z', sizeof(name) - 1);
	name[sizeof(name) - 1] = 0;
	ASSERT_NE(create(fd, name), 0);
	EXPECT_EQ(destroy_name(fd, name), 0);
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		EXPECT_NE(create(fd, good[i]), 0);
		EXPECT_EQ(destroy_name(fd, good[i]), 0);
	}
	EXPECT_EQ(nr_domains(fd), 0);
}

TEST(ids_are_never_reused)
{
	int fd = dev();
	uint32_t a = create(fd, "reuse"), b;

	ASSERT_NE(a, 0);
	ASSERT_EQ(destroy_id(fd, a), 0);
	b = create(fd, "reuse");
	ASSERT_NE(b, 0);
	EXPECT_GT(b, a);
	EXPECT_EQ(destroy_id(fd, b), 0);
}

TEST(destroy_selectors)
{
	struct vee_destroy d = { .size = sizeof(d) };
	int fd = dev();
	uint32_t id = create(fd, "sel");

	ASSERT_NE(id, 0);
	/* Neither id nor name. */
	EXPECT_ERRNO(ioctl(fd, VEE_IOC_DESTROY, &d), EINVAL);
	/* Both. */
	d.id = id;
	strcpy(d.name, "sel");
	EXPECT_ERRNO(ioctl(fd, VEE_IOC_DESTROY, &d), EINVAL);
	/* A bad name as selector. */
	EXPECT_ERRNO(destroy_name(fd, "../sel"), EINVAL);
	/* Unknown id and name. */
	EXPECT_ERRNO(destroy_id(fd, id + 1000), ENOENT);
	EXPECT_ERRNO(destroy_id(fd, UINT32_MAX), ENOENT);
	EXPECT_ERRNO(destroy_name(fd, "nosuch"), ENOENT);
	EXPECT_EQ(nr_domains(fd), 1);
	/* The real one, then once more. */
	EXPECT_EQ(destroy_id(fd, id), 0);
	EXPECT_ERRNO(destroy_id(fd, id), ENOENT);
	EXPECT_ERRNO(destroy_name(fd, "sel"), ENOENT);
}

TEST(info_unknown_is_enoent)
{
	struct vee_info i = { .size = sizeof(i), .id = 999999 };
	int fd = dev();

	EXPECT_ERRNO(ioctl(fd, VEE_IOC_INFO, &i), ENOENT);
	i = (struct vee_info){ .size = sizeof(i) };
	strcpy(i.name, "ghost");
	EXPECT_ERRNO(ioctl(fd, VEE_IOC_INFO, &i), ENOENT);
	i = (struct vee_info){ .size = sizeof(i) };
	EXPECT_ERRNO(ioctl(fd, VEE_IOC_INFO, &i), EINVAL);
}

#define NLIST 20

TEST(list_any_buffer_size)
{
	uint32_t made[NLIST], got[NLIST + 4], n, i;
	struct vee_list l;
	uint32_t *tail;
	char name[16];
	int fd = dev();

	for (i = 0; i < NLIST; i++) {
		snprintf(name, sizeof(name), "list%u", i);
		made[i] = create(fd, name);
		ASSERT_NE(made[i], 0);
	}

	/* Count only. */
	l = (struct vee_list){ .size = sizeof(l) };
	ASSERT_EQ(ioctl(fd, VEE_IOC_LIST, &l), 0);
	EXPECT_EQ(l.count, 0);
	EXPECT_EQ(l.total, NLIST);

	/* A NULL buffer that claims room. */
	l = (struct vee_list){ .size = sizeof(l), .count = 4 };
	EXPECT_ERRNO(ioctl(fd, VEE_IOC_LIST, &l), EFAULT);

	/* Room for more than exist: exactly NLIST, increasing, a canary kept. */
	memset(got, 0xa5, sizeof(got));
	l = (struct vee_list){ .size = sizeof(l), .ids = (uintptr_t)got,
			       .count = NLIST + 3 };
	ASSERT_EQ(ioctl(fd, VEE_IOC_LIST, &l), 0);
	EXPECT_EQ(l.count, NLIST);
	for (i = 0; i < NLIST; i++)
		EXPECT_EQ(got[i], made[i]);
	EXPECT_EQ(got[NLIST], 0xa5a5a5a5);

	/* One at a time, continuing from the last id. */
	for (n = 0, i = 0; i < NLIST + 1; i++) {
		uint32_t one = 0;

		l = (struct vee_list){ .size = sizeof(l), .ids = (uintptr_t)&one,
				       .count = 1, .start_id = n ? got[n - 1] : 0 };
		ASSERT_EQ(ioctl(fd, VEE_IOC_LIST, &l), 0);
		if (!l.count)
			break;
		got[n++] = one;
	}
	EXPECT_EQ(n, NLIST);
	EXPECT_EQ(got[NLIST - 1], made[NLIST - 1]);

	/* A buffer that ends at an unmapped page: exactly fits, then one more. */
	tail = before_hole(NLIST * sizeof(uint32_t));
	l = (struct vee_list){ .size = sizeof(l), .ids = (uintptr_t)tail,
			       .count = NLIST };
	EXPECT_EQ(ioctl(fd, VEE_IOC_LIST, &l), 0);
	EXPECT_EQ(tail[NLIST - 1], made[NLIST - 1]);
	l = (struct vee_list){ .size = sizeof(l), .ids = (uintptr_t)(tail + 1),
			       .count = NLIST };
	EXPECT_ERRNO(ioctl(fd, VEE_IOC_LIST, &l), EFAULT);

	/* A huge claimed count on a small real buffer of exactly the ids. */
	l = (struct vee_list){ .size = sizeof(l), .ids = (uintptr_t)tail,
			       .count = UINT32_MAX, .start_id = made[0] };
	EXPECT_EQ(ioctl(fd, VEE_IOC_LIST, &l), 0);
	EXPECT_EQ(l.count, NLIST - 1);

	/* Past the last id. */
	l = (struct vee_list){ .size = sizeof(l), .ids = (uintptr_t)got,
			       .count = 4, .start_id = UINT32_MAX };
	EXPECT_EQ(ioctl(fd, VEE_IOC_LIST, &l), 0);
	EXPECT_EQ(l.count, 0);

	for (i = 0; i < NLIST; i++)
		EXPECT_EQ(destroy_id(fd, made[i]), 0);
	EXPECT_EQ(nr_domains(fd), 0);
}

TEST(list_all_helper_thousand_domains)
{
	uint32_t *ids, n, i;
	char name[16];
	int fd = dev();

	for (i = 0; i < 1000; i++) {
		snprintf(name, sizeof(name), "k%u", i);
		ASSERT_NE(create(fd, name), 0);
	}
	ASSERT_EQ(vee_ctl_list_all(fd, &ids, &n), 0);
	EXPECT_EQ(n, 1000);
	for (i = 1; i < n; i++)
		EXPECT_GT(ids[i], ids[i - 1]);
	for (i = 0; i < n; i++)
		EXPECT_EQ(destroy_id(fd, ids[i]), 0);
	free(ids);
	EXPECT_EQ(nr_domains(fd), 0);
}

static int write_param(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY), ok;

	if (fd < 0)
		return -1;
	ok = write(fd, val, strlen(val)) == (ssize_t)strlen(val);
	close(fd);
	return ok ? 0 : -1;
}

TEST(max_domains_is_enforced)
{
	char old[32] = "";
	int pfd = open(MAX_DOMAINS_PARAM, O_RDONLY), fd = dev();
	uint32_t a, b;

	ASSERT_GE(pfd, 0);
	ASSERT_GT(read(pfd, old, sizeof(old) - 1), 0);
	close(pfd);

	EXPECT_ERRNO(write_param(MAX_DOMAINS_PARAM, "0"), EINVAL);
	EXPECT_ERRNO(write_param(MAX_DOMAINS_PARAM, "2000000"), EINVAL);
	EXPECT_ERRNO(write_param(MAX_DOMAINS_PARAM, "99999999999"), ERANGE);
	EXPECT_ERRNO(write_param(MAX_DOMAINS_PARAM, "-1"), EINVAL);
	EXPECT_ERRNO(write_param(MAX_DOMAINS_PARAM, "two"), EINVAL);

	ASSERT_EQ(write_param(MAX_DOMAINS_PARAM, "2"), 0);
	a = create(fd, "cap1");
	b = create(fd, "cap2");
	EXPECT_NE(a, 0);
	EXPECT_NE(b, 0);
	EXPECT_EQ(create(fd, "cap3"), 0);
	EXPECT_EQ(errno, ENOSPC);
	ASSERT_EQ(write_param(MAX_DOMAINS_PARAM, old), 0);
	EXPECT_NE(create(fd, "cap3"), 0);
	EXPECT_EQ(destroy_name(fd, "cap1"), 0);
	EXPECT_EQ(destroy_name(fd, "cap2"), 0);
	EXPECT_EQ(destroy_name(fd, "cap3"), 0);
}

static void become_nobody(void)
{
	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534))
		TEST_FAIL_(1, "dropping to nobody: %s", strerror(errno));
}

TEST(non_root_cannot_open)
{
	become_nobody();
	EXPECT_ERRNO(open(VEE_DEV_PATH, O_RDWR), EACCES);
	EXPECT_ERRNO(open(VEE_DEV_PATH, O_RDONLY), EACCES);
}

TEST(non_root_with_inherited_fd_is_eperm)
{
	struct vee_version v = { .size = sizeof(v) };
	int fd = dev();

	become_nobody();
	EXPECT_ERRNO(ioctl(fd, VEE_IOC_VERSION, &v), EPERM);
	EXPECT_EQ(create(fd, "nobody"), 0);
	EXPECT_EQ(errno, EPERM);
}

/* Root without CAP_SYS_ADMIN: open and every ioctl refused. */
TEST(root_without_cap_sys_admin_is_eperm)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];
	struct vee_version v = { .size = sizeof(v) };
	int fd = dev();

	ASSERT_EQ(syscall(SYS_capget, &hdr, data), 0);
	data[0].effective &= ~(1u << CAP_SYS_ADMIN);
	data[0].permitted &= ~(1u << CAP_SYS_ADMIN);
	ASSERT_EQ(syscall(SYS_capset, &hdr, data), 0);

	EXPECT_ERRNO(open(VEE_DEV_PATH, O_RDWR), EPERM);
	EXPECT_ERRNO(ioctl(fd, VEE_IOC_VERSION, &v), EPERM);
	EXPECT_EQ(create(fd, "nocap"), 0);
	EXPECT_EQ(errno, EPERM);
}

/*
 * Threads race to create and destroy the same few names: the registry must
 * never hold a name twice, and every successful create is matched by
 * exactly one successful destroy.
 */
#define RACE_THREADS 4
#define RACE_ROUNDS 2000

static void *race_thread(void *arg)
{
	long created = 0, destroyed = 0, *result = arg;
	int fd = open(VEE_DEV_PATH, O_RDWR | O_CLOEXEC), i;
	char name[8];

	for (i = 0; fd >= 0 && i < RACE_ROUNDS; i++) {
		snprintf(name, sizeof(name), "r%d", i % 3);
		if (create(fd, name))
			created++;
		else if (errno != EEXIST)
			created = -1000000;
		if (!destroy_name(fd, name))
			destroyed++;
		else if (errno != ENOENT)
			destroyed = -1000000;
	}
	if (fd >= 0)
		close(fd);
	result[0] = created;
	result[1] = destroyed;
	return NULL;
}

TEST(concurrent_create_destroy_same_names)
{
	long result[RACE_THREADS][2], created = 0, destroyed = 0;
	pthread_t t[RACE_THREADS];
	int i, fd = dev();
	const char *names[] = { "r0", "r1", "r2" };

	for (i = 0; i < RACE_THREADS; i++)
		ASSERT_EQ(pthread_create(&t[i], NULL, race_thread, result[i]), 0);
	for (i = 0; i < RACE_THREADS; i++) {
		pthread_join(t[i], NULL);
		created += result[i][0];
		destroyed += result[i][1];
	}
	/* What is left over was created but not yet destroyed. */
	for (i = 0; i < 3; i++)
		if (!destroy_name(fd, names[i]))
			destroyed++;
	EXPECT_GT(created, RACE_THREADS);
	EXPECT_EQ(created, destroyed);
	EXPECT_EQ(nr_domains(fd), 0);
}

int main(int argc, char **argv)
{
	return test_main(argc, argv);
}
