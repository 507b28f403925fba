/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Seccomp confinement of a domain: compile a profile in the OCI runtime-spec
 * linux.seccomp / Docker JSON format into classic BPF once, keep the result
 * in a cache keyed by everything it depends on, and install it in the
 * child as the last step before exec.
 *
 * Compiling Docker's profile takes libseccomp milliseconds; reading the
 * cached program takes microseconds, and every `vee run` with the same
 * profile and capabilities (and every `vee exec` into a running domain, by
 * the key the module recorded) reuses it.
 *
 * The built-in default profile (default-seccomp.json, embedded by
 * default-seccomp.S) is Docker's: moby/moby profiles/seccomp/default.json
 * at commit 00f3d189e420d485e42d15fe494f96d272284e0e, byte for byte.
 * Copyright Docker, Inc., licensed under the Apache License 2.0.
 */
#ifndef VEE_CONFINE_SECCOMP_H
#define VEE_CONFINE_SECCOMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/filter.h>

/* Where the tool keeps compiled filters; tmpfs, so a reboot empties it. */
#define VEE_SECCOMP_CACHE_DIR	"/run/vee/seccomp"

/* Profiles are tens of KiB; a bound keeps a wrong path from eating memory. */
#define VEE_SECCOMP_PROFILE_MAX	(1 << 20)

/* A compiled filter: classic BPF as seccomp(2) takes it. */
struct vee_seccomp_filter {
	struct sock_filter *insns;	/* malloc'ed; vee_seccomp_free */
	unsigned short len;
	uint64_t key;	/* content key: this exact filter in the cache */
	bool cached;	/* read from the cache, not compiled now */
};

/*
 * Compiles (or fetches from the cache) the filter for @profile: NULL means
 * the built-in default (Docker's), else the path of a profile in the OCI
 * runtime-spec linux.seccomp / Docker JSON format.  @caps is the
 * capability set the domain keeps (bit n = capability n), which decides
 * the rules' includes/excludes.caps.
 *
 * @cache_dir (VEE_SECCOMP_CACHE_DIR for the tool; NULL: no cache) holds
 * <key as 16 hex digits>.bpf, written atomically (mode 0600, directory
 * 0700).  A hit neither parses JSON nor calls libseccomp's compiler.  The
 * key is the first 64 bits of a SHA-256 over the profile's bytes, @caps,
 * the native architecture, the running kernel's MAJOR.MINOR (minKernel),
 * libseccomp's version and API level, and VEE_SECCOMP_FORMAT; the file
 * holds the whole digest, which a hit must match.
 *
 * Returns 0, or -errno with a sentence in @why such as
 * "p.json: syscalls[3].action: unknown action 'SCMP_ACT_FOO'":
 * -EINVAL for a malformed profile, -EOPNOTSUPP for what vee does not do
 * (SCMP_ACT_NOTIFY, SCMP_ACT_TRACE, flags, listenerPath), -E2BIG for a
 * filter over the kernel's 4096 instructions, and the errno of a profile
 * or cache file that cannot be read or written.
 */
int vee_seccomp_prepare(const char *profile, uint64_t caps,
			const char *cache_dir, struct vee_seccomp_filter *f,
			char *why, size_t whylen);

/*
 * For `vee exec`: the filter a domain was started with, by the key the
 * module recorded.  0, -ENOENT if it is not cached, -EINVAL if the file
 * is not a filter of ours (truncated, another format), -EPERM if it is
 * not ours to trust (another owner, writable by others).
 */
int vee_seccomp_load_key(const char *cache_dir, uint64_t key,
			 struct vee_seccomp_filter *f);

/*
 * In the child, the last step before exec (after PR_SET_NO_NEW_PRIVS, or
 * while it still has CAP_SYS_ADMIN): seccomp(SECCOMP_SET_MODE_FILTER).
 * Only syscall(2), so it is safe after clone in a multithreaded parent.
 * 0 or -errno.
 */
int vee_seccomp_install(const struct vee_seccomp_filter *f);

void vee_seccomp_free(struct vee_seccomp_filter *f);

/* The built-in default profile's JSON text (not NUL-terminated). */
const char *vee_seccomp_default_profile(size_t *len);

/* How many profiles this process has compiled: tests tell hits by it. */
unsigned long vee_seccomp_compiles(void);

/* SHA-256 of @len bytes at @data, for the cache key. */
void vee_seccomp_sha256(const void *data, size_t len, uint8_t out[32]);

#endif
