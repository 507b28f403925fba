// SPDX-License-Identifier: GPL-2.0
/*
 * The idle-domain cache of cgroup file values (statcache.h).
 *
 * Each domain's cgroup directory carries an fsnotify mark for FS_MODIFY on
 * its files, the way inotify watches a directory: a write to any of them
 * (a limit, by vee or behind its back) comes through vfs_write() after
 * the write, and a kernfs notification (cgroup.events when the cgroup
 * gains or loses its last task, pids.events on a refused fork) through
 * kernfs's notify work.  Every such event bumps the cache's generation, so
 * a value read before it is never served after it.
 *
 * Limits only change by writes; usage (CPU time, tasks, refused forks)
 * only while tasks are in the cgroup, so usage is cached only for a
 * domain no task has been in: vee taints the cache when it hands out the
 * cgroup (ENTER, a cgroup fd), the events above taint it when a task came
 * in some other way, and a populated cgroup is never served from it.
 * Kernfs notifies a file only while its inode is cached: a task started
 * by clone3() from a descriptor of the directory opened earlier, ending
 * before the next read while memory pressure evicted cgroup.events'
 * inode, would leave its CPU time out of the cached usage until the
 * domain's next event.
 *
 * One more mark on cgroup_root itself catches its cgroup.subtree_control
 * being written: a controller taken away removes its files from every
 * domain without an event in the domains' directories.
 */
#include <linux/bitops.h>
#include <linux/cgroup.h>
#include <linux/dcache.h>
#include <linux/fsnotify_backend.h>
#include <linux/mutex.h>
#include <linux/path.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "cgroup.h"
#include "domain.h"
#include "stats.h"
#include "statcache.h"

#if !IS_ENABLED(CONFIG_FSNOTIFY)
#error "vee needs a kernel with CONFIG_FSNOTIFY (selected by CONFIG_INOTIFY_USER)"
#endif

/* The values of statcache.c's files: every limit and usage but memory's. */
#define VEE_CACHED_LIM	(BIT(VEE_LIM_PIDS_MAX) | BIT(VEE_LIM_CPU_MAX_US) | \
			 BIT(VEE_LIM_CPU_PERIOD_US) | BIT(VEE_LIM_CPU_WEIGHT) | \
			 BIT(VEE_LIM_CPUSET_CPUS) | BIT(VEE_LIM_CPUSET_MEMS))
#define VEE_CACHED_USE	(BIT(VEE_USE_CPU_USAGE_US) | BIT(VEE_USE_PIDS_CURRENT))

/* The limits whose files a domain's cache cannot take from a fresh cgroup. */
#define VEE_FRESH_LIMITS	(VEE_LIMIT_PIDS_MAX | VEE_LIMIT_CPU_MAX | \
				 VEE_LIMIT_CPU_WEIGHT | VEE_LIMIT_CPUSET_CPUS | \
				 VEE_LIMIT_CPUSET_MEMS)

/* A cpuset list longer than this is not cached (read each time). */
#define VEE_CACHED_LIST	16

enum {
	VEE_CACHE_TAINTED,	/* a task may have been in: never used again */
};

/* The cached values of struct vee_stats, and pids.events "max". */
struct vee_cached_vals {
	u32 lim_present, use_present;
	u64 pids_max, cpu_max, cpu_period, cpu_usage, pids_current;
	u64 pids_hits;
	u32 cpu_weight;
	char cpus[VEE_CACHED_LIST], mems[VEE_CACHED_LIST];
};

struct vee_stats_cache {
	struct fsnotify_mark mark;	/* on the cgroup directory */
	atomic_t gen;			/* bumped by each event in it */
	unsigned long flags;		/* VEE_CACHE_*, atomic bitops */
	/* The rest under the domain's lock. */
	bool valid;
	unsigned int filled_gen, filled_root_gen;
	struct vee_cached_vals v;
};

