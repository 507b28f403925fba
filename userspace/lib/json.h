/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small streaming JSON writer: the tool's --json output goes through it
 * so that every string is escaped the same way and commas fall right.
 */
#ifndef VEE_JSON_H
#define VEE_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 16

struct json {
	FILE *out;
	int depth;
	bool need_comma[JSON_MAX_DEPTH];
};

void json_init(struct json *j, FILE *out);
void json_begin_object(struct json *j, const char *key);
void json_end_object(struct json *j);
void json_begin_array(struct json *j, const char *key);
void json_end_array(struct json *j);
void json_string(struct json *j, const char *key, const char *value);
void json_u64(struct json *j, const char *key, uint64_t value);
void json_null(struct json *j, const char *key);
void json_bool(struct json *j, const char *key, bool value);

/* Writes @s as a JSON string literal, quotes included. */
void json_write_escaped(FILE *out, const char *s);

#endif
