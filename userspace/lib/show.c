// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>

#include "lib/parse.h"
#include "lib/report.h"
#include "confine/caps.h"
#include "confine/profile.h"
#include "lib/show.h"

const char *const vee_counter_keys[__VEE_CNT_MAX] = {
	[VEE_CNT_FORKS] = "forks",
	[VEE_CNT_EXECS] = "execs",
	[VEE_CNT_EXITS] = "exits",
	[VEE_CNT_CTX_SWITCHES_VOLUNTARY] = "ctx_switches_voluntary",
	[VEE_CNT_CTX_SWITCHES_INVOLUNTARY] = "ctx_switches_involuntary",
	[VEE_CNT_PAGE_FAULTS] = "page_faults",
	[VEE_CNT_SYSCALLS] = "syscalls",
	[VEE_CNT_IO_READ_BYTES] = "io_read_bytes",
	[VEE_CNT_IO_WRITE_BYTES] = "io_write_bytes",
	[VEE_CNT_NET_RX_BYTES] = "net_rx_bytes",
	[VEE_CNT_NET_TX_BYTES] = "net_tx_bytes",
	[VEE_CNT_OOM_KILLS] = "oom_kills",
	[VEE_CNT_MEMORY_LIMIT_HITS] = "memory_limit_hits",
	[VEE_CNT_PIDS_LIMIT_HITS] = "pids_limit_hits",
};

/* The limits and usage values, by JSON key, in output order. */
static const struct {
	const char *key;
	int attr;
	bool max_is_unset;	/* VEE_LIMIT_MAX means no limit */
} limit_keys[] = {
	{ "memory_max", VEE_LIM_MEMORY_MAX, true },
	{ "memory_high", VEE_LIM_MEMORY_HIGH, true },
	{ "swap_max", VEE_LIM_SWAP_MAX, true },
	{ "pids_max", VEE_LIM_PIDS_MAX, true },
	{ "cpu_max_us", VEE_LIM_CPU_MAX_US, false },
	{ "cpu_period_us", VEE_LIM_CPU_PERIOD_US, false },
	{ "cpu_weight", VEE_LIM_CPU_WEIGHT, false },
};

const char *const vee_usage_keys[__VEE_USE_MAX] = {
	[VEE_USE_CPU_USAGE_US] = "cpu_usage_us",
	[VEE_USE_MEMORY_CURRENT] = "memory_current",
	[VEE_USE_MEMORY_PEAK] = "memory_peak",
	[VEE_USE_PIDS_CURRENT] = "pids_current",
};

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

const char *vee_event_name(uint32_t event)
{
	static const char *const names[__VEE_EVENT_MAX] = {
		[VEE_EVENT_CREATED] = "created",
		[VEE_EVENT_STARTED] = "started",
		[VEE_EVENT_OOM_KILL] = "oom_kill",
		[VEE_EVENT_LIMIT_HIT] = "limit_hit",
		[VEE_EVENT_EMPTY] = "empty",
		[VEE_EVENT_DESTROYED] = "destroyed",
	};

	return event < __VEE_EVENT_MAX && names[event] ? names[event] :
							 "unknown";
}

const char *vee_resource_name(uint32_t resource)
{
	switch (resource) {
	case VEE_RESOURCE_MEMORY:
		return "memory";
	case VEE_RESOURCE_PIDS:
		return "pids";
	default:
		return "unknown";
	}
}

/* Whether limit @attr is set: sent, and not "max" where max means none. */
static bool limit_set(const struct vee_nl_domain *d, int attr, bool max_unset)
{
	if (!(d->lim_present & (1U << attr)))
		return false;
	return !(max_unset && d->lim[attr] == VEE_LIMIT_MAX);
}

static void json_counters(struct json *j, const uint64_t *cnt)
{
	int i;

	json_begin_object(j, "counters");
	for (i = 0; i < __VEE_CNT_MAX; i++)
		if (vee_counter_keys[i])
			json_u64(j, vee_counter_keys[i], cnt[i]);
	json_end_object(j);
}

static void json_list(struct json *j, const char *key, const char *val,
		      bool set)
{
	if (set)
		json_string(j, key, val);
	else
		json_null(j, key);
}

void vee_show_domain_json(struct json *j, const struct vee_nl_domain *d)
{
	vee_show_domain_json_confined(j, d, NULL);
}

