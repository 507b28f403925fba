// SPDX-License-Identifier: GPL-2.0
/*
 * Limits are checked here before any cgroup file is touched, so that a bad
 * value is refused with the name of the limit and nothing half-applied.
 * What the kernel itself refuses (a CPU outside the parent's cpuset, an
 * unknown block device) is reported the same way, after rollback.
 */
#include <linux/bitmap.h>
#include <linux/cpumask.h>
#include <linux/nodemask.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/threads.h>
#include <linux/uaccess.h>

#include "cgroup.h"
#include "limits.h"

static const struct {
	const char *file;
	enum vee_ctrl ctrl;
} vee_limit_files[VEE_NR_LIMITS] = {
	{ "memory.max", VEE_CTRL_MEMORY },
	{ "memory.high", VEE_CTRL_MEMORY },
	{ "memory.swap.max", VEE_CTRL_MEMORY },
	{ "pids.max", VEE_CTRL_PIDS },
	{ "cpu.max", VEE_CTRL_CPU },
	{ "cpu.weight", VEE_CTRL_CPU },
	{ "cpuset.cpus", VEE_CTRL_CPUSET },
	{ "cpuset.mems", VEE_CTRL_CPUSET },
	{ "io.max", VEE_CTRL_IO },
};

#define VEE_CPU_PERIOD_DEFAULT	100000
#define VEE_CPU_PERIOD_MIN	1000
#define VEE_CPU_PERIOD_MAX	1000000
#define VEE_CPU_QUOTA_MIN	1000
#define VEE_CPU_WEIGHT_MAX	10000

static char *vee_fmt_max(u64 v)
{
	return v == VEE_LIMIT_MAX ? kstrdup("max", GFP_KERNEL) :
				    kasprintf(GFP_KERNEL, "%llu", v);
}

/*
 * A cpuset bitmap from userspace as a list ("0-3,8") of ids below @limit;
 * ERR_PTR(-EINVAL) if it is empty or names an id that does not exist.
 */
static char *vee_fmt_bitmap(u64 uptr, u32 size, unsigned int limit)
{
	unsigned int nbits = size * 8;
	unsigned long *bits;
	u64 *words;
	char *s;

	if (!uptr || !size || size % 8 || size > VEE_CPUSET_BITMAP_MAX)
		return ERR_PTR(-EINVAL);
	words = memdup_user(u64_to_user_ptr(uptr), size);
	if (IS_ERR(words))
		return ERR_CAST(words);
	bits = bitmap_zalloc(nbits, GFP_KERNEL);
	if (!bits) {
		s = ERR_PTR(-ENOMEM);
		goto out;
	}
	bitmap_from_arr64(bits, words, nbits);
	if (find_next_bit(bits, nbits, min(limit, nbits)) < nbits ||
	    bitmap_empty(bits, nbits)) {
		s = ERR_PTR(-EINVAL);
		goto out;
	}
	s = kasprintf(GFP_KERNEL, "%*pbl", min(limit, nbits), bits);
	if (!s)
		s = ERR_PTR(-ENOMEM);
out:
	bitmap_free(bits);
	kfree(words);
	return s;
}

static char *vee_fmt_io(const struct vee_limits *l)
{
	char *r = vee_fmt_max(l->io_rbps), *w = vee_fmt_max(l->io_wbps);
	char *ri = vee_fmt_max(l->io_riops), *wi = vee_fmt_max(l->io_wiops);
	char *s = NULL;

	if (r && w && ri && wi)
		s = kasprintf(GFP_KERNEL, "%u:%u rbps=%s wbps=%s riops=%s wiops=%s",
			      l->io_major, l->io_minor, r, w, ri, wi);
	kfree(r);
	kfree(w);
	kfree(ri);
	kfree(wi);
	return s;
}

