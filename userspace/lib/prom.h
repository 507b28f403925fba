/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Domains in the Prometheus text exposition format (version 0.0.4), for
 * `vee stats --format prometheus` and node_exporter's textfile collector.
 *
 * Every family gets one "# HELP" and one "# TYPE" line, then all of its
 * samples, one per domain in the order given; families come in a fixed
 * order.  Every sample carries the labels name and id.  Counters end in
 * _total, units are base units in the name (_bytes, _seconds); a limit
 * that is not set has no sample (Prometheus' way of saying "none").  No
 * timestamps: the textfile collector refuses them.
 */
#ifndef VEE_PROM_H
#define VEE_PROM_H

#include <stddef.h>
#include <stdio.h>

#include "lib/nl.h"

/* Writes @n domains; 0, or -EIO when writing to @out failed. */
int vee_prom_write(FILE *out, const struct vee_nl_domain *d, size_t n);

/* @s as a label value: backslash, double quote and newline escaped. */
void vee_prom_label_value(FILE *out, const char *s);

#endif
