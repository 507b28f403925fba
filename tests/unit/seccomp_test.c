// SPDX-License-Identifier: GPL-2.0
/*
 * Seccomp profiles: Docker's default compiles and, installed in a child,
 * refuses what Docker refuses while ordinary work goes on; capabilities
 * switch its rules; the cache hands back the same program without
 * compiling and keys every input apart; malformed profiles are refused
 * with a sentence naming the field.
 *
 * Most refused calls would fail for an unprivileged user anyway, so the
 * probes run twice: once under the real default (EPERM), and once under
 * the same profile with defaultErrnoRet EHWPOISON, an errno no kernel
 * path returns for them, which only the filter can have answered.  Every
 * probe is harmless when the filter fails to stop it (bad magic, NULL
 * pointers, invalid flags), root or not.
 */
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <linux/capability.h>

#include "harness.h"
#include "confine/seccomp.h"

#define CAP(c)	(1ULL << CAP_##c)
/* Docker's 14 (moby oci/caps/defaults.go). */
#define DOCKER_CAPS (CAP(CHOWN) | CAP(DAC_OVERRIDE) | CAP(FSETID) |	\
		     CAP(FOWNER) | CAP(MKNOD) | CAP(NET_RAW) | CAP(SETGID) | \
		     CAP(SETUID) | CAP(SETFCAP) | CAP(SETPCAP) |		\
		     CAP(NET_BIND_SERVICE) | CAP(SYS_CHROOT) | CAP(KILL) |	\
		     CAP(AUDIT_WRITE))

#define FILTER_ERRNO	EHWPOISON	/* what the marked default answers */
#define WHY_MAX		512
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static char dir[64];

/* A fresh directory for this test's profiles and cache. */
static void make_dir(void)
{
	snprintf(dir, sizeof(dir), "/tmp/vee-seccomp-test-XXXXXX");
	if (!mkdtemp(dir))
		TEST_FAIL_(1, "mkdtemp: %s", strerror(errno));
}

static int rm_one(const char *path, const struct stat *st, int type,
		  struct FTW *ftw)
{
	remove(path);
	return 0;
}

static void remove_dir(void)
{
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Writes @json as @name in the test's directory; returns its path. */
static const char *profile(const char *name, const char *json)
{
	static char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f || fputs(json, f) < 0 || fclose(f))
		TEST_FAIL_(1, "writing %s: %s", path, strerror(errno));
	return path;
}

static void prepare(const char *path, uint64_t caps, const char *cache,
		    struct vee_seccomp_filter *f)
{
	char why[WHY_MAX] = "";
	int err = vee_seccomp_prepare(path, caps, cache, f, why, sizeof(why));

	if (err)
		TEST_FAIL_(1, "prepare %s: %d: %s", path ?: "default", err, why);
}

/* The default profile with defaultErrnoRet FILTER_ERRNO instead of 1. */
static const char *marked_default(void)
{
	static const char from[] = "\"defaultErrnoRet\": 1,";
	size_t len;
	const char *text = vee_seccomp_default_profile(&len), *at;
	char *copy, *json;

	copy = strndup(text, len);
	at = strstr(copy, from);
	ASSERT_TRUE(at);
	ASSERT_TRUE(asprintf(&json, "%.*s\"defaultErrnoRet\": %d,%s",
			     (int)(at - copy), copy, FILTER_ERRNO,
			     at + strlen(from)) > 0);
	free(copy);
	return profile("marked.json", json);
}

/*
 * Runs @fn(@arg) in a child that sets no_new_privs and installs @f, as a
 * domain's init does before exec; fails the test if the child does.
 */
static void confined(const struct vee_seccomp_filter *f,
		     void (*fn)(long), long arg)
{
	int status, err;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	ASSERT_GE(pid, 0);
	if (pid == 0) {
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
			TEST_FAIL_(1, "no_new_privs: %s", strerror(errno));
		err = vee_seccomp_install(f);
		if (err)
			TEST_FAIL_(1, "install: %s", strerror(-err));
		fn(arg);
		fflush(stdout);
		_exit(test_failed_here ? 1 : 0);
	}
	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	if (WIFSIGNALED(status))
		TH_LOG("confined child killed by signal %d", WTERMSIG(status));
	ASSERT_TRUE(WIFEXITED(status));
	ASSERT_EQ(WEXITSTATUS(status), 0);
}

