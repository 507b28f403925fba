// SPDX-License-Identifier: GPL-2.0
/*
 * The value parsers: what users type for sizes, counts, CPU shares, CPU
 * lists, io.max, namespaces and signals, the good and the bad, and that a
 * rejection says why and quotes what was rejected.
 */
#include <signal.h>

#include "harness.h"
#include "lib/parse.h"

#define G (1ULL << 30)

/* Parses @s as a size, expecting success and @want. */
#define SIZE_OK(s, want)						\
	do {								\
		char why[VEE_WHY_MAX] = "";				\
		__u64 v = 12345;					\
		EXPECT_EQ(vee_parse_size(s, false, &v, why), 0);	\
		if (v != (__u64)(want))					\
			TEST_FAIL_(0, "size '%s': got %llu, want %llu", s, \
				   (unsigned long long)v,		\
				   (unsigned long long)(want));		\
	} while (0)

/* Expects @s to be refused with @err and a message containing @part. */
#define SIZE_BAD(s, err, part)						\
	do {								\
		char why[VEE_WHY_MAX] = "";				\
		__u64 v = 12345;					\
		EXPECT_EQ(vee_parse_size(s, false, &v, why), err);	\
		EXPECT_EQ(v, 12345);					\
		if (!strstr(why, part))					\
			TEST_FAIL_(0, "size '%s': message '%s' lacks '%s'", \
				   s, why, part);			\
	} while (0)

TEST(size_good)
{
	SIZE_OK("1", 1);
	SIZE_OK("123", 123);
	SIZE_OK("64K", 64 << 10);
	SIZE_OK("64k", 64 << 10);
	SIZE_OK("32M", 32ULL << 20);
	SIZE_OK("32m", 32ULL << 20);
	SIZE_OK("2G", 2 * G);
	SIZE_OK("2g", 2 * G);
	SIZE_OK("1T", 1ULL << 40);
	SIZE_OK("007M", 7ULL << 20);
	SIZE_OK("16777215T", 16777215ULL << 40);
	SIZE_OK("18446744073709551614", VEE_LIMIT_MAX - 1);
	SIZE_OK("max", VEE_LIMIT_MAX);
	SIZE_OK("MAX", VEE_LIMIT_MAX);
}

TEST(size_bad)
{
	SIZE_BAD("12Q", -EINVAL, "'12Q' is not a size (use K, M, G or max)");
	SIZE_BAD("", -EINVAL, "empty");
	SIZE_BAD("-1", -ERANGE, "'-1' is negative");
	SIZE_BAD("-1G", -ERANGE, "negative");
	SIZE_BAD("0", -ERANGE, "'0' is too small");
	SIZE_BAD("0K", -ERANGE, "too small");
	SIZE_BAD("99999999999999999999G", -ERANGE,
		 "'99999999999999999999G' is too large");
	SIZE_BAD("99999999999999999999", -ERANGE, "too large");
	SIZE_BAD("16777216T", -ERANGE, "too large");	/* 2^64 */
	/* 2^64 - 1 is VEE_LIMIT_MAX, "max": a number must stay below it. */
	SIZE_BAD("18446744073709551615", -ERANGE, "too large");
	SIZE_BAD("M", -EINVAL, "not a size");
	SIZE_BAD("1.5G", -EINVAL, "not a size");
	SIZE_BAD("64KB", -EINVAL, "not a size");
	SIZE_BAD("64 K", -EINVAL, "not a size");
	SIZE_BAD(" 64K", -EINVAL, "not a size");
	SIZE_BAD("64K ", -EINVAL, "not a size");
	SIZE_BAD("+64", -EINVAL, "not a size");
	SIZE_BAD("0x10", -EINVAL, "not a size");
	SIZE_BAD("maximum", -EINVAL, "not a size");
	SIZE_BAD("1e6", -EINVAL, "not a size");
}

TEST(size_zero_only_where_it_means_something)
{
	char why[VEE_WHY_MAX];
	__u64 v = 1;

	EXPECT_EQ(vee_parse_size("0", true, &v, why), 0);
	EXPECT_EQ(v, 0);
	EXPECT_EQ(vee_parse_size("0", false, &v, why), -ERANGE);
	EXPECT_EQ(vee_parse_size("-0", true, &v, why), -ERANGE);
}

