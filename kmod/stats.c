// SPDX-License-Identifier: GPL-2.0
/*
 * A domain's usage and limits, for the netlink replies.
 *
 * The memory controller's values come straight from the domain's struct
 * mem_cgroup (its page counters and event counts, in the public
 * memcontrol.h), read the way memory.{max,high,swap.max,current,peak,
 * events} show them: opening a cgroup file costs a struct file, a
 * seq_file and a page of buffer, and a dump of 10,000 domains spent most
 * of its time there.  The other controllers keep their state private, so
 * their values are read from the cgroup v2 files, through
 * vee_cgroup_read_at(), relative to the domain's directory (looked up
 * once), and parsed strictly: text that does not parse leaves the value
 * out rather than reporting a wrong number.  An idle domain's file values
 * are kept between reads (statcache.c).  The files are the fallback for
 * memory too, should the cgroup not be found by id.
 */
#include <linux/bits.h>
#include <linux/cgroup.h>
#include <linux/kernel.h>
#include <linux/memcontrol.h>
#include <linux/page_counter.h>
#include <linux/path.h>
#include <linux/string.h>

#include "acct.h"
#include "cgroup.h"
#include "domain.h"
#include "stats.h"
#include "statcache.h"

/* Big enough for "max 1000000\n", a u64 and cpu.stat's first line. */
#define VEE_STATS_BUF	64

/* Reads @file into @buf without its trailing newline; -errno on failure. */
static int vee_stats_line(const struct path *dir, const char *file, char *buf,
			  size_t len)
{
	ssize_t n = vee_cgroup_read_at(dir, file, buf, len);

	if (n < 0)
		return n;
	/* Every cgroup file ends with a newline: without one it was cut. */
	if (n == 0 || buf[n - 1] != '\n')
		return -EOVERFLOW;
	buf[n - 1] = '\0';
	return 0;
}

/* A decimal u64, or "max" as VEE_LIMIT_MAX when @max_ok. */
static int vee_stats_u64(const struct path *dir, const char *file, bool max_ok,
			 u64 *val)
{
	char buf[VEE_STATS_BUF];
	int err;

	err = vee_stats_line(dir, file, buf, sizeof(buf));
	if (err)
		return err;
	if (max_ok && !strcmp(buf, "max")) {
		*val = VEE_LIMIT_MAX;
		return 0;
	}
	return kstrtou64(buf, 10, val);
}

static void vee_stats_limit(const struct path *dir, const char *file,
			    struct vee_stats *st, int attr)
{
	if (!vee_stats_u64(dir, file, true, &st->lim[attr]))
		st->lim_present |= BIT(attr);
}

static void vee_stats_usage(const struct path *dir, const char *file,
			    struct vee_stats *st, int attr)
{
	if (!vee_stats_u64(dir, file, false, &st->use[attr]))
		st->use_present |= BIT(attr);
}

