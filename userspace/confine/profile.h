/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A domain's confinement: what the command line asks (struct
 * vee_confine_opts), what the domain then runs under (struct
 * vee_confinement: the record the module keeps, plus the compiled
 * seccomp filter), and applying it to a task as its last steps before
 * exec.  The masked paths, /sys, /dev and the device allow-list are the
 * init's and the parent's business (run_child(), cmd_run.c): they are
 * made once per domain, while every task that enters applies the rest.
 */
#ifndef VEE_CONFINE_PROFILE_H
#define VEE_CONFINE_PROFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/vee.h>

#include "confine/seccomp.h"


/* Room for a reason: a profile's error names a file and a field. */
#define VEE_CONFINE_WHY_MAX	512

/* The command line's choices. */
struct vee_confine_opts {
	bool privileged;	/* --privileged: none of it */
	bool new_privs;		/* --new-privs: leave no_new_privs off */
	uint64_t cap_add;	/* --cap-add */
	uint64_t cap_drop;	/* --cap-drop */
	const char *seccomp;	/* --seccomp: NULL default, a file, or "unconfined" */
	bool userns_auto;	/* --userns auto: a uid range of its own */
};

/* What a domain runs under. */
struct vee_confinement {
	uint32_t flags;		/* VEE_CONFINE_* */
	uint64_t caps;		/* with VEE_CONFINE_CAPS */
	struct vee_seccomp_filter filter; /* with VEE_CONFINE_SECCOMP */
};

/*
 * The command line's options, for every command that starts a domain:
 * --privileged, --cap-add LIST, --cap-drop LIST, --seccomp FILE|unconfined,
 * --new-privs.  vee_confine_option() returns 0, or -1 with @why.
 */
enum {
	VEE_OPT_PRIVILEGED = 0x300, VEE_OPT_CAP_ADD, VEE_OPT_CAP_DROP,
	VEE_OPT_SECCOMP, VEE_OPT_NEW_PRIVS, VEE_OPT_USERNS,
};

#define VEE_CONFINE_OPTIONS						\
	{ "privileged", no_argument, NULL, VEE_OPT_PRIVILEGED },	\
	{ "cap-add", required_argument, NULL, VEE_OPT_CAP_ADD },	\
	{ "cap-drop", required_argument, NULL, VEE_OPT_CAP_DROP },	\
	{ "seccomp", required_argument, NULL, VEE_OPT_SECCOMP },	\
	{ "new-privs", no_argument, NULL, VEE_OPT_NEW_PRIVS },		\
	{ "userns", required_argument, NULL, VEE_OPT_USERNS }

/* For `case VEE_OPT_CONFINE:` in a command's getopt loop. */
#define VEE_OPT_CONFINE		VEE_OPT_PRIVILEGED ... VEE_OPT_USERNS

int vee_confine_option(struct vee_confine_opts *o, int opt, const char *arg,
		       char *why, size_t len);

/* Options that make no sense together (--privileged with --cap-add ...). */
int vee_confine_check_opts(const struct vee_confine_opts *o, char *why,
			   size_t len);

/*
 * What a new domain runs under: with @mnt_ns its paths are covered, with
 * @rootfs it gets a minimal /dev and the device allow-list.  Compiles (or
 * takes from the cache) the seccomp filter.  0, or -errno with @why.
 */
int vee_confine_resolve(const struct vee_confine_opts *o, bool mnt_ns,
			bool rootfs, struct vee_confinement *c, char *why,
			size_t len);

/*
 * What an existing domain runs under, from the module's record (vee exec):
 * its filter comes from the cache by key, or for the default profile is
 * compiled again.  0, or -errno with @why.
 */
int vee_confine_from_info(const struct vee_info *info,
			  struct vee_confinement *c, char *why, size_t len);

void vee_confine_release(struct vee_confinement *c);

/* The steps of vee_confine_apply(), for the child's failure report. */
enum vee_confine_step {
	VEE_CONFINE_STEP_NNP = 1,
	VEE_CONFINE_STEP_BOUND,
	VEE_CONFINE_STEP_CAPS,
	VEE_CONFINE_STEP_SECCOMP,
};

/*
 * In the task about to exec the domain's code: no_new_privs, the
 * capability sets, the seccomp filter.  Returns 0, or -errno with *@step
 * set to the step that failed.
 */
int vee_confine_apply(const struct vee_confinement *c,
		      enum vee_confine_step *step);

/* "default", "privileged" or "custom", as vee stats --json says it. */
const char *vee_confine_profile(uint32_t flags, uint64_t caps);

#endif
