/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A domain's confinement record and its uid range.  The tool confines the
 * tasks (capabilities, seccomp, mounts: nothing exported lets a module do
 * that to a task); the module keeps what was chosen, so that every client
 * joining the domain applies the same, and owns the uid ranges, so that no
 * two live domains ever share one whatever the clients do or however they
 * die.
 */
#ifndef _VEE_CONFINE_H
#define _VEE_CONFINE_H

#include <linux/types.h>

/* Set once at create, before the domain is published; read-only after. */
struct vee_confine {
	u32 flags;		/* VEE_CONFINE_* */
	u32 uid_count;		/* 0, or VEE_USERNS_RANGE */
	u64 caps;		/* with VEE_CONFINE_CAPS */
	u64 seccomp_key;	/* with VEE_CONFINE_SECCOMP */
	u32 uid_base;		/* with @uid_count */
};

/* Module parameters: where the uid ranges start and how many there are. */
extern unsigned int vee_userns_base;
extern unsigned int vee_userns_ranges;

int vee_confine_init(void);
void vee_confine_exit(void);

/* -EINVAL unless @flags, @caps and @seccomp_key make a valid record. */
int vee_confine_check(u32 flags, u64 caps, u64 seccomp_key);

/* Takes a free uid range into @c (-ENOSPC when none is left). */
int vee_confine_take_range(struct vee_confine *c);

/* Gives @c's range back, if it has one. */
void vee_confine_put_range(struct vee_confine *c);

/*
 * 0 if the calling task's user namespace is a child of the initial one
 * whose uid and gid maps are exactly @c's range; -EPERM otherwise, with
 * *@why saying what differs.
 */
int vee_confine_check_userns(const struct vee_confine *c, const char **why);

#endif /* _VEE_CONFINE_H */
