/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Limits: a struct vee_limits from userspace, checked and turned into the
 * text of each cgroup file, then written with rollback.
 */
#ifndef _VEE_LIMITS_H
#define _VEE_LIMITS_H

#include <linux/types.h>
#include <uapi/linux/vee.h>

#define VEE_NR_LIMITS	9	/* the bits of VEE_LIMIT_ALL */

struct vee_limit_vals {
	u32 mask;			/* VEE_LIMIT_* to write */
	char *val[VEE_NR_LIMITS];	/* what to write, by bit number */
	u32 io_major, io_minor;		/* the io.max device */
};

/*
 * Checks @l (copying its bitmaps in from userspace) and fills @v.  On
 * failure *@bad is the offending VEE_LIMIT_* bit (0 when none is to blame).
 */
int vee_limits_prepare(const struct vee_limits *l, struct vee_limit_vals *v,
		       u32 *bad);
void vee_limits_release(struct vee_limit_vals *v);

/*
 * Writes @v into the domain's cgroup.  With @rollback, a refusal puts back
 * the values already changed.  On failure *@bad names the refused limit.
 */
int vee_limits_apply(const char *name, const struct vee_limit_vals *v,
		     bool rollback, u32 *bad);

#endif /* _VEE_LIMITS_H */
