// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <net/if.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "inside.h"

int vee_mounts_private(void)
{
	return mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ? -errno : 0;
}

int vee_mount_proc(const char *dir)
{
	if (mkdir(dir, 0555) && errno != EEXIST)
		return -errno;
	if (mount("proc", dir, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL))
		return -errno;
	return 0;
}

int vee_bind_self(const char *dir)
{
	return mount(dir, dir, NULL, MS_BIND | MS_REC, NULL) ? -errno : 0;
}

int vee_pivot_here(void)
{
	/*
	 * pivot_root(".", ".") stacks the old root on top of the new one, at
	 * the same place; umounting "." then takes the old root away without
	 * needing a put_old directory inside the new root.
	 */
	if (syscall(SYS_pivot_root, ".", "."))
		return -errno;
	if (umount2(".", MNT_DETACH))
		return -errno;
	return chdir("/") ? -errno : 0;
}

int vee_loopback_up(void)
{
	struct ifreq ifr = {};
	int fd, err = 0;

	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	strcpy(ifr.ifr_name, "lo");
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0) {
		err = -errno;
	} else if (!(ifr.ifr_flags & IFF_UP)) {
		ifr.ifr_flags |= IFF_UP;
		if (ioctl(fd, SIOCSIFFLAGS, &ifr) < 0)
			err = -errno;
	}
	close(fd);
	return err;
}