static struct fsnotify_group *vee_statcache_group;
/* cgroup_root's mark: only its generation is used. */
static struct vee_stats_cache *vee_statcache_root;

/*
 * What the files of a cgroup just made say, measured on a scratch cgroup
 * (VEE_FRESH_NAME, not a valid domain name) the first time a domain is
 * made without a limit of theirs, and again after cgroup_root's
 * controllers changed.  Under vee_fresh_lock.
 */
#define VEE_FRESH_NAME	".vee-fresh"
static DEFINE_MUTEX(vee_fresh_lock);
static bool vee_fresh_valid;
static unsigned int vee_fresh_root_gen;
static struct vee_cached_vals vee_fresh;

static bool vee_qstr_is(const struct qstr *name, const char *s)
{
	size_t len = strlen(s);

	return name->len == len && !memcmp(name->name, s, len);
}

/* Files whose change tells that a task was (or tried to be) in the cgroup. */
static bool vee_statcache_taints(const struct qstr *name)
{
	return vee_qstr_is(name, "cgroup.procs") ||
	       vee_qstr_is(name, "cgroup.threads") ||
	       vee_qstr_is(name, "cgroup.events") ||
	       vee_qstr_is(name, "pids.events");
}

/* Runs in the writer's context or kernfs's notify work: atomics only. */
static int vee_statcache_event(struct fsnotify_mark *mark, u32 mask,
			       struct inode *inode, struct inode *dir,
			       const struct qstr *name, u32 cookie)
{
	struct vee_stats_cache *c = container_of(mark, struct vee_stats_cache,
						 mark);

	/* Of cgroup_root's files only this one changes the domains' files. */
	if (c == vee_statcache_root &&
	    (!name || !vee_qstr_is(name, "cgroup.subtree_control")))
		return 0;
	if (name && vee_statcache_taints(name))
		set_bit(VEE_CACHE_TAINTED, &c->flags);
	smp_mb__before_atomic();	/* the change is seen before the bump */
	atomic_inc(&c->gen);
	return 0;
}

/* The mark is going (unwatched, or its inode's marks torn down). */
static void vee_statcache_freeing(struct fsnotify_mark *mark,
				  struct fsnotify_group *group)
{
	struct vee_stats_cache *c = container_of(mark, struct vee_stats_cache,
						 mark);

	set_bit(VEE_CACHE_TAINTED, &c->flags);
}

static void vee_statcache_free(struct fsnotify_mark *mark)
{
	kfree(container_of(mark, struct vee_stats_cache, mark));
}

static const struct fsnotify_ops vee_statcache_ops = {
	.handle_inode_event = vee_statcache_event,
	.freeing_mark = vee_statcache_freeing,
	.free_mark = vee_statcache_free,
};

static struct vee_stats_cache *vee_statcache_add(struct inode *dir)
{
	struct vee_stats_cache *c;
	int err;

	c = kzalloc(sizeof(*c), GFP_KERNEL_ACCOUNT);
	if (!c)
		return ERR_PTR(-ENOMEM);
	fsnotify_init_mark(&c->mark, vee_statcache_group);
	c->mark.mask = FS_MODIFY | FS_EVENT_ON_CHILD;
	err = fsnotify_add_inode_mark(&c->mark, dir, 0);
	if (err) {
		fsnotify_put_mark(&c->mark);	/* frees it: never attached */
		return ERR_PTR(err);
	}
	return c;
}

static void vee_statcache_remove(struct vee_stats_cache *c)
{
	fsnotify_destroy_mark(&c->mark, vee_statcache_group);
	fsnotify_put_mark(&c->mark);
}

/* In the domain, not the cache: no lock is needed to reach it. */
void vee_statcache_taint(struct vee_domain *dom)
{
	set_bit(VEE_DOM_HANDED_OUT, &dom->flags);
	smp_mb__after_atomic();	/* before the cgroup can be entered */
}

