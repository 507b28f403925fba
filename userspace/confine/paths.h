/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Masked and read-only paths of a confined domain: the kernel files that
 * let a domain's root read host secrets or change host-wide settings
 * (Docker's and podman's lists, plus /proc/kmsg), covered inside the
 * domain's own mount namespace only.
 */
#ifndef VEE_CONFINE_PATHS_H
#define VEE_CONFINE_PATHS_H

#include <stdbool.h>

/*
 * Covers each masked path (a file: /dev/null bound over it; a directory:
 * an empty read-only tmpfs) and makes each read-only path a read-only
 * bind mount of itself, recursively.  Paths that do not exist are
 * skipped.  Called in the domain's mount namespace after its /proc and
 * root are in place, while the caller still has CAP_SYS_ADMIN there.
 * Returns 0 or -errno with *@where set to the path that failed.
 */
int vee_paths_confine(const char **where);

/*
 * /sys for a domain with its own root: a new read-only sysfs (it shows
 * the domain's network devices) when the domain has its own network
 * namespace, else the host's /sys bound read-only; and, with @cgroup_ns,
 * the domain's cgroup2 read-only at /sys/fs/cgroup.  Relative to the
 * current directory (the new root, before pivot_root); skipped when the
 * root has no sys directory.
 */
int vee_paths_sys(bool own_net, bool cgroup_ns, const char **where);

#endif
