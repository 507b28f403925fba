// SPDX-License-Identifier: GPL-2.0
/*
 * The seccomp profile compiler: OCI runtime-spec linux.seccomp / Docker
 * JSON in, classic BPF out.  Where the spec is silent it does what Docker
 * (moby profiles/seccomp) and runc do, so that their profiles mean the
 * same here:
 *
 *  - a rule names its syscalls with "names" (or Docker's older "name");
 *    names libseccomp does not know are skipped: profiles list the
 *    syscalls of newer kernels and other architectures;
 *  - "includes" holds when all of its caps are kept, the native arch is
 *    among its arches and the kernel is at least its minKernel; a rule
 *    applies when its includes hold and none of its excludes does;
 *  - "errnoRet" defaults to EPERM (the spec), "defaultErrnoRet" is the
 *    default action's only; an errno on another action is refused (the
 *    spec says MUST);
 *  - a rule whose action is the default action is dropped (libseccomp
 *    refuses it, and it changes nothing), and a rule with two conditions
 *    on one argument becomes one rule per condition (libseccomp cannot
 *    AND them; runc ORs them the same way);
 *  - the filter covers the native arch and those multiarchs the profile
 *    names (x86 and x32 on x86_64), through "architectures" or, Docker's
 *    way, the "archMap" entry of the native arch; other arches cannot
 *    reach this kernel's seccomp and are skipped, and the syscalls of an
 *    arch not in the filter kill the task (libseccomp's bad-arch action).
 *
 * The whole profile is checked before anything is decided, so a profile
 * is valid or not whatever the capabilities.  Unknown fields are ignored,
 * as Go's decoder in Docker does ("comment" is common); what vee cannot
 * honour is refused, not ignored: SCMP_ACT_NOTIFY and listenerPath (no
 * seccomp agent), SCMP_ACT_TRACE (no tracer), and "flags" (the filter is
 * installed without flags).
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>
#include <linux/capability.h>

#include <json-c/json.h>
#include <seccomp.h>

#include "confine/caps.h"
#include "confine/seccomp_profile.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define SYSCALL_ARGS	6	/* seccomp_data.args[] */
#define RULE_ARGS_MAX	16	/* conditions in one rule: 6 and repeats */
#define ERRNO_MAX	4095	/* the kernel's MAX_ERRNO */
#define WHERE_MAX	64	/* "syscalls[N].args[N]." */

struct prof {
	const char *name;	/* the profile, in messages */
	char *why;
	size_t whylen;
	uint64_t caps;
	unsigned int kernel;	/* MAJOR << 16 | MINOR */
	uint32_t native;	/* SCMP_ARCH_* */
	uint32_t def_action;
	scmp_filter_ctx ctx;
};

/* One syscalls[] entry, checked whole before any of it is added. */
struct rule {
	json_object *names;	/* array of strings; NULL when @name */
	const char *name;
	uint32_t action;
	struct scmp_arg_cmp args[RULE_ARGS_MAX];
	unsigned int nargs;
	bool repeated;		/* two conditions on one argument */
	bool applies;		/* includes hold, no excludes does */
};

static unsigned long compiles;

unsigned long vee_seccomp_compiles(void)
{
	return compiles;
}

static int __attribute__((format(printf, 3, 4)))
fail(struct prof *p, int err, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!p->why || !p->whylen)
		return err;
	n = snprintf(p->why, p->whylen, "%s: ", p->name);
	if (n >= 0 && (size_t)n < p->whylen) {
		va_start(ap, fmt);
		vsnprintf(p->why + n, p->whylen - n, fmt, ap);
		va_end(ap);
	}
	return err;
}

/* @obj's member @key; false when absent or null (Go's decoder: zero). */
static bool member(json_object *obj, const char *key, json_object **v)
{
	return json_object_object_get_ex(obj, key, v) && *v;
}

