/* SPDX-License-Identifier: GPL-2.0 */
/* The one place the release number lives; Makefile and dkms.conf follow it. */
#ifndef _VEE_VERSION_H
#define _VEE_VERSION_H

#define VEE_VERSION "0.1.0"

#endif /* _VEE_VERSION_H */
