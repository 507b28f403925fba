/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A minimal /dev for a domain with its own root, in place of the host's
 * (which would show every disk, /dev/kmsg, /dev/mem, ...): what Docker
 * and podman give a container, made of bind mounts of the host's nodes so
 * that it also works in a user namespace, where mknod is refused.
 */
#ifndef VEE_CONFINE_DEVFS_H
#define VEE_CONFINE_DEVFS_H

/* Bind the terminal on stdin (when it is one) at dev/console. */
#define VEE_DEVFS_CONSOLE	0x1
/*
 * Mount an mqueue filesystem at dev/mqueue.  It shows the queues of the
 * caller's IPC namespace, so pass this only when the domain has its own:
 * a domain that shares the host's would see (and could unlink) the
 * host's queues there, and in a user namespace the mount is refused
 * anyway.  mq_open() works without it.
 */
#define VEE_DEVFS_MQUEUE	0x2

/*
 * Builds the domain's /dev at @dev_dir, a path relative to the current
 * directory (the domain's new root: call it after the root is bound and
 * chdir'ed into, before pivot_root, in the domain's own mount namespace
 * with CAP_SYS_ADMIN there):
 *
 *   dev       tmpfs, mode 0755, 64 KiB, nosuid, noexec, strictatime
 *             (created if missing; refused if it or a directory on the
 *             way is a symlink, or climbs out with "..")
 *   null zero full random urandom tty
 *             the host's /dev nodes, bind-mounted on empty files
 *             (-ENODEV if one of them is not the device it should be)
 *   pts       a new devpts instance: ptmxmode=0666, mode=0620, gid=5 (no
 *             gid when the user namespace does not map 5), nosuid, noexec
 *   ptmx      -> pts/ptmx
 *   shm       tmpfs, mode 1777, nosuid, nodev, noexec, no size limit of
 *             its own (its pages are charged to the domain's memory cgroup)
 *   mqueue    with VEE_DEVFS_MQUEUE: mqueue, nosuid, nodev, noexec
 *   console   with VEE_DEVFS_CONSOLE and a terminal on stdin: that
 *             terminal, bind-mounted (none when stdin is no terminal or
 *             has no name under /dev)
 *   fd -> /proc/self/fd, stdin stdout stderr -> /proc/self/fd/0, 1, 2
 *
 * and nothing else: no core (/proc/kcore), no disks.  Which devices the
 * domain may open is the device allow-list's business (devices.h); this
 * decides which it can name.
 *
 * Returns 0 or -errno, printing nothing, with *@where (when @where is not
 * NULL) naming the path that failed as the domain sees it ("/dev/pts").
 * What was mounted before a failure stays: the caller's mount namespace
 * is about to go away with it.
 */
int vee_devfs_setup(const char *dev_dir, unsigned int flags,
		    const char **where);

#endif