static int get_string(struct prof *p, json_object *obj, const char *where,
		      const char *key, bool required, const char **out)
{
	json_object *v;

	*out = NULL;
	if (!member(obj, key, &v))
		return required ? fail(p, -EINVAL, "%s%s: missing", where, key)
				: 0;
	if (!json_object_is_type(v, json_type_string))
		return fail(p, -EINVAL, "%s%s: not a string", where, key);
	*out = json_object_get_string(v);
	return 0;
}

/* An unsigned integer up to @max; *present says whether it was there. */
static int get_uint(struct prof *p, json_object *obj, const char *where,
		    const char *key, uint64_t max, bool *present,
		    uint64_t *out)
{
	json_object *v;

	*present = member(obj, key, &v);
	if (!*present)
		return 0;
	/* A uint64 over INT64_MAX reads as INT64_MAX here, not negative. */
	if (!json_object_is_type(v, json_type_int) ||
	    json_object_get_int64(v) < 0)
		return fail(p, -EINVAL, "%s%s: not an unsigned integer",
			    where, key);
	*out = json_object_get_uint64(v);
	if (*out > max)
		return fail(p, -EINVAL, "%s%s: %" PRIu64
			    " is out of range (0-%" PRIu64 ")",
			    where, key, *out, max);
	return 0;
}

/* An array of strings, or NULL when absent. */
static int get_strings(struct prof *p, json_object *obj, const char *where,
		       const char *key, json_object **out)
{
	size_t i, n;

	if (!member(obj, key, out)) {
		*out = NULL;
		return 0;
	}
	if (!json_object_is_type(*out, json_type_array))
		return fail(p, -EINVAL, "%s%s: not an array", where, key);
	n = json_object_array_length(*out);
	for (i = 0; i < n; i++)
		if (!json_object_is_type(json_object_array_get_idx(*out, i),
					 json_type_string))
			return fail(p, -EINVAL, "%s%s[%zu]: not a string",
				    where, key, i);
	return 0;
}

static const char *str_at(json_object *arr, size_t i)
{
	return json_object_get_string(json_object_array_get_idx(arr, i));
}

static const struct {
	const char *name;
	uint32_t action;
} actions[] = {
	{ "SCMP_ACT_KILL", SCMP_ACT_KILL },
	{ "SCMP_ACT_KILL_THREAD", SCMP_ACT_KILL_THREAD },
	{ "SCMP_ACT_KILL_PROCESS", SCMP_ACT_KILL_PROCESS },
	{ "SCMP_ACT_TRAP", SCMP_ACT_TRAP },
	{ "SCMP_ACT_ERRNO", SCMP_ACT_ERRNO(0) },
	{ "SCMP_ACT_ALLOW", SCMP_ACT_ALLOW },
	{ "SCMP_ACT_LOG", SCMP_ACT_LOG },
};

/* The action named by @obj's @akey, with the errno its @ekey gives. */
static int get_action(struct prof *p, json_object *obj, const char *where,
		      const char *akey, const char *ekey, uint32_t *action)
{
	uint64_t e = EPERM;
	const char *s;
	bool has_errno;
	size_t i;
	int err;

	err = get_string(p, obj, where, akey, true, &s);
	if (!err)
		err = get_uint(p, obj, where, ekey, ERRNO_MAX, &has_errno, &e);
	if (err)
		return err;
	for (i = 0; i < ARRAY_SIZE(actions); i++)
		if (!strcmp(s, actions[i].name))
			break;
	if (i == ARRAY_SIZE(actions)) {
		if (!strcmp(s, "SCMP_ACT_NOTIFY") ||
		    !strcmp(s, "SCMP_ACT_TRACE"))
			return fail(p, -EOPNOTSUPP, "%s%s: %s is not supported",
				    where, akey, s);
		return fail(p, -EINVAL, "%s%s: unknown action '%s'",
			    where, akey, s);
	}
	*action = actions[i].action;
	if (*action == SCMP_ACT_ERRNO(0))
		*action = SCMP_ACT_ERRNO(e);
	else if (has_errno)
		return fail(p, -EINVAL, "%s%s: %s takes no errno",
			    where, ekey, s);
	return 0;
}

