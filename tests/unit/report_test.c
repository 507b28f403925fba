// SPDX-License-Identifier: GPL-2.0
/* Error texts: never a bare errno, and states have names. */
#include "harness.h"
#include "lib/report.h"

TEST(domain_errors_have_words)
{
	EXPECT_STREQ(vee_strerror(-EEXIST), "domain exists");
	EXPECT_STREQ(vee_strerror(-ENOENT), "no such domain");
	EXPECT_TRUE(strstr(vee_strerror(-EPERM), "CAP_SYS_ADMIN") != NULL);
	EXPECT_TRUE(strstr(vee_strerror(-ENOSPC), "max_domains") != NULL);
	EXPECT_TRUE(strstr(vee_strerror(-EPROTO), "vee module") != NULL);
	EXPECT_STREQ(vee_strerror(-ENOMEM), strerror(ENOMEM));
}

TEST(state_names)
{
	EXPECT_STREQ(vee_state_name(VEE_STATE_CREATED), "created");
	EXPECT_STREQ(vee_state_name(VEE_STATE_RUNNING), "running");
	EXPECT_STREQ(vee_state_name(VEE_STATE_FROZEN), "frozen");
	EXPECT_STREQ(vee_state_name(VEE_STATE_EMPTY), "empty");
	EXPECT_STREQ(vee_state_name(VEE_STATE_DYING), "dying");
	EXPECT_STREQ(vee_state_name(0), "unknown");
	EXPECT_STREQ(vee_state_name(99), "unknown");
}

int main(int argc, char **argv)
{
	return test_main(argc, argv);
}
