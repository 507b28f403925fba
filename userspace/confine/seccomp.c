// SPDX-License-Identifier: GPL-2.0
/*
 * Seccomp filters for domains: the cache of compiled programs and the
 * install.  Compiling is seccomp_profile.c's; this file decides when it is
 * needed.
 *
 * A cache file is a header (magic, format, instruction count, the SHA-256
 * of the inputs) followed by the instructions, named after the first 64
 * bits of that digest.  Files are written to a temporary name and renamed,
 * so a reader sees a whole file or none; nothing is fsync'ed, because the
 * cache lives on tmpfs and a torn file is refused by its size and header
 * and then rewritten.  The directory is root's, 0700: a file in it is
 * trusted as the filter it claims to be, and one that another user owns
 * or could write is not.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>
#include <linux/seccomp.h>

#include <seccomp.h>

#include "confine/seccomp.h"
#include "confine/seccomp_profile.h"

/* Bump when the cache file or the compiler's output changes meaning. */
#define VEE_SECCOMP_FORMAT	3	/* 2: binary trees; 3: the key of the default */
/* The Makefile passes the SHA-256 of default-seccomp.json in hex. */
#ifndef VEE_DEFAULT_SECCOMP_SHA256
#error "build with -DVEE_DEFAULT_SECCOMP_SHA256=<sha256 of default-seccomp.json>"
#endif

#define CACHE_MAGIC		"veeBPF\n"	/* 8 bytes with the NUL */

struct cache_hdr {
	char magic[8];
	uint32_t format;
	uint32_t len;			/* instructions that follow */
	uint8_t digest[32];		/* SHA-256: struct key_input, profile */
};

/* What a compiled filter depends on besides the profile's bytes. */
struct key_input {
	char tag[16];
	uint32_t format;
	uint32_t native;		/* SCMP_ARCH_* */
	uint32_t kernel;		/* MAJOR << 16 | MINOR, for minKernel */
	uint32_t libseccomp[3];		/* major, minor, micro */
	/*
	 * 0: libseccomp's API level follows from the kernel above, and
	 * asking for it probes the kernel with eight system calls, each
	 * dear under emulation, on every start.
	 */
	uint32_t api;
	uint32_t builtin;		/* 1: the embedded default profile */
	uint64_t caps;
	uint64_t profile_len;
};
/* Hashed as bytes: no padding the compiler could leave undefined. */
_Static_assert(sizeof(struct key_input) == 64, "key_input has holes");

/* From default-seccomp.S: default-seccomp.json as it is in the tree. */
extern const char vee_seccomp_default_json[];
extern const uint64_t vee_seccomp_default_json_size;

const char *vee_seccomp_default_profile(size_t *len)
{
	*len = vee_seccomp_default_json_size;
	return vee_seccomp_default_json;
}

/* SHA-256 (FIPS 180-4): small, and no crypto library to link for it. */
struct sha256 {
	uint32_t h[8];
	uint8_t buf[64];
	uint64_t len;
};

static const uint32_t sha256_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t ror(uint32_t x, int n)
{
	return x >> n | x << (32 - n);
}

static void sha256_block(uint32_t st[8], const uint8_t *p)
{
	uint32_t w[64], a, b, c, d, e, f, g, h, t1, t2;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | p[4 * i + 1] << 16 |
		       p[4 * i + 2] << 8 | p[4 * i + 3];
	for (i = 16; i < 64; i++)
		w[i] = w[i - 16] + w[i - 7] +
		       (ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^
			w[i - 15] >> 3) +
		       (ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ w[i - 2] >> 10);
	a = st[0], b = st[1], c = st[2], d = st[3];
	e = st[4], f = st[5], g = st[6], h = st[7];
	for (i = 0; i < 64; i++) {
		t1 = h + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) +
		     ((e & f) ^ (~e & g)) + sha256_k[i] + w[i];
		t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) +
		     ((a & b) ^ (a & c) ^ (b & c));
		h = g, g = f, f = e, e = d + t1;
		d = c, c = b, b = a, a = t1 + t2;
	}
	st[0] += a, st[1] += b, st[2] += c, st[3] += d;
	st[4] += e, st[5] += f, st[6] += g, st[7] += h;
}