/* clone(@flags) like fork; the child, if one is made, just exits. */
static long clone_flags(unsigned long flags)
{
	long r = syscall(SYS_clone, flags | SIGCHLD, 0, 0, 0, 0);

	if (r == 0)
		_exit(0);
	if (r > 0)
		waitpid(r, NULL, 0);
	return r;
}

/* What Docker's default refuses to a domain with Docker's caps, as @e. */
static void refused(long e)
{
	EXPECT_ERRNO(syscall(SYS_keyctl, 9999, 0, 0, 0, 0), e);
	EXPECT_ERRNO(syscall(SYS_add_key, NULL, NULL, NULL, 0, 0), e);
	EXPECT_ERRNO(syscall(SYS_request_key, NULL, NULL, NULL, 0), e);
	EXPECT_ERRNO(syscall(SYS_init_module, NULL, 0, ""), e);
	EXPECT_ERRNO(syscall(SYS_finit_module, -1, "", 0), e);
	EXPECT_ERRNO(syscall(SYS_delete_module, NULL, 0), e);
	EXPECT_ERRNO(syscall(SYS_kexec_file_load, -1, -1, 0, NULL, ~0UL), e);
	EXPECT_ERRNO(syscall(SYS_reboot, 0, 0, 0, NULL), e);
	EXPECT_ERRNO(syscall(SYS_bpf, 5 /* BPF_PROG_LOAD */, NULL, 0), e);
	EXPECT_ERRNO(syscall(SYS_perf_event_open, NULL, 0, -1, -1, 0), e);
	EXPECT_ERRNO(syscall(SYS_userfaultfd, ~0), e);
	EXPECT_ERRNO(syscall(SYS_open_by_handle_at, -1, NULL, 0), e);
	EXPECT_ERRNO(syscall(SYS_swapon, NULL, 0), e);
	EXPECT_ERRNO(syscall(SYS_swapoff, NULL), e);
	EXPECT_ERRNO(syscall(SYS_clock_settime, CLOCK_REALTIME, NULL), e);
	EXPECT_ERRNO(syscall(SYS_settimeofday, NULL, NULL), e);
	EXPECT_ERRNO(syscall(SYS_mount, NULL, NULL, NULL, 0, NULL), e);
	EXPECT_ERRNO(syscall(SYS_umount2, "/nonexistent-vee", 0), e);
	EXPECT_ERRNO(syscall(SYS_pivot_root, NULL, NULL), e);
	EXPECT_ERRNO(syscall(SYS_sethostname, NULL, 100000), e);
	EXPECT_ERRNO(syscall(SYS_syslog, 10 /* SIZE_BUFFER */, NULL, 0), e);
	EXPECT_ERRNO(syscall(SYS_iopl, 4), e);
	EXPECT_ERRNO(unshare(CLONE_NEWNS), e);
	EXPECT_ERRNO(unshare(CLONE_NEWUSER), e);
	EXPECT_ERRNO(setns(-1, 0), e);
	EXPECT_ERRNO(clone_flags(CLONE_NEWUSER), e);
	EXPECT_ERRNO(syscall(SYS_personality, 0x0040000 /* ADDR_NO_RANDOMIZE */), e);
	EXPECT_ERRNO(socket(40 /* AF_VSOCK */, SOCK_STREAM, 0), e);
	/* Its own errnoRet: glibc then falls back to clone. */
	EXPECT_ERRNO(syscall(SYS_clone3, NULL, 0), ENOSYS);
}

static void *thread_fn(void *arg)
{
	return arg;
}

/* What any program does, which the default must leave alone. */
static void allowed(long unused)
{
	char path[] = "/tmp/vee-seccomp-probe-XXXXXX", buf[8] = "";
	int fd, status;
	pthread_t t;
	void *ret;
	pid_t pid;

	EXPECT_EQ(syscall(SYS_getpid), getpid());
	fd = mkstemp(path);
	ASSERT_GE(fd, 0);
	EXPECT_EQ(write(fd, "hello", 5), 5);
	EXPECT_EQ(pread(fd, buf, 5, 0), 5);
	EXPECT_STREQ(buf, "hello");
	EXPECT_EQ(unlink(path), 0);
	close(fd);

	pid = fork();
	if (pid == 0)
		_exit(7);
	ASSERT_GT(pid, 0);
	ASSERT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_EQ(WEXITSTATUS(status), 7);
	/* glibc's pthread_create tries clone3 first. */
	ASSERT_EQ(pthread_create(&t, NULL, thread_fn, path), 0);
	ASSERT_EQ(pthread_join(t, &ret), 0);
	EXPECT_TRUE(ret == path);

	EXPECT_GE(syscall(SYS_personality, 0xffffffff), 0);
	EXPECT_ERRNO(chroot("/nonexistent-vee"), ENOENT);	/* SYS_CHROOT kept */
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	EXPECT_GE(fd, 0);
	close(fd);
}