/* cpu.max: "QUOTA PERIOD" or "max PERIOD". */
static void vee_stats_cpu_max(const struct path *dir, struct vee_stats *st)
{
	char buf[VEE_STATS_BUF];
	char *period;
	u64 quota;

	if (vee_stats_line(dir, "cpu.max", buf, sizeof(buf)))
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
static void vee_stats_cpu_usage(const struct path *dir, struct vee_stats *st)
{
	static const char key[] = "usage_usec ";
	char buf[VEE_STATS_BUF];
	ssize_t n;
	char *end;

	n = vee_cgroup_read_at(dir, "cpu.stat", buf, sizeof(buf));
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
static void vee_stats_list(const struct path *dir, const char *file,
			   char list[VEE_STATS_LIST_MAX], struct vee_stats *st,
			   int attr)
{
	if (vee_stats_line(dir, file, list, VEE_STATS_LIST_MAX) || !*list) {
		list[0] = '\0';
		return;
	}
	st->lim_present |= BIT(attr);
}

/* A page counter's limit as memory.max shows it: "max" or bytes. */
static u64 vee_stats_pages(unsigned long pages)
{
	return pages == PAGE_COUNTER_MAX ? VEE_LIMIT_MAX : (u64)pages * PAGE_SIZE;
}

/*
 * The memory limits, usage and limit hits from the domain's own memory
 * css, as memory.{max,high,swap.max,current,peak,events} show them.  A
 * cgroup without the memory controller has no such css
 * (cgroup_get_e_css() then gives an ancestor's) and, as with its missing
 * files, the values are left out.
 */
static void vee_stats_memcg_values(struct mem_cgroup *memcg,
				   struct vee_stats *st)
{
	st->lim[VEE_LIM_MEMORY_MAX] =
		vee_stats_pages(READ_ONCE(memcg->memory.max));
	st->lim[VEE_LIM_MEMORY_HIGH] =
		vee_stats_pages(READ_ONCE(memcg->memory.high));
	st->lim_present |= BIT(VEE_LIM_MEMORY_MAX) | BIT(VEE_LIM_MEMORY_HIGH);
	if (vee_cgroup_has_swap()) {
		st->lim[VEE_LIM_SWAP_MAX] =
			vee_stats_pages(READ_ONCE(memcg->swap.max));
		st->lim_present |= BIT(VEE_LIM_SWAP_MAX);
	}
	st->use[VEE_USE_MEMORY_CURRENT] =
		(u64)page_counter_read(&memcg->memory) * PAGE_SIZE;
	st->use[VEE_USE_MEMORY_PEAK] =
		(u64)READ_ONCE(memcg->memory.watermark) * PAGE_SIZE;
	st->use_present |= BIT(VEE_USE_MEMORY_CURRENT) |
			   BIT(VEE_USE_MEMORY_PEAK);
}

static void vee_stats_memcg(struct cgroup *cgrp, struct vee_stats *st,
			    u64 *hits)
{
	struct cgroup_subsys_state *css;
	struct mem_cgroup *memcg;

	css = cgroup_get_e_css(cgrp, &memory_cgrp_subsys);
	if (css && css->cgroup == cgrp) {
		memcg = mem_cgroup_from_css(css);
		if (st)
			vee_stats_memcg_values(memcg, st);
		*hits = atomic_long_read(&memcg->memory_events[MEMCG_MAX]);
	}
	if (css)
		css_put(css);
}

/* The memory values from the files, should the cgroup not be found. */
static void vee_stats_memory_files(const struct path *dir,
				   struct vee_stats *st)
{
	vee_stats_limit(dir, "memory.max", st, VEE_LIM_MEMORY_MAX);
	vee_stats_limit(dir, "memory.high", st, VEE_LIM_MEMORY_HIGH);
	vee_stats_usage(dir, "memory.current", st, VEE_USE_MEMORY_CURRENT);
	vee_stats_usage(dir, "memory.peak", st, VEE_USE_MEMORY_PEAK);
	vee_stats_limit(dir, "memory.swap.max", st, VEE_LIM_SWAP_MAX);
}

/* The values of every other controller, from their files. */
static void vee_stats_files(const struct path *dir, struct vee_stats *st)
{
	u64 weight;

	vee_stats_limit(dir, "pids.max", st, VEE_LIM_PIDS_MAX);
	vee_stats_cpu_max(dir, st);
	if (!vee_stats_u64(dir, "cpu.weight", false, &weight) &&
	    weight <= U32_MAX) {
		st->lim[VEE_LIM_CPU_WEIGHT] = weight;
		st->lim_present |= BIT(VEE_LIM_CPU_WEIGHT);
	}
	vee_stats_list(dir, "cpuset.cpus", st->cpuset_cpus, st,
		       VEE_LIM_CPUSET_CPUS);
	vee_stats_list(dir, "cpuset.mems", st->cpuset_mems, st,
		       VEE_LIM_CPUSET_MEMS);

	vee_stats_cpu_usage(dir, st);
	vee_stats_usage(dir, "pids.current", st, VEE_USE_PIDS_CURRENT);
}

/* pids.events "max"; 0 when it cannot be read. */
static u64 vee_stats_pids_hits(const struct path *dir)
{
	u64 val;

	return vee_cgroup_read_key_at(dir, "pids.events", "max", &val) ? 0 : val;
}

void vee_stats_read_files(const struct path *dir, struct vee_stats *st,
			  u64 *pids_hits)
{
	vee_stats_files(dir, st);
	*pids_hits = vee_stats_pids_hits(dir);
}

void vee_stats_read(struct vee_domain *dom, struct vee_stats *st,
		    struct vee_counters *cnt)
{
	struct vee_statcache_ticket ticket = { .idle = false };
	bool hits = dom->account & VEE_ACCT_OOM;
	u64 mem_hits = 0, pids_hits = 0;
	struct cgroup *cgrp;
	struct path dir;

	lockdep_assert_held(&dom->lock);
	if (st)
		memset(st, 0, sizeof(*st));
	cgrp = cgroup_get_from_id(dom->cgroup_id);
	if (!IS_ERR(cgrp)) {
		vee_stats_memcg(cgrp, st, &mem_hits);
		if (st && vee_statcache_load(dom, cgrp, st, &pids_hits,
					     &ticket))
			goto out;
	}
	if (vee_cgroup_dir(dom->name, &dir))
		goto out;	/* gone: every value is left out */
	if (st) {
		if (IS_ERR(cgrp))
			vee_stats_memory_files(&dir, st);
		vee_stats_files(&dir, st);
	}
	if (hits)
		pids_hits = vee_stats_pids_hits(&dir);
	path_put(&dir);
	if (st && !IS_ERR(cgrp))
		vee_statcache_store(dom, cgrp, st, pids_hits, &ticket);
out:
	if (!IS_ERR(cgrp))
		cgroup_put(cgrp);
	if (hits) {
		cnt->val[VEE_CNT_MEMORY_LIMIT_HITS] = mem_hits;
		cnt->val[VEE_CNT_PIDS_LIMIT_HITS] = pids_hits;
	}
}