static bool vee_statcache_idle(const struct vee_domain *dom,
			       const struct vee_stats_cache *c,
			       struct cgroup *cgrp)
{
	return !test_bit(VEE_DOM_HANDED_OUT, &dom->flags) &&
	       !test_bit(VEE_CACHE_TAINTED, &c->flags) &&
	       !cgroup_is_populated(cgrp);
}

static void vee_vals_get(const struct vee_cached_vals *v,
			 struct vee_stats *st, u64 *pids_hits)
{
	st->lim_present |= v->lim_present;
	st->lim[VEE_LIM_PIDS_MAX] = v->pids_max;
	st->lim[VEE_LIM_CPU_MAX_US] = v->cpu_max;
	st->lim[VEE_LIM_CPU_PERIOD_US] = v->cpu_period;
	st->lim[VEE_LIM_CPU_WEIGHT] = v->cpu_weight;
	strscpy(st->cpuset_cpus, v->cpus, sizeof(st->cpuset_cpus));
	strscpy(st->cpuset_mems, v->mems, sizeof(st->cpuset_mems));
	st->use_present |= v->use_present;
	st->use[VEE_USE_CPU_USAGE_US] = v->cpu_usage;
	st->use[VEE_USE_PIDS_CURRENT] = v->pids_current;
	*pids_hits = v->pids_hits;
}

/* False if a cpuset list is too long to keep. */
static bool vee_vals_set(struct vee_cached_vals *v, const struct vee_stats *st,
			 u64 pids_hits)
{
	if (strscpy(v->cpus, st->cpuset_cpus, sizeof(v->cpus)) < 0 ||
	    strscpy(v->mems, st->cpuset_mems, sizeof(v->mems)) < 0)
		return false;
	v->lim_present = st->lim_present & VEE_CACHED_LIM;
	v->pids_max = st->lim[VEE_LIM_PIDS_MAX];
	v->cpu_max = st->lim[VEE_LIM_CPU_MAX_US];
	v->cpu_period = st->lim[VEE_LIM_CPU_PERIOD_US];
	v->cpu_weight = st->lim[VEE_LIM_CPU_WEIGHT];
	v->use_present = st->use_present & VEE_CACHED_USE;
	v->cpu_usage = st->use[VEE_USE_CPU_USAGE_US];
	v->pids_current = st->use[VEE_USE_PIDS_CURRENT];
	v->pids_hits = pids_hits;
	return true;
}

bool vee_statcache_load(struct vee_domain *dom, struct cgroup *cgrp,
			struct vee_stats *st, u64 *pids_hits,
			struct vee_statcache_ticket *t)
{
	struct vee_stats_cache *c = dom->statcache;

	lockdep_assert_held(&dom->lock);
	t->idle = false;
	if (!c)
		return false;
	t->gen = atomic_read_acquire(&c->gen);
	t->root_gen = atomic_read_acquire(&vee_statcache_root->gen);
	t->idle = vee_statcache_idle(dom, c, cgrp);
	if (!t->idle || !c->valid || c->filled_gen != t->gen ||
	    c->filled_root_gen != t->root_gen)
		return false;
	vee_vals_get(&c->v, st, pids_hits);
	return true;
}

void vee_statcache_store(struct vee_domain *dom, struct cgroup *cgrp,
			 const struct vee_stats *st, u64 pids_hits,
			 const struct vee_statcache_ticket *t)
{
	struct vee_stats_cache *c = dom->statcache;

	lockdep_assert_held(&dom->lock);
	if (!c || !t->idle)
		return;
	c->valid = false;
	/* The files were read before the generations are looked at again. */
	smp_rmb();
	if (atomic_read(&c->gen) != t->gen ||
	    atomic_read(&vee_statcache_root->gen) != t->root_gen ||
	    !vee_statcache_idle(dom, c, cgrp))
		return;
	if (!vee_vals_set(&c->v, st, pids_hits))
		return;
	c->filled_gen = t->gen;
	c->filled_root_gen = t->root_gen;
	c->valid = true;
}