/* "MAJOR.MINOR", anything after ignored (".3", "-rc1"), as Docker does. */
static bool parse_kernel(const char *s, unsigned int *v)
{
	unsigned long major, minor;
	char *end;

	if (!isdigit((unsigned char)s[0]))
		return false;
	major = strtoul(s, &end, 10);
	if (*end != '.' || !isdigit((unsigned char)end[1]))
		return false;
	minor = strtoul(end + 1, &end, 10);
	if (major > 0xffff || minor > 0xffff)
		return false;
	*v = major << 16 | minor;
	return true;
}

unsigned int vee_seccomp_kernel(void)
{
	struct utsname u;
	unsigned int v;

	if (uname(&u) || !parse_kernel(u.release, &v))
		return 0;
	return v;
}

/*
 * The capability @name ("CAP_SYS_ADMIN"), or -1.  An unknown name is an
 * error, not a cap nobody has: a typo in "excludes" would apply the rule.
 */
static int cap_number(const char *name)
{
	unsigned int i;

	for (i = 0; vee_cap_name(i); i++)
		if (!strcasecmp(name, vee_cap_name(i)))
			return (int)i;
	return -1;
}

/* Whether "arches" entry @s names the native arch (Go's or libseccomp's). */
static bool names_native(uint32_t native, const char *s)
{
	static const struct {
		uint32_t arch;
		const char *go;		/* GOARCH, which Docker compares */
	} go_names[] = {
		{ SCMP_ARCH_X86_64, "amd64" }, { SCMP_ARCH_X86, "386" },
		{ SCMP_ARCH_AARCH64, "arm64" }, { SCMP_ARCH_MIPS64, "mips64" },
		{ SCMP_ARCH_MIPSEL64, "mips64le" },
		{ SCMP_ARCH_MIPSEL, "mipsle" },
	};
	size_t i;

	if (seccomp_arch_resolve_name(s) == native)
		return true;
	for (i = 0; i < ARRAY_SIZE(go_names); i++)
		if (go_names[i].arch == native && !strcmp(s, go_names[i].go))
			return true;
	return false;
}

/*
 * Checks an "includes" or "excludes" object and says whether each of its
 * parts holds: @all for includes (every cap kept, native arch listed,
 * kernel new enough; an absent part holds), else @any for excludes (a cap
 * kept, the native arch listed, the kernel new enough; absent: no).
 */
static int eval_cond(struct prof *p, json_object *rule, const char *where,
		     const char *key, bool *holds)
{
	char at[WHERE_MAX + 16];
	bool includes = !strcmp(key, "includes"), hit, all = true, any = false;
	json_object *obj, *caps, *arches;
	const char *min;
	unsigned int v;
	size_t i;
	int err, cap;

	*holds = includes;
	if (!member(rule, key, &obj))
		return 0;
	snprintf(at, sizeof(at), "%s%s.", where, key);
	if (!json_object_is_type(obj, json_type_object))
		return fail(p, -EINVAL, "%s%s: not an object", where, key);
	err = get_strings(p, obj, at, "caps", &caps);
	if (!err)
		err = get_strings(p, obj, at, "arches", &arches);
	if (!err)
		err = get_string(p, obj, at, "minKernel", false, &min);
	if (err)
		return err;

	for (i = 0; caps && i < json_object_array_length(caps); i++) {
		cap = cap_number(str_at(caps, i));
		if (cap < 0)
			return fail(p, -EINVAL,
				    "%scaps[%zu]: unknown capability '%s'",
				    at, i, str_at(caps, i));
		hit = p->caps & (1ULL << cap);
		all &= hit;
		any |= hit;
	}
	if (arches && json_object_array_length(arches)) {
		hit = false;
		for (i = 0; i < json_object_array_length(arches); i++)
			hit |= names_native(p->native, str_at(arches, i));
		all &= hit;
		any |= hit;
	}
	if (min) {
		if (!parse_kernel(min, &v))
			return fail(p, -EINVAL,
				    "%sminKernel: '%s' is not MAJOR.MINOR",
				    at, min);
		all &= p->kernel >= v;
		any |= p->kernel >= v;
	}
	*holds = includes ? all : any;
	return 0;
}

