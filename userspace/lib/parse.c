// SPDX-License-Identifier: GPL-2.0
/*
 * Value parsers.  Numbers are read digit by digit rather than with
 * strtoull(), which would take leading blanks, a sign and a base prefix,
 * and wrap "-1" to 2^64-1: every one of those must be an error here.
 */
#include <ctype.h>
#include <inttypes.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "lib/parse.h"

/* Values are quoted in messages; this much of a long one is enough. */
#define Q "'%.64s'"

static int __attribute__((format(printf, 3, 4)))
fail(char why[VEE_WHY_MAX], int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, VEE_WHY_MAX, fmt, ap);
	va_end(ap);
	return err;
}

/*
 * Decimal digits at *@p into *@out, advancing *@p past them: -EINVAL when
 * there is no digit, -ERANGE when the number does not fit in 64 bits.
 */
static int digits(const char **p, uint64_t *out)
{
	const char *s = *p;
	uint64_t v = 0;
	int err = 0;

	if (!isdigit((unsigned char)*s))
		return -EINVAL;
	for (; isdigit((unsigned char)*s); s++) {
		if (v > (UINT64_MAX - (*s - '0')) / 10)
			err = -ERANGE;	/* keep going to the end of the digits */
		else
			v = v * 10 + (*s - '0');
	}
	*p = s;
	*out = v;
	return err;
}

/* A whole string of digits, nothing before or after. */
static int whole_number(const char *s, uint64_t *out)
{
	int err = digits(&s, out);

	if (err == -EINVAL || *s)
		return -EINVAL;
	return err;
}

int vee_parse_size(const char *s, bool zero_ok, __u64 *out,
		   char why[VEE_WHY_MAX])
{
	const char *p = s;
	uint64_t v, unit = 1;
	int err;

	if (!*s)
		return fail(why, -EINVAL, "an empty value is not a size (use K, M, G or max)");
	if (!strcasecmp(s, "max")) {
		*out = VEE_LIMIT_MAX;
		return 0;
	}
	if (*s == '-')
		return fail(why, -ERANGE, Q " is negative (a size is a number of bytes, or max)", s);
	err = digits(&p, &v);
	if (err == -EINVAL)
		return fail(why, err, Q " is not a size (use K, M, G or max)", s);
	switch (*p) {
	case 'k': case 'K':
		unit = 1ULL << 10;
		break;
	case 'm': case 'M':
		unit = 1ULL << 20;
		break;
	case 'g': case 'G':
		unit = 1ULL << 30;
		break;
	case 't': case 'T':
		unit = 1ULL << 40;
		break;
	}
	if (unit > 1)
		p++;
	if (*p)
		return fail(why, -EINVAL, Q " is not a size (use K, M, G or max)", s);
	/* VEE_LIMIT_MAX itself means "max", so a number must stay below it. */
	if (err == -ERANGE || v > (VEE_LIMIT_MAX - 1) / unit)
		return fail(why, -ERANGE, Q " is too large (use max for no limit)", s);
	if (!v && !zero_ok)
		return fail(why, -ERANGE, Q " is too small: the least size is 1 byte (use max for no limit)", s);
	*out = v * unit;
	return 0;
}

int vee_parse_pids(const char *s, __u64 *out, char why[VEE_WHY_MAX])
{
	uint64_t v;
	int err;

	if (!strcasecmp(s, "max")) {
		*out = VEE_LIMIT_MAX;
		return 0;
	}
	if (*s == '-')
		return fail(why, -ERANGE, Q " is negative (use 1 to %u, or max)", s,
			    VEE_PIDS_MAX);
	err = whole_number(s, &v);
	if (err == -EINVAL)
		return fail(why, err, Q " is not a number of tasks (use 1 to %u, or max)",
			    s, VEE_PIDS_MAX);
	if (err || !v || v > VEE_PIDS_MAX)
		return fail(why, -ERANGE, Q " is out of range (use 1 to %u, or max)", s,
			    VEE_PIDS_MAX);
	*out = v;
	return 0;
}

/*
 * A decimal "W", "W.F" or ".F" with at most @places decimals, as a whole
 * number of 10^-@places units.  -EINVAL: not such a number; -EDOM: too
 * many decimals; -ERANGE: the whole part is above @max_whole.
 */
