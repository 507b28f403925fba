// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <inttypes.h>

#include "lib/prom.h"
#include "lib/report.h"

/* Where a family's value comes from. */
enum prom_src {
	PROM_INFO,	/* 1, with the state as a label */
	PROM_USE,	/* d->use[attr], when sent */
	PROM_CNT,	/* d->cnt[attr] */
	PROM_LIM,	/* d->lim[attr], when set */
};

#define PROM_USEC	(1U << 0)	/* microseconds, shown as seconds */
#define PROM_MAX_UNSET	(1U << 1)	/* a limit of VEE_LIMIT_MAX: no sample */

struct prom_family {
	const char *name;
	const char *type;
	const char *help;
	enum prom_src src;
	int attr;
	unsigned int flags;	/* PROM_* */
};

#define COUNTER(name, attr, help) \
	{ name, "counter", help, PROM_CNT, attr, 0 }
#define USAGE(name, type, attr, flags, help) \
	{ name, type, help, PROM_USE, attr, flags }
#define LIMIT(name, attr, flags, help) \
	{ name, "gauge", help, PROM_LIM, attr, flags }

/* The exposition's order; README's table lists the same families. */
static const struct prom_family prom_families[] = {
	{ "vee_domain_info", "gauge",
	  "Always 1: one sample per domain, its state as a label.",
	  PROM_INFO, 0, 0 },
	USAGE("vee_cpu_usage_seconds_total", "counter", VEE_USE_CPU_USAGE_US,
	      PROM_USEC, "CPU time used by the domain's tasks (cgroup cpu.stat usage_usec)."),
	USAGE("vee_memory_current_bytes", "gauge", VEE_USE_MEMORY_CURRENT, 0,
	      "Memory charged to the domain now (cgroup memory.current)."),
	USAGE("vee_memory_peak_bytes", "gauge", VEE_USE_MEMORY_PEAK, 0,
	      "Most memory ever charged to the domain (cgroup memory.peak)."),
	USAGE("vee_pids_current", "gauge", VEE_USE_PIDS_CURRENT, 0,
	      "Tasks in the domain now (cgroup pids.current)."),
	COUNTER("vee_forks_total", VEE_CNT_FORKS,
		"Tasks born in the domain, threads included."),
	COUNTER("vee_execs_total", VEE_CNT_EXECS,
		"Successful execs by the domain's tasks."),
	COUNTER("vee_exits_total", VEE_CNT_EXITS,
		"Task exits in the domain, threads included."),
	COUNTER("vee_ctx_switches_voluntary_total", VEE_CNT_CTX_SWITCHES_VOLUNTARY,
		"Context switches away from a domain task that blocked."),
	COUNTER("vee_ctx_switches_involuntary_total", VEE_CNT_CTX_SWITCHES_INVOLUNTARY,
		"Context switches away from a domain task that was still runnable."),
	COUNTER("vee_page_faults_total", VEE_CNT_PAGE_FAULTS,
		"User-mode page faults of the domain's tasks, minor and major."),
	COUNTER("vee_syscalls_total", VEE_CNT_SYSCALLS,
		"System calls entered by the domain's tasks (only with --account syscall)."),
	COUNTER("vee_io_read_bytes_total", VEE_CNT_IO_READ_BYTES,
		"Bytes of read bios queued by the domain's tasks."),
	COUNTER("vee_io_write_bytes_total", VEE_CNT_IO_WRITE_BYTES,
		"Bytes of write bios queued by the domain's tasks (not page-cache writeback)."),
	COUNTER("vee_net_rx_bytes_total", VEE_CNT_NET_RX_BYTES,
		"Bytes received by the devices of the domain's network namespace."),
	COUNTER("vee_net_tx_bytes_total", VEE_CNT_NET_TX_BYTES,
		"Bytes sent by the devices of the domain's network namespace."),
	COUNTER("vee_oom_kills_total", VEE_CNT_OOM_KILLS,
		"Domain tasks chosen by the OOM killer."),
	COUNTER("vee_memory_limit_hits_total", VEE_CNT_MEMORY_LIMIT_HITS,
		"Times the domain hit memory.max (memory.events max)."),
	COUNTER("vee_pids_limit_hits_total", VEE_CNT_PIDS_LIMIT_HITS,
		"Forks refused by pids.max (pids.events max)."),
	LIMIT("vee_memory_max_bytes", VEE_LIM_MEMORY_MAX, PROM_MAX_UNSET,
	      "memory.max of the domain; no sample when not set."),
	LIMIT("vee_memory_high_bytes", VEE_LIM_MEMORY_HIGH, PROM_MAX_UNSET,
	      "memory.high of the domain; no sample when not set."),
	LIMIT("vee_swap_max_bytes", VEE_LIM_SWAP_MAX, PROM_MAX_UNSET,
	      "memory.swap.max of the domain; no sample when not set."),
	LIMIT("vee_pids_max", VEE_LIM_PIDS_MAX, PROM_MAX_UNSET,
	      "pids.max of the domain; no sample when not set."),
	LIMIT("vee_cpu_max_seconds", VEE_LIM_CPU_MAX_US, PROM_USEC,
	      "CPU time the domain may use per period (cpu.max quota); no sample when not set."),
	LIMIT("vee_cpu_period_seconds", VEE_LIM_CPU_PERIOD_US, PROM_USEC,
	      "The period of cpu.max."),
	LIMIT("vee_cpu_weight", VEE_LIM_CPU_WEIGHT, 0,
	      "cpu.weight of the domain (1 to 10000)."),
};

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

