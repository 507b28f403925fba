/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How the tool speaks when something fails: one line on stderr,
 * "vee: OP NAME: REASON", never a bare errno.
 */
#ifndef VEE_REPORT_H
#define VEE_REPORT_H

#include <stdint.h>
#include <linux/vee.h>

#define VEE_EXIT_OK	0
#define VEE_EXIT_FAIL	1
#define VEE_EXIT_USAGE	2

void vee_fail(const char *op, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The reason for a negative errno from a domain operation. */
const char *vee_strerror(int err);

/* "created", "running", ...; "unknown" for a state this tool does not know. */
const char *vee_state_name(uint32_t state);

#endif
