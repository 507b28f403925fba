/* SPDX-License-Identifier: GPL-2.0 */
/* Loading vee.ko on demand, as modprobe would. */
#ifndef VEE_LOAD_H
#define VEE_LOAD_H

/*
 * Makes sure the vee module is loaded: does nothing when it is, otherwise
 * loads it through libkmod from the running kernel's module tree (where
 * DKMS or the vee-dkms package put it) and waits for /dev/vee.  0, or
 * prints "vee: OP NAME: REASON" (kernel too old, not installed, not root,
 * refused by the kernel) and returns -1.
 */
int vee_load_module(const char *op, const char *name);

#endif