static void sha256_init(struct sha256 *s)
{
	static const uint32_t h0[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};

	memcpy(s->h, h0, sizeof(h0));
	s->len = 0;
}

static void sha256_update(struct sha256 *s, const void *data, size_t n)
{
	const uint8_t *p = data;
	size_t used = s->len % 64, take;

	s->len += n;
	while (n) {
		take = 64 - used < n ? 64 - used : n;
		memcpy(s->buf + used, p, take);
		used += take;
		p += take;
		n -= take;
		if (used == 64) {
			sha256_block(s->h, s->buf);
			used = 0;
		}
	}
}

static void sha256_final(struct sha256 *s, uint8_t out[32])
{
	uint64_t bits = s->len * 8;
	uint8_t pad[72] = { 0x80 };
	size_t padlen = 64 - (s->len + 8) % 64, i;

	for (i = 0; i < 8; i++)
		pad[padlen + i] = bits >> (56 - 8 * i);
	sha256_update(s, pad, padlen + 8);
	for (i = 0; i < 32; i++)
		out[i] = s->h[i / 4] >> (24 - 8 * (i % 4));
}

void vee_seccomp_sha256(const void *data, size_t len, uint8_t out[32])
{
	struct sha256 s;

	sha256_init(&s);
	sha256_update(&s, data, len);
	sha256_final(&s, out);
}

static uint64_t digest_key(const uint8_t digest[32])
{
	uint64_t key = 0;
	int i;

	for (i = 0; i < 8; i++)
		key = key << 8 | digest[i];
	return key;
}

/*
 * The digest of everything the filter of @text for @caps depends on.  The
 * embedded default stands for itself by its SHA-256 taken at build time
 * (VEE_DEFAULT_SECCOMP_SHA256, from the Makefile): hashing its 12 KiB on
 * every start took a millisecond under emulation.
 */
static void input_digest(const char *text, size_t len, bool builtin,
			 uint64_t caps, unsigned int kernel, uint8_t digest[32])
{
	const struct scmp_version *v = seccomp_version();
	struct key_input in = {
		.tag = "vee-seccomp",
		.format = VEE_SECCOMP_FORMAT,
		.native = seccomp_arch_native(),
		.kernel = kernel,
		.libseccomp = { v->major, v->minor, v->micro },
		.builtin = builtin,
		.caps = caps,
		.profile_len = len,
	};
	struct sha256 s;

	sha256_init(&s);
	sha256_update(&s, &in, sizeof(in));
	if (builtin)
		sha256_update(&s, VEE_DEFAULT_SECCOMP_SHA256,
			      sizeof(VEE_DEFAULT_SECCOMP_SHA256) - 1);
	else
		sha256_update(&s, text, len);
	sha256_final(&s, digest);
}

static void cache_path(char *path, size_t size, const char *dir, uint64_t key)
{
	snprintf(path, size, "%s/%016" PRIx64 ".bpf", dir, key);
}

