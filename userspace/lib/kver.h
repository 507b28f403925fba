/* SPDX-License-Identifier: GPL-2.0 */
/* Which kernels the vee module can run on, judged from a release string. */
#ifndef VEE_LIB_KVER_H
#define VEE_LIB_KVER_H

/* The oldest kernel line vee supports (and tests): Debian 12's 6.1. */
#define VEE_MIN_KERNEL_MAJOR	6
#define VEE_MIN_KERNEL_MINOR	1
#define VEE_MIN_KERNEL		"6.1"

/*
 * 1 when @release (uname -r: "6.12.117+deb12-amd64") is at least
 * VEE_MIN_KERNEL, 0 when it is older, -1 when it does not start with
 * MAJOR.MINOR.
 */
int vee_kernel_supported(const char *release);

#endif
