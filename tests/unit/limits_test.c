// SPDX-License-Identifier: GPL-2.0
/*
 * Limit options to struct vee_limits: each option sets exactly its own
 * field(s) and mask bit, a bad value changes nothing, and the getopt table
 * the commands share knows every option by its documented name.
 */
#include "harness.h"
#include "lib/limits.h"

/*
 * Runs getopt_long over @args with the shared option table, as create,
 * run and set do.  Returns 0, the first error, or -ENOENT for an option
 * the table does not know.
 */
static int parse_args(struct vee_limit_opts *lo, char *why, int n, ...)
{
	static const struct option opts[] = { VEE_LIMIT_OPTIONS, {} };
	char *argv[32] = { "test" };
	va_list ap;
	int i, c, err;

	va_start(ap, n);
	for (i = 0; i < n && i < 30; i++)
		argv[i + 1] = va_arg(ap, char *);
	va_end(ap);

	vee_limit_opts_init(lo);
	optind = 0;	/* glibc: a full reset for each new argv */
	opterr = 0;
	while ((c = getopt_long(n + 1, argv, ":", opts, NULL)) != -1) {
		if (c < VEE_OPT_MEM || c > VEE_OPT_LIMIT_LAST)
			return -ENOENT;
		err = vee_limit_option(lo, c, optarg, why);
		if (err)
			return err;
	}
	return 0;
}

/* Every field but those of @keep is still zero. */
static int zero_except(const struct vee_limits *l, uint32_t keep)
{
	struct vee_limits z = {};

	if (keep & VEE_LIMIT_MEMORY_MAX)
		z.memory_max = l->memory_max;
	if (keep & VEE_LIMIT_MEMORY_HIGH)
		z.memory_high = l->memory_high;
	if (keep & VEE_LIMIT_SWAP_MAX)
		z.swap_max = l->swap_max;
	if (keep & VEE_LIMIT_PIDS_MAX)
		z.pids_max = l->pids_max;
	if (keep & VEE_LIMIT_CPU_MAX) {
		z.cpu_quota_us = l->cpu_quota_us;
		z.cpu_period_us = l->cpu_period_us;
	}
	if (keep & VEE_LIMIT_CPU_WEIGHT)
		z.cpu_weight = l->cpu_weight;
	if (keep & VEE_LIMIT_CPUSET_CPUS) {
		z.cpuset_cpus = l->cpuset_cpus;
		z.cpuset_cpus_size = l->cpuset_cpus_size;
	}
	if (keep & VEE_LIMIT_CPUSET_MEMS) {
		z.cpuset_mems = l->cpuset_mems;
		z.cpuset_mems_size = l->cpuset_mems_size;
	}
	if (keep & VEE_LIMIT_IO_MAX) {
		z.io_major = l->io_major;
		z.io_minor = l->io_minor;
		z.io_rbps = l->io_rbps;
		z.io_wbps = l->io_wbps;
		z.io_riops = l->io_riops;
		z.io_wiops = l->io_wiops;
	}
	z.mask = l->mask;
	return !memcmp(&z, l, sizeof(z));
}

TEST(nothing_given_sets_nothing)
{
	struct vee_limit_opts lo;
	char why[VEE_WHY_MAX];

	ASSERT_EQ(parse_args(&lo, why, 0), 0);
	EXPECT_EQ(lo.lim.mask, 0);
	EXPECT_TRUE(zero_except(&lo.lim, 0));
}

TEST(mem)
{
	struct vee_limit_opts lo;
	char why[VEE_WHY_MAX];

	ASSERT_EQ(parse_args(&lo, why, 2, "--mem", "32M"), 0);
	EXPECT_EQ(lo.lim.mask, VEE_LIMIT_MEMORY_MAX);
	EXPECT_EQ(lo.lim.memory_max, 32 << 20);
	EXPECT_TRUE(zero_except(&lo.lim, VEE_LIMIT_MEMORY_MAX));

	ASSERT_EQ(parse_args(&lo, why, 1, "--mem=max"), 0);
	EXPECT_EQ(lo.lim.mask, VEE_LIMIT_MEMORY_MAX);
	EXPECT_EQ(lo.lim.memory_max, VEE_LIMIT_MAX);
}

