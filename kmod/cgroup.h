/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The module's cgroup v2 subtree, <cgroup_root>/<domain name>.  Every
 * function here sleeps; none takes a lock of vee's (callers serialise a
 * domain's operations with its own mutex, see domain.h).
 */
#ifndef _VEE_CGROUP_H
#define _VEE_CGROUP_H

#include <linux/types.h>

struct file;
struct path;

enum vee_ctrl {
	VEE_CTRL_CPU,
	VEE_CTRL_CPUSET,
	VEE_CTRL_MEMORY,
	VEE_CTRL_PIDS,
	VEE_CTRL_IO,
	VEE_NR_CTRL,
};

int vee_cgroup_init(void);
void vee_cgroup_exit(void);

/* Whether @ctrl is enabled for the domains' cgroups. */
bool vee_cgroup_has_ctrl(enum vee_ctrl ctrl);
/* Whether memory cgroups have memory.swap.max (swap is accounted). */
bool vee_cgroup_has_swap(void);

/* Makes the domain's directory; *@id is its cgroup id.  -EEXIST if taken. */
int vee_cgroup_create(const char *name, u64 *id);
/* Kills every task below the domain's directory and waits for them. */
int vee_cgroup_kill(const char *name);
/* Removes the (empty) directory and the cgroups made below it. */
int vee_cgroup_remove(const char *name);
/* Both; a directory already gone is not an error. */
int vee_cgroup_destroy(const char *name);
/* The value of line "@key N" in the domain's @file. */
int vee_cgroup_read_key(const char *name, const char *file, const char *key,
			u64 *val);

int vee_cgroup_write(const char *name, const char *file, const char *val);
/* Reads up to @len - 1 bytes and NUL-terminates; returns the length. */
ssize_t vee_cgroup_read(const char *name, const char *file, char *buf,
			size_t len);

/*
 * The domain's directory, looked up once for several reads in a row with
 * vee_cgroup_read_at(); put it with path_put().  @name must be valid.
 */
int vee_cgroup_dir(const char *name, struct path *dir);
/* As vee_cgroup_read(), for @file in @dir from vee_cgroup_dir(). */
ssize_t vee_cgroup_read_at(const struct path *dir, const char *file,
			   char *buf, size_t len);
int vee_cgroup_read_key_at(const struct path *dir, const char *file,
			   const char *key, u64 *val);

/* 1 if some task lives in the domain's cgroup or below, 0 if not. */
int vee_cgroup_populated(const char *name);
int vee_cgroup_signal(const char *name, int sig);
int vee_cgroup_freeze(const char *name, bool freeze);
/* "<name>/<file>" below cgroup_root, opened read-only. */
struct file *vee_cgroup_open(const char *rel);
/* The domain's directory opened O_RDONLY | O_DIRECTORY. */
struct file *vee_cgroup_open_dir(const char *name);

/* The cgroup id of cgroup_root itself. */
u64 vee_cgroup_root_id(void);
/* cgroup_root's directory, held from init to exit. */
const struct path *vee_cgroup_root_path(void);

/* Whether the calling task is in cgroup_root or below it. */
bool vee_cgroup_current_inside(void);
/* The id of the calling task's cgroup v2 cgroup. */
u64 vee_cgroup_current_id(void);

#endif /* _VEE_CGROUP_H */