/* Whether every field of @l that @mask leaves unset is zero. */
static u32 vee_limits_stray(const struct vee_limits *l)
{
	u32 m = l->mask;

	if (!(m & VEE_LIMIT_MEMORY_MAX) && l->memory_max)
		return VEE_LIMIT_MEMORY_MAX;
	if (!(m & VEE_LIMIT_MEMORY_HIGH) && l->memory_high)
		return VEE_LIMIT_MEMORY_HIGH;
	if (!(m & VEE_LIMIT_SWAP_MAX) && l->swap_max)
		return VEE_LIMIT_SWAP_MAX;
	if (!(m & VEE_LIMIT_PIDS_MAX) && l->pids_max)
		return VEE_LIMIT_PIDS_MAX;
	if (!(m & VEE_LIMIT_CPU_MAX) && (l->cpu_quota_us || l->cpu_period_us))
		return VEE_LIMIT_CPU_MAX;
	if (!(m & VEE_LIMIT_CPU_WEIGHT) && l->cpu_weight)
		return VEE_LIMIT_CPU_WEIGHT;
	if (!(m & VEE_LIMIT_CPUSET_CPUS) &&
	    (l->cpuset_cpus || l->cpuset_cpus_size))
		return VEE_LIMIT_CPUSET_CPUS;
	if (!(m & VEE_LIMIT_CPUSET_MEMS) &&
	    (l->cpuset_mems || l->cpuset_mems_size))
		return VEE_LIMIT_CPUSET_MEMS;
	if (!(m & VEE_LIMIT_IO_MAX) &&
	    (l->io_major || l->io_minor || l->io_rbps || l->io_wbps ||
	     l->io_riops || l->io_wiops))
		return VEE_LIMIT_IO_MAX;
	return 0;
}

/* The text for limit bit number @i of @l, or an ERR_PTR. */
static char *vee_limit_text(const struct vee_limits *l, int i)
{
	u64 period;

	switch (BIT(i)) {
	/* The kernel rounds down to pages: less than one would mean 0. */
	case VEE_LIMIT_MEMORY_MAX:
		return l->memory_max >= PAGE_SIZE ? vee_fmt_max(l->memory_max) :
						    ERR_PTR(-EINVAL);
	case VEE_LIMIT_MEMORY_HIGH:
		return l->memory_high >= PAGE_SIZE ? vee_fmt_max(l->memory_high) :
						     ERR_PTR(-EINVAL);
	case VEE_LIMIT_SWAP_MAX:
		return vee_fmt_max(l->swap_max);
	case VEE_LIMIT_PIDS_MAX:
		if (!l->pids_max ||
		    (l->pids_max > PID_MAX_LIMIT && l->pids_max != VEE_LIMIT_MAX))
			return ERR_PTR(-EINVAL);
		return vee_fmt_max(l->pids_max);
	case VEE_LIMIT_CPU_MAX:
		period = l->cpu_period_us ?: VEE_CPU_PERIOD_DEFAULT;
		if (period < VEE_CPU_PERIOD_MIN || period > VEE_CPU_PERIOD_MAX ||
		    l->cpu_quota_us < VEE_CPU_QUOTA_MIN)
			return ERR_PTR(-EINVAL);
		if (l->cpu_quota_us == VEE_LIMIT_MAX)
			return kasprintf(GFP_KERNEL, "max %llu", period);
		return kasprintf(GFP_KERNEL, "%llu %llu", l->cpu_quota_us, period);
	case VEE_LIMIT_CPU_WEIGHT:
		if (!l->cpu_weight || l->cpu_weight > VEE_CPU_WEIGHT_MAX)
			return ERR_PTR(-EINVAL);
		return kasprintf(GFP_KERNEL, "%u", l->cpu_weight);
	case VEE_LIMIT_CPUSET_CPUS:
		return vee_fmt_bitmap(l->cpuset_cpus, l->cpuset_cpus_size,
				      nr_cpu_ids);
	case VEE_LIMIT_CPUSET_MEMS:
		return vee_fmt_bitmap(l->cpuset_mems, l->cpuset_mems_size,
				      nr_node_ids);
	case VEE_LIMIT_IO_MAX:
		return vee_fmt_io(l);
	}
	return ERR_PTR(-EINVAL);
}