TEST(mem_high_and_swap)
{
	struct vee_limit_opts lo;
	char why[VEE_WHY_MAX];

	ASSERT_EQ(parse_args(&lo, why, 4, "--mem-high", "1G", "--swap", "0"), 0);
	EXPECT_EQ(lo.lim.mask, VEE_LIMIT_MEMORY_HIGH | VEE_LIMIT_SWAP_MAX);
	EXPECT_EQ(lo.lim.memory_high, 1ULL << 30);
	EXPECT_EQ(lo.lim.swap_max, 0);
	EXPECT_TRUE(zero_except(&lo.lim, VEE_LIMIT_MEMORY_HIGH | VEE_LIMIT_SWAP_MAX));

	/* --swap 0 means no swap; --mem 0 and --mem-high 0 mean nothing. */
	EXPECT_EQ(parse_args(&lo, why, 2, "--mem-high", "0"), -ERANGE);
	EXPECT_STREQ(why, "--mem-high: '0' is too small: the least size is 1 byte (use max for no limit)");
}

TEST(pids_and_weight)
{
	struct vee_limit_opts lo;
	char why[VEE_WHY_MAX];

	ASSERT_EQ(parse_args(&lo, why, 4, "--pids", "64", "--cpu-weight", "250"), 0);
	EXPECT_EQ(lo.lim.mask, VEE_LIMIT_PIDS_MAX | VEE_LIMIT_CPU_WEIGHT);
	EXPECT_EQ(lo.lim.pids_max, 64);
	EXPECT_EQ(lo.lim.cpu_weight, 250);
	EXPECT_TRUE(zero_except(&lo.lim, VEE_LIMIT_PIDS_MAX | VEE_LIMIT_CPU_WEIGHT));
}

TEST(cpus_sets_quota_and_period)
{
	struct vee_limit_opts lo;
	char why[VEE_WHY_MAX];

	ASSERT_EQ(parse_args(&lo, why, 2, "--cpus", "0.2"), 0);
	EXPECT_EQ(lo.lim.mask, VEE_LIMIT_CPU_MAX);
	EXPECT_EQ(lo.lim.cpu_quota_us, 20000);
	EXPECT_EQ(lo.lim.cpu_period_us, 100000);
	EXPECT_TRUE(zero_except(&lo.lim, VEE_LIMIT_CPU_MAX));

	ASSERT_EQ(parse_args(&lo, why, 2, "--cpus", "max"), 0);
	EXPECT_EQ(lo.lim.cpu_quota_us, VEE_LIMIT_MAX);
	EXPECT_EQ(lo.lim.cpu_period_us, 100000);
}

TEST(cpusets_point_into_the_opts)
{
	struct vee_limit_opts lo;
	char why[VEE_WHY_MAX];
	uint32_t both = VEE_LIMIT_CPUSET_CPUS | VEE_LIMIT_CPUSET_MEMS;

	ASSERT_EQ(parse_args(&lo, why, 4, "--cpuset", "0-3,70",
			     "--cpuset-mems", "0"), 0);
	EXPECT_EQ(lo.lim.mask, both);
	EXPECT_EQ(lo.lim.cpuset_cpus, (uintptr_t)lo.cpus);
	EXPECT_EQ(lo.lim.cpuset_cpus_size, 16);
	EXPECT_EQ(lo.cpus[0], 0xf);
	EXPECT_EQ(lo.cpus[1], 1ULL << 6);
	EXPECT_EQ(lo.lim.cpuset_mems, (uintptr_t)lo.mems);
	EXPECT_EQ(lo.lim.cpuset_mems_size, 8);
	EXPECT_EQ(lo.mems[0], 1);
	EXPECT_TRUE(zero_except(&lo.lim, both));
}

