/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How domains and events look on output: the JSON objects the command
 * line promises (`vee stats --json`, `vee list --json`, `vee events
 * --json`) and their text forms.  In the library, so that the unit tests
 * pin every key.
 */
#ifndef VEE_SHOW_H
#define VEE_SHOW_H

#include <stdio.h>

#include "lib/json.h"
#include "lib/nl.h"

/* JSON keys of the counters, indexed by VEE_CNT_* (NULL for the others). */
extern const char *const vee_counter_keys[__VEE_CNT_MAX];
/* JSON keys of the usage values, indexed by VEE_USE_* (NULL for the others). */
extern const char *const vee_usage_keys[__VEE_USE_MAX];

/* "created", "limit_hit", ...; "unknown" for what this tool does not know. */
const char *vee_event_name(uint32_t event);
/* "memory", "pids"; "unknown" otherwise. */
const char *vee_resource_name(uint32_t resource);

/* One domain object, as an element of an array or the whole output. */
void vee_show_domain_json(struct json *j, const struct vee_nl_domain *d);
/* The same with a "confinement" object from @info (NULL: none). */
void vee_show_domain_json_confined(struct json *j,
				   const struct vee_nl_domain *d,
				   const struct vee_info *info);
/* `vee stats NAME`: one "key value" line per field. */
void vee_show_domain_text(FILE *out, const struct vee_nl_domain *d);
/* Its confinement, KEY VALUE lines as the text above. */
void vee_show_confinement_text(FILE *out, const struct vee_info *info);

/* One event as a line of JSON Lines, or as a line of text. */
void vee_show_event_json(FILE *out, const struct vee_nl_event *ev);
void vee_show_event_text(FILE *out, const struct vee_nl_event *ev);

/* Comma list of the VEE_ACCT_* names in @flags ("none" when empty). */
void vee_show_account(FILE *out, uint64_t flags);

#endif