static const struct {
	const char *name;
	enum scmp_compare op;
} ops[] = {
	{ "SCMP_CMP_NE", SCMP_CMP_NE }, { "SCMP_CMP_LT", SCMP_CMP_LT },
	{ "SCMP_CMP_LE", SCMP_CMP_LE }, { "SCMP_CMP_EQ", SCMP_CMP_EQ },
	{ "SCMP_CMP_GE", SCMP_CMP_GE }, { "SCMP_CMP_GT", SCMP_CMP_GT },
	{ "SCMP_CMP_MASKED_EQ", SCMP_CMP_MASKED_EQ },
};

/* One of args[]: {index, value, valueTwo, op}; MASKED_EQ's mask is value. */
static int get_arg(struct prof *p, json_object *a, const char *where,
		   struct scmp_arg_cmp *c)
{
	uint64_t index = 0, value = 0, two = 0;
	const char *op;
	bool has;
	size_t i;
	int err;

	if (!json_object_is_type(a, json_type_object))
		return fail(p, -EINVAL, "%.*s: not an object",
			    (int)strlen(where) - 1, where);
	err = get_uint(p, a, where, "index", SYSCALL_ARGS - 1, &has, &index);
	if (!err && !has)
		err = fail(p, -EINVAL, "%sindex: missing", where);
	if (!err)
		err = get_uint(p, a, where, "value", UINT64_MAX, &has, &value);
	if (!err && !has)
		err = fail(p, -EINVAL, "%svalue: missing", where);
	if (!err)
		err = get_uint(p, a, where, "valueTwo", UINT64_MAX, &has, &two);
	if (!err)
		err = get_string(p, a, where, "op", true, &op);
	if (err)
		return err;
	for (i = 0; i < ARRAY_SIZE(ops); i++)
		if (!strcmp(op, ops[i].name))
			break;
	if (i == ARRAY_SIZE(ops))
		return fail(p, -EINVAL, "%sop: unknown operator '%s'",
			    where, op);
	*c = (struct scmp_arg_cmp){ .arg = index, .op = ops[i].op,
				    .datum_a = value, .datum_b = two };
	return 0;
}

static int get_args(struct prof *p, json_object *sc, const char *where,
		    struct rule *r)
{
	char at[WHERE_MAX + 32];
	unsigned int seen = 0;
	json_object *args;
	size_t i, n;
	int err;

	if (!member(sc, "args", &args))
		return 0;
	if (!json_object_is_type(args, json_type_array))
		return fail(p, -EINVAL, "%sargs: not an array", where);
	n = json_object_array_length(args);
	if (n > RULE_ARGS_MAX)
		return fail(p, -EINVAL, "%sargs: %zu conditions, more than %d",
			    where, n, RULE_ARGS_MAX);
	for (i = 0; i < n; i++) {
		snprintf(at, sizeof(at), "%sargs[%zu].", where, i);
		err = get_arg(p, json_object_array_get_idx(args, i), at,
			      &r->args[i]);
		if (err)
			return err;
		r->repeated |= seen & (1U << r->args[i].arg);
		seen |= 1U << r->args[i].arg;
	}
	r->nargs = n;
	return 0;
}

static int get_names(struct prof *p, json_object *sc, const char *where,
		     struct rule *r)
{
	int err;

	err = get_strings(p, sc, where, "names", &r->names);
	if (!err)
		err = get_string(p, sc, where, "name", false, &r->name);
	if (err)
		return err;
	if (r->names && r->name)
		return fail(p, -EINVAL, "%.*s: both 'name' and 'names'",
			    (int)strlen(where) - 1, where);
	if (!r->names && !r->name)
		return fail(p, -EINVAL, "%.*s: no 'names'",
			    (int)strlen(where) - 1, where);
	return 0;
}

static int parse_rule(struct prof *p, json_object *sc, const char *where,
		      struct rule *r)
{
	bool inc = false, exc = false;
	int err;

