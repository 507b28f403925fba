/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A seccomp profile in the OCI runtime-spec linux.seccomp / Docker JSON
 * format, parsed with json-c and compiled with libseccomp.  Internal to
 * confine/: callers use vee_seccomp_prepare, which caches the result.
 */
#ifndef VEE_CONFINE_SECCOMP_PROFILE_H
#define VEE_CONFINE_SECCOMP_PROFILE_H

#include <stddef.h>
#include <stdint.h>

#include "confine/seccomp.h"

/*
 * Compiles the @len bytes of JSON at @text, named @name in messages, for
 * a domain keeping @caps, on the running kernel (@kernel: MAJOR << 16 |
 * MINOR, for minKernel).  Fills f->insns and f->len; 0 or -errno with
 * "NAME: FIELD: what is wrong" in @why.
 */
int vee_seccomp_compile(const char *name, const char *text, size_t len,
			uint64_t caps, unsigned int kernel,
			struct vee_seccomp_filter *f, char *why, size_t whylen);

/* The running kernel as MAJOR << 16 | MINOR (0 if uname says nonsense). */
unsigned int vee_seccomp_kernel(void);

#endif
