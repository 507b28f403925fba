// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "lib/limits.h"

void vee_limit_opts_init(struct vee_limit_opts *lo)
{
	memset(lo, 0, sizeof(*lo));
}

static const char *const limit_files[] = {
	"memory.max", "memory.high", "memory.swap.max", "pids.max",
	"cpu.max", "cpu.weight", "cpuset.cpus", "cpuset.mems", "io.max",
};

const char *vee_limit_file(uint32_t bit)
{
	unsigned int i;

	for (i = 0; i < sizeof(limit_files) / sizeof(limit_files[0]); i++)
		if (bit == 1U << i)
			return limit_files[i];
	return NULL;
}

static const char *const option_names[] = {
	"--mem", "--mem-high", "--swap", "--pids", "--cpus", "--cpu-weight",
	"--cpuset", "--cpuset-mems", "--io-max",
};

int vee_limit_option(struct vee_limit_opts *lo, int opt, const char *arg,
		     char why[VEE_WHY_MAX])
{
	struct vee_limits *l = &lo->lim, v = {};
	__u64 bits[VEE_CPUSET_WORDS];
	char sub[VEE_WHY_MAX];
	uint32_t bit;
	int err;

	if (opt < VEE_OPT_MEM || opt > VEE_OPT_LIMIT_LAST) {
		snprintf(why, VEE_WHY_MAX, "option %#x is not a limit", opt);
		return -EINVAL;
	}
	/* The options are in VEE_LIMIT_* order, one bit each. */
	bit = 1U << (opt - VEE_OPT_MEM);
	if (bit == VEE_LIMIT_IO_MAX && (l->mask & bit)) {
		snprintf(why, VEE_WHY_MAX, "--io-max: given twice, but one call sets one device");
		return -EINVAL;
	}

	/*
	 * Parse into @v and @bits first, so that a bad value changes nothing
	 * and no field is ever set without its mask bit (the kernel refuses
	 * that).
	 */
	switch (opt) {
	case VEE_OPT_MEM:
		err = vee_parse_size(arg, false, &v.memory_max, sub);
		break;
	case VEE_OPT_MEM_HIGH:
		err = vee_parse_size(arg, false, &v.memory_high, sub);
		break;
	case VEE_OPT_SWAP:
		err = vee_parse_size(arg, true, &v.swap_max, sub);
		break;
	case VEE_OPT_PIDS:
		err = vee_parse_pids(arg, &v.pids_max, sub);
		break;
	case VEE_OPT_CPUS:
		err = vee_parse_cpus(arg, &v.cpu_quota_us, sub);
		v.cpu_period_us = VEE_CPU_PERIOD_US;
		break;
	case VEE_OPT_CPU_WEIGHT:
		err = vee_parse_cpu_weight(arg, &v.cpu_weight, sub);
		break;
	case VEE_OPT_CPUSET:
		err = vee_parse_cpu_list(arg, "CPU", bits, &v.cpuset_cpus_size,
					 sub);
		break;
	case VEE_OPT_CPUSET_MEMS:
		err = vee_parse_cpu_list(arg, "node", bits, &v.cpuset_mems_size,
					 sub);
		break;
	default:		/* VEE_OPT_IO_MAX */
		err = vee_parse_io_max(arg, &v, sub);
		break;
	}
	if (err) {
		/* Room for the longest option name (13) and the separator. */
		snprintf(why, VEE_WHY_MAX, "%s: %.*s",
			 option_names[opt - VEE_OPT_MEM], VEE_WHY_MAX - 16, sub);
		return err;
	}

	switch (opt) {
	case VEE_OPT_MEM:
		l->memory_max = v.memory_max;
		break;
	case VEE_OPT_MEM_HIGH:
		l->memory_high = v.memory_high;
		break;
	case VEE_OPT_SWAP:
		l->swap_max = v.swap_max;
		break;
	case VEE_OPT_PIDS:
		l->pids_max = v.pids_max;
		break;
	case VEE_OPT_CPUS:
		l->cpu_quota_us = v.cpu_quota_us;
		l->cpu_period_us = v.cpu_period_us;
		break;
	case VEE_OPT_CPU_WEIGHT:
		l->cpu_weight = v.cpu_weight;
		break;
	case VEE_OPT_CPUSET:
		memcpy(lo->cpus, bits, sizeof(bits));
		l->cpuset_cpus = (uintptr_t)lo->cpus;
		l->cpuset_cpus_size = v.cpuset_cpus_size;
		break;
	case VEE_OPT_CPUSET_MEMS:
		memcpy(lo->mems, bits, sizeof(bits));
		l->cpuset_mems = (uintptr_t)lo->mems;
		l->cpuset_mems_size = v.cpuset_mems_size;
		break;
	default:
		l->io_major = v.io_major;
		l->io_minor = v.io_minor;
		l->io_rbps = v.io_rbps;
		l->io_wbps = v.io_wbps;
		l->io_riops = v.io_riops;
		l->io_wiops = v.io_wiops;
		break;
	}
	l->mask |= bit;
	return 0;
}