/* What a domain runs under (see confine/profile.h), from its INFO. */
static void json_confinement(struct json *j, const struct vee_info *info)
{
	uint32_t f = info->confine;
	unsigned int n;

	json_begin_object(j, "confinement");
	json_string(j, "profile", vee_confine_profile(f, info->caps));
	if (f & VEE_CONFINE_CAPS) {
		json_begin_array(j, "capabilities");
		for (n = 0; n <= VEE_CAP_LAST; n++)
			if (info->caps & (1ULL << n))
				json_string(j, NULL, vee_cap_name(n));
		json_end_array(j);
	} else {
		json_null(j, "capabilities");
	}
	json_string(j, "seccomp", !(f & VEE_CONFINE_SECCOMP) ? "unconfined" :
		    (f & VEE_CONFINE_SECCOMP_CUSTOM) ? "custom" : "default");
	json_bool(j, "no_new_privs", f & VEE_CONFINE_NNP);
	json_bool(j, "masked_paths", f & VEE_CONFINE_PATHS);
	json_bool(j, "devices", f & VEE_CONFINE_DEVICES);
	if (info->uid_count) {
		json_begin_object(j, "userns");
		json_u64(j, "uid_base", info->uid_base);
		json_u64(j, "uid_count", info->uid_count);
		json_end_object(j);
	} else {
		json_null(j, "userns");
	}
	json_end_object(j);
}

void vee_show_domain_json_confined(struct json *j,
				   const struct vee_nl_domain *d,
				   const struct vee_info *info)
{
	const struct vee_flag_name *ns;
	const struct vee_flag_name *a;
	unsigned int i;

	json_begin_object(j, NULL);
	json_string(j, "name", d->name);
	json_u64(j, "id", d->id);
	json_string(j, "state", vee_state_name(d->state));
	if (d->init_pid)
		json_u64(j, "init_pid", d->init_pid);
	else
		json_null(j, "init_pid");
	json_u64(j, "created_ns", d->created_ns);
	json_begin_array(j, "namespaces");
	for (ns = vee_ns_names; ns->name; ns++)
		if (d->ns_flags & ns->flag)
			json_string(j, NULL, ns->name);
	json_end_array(j);
	json_begin_array(j, "account");
	for (a = vee_acct_names; a->name; a++)
		if (d->account & a->flag)
			json_string(j, NULL, a->name);
	json_end_array(j);

	json_begin_object(j, "limits");
	for (i = 0; i < ARRAY_LEN(limit_keys); i++) {
		if (limit_set(d, limit_keys[i].attr, limit_keys[i].max_is_unset))
			json_u64(j, limit_keys[i].key, d->lim[limit_keys[i].attr]);
		else
			json_null(j, limit_keys[i].key);
	}
	json_list(j, "cpuset_cpus", d->cpuset_cpus,
		  limit_set(d, VEE_LIM_CPUSET_CPUS, false));
	json_list(j, "cpuset_mems", d->cpuset_mems,
		  limit_set(d, VEE_LIM_CPUSET_MEMS, false));
	json_end_object(j);

	json_begin_object(j, "usage");
	for (i = 0; i < __VEE_USE_MAX; i++) {
		if (!vee_usage_keys[i])
			continue;
		if (d->use_present & (1U << i))
			json_u64(j, vee_usage_keys[i], d->use[i]);
		else
			json_null(j, vee_usage_keys[i]);
	}
	json_end_object(j);

	json_counters(j, d->cnt);
	if (info)
		json_confinement(j, info);
	json_end_object(j);
}

void vee_show_account(FILE *out, uint64_t flags)
{
	const struct vee_flag_name *a;
	const char *sep = "";

	if (!flags)
		fputs("none", out);
	for (a = vee_acct_names; a->name; a++) {
		if (flags & a->flag) {
			fprintf(out, "%s%s", sep, a->name);
			sep = ",";
		}
	}
}

/* A byte count with a binary-prefixed rendering after it, "64M" style. */
static void text_bytes(FILE *out, uint64_t v)
{
	static const char units[] = "KMGTPE";
	double x = (double)v;
	int u = -1;

	fprintf(out, "%" PRIu64, v);
	while (x >= 1024 && u < 5) {
		x /= 1024;
		u++;
	}
	if (u >= 0)
		fprintf(out, " (%.1f%c)", x, units[u]);
}

#define KEY "%-26s "

