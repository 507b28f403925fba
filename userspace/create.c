// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <string.h>

#include "create.h"

void vee_create_init(struct vee_create *c, const char *name, __u64 ns,
		     __u64 account, const struct vee_limits *lim,
		     const struct vee_confine_opts *o,
		     const struct vee_confinement *conf)
{
	memset(c, 0, sizeof(*c));
	c->size = sizeof(*c);
	/* Names are checked before; the kernel wants them zero-padded. */
	strncpy(c->name, name, VEE_NAME_MAX - 1);
	c->ns_flags = ns;
	c->account = account;
	if (lim)
		c->limits = *lim;
	c->confine = conf->flags;
	if (conf->flags & VEE_CONFINE_CAPS)
		c->caps = conf->caps;
	if (conf->flags & VEE_CONFINE_SECCOMP)
		c->seccomp_key = conf->filter.key;
	if (o->userns_auto)
		c->flags |= VEE_CREATE_USERNS_AUTO;
}

void vee_fail_create(const char *op, const char *name, int err,
		     const struct vee_create *c)
{
	if (err == -E2BIG)
		vee_fail(op, name, "the loaded vee module predates confinement (ABI 1.1): install the module that matches this tool, or use an older tool");
	else if (err == -ENOSPC && (c->flags & VEE_CREATE_USERNS_AUTO))
		vee_fail(op, name, "no domain limit or uid range left (every userns_ranges range of the module may be in use; see modinfo vee)");
	else
		vee_fail_limits(op, name, err, c->bad_limit);
}

int vee_check_confine(const struct vee_command *cmd,
		      const struct vee_confine_opts *o, __u64 *ns)
{
	char why[VEE_CONFINE_WHY_MAX];

	if (vee_confine_check_opts(o, why, sizeof(why)))
		return vee_bad_value(cmd, "%s", why);
	if (o->userns_auto)
		*ns |= VEE_NS_USER;
	return 0;
}