TEST(default_refuses_what_docker_refuses)
{
	struct vee_seccomp_filter f;

	prepare(NULL, DOCKER_CAPS, NULL, &f);
	EXPECT_GT(f.len, 100);
	EXPECT_LE(f.len, 4096);
	confined(&f, refused, EPERM);
	vee_seccomp_free(&f);
}

TEST(refusals_come_from_the_filter)
{
	struct vee_seccomp_filter f;

	make_dir();
	prepare(marked_default(), DOCKER_CAPS, NULL, &f);
	confined(&f, refused, FILTER_ERRNO);
	vee_seccomp_free(&f);
	remove_dir();
}

TEST(default_allows_ordinary_work)
{
	struct vee_seccomp_filter f;

	prepare(NULL, DOCKER_CAPS, NULL, &f);
	confined(&f, allowed, 0);
	vee_seccomp_free(&f);
}

#ifdef __x86_64__
/* A 32-bit syscall from this 64-bit process: seccomp sees AUDIT_ARCH_I386. */
static long int80(long nr, long a, long b, long c)
{
	long ret;

	asm volatile("int $0x80" : "=a"(ret) : "a"(nr), "b"(a), "c"(b), "d"(c)
		     : "memory", "r8", "r9", "r10", "r11");
	return ret;
}

#define IA32_GETPID	20
#define IA32_KEYCTL	288

static void ia32_probes(long unused)
{
	/* Without x86 in the filter, the bad-arch action would kill us. */
	EXPECT_EQ(int80(IA32_GETPID, 0, 0, 0), getpid());
	EXPECT_EQ(int80(IA32_KEYCTL, 9999, 0, 0), -FILTER_ERRNO);
}

TEST(ia32_syscalls_are_filtered_too)
{
	struct vee_seccomp_filter f;

	if (int80(IA32_GETPID, 0, 0, 0) != getpid())
		SKIP("no ia32 emulation in this kernel");
	make_dir();
	prepare(marked_default(), DOCKER_CAPS, NULL, &f);
	confined(&f, ia32_probes, 0);
	vee_seccomp_free(&f);
	remove_dir();
}
#endif

static void settime_answers(long e)
{
	EXPECT_ERRNO(syscall(SYS_clock_settime, CLOCK_REALTIME, NULL), e);
}

static void clone3_answers(long e)
{
	EXPECT_ERRNO(syscall(SYS_clone3, NULL, 0), e);
}

/* includes.caps adds rules, excludes.caps drops them. */
TEST(capabilities_switch_rules)
{
	struct vee_seccomp_filter f;

	make_dir();
	prepare(marked_default(), DOCKER_CAPS, NULL, &f);
	confined(&f, settime_answers, FILTER_ERRNO);
	vee_seccomp_free(&f);
	/* Allowed: the kernel reads the NULL time and faults. */
	prepare(marked_default(), DOCKER_CAPS | CAP(SYS_TIME), NULL, &f);
	confined(&f, settime_answers, EFAULT);
	vee_seccomp_free(&f);
	/* SYS_ADMIN lifts clone3's ENOSYS: the kernel sees size 0. */
	prepare(marked_default(), DOCKER_CAPS | CAP(SYS_ADMIN), NULL, &f);
	confined(&f, clone3_answers, EINVAL);
	vee_seccomp_free(&f);
	remove_dir();
}

static void custom_probes(long unused)
{
	char path[128];
	int status = 0;
	pid_t pid;

	snprintf(path, sizeof(path), "%s/made-here", dir);
	EXPECT_ERRNO(mkdir(path, 0700), EPERM);
	EXPECT_ERRNO(rmdir(dir), ENOSYS);
	EXPECT_ERRNO(getpriority(PRIO_PGRP, 0), EACCES);
	EXPECT_ERRNO(getpriority(PRIO_USER, 0), EACCES);
	errno = 0;
	getpriority(PRIO_PROCESS, 0);
	EXPECT_EQ(errno, 0);
	EXPECT_EQ(umask(022), 022);	/* the default action: allow */
	pid = fork();
	if (pid == 0) {
		syscall(SYS_getppid);
		_exit(0);
	}
	EXPECT_GT(pid, 0);
	EXPECT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS);
}

