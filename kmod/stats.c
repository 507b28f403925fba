// SPDX-License-Identifier: GPL-2.0
/*
 * A domain's usage and limits from its cgroup v2 files, for the netlink
 * replies.  Each file is read whole through vee_cgroup_read() (resolved
 * below the module's pinned subtree, like every other access) and parsed
 * strictly: text that does not parse leaves the value out rather than
 * reporting a wrong number.
 */
#include <linux/bits.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "cgroup.h"
#include "domain.h"
#include "stats.h"

/* Big enough for "max 1000000\n", a u64 and cpu.stat's first line. */
#define VEE_STATS_BUF	64

/* Reads @file into @buf without its trailing newline; -errno on failure. */
static int vee_stats_line(const char *name, const char *file, char *buf,
			  size_t len)
{
	ssize_t n = vee_cgroup_read(name, file, buf, len);

	if (n < 0)
		return n;
	/* Every cgroup file ends with a newline: without one it was cut. */
	if (n == 0 || buf[n - 1] != '\n')
		return -EOVERFLOW;
	buf[n - 1] = '\0';
	return 0;
}

/* A decimal u64, or "max" as VEE_LIMIT_MAX when @max_ok. */
static int vee_stats_u64(const char *name, const char *file, bool max_ok,
			 u64 *val)
{
	char buf[VEE_STATS_BUF];
	int err;

	err = vee_stats_line(name, file, buf, sizeof(buf));
	if (err)
		return err;
	if (max_ok && !strcmp(buf, "max")) {
		*val = VEE_LIMIT_MAX;
		return 0;
	}
	return kstrtou64(buf, 10, val);
}

static void vee_stats_limit(const char *name, const char *file,
			    struct vee_stats *st, int attr)
{
	if (!vee_stats_u64(name, file, true, &st->lim[attr]))
		st->lim_present |= BIT(attr);
}

static void vee_stats_usage(const char *name, const char *file,
			    struct vee_stats *st, int attr)
{
	if (!vee_stats_u64(name, file, false, &st->use[attr]))
		st->use_present |= BIT(attr);
}

/* cpu.max: "QUOTA PERIOD" or "max PERIOD". */
static void vee_stats_cpu_max(const char *name, struct vee_stats *st)
{
	char buf[VEE_STATS_BUF];
	char *period;
	u64 quota;

	if (vee_stats_line(name, "cpu.max", buf, sizeof(buf)))
		return;
	period = strchr(buf, ' ');
	if (!period)
		return;
	*period++ = '\0';
	if (kstrtou64(period, 10, &st->lim[VEE_LIM_CPU_PERIOD_US]))
		return;
	st->lim_present |= BIT(VEE_LIM_CPU_PERIOD_US);
	if (strcmp(buf, "max") && !kstrtou64(buf, 10, &quota)) {
		st->lim[VEE_LIM_CPU_MAX_US] = quota;
		st->lim_present |= BIT(VEE_LIM_CPU_MAX_US);
	}
}

/* cpu.stat begins with "usage_usec N" (with or without the cpu controller). */
static void vee_stats_cpu_usage(const char *name, struct vee_stats *st)
{
	static const char key[] = "usage_usec ";
	char buf[VEE_STATS_BUF];
	ssize_t n;
	char *end;

	n = vee_cgroup_read(name, "cpu.stat", buf, sizeof(buf));
	if (n < 0 || strncmp(buf, key, sizeof(key) - 1))
		return;
	end = strchr(buf, '\n');
	if (!end)
		return;		/* the first line did not fit: never for a u64 */
	*end = '\0';
	if (!kstrtou64(buf + sizeof(key) - 1, 10, &st->use[VEE_USE_CPU_USAGE_US]))
		st->use_present |= BIT(VEE_USE_CPU_USAGE_US);
}

/* A cpuset list; empty means "not set" (the parent's applies). */
static void vee_stats_list(const char *name, const char *file,
			   char list[VEE_STATS_LIST_MAX], struct vee_stats *st,
			   int attr)
{
	if (vee_stats_line(name, file, list, VEE_STATS_LIST_MAX) || !*list) {
		list[0] = '\0';
		return;
	}
	st->lim_present |= BIT(attr);
}

void vee_stats_read(const struct vee_domain *dom, struct vee_stats *st)
{
	const char *name = dom->name;
	u64 weight;

	memset(st, 0, sizeof(*st));

	vee_stats_limit(name, "memory.max", st, VEE_LIM_MEMORY_MAX);
	vee_stats_limit(name, "memory.high", st, VEE_LIM_MEMORY_HIGH);
	vee_stats_limit(name, "memory.swap.max", st, VEE_LIM_SWAP_MAX);
	vee_stats_limit(name, "pids.max", st, VEE_LIM_PIDS_MAX);
	vee_stats_cpu_max(name, st);
	if (!vee_stats_u64(name, "cpu.weight", false, &weight) &&
	    weight <= U32_MAX) {
		st->lim[VEE_LIM_CPU_WEIGHT] = weight;
		st->lim_present |= BIT(VEE_LIM_CPU_WEIGHT);
	}
	vee_stats_list(name, "cpuset.cpus", st->cpuset_cpus, st,
		       VEE_LIM_CPUSET_CPUS);
	vee_stats_list(name, "cpuset.mems", st->cpuset_mems, st,
		       VEE_LIM_CPUSET_MEMS);

	vee_stats_cpu_usage(name, st);
	vee_stats_usage(name, "memory.current", st, VEE_USE_MEMORY_CURRENT);
	vee_stats_usage(name, "memory.peak", st, VEE_USE_MEMORY_PEAK);
	vee_stats_usage(name, "pids.current", st, VEE_USE_PIDS_CURRENT);
}
