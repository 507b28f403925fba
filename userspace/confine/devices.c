// SPDX-License-Identifier: GPL-2.0
/*
 * The device allow-list as a cgroup device program, assembled by hand as
 * crun (src/libcrun/ebpf.c) and runc (libcontainer/cgroups/devices) do,
 * with one difference in meaning: theirs match a rule when it holds every
 * requested access bit, so a deny "w" does not stop an "rw" open; ours
 * decide bit by bit (devices.h).
 *
 * The program, for a request of type T, major M, minor N and access A:
 *
 *	pending = A
 *	for each rule, last first:
 *		if the rule matches T, M and N:
 *			allow: pending &= ~access; if (!pending) return 1
 *			deny:  if (pending & access) return 0
 *	return 0
 *
 * A bit leaves "pending" at the last rule that holds it: an allow clears
 * it, a deny ends the search.
 */
#include <errno.h>
#include <linux/bpf.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "confine/devices.h"

_Static_assert(VEE_DEV_MKNOD == BPF_DEVCG_ACC_MKNOD &&
	       VEE_DEV_READ == BPF_DEVCG_ACC_READ &&
	       VEE_DEV_WRITE == BPF_DEVCG_ACC_WRITE,
	       "access bits are the kernel's");

#define DEV_RULE(t, maj, min) { (t), (maj), (min), VEE_DEV_RWM, true }

const struct vee_dev_rule vee_dev_default_rules[] = {
	{ 'c', VEE_DEV_ANY, VEE_DEV_ANY, VEE_DEV_MKNOD, true },
	{ 'b', VEE_DEV_ANY, VEE_DEV_ANY, VEE_DEV_MKNOD, true },
	DEV_RULE('c', 1, 3),		/* null */
	DEV_RULE('c', 1, 5),		/* zero */
	DEV_RULE('c', 1, 7),		/* full */
	DEV_RULE('c', 1, 8),		/* random */
	DEV_RULE('c', 1, 9),		/* urandom */
	DEV_RULE('c', 5, 0),		/* tty */
	DEV_RULE('c', 5, 1),		/* console */
	DEV_RULE('c', 5, 2),		/* ptmx */
	DEV_RULE('c', 136, VEE_DEV_ANY),	/* pts */
};

const size_t vee_dev_default_nr =
	sizeof(vee_dev_default_rules) / sizeof(vee_dev_default_rules[0]);
_Static_assert(sizeof(vee_dev_default_rules) / sizeof(vee_dev_default_rules[0]) <=
	       VEE_DEV_DEFAULT_MAX, "raise VEE_DEV_DEFAULT_MAX");

/* The registers the program keeps; r1 is the context, then a scratch. */
#define R_TYPE		BPF_REG_2
#define R_PENDING	BPF_REG_3
#define R_MAJOR		BPF_REG_4
#define R_MINOR		BPF_REG_5
#define R_TMP		BPF_REG_1

/*
 * 32-bit operations throughout: the context's fields are u32, and a
 * JMP32 compare takes any u32 as its immediate, where a 64-bit one would
 * sign-extend majors and minors past INT32_MAX.
 */
#define INSN(c, d, s, o, i)						\
	((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), \
			    .off = (o), .imm = (i) })
#define LDX_W(d, s, o)	INSN(BPF_LDX | BPF_W | BPF_MEM, d, s, o, 0)
#define ALU_IMM(op, d, i) INSN(BPF_ALU | BPF_OP(op) | BPF_K, d, 0, 0, i)
#define MOV_REG(d, s)	INSN(BPF_ALU | BPF_MOV | BPF_X, d, s, 0, 0)
#define JMP_IMM(op, d, i, o) INSN(BPF_JMP32 | BPF_OP(op) | BPF_K, d, 0, o, i)
#define RET(v)		INSN(BPF_ALU | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, v), \
			INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

/* Loads type, access and device number: the first instructions. */
static const struct bpf_insn prologue[] = {
	/* access_type is (BPF_DEVCG_ACC_* << 16) | BPF_DEVCG_DEV_* */
	LDX_W(R_TYPE, BPF_REG_1, offsetof(struct bpf_cgroup_dev_ctx, access_type)),
	ALU_IMM(BPF_AND, R_TYPE, 0xffff),
	LDX_W(R_PENDING, BPF_REG_1, offsetof(struct bpf_cgroup_dev_ctx, access_type)),
	ALU_IMM(BPF_RSH, R_PENDING, 16),
	LDX_W(R_MAJOR, BPF_REG_1, offsetof(struct bpf_cgroup_dev_ctx, major)),
	LDX_W(R_MINOR, BPF_REG_1, offsetof(struct bpf_cgroup_dev_ctx, minor)),
};

