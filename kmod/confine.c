// SPDX-License-Identifier: GPL-2.0
/*
 * Confinement records and uid ranges (see confine.h).  Ranges are slots of
 * VEE_USERNS_RANGE ids from vee_userns_base, numbered by an IDA, which
 * does its own locking.
 */
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/idr.h>
#include <linux/moduleparam.h>
#include <linux/user_namespace.h>
#include <uapi/linux/vee.h>

#include "confine.h"

/*
 * The default pool is systemd's "container" uid range (0x70000000 up to
 * its foreign-uid range at 0x7ffe0000): 4094 domains, none of whose ids a
 * host account or a systemd-nspawn --private-users=pick range uses.
 */
unsigned int vee_userns_base = 0x70000000;
unsigned int vee_userns_ranges = 4094;
module_param_named(userns_base, vee_userns_base, uint, 0444);
MODULE_PARM_DESC(userns_base,
		 "First host uid of the ranges given to --userns auto domains (default 0x70000000)");
module_param_named(userns_ranges, vee_userns_ranges, uint, 0444);
MODULE_PARM_DESC(userns_ranges,
		 "How many 65536-id ranges there are from userns_base (default 4094; 0: --userns auto is refused)");

static DEFINE_IDA(vee_ranges);

int vee_confine_init(void)
{
	u64 end = (u64)vee_userns_base +
		  (u64)vee_userns_ranges * VEE_USERNS_RANGE;

	/* Id 0 would be the host's root; (u32)-1 is no id at all. */
	if (!vee_userns_base) {
		pr_err("userns_base 0 would map domains onto the host's root: refused\n");
		return -EINVAL;
	}
	if (end > U32_MAX) {
		pr_err("userns_base %u with userns_ranges %u goes past the last uid\n",
		       vee_userns_base, vee_userns_ranges);
		return -EINVAL;
	}
	return 0;
}

int vee_confine_check(u32 flags, u64 caps, u64 seccomp_key)
{
	if (flags & ~VEE_CONFINE_ALL)
		return -EINVAL;
	if ((flags & VEE_CONFINE_CAPS) ?
	    (caps >> VEE_CAP_LAST) > 1 : caps != 0)
		return -EINVAL;
	if (!(flags & VEE_CONFINE_SECCOMP) != !seccomp_key)
		return -EINVAL;
	if ((flags & VEE_CONFINE_SECCOMP_CUSTOM) &&
	    !(flags & VEE_CONFINE_SECCOMP))
		return -EINVAL;
	return 0;
}

int vee_confine_take_range(struct vee_confine *c)
{
	int slot;

	if (!vee_userns_ranges)
		return -ENOSPC;
	slot = ida_alloc_max(&vee_ranges, vee_userns_ranges - 1, GFP_KERNEL);
	if (slot < 0)
		return slot;	/* -ENOSPC when every range is taken */
	c->uid_base = vee_userns_base + (u32)slot * VEE_USERNS_RANGE;
	c->uid_count = VEE_USERNS_RANGE;
	return 0;
}

void vee_confine_put_range(struct vee_confine *c)
{
	if (!c->uid_count)
		return;
	ida_free(&vee_ranges, (c->uid_base - vee_userns_base) /
			      VEE_USERNS_RANGE);
	c->uid_count = 0;
}

/* Whether @map is the single extent 0 -> @base of @count ids. */
static bool vee_map_is(const struct uid_gid_map *map, u32 base, u32 count)
{
	/*
	 * A map is written once, nr_extents last after a write barrier
	 * (map_write()); readers pair it with a read barrier, as
	 * map_id_range_down() does.
	 */
	u32 nr = READ_ONCE(map->nr_extents);

	smp_rmb();	/* the extents after nr_extents: map_write()'s smp_wmb() */
	return nr == 1 && map->extent[0].first == 0 &&
	       map->extent[0].lower_first == base &&
	       map->extent[0].count == count;
}

int vee_confine_check_userns(const struct vee_confine *c, const char **why)
{
	const struct user_namespace *ns = current_user_ns();

	if (ns == &init_user_ns || ns->parent != &init_user_ns) {
		*why = "is not in a user namespace child of the host's";
		return -EPERM;
	}
	if (!vee_map_is(&ns->uid_map, c->uid_base, c->uid_count)) {
		*why = "has a uid map other than the domain's range";
		return -EPERM;
	}
	if (!vee_map_is(&ns->gid_map, c->uid_base, c->uid_count)) {
		*why = "has a gid map other than the domain's range";
		return -EPERM;
	}
	return 0;
}

void vee_confine_exit(void)
{
	/* Every domain, and with it every range, is gone by now. */
	ida_destroy(&vee_ranges);
}
