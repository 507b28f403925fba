/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The control plane from userspace: /dev/vee and its ioctls.  Every call
 * returns 0 or a negative errno, and never prints.  The calls are libvee's
 * public API: they are declared and documented in include/vee.h.
 */
#ifndef VEE_CTL_H
#define VEE_CTL_H

#include <vee.h>

#endif
