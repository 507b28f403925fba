// SPDX-License-Identifier: GPL-2.0
/*
 * The Prometheus exposition of lib/prom.c: escaping, exact values, every
 * counter of vee stats --json present, families whole and in order, no
 * duplicate series; and, when promtool is at hand (scripts/install-deps
 * puts Debian's in the cache), its strict parser accepts the output.
 */
#include <sys/stat.h>

#include "harness.h"
#include "lib/prom.h"
#include "lib/show.h"

#define LINES_MAX 1024

struct expo {
	char *text;
	size_t len;
	char *line[LINES_MAX];
	int n;
};

/* Runs the formatter on @d into @e, split into lines (text kept whole). */
static void expo_of(struct expo *e, const struct vee_nl_domain *d, size_t n)
{
	FILE *f = open_memstream(&e->text, &e->len);
	char *p, *copy;

	ASSERT_TRUE(f);
	ASSERT_EQ(vee_prom_write(f, d, n), 0);
	ASSERT_EQ(fclose(f), 0);
	ASSERT_TRUE(e->len > 0 && e->text[e->len - 1] == '\n');
	copy = strdup(e->text);
	ASSERT_TRUE(copy);
	e->n = 0;
	for (p = strtok(copy, "\n"); p; p = strtok(NULL, "\n")) {
		ASSERT_LT(e->n, LINES_MAX);
		e->line[e->n++] = p;
	}
}

static int expo_find(const struct expo *e, const char *line)
{
	int i;

	for (i = 0; i < e->n; i++)
		if (!strcmp(e->line[i], line))
			return i;
	return -1;
}

static struct vee_nl_domain domain(uint32_t id, const char *name)
{
	struct vee_nl_domain d = { .id = id, .state = VEE_STATE_RUNNING };

	snprintf(d.name, sizeof(d.name), "%s", name);
	return d;
}

TEST(label_values_are_escaped)
{
	struct vee_nl_domain d = domain(7, "a\\b\"c\nd");
	struct expo e;

	expo_of(&e, &d, 1);
	EXPECT_GE(expo_find(&e, "vee_forks_total{name=\"a\\\\b\\\"c\\nd\",id=\"7\"} 0"), 0);
	EXPECT_GE(expo_find(&e, "vee_domain_info{name=\"a\\\\b\\\"c\\nd\",id=\"7\",state=\"running\"} 1"), 0);
}

TEST(utf8_passes_through)
{
	struct vee_nl_domain d = domain(1, "d\xc3\xa9j\xc3\xa0");
	struct expo e;

	expo_of(&e, &d, 1);
	EXPECT_GE(expo_find(&e, "vee_exits_total{name=\"d\xc3\xa9j\xc3\xa0\",id=\"1\"} 0"), 0);
}

TEST(values_are_exact)
{
	struct vee_nl_domain d = domain(4294967295U, "big");
	struct expo e;

	d.cnt[VEE_CNT_FORKS] = UINT64_MAX;
	d.cnt[VEE_CNT_PAGE_FAULTS] = 9007199254740993ULL;	/* 2^53 + 1 */
	d.use_present = 1U << VEE_USE_CPU_USAGE_US | 1U << VEE_USE_MEMORY_CURRENT;
	d.use[VEE_USE_CPU_USAGE_US] = 1234567;
	d.use[VEE_USE_MEMORY_CURRENT] = 67108864;
	d.lim_present = 1U << VEE_LIM_CPU_MAX_US | 1U << VEE_LIM_CPU_PERIOD_US;
	d.lim[VEE_LIM_CPU_MAX_US] = 50000;
	d.lim[VEE_LIM_CPU_PERIOD_US] = 100000;
	expo_of(&e, &d, 1);
	EXPECT_GE(expo_find(&e, "vee_forks_total{name=\"big\",id=\"4294967295\"} 18446744073709551615"), 0);
	EXPECT_GE(expo_find(&e, "vee_page_faults_total{name=\"big\",id=\"4294967295\"} 9007199254740993"), 0);
	EXPECT_GE(expo_find(&e, "vee_cpu_usage_seconds_total{name=\"big\",id=\"4294967295\"} 1.234567"), 0);
	EXPECT_GE(expo_find(&e, "vee_memory_current_bytes{name=\"big\",id=\"4294967295\"} 67108864"), 0);
	EXPECT_GE(expo_find(&e, "vee_cpu_max_seconds{name=\"big\",id=\"4294967295\"} 0.050000"), 0);
	EXPECT_GE(expo_find(&e, "vee_cpu_period_seconds{name=\"big\",id=\"4294967295\"} 0.100000"), 0);
}

