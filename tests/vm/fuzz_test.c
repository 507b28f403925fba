// SPDX-License-Identifier: GPL-2.0
/*
 * A seeded, time-bounded fuzzer of vee.ko: random and mutated ioctls
 * (fuzz_ioctl.h) and generic netlink messages (fuzz_nl.h), interleaved
 * with real lifecycles (create, a clone3 child entering as init and
 * forking, limits, kill, freeze, thaw, stats, dumps, destroy).  Every few
 * hundred steps it checks that the registry agrees with itself and with
 * the cgroup subtree; at the end, that destroying everything leaves no
 * domain and no directory, that no task hung, and that the module still
 * answers.  The kernel log is checked for splats by vm-run.
 *
 *   fuzz_test [-s SEED] [-d SECONDS]   (or VEE_FUZZ_SEED, VEE_FUZZ_SECONDS)
 *
 * The seed is printed first; the same seed replays the same requests
 * (timing aside).  Default: 25 s.
 */
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>

#include "fuzz_ioctl.h"
#include "fuzz_nl.h"
#include "guest.h"

#define FD_DEV		10
#define FD_NL		11
#define FD_FIRST_FREE	20	/* fds at and above are closed now and then */
#define FZ_SLOTS	4	/* lifecycle domains fzl0..fzl3 */
#define FZ_MAX_DOMAINS	48	/* more, and everything is destroyed */
#define HUNG_TIMEOUT_S	"20"

static struct fz_ioctl fi;
static struct fz_nl fn;
static uint64_t rng;
static long n_life, n_checks, n_dumped;
static double worst_s;		/* the slowest single step */
static int tap_n, tap_failed;

static void tap(bool ok, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d - ", ok ? "" : "not ", ++tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	tap_failed += !ok;
}

static int fz_count(const struct vee_nl_domain *d, void *data)
{
	(*(long *)data)++;
	return 0;
}

/*
 * A domain's init: enter, then fork short-lived children until its time
 * is up.  With a pid namespace it is their reaper too.
 */
static void fz_init_body(int dev, const char *name, unsigned int ms)
{
	vee_ctl_enter(dev, VEE_ID_NONE, name);
	fork_churn(ms, 10000);
}

static void fz_spawn(const char *name, uint64_t ns_flags)
{
	unsigned int ms = 100 + rnd(&rng, 1500);
	int cg;
	pid_t pid;

	if (vee_ctl_open_cgroup(FD_DEV, VEE_ID_NONE, name, &cg))
		return;
	pid = clone3_into(cg, ns_flags);
	if (pid == 0)
		fz_init_body(FD_DEV, name, ms);
	close(cg);
}

static void fz_lifecycle(struct vee_nl *nl)
{
	struct vee_limits lim = {};
	struct vee_nl_domain d;
	struct vee_info info;
	char name[8];
	uint32_t bad;
	uint64_t ns;

	snprintf(name, sizeof(name), "fzl%u", rnd(&rng, FZ_SLOTS));
	if (vee_ctl_info(FD_DEV, VEE_ID_NONE, name, &info)) {
		ns = rnd64(&rng) & VEE_NS_ALL;
		lim.mask = VEE_LIMIT_PIDS_MAX;
		lim.pids_max = 16 + rnd(&rng, 64);
		if (!vee_ctl_create(FD_DEV, name, ns,
				    rnd64(&rng) & VEE_ACCT_DEFAULT, &lim, NULL,
				    NULL, &bad))
			fz_spawn(name, ns);
		return;
	}
	switch (rnd(&rng, 10)) {
	case 0:
		lim.mask = 1U << rnd(&rng, 6);
		lim.memory_max = lim.memory_high = lim.swap_max =
			rnd(&rng, 4) ? (8 + rnd(&rng, 128)) << 20 : VEE_LIMIT_MAX;
		lim.pids_max = rnd(&rng, 4) ? 1 + rnd(&rng, 100) : VEE_LIMIT_MAX;
		lim.cpu_quota_us = 1000 + rnd(&rng, 100000);
		lim.cpu_weight = 1 + rnd(&rng, 10000);
		vee_ctl_set_limits(FD_DEV, VEE_ID_NONE, name, &lim, &bad);
		break;
	case 1:
		vee_ctl_kill(FD_DEV, VEE_ID_NONE, name,
			     rnd(&rng, 2) ? SIGKILL : 1 + rnd(&rng, 31));
		break;
	case 2:
		vee_ctl_freeze(FD_DEV, VEE_ID_NONE, name);
		break;
	case 3:
		vee_ctl_thaw(FD_DEV, VEE_ID_NONE, name);
		break;
	case 4:
		vee_nl_get(nl, VEE_CMD_GET_STATS, info.id, NULL, &d);
		break;
	case 5:
		vee_nl_dump(nl, fz_count, &n_dumped);
		break;
	case 6:		/* another task joins (refused: its own namespaces) */
		fz_spawn(name, info.ns_flags);
		break;
	case 7:
		vee_ctl_destroy(FD_DEV, info.id, NULL,
				rnd(&rng, 4) ? VEE_DESTROY_FORCE : 0);
		break;
	default:
		vee_ctl_info(FD_DEV, info.id, NULL, &info);
	}
}

/*
 * The registry agrees with itself and the subtree: VERSION's count is
 * LIST's, every listed domain has a sane state and its directory.
 */
