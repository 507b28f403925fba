/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The CSV that `vee record` writes (RFC 4180, comma-separated, one header
 * row): one row per domain per sample.  Columns, in order:
 *
 *   sample      0, 1, 2...: rows of one sample share it
 *   time_s      seconds since the first sample (CLOCK_MONOTONIC, ms)
 *   unix_time   wall-clock seconds since the epoch (CLOCK_REALTIME, ms)
 *   id, name, state
 *   cpu_usage_us, memory_current, memory_peak, pids_current
 *               the usage values of vee stats (empty when the cgroup
 *               did not give one)
 *   forks ... pids_limit_hits
 *               every counter of vee stats, under its JSON key
 *
 * In the library, so that the unit tests pin the columns.
 */
#ifndef VEE_RECORD_H
#define VEE_RECORD_H

#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "lib/nl.h"

void vee_record_header(FILE *out);

/* @since: time since the first sample; @wall: CLOCK_REALTIME of the sample. */
void vee_record_row(FILE *out, uint64_t sample, const struct timespec *since,
		    const struct timespec *wall, const struct vee_nl_domain *d);

/* @s as a CSV field: in double quotes (doubled inside) when it needs them. */
void vee_csv_field(FILE *out, const char *s);

#endif