/* A long bad value is quoted cut short, never overflowing the message. */
TEST(long_values_are_cut_in_messages)
{
	char s[600], why[VEE_WHY_MAX];
	__u64 v;

	memset(s, '7', sizeof(s) - 2);
	s[sizeof(s) - 2] = 'Q';
	s[sizeof(s) - 1] = '\0';
	EXPECT_EQ(vee_parse_size(s, false, &v, why), -EINVAL);
	EXPECT_LE(strlen(why), VEE_WHY_MAX - 1);
	EXPECT_TRUE(strstr(why, "is not a size") != NULL);
}

TEST(pids)
{
	char why[VEE_WHY_MAX];
	__u64 v = 0;

	EXPECT_EQ(vee_parse_pids("1", &v, why), 0);
	EXPECT_EQ(v, 1);
	EXPECT_EQ(vee_parse_pids("64", &v, why), 0);
	EXPECT_EQ(v, 64);
	EXPECT_EQ(vee_parse_pids("4194304", &v, why), 0);
	EXPECT_EQ(v, 4194304);
	EXPECT_EQ(vee_parse_pids("max", &v, why), 0);
	EXPECT_EQ(v, VEE_LIMIT_MAX);

	EXPECT_EQ(vee_parse_pids("0", &v, why), -ERANGE);
	EXPECT_TRUE(strstr(why, "'0' is out of range (use 1 to 4194304, or max)") != NULL);
	EXPECT_EQ(vee_parse_pids("4194305", &v, why), -ERANGE);
	EXPECT_EQ(vee_parse_pids("99999999999999999999", &v, why), -ERANGE);
	EXPECT_EQ(vee_parse_pids("-1", &v, why), -ERANGE);
	EXPECT_TRUE(strstr(why, "negative") != NULL);
	EXPECT_EQ(vee_parse_pids("", &v, why), -EINVAL);
	EXPECT_EQ(vee_parse_pids("10K", &v, why), -EINVAL);
	EXPECT_EQ(vee_parse_pids("1.5", &v, why), -EINVAL);
	EXPECT_EQ(vee_parse_pids("x", &v, why), -EINVAL);
	EXPECT_TRUE(strstr(why, "'x' is not a number of tasks") != NULL);
}

#define CPUS_OK(s, want)						\
	do {								\
		char why[VEE_WHY_MAX] = "";				\
		__u64 q = 0;						\
		EXPECT_EQ(vee_parse_cpus(s, &q, why), 0);		\
		if (q != (__u64)(want))					\
			TEST_FAIL_(0, "cpus '%s': got %llu, want %llu", s, \
				   (unsigned long long)q,		\
				   (unsigned long long)(want));		\
	} while (0)

#define CPUS_BAD(s, err, part)						\
	do {								\
		char why[VEE_WHY_MAX] = "";				\
		__u64 q = 7;						\
		EXPECT_EQ(vee_parse_cpus(s, &q, why), err);		\
		EXPECT_EQ(q, 7);					\
		if (!strstr(why, part))					\
			TEST_FAIL_(0, "cpus '%s': message '%s' lacks '%s'", \
				   s, why, part);			\
	} while (0)

TEST(cpus_good)
{
	CPUS_OK("0.2", 20000);
	CPUS_OK("1.5", 150000);
	CPUS_OK("1", 100000);
	CPUS_OK("2", 200000);
	CPUS_OK(".5", 50000);
	CPUS_OK("0.01", 1000);
	CPUS_OK("0.05", 5000);
}

TEST(cpus_edges)
{
	CPUS_OK("0.12345", 12345);
	CPUS_OK("1024", 102400000);
	CPUS_OK("1024.0", 102400000);
	CPUS_OK("max", VEE_LIMIT_MAX);
	CPUS_OK("Max", VEE_LIMIT_MAX);
}