static bool fz_consistent(void)
{
	struct vee_version v;
	struct vee_info info;
	uint32_t *ids, n, i;
	bool ok = true;
	char path[128];

	n_checks++;
	if (vee_ctl_version(FD_DEV, &v) || vee_ctl_list_all(FD_DEV, &ids, &n)) {
		printf("#   version or list failed: %s\n", strerror(errno));
		return false;
	}
	if (v.nr_domains != n) {
		printf("#   VERSION counts %u domains, LIST %u\n", v.nr_domains, n);
		ok = false;
	}
	for (i = 0; i < n; i++) {
		if (vee_ctl_info(FD_DEV, ids[i], NULL, &info))
			continue;	/* destroyed meanwhile? not here */
		snprintf(path, sizeof(path), CG_ROOT "/%s", info.name);
		if (info.state < VEE_STATE_CREATED ||
		    info.state > VEE_STATE_DYING || access(path, F_OK)) {
			printf("#   domain %s: state %u, directory %s\n",
			       info.name, info.state,
			       access(path, F_OK) ? "missing" : "present");
			ok = false;
		}
	}
	if ((int)n != cg_dirs()) {
		printf("#   %u domains but %d directories\n", n, cg_dirs());
		ok = false;
	}
	free(ids);
	return ok;
}

static void write_file(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY);

	if (fd >= 0) {
		(void)!write(fd, val, strlen(val));
		close(fd);
	}
}

static bool fz_run(double seconds, const char **why)
{
	double stop = now_s() + seconds, t;
	struct vee_version v;
	struct vee_nl nl;
	long step = 0;

	if (vee_nl_open(&nl)) {
		*why = "netlink family not found";
		return false;
	}
	while ((t = now_s()) < stop) {
		switch (rnd(&rng, 16)) {
		case 0 ... 7:
			fz_ioctl_one(&fi);
			break;
		case 8 ... 13:
			if (fz_nl_one(&fn)) {
				*why = "netlink socket unusable";
				return false;
			}
			break;
		default:
			fz_lifecycle(&nl);
			n_life++;
		}
		t = now_s() - t;
		if (t > worst_s)
			worst_s = t;
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		if (++step % 64 == 0)
			close_range(FD_FIRST_FREE, ~0U, 0);
		if (step % 256 == 0) {
			if (!fz_consistent()) {
				*why = "registry inconsistent";
				return false;
			}
			if (!vee_ctl_version(FD_DEV, &v) &&
			    v.nr_domains > FZ_MAX_DOMAINS)
				destroy_all(FD_DEV);
		}
	}
	vee_nl_close(&nl);
	return true;
}

int main(int argc, char **argv)
{
	const char *env, *why = "";
	double seconds = 25, t0;
	uint64_t seed;
	int opt, left;
	bool ok;

	env = getenv("VEE_FUZZ_SEED");
	seed = env && *env ? strtoull(env, NULL, 0) :
			     (uint64_t)time(NULL) * 2654435761u ^ getpid();
	env = getenv("VEE_FUZZ_SECONDS");
	if (env && *env)
		seconds = atof(env);
	while ((opt = getopt(argc, argv, "s:d:")) != -1) {
		if (opt == 's')
			seed = strtoull(optarg, NULL, 0);
		else if (opt == 'd')
			seconds = atof(optarg);
		else
			return 2;
	}
	rng = seed ?: 1;
	printf("TAP version 13\n1..6\n# seed %llu, %.0f s (replay: VEE_FUZZ_SEED=%llu)\n",
	       (unsigned long long)seed, seconds, (unsigned long long)seed);
	fflush(stdout);
	write_file("/proc/sys/kernel/hung_task_timeout_secs", HUNG_TIMEOUT_S);

	if (dup2(vee_ctl_open(), FD_DEV) != FD_DEV ||
	    fz_ioctl_init(&fi, &rng, FD_DEV)) {
		tap(false, "setup: %s", strerror(errno));
		return 1;
	}
	fn.rng = &rng;
	fn.fd_no = FD_NL;
	fn.ids = fi.ids;
	if (fz_nl_open(&fn)) {
		tap(false, "setup: netlink: %s", strerror(errno));
		return 1;
	}

	t0 = now_s();
	ok = fz_run(seconds, &why);
	t0 = now_s() - t0;
	tap(ok, "fuzzed %.1f s: %ld ioctls (%ld succeeded, %ld creates), %ld netlink sends (%ld messages, %ld replies, %ld dumps abandoned), %ld lifecycle steps, %ld consistency checks%s%s",
	    t0, fi.calls, fi.ok, fi.created, fn.sent, fn.msgs, fn.replies,
	    fn.reopened, n_life, n_checks, ok ? "" : ": ", why);
	tap(worst_s < 30, "slowest step took %.2f s", worst_s);

	/* Thaw, kill and remove everything; the children then exit. */
	left = destroy_all(FD_DEV);
	while (wait(NULL) > 0)
		;
	tap(left == 0, "every domain destroyed cleanly");
	ok = fz_consistent();
	{
		struct vee_version v = {};

		vee_ctl_version(FD_DEV, &v);
		tap(ok && v.nr_domains == 0 && cg_dirs() == 0,
		    "no domain (%u) and no cgroup directory (%d) left",
		    v.nr_domains, cg_dirs());
	}
	tap(klog_has("blocked for more than") == 0, "no hung task reported");
	{
		struct vee_nl nl;
		int err = vee_nl_open(&nl);

		if (!err) {
			err = vee_nl_dump(&nl, fz_count, &n_dumped);
			vee_nl_close(&nl);
		}
		tap(!err, "netlink still answers: %s", strerror(-err));
	}
	close(FD_DEV);
	close(FD_NL);
	printf("# %d passed, %d failed\n", tap_n - tap_failed, tap_failed);
	return tap_failed ? 1 : 0;
}
