/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Creating a domain as vee run and vee create do: the ioctl's struct with
 * the limits, namespaces, accounting and confinement record, and what to
 * say when the module refuses it.
 */
#ifndef VEE_CREATE_H
#define VEE_CREATE_H

#include "cli.h"
#include "confine/profile.h"

/* Fills @c for VEE_IOC_CREATE (@lim may be NULL). */
void vee_create_init(struct vee_create *c, const char *name, __u64 ns,
		     __u64 account, const struct vee_limits *lim,
		     const struct vee_confine_opts *o,
		     const struct vee_confinement *conf);

/* "vee: OP NAME: ..." for a failed create, naming a refused limit. */
void vee_fail_create(const char *op, const char *name, int err,
		     const struct vee_create *c);

/*
 * The confinement options against each other and the namespaces: --userns
 * auto adds the user namespace to *@ns.  0 or the usage exit code.
 */
int vee_check_confine(const struct vee_command *cmd,
		      const struct vee_confine_opts *o, __u64 *ns);

#endif