TEST(io_max)
{
	struct vee_limit_opts lo;
	char why[VEE_WHY_MAX];

	ASSERT_EQ(parse_args(&lo, why, 2, "--io-max", "8:16 rbps=1M wiops=10"), 0);
	EXPECT_EQ(lo.lim.mask, VEE_LIMIT_IO_MAX);
	EXPECT_EQ(lo.lim.io_major, 8);
	EXPECT_EQ(lo.lim.io_minor, 16);
	EXPECT_EQ(lo.lim.io_rbps, 1 << 20);
	EXPECT_EQ(lo.lim.io_wbps, VEE_LIMIT_MAX);
	EXPECT_EQ(lo.lim.io_riops, VEE_LIMIT_MAX);
	EXPECT_EQ(lo.lim.io_wiops, 10);
	EXPECT_TRUE(zero_except(&lo.lim, VEE_LIMIT_IO_MAX));
}

TEST(io_max_once)
{
	struct vee_limit_opts lo;
	char why[VEE_WHY_MAX];

	EXPECT_EQ(parse_args(&lo, why, 4, "--io-max", "8:0 rbps=1",
			     "--io-max", "8:16 wbps=1"), -EINVAL);
	EXPECT_TRUE(strstr(why, "--io-max: given twice") != NULL);
	/* The first one stands. */
	EXPECT_EQ(lo.lim.io_minor, 0);
}

TEST(every_option_at_once)
{
	struct vee_limit_opts lo;
	char why[VEE_WHY_MAX];

	ASSERT_EQ(parse_args(&lo, why, 18, "--mem", "1G", "--mem-high", "900M",
			     "--swap", "max", "--pids", "max", "--cpus", "1.5",
			     "--cpu-weight", "1", "--cpuset", "1",
			     "--cpuset-mems", "0", "--io-max", "1:2 riops=3"), 0);
	EXPECT_EQ(lo.lim.mask, VEE_LIMIT_ALL);
	EXPECT_EQ(lo.lim.memory_max, 1ULL << 30);
	EXPECT_EQ(lo.lim.memory_high, 900ULL << 20);
	EXPECT_EQ(lo.lim.swap_max, VEE_LIMIT_MAX);
	EXPECT_EQ(lo.lim.pids_max, VEE_LIMIT_MAX);
	EXPECT_EQ(lo.lim.cpu_quota_us, 150000);
	EXPECT_EQ(lo.lim.cpu_weight, 1);
	EXPECT_EQ(lo.cpus[0], 2);
	EXPECT_EQ(lo.lim.io_riops, 3);
}

TEST(last_one_counts)
{
	struct vee_limit_opts lo;
	char why[VEE_WHY_MAX];

	ASSERT_EQ(parse_args(&lo, why, 4, "--mem", "1G", "--mem", "2G"), 0);
	EXPECT_EQ(lo.lim.memory_max, 2ULL << 30);
	ASSERT_EQ(parse_args(&lo, why, 4, "--cpuset", "0-63", "--cpuset", "1"), 0);
	EXPECT_EQ(lo.cpus[0], 2);
	EXPECT_EQ(lo.lim.cpuset_cpus_size, 8);
}

