/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Capabilities by name, and cutting a task's sets down to a chosen few.
 * Sets are masks: bit n is capability n of linux/capability.h.
 */
#ifndef VEE_CONFINE_CAPS_H
#define VEE_CONFINE_CAPS_H

#include <stddef.h>
#include <stdint.h>

#include <linux/vee.h>

/* Every capability up to VEE_CAP_LAST. */
#define VEE_CAPS_ALL	((2ULL << VEE_CAP_LAST) - 1)

/*
 * What a confined domain keeps: the 14 that Docker and podman keep by
 * default (moby's oci/caps/defaults.go), enough for a package manager,
 * su, chown, ping and a server on port 80.
 */
extern const uint64_t vee_caps_default;

/*
 * Parses a comma list of capability names as capabilities(7) writes them,
 * with or without "CAP_", any case, or "ALL", into *@mask.  Returns 0, or
 * -EINVAL with @why naming the unknown one.
 */
int vee_caps_parse(const char *list, uint64_t *mask, char *why, size_t len);

/* "CAP_CHOWN" ... for capability @n; NULL past VEE_CAP_LAST. */
const char *vee_cap_name(unsigned int n);

/*
 * Cuts the calling task's bounding, inheritable, permitted, effective and
 * ambient sets to @keep.  Needs CAP_SETPCAP for the bounding set; the
 * effective set must still hold it, so this is one of the last steps.
 * Returns 0 or -errno.
 */
int vee_caps_bound(uint64_t keep);
int vee_caps_set(uint64_t keep);

#endif
