// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/mount.h>

#include "confine/paths.h"

/*
 * Docker's masked paths (moby oci/defaults.go) and /proc/kmsg (the host's
 * kernel log; podman masks it too).  /proc/sysrq-trigger is read-only, as
 * Docker has it: a write fails (EROFS) rather than vanish into /dev/null.
 */
static const char *const vee_masked[] = {
	"/proc/acpi", "/proc/asound", "/proc/interrupts", "/proc/kcore",
	"/proc/keys", "/proc/kmsg", "/proc/latency_stats", "/proc/sched_debug",
	"/proc/scsi", "/proc/timer_list",
	"/proc/timer_stats", "/sys/devices/virtual/powercap", "/sys/firmware",
};

static const char *const vee_readonly[] = {
	"/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger",
	"/sys",
};

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static int vee_mount_setattr(const char *path, unsigned int flags,
			     __u64 set)
{
	struct mount_attr attr = { .attr_set = set };

	return syscall(SYS_mount_setattr, AT_FDCWD, path, flags, &attr,
		       sizeof(attr)) ? -errno : 0;
}

static int vee_mask(const char *path)
{
	struct stat st;

	if (lstat(path, &st))
		return errno == ENOENT ? 0 : -errno;
	if (S_ISDIR(st.st_mode))
		return mount("tmpfs", path, "tmpfs", MS_RDONLY | MS_NOSUID |
			     MS_NODEV | MS_NOEXEC, "size=0,mode=0555") ?
			     -errno : 0;
	return mount("/dev/null", path, NULL, MS_BIND, NULL) ? -errno : 0;
}

/*
 * A recursive bind of @path onto itself, then read-only on every mount
 * under it (mount_setattr's AT_RECURSIVE: a plain remount would leave the
 * mounts below, /sys/fs/cgroup say, writable).
 */
static int vee_readonly_path(const char *path)
{
	if (access(path, F_OK))
		return errno == ENOENT ? 0 : -errno;
	if (mount(path, path, NULL, MS_BIND | MS_REC, NULL))
		return -errno;
	return vee_mount_setattr(path, AT_RECURSIVE | AT_NO_AUTOMOUNT,
				 MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID |
				 MOUNT_ATTR_NODEV);
}

int vee_paths_confine(const char **where)
{
	size_t i;
	int err;

	/* Read-only first: a mask inside /proc/sys would stay writable. */
	for (i = 0; i < ARRAY_SIZE(vee_readonly); i++) {
		err = vee_readonly_path(vee_readonly[i]);
		if (err) {
			*where = vee_readonly[i];
			return err;
		}
	}
	for (i = 0; i < ARRAY_SIZE(vee_masked); i++) {
		err = vee_mask(vee_masked[i]);
		if (err) {
			*where = vee_masked[i];
			return err;
		}
	}
	return 0;
}

int vee_paths_sys(bool own_net, bool cgroup_ns, const char **where)
{
	unsigned long ro = MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC;
	struct stat st;

	if (stat("sys", &st) || !S_ISDIR(st.st_mode))
		return 0;
	*where = "/sys";
	/*
	 * A new sysfs needs the network namespace's owner: with the host's
	 * network the domain gets the host's /sys, read-only (below, by
	 * vee_paths_confine()).
	 */
	if (!own_net)
		return mount("/sys", "sys", NULL, MS_BIND | MS_REC, NULL) ?
		       -errno : 0;
	if (mount("sysfs", "sys", "sysfs", ro, NULL))
		return -errno;
	if (!cgroup_ns)
		return 0;
	*where = "/sys/fs/cgroup";
	return mount("cgroup2", "sys/fs/cgroup", "cgroup2", ro, NULL) &&
	       errno != ENOENT ? -errno : 0;
}