int vee_limits_prepare(const struct vee_limits *l, struct vee_limit_vals *v,
		       u32 *bad)
{
	char *s;
	int i;

	memset(v, 0, sizeof(*v));
	*bad = 0;
	if (l->mask & ~VEE_LIMIT_ALL)
		return -EINVAL;
	*bad = vee_limits_stray(l);
	if (*bad)
		return -EINVAL;

	for (i = 0; i < VEE_NR_LIMITS; i++) {
		if (!(l->mask & BIT(i)))
			continue;
		if (!vee_cgroup_has_ctrl(vee_limit_files[i].ctrl)) {
			*bad = BIT(i);
			vee_limits_release(v);
			return -EOPNOTSUPP;
		}
		s = vee_limit_text(l, i);
		if (IS_ERR_OR_NULL(s)) {
			*bad = BIT(i);
			vee_limits_release(v);
			return s ? PTR_ERR(s) : -ENOMEM;
		}
		v->val[i] = s;
	}
	v->mask = l->mask;
	v->io_major = l->io_major;
	v->io_minor = l->io_minor;
	return 0;
}

void vee_limits_release(struct vee_limit_vals *v)
{
	int i;

	for (i = 0; i < VEE_NR_LIMITS; i++) {
		kfree(v->val[i]);
		v->val[i] = NULL;
	}
	v->mask = 0;
}

/*
 * What to write to put limit @i back as it is now.  io.max lists every
 * device; only our device's line matters, and no line means no limit.
 */
static char *vee_limit_current(const char *name, int i,
			       const struct vee_limit_vals *v)
{
	char *buf, *line, *cur, prefix[24];
	ssize_t n;

	buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!buf)
		return ERR_PTR(-ENOMEM);
	n = vee_cgroup_read(name, vee_limit_files[i].file, buf, PAGE_SIZE);
	if (n < 0) {
		kfree(buf);
		return ERR_PTR(n);
	}
	if (BIT(i) != VEE_LIMIT_IO_MAX) {
		line = strim(buf);
		memmove(buf, line, strlen(line) + 1);
		return buf;
	}

	snprintf(prefix, sizeof(prefix), "%u:%u ", v->io_major, v->io_minor);
	cur = buf;
	while ((line = strsep(&cur, "\n"))) {
		if (str_has_prefix(line, prefix)) {
			memmove(buf, line, strlen(line) + 1);
			return buf;
		}
	}
	kfree(buf);
	return kasprintf(GFP_KERNEL, "%u:%u rbps=max wbps=max riops=max wiops=max",
			 v->io_major, v->io_minor);
}

int vee_limits_apply(const char *name, const struct vee_limit_vals *v,
		     bool rollback, u32 *bad)
{
	char *old[VEE_NR_LIMITS] = {};
	int i, j, err = 0;

	for (i = 0; i < VEE_NR_LIMITS; i++) {
		if (!(v->mask & BIT(i)))
			continue;
		if (rollback) {
			old[i] = vee_limit_current(name, i, v);
			if (IS_ERR(old[i])) {
				err = PTR_ERR(old[i]);
				old[i] = NULL;
				goto fail;
			}
		}
		err = vee_cgroup_write(name, vee_limit_files[i].file, v->val[i]);
		if (err)
			goto fail;
	}
	goto out;

fail:
	/* A file the kernel does not have (no swap accounting, say). */
	if (err == -ENOENT)
		err = -EOPNOTSUPP;
	*bad = BIT(i);
	for (j = i - 1; rollback && j >= 0; j--) {
		if (old[j] && vee_cgroup_write(name, vee_limit_files[j].file, old[j]))
			pr_warn("%s: could not restore %s to '%s'\n", name,
				vee_limit_files[j].file, old[j]);
	}
out:
	for (i = 0; i < VEE_NR_LIMITS; i++)
		kfree(old[i]);
	return err;
}
