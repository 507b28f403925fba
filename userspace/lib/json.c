// SPDX-License-Identifier: GPL-2.0

#include "lib/json.h"

void json_init(struct json *j, FILE *out)
{
	j->out = out;
	j->depth = 0;
	j->need_comma[0] = false;
}

/* Bytes that JSON strings cannot hold as they are. */
static bool json_needs_escape(unsigned char c)
{
	return c < 0x20 || c == '"' || c == '\\';
}

/*
 * Runs of plain bytes go out with one fwrite: `vee list --json` writes
 * some 40 keys and values for each of thousands of domains.
 */
void json_write_escaped(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *run;

	fputc('"', out);
	while (*p) {
		for (run = p; *p && !json_needs_escape(*p); p++)
			;
		if (p > run)
			fwrite(run, 1, p - run, out);
		if (!*p)
			break;
		switch (*p) {
		case '"':
			fputs("\\\"", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		case '\r':
			fputs("\\r", out);
			break;
		default:
			fprintf(out, "\\u%04x", *p);
		}
		p++;
	}
	fputc('"', out);
}

/* The comma and key that come before every value. */
static void json_key(struct json *j, const char *key)
{
	if (j->need_comma[j->depth])
		fputc(',', j->out);
	j->need_comma[j->depth] = true;
	if (key) {
		json_write_escaped(j->out, key);
		fputc(':', j->out);
	}
}

static void json_open(struct json *j, const char *key, char c)
{
	json_key(j, key);
	fputc(c, j->out);
	if (j->depth < JSON_MAX_DEPTH - 1)
		j->depth++;
	j->need_comma[j->depth] = false;
}

static void json_close(struct json *j, char c)
{
	if (j->depth > 0)
		j->depth--;
	fputc(c, j->out);
	if (j->depth == 0)
		fputc('\n', j->out);
}

void json_begin_object(struct json *j, const char *key)
{
	json_open(j, key, '{');
}

void json_end_object(struct json *j)
{
	json_close(j, '}');
}

void json_begin_array(struct json *j, const char *key)
{
	json_open(j, key, '[');
}

void json_end_array(struct json *j)
{
	json_close(j, ']');
}

void json_string(struct json *j, const char *key, const char *value)
{
	json_key(j, key);
	json_write_escaped(j->out, value);
}

void json_u64(struct json *j, const char *key, uint64_t value)
{
	char buf[24], *p = buf + sizeof(buf);

	json_key(j, key);
	/* Without printf's format parsing, which dominated long lists. */
	do {
		*--p = (char)('0' + value % 10);
		value /= 10;
	} while (value);
	fwrite(p, 1, buf + sizeof(buf) - p, j->out);
}

void json_null(struct json *j, const char *key)
{
	json_key(j, key);
	fputs("null", j->out);
}

void json_bool(struct json *j, const char *key, bool value)
{
	json_key(j, key);
	fputs(value ? "true" : "false", j->out);
}