/* A profile of one's own: actions, errnoRet, argument conditions. */
TEST(custom_profile_refuses_mkdir)
{
	struct vee_seccomp_filter f;
	const char *path;

	make_dir();
	path = profile("mkdir.json", "{\n"
		"\"defaultAction\": \"SCMP_ACT_ALLOW\",\n"
		"\"comment\": \"unknown fields are ignored\",\n"
		"\"architectures\": [\"SCMP_ARCH_X86_64\", \"SCMP_ARCH_X86\", \"SCMP_ARCH_AARCH64\"],\n"
		"\"flags\": [], \"listenerPath\": \"\",\n"
		"\"syscalls\": [\n"
		"{\"names\": [\"mkdir\", \"mkdirat\", \"no_such_syscall\"], \"action\": \"SCMP_ACT_ERRNO\"},\n"
		"{\"name\": \"rmdir\", \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 38},\n"
		"{\"names\": [\"getpriority\"], \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 13,\n"
		" \"args\": [{\"index\": 0, \"value\": 1, \"op\": \"SCMP_CMP_EQ\"},\n"
		"          {\"index\": 0, \"value\": 2, \"op\": \"SCMP_CMP_EQ\"}]},\n"
		"{\"names\": [\"getppid\"], \"action\": \"SCMP_ACT_KILL_PROCESS\"},\n"
		"{\"names\": [\"umask\"], \"action\": \"SCMP_ACT_KILL\",\n"
		" \"includes\": {\"caps\": [\"CAP_SYS_MODULE\"]}},\n"
		"{\"names\": [\"getppid\"], \"action\": \"SCMP_ACT_ALLOW\",\n"
		" \"excludes\": {\"minKernel\": \"2.6\"}},\n"
		"{\"names\": [\"getuid\"], \"action\": \"SCMP_ACT_ALLOW\"}\n"
		"]}\n");
	prepare(path, DOCKER_CAPS, NULL, &f);
	confined(&f, custom_probes, 0);
	vee_seccomp_free(&f);
	remove_dir();
}

/* Path of cache file @key under @cache. */
static const char *cache_file(const char *cache, uint64_t key)
{
	static char path[256];

	snprintf(path, sizeof(path), "%s/%016" PRIx64 ".bpf", cache, key);
	return path;
}

static bool same_filter(const struct vee_seccomp_filter *a,
			const struct vee_seccomp_filter *b)
{
	return a->key == b->key && a->len == b->len &&
	       !memcmp(a->insns, b->insns, a->len * sizeof(*a->insns));
}

TEST(cache_round_trip)
{
	struct vee_seccomp_filter f1, f2, f3;
	struct stat st1, st2;
	unsigned long n;
	char cache[128];

	make_dir();
	/* Missing parents are made; the cache itself is private. */
	snprintf(cache, sizeof(cache), "%s/run/vee/seccomp", dir);
	n = vee_seccomp_compiles();
	prepare(NULL, DOCKER_CAPS, cache, &f1);
	EXPECT_EQ(vee_seccomp_compiles(), n + 1);
	EXPECT_TRUE(!f1.cached);
	ASSERT_EQ(stat(cache, &st1), 0);
	EXPECT_EQ(st1.st_mode & 0777, 0700);
	ASSERT_EQ(stat(cache_file(cache, f1.key), &st1), 0);
	EXPECT_EQ(st1.st_mode & 0777, 0600);

	/* A hit: no compile, the file untouched, the same program. */
	prepare(NULL, DOCKER_CAPS, cache, &f2);
	EXPECT_EQ(vee_seccomp_compiles(), n + 1);
	EXPECT_TRUE(f2.cached);
	EXPECT_TRUE(same_filter(&f1, &f2));
	ASSERT_EQ(stat(cache_file(cache, f1.key), &st2), 0);
	EXPECT_EQ(st1.st_ino, st2.st_ino);
	EXPECT_EQ(st1.st_mtim.tv_nsec, st2.st_mtim.tv_nsec);

	/* vee exec: by key alone. */
	ASSERT_EQ(vee_seccomp_load_key(cache, f1.key, &f3), 0);
	EXPECT_TRUE(same_filter(&f1, &f3));
	EXPECT_EQ(vee_seccomp_load_key(cache, f1.key ^ 1, &f3), -ENOENT);
	/* The filter of the key is the same without a cache. */
	vee_seccomp_free(&f2);
	prepare(NULL, DOCKER_CAPS, NULL, &f2);
	EXPECT_TRUE(same_filter(&f1, &f2));
	vee_seccomp_free(&f1);
	vee_seccomp_free(&f2);
	vee_seccomp_free(&f3);
	remove_dir();
}

