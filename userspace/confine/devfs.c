// SPDX-License-Identifier: GPL-2.0
/*
 * The domain's /dev, made with the new mount API (fsopen, fsmount,
 * open_tree, move_mount): the tmpfs is attached through a descriptor of
 * the directory opened without following symlinks, and everything in it
 * is made relative to the tmpfs's own descriptor, so a rootfs whose "dev"
 * is a symlink cannot steer a mount or a new file onto the host.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "confine/devfs.h"

/*
 * The host's nodes a domain gets, each also its path in the domain, and
 * their numbers (Documentation/admin-guide/devices.txt): a host whose
 * /dev/null was replaced by a regular file must not share that file.
 */
static const struct {
	const char *path;
	unsigned int major, minor;
} dev_nodes[] = {
	{ "/dev/null", 1, 3 }, { "/dev/zero", 1, 5 }, { "/dev/full", 1, 7 },
	{ "/dev/random", 1, 8 }, { "/dev/urandom", 1, 9 }, { "/dev/tty", 5, 0 },
};

static const struct {
	const char *path;	/* in the domain; REL() is the link's name */
	const char *target;
} dev_links[] = {
	{ "/dev/fd", "/proc/self/fd" },
	{ "/dev/stdin", "/proc/self/fd/0" },
	{ "/dev/stdout", "/proc/self/fd/1" },
	{ "/dev/stderr", "/proc/self/fd/2" },
	{ "/dev/ptmx", "pts/ptmx" },
};

/* "/dev/null" -> "null": the name inside the tmpfs. */
#define REL(path)	((path) + sizeof("/dev/") - 1)

/*
 * A new, detached mount of filesystem @type with @opts ("key", "value"
 * pairs, NULL-terminated; a NULL value sets a flag) and MOUNT_ATTR_*
 * @attrs.  Returns its descriptor or -errno.
 */
static int fs_new(const char *type, const char *const *opts, unsigned int attrs)
{
	int fsfd, mfd = -1, err = 0;

	fsfd = fsopen(type, FSOPEN_CLOEXEC);
	if (fsfd < 0)
		return -errno;
	for (; opts && opts[0]; opts += 2) {
		if (opts[1] ? fsconfig(fsfd, FSCONFIG_SET_STRING, opts[0], opts[1], 0) :
			      fsconfig(fsfd, FSCONFIG_SET_FLAG, opts[0], NULL, 0)) {
			err = -errno;
			goto out;
		}
	}
	if (fsconfig(fsfd, FSCONFIG_CMD_CREATE, NULL, NULL, 0)) {
		err = -errno;
		goto out;
	}
	mfd = fsmount(fsfd, FSMOUNT_CLOEXEC, attrs);
	if (mfd < 0)
		err = -errno;
out:
	close(fsfd);
	return err ? err : mfd;
}

/* Attaches the detached mount @mfd at @name under the directory @dirfd. */
static int attach(int mfd, int dirfd, const char *name)
{
	int err = 0;

	if (move_mount(mfd, "", dirfd, name, MOVE_MOUNT_F_EMPTY_PATH))
		err = -errno;
	close(mfd);
	return err;
}

/* An empty, mode 0 file at @name in @dirfd: what a file is bound onto. */
static int mount_point_file(int dirfd, const char *name)
{
	int fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
			O_CLOEXEC, 0);

	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

/*
 * Binds the file at @src (resolved in our mount namespace) to @name; when
 * @rdev is not 0, only if @src is that character device.
 */
static int bind_file(const char *src, dev_t rdev, int dirfd, const char *name)
{
	struct stat st;
	int tfd, err;

	tfd = open_tree(AT_FDCWD, src, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC);
	if (tfd < 0)
		return -errno;
	if (rdev && (fstat(tfd, &st) || !S_ISCHR(st.st_mode) ||
		     st.st_rdev != rdev)) {
		close(tfd);
		return -ENODEV;
	}
	err = mount_point_file(dirfd, name);
	if (err) {
		close(tfd);
		return err;
	}
	return attach(tfd, dirfd, name);
}

/*
 * Opens @path below the current directory, made if missing, with no
 * symlink or ".." escape anywhere on the way: the rootfs is the domain's
 * and may be hostile.
 */
static int open_dev_dir(const char *path)
{
	struct open_how how = {
		.flags = O_PATH | O_DIRECTORY | O_CLOEXEC,
		.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS,
	};
	const char *slash = strrchr(path, '/');
	char *parent = NULL;
	int pfd, fd;

	if (slash) {
		parent = strndup(path, (size_t)(slash - path));
		if (!parent)
			return -ENOMEM;
	}
	pfd = (int)syscall(SYS_openat2, AT_FDCWD, parent ? parent : ".",
			   &how, sizeof(how));
	free(parent);
	if (pfd < 0)
		return -errno;
	path = slash ? slash + 1 : path;
	/* mkdirat never follows a symlink at the last step: EEXIST. */
	if (mkdirat(pfd, path, 0755) && errno != EEXIST) {
		fd = -errno;
	} else {
		fd = (int)syscall(SYS_openat2, pfd, path, &how, sizeof(how));
		if (fd < 0)
			fd = -errno;
	}
	close(pfd);
	return fd;
}