TEST(cpus_bad)
{
	CPUS_BAD("0", -ERANGE, "'0' is too small: the least is 0.01 CPUs");
	CPUS_BAD("0.0", -ERANGE, "too small");
	CPUS_BAD("0.009", -ERANGE, "too small");
	CPUS_BAD("0.00999", -ERANGE, "too small");
	CPUS_BAD("-1", -ERANGE, "'-1' is negative");
	CPUS_BAD("-0.5", -ERANGE, "negative");
	CPUS_BAD("1024.00001", -ERANGE, "at most 1024 CPUs");
	CPUS_BAD("1025", -ERANGE, "too large");
	CPUS_BAD("99999999999999999999", -ERANGE, "too large");
	CPUS_BAD("0.123456", -EINVAL, "more than 5 decimals");
	CPUS_BAD("", -EINVAL, "not a number of CPUs");
	CPUS_BAD(".", -EINVAL, "not a number of CPUs");
	CPUS_BAD("1.", -EINVAL, "not a number of CPUs");
	CPUS_BAD("1.2.3", -EINVAL, "not a number of CPUs");
	CPUS_BAD("1,5", -EINVAL, "not a number of CPUs");
	CPUS_BAD("half", -EINVAL, "'half' is not a number of CPUs");
	CPUS_BAD("2x", -EINVAL, "not a number of CPUs");
	CPUS_BAD(" 1", -EINVAL, "not a number of CPUs");
}

TEST(cpu_weight)
{
	char why[VEE_WHY_MAX];
	__u32 w = 0;

	EXPECT_EQ(vee_parse_cpu_weight("1", &w, why), 0);
	EXPECT_EQ(w, 1);
	EXPECT_EQ(vee_parse_cpu_weight("100", &w, why), 0);
	EXPECT_EQ(w, 100);
	EXPECT_EQ(vee_parse_cpu_weight("10000", &w, why), 0);
	EXPECT_EQ(w, 10000);

	EXPECT_EQ(vee_parse_cpu_weight("0", &w, why), -ERANGE);
	EXPECT_TRUE(strstr(why, "'0' is out of range (use 1 to 10000)") != NULL);
	EXPECT_EQ(vee_parse_cpu_weight("10001", &w, why), -ERANGE);
	EXPECT_EQ(vee_parse_cpu_weight("4294967297", &w, why), -ERANGE);
	EXPECT_EQ(vee_parse_cpu_weight("-5", &w, why), -ERANGE);
	EXPECT_EQ(vee_parse_cpu_weight("max", &w, why), -EINVAL);
	EXPECT_EQ(vee_parse_cpu_weight("", &w, why), -EINVAL);
	EXPECT_EQ(vee_parse_cpu_weight("1.5", &w, why), -EINVAL);
	EXPECT_EQ(w, 10000);
}

/* The bits of @bits that are set, as a list, to compare with a string. */
static void bits_to_list(const __u64 *bits, char *out, size_t len)
{
	unsigned int n, start;
	size_t used = 0;

	out[0] = '\0';
	for (n = 0; n < VEE_CPUSET_IDS; n++) {
		if (!(bits[n / 64] & (1ULL << (n % 64))))
			continue;
		start = n;
		while (n + 1 < VEE_CPUSET_IDS &&
		       (bits[(n + 1) / 64] & (1ULL << ((n + 1) % 64))))
			n++;
		if (start == n)
			used += snprintf(out + used, len - used, "%s%u",
					 used ? "," : "", n);
		else
			used += snprintf(out + used, len - used, "%s%u-%u",
					 used ? "," : "", start, n);
	}
}

#define LIST_OK(s, want_list, want_size)				\
	do {								\
		__u64 bits[VEE_CPUSET_WORDS];				\
		char why[VEE_WHY_MAX] = "", got[256];			\
		__u32 size = 0;						\
		EXPECT_EQ(vee_parse_cpu_list(s, "CPU", bits, &size, why), 0); \
		bits_to_list(bits, got, sizeof(got));			\
		EXPECT_STREQ(got, want_list);				\
		EXPECT_EQ(size, want_size);				\
	} while (0)

#define LIST_BAD(s, err, part)						\
	do {								\
		__u64 bits[VEE_CPUSET_WORDS];				\
		char why[VEE_WHY_MAX] = "";				\
		__u32 size = 99;					\
		EXPECT_EQ(vee_parse_cpu_list(s, "CPU", bits, &size, why), err); \
		EXPECT_EQ(size, 99);					\
		if (!strstr(why, part))					\
			TEST_FAIL_(0, "list '%s': message '%s' lacks '%s'", \
				   s, why, part);			\
	} while (0)

