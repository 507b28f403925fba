/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a domain's init does to its new namespaces before it execs the
 * command (vee run): private mounts, a new root, a fresh /proc, a working
 * loopback.  Each step returns 0 or -errno and prints nothing: the child
 * reports failures to the parent, which owns the terminal's messages.
 */
#ifndef VEE_INSIDE_H
#define VEE_INSIDE_H

/* Makes every mount private, so nothing done inside reaches the host. */
int vee_mounts_private(void);

/* Mounts a new procfs on @dir (created if missing). */
int vee_mount_proc(const char *dir);

/* Bind-mounts @dir onto itself, so it is a mount point pivot_root takes. */
int vee_bind_self(const char *dir);

/*
 * Makes the current directory the root (pivot_root(".", ".")), detaches
 * the old root stacked on it, and goes to the new "/".
 */
int vee_pivot_here(void);

/* Brings up "lo" of the current network namespace. */
int vee_loopback_up(void);

#endif