	if (!json_object_is_type(sc, json_type_object))
		return fail(p, -EINVAL, "%.*s: not an object",
			    (int)strlen(where) - 1, where);
	err = get_names(p, sc, where, r);
	if (!err)
		err = get_action(p, sc, where, "action", "errnoRet",
				 &r->action);
	if (!err)
		err = get_args(p, sc, where, r);
	if (!err)
		err = eval_cond(p, sc, where, "includes", &inc);
	if (!err)
		err = eval_cond(p, sc, where, "excludes", &exc);
	r->applies = inc && !exc;
	return err;
}

/* Adds @r for syscall @name, unless libseccomp does not know it. */
static int add_syscall(struct prof *p, const struct rule *r,
		       const char *where, const char *name)
{
	int nr = seccomp_syscall_resolve_name(name);
	unsigned int i;
	int err = 0;

	if (nr == __NR_SCMP_ERROR)
		return 0;
	if (!r->repeated)
		err = seccomp_rule_add_array(p->ctx, r->action, nr, r->nargs,
					     r->args);
	for (i = 0; r->repeated && !err && i < r->nargs; i++)
		err = seccomp_rule_add_array(p->ctx, r->action, nr, 1,
					     &r->args[i]);
	if (err)
		return fail(p, err, "%.*s: cannot add the rule for %s: %s",
			    (int)strlen(where) - 1, where, name,
			    strerror(-err));
	return 0;
}

static int add_rule(struct prof *p, json_object *sc, unsigned int index)
{
	char where[WHERE_MAX];
	struct rule r = {};
	size_t i;
	int err;

	snprintf(where, sizeof(where), "syscalls[%u].", index);
	err = parse_rule(p, sc, where, &r);
	if (err || !r.applies || r.action == p->def_action)
		return err;
	if (r.name)
		return add_syscall(p, &r, where, r.name);
	for (i = 0; !err && i < json_object_array_length(r.names); i++)
		err = add_syscall(p, &r, where, str_at(r.names, i));
	return err;
}

static int add_rules(struct prof *p, json_object *root)
{
	json_object *rules;
	size_t i, n;
	int err;

	if (!member(root, "syscalls", &rules))
		return 0;
	if (!json_object_is_type(rules, json_type_array))
		return fail(p, -EINVAL, "syscalls: not an array");
	n = json_object_array_length(rules);
	for (i = 0; i < n; i++) {
		err = add_rule(p, json_object_array_get_idx(rules, i), i);
		if (err)
			return err;
	}
	return 0;
}

/* SCMP_ARCH_X86_64 -> libseccomp's token; 0 when unknown. */
static uint32_t scmp_arch(const char *s)
{
	char lower[32];
	size_t i;

	if (strncmp(s, "SCMP_ARCH_", 10) || strlen(s + 10) >= sizeof(lower))
		return 0;
	for (i = 0; s[10 + i]; i++)
		lower[i] = tolower((unsigned char)s[10 + i]);
	lower[i] = '\0';
	return seccomp_arch_resolve_name(lower);
}

/* The other ABIs a kernel of arch @native runs, whose syscalls need rules. */
static bool multiarch(uint32_t native, uint32_t arch)
{
	switch (native) {
	case SCMP_ARCH_X86_64:
		return arch == SCMP_ARCH_X86 || arch == SCMP_ARCH_X32;
	case SCMP_ARCH_AARCH64:
		return arch == SCMP_ARCH_ARM;
	case SCMP_ARCH_S390X:
		return arch == SCMP_ARCH_S390;
	}
	return false;
}

static int add_arch(struct prof *p, const char *where, size_t i,
		    const char *name)
{
	uint32_t arch = scmp_arch(name);
	int err;

	if (!arch)
		return fail(p, -EINVAL, "%s[%zu]: unknown architecture '%s'",
			    where, i, name);
	if (arch == p->native || !multiarch(p->native, arch))
		return 0;
	err = seccomp_arch_add(p->ctx, arch);
	if (err && err != -EEXIST)
		return fail(p, err, "%s[%zu]: cannot add %s: %s", where, i,
			    name, strerror(-err));
	return 0;
}