TEST(cpu_list_good)
{
	LIST_OK("0", "0", 8);
	LIST_OK("0-3,8", "0-3,8", 8);
	LIST_OK("0-3,8,10-11", "0-3,8,10-11", 8);
	LIST_OK("63", "63", 8);
	LIST_OK("64", "64", 16);
	LIST_OK("5-5", "5", 8);
	LIST_OK("3,1,2", "1-3", 8);
	LIST_OK("0-3,2-5", "0-5", 8);	/* overlaps merge, as in cgroupfs */
	LIST_OK("60-70", "60-70", 16);
	LIST_OK("8191", "8191", VEE_CPUSET_BITMAP_MAX);
	LIST_OK("0-8191", "0-8191", VEE_CPUSET_BITMAP_MAX);
}

TEST(cpu_list_bit_layout)
{
	__u64 bits[VEE_CPUSET_WORDS];
	char why[VEE_WHY_MAX];
	__u32 size;

	ASSERT_EQ(vee_parse_cpu_list("0,63,64,130", "CPU", bits, &size, why), 0);
	EXPECT_EQ(bits[0], (1ULL << 63) | 1);
	EXPECT_EQ(bits[1], 1);
	EXPECT_EQ(bits[2], 1ULL << 2);
	EXPECT_EQ(bits[3], 0);
	EXPECT_EQ(size, 24);
}

TEST(cpu_list_bad)
{
	LIST_BAD("", -EINVAL, "an empty list names no CPU");
	LIST_BAD(",", -EINVAL, "',' has an empty item");
	LIST_BAD("1,,2", -EINVAL, "'1,,2' has an empty item");
	LIST_BAD("1,", -EINVAL, "empty item");
	LIST_BAD(",1", -EINVAL, "empty item");
	LIST_BAD("3-1", -EINVAL, "'3-1' has a range that goes down");
	LIST_BAD("8192", -ERANGE, "'8192' names a CPU beyond the highest vee can set (8191)");
	LIST_BAD("0-8192", -ERANGE, "beyond");
	LIST_BAD("99999999999999999999", -ERANGE, "beyond");
	LIST_BAD("-1", -EINVAL, "not a CPU list");
	LIST_BAD("1-", -EINVAL, "not a CPU list");
	LIST_BAD("1-2-3", -EINVAL, "not a CPU list");
	LIST_BAD("a", -EINVAL, "'a' is not a CPU list");
	LIST_BAD("0 1", -EINVAL, "not a CPU list");
	LIST_BAD("0;1", -EINVAL, "not a CPU list");
	LIST_BAD("0-3\n", -EINVAL, "not a CPU list");
}

TEST(cpu_list_says_node_for_mems)
{
	__u64 bits[VEE_CPUSET_WORDS];
	char why[VEE_WHY_MAX];
	__u32 size;

	EXPECT_EQ(vee_parse_cpu_list("x", "node", bits, &size, why), -EINVAL);
	EXPECT_STREQ(why, "'x' is not a node list (like 0-3,8)");
}

#define IO_BAD(s, err, part)						\
	do {								\
		struct vee_limits l = {};				\
		char why[VEE_WHY_MAX] = "";				\
		EXPECT_EQ(vee_parse_io_max(s, &l, why), err);		\
		if (!strstr(why, part))					\
			TEST_FAIL_(0, "io-max '%s': message '%s' lacks '%s'", \
				   s, why, part);			\
	} while (0)

