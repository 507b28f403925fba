// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <string.h>

#include "lib/record.h"
#include "lib/report.h"
#include "lib/show.h"

void vee_csv_field(FILE *out, const char *s)
{
	if (!s[strcspn(s, ",\"\r\n")]) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

void vee_record_header(FILE *out)
{
	int i;

	fputs("sample,time_s,unix_time,id,name,state", out);
	for (i = 0; i < __VEE_USE_MAX; i++)
		if (vee_usage_keys[i])
			fprintf(out, ",%s", vee_usage_keys[i]);
	for (i = 0; i < __VEE_CNT_MAX; i++)
		if (vee_counter_keys[i])
			fprintf(out, ",%s", vee_counter_keys[i]);
	fputc('\n', out);
}

/* Seconds with milliseconds, from a non-negative time. */
static void record_time(FILE *out, const struct timespec *t)
{
	fprintf(out, ",%lld.%03ld", (long long)t->tv_sec, t->tv_nsec / 1000000);
}

void vee_record_row(FILE *out, uint64_t sample, const struct timespec *since,
		    const struct timespec *wall, const struct vee_nl_domain *d)
{
	int i;

	fprintf(out, "%" PRIu64, sample);
	record_time(out, since);
	record_time(out, wall);
	fprintf(out, ",%u,", d->id);
	vee_csv_field(out, d->name);
	fprintf(out, ",%s", vee_state_name(d->state));
	for (i = 0; i < __VEE_USE_MAX; i++) {
		if (!vee_usage_keys[i])
			continue;
		if (d->use_present & (1U << i))
			fprintf(out, ",%" PRIu64, d->use[i]);
		else
			fputc(',', out);
	}
	for (i = 0; i < __VEE_CNT_MAX; i++)
		if (vee_counter_keys[i])
			fprintf(out, ",%" PRIu64, d->cnt[i]);
	fputc('\n', out);
}