static int fixed_point(const char *s, int places, uint64_t max_whole,
		       uint64_t *out)
{
	const char *p = s, *frac;
	uint64_t whole = 0, part = 0, unit = 1;
	int err, decimals = 0, i;

	for (i = 0; i < places; i++)
		unit *= 10;
	err = digits(&p, &whole);
	if (err == -EINVAL && *p != '.')
		return -EINVAL;
	if (*p == '.') {
		frac = ++p;
		if (digits(&p, &part) == -EINVAL)
			return -EINVAL;
		/* Leading zeros of the fraction are decimals too ("0.05"). */
		decimals = p - frac;
		if (decimals > places)
			return -EDOM;
	}
	if (*p)
		return -EINVAL;
	if (err == -ERANGE || whole > max_whole)
		return -ERANGE;
	for (i = decimals; i < places; i++)
		part *= 10;
	*out = whole * unit + part;
	return 0;
}

/* CPUs to 5 decimals are microseconds of a 100 ms period. */
int vee_parse_cpus(const char *s, __u64 *quota_us, char why[VEE_WHY_MAX])
{
	uint64_t quota;

	if (!strcasecmp(s, "max")) {
		*quota_us = VEE_LIMIT_MAX;
		return 0;
	}
	if (*s == '-')
		return fail(why, -ERANGE, Q " is negative (use 0.01 to %u CPUs, or max)",
			    s, VEE_CPUS_MAX);
	switch (fixed_point(s, 5, VEE_CPUS_MAX, &quota)) {
	case 0:
		break;
	case -EDOM:
		return fail(why, -EINVAL, Q " has more than 5 decimals (cpu.max counts microseconds of %u)",
			    s, VEE_CPU_PERIOD_US);
	case -ERANGE:
		goto too_many;
	default:
		return fail(why, -EINVAL, Q " is not a number of CPUs (like 0.5, 2 or max)", s);
	}
	if (quota > (uint64_t)VEE_CPUS_MAX * VEE_CPU_PERIOD_US)
		goto too_many;
	if (quota < VEE_CPU_QUOTA_MIN_US)
		return fail(why, -ERANGE, Q " is too small: the least is 0.01 CPUs (1 ms of every 100 ms)",
			    s);
	*quota_us = quota;
	return 0;

too_many:
	return fail(why, -ERANGE, Q " is too large: at most %u CPUs (or max)", s,
		    VEE_CPUS_MAX);
}

/* A whole number from 1 to @max; @noun names what it is in messages. */
static int bounded(const char *s, unsigned int max, const char *noun,
		   uint64_t *out, char why[VEE_WHY_MAX])
{
	int err;

	if (*s == '-')
		return fail(why, -ERANGE, Q " is negative (use 1 to %u)", s, max);
	err = whole_number(s, out);
	if (err == -EINVAL)
		return fail(why, err, Q " is not %s (use 1 to %u)", s, noun, max);
	if (err || !*out || *out > max)
		return fail(why, -ERANGE, Q " is out of range (use 1 to %u)", s,
			    max);
	return 0;
}

int vee_parse_cpu_weight(const char *s, __u32 *out, char why[VEE_WHY_MAX])
{
	uint64_t v;
	int err = bounded(s, VEE_CPU_WEIGHT_MAX, "a weight", &v, why);

	if (!err)
		*out = v;
	return err;
}

int vee_parse_count(const char *s, __u64 *out, char why[VEE_WHY_MAX])
{
	uint64_t v;
	int err = bounded(s, VEE_COUNT_MAX, "a number", &v, why);

	if (!err)
		*out = v;
	return err;
}

int vee_parse_seconds(const char *s, uint64_t min_ms, uint64_t max_s,
		      uint64_t *ms, char why[VEE_WHY_MAX])
{
	uint64_t v;

	if (*s == '-')
		return fail(why, -ERANGE, Q " is negative (use %g to %" PRIu64 " seconds)",
			    s, min_ms / 1000.0, max_s);
	switch (fixed_point(s, 3, max_s, &v)) {
	case 0:
		break;
	case -EDOM:
		return fail(why, -EINVAL, Q " has more than 3 decimals (seconds are counted in milliseconds)",
			    s);
	case -ERANGE:
		goto range;
	default:
		return fail(why, -EINVAL, Q " is not a number of seconds (like 1 or 0.5)", s);
	}
	if (v < min_ms || v > max_s * 1000)
		goto range;
	*ms = v;
	return 0;
range:
	return fail(why, -ERANGE, Q " is out of range (use %g to %" PRIu64 " seconds)",
		    s, min_ms / 1000.0, max_s);
}