/*
 * devpts with the group of ttys, 5, as Debian's and Docker's: a
 * user namespace that does not map gid 5 refuses that option (devpts
 * parses its options only at create, failing the whole context), so
 * then again without it, and new ptys get their opener's group.
 */
static int devpts_new(void)
{
	static const char *const opts[] = {
		"newinstance", NULL, "ptmxmode", "0666", "mode", "0620",
		"gid", "5", NULL,
	};
	const unsigned int attrs = MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOEXEC;
	int mfd;

	mfd = fs_new("devpts", opts, attrs);
	if (mfd == -EINVAL) {
		static const char *const no_gid[] = {
			"newinstance", NULL, "ptmxmode", "0666", "mode", "0620",
			NULL,
		};

		mfd = fs_new("devpts", no_gid, attrs);
	}
	return mfd;
}

/*
 * The terminal on stdin at console.  Found by name under /dev: a bind
 * mount's source must be in our mount namespace, and stdin was opened in
 * the caller's, so neither the descriptor itself nor /proc/self/fd/0
 * (which leads to the same mount) would do.
 */
static int bind_console(int mfd)
{
	char name[64];

	if (!isatty(STDIN_FILENO))
		return 0;
	/* ttyname_r checks that the name is this very terminal. */
	if (ttyname_r(STDIN_FILENO, name, sizeof(name)) ||
	    strncmp(name, "/dev/", 5))
		return 0;
	return bind_file(name, 0, mfd, "console");
}

int vee_devfs_setup(const char *dev_dir, unsigned int flags,
		    const char **where)
{
	static const char *const dev_opts[] = {
		/* Device nodes, a few links: 64 KiB is ample. */
		"mode", "0755", "size", "64k", NULL,
	};
	static const char *const shm_opts[] = { "mode", "1777", NULL };
	const char *dummy;
	int dfd, mfd, fd, err;
	size_t i;

	if (!where)
		where = &dummy;
	*where = "/dev";
	if (flags & ~(VEE_DEVFS_CONSOLE | VEE_DEVFS_MQUEUE))
		return -EINVAL;

	dfd = open_dev_dir(dev_dir);
	if (dfd < 0)
		return dfd;
	/*
	 * noexec and nosuid as Docker's; not nodev, though nothing made by
	 * mknod here is needed: the bound nodes carry the host /dev's flags.
	 */
	mfd = fs_new("tmpfs", dev_opts, MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOEXEC |
		     MOUNT_ATTR_STRICTATIME);
	if (mfd < 0) {
		close(dfd);
		return mfd;
	}
	err = move_mount(mfd, "", dfd, "", MOVE_MOUNT_F_EMPTY_PATH |
			 MOVE_MOUNT_T_EMPTY_PATH) ? -errno : 0;
	close(dfd);
	if (err)
		goto out;

	/* From here on, mfd is the root of the attached tmpfs. */
	for (i = 0; i < sizeof(dev_nodes) / sizeof(dev_nodes[0]); i++) {
		*where = dev_nodes[i].path;
		err = bind_file(dev_nodes[i].path, makedev(dev_nodes[i].major,
							   dev_nodes[i].minor),
				mfd, REL(dev_nodes[i].path));
		if (err)
			goto out;
	}
	for (i = 0; i < sizeof(dev_links) / sizeof(dev_links[0]); i++) {
		*where = dev_links[i].path;
		if (symlinkat(dev_links[i].target, mfd, REL(dev_links[i].path))) {
			err = -errno;
			goto out;
		}
	}

	*where = "/dev/pts";
	if (mkdirat(mfd, "pts", 0755)) {
		err = -errno;
		goto out;
	}
	fd = devpts_new();
	err = fd < 0 ? fd : attach(fd, mfd, "pts");
	if (err)
		goto out;

	*where = "/dev/shm";
	if (mkdirat(mfd, "shm", 0755)) {
		err = -errno;
		goto out;
	}
	fd = fs_new("tmpfs", shm_opts, MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV |
		    MOUNT_ATTR_NOEXEC);
	err = fd < 0 ? fd : attach(fd, mfd, "shm");
	if (err)
		goto out;

	if (flags & VEE_DEVFS_MQUEUE) {
		*where = "/dev/mqueue";
		if (mkdirat(mfd, "mqueue", 0755)) {
			err = -errno;
			goto out;
		}
		fd = fs_new("mqueue", NULL, MOUNT_ATTR_NOSUID |
			    MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC);
		err = fd < 0 ? fd : attach(fd, mfd, "mqueue");
		if (err)
			goto out;
	}

	if (flags & VEE_DEVFS_CONSOLE) {
		*where = "/dev/console";
		err = bind_console(mfd);
	}
out:
	close(mfd);
	return err;
}