TEST(io_max_good)
{
	struct vee_limits l = {};
	char why[VEE_WHY_MAX];

	ASSERT_EQ(vee_parse_io_max("8:0 rbps=1048576 wbps=2M riops=100 wiops=max",
				   &l, why), 0);
	EXPECT_EQ(l.io_major, 8);
	EXPECT_EQ(l.io_minor, 0);
	EXPECT_EQ(l.io_rbps, 1048576);
	EXPECT_EQ(l.io_wbps, 2 << 20);
	EXPECT_EQ(l.io_riops, 100);
	EXPECT_EQ(l.io_wiops, VEE_LIMIT_MAX);
	EXPECT_EQ(l.mask, 0);	/* the caller's business */

	/* Keys not given are max: io.max is written whole. */
	memset(&l, 0, sizeof(l));
	ASSERT_EQ(vee_parse_io_max("259:3 wiops=50", &l, why), 0);
	EXPECT_EQ(l.io_major, 259);
	EXPECT_EQ(l.io_minor, 3);
	EXPECT_EQ(l.io_rbps, VEE_LIMIT_MAX);
	EXPECT_EQ(l.io_wbps, VEE_LIMIT_MAX);
	EXPECT_EQ(l.io_riops, VEE_LIMIT_MAX);
	EXPECT_EQ(l.io_wiops, 50);

	/* Any order, extra blanks, max in any case. */
	memset(&l, 0, sizeof(l));
	ASSERT_EQ(vee_parse_io_max("  4095:1048575\twbps=MAX   rbps=1k ", &l, why), 0);
	EXPECT_EQ(l.io_major, 4095);
	EXPECT_EQ(l.io_minor, 1048575);
	EXPECT_EQ(l.io_rbps, 1024);
	EXPECT_EQ(l.io_wbps, VEE_LIMIT_MAX);
}

TEST(io_max_bad)
{
	IO_BAD("", -EINVAL, "an empty value sets no limit");
	IO_BAD("   ", -EINVAL, "sets no limit");
	IO_BAD("8:0", -EINVAL, "'8:0' sets no limit");
	IO_BAD("8:0 ", -EINVAL, "sets no limit");
	IO_BAD("rbps=1", -EINVAL, "'rbps=1' is not a device (start with MAJ:MIN");
	IO_BAD("8 rbps=1", -EINVAL, "not a device");
	IO_BAD("8: rbps=1", -EINVAL, "not a device");
	IO_BAD(":0 rbps=1", -EINVAL, "not a device");
	IO_BAD("8:0x rbps=1", -EINVAL, "not a device");
	IO_BAD("-8:0 rbps=1", -EINVAL, "not a device");
	IO_BAD("4096:0 rbps=1", -ERANGE, "major 0 to 4095");
	IO_BAD("8:1048576 rbps=1", -ERANGE, "minor 0 to 1048575");
	IO_BAD("99999999999999999999:0 rbps=1", -ERANGE, "not a device number");
	IO_BAD("8:0 foo=1", -EINVAL, "'foo' is not an io.max key");
	IO_BAD("8:0 rbps=1 rbps=2", -EINVAL, "'rbps' is given twice");
	IO_BAD("8:0 wiops=1 wiops=max", -EINVAL, "'wiops' is given twice");
	IO_BAD("8:0 rbps", -EINVAL, "'rbps' needs a value");
	IO_BAD("8:0 rbps=", -EINVAL, "'rbps' needs a value");
	IO_BAD("8:0 rbps=x", -EINVAL, "rbps: 'x' is not a size");
	IO_BAD("8:0 rbps=0", -ERANGE, "rbps: '0' is too small");
	IO_BAD("8:0 rbps=-1", -ERANGE, "negative");
	IO_BAD("8:0 riops=0", -ERANGE, "riops: '0' is out of range");
	IO_BAD("8:0 riops=1K", -EINVAL, "riops: '1K' is not a number");
	IO_BAD("8:0 wiops=99999999999999999999", -ERANGE, "out of range");
	IO_BAD("8:0 wiops=18446744073709551615", -ERANGE, "out of range");
	IO_BAD("8:0 rbps=99999999999999999999999999999999999999999999999999999999999999999999",
	       -EINVAL, "too long");
	IO_BAD("8:0 rbps=1 =2", -EINVAL, "is not an io.max key");
	IO_BAD("8:0 8:1 rbps=1", -EINVAL, "'8:1' is not an io.max key");
}

TEST(namespaces)
{
	char why[VEE_WHY_MAX];
	__u64 ns = 0;

	EXPECT_EQ(vee_parse_ns("mnt", &ns, why), 0);
	EXPECT_EQ(ns, VEE_NS_MNT);
	EXPECT_EQ(vee_parse_ns("mnt,pid,net,uts,ipc,cgroup", &ns, why), 0);
	EXPECT_EQ(ns, VEE_NS_DEFAULT);
	EXPECT_EQ(vee_parse_ns("user,time", &ns, why), 0);
	EXPECT_EQ(ns, VEE_NS_USER | VEE_NS_TIME);
	EXPECT_EQ(vee_parse_ns("all", &ns, why), 0);
	EXPECT_EQ(ns, VEE_NS_ALL);
	EXPECT_EQ(vee_parse_ns("pid,pid", &ns, why), 0);
	EXPECT_EQ(ns, VEE_NS_PID);
	EXPECT_EQ(vee_parse_ns("all,user", &ns, why), 0);
	EXPECT_EQ(ns, VEE_NS_ALL);
}