int vee_parse_interval(const char *s, unsigned int *ms, char why[VEE_WHY_MAX])
{
	uint64_t v;
	int err = vee_parse_seconds(s, 100, VEE_INTERVAL_MAX_S, &v, why);

	if (!err)
		*ms = (unsigned int)v;
	return err;
}

/* One id of a list: a number below VEE_CPUSET_IDS. */
static int list_id(const char **p, const char *s, const char *what,
		   uint64_t *id, char why[VEE_WHY_MAX])
{
	int err = digits(p, id);

	if (err == -EINVAL)
		return fail(why, err, Q " is not a %s list (like 0-3,8)", s, what);
	if (err || *id >= VEE_CPUSET_IDS)
		return fail(why, -ERANGE, Q " names a %s beyond the highest vee can set (%u)",
			    s, what, VEE_CPUSET_IDS - 1);
	return 0;
}

int vee_parse_cpu_list(const char *s, const char *what, __u64 *bits,
		       __u32 *size, char why[VEE_WHY_MAX])
{
	const char *p = s;
	uint64_t lo, hi, n, top = 0;
	int err;

	if (!*s)
		return fail(why, -EINVAL, "an empty list names no %s (like 0-3,8)", what);
	memset(bits, 0, VEE_CPUSET_WORDS * sizeof(*bits));
	for (;;) {
		if (*p == ',' || !*p)
			return fail(why, -EINVAL, Q " has an empty item", s);
		err = list_id(&p, s, what, &lo, why);
		if (err)
			return err;
		hi = lo;
		if (*p == '-') {
			p++;
			err = list_id(&p, s, what, &hi, why);
			if (err)
				return err;
			if (hi < lo)
				return fail(why, -EINVAL, Q " has a range that goes down (%llu-%llu)",
					    s, (unsigned long long)lo,
					    (unsigned long long)hi);
		}
		for (n = lo; n <= hi; n++)
			bits[n / 64] |= 1ULL << (n % 64);
		if (hi > top)
			top = hi;
		if (!*p)
			break;
		if (*p != ',')
			return fail(why, -EINVAL, Q " is not a %s list (like 0-3,8)", s, what);
		p++;
	}
	*size = (top / 64 + 1) * sizeof(*bits);
	return 0;
}

/* "MAJ:MIN", a block device number as the kernel holds it (12:20 bits). */
static int io_device(const char *tok, size_t len, struct vee_limits *lim,
		     char why[VEE_WHY_MAX])
{
	const char *p = tok;
	uint64_t major, minor;
	int err;

	err = digits(&p, &major);
	if (err == -EINVAL || *p != ':')
		goto bad;
	p++;
	if (digits(&p, &minor) == -EINVAL || (size_t)(p - tok) != len)
		goto bad;
	if (err || major > 0xfff || minor > 0xfffff)
		return fail(why, -ERANGE, "'%.*s' is not a device number (major 0 to 4095, minor 0 to 1048575)",
			    (int)len, tok);
	lim->io_major = major;
	lim->io_minor = minor;
	return 0;
bad:
	return fail(why, -EINVAL, "'%.*s' is not a device (start with MAJ:MIN, like 8:0)",
		    (int)len, tok);
}

/* One "key=value" of --io-max; @seen collects the keys given so far. */
static int io_key(const char *tok, size_t len, struct vee_limits *lim,
		  unsigned int *seen, char why[VEE_WHY_MAX])
{
	static const char *const keys[] = { "rbps", "wbps", "riops", "wiops" };
	__u64 *const fields[] = { &lim->io_rbps, &lim->io_wbps,
				  &lim->io_riops, &lim->io_wiops };
	char val[64], sub[VEE_WHY_MAX];
	const char *eq = memchr(tok, '=', len);
	size_t klen = eq ? (size_t)(eq - tok) : len, vlen;
	uint64_t n;
	__u64 v;
	unsigned int i;
	int err;

	for (i = 0; i < 4; i++)
		if (strlen(keys[i]) == klen && !strncmp(tok, keys[i], klen))
			break;
	if (i == 4)
		return fail(why, -EINVAL, "'%.*s' is not an io.max key (use rbps, wbps, riops or wiops)",
			    (int)klen, tok);
	if (*seen & (1U << i))
		return fail(why, -EINVAL, "'%s' is given twice", keys[i]);
	*seen |= 1U << i;
	vlen = eq ? len - klen - 1 : 0;
	if (!vlen)
		return fail(why, -EINVAL, "'%s' needs a value (%s=N or %s=max)",
			    keys[i], keys[i], keys[i]);
	if (vlen >= sizeof(val))
		return fail(why, -EINVAL, "%s: the value is too long", keys[i]);
	memcpy(val, eq + 1, vlen);
	val[vlen] = '\0';

	if (i < 2) {		/* byte rates take sizes: rbps=10M */
		err = vee_parse_size(val, false, &v, sub);
		if (err)
			return fail(why, err, "%s: %.*s", keys[i],
				    VEE_WHY_MAX - 8, sub);
	} else if (!strcasecmp(val, "max")) {
		v = VEE_LIMIT_MAX;
	} else {
		err = whole_number(val, &n);
		if (err == -EINVAL)
			return fail(why, err, "%s: '%s' is not a number (or max)",
				    keys[i], val);
		v = n;
		if (err || !v || v == VEE_LIMIT_MAX)
			return fail(why, -ERANGE, "%s: '%s' is out of range (use 1 or more, or max)",
				    keys[i], val);
	}
	*fields[i] = v;
	return 0;
}