/* Proof that a hit is the file's: a change made there comes back. */
TEST(cache_hit_is_read_from_the_file)
{
	struct vee_seccomp_filter f1, f2;
	struct sock_filter last;
	unsigned long n;
	struct stat st;
	int fd;

	make_dir();
	prepare(NULL, DOCKER_CAPS, dir, &f1);
	fd = open(cache_file(dir, f1.key), O_RDWR);
	ASSERT_GE(fd, 0);
	ASSERT_EQ(fstat(fd, &st), 0);
	/* The instructions end the file. */
	last = f1.insns[f1.len - 1];
	last.k ^= 0x5a5a;
	ASSERT_EQ(pwrite(fd, &last, sizeof(last), st.st_size - sizeof(last)),
		  sizeof(last));
	close(fd);
	n = vee_seccomp_compiles();
	prepare(NULL, DOCKER_CAPS, dir, &f2);
	EXPECT_EQ(vee_seccomp_compiles(), n);
	EXPECT_EQ(f2.insns[f2.len - 1].k, last.k);
	vee_seccomp_free(&f1);
	vee_seccomp_free(&f2);
	remove_dir();
}

TEST(cache_keys_cover_the_inputs)
{
	struct vee_seccomp_filter a, b, c, d;
	unsigned long n;

	make_dir();
	n = vee_seccomp_compiles();
	prepare(NULL, DOCKER_CAPS, dir, &a);
	prepare(NULL, DOCKER_CAPS | CAP(SYS_TIME), dir, &b);
	EXPECT_NE(a.key, b.key);
	EXPECT_TRUE(!b.cached);
	EXPECT_EQ(vee_seccomp_compiles(), n + 2);
	/* More syscalls allowed: a different program. */
	EXPECT_TRUE(a.len != b.len ||
		    memcmp(a.insns, b.insns, a.len * sizeof(*a.insns)));
	/* A capability no rule names still makes its own key. */
	prepare(NULL, DOCKER_CAPS | CAP(WAKE_ALARM), dir, &c);
	EXPECT_NE(c.key, a.key);
	EXPECT_TRUE(!c.cached);
	/*
	 * The same text from a file is the same program under a key of its
	 * own (the built-in one is keyed by its build-time digest); that
	 * file again is a hit; one byte more is another key.
	 */
	size_t len;
	const char *text = vee_seccomp_default_profile(&len);
	char *copy = strndup(text, len);
	uint64_t same;

	prepare(profile("same.json", copy), DOCKER_CAPS, dir, &d);
	EXPECT_NE(d.key, a.key);
	EXPECT_EQ(d.len, a.len);
	EXPECT_TRUE(!memcmp(d.insns, a.insns, a.len * sizeof(*a.insns)));
	same = d.key;
	vee_seccomp_free(&d);
	prepare(profile("same.json", copy), DOCKER_CAPS, dir, &d);
	EXPECT_EQ(d.key, same);
	EXPECT_TRUE(d.cached);
	vee_seccomp_free(&d);
	copy = realloc(copy, len + 2);
	strcpy(copy + len, "\n");
	prepare(profile("plus.json", copy), DOCKER_CAPS, dir, &d);
	EXPECT_NE(d.key, same);
	EXPECT_TRUE(!d.cached);
	free(copy);
	vee_seccomp_free(&a);
	vee_seccomp_free(&b);
	vee_seccomp_free(&c);
	vee_seccomp_free(&d);
	remove_dir();
}

