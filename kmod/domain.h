/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The domain registry: every domain, findable by id and by name.
 *
 * Locking:
 *  - vee_registry_lock (a mutex, in domain.c) serialises every change to
 *    the registry: inserting and removing a domain in both indexes, the id
 *    counter, the domain count, and every change of a domain's @state.
 *    Sleeping is allowed under it; nothing that runs in atomic context
 *    takes it.
 *  - Readers find a domain without the mutex, under rcu_read_lock(), in
 *    the id xarray or the name rhashtable, and keep it past the RCU section
 *    only by taking a reference with refcount_inc_not_zero().
 *
 * Reference counting of struct vee_domain (@ref):
 *  - The registry holds one reference from creation until the domain is
 *    removed from both indexes by vee_domain_destroy().
 *  - Every vee_domain_get_*() that returns a domain holds one more, dropped
 *    with vee_domain_put().
 *  - The last put frees the domain after an RCU grace period, so an RCU
 *    reader that found it in an index may still read it.
 *
 * @id and @name never change after creation.  @state is written under
 * vee_registry_lock and read with READ_ONCE() anywhere.
 */
#ifndef _VEE_DOMAIN_H
#define _VEE_DOMAIN_H

#include <linux/rhashtable-types.h>
#include <linux/refcount.h>
#include <linux/rcupdate.h>
#include <linux/types.h>
#include <uapi/linux/vee.h>

struct vee_domain {
	u32 id;
	char name[VEE_NAME_MAX];	/* zero-padded: the name index's key */
	enum vee_state state;
	u64 created_ns;			/* CLOCK_BOOTTIME */
	struct rhash_head name_node;
	refcount_t ref;
	struct rcu_head rcu;
};

/* Module parameter: the most domains that may exist at once. */
extern unsigned int vee_max_domains;

int vee_registry_init(void);
void vee_registry_exit(void);

int vee_name_validate(const char name[VEE_NAME_MAX]);

struct vee_domain *vee_domain_create(const char name[VEE_NAME_MAX]);
int vee_domain_destroy(struct vee_domain *dom);

struct vee_domain *vee_domain_get_by_id(u32 id);
struct vee_domain *vee_domain_get_by_name(const char name[VEE_NAME_MAX]);
void vee_domain_put(struct vee_domain *dom);

unsigned int vee_domain_count(void);
unsigned int vee_domain_ids(u32 after, u32 *ids, unsigned int max);

#endif /* _VEE_DOMAIN_H */
