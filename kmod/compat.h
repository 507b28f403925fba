/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one place where differences between the kernels vee supports live
 * (Debian's 6.1 and 6.12).  Logic elsewhere calls these and never tests
 * LINUX_VERSION_CODE itself.
 */
#ifndef _VEE_COMPAT_H
#define _VEE_COMPAT_H

#include <linux/fs.h>
#include <linux/mount.h>
#include <linux/slab.h>
#include <linux/version.h>

/* 6.3 replaced the mount's user_namespace with a mnt_idmap in the VFS. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0)
static inline int vee_vfs_mkdir(struct vfsmount *mnt, struct inode *dir,
				struct dentry *dentry, umode_t mode)
{
	return vfs_mkdir(mnt_idmap(mnt), dir, dentry, mode);
}

static inline int vee_vfs_rmdir(struct vfsmount *mnt, struct inode *dir,
				struct dentry *dentry)
{
	return vfs_rmdir(mnt_idmap(mnt), dir, dentry);
}
#else
static inline int vee_vfs_mkdir(struct vfsmount *mnt, struct inode *dir,
				struct dentry *dentry, umode_t mode)
{
	return vfs_mkdir(mnt_user_ns(mnt), dir, dentry, mode);
}

static inline int vee_vfs_rmdir(struct vfsmount *mnt, struct inode *dir,
				struct dentry *dentry)
{
	return vfs_rmdir(mnt_user_ns(mnt), dir, dentry);
}
#endif

/*
 * 6.5 added SLAB_NO_MERGE.  Before it a cache of ours may be merged into
 * another of the same size: it then has no line of its own in
 * /proc/slabinfo, and its leftovers are not reported at destroy.
 */
#ifndef SLAB_NO_MERGE
#define SLAB_NO_MERGE	0
#endif

#endif /* _VEE_COMPAT_H */