/* Reads exactly @size bytes at offset @off of @fd. */
static int read_at(int fd, void *buf, size_t size, off_t off)
{
	size_t done = 0;
	ssize_t n;

	while (done < size) {
		n = pread(fd, (char *)buf + done, size - done, off + done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EINVAL;
		done += n;
	}
	return 0;
}

/* The header of open cache file @fd for @key, if it is one we can trust. */
static int cache_check(int fd, uint64_t key, struct cache_hdr *h)
{
	struct stat st;
	int err;

	if (fstat(fd, &st))
		return -errno;
	if (!S_ISREG(st.st_mode) || st.st_uid != geteuid() ||
	    (st.st_mode & 022))
		return -EPERM;
	if ((size_t)st.st_size < sizeof(*h))
		return -EINVAL;
	err = read_at(fd, h, sizeof(*h), 0);
	if (err)
		return err;
	if (memcmp(h->magic, CACHE_MAGIC, sizeof(h->magic)) ||
	    h->format != VEE_SECCOMP_FORMAT || !h->len ||
	    h->len > BPF_MAXINSNS || digest_key(h->digest) != key ||
	    (size_t)st.st_size !=
	    sizeof(*h) + h->len * sizeof(struct sock_filter))
		return -EINVAL;
	return 0;
}

/* Loads cache file @key; with @digest, only if made from those inputs. */
static int cache_load(const char *dir, uint64_t key, const uint8_t *digest,
		      struct vee_seccomp_filter *f)
{
	char path[PATH_MAX];
	struct cache_hdr h;
	struct sock_filter *insns;
	int fd, err;

	cache_path(path, sizeof(path), dir, key);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return errno == ELOOP ? -EPERM : -errno;
	err = cache_check(fd, key, &h);
	if (!err && digest && memcmp(h.digest, digest, sizeof(h.digest)))
		err = -ESTALE;
	insns = err ? NULL : malloc(h.len * sizeof(*insns));
	if (!err && !insns)
		err = -ENOMEM;
	if (!err)
		err = read_at(fd, insns, h.len * sizeof(*insns), sizeof(h));
	close(fd);
	if (err) {
		free(insns);
		return err;
	}
	*f = (struct vee_seccomp_filter){ .insns = insns, .len = h.len,
					  .key = key, .cached = true };
	return 0;
}

int vee_seccomp_load_key(const char *cache_dir, uint64_t key,
			 struct vee_seccomp_filter *f)
{
	return cache_load(cache_dir, key, NULL, f);
}

/* mkdir -p @dir: the last component 0700 (ours alone), parents 0755. */
static int make_dirs(const char *dir, mode_t mode)
{
	char parent[PATH_MAX];
	char *slash;
	int err;

	if (!mkdir(dir, mode) || errno == EEXIST)
		return 0;
	if (errno != ENOENT || strlen(dir) >= sizeof(parent))
		return -errno;
	strcpy(parent, dir);
	slash = strrchr(parent, '/');
	if (!slash || slash == parent)
		return -ENOENT;
	*slash = '\0';
	err = make_dirs(parent, 0755);
	if (err)
		return err;
	return mkdir(dir, mode) && errno != EEXIST ? -errno : 0;
}

/* The cache directory, made if missing, refused if it is not ours. */
static int cache_dir_open(const char *dir)
{
	struct stat st;
	int fd, err;

	err = make_dirs(dir, 0700);
	if (err)
		return err;
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return errno == ELOOP || errno == ENOTDIR ? -EPERM : -errno;
	if (fstat(fd, &st))
		err = -errno;
	else if (st.st_uid != geteuid())
		err = -EPERM;
	else if ((st.st_mode & 077) && fchmod(fd, 0700))
		err = -errno;
	if (err) {
		close(fd);
		return err;
	}
	return fd;
}

static int write_file(int fd, const struct cache_hdr *h,
		      const struct vee_seccomp_filter *f)
{
	struct iovec iov[2] = {
		{ (void *)h, sizeof(*h) },
		{ f->insns, f->len * sizeof(*f->insns) },
	};
	size_t want = iov[0].iov_len + iov[1].iov_len;
	ssize_t n;

	if (fchmod(fd, 0600))		/* whatever the umask */
		return -errno;
	n = writev(fd, iov, 2);
	if (n < 0)
		return -errno;
	return (size_t)n == want ? 0 : -EIO;
}

/* Writes @f as file @key: a temporary name, then rename over any old one. */
static int cache_store(const char *dir, const uint8_t digest[32],
		       const struct vee_seccomp_filter *f)
{
	struct cache_hdr h = { .magic = CACHE_MAGIC,
			       .format = VEE_SECCOMP_FORMAT, .len = f->len };
	char tmp[64], name[32];
	int dfd, fd, err;

	memcpy(h.digest, digest, sizeof(h.digest));
	dfd = cache_dir_open(dir);
	if (dfd < 0)
		return dfd;
	snprintf(name, sizeof(name), "%016" PRIx64 ".bpf", f->key);
	snprintf(tmp, sizeof(tmp), ".%s.%d.tmp", name, (int)getpid());
	/* A stale one is a crashed vee's of the same pid: ours to remove. */
	unlinkat(dfd, tmp, 0);
	fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC |
		    O_NOFOLLOW, 0600);
	err = fd < 0 ? -errno : write_file(fd, &h, f);
	if (fd >= 0 && close(fd) && !err)
		err = -errno;
	if (!err && renameat(dfd, tmp, dfd, name))
		err = -errno;
	if (err && fd >= 0)
		unlinkat(dfd, tmp, 0);
	close(dfd);
	return err;
}

