// SPDX-License-Identifier: GPL-2.0
/*
 * Capability names and sets.  capset(2) and prctl(2) are called directly:
 * the whole job is two system calls and a loop, and libcap would add a
 * library to every start of the tool for it.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/capability.h>

#include "confine/caps.h"

static const char *const vee_cap_names[VEE_CAP_LAST + 1] = {
	"CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER",
	"CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP",
	"CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST",
	"CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER",
	"CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE",
	"CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE",
	"CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD",
	"CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP",
	"CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM",
	"CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
	"CAP_CHECKPOINT_RESTORE",
};

#define BIT(c)	(1ULL << (c))

const uint64_t vee_caps_default =
	BIT(CAP_CHOWN) | BIT(CAP_DAC_OVERRIDE) | BIT(CAP_FSETID) |
	BIT(CAP_FOWNER) | BIT(CAP_MKNOD) | BIT(CAP_NET_RAW) |
	BIT(CAP_SETGID) | BIT(CAP_SETUID) | BIT(CAP_SETFCAP) |
	BIT(CAP_SETPCAP) | BIT(CAP_NET_BIND_SERVICE) | BIT(CAP_SYS_CHROOT) |
	BIT(CAP_KILL) | BIT(CAP_AUDIT_WRITE);

const char *vee_cap_name(unsigned int n)
{
	return n <= VEE_CAP_LAST ? vee_cap_names[n] : NULL;
}

/* Capability number of @name (@len bytes, "CAP_" optional), or -1. */
static int vee_cap_lookup(const char *name, size_t len)
{
	unsigned int n;

	if (len > 4 && !strncasecmp(name, "CAP_", 4)) {
		name += 4;
		len -= 4;
	}
	for (n = 0; n <= VEE_CAP_LAST; n++)
		if (strlen(vee_cap_names[n] + 4) == len &&
		    !strncasecmp(vee_cap_names[n] + 4, name, len))
			return n;
	return -1;
}

int vee_caps_parse(const char *list, uint64_t *mask, char *why, size_t len)
{
	const char *p = list, *end;
	size_t n;
	int cap;

	*mask = 0;
	if (!*list) {
		snprintf(why, len, "the list is empty");
		return -EINVAL;
	}
	for (;;) {
		end = strchrnul(p, ',');
		n = end - p;
		if (n == 3 && !strncasecmp(p, "ALL", 3)) {
			*mask |= VEE_CAPS_ALL;
		} else {
			cap = n ? vee_cap_lookup(p, n) : -1;
			if (cap < 0) {
				snprintf(why, len,
					 "'%.*s' is not a capability (see capabilities(7))",
					 (int)(n > 40 ? 40 : n), p);
				return -EINVAL;
			}
			*mask |= BIT(cap);
		}
		if (!*end)
			return 0;
		p = end + 1;
	}
}

int vee_caps_bound(uint64_t keep)
{
	unsigned int n;

	for (n = 0; n <= VEE_CAP_LAST; n++) {
		if (keep & BIT(n))
			continue;
		/* EINVAL: a capability this kernel does not know. */
		if (prctl(PR_CAPBSET_DROP, n, 0, 0, 0) && errno != EINVAL)
			return -errno;
	}
	return 0;
}

int vee_caps_set(uint64_t keep)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];
	int i;

	for (i = 0; i < 2; i++) {
		data[i].effective = (uint32_t)(keep >> (32 * i));
		data[i].permitted = data[i].effective;
		data[i].inheritable = data[i].effective;
	}
	/* Ambient capabilities survive an exec of an unprivileged file: none. */
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) &&
	    errno != EINVAL)
		return -errno;
	return syscall(SYS_capset, &hdr, data) ? -errno : 0;
}
