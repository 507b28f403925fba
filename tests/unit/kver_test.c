// SPDX-License-Identifier: GPL-2.0
/* The tool's "kernel too old" check, on the release strings uname gives. */
#include "harness.h"
#include "lib/kver.h"

static const struct {
	const char *release;
	int want;	/* 1 supported, 0 too old, -1 unparsable */
} cases[] = {
	{ "6.1.0-56-amd64", 1 },
	{ "6.12.117+deb12-amd64", 1 },
	{ "6.10", 1 },
	{ "7.0.0", 1 },
	{ "10.2.3-custom", 1 },
	{ "6.0.12-1-amd64", 0 },
	{ "5.10.0-30-amd64", 0 },
	{ "5.19", 0 },
	{ "4.19.0", 0 },
	{ "2.6.73", 0 },	/* what UNAME26 reports on 6.13 */
	{ "", -1 },
	{ "6", -1 },
	{ "6.", -1 },
	{ "v6.1", -1 },
	{ "6.-1", -1 },
	{ " 6.1", -1 },
	{ "99999999999999999999999.1", -1 },
};

TEST(releases)
{
	unsigned int i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int got = vee_kernel_supported(cases[i].release);

		if (got != cases[i].want)
			TEST_FAIL_(0, "\"%s\": %d, want %d", cases[i].release,
				   got, cases[i].want);
	}
}

int main(int argc, char **argv)
{
	return test_main(argc, argv);
}
