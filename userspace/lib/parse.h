/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Parsers for the values users type: sizes, counts, CPU shares, CPU and
 * node lists, io.max lines, namespace lists and signals.  Pure functions:
 * each returns 0 and fills its result, or -EINVAL (-ERANGE for a value out
 * of range) and writes into @why a sentence that starts with the rejected
 * text, e.g. "'12Q' is not a size (use K, M, G or max)", so the caller
 * only has to put "vee: OP: --OPTION: " in front.  Nothing here prints.
 */
#ifndef VEE_PARSE_H
#define VEE_PARSE_H

#include <stdbool.h>
#include <stdint.h>
#include <linux/vee.h>

#define VEE_WHY_MAX		160

/* cpu.max: vee always uses this period; --cpus N.N is N.N of it. */
#define VEE_CPU_PERIOD_US	100000
#define VEE_CPU_QUOTA_MIN_US	1000	/* the kernel's least quota */
#define VEE_CPUS_MAX		1024	/* most CPUs --cpus may ask for */
#define VEE_CPU_WEIGHT_MAX	10000
#define VEE_PIDS_MAX		4194304	/* PID_MAX_LIMIT */

/* Words of a cpuset bitmap, and the first CPU (node) id it cannot hold. */
#define VEE_CPUSET_WORDS	(VEE_CPUSET_BITMAP_MAX / 8)
#define VEE_CPUSET_IDS		(VEE_CPUSET_BITMAP_MAX * 8)

/*
 * SIZE: decimal bytes with an optional K, M, G or T suffix (powers of
 * 1024, either case), or "max" (VEE_LIMIT_MAX).  0 is refused unless
 * @zero_ok (memory.swap.max 0 means "no swap"; memory.max 0 is useless).
 */
int vee_parse_size(const char *s, bool zero_ok, __u64 *out,
		   char why[VEE_WHY_MAX]);

/* --pids: 1 to VEE_PIDS_MAX, or "max". */
int vee_parse_pids(const char *s, __u64 *out, char why[VEE_WHY_MAX]);

/*
 * --cpus: CPUs as a decimal fraction (0.01 to VEE_CPUS_MAX, at most five
 * decimals, which is 10 us of a 100 ms period) or "max"; the result is the
 * quota in microseconds per VEE_CPU_PERIOD_US, or VEE_LIMIT_MAX.
 */
int vee_parse_cpus(const char *s, __u64 *quota_us,
		   char why[VEE_WHY_MAX]);

/* --cpu-weight: 1 to VEE_CPU_WEIGHT_MAX. */
int vee_parse_cpu_weight(const char *s, __u32 *out,
			 char why[VEE_WHY_MAX]);

/*
 * A CPU or node list ("0-3,8,10-11") into @bits (VEE_CPUSET_WORDS words,
 * bit n % 64 of word n / 64); *@size is the bytes that matter (whole words
 * up to the highest id).  Ids must be below VEE_CPUSET_IDS, ranges go up,
 * and the list must name at least one id.  @what is "CPU" or "node", for
 * the message.
 */
int vee_parse_cpu_list(const char *s, const char *what, __u64 *bits,
		       __u32 *size, char why[VEE_WHY_MAX]);

/*
 * --io-max "MAJ:MIN [rbps=N] [wbps=N] [riops=N] [wiops=N]": at least one
 * key, each at most once; a value is a number (a SIZE for the byte rates)
 * or "max".  Keys not given are "max", since io.max is written whole.
 * Fills the io_* fields of @lim (not its mask).
 */
int vee_parse_io_max(const char *s, struct vee_limits *lim,
		     char why[VEE_WHY_MAX]);

/*
 * --ns: a comma list of mnt, pid, net, uts, ipc, cgroup, user, time, or
 * "all"; into VEE_NS_* bits.
 */
int vee_parse_ns(const char *s, __u64 *out, char why[VEE_WHY_MAX]);

/* The names of the VEE_NS_* bits, in a fixed order, for output. */
/* A word of a comma list and the flag it stands for. */
struct vee_flag_name {
	const char *name;
	__u64 flag;
};

extern const struct vee_flag_name vee_ns_names[];	/* ends with { NULL, 0 } */

/* --count, --iterations: 1 to VEE_COUNT_MAX. */
#define VEE_COUNT_MAX		1000000000
int vee_parse_count(const char *s, __u64 *out, char why[VEE_WHY_MAX]);

/*
 * Seconds with at most 3 decimals, from @min_ms milliseconds to @max_s
 * seconds, into milliseconds.
 */
int vee_parse_seconds(const char *s, uint64_t min_ms, uint64_t max_s,
		      uint64_t *ms, char why[VEE_WHY_MAX]);

/* --interval: seconds with at most 3 decimals, 0.1 to VEE_INTERVAL_MAX_S. */
#define VEE_INTERVAL_MAX_S	3600
int vee_parse_interval(const char *s, unsigned int *ms, char why[VEE_WHY_MAX]);

/*
 * --account: a comma list of sched, fork, fault, io, net, oom, syscall, or
 * "all" (VEE_ACCT_ALL); "none" alone is 0.  Into VEE_ACCT_* bits.
 */
int vee_parse_account(const char *s, __u64 *out, char why[VEE_WHY_MAX]);

/* The names of the VEE_ACCT_* bits, in a fixed order, for output. */
extern const struct vee_flag_name vee_acct_names[];	/* ends with { NULL, 0 } */

/*
 * A signal: a name with or without "SIG" in either case (KILL, SIGTERM,
 * usr1), RTMIN+N / RTMAX-N, or a number from 1 to 64.
 */
int vee_parse_signal(const char *s, int *out, char why[VEE_WHY_MAX]);

#endif
