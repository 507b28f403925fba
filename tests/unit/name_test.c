// SPDX-License-Identifier: GPL-2.0
/* The tool's name check agrees with the module's rule. */
#include "harness.h"
#include "lib/name.h"

TEST(good_names)
{
	static const char *const good[] = {
		"a", "web", "db.1", "A-Z_0.9", "_", "_.hidden", "x..", "9-",
		"012345678901234567890123456789012345678901234567890123456789012",
	};
	unsigned int i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		EXPECT_TRUE(vee_name_problem(good[i]) == NULL);
}

TEST(bad_names_say_why)
{
	EXPECT_STREQ(vee_name_problem(""), "name is empty");
	EXPECT_STREQ(vee_name_problem("."), "name cannot start with '.' or '-'");
	EXPECT_STREQ(vee_name_problem(".."), "name cannot start with '.' or '-'");
	EXPECT_STREQ(vee_name_problem(".hidden"), "name cannot start with '.' or '-'");
	EXPECT_STREQ(vee_name_problem("-x"), "name cannot start with '.' or '-'");
	EXPECT_STREQ(vee_name_problem("0123456789012345678901234567890123456789012345678901234567890123"),
		     "name is longer than 63 characters");
	EXPECT_STREQ(vee_name_problem("a/b"),
		     "name may hold only letters, digits, '_', '.' and '-'");
	EXPECT_TRUE(vee_name_problem("a b") != NULL);
	EXPECT_TRUE(vee_name_problem("caf\xc3\xa9") != NULL);
	EXPECT_TRUE(vee_name_problem("x\n") != NULL);
	EXPECT_TRUE(vee_name_problem("\x7f") != NULL);
}

int main(int argc, char **argv)
{
	return test_main(argc, argv);
}
