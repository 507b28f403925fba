/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A domain's usage, limits and limit hits, read back from its cgroup: the
 * cgroup already counts CPU time, memory, tasks and refusals, so vee
 * never counts them twice.  Reading sleeps.
 */
#ifndef _VEE_STATS_H
#define _VEE_STATS_H

#include <linux/types.h>
#include <uapi/linux/vee.h>

struct path;
struct vee_counters;
struct vee_domain;

/* Room for a cpuset list ("0-3,8"), NUL included; a longer one is left out. */
#define VEE_STATS_LIST_MAX	256

struct vee_stats {
	u32 lim_present;		/* BIT(VEE_LIM_*) of the limits read */
	u64 lim[__VEE_LIM_MAX];		/* numeric limits; "max" is VEE_LIMIT_MAX */
	char cpuset_cpus[VEE_STATS_LIST_MAX];
	char cpuset_mems[VEE_STATS_LIST_MAX];
	u32 use_present;		/* BIT(VEE_USE_*) of the values read */
	u64 use[__VEE_USE_MAX];
};

/*
 * Fills @st (unless NULL) from @dom's cgroup, and @cnt's limit hits (with
 * VEE_ACCT_OOM) from its memory.events and pids.events, under @dom->lock.
 * A value that is missing (its controller is not enabled, the domain is
 * being removed) or unreadable leaves its bit clear.  A limit that is not
 * set is left out too: cpu.max "max" (its period stays), an empty
 * cpuset.cpus or cpuset.mems.  memory and pids "max" read as
 * VEE_LIMIT_MAX.
 */
void vee_stats_read(struct vee_domain *dom, struct vee_stats *st,
		    struct vee_counters *cnt);

/* The values of @dir's files but memory's, and pids.events "max". */
void vee_stats_read_files(const struct path *dir, struct vee_stats *st,
			  u64 *pids_hits);

#endif /* _VEE_STATS_H */