TEST(namespaces_bad)
{
	char why[VEE_WHY_MAX];
	__u64 ns = 42;

	EXPECT_EQ(vee_parse_ns("", &ns, why), -EINVAL);
	EXPECT_TRUE(strstr(why, "empty list names no namespace") != NULL);
	EXPECT_EQ(vee_parse_ns("foo", &ns, why), -EINVAL);
	EXPECT_STREQ(why, "'foo' is not a namespace (use mnt, pid, net, uts, ipc, cgroup, user, time or all)");
	EXPECT_EQ(vee_parse_ns("mnt,,pid", &ns, why), -EINVAL);
	EXPECT_STREQ(why, "'mnt,,pid' has an empty item");
	EXPECT_EQ(vee_parse_ns(",", &ns, why), -EINVAL);
	EXPECT_EQ(vee_parse_ns("pid,", &ns, why), -EINVAL);
	EXPECT_EQ(vee_parse_ns("MNT", &ns, why), -EINVAL);
	EXPECT_EQ(vee_parse_ns("mount", &ns, why), -EINVAL);
	EXPECT_EQ(vee_parse_ns("mn", &ns, why), -EINVAL);
	EXPECT_EQ(vee_parse_ns("pid net", &ns, why), -EINVAL);
	EXPECT_EQ(vee_parse_ns("none", &ns, why), -EINVAL);
	EXPECT_EQ(ns, 42);
}

TEST(namespace_names_cover_every_bit)
{
	const struct vee_flag_name *n;
	__u64 all = 0;
	int count = 0;

	for (n = vee_ns_names; n->name; n++, count++) {
		EXPECT_EQ(all & n->flag, 0);
		all |= n->flag;
	}
	EXPECT_EQ(count, 8);
	EXPECT_EQ(all, VEE_NS_ALL);
}

#define SIG_OK(s, want)							\
	do {								\
		char why[VEE_WHY_MAX] = "";				\
		int sig = -1;						\
		EXPECT_EQ(vee_parse_signal(s, &sig, why), 0);		\
		if (sig != (want))					\
			TEST_FAIL_(0, "signal '%s': got %d, want %d", s, sig, \
				   (int)(want));			\
	} while (0)

#define SIG_BAD(s)							\
	do {								\
		char why[VEE_WHY_MAX] = "";				\
		int sig = -1;						\
		EXPECT_EQ(vee_parse_signal(s, &sig, why) < 0, 1);	\
		EXPECT_EQ(sig, -1);					\
		if (!strstr(why, "is not a signal") &&			\
		    !strstr(why, "beyond the real-time signals"))	\
			TEST_FAIL_(0, "signal '%s': message '%s'", s, why); \
	} while (0)

TEST(signals)
{
	SIG_OK("KILL", SIGKILL);
	SIG_OK("SIGKILL", SIGKILL);
	SIG_OK("kill", SIGKILL);
	SIG_OK("SigKill", SIGKILL);
	SIG_OK("9", SIGKILL);
	SIG_OK("TERM", SIGTERM);
	SIG_OK("15", SIGTERM);
	SIG_OK("HUP", SIGHUP);
	SIG_OK("INT", SIGINT);
	SIG_OK("STOP", SIGSTOP);
	SIG_OK("CONT", SIGCONT);
	SIG_OK("USR1", SIGUSR1);
	SIG_OK("SIGUSR2", SIGUSR2);
	SIG_OK("WINCH", SIGWINCH);
	SIG_OK("SYS", SIGSYS);
	SIG_OK("1", 1);
	SIG_OK("64", 64);
	SIG_OK("RTMIN", SIGRTMIN);
	SIG_OK("RTMIN+1", SIGRTMIN + 1);
	SIG_OK("SIGRTMAX", SIGRTMAX);
	SIG_OK("RTMAX-2", SIGRTMAX - 2);
}

