/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The device allow-list of a domain: a BPF_PROG_TYPE_CGROUP_DEVICE program
 * on the domain's cgroup, which the kernel asks on every open and mknod of
 * a device node by a task of that cgroup (or below).  The program is built
 * here, by hand, as a few compares per rule: no libbpf, no compiler.
 *
 * Rules are as cgroup v1's devices.allow/deny and OCI's
 * linux.resources.devices: a type, a major and a minor (each may be a
 * wildcard), the access ("rwm") and allow or deny.
 *
 * Semantics, per access bit: a request (say "rw" on c 1:3) is allowed when
 * each of its bits is allowed by the LAST rule in the list that matches
 * the device and holds that bit; a bit no rule holds is denied.  So a deny
 * placed after an allow wins, an allow after a deny wins, and "allow r"
 * plus "allow w" allow "rw".  A request with no access bit (the kernel's
 * check for access(2) X_OK) is allowed when some allow rule matches the
 * device.
 */
#ifndef VEE_CONFINE_DEVICES_H
#define VEE_CONFINE_DEVICES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Access bits; the values are the kernel's BPF_DEVCG_ACC_*. */
#define VEE_DEV_MKNOD	0x1u
#define VEE_DEV_READ	0x2u
#define VEE_DEV_WRITE	0x4u
#define VEE_DEV_RWM	(VEE_DEV_READ | VEE_DEV_WRITE | VEE_DEV_MKNOD)

/* A major or minor that matches any number. */
#define VEE_DEV_ANY	(-1)

/* The most rules one program takes (up to 14 instructions each). */
#define VEE_DEV_RULES_MAX	1024

struct vee_dev_rule {
	char type;		/* 'a' (char and block), 'c' or 'b' */
	int64_t major;		/* 0..UINT32_MAX, or VEE_DEV_ANY */
	int64_t minor;		/* 0..UINT32_MAX, or VEE_DEV_ANY */
	unsigned int access;	/* VEE_DEV_READ | VEE_DEV_WRITE | VEE_DEV_MKNOD */
	bool allow;		/* false: deny */
};

/*
 * Docker's default list: mknod of any char or block device ('c *:* m',
 * 'b *:* m': a node made is still useless unless an open is allowed too),
 * rwm for null 1:3, zero 1:5, full 1:7, random 1:8, urandom 1:9, tty 5:0,
 * console 5:1, ptmx 5:2 and the ptys 136:*; nothing else.
 */
extern const struct vee_dev_rule vee_dev_default_rules[];
extern const size_t vee_dev_default_nr;
/* How many rules that list has at most, for a caller adding its own. */
#define VEE_DEV_DEFAULT_MAX	16

/*
 * Loads the program for @rules[0..@n) (n may be 0: deny every device).
 * Returns its descriptor (O_CLOEXEC) or -errno: -EINVAL for a bad rule
 * (@why names it: "device rule 2: ...", counting from 0), -E2BIG past
 * VEE_DEV_RULES_MAX, or bpf(2)'s error with the end of the verifier's
 * log in @why.  -EPERM without CAP_BPF or CAP_SYS_ADMIN in the initial
 * user namespace; -EINVAL (or -ENOSYS) from a kernel without
 * CONFIG_CGROUP_BPF (or CONFIG_BPF_SYSCALL).  @why may be NULL.
 */
int vee_dev_filter_load(const struct vee_dev_rule *rules, size_t n,
			char *why, size_t whylen);

/*
 * Loads the program and attaches it to the cgroup directory @cgroup_fd
 * with BPF_F_ALLOW_MULTI, then closes it (the cgroup keeps it until the
 * cgroup goes).  Returns 0 or -errno, as vee_dev_filter_load() or from
 * BPF_PROG_ATTACH, with @why saying which step failed.
 *
 * Why ALLOW_MULTI: the kernel runs every program of the cgroup and of
 * its ancestors, and a device access needs all of them to allow it, so a
 * program the domain adds to its own cgroup or to one below can only take
 * devices away.  Without the flag, a program attached later to the same
 * cgroup would replace ours, and a detach would need no program fd; with
 * it, detaching needs a descriptor of our program, which only
 * BPF_PROG_GET_FD_BY_ID gives, to CAP_SYS_ADMIN in the initial user
 * namespace.  A domain's root cannot load a program at all from a user
 * namespace (bpf() wants CAP_BPF in the initial one) nor through the
 * default seccomp filter; and it may still run a container engine of its
 * own that confines its children further.
 *
 * Attach it before any task of the domain runs (after the cgroup exists,
 * before clone3 into it), so nothing inside opens a device unchecked.
 */
int vee_dev_filter_attach(int cgroup_fd, const struct vee_dev_rule *rules,
			  size_t n, char *why, size_t whylen);

#endif
