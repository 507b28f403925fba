// SPDX-License-Identifier: GPL-2.0
/* The CSV of vee record: header, one row's fields, quoting. */
#include "harness.h"
#include "lib/record.h"
#include "lib/show.h"

static char *capture_row(const struct vee_nl_domain *d, uint64_t sample,
			 struct timespec since, struct timespec wall)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return NULL;
	vee_record_row(f, sample, &since, &wall, d);
	fclose(f);
	return buf;
}

static int fields(const char *line)
{
	int n = 1;

	for (; *line && *line != '\n'; line++)
		n += *line == ',';
	return n;
}

TEST(header_names_every_column)
{
	char *buf = NULL, want[2048];
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int i, n;

	ASSERT_TRUE(f);
	vee_record_header(f);
	fclose(f);
	n = snprintf(want, sizeof(want), "sample,time_s,unix_time,id,name,state,"
		     "cpu_usage_us,memory_current,memory_peak,pids_current");
	for (i = 0; i < __VEE_CNT_MAX; i++)
		if (vee_counter_keys[i])
			n += snprintf(want + n, sizeof(want) - n, ",%s",
				      vee_counter_keys[i]);
	snprintf(want + n, sizeof(want) - n, "\n");
	EXPECT_STREQ(buf, want);
	EXPECT_EQ(fields(buf), 24);
	free(buf);
}

TEST(row_has_every_value)
{
	struct vee_nl_domain d = { .id = 42, .name = "web",
				   .state = VEE_STATE_FROZEN };
	char *row;
	int i;

	d.use_present = 1U << VEE_USE_CPU_USAGE_US | 1U << VEE_USE_PIDS_CURRENT;
	d.use[VEE_USE_CPU_USAGE_US] = 123456;
	d.use[VEE_USE_MEMORY_CURRENT] = 999;	/* not sent: empty */
	d.use[VEE_USE_PIDS_CURRENT] = 3;
	for (i = 0; i < __VEE_CNT_MAX; i++)
		d.cnt[i] = i;
	d.cnt[VEE_CNT_FORKS] = UINT64_MAX;
	row = capture_row(&d, 7, (struct timespec){ 2, 5000000 },
			  (struct timespec){ 1700000000, 999999999 });
	ASSERT_TRUE(row);
	EXPECT_STREQ(row, "7,2.005,1700000000.999,42,web,frozen,123456,,,3,"
		     "18446744073709551615,2,3,4,5,6,7,8,9,10,11,12,13,14\n");
	EXPECT_EQ(fields(row), 24);
	free(row);
}

TEST(names_are_quoted_when_needed)
{
	struct vee_nl_domain d = { .id = 1, .name = "a,\"b\"",
				   .state = VEE_STATE_CREATED };
	char *row = capture_row(&d, 0, (struct timespec){},
				(struct timespec){});
	const char *want = "0,0.000,0.000,1,\"a,\"\"b\"\"\",created,";

	ASSERT_TRUE(row);
	EXPECT_TRUE(!strncmp(row, want, strlen(want)));
	free(row);
}

int main(int argc, char **argv)
{
	return test_main(argc, argv);
}