/* A torn or foreign file is not trusted: a miss, then rewritten. */
TEST(cache_refuses_bad_files)
{
	struct vee_seccomp_filter f, g;
	const char *file;
	unsigned long n;
	struct stat st;

	make_dir();
	prepare(NULL, DOCKER_CAPS, dir, &f);
	file = cache_file(dir, f.key);
	ASSERT_EQ(stat(file, &st), 0);
	ASSERT_EQ(truncate(file, st.st_size - 1), 0);
	EXPECT_EQ(vee_seccomp_load_key(dir, f.key, &g), -EINVAL);
	n = vee_seccomp_compiles();
	prepare(NULL, DOCKER_CAPS, dir, &g);
	EXPECT_EQ(vee_seccomp_compiles(), n + 1);
	EXPECT_TRUE(same_filter(&f, &g));
	vee_seccomp_free(&g);
	ASSERT_EQ(vee_seccomp_load_key(dir, f.key, &g), 0);
	vee_seccomp_free(&g);

	ASSERT_EQ(chmod(file, 0666), 0);
	EXPECT_EQ(vee_seccomp_load_key(dir, f.key, &g), -EPERM);
	ASSERT_EQ(unlink(file), 0);
	ASSERT_EQ(symlink("/etc/passwd", file), 0);
	EXPECT_EQ(vee_seccomp_load_key(dir, f.key, &g), -EPERM);
	prepare(NULL, DOCKER_CAPS, dir, &g);
	ASSERT_EQ(lstat(file, &st), 0);
	EXPECT_TRUE(S_ISREG(st.st_mode));
	EXPECT_EQ(st.st_mode & 0777, 0600);
	vee_seccomp_free(&g);

	/* A directory others can read is made private again. */
	ASSERT_EQ(unlink(file), 0);
	ASSERT_EQ(chmod(dir, 0755), 0);
	prepare(NULL, DOCKER_CAPS, dir, &g);
	ASSERT_EQ(stat(dir, &st), 0);
	EXPECT_EQ(st.st_mode & 0777, 0700);
	vee_seccomp_free(&g);
	vee_seccomp_free(&f);
	remove_dir();
}

struct bad {
	const char *json;
	int err;
	const char *why;	/* after "PATH: " */
};

#define RULE(x)	"{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [" x "]}"
#define ARG(x)	RULE("{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", " \
		     "\"args\": [" x "]}")
#define OK	"{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\"}"