int vee_parse_io_max(const char *s, struct vee_limits *lim,
		     char why[VEE_WHY_MAX])
{
	static const char blank[] = " \t";
	unsigned int seen = 0;
	const char *p = s;
	size_t len;
	int err;

	p += strspn(p, blank);
	if (!*p)
		return fail(why, -EINVAL, "an empty value sets no limit (like \"8:0 rbps=10M wbps=max\")");
	len = strcspn(p, blank);
	err = io_device(p, len, lim, why);
	if (err)
		return err;
	/* io.max is written whole: a key not given means no limit. */
	lim->io_rbps = VEE_LIMIT_MAX;
	lim->io_wbps = VEE_LIMIT_MAX;
	lim->io_riops = VEE_LIMIT_MAX;
	lim->io_wiops = VEE_LIMIT_MAX;
	for (p += len; p += strspn(p, blank), *p; p += len) {
		len = strcspn(p, blank);
		err = io_key(p, len, lim, &seen, why);
		if (err)
			return err;
	}
	if (!seen)
		return fail(why, -EINVAL, Q " sets no limit (add rbps=, wbps=, riops= or wiops=)", s);
	return 0;
}

const struct vee_flag_name vee_ns_names[] = {
	{ "mnt", VEE_NS_MNT },
	{ "pid", VEE_NS_PID },
	{ "net", VEE_NS_NET },
	{ "uts", VEE_NS_UTS },
	{ "ipc", VEE_NS_IPC },
	{ "cgroup", VEE_NS_CGROUP },
	{ "user", VEE_NS_USER },
	{ "time", VEE_NS_TIME },
	{ NULL, 0 }
};

/*
 * A comma list of @table's names, or "all" for @all, as flags.  @what and
 * @choices word the errors; @none_known says "none" is a word of this
 * list that its caller takes only alone.
 */
static int flag_list(const char *s, const struct vee_flag_name *table,
		     uint64_t all, const char *what, const char *choices,
		     bool none_known, __u64 *out, char why[VEE_WHY_MAX])
{
	const struct vee_flag_name *n;
	const char *p = s;
	uint64_t flags = 0;
	size_t len;

	for (;;) {
		len = strcspn(p, ",");
		if (!len)
			return fail(why, -EINVAL, Q " has an empty item", s);
		if (len == 3 && !strncmp(p, "all", 3)) {
			flags |= all;
		} else if (none_known && len == 4 && !strncmp(p, "none", 4)) {
			return fail(why, -EINVAL, Q ": none cannot be combined with other items", s);
		} else {
			for (n = table; n->name; n++)
				if (strlen(n->name) == len && !strncmp(p, n->name, len))
					break;
			if (!n->name)
				return fail(why, -EINVAL, "'%.*s' is not %s (use %s)",
					    (int)(len > 32 ? 32 : len), p, what,
					    choices);
			flags |= n->flag;
		}
		p += len;
		if (!*p)
			break;
		p++;
	}
	*out = flags;
	return 0;
}

#define NS_NAMES "mnt, pid, net, uts, ipc, cgroup, user, time or all"

int vee_parse_ns(const char *s, __u64 *out, char why[VEE_WHY_MAX])
{
	if (!*s)
		return fail(why, -EINVAL, "an empty list names no namespace (use " NS_NAMES ")");
	return flag_list(s, vee_ns_names, VEE_NS_ALL, "a namespace", NS_NAMES,
			 false, out, why);
}

