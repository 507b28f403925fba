// SPDX-License-Identifier: GPL-2.0
/* The JSON writer: escaping, commas, nesting, null. */
#include "harness.h"
#include "lib/json.h"

/* Runs @fn writing into a memory stream; returns the text (malloc'ed). */
static char *render(void (*fn)(struct json *))
{
	struct json j;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		TEST_FAIL_(1, "open_memstream: %s", strerror(errno));
	json_init(&j, f);
	fn(&j);
	fclose(f);
	return buf;
}

static void empty_array(struct json *j)
{
	json_begin_array(j, NULL);
	json_end_array(j);
}

static void domain_objects(struct json *j)
{
	json_begin_array(j, NULL);
	json_begin_object(j, NULL);
	json_string(j, "name", "web");
	json_u64(j, "id", 18446744073709551615ULL);
	json_null(j, "init_pid");
	json_begin_object(j, "limits");
	json_bool(j, "set", true);
	json_end_object(j);
	json_end_object(j);
	json_begin_object(j, NULL);
	json_u64(j, "id", 0);
	json_end_object(j);
	json_end_array(j);
}

static void nasty_strings(struct json *j)
{
	json_begin_object(j, NULL);
	json_string(j, "q\"k", "a\"b\\c\n\t\r\x01\x1f" "caf\xc3\xa9");
	json_string(j, "", "\"");
	json_u64(j, "n", 1000000);
	json_end_object(j);
}

TEST(empty_array_is_brackets)
{
	char *s = render(empty_array);

	EXPECT_STREQ(s, "[]\n");
	free(s);
}

TEST(objects_nest_with_commas)
{
	char *s = render(domain_objects);

	EXPECT_STREQ(s, "[{\"name\":\"web\",\"id\":18446744073709551615,"
		     "\"init_pid\":null,\"limits\":{\"set\":true}},{\"id\":0}]\n");
	free(s);
}

TEST(strings_are_escaped)
{
	char *s = render(nasty_strings);

	EXPECT_STREQ(s, "{\"q\\\"k\":\"a\\\"b\\\\c\\n\\t\\r\\u0001\\u001f"
		     "caf\xc3\xa9\",\"\":\"\\\"\",\"n\":1000000}\n");
	free(s);
}

int main(int argc, char **argv)
{
	return test_main(argc, argv);
}