static const struct bad bad_profiles[] = {
	{ "", -EINVAL, "not JSON: unexpected end of input at line 1" },
	{ "{\n\"defaultAction\": \"SCMP_ACT_ERRNO\",\n\"syscalls\": [\n",
	  -EINVAL, "not JSON: unexpected end of input at line 4" },
	{ "{\n\"defaultAction\": \"SCMP_ACT_ERRNO\",\n\"syscalls\": ]\n}",
	  -EINVAL, "not JSON: unexpected character at line 3" },
	{ "{\"defaultAction\": \"SCMP_ACT_ALLOW\"}\n{}", -EINVAL,
	  "not JSON: text after the end at line 2" },
	{ "[]", -EINVAL, "not a JSON object" },
	{ "{}", -EINVAL, "defaultAction: missing" },
	{ "{\"defaultAction\": 1}", -EINVAL, "defaultAction: not a string" },
	{ "{\"defaultAction\": \"SCMP_ACT_FOO\"}", -EINVAL,
	  "defaultAction: unknown action 'SCMP_ACT_FOO'" },
	{ "{\"defaultAction\": \"SCMP_ACT_NOTIFY\"}", -EOPNOTSUPP,
	  "defaultAction: SCMP_ACT_NOTIFY is not supported" },
	{ "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"defaultErrnoRet\": 1}",
	  -EINVAL, "defaultErrnoRet: SCMP_ACT_ALLOW takes no errno" },
	{ "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"defaultErrnoRet\": -1}",
	  -EINVAL, "defaultErrnoRet: not an unsigned integer" },
	{ "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"defaultErrnoRet\": 4096}",
	  -EINVAL, "defaultErrnoRet: 4096 is out of range (0-4095)" },
	{ "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": {}}", -EINVAL,
	  "syscalls: not an array" },
	{ RULE("1"), -EINVAL, "syscalls[0]: not an object" },
	{ RULE("{\"action\": \"SCMP_ACT_ALLOW\"}"), -EINVAL,
	  "syscalls[0]: no 'names'" },
	{ RULE("{\"names\": \"read\", \"action\": \"SCMP_ACT_ALLOW\"}"), -EINVAL,
	  "syscalls[0].names: not an array" },
	{ RULE("{\"names\": [\"read\", 3], \"action\": \"SCMP_ACT_ALLOW\"}"),
	  -EINVAL, "syscalls[0].names[1]: not a string" },
	{ RULE("{\"name\": \"read\", \"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\"}"),
	  -EINVAL, "syscalls[0]: both 'name' and 'names'" },
	{ RULE("{\"names\": [\"read\"]}"), -EINVAL, "syscalls[0].action: missing" },
	{ RULE(OK "," OK "," OK ", {\"names\": [\"read\"], \"action\": \"SCMP_ACT_FOO\"}"),
	  -EINVAL, "syscalls[3].action: unknown action 'SCMP_ACT_FOO'" },
	{ RULE("{\"names\": [\"read\"], \"action\": \"SCMP_ACT_TRACE\"}"),
	  -EOPNOTSUPP, "syscalls[0].action: SCMP_ACT_TRACE is not supported" },
	{ RULE("{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"errnoRet\": 1}"),
	  -EINVAL, "syscalls[0].errnoRet: SCMP_ACT_ALLOW takes no errno" },
	/* Checked even where the rule does not apply to these caps. */
	{ RULE("{\"names\": [\"read\"], \"action\": \"SCMP_ACT_BAR\", "
	       "\"includes\": {\"caps\": [\"CAP_SYS_MODULE\"]}}"),
	  -EINVAL, "syscalls[0].action: unknown action 'SCMP_ACT_BAR'" },
	{ RULE("{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": {}}"),
	  -EINVAL, "syscalls[0].args: not an array" },
	{ ARG("2"), -EINVAL, "syscalls[0].args[0]: not an object" },
	{ ARG("{\"index\": 6, \"value\": 0, \"op\": \"SCMP_CMP_EQ\"}"), -EINVAL,
	  "syscalls[0].args[0].index: 6 is out of range (0-5)" },
	{ ARG("{\"value\": 0, \"op\": \"SCMP_CMP_EQ\"}"), -EINVAL,
	  "syscalls[0].args[0].index: missing" },
	{ ARG("{\"index\": 0, \"op\": \"SCMP_CMP_EQ\"}"), -EINVAL,
	  "syscalls[0].args[0].value: missing" },
	{ ARG("{\"index\": 0, \"value\": -1, \"op\": \"SCMP_CMP_EQ\"}"), -EINVAL,
	  "syscalls[0].args[0].value: not an unsigned integer" },
	{ ARG("{\"index\": 0, \"value\": 1.5, \"op\": \"SCMP_CMP_EQ\"}"), -EINVAL,
	  "syscalls[0].args[0].value: not an unsigned integer" },
	{ ARG("{\"index\": 0, \"value\": \"1\", \"op\": \"SCMP_CMP_EQ\"}"), -EINVAL,
	  "syscalls[0].args[0].value: not an unsigned integer" },
	{ ARG("{\"index\": 0, \"value\": 1, \"valueTwo\": true, \"op\": \"SCMP_CMP_EQ\"}"),
	  -EINVAL, "syscalls[0].args[0].valueTwo: not an unsigned integer" },
	{ ARG("{\"index\": 0, \"value\": 0, \"op\": \"SCMP_CMP_FOO\"}"), -EINVAL,
	  "syscalls[0].args[0].op: unknown operator 'SCMP_CMP_FOO'" },
	{ ARG("{\"index\": 0, \"value\": 0}"), -EINVAL,
	  "syscalls[0].args[0].op: missing" },
	{ RULE("{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"includes\": []}"),
	  -EINVAL, "syscalls[0].includes: not an object" },
	{ RULE("{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", "
	       "\"includes\": {\"caps\": [\"CAP_FOO\"]}}"),
	  -EINVAL, "syscalls[0].includes.caps[0]: unknown capability 'CAP_FOO'" },
	{ RULE("{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", "
	       "\"excludes\": {\"minKernel\": \"four\"}}"),
	  -EINVAL, "syscalls[0].excludes.minKernel: 'four' is not MAJOR.MINOR" },
	{ RULE("{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", "
	       "\"excludes\": {\"arches\": \"amd64\"}}"),
	  -EINVAL, "syscalls[0].excludes.arches: not an array" },
	{ "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"architectures\": [\"SCMP_ARCH_FOO\"]}",
	  -EINVAL, "architectures[0]: unknown architecture 'SCMP_ARCH_FOO'" },
	{ "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"architectures\": [], \"archMap\": []}",
	  -EINVAL, "both 'architectures' and 'archMap'; use one" },
	{ "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"archMap\": [{\"architecture\": "
	  "\"SCMP_ARCH_X86_64\", \"subArchitectures\": [\"SCMP_ARCH_BAR\"]}]}",
	  -EINVAL, "archMap[0].subArchitectures[0]: unknown architecture 'SCMP_ARCH_BAR'" },
	{ "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"archMap\": [{}]}",
	  -EINVAL, "archMap[0].architecture: missing" },
	{ "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"flags\": [\"SECCOMP_FILTER_FLAG_LOG\"]}",
	  -EOPNOTSUPP, "flags[0]: SECCOMP_FILTER_FLAG_LOG is not supported" },
	{ "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"listenerPath\": \"/run/agent.sock\"}",
	  -EOPNOTSUPP, "listenerPath: seccomp notification is not supported" },
};