TEST(signals_bad)
{
	SIG_BAD("");
	SIG_BAD("0");
	SIG_BAD("65");
	SIG_BAD("99999999999999999999");
	SIG_BAD("-9");
	SIG_BAD("FOO");
	SIG_BAD("SIG");
	SIG_BAD("SIGSIGKILL");
	SIG_BAD("KILLX");
	SIG_BAD("9x");
	SIG_BAD(" 9");
	SIG_BAD("RTMIN-1");
	SIG_BAD("RTMAX+1");
	SIG_BAD("RTMIN+");
	SIG_BAD("RTMIN+x");
	SIG_BAD("RTMIN+100");
}

TEST(signal_message)
{
	char why[VEE_WHY_MAX];
	int sig;

	EXPECT_EQ(vee_parse_signal("FOO", &sig, why), -EINVAL);
	EXPECT_STREQ(why, "'FOO' is not a signal (use a name like TERM, or 1 to 64)");
}

TEST(account)
{
	char why[VEE_WHY_MAX];
	__u64 a = 0;

	EXPECT_EQ(vee_parse_account("sched", &a, why), 0);
	EXPECT_EQ(a, VEE_ACCT_SCHED);
	EXPECT_EQ(vee_parse_account("sched,fork,fault,io,net,oom", &a, why), 0);
	EXPECT_EQ(a, VEE_ACCT_DEFAULT);
	EXPECT_EQ(vee_parse_account("syscall", &a, why), 0);
	EXPECT_EQ(a, VEE_ACCT_SYSCALL);
	EXPECT_EQ(vee_parse_account("all", &a, why), 0);
	EXPECT_EQ(a, VEE_ACCT_ALL);
	EXPECT_EQ(vee_parse_account("all,io", &a, why), 0);
	EXPECT_EQ(a, VEE_ACCT_ALL);
	EXPECT_EQ(vee_parse_account("fork,fork", &a, why), 0);
	EXPECT_EQ(a, VEE_ACCT_FORK);
	EXPECT_EQ(vee_parse_account("none", &a, why), 0);
	EXPECT_EQ(a, 0);
}

TEST(account_bad)
{
	char why[VEE_WHY_MAX];
	__u64 a = 42;

	EXPECT_EQ(vee_parse_account("", &a, why), -EINVAL);
	EXPECT_TRUE(strstr(why, "empty list names no accounting") != NULL);
	EXPECT_EQ(vee_parse_account("cpu", &a, why), -EINVAL);
	EXPECT_STREQ(why, "'cpu' is not an accounting kind (use sched, fork, fault, io, net, oom, syscall, all or none)");
	EXPECT_EQ(vee_parse_account("none,fork", &a, why), -EINVAL);
	EXPECT_STREQ(why, "'none,fork': none cannot be combined with other items");
	EXPECT_EQ(vee_parse_account("fork,none", &a, why), -EINVAL);
	EXPECT_EQ(vee_parse_account("fork,,io", &a, why), -EINVAL);
	EXPECT_STREQ(why, "'fork,,io' has an empty item");
	EXPECT_EQ(vee_parse_account(",", &a, why), -EINVAL);
	EXPECT_EQ(vee_parse_account("io,", &a, why), -EINVAL);
	EXPECT_EQ(vee_parse_account("FORK", &a, why), -EINVAL);
	EXPECT_EQ(vee_parse_account("forks", &a, why), -EINVAL);
	EXPECT_EQ(vee_parse_account("fork io", &a, why), -EINVAL);
	EXPECT_EQ(a, 42);
}