/* archMap: [{architecture, subArchitectures}]; the native's subs count. */
static int add_arch_map(struct prof *p, json_object *map)
{
	char where[WHERE_MAX];
	json_object *subs;
	const char *arch;
	size_t i, j;
	int err;

	if (!json_object_is_type(map, json_type_array))
		return fail(p, -EINVAL, "archMap: not an array");
	for (i = 0; i < json_object_array_length(map); i++) {
		json_object *e = json_object_array_get_idx(map, i);

		snprintf(where, sizeof(where), "archMap[%zu].", i);
		if (!json_object_is_type(e, json_type_object))
			return fail(p, -EINVAL, "archMap[%zu]: not an object",
				    i);
		err = get_string(p, e, where, "architecture", true, &arch);
		if (!err)
			err = get_strings(p, e, where, "subArchitectures",
					  &subs);
		if (!err && !scmp_arch(arch))
			err = fail(p, -EINVAL,
				   "%sarchitecture: unknown architecture '%s'",
				   where, arch);
		if (err)
			return err;
		if (scmp_arch(arch) != p->native)
			subs = NULL;	/* but checked all the same */
		snprintf(where, sizeof(where), "archMap[%zu].subArchitectures",
			 i);
		for (j = 0; subs && j < json_object_array_length(subs); j++) {
			err = add_arch(p, where, j, str_at(subs, j));
			if (err)
				return err;
		}
	}
	return 0;
}

static int add_arches(struct prof *p, json_object *root)
{
	json_object *list, *map;
	size_t i;
	int err;

	err = get_strings(p, root, "", "architectures", &list);
	if (err)
		return err;
	if (!member(root, "archMap", &map))
		map = NULL;
	if (list && map)
		return fail(p, -EINVAL,
			    "both 'architectures' and 'archMap'; use one");
	if (map)
		return add_arch_map(p, map);
	for (i = 0; list && i < json_object_array_length(list); i++) {
		err = add_arch(p, "architectures", i, str_at(list, i));
		if (err)
			return err;
	}
	return 0;
}

/* What vee cannot honour is refused, so nobody believes it is in force. */
static int check_unsupported(struct prof *p, json_object *root)
{
	json_object *flags;
	const char *listener;
	int err;

	err = get_strings(p, root, "", "flags", &flags);
	if (!err && flags && json_object_array_length(flags))
		return fail(p, -EOPNOTSUPP, "flags[0]: %s is not supported",
			    str_at(flags, 0));
	if (!err)
		err = get_string(p, root, "", "listenerPath", false, &listener);
	if (!err && listener && *listener)
		return fail(p, -EOPNOTSUPP,
			    "listenerPath: seccomp notification is not supported");
	return err;
}

/* The 1-based line of byte @off, for messages. */
static unsigned int line_of(const char *text, size_t off)
{
	unsigned int line = 1;
	size_t i;

	for (i = 0; i < off; i++)
		line += text[i] == '\n';
	return line;
}

static int parse_json(struct prof *p, const char *text, size_t len,
		      json_object **root)
{
	struct json_tokener *tok;
	enum json_tokener_error jerr;
	size_t end;

	if (len > INT_MAX)
		return fail(p, -EFBIG, "too large");
	tok = json_tokener_new();
	if (!tok)
		return fail(p, -ENOMEM, "cannot parse: out of memory");
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
			       JSON_TOKENER_ALLOW_TRAILING_CHARS |
			       JSON_TOKENER_VALIDATE_UTF8);
	*root = json_tokener_parse_ex(tok, text, (int)len);
	jerr = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	if (jerr == json_tokener_continue)
		return fail(p, -EINVAL,
			    "not JSON: unexpected end of input at line %u",
			    line_of(text, len));
	if (jerr != json_tokener_success)
		return fail(p, -EINVAL, "not JSON: %s at line %u",
			    json_tokener_error_desc(jerr), line_of(text, end));
	while (end < len && isspace((unsigned char)text[end]))
		end++;
	if (end < len) {
		json_object_put(*root);
		return fail(p, -EINVAL,
			    "not JSON: text after the end at line %u",
			    line_of(text, end));
	}
	if (!json_object_is_type(*root, json_type_object)) {
		json_object_put(*root);
		return fail(p, -EINVAL, "not a JSON object");
	}
	return 0;
}