void vee_show_domain_text(FILE *out, const struct vee_nl_domain *d)
{
	const struct vee_flag_name *ns;
	const char *sep = "";
	unsigned int i;
	int attr;

	fprintf(out, KEY "%s\n", "name", d->name);
	fprintf(out, KEY "%u\n", "id", d->id);
	fprintf(out, KEY "%s\n", "state", vee_state_name(d->state));
	if (d->init_pid)
		fprintf(out, KEY "%u\n", "init_pid", d->init_pid);
	else
		fprintf(out, KEY "-\n", "init_pid");
	fprintf(out, KEY "%" PRIu64 "\n", "created_ns", d->created_ns);
	fprintf(out, KEY, "namespaces");
	for (ns = vee_ns_names; ns->name; ns++) {
		if (d->ns_flags & ns->flag) {
			fprintf(out, "%s%s", sep, ns->name);
			sep = ",";
		}
	}
	fprintf(out, "%s\n", *sep ? "" : "none");
	fprintf(out, KEY, "account");
	vee_show_account(out, d->account);
	fputc('\n', out);

	for (i = 0; i < ARRAY_LEN(limit_keys); i++) {
		attr = limit_keys[i].attr;
		fprintf(out, KEY, limit_keys[i].key);
		if (!limit_set(d, attr, limit_keys[i].max_is_unset))
			fputs("none", out);
		else if (attr <= VEE_LIM_SWAP_MAX)
			text_bytes(out, d->lim[attr]);
		else
			fprintf(out, "%" PRIu64, d->lim[attr]);
		fputc('\n', out);
	}
	fprintf(out, KEY "%s\n", "cpuset_cpus",
		limit_set(d, VEE_LIM_CPUSET_CPUS, false) ? d->cpuset_cpus : "none");
	fprintf(out, KEY "%s\n", "cpuset_mems",
		limit_set(d, VEE_LIM_CPUSET_MEMS, false) ? d->cpuset_mems : "none");

	for (attr = 0; attr < __VEE_USE_MAX; attr++) {
		if (!vee_usage_keys[attr])
			continue;
		fprintf(out, KEY, vee_usage_keys[attr]);
		if (!(d->use_present & (1U << attr)))
			fputs("-", out);
		else if (attr == VEE_USE_MEMORY_CURRENT ||
			 attr == VEE_USE_MEMORY_PEAK)
			text_bytes(out, d->use[attr]);
		else
			fprintf(out, "%" PRIu64, d->use[attr]);
		fputc('\n', out);
	}
	for (i = 0; i < __VEE_CNT_MAX; i++)
		if (vee_counter_keys[i])
			fprintf(out, KEY "%" PRIu64 "\n", vee_counter_keys[i],
				d->cnt[i]);
}

void vee_show_confinement_text(FILE *out, const struct vee_info *info)
{
	uint32_t f = info->confine;
	const char *sep = "";
	unsigned int n;

	fprintf(out, KEY "%s\n", "confinement",
		vee_confine_profile(f, info->caps));
	fprintf(out, KEY, "capabilities");
	if (!(f & VEE_CONFINE_CAPS))
		fputs("all", out);
	else if (!info->caps)
		fputs("none", out);
	for (n = 0; (f & VEE_CONFINE_CAPS) && n <= VEE_CAP_LAST; n++) {
		if (info->caps & (1ULL << n)) {
			/* "CAP_CHOWN" as capabilities(7) lists it, less CAP_. */
			fprintf(out, "%s%s", sep, vee_cap_name(n) + 4);
			sep = ",";
		}
	}
	fputc('\n', out);
	fprintf(out, KEY "%s\n", "seccomp",
		!(f & VEE_CONFINE_SECCOMP) ? "unconfined" :
		(f & VEE_CONFINE_SECCOMP_CUSTOM) ? "custom" : "default");
	if (info->uid_count)
		fprintf(out, KEY "%u-%u\n", "host_uids", info->uid_base,
			info->uid_base + (info->uid_count - 1));
}

void vee_show_event_json(FILE *out, const struct vee_nl_event *ev)
{
	struct json j;

	json_init(&j, out);
	json_begin_object(&j, NULL);
	json_string(&j, "event", vee_event_name(ev->event));
	json_string(&j, "name", ev->name);
	json_u64(&j, "id", ev->id);
	json_u64(&j, "time_ns", ev->time_ns);
	if (ev->event == VEE_EVENT_LIMIT_HIT || ev->resource)
		json_string(&j, "resource", vee_resource_name(ev->resource));
	if (ev->has_counters)
		json_counters(&j, ev->cnt);
	json_end_object(&j);
}

void vee_show_event_text(FILE *out, const struct vee_nl_event *ev)
{
	int i;

	fprintf(out, "%6" PRIu64 ".%06" PRIu64 " %-10s %s id=%u",
		ev->time_ns / 1000000000, ev->time_ns % 1000000000 / 1000,
		vee_event_name(ev->event), ev->name, ev->id);
	if (ev->event == VEE_EVENT_LIMIT_HIT || ev->resource)
		fprintf(out, " resource=%s", vee_resource_name(ev->resource));
	if (ev->has_counters)
		for (i = 0; i < __VEE_CNT_MAX; i++)
			if (vee_counter_keys[i])
				fprintf(out, " %s=%" PRIu64, vee_counter_keys[i],
					ev->cnt[i]);
	fputc('\n', out);
}
