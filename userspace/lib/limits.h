/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The limit options that create, run and set share (--mem, --pids, ...):
 * their getopt_long entries, their help text, and how each fills a
 * struct vee_limits.  One place, so the three commands cannot drift.
 */
#ifndef VEE_LIMITS_H
#define VEE_LIMITS_H

#include <getopt.h>
#include <stdint.h>
#include <linux/vee.h>

#include "lib/parse.h"

/* getopt_long values of the limit options; outside any short option. */
enum {
	VEE_OPT_MEM = 0x200,
	VEE_OPT_MEM_HIGH,
	VEE_OPT_SWAP,
	VEE_OPT_PIDS,
	VEE_OPT_CPUS,
	VEE_OPT_CPU_WEIGHT,
	VEE_OPT_CPUSET,
	VEE_OPT_CPUSET_MEMS,
	VEE_OPT_IO_MAX,
	VEE_OPT_LIMIT_LAST = VEE_OPT_IO_MAX,
};

/* For `case VEE_OPT_LIMITS:` in a command's getopt loop. */
#define VEE_OPT_LIMITS		VEE_OPT_MEM ... VEE_OPT_LIMIT_LAST

/* Entries for a command's struct option array. */
#define VEE_LIMIT_OPTIONS						\
	{ "mem", required_argument, NULL, VEE_OPT_MEM },		\
	{ "mem-high", required_argument, NULL, VEE_OPT_MEM_HIGH },	\
	{ "swap", required_argument, NULL, VEE_OPT_SWAP },		\
	{ "pids", required_argument, NULL, VEE_OPT_PIDS },		\
	{ "cpus", required_argument, NULL, VEE_OPT_CPUS },		\
	{ "cpu-weight", required_argument, NULL, VEE_OPT_CPU_WEIGHT },	\
	{ "cpuset", required_argument, NULL, VEE_OPT_CPUSET },		\
	{ "cpuset-mems", required_argument, NULL, VEE_OPT_CPUSET_MEMS }, \
	{ "io-max", required_argument, NULL, VEE_OPT_IO_MAX }

#define VEE_LIMITS_USAGE \
	"[--mem SIZE] [--mem-high SIZE] [--swap SIZE] [--pids N] [--cpus N.N]\n" \
	"        [--cpu-weight W] [--cpuset LIST] [--cpuset-mems LIST]\n" \
	"        [--io-max \"MAJ:MIN KEY=VALUE...\"]"

#define VEE_LIMITS_HELP							\
	"Limits (each sets one cgroup file of the domain):\n"		\
	"  --mem SIZE          memory.max; SIZE is bytes with an optional K, M, G\n" \
	"                      or T (powers of 1024), or max\n"		\
	"  --mem-high SIZE     memory.high: reclaim hard above SIZE\n"	\
	"  --swap SIZE         memory.swap.max (0 means no swap)\n"	\
	"  --pids N            pids.max: at most N tasks (1-4194304, or max)\n" \
	"  --cpus N.N          cpu.max: N.N CPUs' worth of every 100 ms (0.01-1024,\n" \
	"                      or max)\n"				\
	"  --cpu-weight W      cpu.weight: share under contention (1-10000; 100 is\n" \
	"                      the default)\n"				\
	"  --cpuset LIST       cpuset.cpus: CPUs it may use, like 0-3,8\n" \
	"  --cpuset-mems LIST  cpuset.mems: memory nodes it may use, like 0\n" \
	"  --io-max \"MAJ:MIN [rbps=SIZE] [wbps=SIZE] [riops=N] [wiops=N]\"\n" \
	"                      io.max of one block device; a key not given is max\n"

/*
 * The limits being built, and the storage the cpuset bitmaps point into:
 * lim.cpuset_cpus and lim.cpuset_mems point inside this struct, so it must
 * stay where it is (not be copied) until the ioctl that carries it.
 */
struct vee_limit_opts {
	struct vee_limits lim;
	__u64 cpus[VEE_CPUSET_WORDS];
	__u64 mems[VEE_CPUSET_WORDS];
};

void vee_limit_opts_init(struct vee_limit_opts *lo);

/*
 * Applies limit option @opt (a VEE_OPT_* value) with value @arg: sets its
 * field(s) and its mask bit.  Given twice, the last one counts, except
 * --io-max, which the ABI carries for one device only.  Returns 0, or a
 * negative errno with @why saying "--OPTION: what is wrong".
 */
int vee_limit_option(struct vee_limit_opts *lo, int opt, const char *arg,
		     char why[VEE_WHY_MAX]);

/* The cgroup file of one VEE_LIMIT_* bit ("memory.max"), or NULL. */
const char *vee_limit_file(uint32_t bit);

#endif
