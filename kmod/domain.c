// SPDX-License-Identifier: GPL-2.0
/*
 * The domain registry.  Lock and reference rules are in domain.h.
 */
#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/xarray.h>

#include "domain.h"

/* A hard ceiling for max_domains, so that a typo cannot promise the moon. */
#define VEE_MAX_DOMAINS_CEILING	(1024U * 1024U)

static int max_domains_set(const char *val, const struct kernel_param *kp)
{
	return param_set_uint_minmax(val, kp, 1, VEE_MAX_DOMAINS_CEILING);
}

static const struct kernel_param_ops max_domains_ops = {
	.set = max_domains_set,
	.get = param_get_uint,
};

unsigned int vee_max_domains = 65536;
module_param_cb(max_domains, &max_domains_ops, &vee_max_domains, 0644);
MODULE_PARM_DESC(max_domains,
		 "Most domains that may exist at once (1-1048576, default 65536)");

static DEFINE_MUTEX(vee_registry_lock);
static DEFINE_XARRAY(vee_by_id);
static struct rhashtable vee_by_name;
static u32 vee_last_id;			/* under vee_registry_lock */
static unsigned int vee_nr_domains;	/* written under vee_registry_lock */

static const struct rhashtable_params vee_name_params = {
	.key_len = VEE_NAME_MAX,
	.key_offset = offsetof(struct vee_domain, name),
	.head_offset = offsetof(struct vee_domain, name_node),
	.automatic_shrinking = true,
};

int vee_registry_init(void)
{
	return rhashtable_init(&vee_by_name, &vee_name_params);
}

/* Called at module exit, when no ioctl can run any more. */
void vee_registry_exit(void)
{
	struct vee_domain *dom;
	unsigned long id;

	xa_for_each(&vee_by_id, id, dom)
		vee_domain_destroy(dom);
	rhashtable_destroy(&vee_by_name);
	xa_destroy(&vee_by_id);
}

static bool vee_name_char_ok(char c)
{
	return isalnum(c) || c == '_' || c == '.' || c == '-';
}

/*
 * A name is a directory name under the module's cgroup subtree, so it
 * admits no '/', no "." or "..", and no byte a shell would mangle.  The
 * buffer must be zero after the terminator: the whole buffer is the key.
 */
int vee_name_validate(const char name[VEE_NAME_MAX])
{
	size_t len = strnlen(name, VEE_NAME_MAX);
	size_t i;

	if (len == 0 || len == VEE_NAME_MAX)
		return -EINVAL;
	if (memchr_inv(name + len, 0, VEE_NAME_MAX - len))
		return -EINVAL;
	for (i = 0; i < len; i++)
		if (!vee_name_char_ok(name[i]))
			return -EINVAL;
	if (!strcmp(name, ".") || !strcmp(name, ".."))
		return -EINVAL;
	return 0;
}

/*
 * Returns the new domain with a reference for the caller (besides the
 * registry's own), or an ERR_PTR.
 */
struct vee_domain *vee_domain_create(const char name[VEE_NAME_MAX])
{
	struct vee_domain *dom;
	int err;

	err = vee_name_validate(name);
	if (err)
		return ERR_PTR(err);

	dom = kzalloc(sizeof(*dom), GFP_KERNEL_ACCOUNT);
	if (!dom)
		return ERR_PTR(-ENOMEM);
	memcpy(dom->name, name, VEE_NAME_MAX);
	dom->state = VEE_STATE_CREATED;
	dom->created_ns = ktime_get_boottime_ns();
	refcount_set(&dom->ref, 2);

	mutex_lock(&vee_registry_lock);
	if (vee_nr_domains >= READ_ONCE(vee_max_domains) ||
	    vee_last_id == U32_MAX) {
		err = -ENOSPC;
		goto err_unlock;
	}
	dom->id = vee_last_id + 1;

	/*
	 * Reserve the id slot first so that, once the name is published (the
	 * only step that can fail on a clash), publishing the id cannot fail:
	 * no reader can ever see a domain that is then taken back.
	 */
	err = xa_reserve(&vee_by_id, dom->id, GFP_KERNEL_ACCOUNT);
	if (err)
		goto err_unlock;

	err = rhashtable_lookup_insert_fast(&vee_by_name, &dom->name_node,
					    vee_name_params);
	if (err)
		goto err_release;	/* -EEXIST for a taken name */

	xa_store(&vee_by_id, dom->id, dom, GFP_KERNEL_ACCOUNT);
	vee_last_id = dom->id;
	WRITE_ONCE(vee_nr_domains, vee_nr_domains + 1);
	mutex_unlock(&vee_registry_lock);
	return dom;

err_release:
	xa_release(&vee_by_id, dom->id);
err_unlock:
	mutex_unlock(&vee_registry_lock);
	kfree(dom);	/* never published */
	return ERR_PTR(err);
}

/*
 * Removes @dom from the registry and drops the registry's reference.  The
 * caller's own reference stays valid.  -ENOENT if someone else got there
 * first.
 */
int vee_domain_destroy(struct vee_domain *dom)
{
	mutex_lock(&vee_registry_lock);
	if (dom->state == VEE_STATE_DYING) {
		mutex_unlock(&vee_registry_lock);
		return -ENOENT;
	}
	WRITE_ONCE(dom->state, VEE_STATE_DYING);
	xa_erase(&vee_by_id, dom->id);
	rhashtable_remove_fast(&vee_by_name, &dom->name_node, vee_name_params);
	WRITE_ONCE(vee_nr_domains, vee_nr_domains - 1);
	mutex_unlock(&vee_registry_lock);

	vee_domain_put(dom);
	return 0;
}

static struct vee_domain *vee_domain_tryget(struct vee_domain *dom)
{
	if (dom && refcount_inc_not_zero(&dom->ref))
		return dom;
	return NULL;
}

struct vee_domain *vee_domain_get_by_id(u32 id)
{
	struct vee_domain *dom;

	rcu_read_lock();
	dom = vee_domain_tryget(xa_load(&vee_by_id, id));
	rcu_read_unlock();
	return dom;
}

/* @name must be a full VEE_NAME_MAX buffer, zero-padded. */
struct vee_domain *vee_domain_get_by_name(const char name[VEE_NAME_MAX])
{
	struct vee_domain *dom;

	rcu_read_lock();
	dom = vee_domain_tryget(rhashtable_lookup(&vee_by_name, name,
						  vee_name_params));
	rcu_read_unlock();
	return dom;
}

void vee_domain_put(struct vee_domain *dom)
{
	if (refcount_dec_and_test(&dom->ref))
		kfree_rcu(dom, rcu);
}

unsigned int vee_domain_count(void)
{
	return READ_ONCE(vee_nr_domains);
}

/*
 * Fills @ids with up to @max ids greater than @after, in increasing order;
 * returns how many.  Lock-free: a domain created or destroyed meanwhile may
 * or may not be listed.
 */
unsigned int vee_domain_ids(u32 after, u32 *ids, unsigned int max)
{
	struct vee_domain *dom;
	unsigned long id;
	unsigned int n = 0;

	if (after == U32_MAX || !max)
		return 0;
	xa_for_each_start(&vee_by_id, id, dom, (unsigned long)after + 1) {
		ids[n++] = id;
		if (n == max)
			break;
	}
	return n;
}