/* No rule decided every bit: deny. */
static const struct bpf_insn epilogue[] = { RET(0) };

/* The longest block a rule makes: three tests of 3, the action's 5. */
#define RULE_INSNS_MAX	14

static void say(char *why, size_t whylen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void say(char *why, size_t whylen, const char *fmt, ...)
{
	va_list ap;

	if (!why || !whylen)
		return;
	va_start(ap, fmt);
	vsnprintf(why, whylen, fmt, ap);
	va_end(ap);
}

static int rule_check(const struct vee_dev_rule *r, size_t i,
		      char *why, size_t whylen)
{
	if (r->type != 'a' && r->type != 'c' && r->type != 'b') {
		say(why, whylen, "device rule %zu: type %#x is not a, b or c",
		    i, (unsigned char)r->type);
		return -EINVAL;
	}
	if ((r->major != VEE_DEV_ANY && (r->major < 0 || r->major > UINT32_MAX)) ||
	    (r->minor != VEE_DEV_ANY && (r->minor < 0 || r->minor > UINT32_MAX))) {
		say(why, whylen, "device rule %zu: bad major or minor", i);
		return -EINVAL;
	}
	/* An empty access would match nothing: surely a mistake. */
	if (!r->access || (r->access & ~VEE_DEV_RWM)) {
		say(why, whylen, "device rule %zu: access %#x is not a set of r, w, m",
		    i, r->access);
		return -EINVAL;
	}
	return 0;
}

/*
 * "if (@reg != @val) skip": the skip's offset is filled in later.  Not as
 * one JNE of @reg itself: past its fall-through the verifier would know
 * @reg's value, every later compare of it would be decided and make it
 * "precise", and states that differ only in it would no longer prune each
 * other: the verifier's walk grows faster than the rules (on 6.12, 64
 * rules took 27,000 steps and 256 hit its limit of a million).  Compared
 * through a scratch copy, which the XOR unlinks from @reg, @reg stays
 * unknown and the walk stays linear: 8,700 steps for 64 rules, 96,000
 * for 1024.
 */
static size_t field_test(struct bpf_insn *p, int reg, uint32_t val)
{
	p[0] = MOV_REG(R_TMP, reg);
	p[1] = ALU_IMM(BPF_XOR, R_TMP, (int32_t)val);
	p[2] = JMP_IMM(BPF_JNE, R_TMP, 0, 0);
	return 3;
}

/* Writes rule @r's block at @p; returns its length. */
static size_t rule_emit(const struct vee_dev_rule *r, struct bpf_insn *p)
{
	size_t nt = 0, na = 0, i;
	struct bpf_insn act[5];

	if (r->allow) {
		/* pending &= ~access; all decided: allow. */
		act[na++] = ALU_IMM(BPF_AND, R_PENDING, (int32_t)~r->access);
		act[na++] = JMP_IMM(BPF_JNE, R_PENDING, 0, 2);
		act[na++] = INSN(BPF_ALU | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, 1);
	} else {
		/* A pending bit this rule denies: deny. */
		act[na++] = MOV_REG(R_TMP, R_PENDING);
		act[na++] = ALU_IMM(BPF_AND, R_TMP, (int32_t)r->access);
		act[na++] = JMP_IMM(BPF_JEQ, R_TMP, 0, 2);
		act[na++] = INSN(BPF_ALU | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, 0);
	}
	act[na++] = INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);

	/* Each field that differs skips the rest of the block. */
	if (r->type != 'a')
		nt += field_test(p + nt, R_TYPE, r->type == 'b' ?
				  BPF_DEVCG_DEV_BLOCK : BPF_DEVCG_DEV_CHAR);
	if (r->major != VEE_DEV_ANY)
		nt += field_test(p + nt, R_MAJOR, (uint32_t)r->major);
	if (r->minor != VEE_DEV_ANY)
		nt += field_test(p + nt, R_MINOR, (uint32_t)r->minor);
	for (i = 2; i < nt; i += 3)
		p[i].off = (int16_t)(nt - i - 1 + na);
	memcpy(p + nt, act, na * sizeof(*act));
	return nt + na;
}