/* A value the cgroup did not give, or a limit not set, has no sample. */
TEST(absent_values_have_no_sample)
{
	struct vee_nl_domain d = domain(3, "x");
	struct expo e;
	int i;

	d.lim_present = 1U << VEE_LIM_MEMORY_MAX | 1U << VEE_LIM_PIDS_MAX;
	d.lim[VEE_LIM_MEMORY_MAX] = VEE_LIMIT_MAX;
	d.lim[VEE_LIM_PIDS_MAX] = 64;
	expo_of(&e, &d, 1);
	for (i = 0; i < e.n; i++) {
		EXPECT_TRUE(strncmp(e.line[i], "vee_memory_max_bytes{", 21));
		EXPECT_TRUE(strncmp(e.line[i], "vee_memory_current_bytes{", 25));
		EXPECT_TRUE(strncmp(e.line[i], "vee_cpu_max_seconds{", 20));
	}
	EXPECT_GE(expo_find(&e, "vee_pids_max{name=\"x\",id=\"3\"} 64"), 0);
	/* The family is still declared, so the set of families is stable. */
	EXPECT_GE(expo_find(&e, "# TYPE vee_memory_max_bytes gauge"), 0);
}

TEST(every_json_counter_is_a_total)
{
	struct vee_nl_domain d = domain(2, "c");
	char want[128];
	struct expo e;
	int i;

	for (i = 0; i < __VEE_CNT_MAX; i++)
		d.cnt[i] = 1000 + i;
	expo_of(&e, &d, 1);
	for (i = 0; i < __VEE_CNT_MAX; i++) {
		if (!vee_counter_keys[i])
			continue;
		snprintf(want, sizeof(want), "# TYPE vee_%s_total counter",
			 vee_counter_keys[i]);
		EXPECT_GE(expo_find(&e, want), 0);
		snprintf(want, sizeof(want), "vee_%s_total{name=\"c\",id=\"2\"} %d",
			 vee_counter_keys[i], 1000 + i);
		EXPECT_GE(expo_find(&e, want), 0);
	}
}

/* The metric name of a sample line, into @buf. */
static void sample_name(const char *line, char *buf, size_t len)
{
	size_t n = strcspn(line, "{ ");

	snprintf(buf, len, "%.*s", (int)n, line);
}

/*
 * Families whole: HELP then TYPE once each, then only that family's
 * samples; every sample labelled name and id; no series twice.
 */
TEST(families_are_grouped_and_series_unique)
{
	struct vee_nl_domain d[3] = { domain(1, "a"), domain(2, "b"),
				      domain(9, "c,d") };
	char fam[128] = "", name[128], help[160];
	struct expo e;
	int i, j, families = 0, samples = 0;

	for (i = 0; i < 3; i++) {
		d[i].use_present = 1U << VEE_USE_PIDS_CURRENT;
		d[i].lim_present = 1U << VEE_LIM_CPU_WEIGHT;
		d[i].lim[VEE_LIM_CPU_WEIGHT] = 100;
	}
	expo_of(&e, d, 3);
	for (i = 0; i < e.n; i++) {
		const char *l = e.line[i];

		if (!strncmp(l, "# HELP ", 7)) {
			sample_name(l + 7, fam, sizeof(fam));
			snprintf(help, sizeof(help), "# HELP %s ", fam);
			for (j = 0; j < i; j++)
				EXPECT_TRUE(strncmp(e.line[j], help, strlen(help)));
			ASSERT_LT(i + 1, e.n);
			snprintf(help, sizeof(help), "# TYPE %s ", fam);
			EXPECT_TRUE(!strncmp(e.line[i + 1], help, strlen(help)));
			families++;
			i++;
			continue;
		}
		sample_name(l, name, sizeof(name));
		EXPECT_STREQ(name, fam);
		EXPECT_TRUE(strstr(l, "{name=\"") == l + strlen(name));
		EXPECT_TRUE(strstr(l, "\",id=\"") != NULL);
		for (j = 0; j < i; j++)
			EXPECT_TRUE(strcmp(e.line[j], l));
		samples++;
	}
	EXPECT_EQ(families, 26);
	/* Per domain: info, pids_current, 14 counters, cpu_weight. */
	EXPECT_EQ(samples, 3 * 17);
}

TEST(order_is_stable)
{
	struct vee_nl_domain d[2] = { domain(1, "a"), domain(2, "b") };
	struct expo e1, e2;

	expo_of(&e1, d, 2);
	expo_of(&e2, d, 2);
	EXPECT_STREQ(e1.text, e2.text);
	/* Domains in the order given within each family. */
	EXPECT_GE(expo_find(&e1, "vee_forks_total{name=\"a\",id=\"1\"} 0"), 0);
	EXPECT_EQ(expo_find(&e1, "vee_forks_total{name=\"a\",id=\"1\"} 0") + 1,
		  expo_find(&e1, "vee_forks_total{name=\"b\",id=\"2\"} 0"));
}