/* A bad value names its option, quotes the value, and changes nothing. */
TEST(bad_values_change_nothing)
{
	static const struct {
		const char *opt, *val, *msg;
	} bad[] = {
		{ "--mem", "12Q", "--mem: '12Q' is not a size (use K, M, G or max)" },
		{ "--mem-high", "-1", "--mem-high: '-1' is negative" },
		{ "--swap", "1.5G", "--swap: '1.5G' is not a size" },
		{ "--pids", "0", "--pids: '0' is out of range" },
		{ "--cpus", "0", "--cpus: '0' is too small" },
		{ "--cpu-weight", "20000", "--cpu-weight: '20000' is out of range" },
		{ "--cpuset", "3-1", "--cpuset: '3-1' has a range that goes down" },
		{ "--cpuset-mems", "", "--cpuset-mems: an empty list names no node" },
		{ "--io-max", "8:0", "--io-max: '8:0' sets no limit" },
	};
	struct vee_limit_opts lo;
	char why[VEE_WHY_MAX];
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		why[0] = '\0';
		EXPECT_EQ(parse_args(&lo, why, 2, bad[i].opt, bad[i].val) < 0, 1);
		if (strncmp(why, bad[i].msg, strlen(bad[i].msg)))
			TEST_FAIL_(0, "%s %s: '%s'", bad[i].opt, bad[i].val, why);
		EXPECT_EQ(lo.lim.mask, 0);
		EXPECT_TRUE(zero_except(&lo.lim, 0));
	}
}

/* A bad second value leaves the first one's fields alone. */
TEST(bad_value_after_good_one)
{
	struct vee_limit_opts lo;
	char why[VEE_WHY_MAX];

	EXPECT_EQ(parse_args(&lo, why, 4, "--cpus", "0.5", "--cpus", "x"), -EINVAL);
	EXPECT_EQ(lo.lim.mask, VEE_LIMIT_CPU_MAX);
	EXPECT_EQ(lo.lim.cpu_quota_us, 50000);
	EXPECT_EQ(parse_args(&lo, why, 4, "--cpuset", "5", "--cpuset", "1,,2"), -EINVAL);
	EXPECT_EQ(lo.cpus[0], 1 << 5);
	EXPECT_EQ(lo.lim.cpuset_cpus_size, 8);
}

TEST(not_a_limit_option)
{
	struct vee_limit_opts lo;
	char why[VEE_WHY_MAX];

	vee_limit_opts_init(&lo);
	EXPECT_EQ(vee_limit_option(&lo, 'h', NULL, why), -EINVAL);
	EXPECT_EQ(vee_limit_option(&lo, VEE_OPT_LIMIT_LAST + 1, "1", why), -EINVAL);
	EXPECT_EQ(lo.lim.mask, 0);
	EXPECT_EQ(parse_args(&lo, why, 2, "--memory", "1G"), -ENOENT);
}

TEST(cgroup_file_names)
{
	EXPECT_STREQ(vee_limit_file(VEE_LIMIT_MEMORY_MAX), "memory.max");
	EXPECT_STREQ(vee_limit_file(VEE_LIMIT_MEMORY_HIGH), "memory.high");
	EXPECT_STREQ(vee_limit_file(VEE_LIMIT_SWAP_MAX), "memory.swap.max");
	EXPECT_STREQ(vee_limit_file(VEE_LIMIT_PIDS_MAX), "pids.max");
	EXPECT_STREQ(vee_limit_file(VEE_LIMIT_CPU_MAX), "cpu.max");
	EXPECT_STREQ(vee_limit_file(VEE_LIMIT_CPU_WEIGHT), "cpu.weight");
	EXPECT_STREQ(vee_limit_file(VEE_LIMIT_CPUSET_CPUS), "cpuset.cpus");
	EXPECT_STREQ(vee_limit_file(VEE_LIMIT_CPUSET_MEMS), "cpuset.mems");
	EXPECT_STREQ(vee_limit_file(VEE_LIMIT_IO_MAX), "io.max");
	EXPECT_TRUE(vee_limit_file(0) == NULL);
	EXPECT_TRUE(vee_limit_file(1U << 9) == NULL);
	EXPECT_TRUE(vee_limit_file(VEE_LIMIT_MEMORY_MAX | VEE_LIMIT_PIDS_MAX) == NULL);
}

int main(int argc, char **argv)
{
	return test_main(argc, argv);
}