/* The @size bytes of program in @fd, checked for the kernel. */
static int read_bpf(struct prof *p, int fd, off_t size,
		    struct vee_seccomp_filter *f)
{
	size_t len = size / sizeof(*f->insns);
	ssize_t n;

	if (size <= 0 || size % sizeof(*f->insns))
		return fail(p, -EIO, "libseccomp exported %lld bytes",
			    (long long)size);
	if (len > BPF_MAXINSNS)
		return fail(p, -E2BIG,
			    "the filter has %zu instructions, over the kernel's %d",
			    len, BPF_MAXINSNS);
	f->insns = malloc(size);
	if (!f->insns)
		return fail(p, -ENOMEM, "out of memory");
	n = pread(fd, f->insns, size, 0);
	if (n != size) {
		free(f->insns);
		f->insns = NULL;
		return fail(p, n < 0 ? -errno : -EIO,
			    "cannot read the exported filter: %s",
			    n < 0 ? strerror(errno) : "short read");
	}
	f->len = len;
	return 0;
}

/*
 * libseccomp 2.5 exports to a file descriptor only (seccomp_export_bpf_mem
 * is 2.6's); a memfd keeps the program in memory.
 */
static int export_bpf(struct prof *p, struct vee_seccomp_filter *f)
{
	struct stat st;
	int fd, err;

	fd = memfd_create("vee-seccomp", MFD_CLOEXEC);
	if (fd < 0)
		return fail(p, -errno, "cannot export the filter: %s",
			    strerror(errno));
	err = seccomp_export_bpf(p->ctx, fd);
	if (err)
		err = fail(p, err, "cannot export the filter: %s",
			   strerror(-err));
	else if (fstat(fd, &st))
		err = fail(p, -errno, "cannot export the filter: %s",
			   strerror(errno));
	else
		err = read_bpf(p, fd, st.st_size, f);
	close(fd);
	return err;
}

static int compile_root(struct prof *p, json_object *root,
			struct vee_seccomp_filter *f)
{
	int err;

	err = check_unsupported(p, root);
	if (!err)
		err = get_action(p, root, "", "defaultAction",
				 "defaultErrnoRet", &p->def_action);
	if (err)
		return err;
	p->ctx = seccomp_init(p->def_action);
	if (!p->ctx)
		return fail(p, -ENOMEM, "cannot start libseccomp's filter");
	/* The caller sets no_new_privs itself, before the install. */
	err = seccomp_attr_set(p->ctx, SCMP_FLTATR_CTL_NNP, 0);
	if (err)
		return fail(p, err, "cannot leave no_new_privs alone: %s",
			    strerror(-err));
	/*
	 * A binary tree over the syscall numbers, not libseccomp's default
	 * linear list: each system call of the domain walks a few dozen
	 * instructions instead of hundreds, and so does the kernel when it
	 * builds its action cache at install by running the filter once for
	 * every syscall number (a start's cost under emulation).
	 */
	err = seccomp_attr_set(p->ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2);
	if (err)
		return fail(p, err, "cannot ask libseccomp for a binary tree: %s",
			    strerror(-err));
	err = add_arches(p, root);
	if (!err)
		err = add_rules(p, root);
	if (!err)
		err = export_bpf(p, f);
	return err;
}

int vee_seccomp_compile(const char *name, const char *text, size_t len,
			uint64_t caps, unsigned int kernel,
			struct vee_seccomp_filter *f, char *why, size_t whylen)
{
	struct prof p = {
		.name = name, .why = why, .whylen = whylen, .caps = caps,
		.kernel = kernel, .native = seccomp_arch_native(),
	};
	json_object *root = NULL;
	int err;

	compiles++;
	f->insns = NULL;
	f->len = 0;
	err = parse_json(&p, text, len, &root);
	if (err)
		return err;
	err = compile_root(&p, root, f);
	seccomp_release(p.ctx);
	json_object_put(root);
	return err;
}