#define PROMCHECK "tests/vm/promcheck.sh"

/* Runs @cmd with @text on its stdin; its exit status. */
static int pipe_to(const char *cmd, const char *text, size_t len)
{
	FILE *p = popen(cmd, "w");

	ASSERT_TRUE(p);
	fwrite(text, 1, len, p);
	return pclose(p);
}

TEST(strict_checker_accepts_it)
{
	struct vee_nl_domain d[2] = { domain(1, "a\\\"b\n"), domain(2, "x") };
	struct expo e;

	ASSERT_EQ(access(PROMCHECK, R_OK), 0);
	d[0].use_present = (1U << __VEE_USE_MAX) - 2;
	d[0].lim_present = (1U << __VEE_LIM_MAX) - 2;
	expo_of(&e, d, 2);
	EXPECT_EQ(pipe_to("sh " PROMCHECK " >/dev/null", e.text, e.len), 0);
}

/* The checker can fail: each of these breaks one rule. */
TEST(strict_checker_rejects_bad_input)
{
#define H "# HELP a_total x\n# TYPE a_total counter\n"
#define S "a_total{name=\"x\",id=\"1\"} 1\n"
	static const char *const bad[] = {
		H S "# HELP b x\n# TYPE b gauge\nb{name=\"x\",id=\"1\"} 1\n"
		"a_total{name=\"y\",id=\"2\"} 1\n",		/* split family */
		H S S,						/* series twice */
		H "a_total{name=\"x\\q\",id=\"1\"} 1\n",	/* bad escape */
		H "a_total{name=\"x\",id=\"1\"} 1 1700000000\n",	/* timestamp */
		H "a_total{name=\"x\"} 1\n",			/* no id */
		"# HELP a x\n# TYPE a counter\na{name=\"x\",id=\"1\"} 1\n",
		H "a_total{name=\"x\",id=\"1\"} 1x\n",		/* value */
		"# TYPE a_total counter\n" S,			/* no HELP */
		H H S,						/* declared twice */
		"# HELP a_total x\n" S,				/* no TYPE */
	};
	unsigned int i;

	ASSERT_EQ(access(PROMCHECK, R_OK), 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (!pipe_to("sh " PROMCHECK " >/dev/null", bad[i], strlen(bad[i])))
			TEST_FAIL_(0, "accepted case %u:\n%s", i, bad[i]);
	EXPECT_EQ(pipe_to("sh " PROMCHECK " >/dev/null", H S, strlen(H S)), 0);
#undef H
#undef S
}

/* Debian's promtool from scripts/install-deps, or one on PATH. */
static const char *promtool(void)
{
	static char path[4096];
	const char *env = getenv("VEE_PROMTOOL"), *home = getenv("HOME");
	const char *cache = getenv("VEE_CACHE"), *xdg = getenv("XDG_CACHE_HOME");
	struct stat st;

	if (env && *env)
		return env;
	/* Where scripts/install-deps puts it. */
	if (cache)
		snprintf(path, sizeof(path), "%s/bin/promtool", cache);
	else if (xdg)
		snprintf(path, sizeof(path), "%s/vee/bin/promtool", xdg);
	else
		snprintf(path, sizeof(path), "%s/.cache/vee/bin/promtool",
			 home ? home : "/root");
	if (!stat(path, &st))
		return path;
	if (!system("command -v promtool >/dev/null 2>&1"))
		return "promtool";
	return NULL;
}

TEST(promtool_accepts_it)
{
	struct vee_nl_domain d[3] = { domain(1, "web"), domain(2, "q\"\\\n"),
				      domain(3, "all") };
	const char *tool = promtool();
	char cmd[4200];
	struct expo e;
	int i;

	if (!tool)
		SKIP("no promtool (scripts/install-deps installs it)");
	for (i = 0; i < 3; i++) {
		d[i].use_present = (1U << __VEE_USE_MAX) - 2;
		d[i].lim_present = (1U << __VEE_LIM_MAX) - 2;
		d[i].lim[VEE_LIM_MEMORY_MAX] = 1 << 26;
		d[i].cnt[VEE_CNT_FORKS] = 51;
	}
	expo_of(&e, d, 3);
	/* check metrics also lints names, units and _total; output is its complaint. */
	snprintf(cmd, sizeof(cmd), "'%s' check metrics >/tmp/prom_test.$$ 2>&1; "
		 "s=$?; cat /tmp/prom_test.$$; rm -f /tmp/prom_test.$$; exit $s",
		 tool);
	EXPECT_EQ(pipe_to(cmd, e.text, e.len), 0);
}

int main(int argc, char **argv)
{
	return test_main(argc, argv);
}