/* Reads a scratch cgroup's files into vee_fresh; under vee_fresh_lock. */
static void vee_fresh_measure(void)
{
	unsigned int root_gen;
	struct vee_stats *st;
	struct path dir;
	u64 id, hits;
	int err;

	vee_fresh_valid = false;
	st = kzalloc(sizeof(*st), GFP_KERNEL);
	if (!st)
		return;
	root_gen = atomic_read_acquire(&vee_statcache_root->gen);
	err = vee_cgroup_create(VEE_FRESH_NAME, &id);
	if (err == -EEXIST)
		goto free;	/* not ours: domains read their files */
	if (!err && !vee_cgroup_dir(VEE_FRESH_NAME, &dir)) {
		vee_stats_read_files(&dir, st, &hits);
		path_put(&dir);
		smp_rmb();	/* as in vee_statcache_store() */
		if (atomic_read(&vee_statcache_root->gen) == root_gen &&
		    vee_vals_set(&vee_fresh, st, hits)) {
			vee_fresh_root_gen = root_gen;
			vee_fresh_valid = true;
		}
	}
	/* Even after a failed mkdir, which may have made it (failslab). */
	if (vee_cgroup_destroy(VEE_FRESH_NAME))
		pr_err("%s: cannot remove scratch cgroup\n", VEE_FRESH_NAME);
free:
	kfree(st);
}

/*
 * A domain made without a pids, cpu or cpuset limit holds a fresh cgroup's
 * values in those files, and nothing has been in it yet: its cache starts
 * filled, and its first list reads no file.  The generation taken is the
 * mark's first, so any write after the mark was added is seen; one made
 * between the mkdir and the mark, by root racing the create, would not be.
 */
static void vee_statcache_fill_fresh(struct vee_stats_cache *c)
{
	unsigned int root_gen;

	mutex_lock(&vee_fresh_lock);
	root_gen = atomic_read_acquire(&vee_statcache_root->gen);
	if (!vee_fresh_valid || vee_fresh_root_gen != root_gen)
		vee_fresh_measure();
	if (vee_fresh_valid && vee_fresh_root_gen == root_gen) {
		c->v = vee_fresh;
		c->filled_gen = 0;
		c->filled_root_gen = root_gen;
		c->valid = true;
	}
	mutex_unlock(&vee_fresh_lock);
}

int vee_statcache_watch(struct vee_domain *dom, u32 limits)
{
	struct vee_stats_cache *c;
	struct path dir;
	int err;

	err = vee_cgroup_dir(dom->name, &dir);
	if (err)
		return err;
	c = vee_statcache_add(d_inode(dir.dentry));
	path_put(&dir);
	if (IS_ERR(c))
		return PTR_ERR(c);
	if (!(limits & VEE_FRESH_LIMITS))
		vee_statcache_fill_fresh(c);
	dom->statcache = c;
	return 0;
}

void vee_statcache_unwatch(struct vee_domain *dom)
{
	struct vee_stats_cache *c = dom->statcache;

	if (!c)
		return;
	dom->statcache = NULL;
	vee_statcache_remove(c);
}

int vee_statcache_init(void)
{
	struct vee_stats_cache *root;

	vee_statcache_group = fsnotify_alloc_group(&vee_statcache_ops, 0);
	if (IS_ERR(vee_statcache_group))
		return PTR_ERR(vee_statcache_group);
	root = vee_statcache_add(d_inode(vee_cgroup_root_path()->dentry));
	if (IS_ERR(root)) {
		fsnotify_put_group(vee_statcache_group);
		return PTR_ERR(root);
	}
	vee_statcache_root = root;
	return 0;
}

/* After every domain is gone: no mark of ours is left but the root's. */
void vee_statcache_exit(void)
{
	vee_statcache_remove(vee_statcache_root);
	fsnotify_put_group(vee_statcache_group);
	/* The marks' final frees run vee_statcache_free(): wait for them. */
	fsnotify_wait_marks_destroyed();
}
