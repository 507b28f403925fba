// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>

#include "confine/caps.h"
#include "confine/profile.h"

int vee_confine_option(struct vee_confine_opts *o, int opt, const char *arg,
		       char *why, size_t len)
{
	char sub[128];
	uint64_t mask;

	switch (opt) {
	case VEE_OPT_PRIVILEGED:
		o->privileged = true;
		return 0;
	case VEE_OPT_NEW_PRIVS:
		o->new_privs = true;
		return 0;
	case VEE_OPT_USERNS:
		if (strcmp(arg, "auto") && strcmp(arg, "host")) {
			snprintf(why, len, "--userns: '%.40s' is not auto or host",
				 arg);
			return -1;
		}
		o->userns_auto = !strcmp(arg, "auto");
		return 0;
	case VEE_OPT_SECCOMP:
		if (!*arg) {
			snprintf(why, len, "--seccomp: give a profile file or 'unconfined'");
			return -1;
		}
		o->seccomp = arg;
		return 0;
	case VEE_OPT_CAP_ADD:
	case VEE_OPT_CAP_DROP:
		if (vee_caps_parse(arg, &mask, sub, sizeof(sub))) {
			snprintf(why, len, "--cap-%s: %s",
				 opt == VEE_OPT_CAP_ADD ? "add" : "drop", sub);
			return -1;
		}
		if (opt == VEE_OPT_CAP_ADD)
			o->cap_add |= mask;
		else
			o->cap_drop |= mask;
		return 0;
	}
	snprintf(why, len, "unknown confinement option");
	return -1;
}

int vee_confine_check_opts(const struct vee_confine_opts *o, char *why,
			   size_t len)
{
	if (!o->privileged)
		return 0;
	if (o->cap_add || o->cap_drop || o->seccomp || o->new_privs) {
		snprintf(why, len,
			 "--privileged turns all confinement off: it takes no --cap-add, --cap-drop, --seccomp or --new-privs");
		return -1;
	}
	return 0;
}

static bool vee_seccomp_unconfined(const char *profile)
{
	return profile && !strcmp(profile, "unconfined");
}

int vee_confine_resolve(const struct vee_confine_opts *o, bool mnt_ns,
			bool rootfs, struct vee_confinement *c, char *why,
			size_t len)
{
	int err;

	memset(c, 0, sizeof(*c));
	if (o->privileged)
		return 0;
	c->caps = (vee_caps_default | o->cap_add) & ~o->cap_drop;
	c->flags = VEE_CONFINE_CAPS;
	if (!o->new_privs)
		c->flags |= VEE_CONFINE_NNP;
	/* Covering paths for the host's own mount namespace would be worse. */
	if (mnt_ns)
		c->flags |= VEE_CONFINE_PATHS;
	if (rootfs)
		c->flags |= VEE_CONFINE_DEVICES;
	if (vee_seccomp_unconfined(o->seccomp))
		return 0;
	err = vee_seccomp_prepare(o->seccomp, c->caps, VEE_SECCOMP_CACHE_DIR,
				  &c->filter, why, len);
	if (err)
		return err;
	c->flags |= VEE_CONFINE_SECCOMP;
	if (o->seccomp)
		c->flags |= VEE_CONFINE_SECCOMP_CUSTOM;
	return 0;
}

int vee_confine_from_info(const struct vee_info *info,
			  struct vee_confinement *c, char *why, size_t len)
{
	int err;

	memset(c, 0, sizeof(*c));
	c->flags = info->confine;
	c->caps = info->caps;
	if (!(c->flags & VEE_CONFINE_SECCOMP))
		return 0;
	err = vee_seccomp_load_key(VEE_SECCOMP_CACHE_DIR, info->seccomp_key,
				   &c->filter);
	if (err == -ENOENT && !(c->flags & VEE_CONFINE_SECCOMP_CUSTOM)) {
		/* The default profile can always be made again. */
		err = vee_seccomp_prepare(NULL, c->caps, VEE_SECCOMP_CACHE_DIR,
					  &c->filter, why, len);
		if (!err && c->filter.key != info->seccomp_key) {
			vee_seccomp_free(&c->filter);
			err = -ESTALE;
		}
	}
	if (err == -ENOENT || err == -ESTALE)
		snprintf(why, len,
			 "the domain's seccomp filter %016llx is no longer in %s (a tool of another version, or the cache was removed)",
			 (unsigned long long)info->seccomp_key,
			 VEE_SECCOMP_CACHE_DIR);
	else if (err && !*why)
		snprintf(why, len, "cannot read the domain's seccomp filter: %s",
			 strerror(-err));
	return err;
}

void vee_confine_release(struct vee_confinement *c)
{
	if (c->flags & VEE_CONFINE_SECCOMP)
		vee_seccomp_free(&c->filter);
}

int vee_confine_apply(const struct vee_confinement *c,
		      enum vee_confine_step *step)
{
	bool nnp = c->flags & VEE_CONFINE_NNP;
	int err;

	if (nnp && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) {
		*step = VEE_CONFINE_STEP_NNP;
		return -errno;
	}
	if (c->flags & VEE_CONFINE_CAPS) {
		*step = VEE_CONFINE_STEP_BOUND;
		err = vee_caps_bound(c->caps);
		if (err)
			return err;
	}
	/*
	 * A filter may be installed by a task with no_new_privs or with
	 * CAP_SYS_ADMIN: without no_new_privs it goes in while the task
	 * still has every capability, and then the filter must let capset
	 * through (the default does).
	 */
	if ((c->flags & VEE_CONFINE_SECCOMP) && !nnp) {
		*step = VEE_CONFINE_STEP_SECCOMP;
		err = vee_seccomp_install(&c->filter);
		if (err)
			return err;
	}
	if (c->flags & VEE_CONFINE_CAPS) {
		*step = VEE_CONFINE_STEP_CAPS;
		err = vee_caps_set(c->caps);
		if (err)
			return err;
	}
	if ((c->flags & VEE_CONFINE_SECCOMP) && nnp) {
		*step = VEE_CONFINE_STEP_SECCOMP;
		err = vee_seccomp_install(&c->filter);
		if (err)
			return err;
	}
	return 0;
}

const char *vee_confine_profile(uint32_t flags, uint64_t caps)
{
	/* Paths and devices follow from the namespaces and the root. */
	uint32_t set = VEE_CONFINE_CAPS | VEE_CONFINE_SECCOMP |
		       VEE_CONFINE_NNP | VEE_CONFINE_SECCOMP_CUSTOM;
	uint32_t def = VEE_CONFINE_CAPS | VEE_CONFINE_SECCOMP | VEE_CONFINE_NNP;

	if (!flags)
		return "privileged";
	return (flags & set) == def && caps == vee_caps_default ?
	       "default" : "custom";
}