TEST(counts)
{
	char why[VEE_WHY_MAX];
	__u64 v = 0;

	EXPECT_EQ(vee_parse_count("1", &v, why), 0);
	EXPECT_EQ(v, 1);
	EXPECT_EQ(vee_parse_count("1000000000", &v, why), 0);
	EXPECT_EQ(v, VEE_COUNT_MAX);
	v = 7;
	EXPECT_EQ(vee_parse_count("0", &v, why), -ERANGE);
	EXPECT_STREQ(why, "'0' is out of range (use 1 to 1000000000)");
	EXPECT_EQ(vee_parse_count("1000000001", &v, why), -ERANGE);
	EXPECT_EQ(vee_parse_count("99999999999999999999999", &v, why), -ERANGE);
	EXPECT_EQ(vee_parse_count("-1", &v, why), -ERANGE);
	EXPECT_EQ(vee_parse_count("", &v, why), -EINVAL);
	EXPECT_EQ(vee_parse_count("2x", &v, why), -EINVAL);
	EXPECT_STREQ(why, "'2x' is not a number (use 1 to 1000000000)");
	EXPECT_EQ(vee_parse_count(" 2", &v, why), -EINVAL);
	EXPECT_EQ(vee_parse_count("+2", &v, why), -EINVAL);
	EXPECT_EQ(vee_parse_count("0x10", &v, why), -EINVAL);
	EXPECT_EQ(v, 7);
}

TEST(intervals)
{
	char why[VEE_WHY_MAX];
	unsigned int ms = 0;

	EXPECT_EQ(vee_parse_interval("1", &ms, why), 0);
	EXPECT_EQ(ms, 1000);
	EXPECT_EQ(vee_parse_interval("0.5", &ms, why), 0);
	EXPECT_EQ(ms, 500);
	EXPECT_EQ(vee_parse_interval(".25", &ms, why), 0);
	EXPECT_EQ(ms, 250);
	EXPECT_EQ(vee_parse_interval("0.1", &ms, why), 0);
	EXPECT_EQ(ms, 100);
	EXPECT_EQ(vee_parse_interval("2.125", &ms, why), 0);
	EXPECT_EQ(ms, 2125);
	EXPECT_EQ(vee_parse_interval("3600", &ms, why), 0);
	EXPECT_EQ(ms, 3600000);
	ms = 7;
	EXPECT_EQ(vee_parse_interval("0.09", &ms, why), -ERANGE);
	EXPECT_STREQ(why, "'0.09' is out of range (use 0.1 to 3600 seconds)");
	EXPECT_EQ(vee_parse_interval("0", &ms, why), -ERANGE);
	EXPECT_EQ(vee_parse_interval("3600.001", &ms, why), -ERANGE);
	EXPECT_EQ(vee_parse_interval("99999999999999999999", &ms, why), -ERANGE);
	EXPECT_EQ(vee_parse_interval("-1", &ms, why), -ERANGE);
	EXPECT_EQ(vee_parse_interval("0.0001", &ms, why), -EINVAL);
	EXPECT_STREQ(why, "'0.0001' has more than 3 decimals (seconds are counted in milliseconds)");
	EXPECT_EQ(vee_parse_interval("", &ms, why), -EINVAL);
	EXPECT_EQ(vee_parse_interval(".", &ms, why), -EINVAL);
	EXPECT_EQ(vee_parse_interval("1.", &ms, why), -EINVAL);
	EXPECT_EQ(vee_parse_interval("1s", &ms, why), -EINVAL);
	EXPECT_STREQ(why, "'1s' is not a number of seconds (like 1 or 0.5)");
	EXPECT_EQ(vee_parse_interval("1e3", &ms, why), -EINVAL);
	EXPECT_EQ(ms, 7);
}

TEST(seconds_in_other_ranges)
{
	char why[VEE_WHY_MAX];
	uint64_t ms = 0;

	/* vee record --duration: up to a year. */
	EXPECT_EQ(vee_parse_seconds("31536000", 100, 31536000, &ms, why), 0);
	EXPECT_EQ(ms, 31536000000ULL);
	EXPECT_EQ(vee_parse_seconds("0.1", 100, 31536000, &ms, why), 0);
	EXPECT_EQ(ms, 100);
	EXPECT_EQ(vee_parse_seconds("31536000.001", 100, 31536000, &ms, why),
		  -ERANGE);
	EXPECT_STREQ(why, "'31536000.001' is out of range (use 0.1 to 31536000 seconds)");
	EXPECT_EQ(vee_parse_seconds("0.5", 1000, 10, &ms, why), -ERANGE);
	EXPECT_STREQ(why, "'0.5' is out of range (use 1 to 10 seconds)");
	EXPECT_EQ(vee_parse_seconds("-0", 100, 10, &ms, why), -ERANGE);
	EXPECT_EQ(ms, 100);
}

int main(int argc, char **argv)
{
	return test_main(argc, argv);
}