const struct vee_flag_name vee_acct_names[] = {
	{ "sched", VEE_ACCT_SCHED },
	{ "fork", VEE_ACCT_FORK },
	{ "fault", VEE_ACCT_FAULT },
	{ "io", VEE_ACCT_IO },
	{ "net", VEE_ACCT_NET },
	{ "oom", VEE_ACCT_OOM },
	{ "syscall", VEE_ACCT_SYSCALL },
	{ NULL, 0 }
};

#define ACCT_NAMES "sched, fork, fault, io, net, oom, syscall, all or none"

int vee_parse_account(const char *s, __u64 *out, char why[VEE_WHY_MAX])
{
	if (!*s)
		return fail(why, -EINVAL, "an empty list names no accounting (use " ACCT_NAMES ")");
	if (!strcmp(s, "none")) {
		*out = 0;
		return 0;
	}
	return flag_list(s, vee_acct_names, VEE_ACCT_ALL, "an accounting kind",
			 ACCT_NAMES, true, out, why);
}

static const struct {
	const char *name;
	int sig;
} signals[] = {
	{ "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT },
	{ "ILL", SIGILL }, { "TRAP", SIGTRAP }, { "ABRT", SIGABRT },
	{ "IOT", SIGIOT }, { "BUS", SIGBUS }, { "FPE", SIGFPE },
	{ "KILL", SIGKILL }, { "USR1", SIGUSR1 }, { "SEGV", SIGSEGV },
	{ "USR2", SIGUSR2 }, { "PIPE", SIGPIPE }, { "ALRM", SIGALRM },
	{ "TERM", SIGTERM }, { "STKFLT", SIGSTKFLT }, { "CHLD", SIGCHLD },
	{ "CONT", SIGCONT }, { "STOP", SIGSTOP }, { "TSTP", SIGTSTP },
	{ "TTIN", SIGTTIN }, { "TTOU", SIGTTOU }, { "URG", SIGURG },
	{ "XCPU", SIGXCPU }, { "XFSZ", SIGXFSZ }, { "VTALRM", SIGVTALRM },
	{ "PROF", SIGPROF }, { "WINCH", SIGWINCH }, { "IO", SIGIO },
	{ "POLL", SIGPOLL }, { "PWR", SIGPWR }, { "SYS", SIGSYS },
};

/* The most signals the kernel's VEE_IOC_KILL takes (_NSIG - 1). */
#define VEE_SIGNAL_MAX	64

int vee_parse_signal(const char *s, int *out, char why[VEE_WHY_MAX])
{
	const char *name = s, *p;
	uint64_t v, off;
	unsigned int i;

	if (isdigit((unsigned char)*s)) {
		if (whole_number(s, &v) || !v || v > VEE_SIGNAL_MAX)
			return fail(why, -EINVAL, Q " is not a signal (use a name like TERM, or 1 to %d)",
				    s, VEE_SIGNAL_MAX);
		*out = v;
		return 0;
	}
	if (!strncasecmp(name, "SIG", 3))
		name += 3;
	for (i = 0; i < sizeof(signals) / sizeof(signals[0]); i++) {
		if (!strcasecmp(name, signals[i].name)) {
			*out = signals[i].sig;
			return 0;
		}
	}
	/* RTMIN, RTMIN+N, RTMAX, RTMAX-N, as kill(1) spells them. */
	if (!strncasecmp(name, "RTMIN", 5) || !strncasecmp(name, "RTMAX", 5)) {
		bool min = !strncasecmp(name, "RTMIN", 5);

		p = name + 5;
		off = 0;
		if (*p == (min ? '+' : '-')) {
			p++;
			if (whole_number(p, &off))
				goto bad;
		} else if (*p) {
			goto bad;
		}
		if (off > (uint64_t)(SIGRTMAX - SIGRTMIN))
			return fail(why, -ERANGE, Q " is beyond the real-time signals (RTMIN+0 to RTMIN+%d)",
				    s, SIGRTMAX - SIGRTMIN);
		*out = min ? SIGRTMIN + (int)off : SIGRTMAX - (int)off;
		return 0;
	}
bad:
	return fail(why, -EINVAL, Q " is not a signal (use a name like TERM, or 1 to %d)",
		    s, VEE_SIGNAL_MAX);
}
