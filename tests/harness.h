/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small test harness in the manner of the kernel's kselftest_harness.h:
 * TEST(name) { ... } defines one behaviour; each test runs in its own child
 * process so that a crash or a failed ASSERT ends that test only; output is
 * TAP 13.  SKIP() marks a test skipped when a feature is missing, instead of
 * letting it pass.
 *
 *   ASSERT_*: fail and stop this test.   EXPECT_*: fail and go on.
 *
 * Every test program's main is test_main(): `./prog [-t NAME]...` runs the
 * named tests only.  Exit status 0 when nothing failed.
 */
#ifndef VEE_TEST_HARNESS_H
#define VEE_TEST_HARNESS_H

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define TEST_MAX 256
#define TEST_EXIT_SKIP 4

struct test_case {
	const char *name;
	void (*fn)(void);
};

static struct test_case test_cases[TEST_MAX];
static int test_count;
static int test_failed_here;	/* in the child: some EXPECT failed */

static inline void test_register(const char *name, void (*fn)(void))
{
	if (test_count < TEST_MAX)
		test_cases[test_count++] = (struct test_case){ name, fn };
}

#define TEST(name)							\
	static void test_##name(void);					\
	__attribute__((constructor)) static void test_reg_##name(void)	\
	{								\
		test_register(#name, test_##name);			\
	}								\
	static void test_##name(void)

#define TH_LOG(fmt, ...)						\
	fprintf(stdout, "#   %s:%d: " fmt "\n", __FILE__, __LINE__,	\
		##__VA_ARGS__)

#define SKIP(fmt, ...)							\
	do {								\
		fprintf(stdout, "#   SKIP: " fmt "\n", ##__VA_ARGS__);	\
		fflush(stdout);						\
		_exit(TEST_EXIT_SKIP);					\
	} while (0)

#define TEST_FAIL_(stop, fmt, ...)					\
	do {								\
		TH_LOG(fmt, ##__VA_ARGS__);				\
		test_failed_here = 1;					\
		if (stop) {						\
			fflush(stdout);					\
			_exit(1);					\
		}							\
	} while (0)

#define TEST_CMP_(stop, a, op, b)					\
	do {								\
		int64_t _a = (int64_t)(a), _b = (int64_t)(b);		\
		if (!(_a op _b))					\
			TEST_FAIL_(stop, "%s %s %s: %" PRId64 " vs %" PRId64, \
				   #a, #op, #b, _a, _b);		\
	} while (0)

#define ASSERT_EQ(a, b)	TEST_CMP_(1, a, ==, b)
#define ASSERT_NE(a, b)	TEST_CMP_(1, a, !=, b)
#define ASSERT_LT(a, b)	TEST_CMP_(1, a, <, b)
#define ASSERT_LE(a, b)	TEST_CMP_(1, a, <=, b)
#define ASSERT_GT(a, b)	TEST_CMP_(1, a, >, b)
#define ASSERT_GE(a, b)	TEST_CMP_(1, a, >=, b)
#define EXPECT_EQ(a, b)	TEST_CMP_(0, a, ==, b)
#define EXPECT_NE(a, b)	TEST_CMP_(0, a, !=, b)
#define EXPECT_GE(a, b)	TEST_CMP_(0, a, >=, b)
#define EXPECT_GT(a, b)	TEST_CMP_(0, a, >, b)
#define EXPECT_LE(a, b)	TEST_CMP_(0, a, <=, b)
#define ASSERT_TRUE(x)	TEST_CMP_(1, !!(x), ==, 1)
#define EXPECT_TRUE(x)	TEST_CMP_(0, !!(x), ==, 1)

#define TEST_STR_(stop, a, b)						\
	do {								\
		const char *_a = (a), *_b = (b);			\
		if (!_a || !_b || strcmp(_a, _b))			\
			TEST_FAIL_(stop, "%s == %s: \"%s\" vs \"%s\"",	\
				   #a, #b, _a ? _a : "(null)",		\
				   _b ? _b : "(null)");			\
	} while (0)
#define ASSERT_STREQ(a, b)	TEST_STR_(1, a, b)
#define EXPECT_STREQ(a, b)	TEST_STR_(0, a, b)

/* A call returning -1/errno style: expect failure with exactly @err. */
#define TEST_ERRNO_(stop, call, err)					\
	do {								\
		errno = 0;						\
		long _r = (long)(call);					\
		int _e = errno;						\
		if (_r != -1 || _e != (err))				\
			TEST_FAIL_(stop, "%s: want -1/%s, got %ld/%s",	\
				   #call, strerrorname_np(err) ?: "?", _r, \
				   _e ? (strerrorname_np(_e) ?: "?") : "0"); \
	} while (0)
#define ASSERT_ERRNO(call, err)	TEST_ERRNO_(1, call, err)
#define EXPECT_ERRNO(call, err)	TEST_ERRNO_(0, call, err)

static int test_selected(int argc, char **argv, const char *name)
{
	int i, any = 0;

	for (i = 1; i + 1 < argc; i++) {
		if (!strcmp(argv[i], "-t")) {
			any = 1;
			if (!strcmp(argv[++i], name))
				return 1;
		}
	}
	return !any;
}

static inline int test_main(int argc, char **argv)
{
	int i, n = 0, pass = 0, fail = 0, skip = 0, status;
	pid_t pid;

	for (i = 0; i < test_count; i++)
		n += test_selected(argc, argv, test_cases[i].name);
	printf("TAP version 13\n1..%d\n", n);
	fflush(stdout);
	n = 0;
	for (i = 0; i < test_count; i++) {
		if (!test_selected(argc, argv, test_cases[i].name))
			continue;
		n++;
		printf("# RUN %s\n", test_cases[i].name);
		fflush(stdout);
		pid = fork();
		if (pid < 0) {
			perror("fork");
			return 1;
		}
		if (pid == 0) {
			test_cases[i].fn();
			fflush(stdout);
			_exit(test_failed_here ? 1 : 0);
		}
		if (waitpid(pid, &status, 0) < 0) {
			perror("waitpid");
			return 1;
		}
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
			printf("ok %d %s\n", n, test_cases[i].name);
			pass++;
		} else if (WIFEXITED(status) &&
			   WEXITSTATUS(status) == TEST_EXIT_SKIP) {
			printf("ok %d %s # SKIP\n", n, test_cases[i].name);
			skip++;
		} else {
			if (WIFSIGNALED(status))
				printf("#   killed by signal %d\n",
				       WTERMSIG(status));
			printf("not ok %d %s\n", n, test_cases[i].name);
			fail++;
		}
		fflush(stdout);
	}
	printf("# %d passed, %d failed, %d skipped\n", pass, fail, skip);
	return fail ? 1 : 0;
}

#endif /* VEE_TEST_HARNESS_H */