TEST(malformed_profiles_are_refused_by_field)
{
	char why[WHY_MAX], cache[128];
	struct vee_seccomp_filter f;
	const char *path;
	size_t i;
	int err;

	make_dir();
	snprintf(cache, sizeof(cache), "%s/cache", dir);
	for (i = 0; i < ARRAY_SIZE(bad_profiles); i++) {
		const struct bad *b = &bad_profiles[i];

		path = profile("p.json", b->json);
		err = vee_seccomp_prepare(path, DOCKER_CAPS, cache, &f, why,
					  sizeof(why));
		EXPECT_EQ(err, b->err);
		EXPECT_TRUE(f.insns == NULL && f.len == 0);
		if (strncmp(why, path, strlen(path)) ||
		    strncmp(why + strlen(path), ": ", 2) ||
		    strcmp(why + strlen(path) + 2, b->why))
			TEST_FAIL_(0, "profile %zu: want \"%s: %s\", got \"%s\"",
				   i, path, b->why, why);
	}
	/* Nothing was cached for them. */
	EXPECT_ERRNO(access(cache, F_OK), ENOENT);
	remove_dir();
}

TEST(unreadable_profile)
{
	struct vee_seccomp_filter f;
	char why[WHY_MAX];

	EXPECT_EQ(vee_seccomp_prepare("/nonexistent/p.json", 0, NULL, &f, why,
				      sizeof(why)), -ENOENT);
	EXPECT_STREQ(why, "cannot read /nonexistent/p.json: No such file or directory");
	EXPECT_EQ(vee_seccomp_prepare("/tmp", 0, NULL, &f, why, sizeof(why)),
		  -EISDIR);
}

TEST(default_profile_is_the_file_in_the_tree)
{
	static char buf[64 * 1024];
	const char *text;
	size_t len, n;
	FILE *f;

	text = vee_seccomp_default_profile(&len);
	f = fopen("userspace/confine/default-seccomp.json", "r");
	if (!f)
		SKIP("not run from the top of the tree");
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	EXPECT_EQ(len, n);
	EXPECT_TRUE(len == n && !memcmp(text, buf, len));
	EXPECT_EQ(text[len], '\0');
}

static void expect_sha256(const char *data, size_t len, const char *hex)
{
	uint8_t d[32];
	char got[65];
	int i;

	vee_seccomp_sha256(data, len, d);
	for (i = 0; i < 32; i++)
		snprintf(got + 2 * i, 3, "%02x", d[i]);
	EXPECT_STREQ(got, hex);
}

/* The build-time digest that keys the built-in profile is its text's. */
TEST(default_profile_digest_is_current)
{
	char hex[65];
	uint8_t d[32];
	size_t len;
	const char *text = vee_seccomp_default_profile(&len);
	int i;

	vee_seccomp_sha256(text, len, d);
	for (i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
	EXPECT_STREQ(hex, VEE_DEFAULT_SECCOMP_SHA256);
}

TEST(sha256_vectors)
{
	static char million[1000000];

	expect_sha256("", 0,
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	expect_sha256("abc", 3,
		"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	expect_sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56,
		"248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	memset(million, 'a', sizeof(million));
	expect_sha256(million, sizeof(million),
		"cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

int main(int argc, char **argv)
{
	return test_main(argc, argv);
}