void vee_prom_label_value(FILE *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '\\':
			fputs("\\\\", out);
			break;
		case '"':
			fputs("\\\"", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		default:
			fputc(*s, out);
		}
	}
}

/* The value of @f for @d into *@v; false when @d has no sample of it. */
static bool prom_value(const struct prom_family *f,
		       const struct vee_nl_domain *d, uint64_t *v)
{
	switch (f->src) {
	case PROM_INFO:
		*v = 1;
		return true;
	case PROM_USE:
		*v = d->use[f->attr];
		return d->use_present & (1U << f->attr);
	case PROM_CNT:
		*v = d->cnt[f->attr];
		return true;
	case PROM_LIM:
		*v = d->lim[f->attr];
		if (!(d->lim_present & (1U << f->attr)))
			return false;
		return !((f->flags & PROM_MAX_UNSET) && *v == VEE_LIMIT_MAX);
	}
	return false;
}

static void prom_sample(FILE *out, const struct prom_family *f,
			const struct vee_nl_domain *d, uint64_t v)
{
	fprintf(out, "%s{name=\"", f->name);
	vee_prom_label_value(out, d->name);
	fprintf(out, "\",id=\"%u\"", d->id);
	if (f->src == PROM_INFO) {
		fputs(",state=\"", out);
		vee_prom_label_value(out, vee_state_name(d->state));
		fputc('"', out);
	}
	/* Microseconds as exact decimal seconds: no floating-point rounding. */
	if (f->flags & PROM_USEC)
		fprintf(out, "} %" PRIu64 ".%06" PRIu64 "\n", v / 1000000,
			v % 1000000);
	else
		fprintf(out, "} %" PRIu64 "\n", v);
}

int vee_prom_write(FILE *out, const struct vee_nl_domain *d, size_t n)
{
	const struct prom_family *f;
	uint64_t v;
	size_t i;

	for (f = prom_families; f < prom_families + ARRAY_LEN(prom_families); f++) {
		fprintf(out, "# HELP %s %s\n# TYPE %s %s\n", f->name, f->help,
			f->name, f->type);
		for (i = 0; i < n; i++)
			if (prom_value(f, &d[i], &v))
				prom_sample(out, f, &d[i], v);
	}
	return ferror(out) ? -EIO : 0;
}