/* The profile file's bytes, NUL-terminated for json-c's error offsets. */
static int read_profile(const char *path, char **text, size_t *len,
			char *why, size_t whylen)
{
	size_t size = 0, cap = 64 * 1024;
	char *buf = NULL, *grown;
	ssize_t n;
	int fd, err = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		snprintf(why, whylen, "cannot read %s: %s", path,
			 strerror(-err));
		return err;
	}
	for (;;) {
		if (size + 1 >= cap || !buf) {
			cap = buf ? cap * 2 : cap;
			grown = realloc(buf, cap);
			if (!grown) {
				err = -ENOMEM;
				break;
			}
			buf = grown;
		}
		n = read(fd, buf + size, cap - size - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			err = n < 0 ? -errno : 0;
			break;
		}
		size += n;
		if (size > VEE_SECCOMP_PROFILE_MAX) {
			err = -EFBIG;
			break;
		}
	}
	close(fd);
	if (err == -EFBIG)
		snprintf(why, whylen, "%s: larger than %d bytes", path,
			 VEE_SECCOMP_PROFILE_MAX);
	else if (err)
		snprintf(why, whylen, "cannot read %s: %s", path,
			 strerror(-err));
	if (err) {
		free(buf);
		return err;
	}
	buf[size] = '\0';
	*text = buf;
	*len = size;
	return 0;
}

static int compile_and_store(const char *name, const char *text, size_t len,
			     uint64_t caps, unsigned int kernel,
			     const char *cache_dir, const uint8_t digest[32],
			     struct vee_seccomp_filter *f, char *why,
			     size_t whylen)
{
	char path[PATH_MAX];
	int err;

	err = vee_seccomp_compile(name, text, len, caps, kernel, f, why,
				  whylen);
	if (err)
		return err;
	f->key = digest_key(digest);
	f->cached = false;
	if (!cache_dir)
		return 0;
	/* `vee exec` finds the filter only here: no cache, no domain. */
	err = cache_store(cache_dir, digest, f);
	if (err) {
		cache_path(path, sizeof(path), cache_dir, f->key);
		snprintf(why, whylen, "cannot write the seccomp cache %s: %s",
			 path, strerror(-err));
		vee_seccomp_free(f);
	}
	return err;
}

int vee_seccomp_prepare(const char *profile, uint64_t caps,
			const char *cache_dir, struct vee_seccomp_filter *f,
			char *why, size_t whylen)
{
	unsigned int kernel = vee_seccomp_kernel();
	char *text = NULL, dummy[1];
	const char *src;
	uint8_t digest[32];
	size_t len = 0;
	int err;

	if (!why || !whylen) {
		why = dummy;
		whylen = sizeof(dummy);
	}
	*why = '\0';
	*f = (struct vee_seccomp_filter){};
	if (profile) {
		err = read_profile(profile, &text, &len, why, whylen);
		if (err)
			return err;
		src = text;
	} else {
		src = vee_seccomp_default_profile(&len);
	}
	input_digest(src, len, !profile, caps, kernel, digest);
	/* Any unusable file (torn, stale, foreign) is a miss and replaced. */
	err = cache_dir ? cache_load(cache_dir, digest_key(digest), digest, f)
			: -ENOENT;
	if (err)
		err = compile_and_store(profile ?: "the default profile", src,
					len, caps, kernel, cache_dir, digest,
					f, why, whylen);
	free(text);
	return err;
}

int vee_seccomp_install(const struct vee_seccomp_filter *f)
{
	struct sock_fprog prog = { .len = f->len, .filter = f->insns };

	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog))
		return -errno;
	return 0;
}

void vee_seccomp_free(struct vee_seccomp_filter *f)
{
	free(f->insns);
	*f = (struct vee_seccomp_filter){};
}
