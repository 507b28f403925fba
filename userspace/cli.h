/* SPDX-License-Identifier: GPL-2.0 */
/* What every subcommand shares: its table entry, help, and /dev/vee. */
#ifndef VEE_CLI_H
#define VEE_CLI_H

#include <getopt.h>
#include <stdbool.h>

#include "lib/ctl.h"
#include "lib/nl.h"
#include "lib/report.h"

struct vee_command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
	const char *usage;	/* after "vee NAME " */
	const char *help;	/* option lines for --help */
};

extern const struct vee_command vee_commands[];

/* Prints the command's usage to stdout (--help) or stderr; returns the exit code. */
int vee_usage(const struct vee_command *cmd, bool to_stdout);

/* Reports a usage error ("vee: OP: MESSAGE", then usage) and returns 2. */
int vee_usage_error(const struct vee_command *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * For getopt_long's '?' and ':' (run with opterr = 0 and a leading ':' in
 * the option string): reports the bad option and returns 2.
 */
int vee_bad_option(const struct vee_command *cmd, int c, char **argv);

/*
 * Reports a bad option value on one line, "vee: OP: MESSAGE" (the message
 * names the option and the value), and returns 2.
 */
int vee_bad_value(const struct vee_command *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Checks a domain NAME argument: 0, or reports why not and returns 2. */
/*
 * The one NAME operand after the options, checked: 0 and *@name set, or
 * the exit code of the usage error already reported.
 */
int vee_name_operand(const struct vee_command *cmd, int argc, char **argv,
		     const char **name);

int vee_check_name(const char *op, const char *name);

/*
 * Reports a failed create or set: names the cgroup file the kernel refused
 * when @bad_limit says which, otherwise the generic reason for @err.
 */
void vee_fail_limits(const char *op, const char *name, int err,
		     uint32_t bad_limit);

const struct vee_command *vee_find_command(const char *name);

/*
 * The ABI major this tool speaks: the header's.  A test build sets another
 * (build/tests/vee-abi-next) to prove that the tool refuses a module whose
 * major differs; nothing shipped is built so.
 */
#ifndef VEE_TOOL_ABI_MAJOR
#define VEE_TOOL_ABI_MAJOR VEE_ABI_MAJOR
#endif

/*
 * 0 when the module that answered @v speaks our ABI major; otherwise
 * prints "vee: OP NAME: REASON" and returns -1.  A tool must not talk to a
 * module of another major: the same ioctl could mean something else.
 */
int vee_check_abi(const char *op, const char *name,
		  const struct vee_version *v);

/*
 * Loads the module if it is not loaded (load.h), opens /dev/vee and checks
 * that the module speaks our ABI major.  On failure prints
 * "vee: OP NAME: REASON" and returns -1.
 */
int vee_open_dev(const char *op, const char *name);

/*
 * Loads the module if it is not loaded, checks its ABI major when this
 * caller may ask the device, and opens the netlink family (the observation
 * plane).  On failure prints "vee: OP NAME: REASON" and returns -1.
 */
int vee_open_nl(const char *op, const char *name, struct vee_nl *nl);

/* Reports a failed netlink request, with the kernel's reason if it gave one. */
void vee_fail_nl(const char *op, const char *name, int err,
		 const struct vee_nl *nl);

#endif