static long sys_bpf(int cmd, union bpf_attr *attr)
{
	return syscall(SYS_bpf, cmd, attr, sizeof(*attr));
}

/*
 * The verifier's log is one line per instruction; its end says why.  (6.4
 * and later keep the end when it overflows; 6.1 keeps the start.)
 */
#define LOG_SIZE	(1 << 16)

static void say_verifier(char *why, size_t whylen, int err, const char *log)
{
	size_t len = strlen(log);
	const char *tail = log;

	while (len && log[len - 1] == '\n')
		len--;
	if (len > 200) {
		tail = log + len - 200;
		len = 200;
	}
	say(why, whylen, "BPF_PROG_LOAD: %s%s%.*s", strerror(-err),
	    len ? ": ..." : "", (int)len, tail);
}

int vee_dev_filter_load(const struct vee_dev_rule *rules, size_t n,
			char *why, size_t whylen)
{
	size_t cnt = sizeof(prologue) / sizeof(prologue[0]), i, max;
	union bpf_attr attr;
	struct bpf_insn *prog;
	char *log;
	int fd, err;

	if (n > VEE_DEV_RULES_MAX) {
		say(why, whylen, "%zu device rules, more than %d", n,
		    VEE_DEV_RULES_MAX);
		return -E2BIG;
	}
	for (i = 0; i < n; i++) {
		err = rule_check(&rules[i], i, why, whylen);
		if (err)
			return err;
	}

	max = cnt + n * RULE_INSNS_MAX + 2;
	prog = calloc(max, sizeof(*prog));
	if (!prog)
		return -ENOMEM;
	memcpy(prog, prologue, sizeof(prologue));
	/* Last match wins: the last rule is asked first. */
	for (i = n; i > 0; i--)
		cnt += rule_emit(&rules[i - 1], prog + cnt);
	memcpy(prog + cnt, epilogue, sizeof(epilogue));
	cnt += sizeof(epilogue) / sizeof(epilogue[0]);

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = BPF_PROG_TYPE_CGROUP_DEVICE;
	attr.insns = (uintptr_t)prog;
	attr.insn_cnt = (__u32)cnt;
	attr.license = (uintptr_t)"GPL";
	/* What bpftool prog shows. */
	strncpy(attr.prog_name, "vee_devices", sizeof(attr.prog_name) - 1);
	fd = (int)sys_bpf(BPF_PROG_LOAD, &attr);
	err = fd < 0 ? -errno : 0;

	/*
	 * The kernels this runs on (5.11 and later) charge programs to the
	 * memory cgroup, not RLIMIT_MEMLOCK, so a failure is not a limit to
	 * raise: ask again with the verifier's log, for the message.
	 */
	if (fd < 0) {
		log = err == -ENOSYS || err == -EPERM ? NULL : calloc(1, LOG_SIZE);
		if (log) {
			attr.log_level = 1;
			attr.log_buf = (uintptr_t)log;
			attr.log_size = LOG_SIZE;
			fd = (int)sys_bpf(BPF_PROG_LOAD, &attr);
		}
		if (fd < 0)
			say_verifier(why, whylen, err, log ? log : "");
		free(log);
	}
	free(prog);
	return fd < 0 ? err : fd;
}

int vee_dev_filter_attach(int cgroup_fd, const struct vee_dev_rule *rules,
			  size_t n, char *why, size_t whylen)
{
	union bpf_attr attr;
	int fd, err = 0;

	fd = vee_dev_filter_load(rules, n, why, whylen);
	if (fd < 0)
		return fd;
	memset(&attr, 0, sizeof(attr));
	attr.target_fd = (__u32)cgroup_fd;
	attr.attach_bpf_fd = (__u32)fd;
	attr.attach_type = BPF_CGROUP_DEVICE;
	attr.attach_flags = BPF_F_ALLOW_MULTI;
	if (sys_bpf(BPF_PROG_ATTACH, &attr)) {
		err = -errno;
		say(why, whylen, "BPF_PROG_ATTACH: %s", strerror(errno));
	}
	close(fd);
	return err;
}
