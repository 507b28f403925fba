// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "load.h"
#include "lib/limits.h"
#include "lib/name.h"

int vee_usage(const struct vee_command *cmd, bool to_stdout)
{
	FILE *out = to_stdout ? stdout : stderr;

	fprintf(out, "Usage: vee %s %s\n\n%s.\n", cmd->name, cmd->usage,
		cmd->summary);
	if (cmd->help && *cmd->help)
		fprintf(out, "\n%s", cmd->help);
	return to_stdout ? VEE_EXIT_OK : VEE_EXIT_USAGE;
}

int vee_usage_error(const struct vee_command *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "vee: %s: ", cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nUsage: vee %s %s\n", cmd->name, cmd->usage);
	return VEE_EXIT_USAGE;
}

int vee_bad_option(const struct vee_command *cmd, int c, char **argv)
{
	const char *opt = argv[optind - 1];

	if (c == ':')
		return vee_usage_error(cmd, "option '%s' needs a value", opt);
	return vee_usage_error(cmd, "unknown option '%s'", opt);
}

int vee_bad_value(const struct vee_command *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "vee: %s: ", cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return VEE_EXIT_USAGE;
}

int vee_check_name(const char *op, const char *name)
{
	const char *problem = vee_name_problem(name);

	if (!problem)
		return 0;
	vee_fail(op, name, "%s", problem);
	return VEE_EXIT_USAGE;
}

int vee_name_operand(const struct vee_command *cmd, int argc, char **argv,
		     const char **name)
{
	if (argc - optind != 1)
		return vee_usage_error(cmd, argc == optind ? "missing NAME" :
				       "too many arguments");
	*name = argv[optind];
	return vee_check_name(cmd->name, *name);
}

void vee_fail_limits(const char *op, const char *name, int err,
		     uint32_t bad_limit)
{
	const char *file = vee_limit_file(bad_limit);

	if (!file)
		vee_fail(op, name, "%s", vee_strerror(err));
	else if (err == -EOPNOTSUPP)
		vee_fail(op, name, "%s: not available (the kernel lacks it or its controller is not enabled for vee)",
			 file);
	else
		vee_fail(op, name, "%s: rejected by the kernel (%s)", file,
			 strerror(-err));
}

const struct vee_command *vee_find_command(const char *name)
{
	const struct vee_command *c;

	for (c = vee_commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

/*
 * The ABI check for the netlink commands, which need no /dev/vee: asked of
 * the device when we may open it.  When we may not (not root, inside a
 * domain), netlink refuses us too, and says so better.
 */
static int vee_nl_check_abi(const char *op, const char *name)
{
	struct vee_version v;
	int fd, err;

	fd = vee_ctl_open();
	if (fd < 0)
		return 0;
	err = vee_ctl_version(fd, &v);
	close(fd);
	return err ? 0 : vee_check_abi(op, name, &v);
}

int vee_open_nl(const char *op, const char *name, struct vee_nl *nl)
{
	int err;

	if (vee_load_module(op, name) || vee_nl_check_abi(op, name))
		return -1;
	err = vee_nl_open(nl);
	if (!err)
		return 0;
	if (err == -ENOENT && access("/sys/module/vee", F_OK))
		vee_fail(op, name, "the vee module is not loaded (modprobe vee)");
	else if (err == -ENOENT)
		vee_fail(op, name, "the vee module's netlink family is not visible here: vee works from the host's network namespace");
	else if (err == -EPROTONOSUPPORT)
		vee_fail(op, name, "the loaded vee module speaks netlink version %u but this tool speaks %u; install matching versions",
			 nl->version, VEE_GENL_VERSION);
	else if (err == -EPROTO)
		vee_fail(op, name, "%s", vee_strerror(err));
	else
		vee_fail(op, name, "cannot talk to the vee module over netlink: %s",
			 strerror(-err));
	return -1;
}

void vee_fail_nl(const char *op, const char *name, int err,
		 const struct vee_nl *nl)
{
	const char *why = nl->errmsg;

	if (err == -EPERM && !*why)	/* the core's check, or 6.1's dump start */
		vee_fail(op, name, "permission denied: vee needs root (CAP_SYS_ADMIN) outside every domain");
	else if (err == -EPROTONOSUPPORT && !*why)	/* no module reference */
		vee_fail(op, name, "the vee module is being unloaded");
	else if (err == -ENOENT || !*why)
		vee_fail(op, name, "%s", vee_strerror(err));
	else if (err == -EPERM)
		vee_fail(op, name, "permission denied: %s", why);
	else
		vee_fail(op, name, "%s (%s)", vee_strerror(err), why);
}

int vee_check_abi(const char *op, const char *name,
		  const struct vee_version *v)
{
	if (v->abi_major == VEE_TOOL_ABI_MAJOR)
		return 0;
	vee_fail(op, name, "the loaded vee module speaks ABI %u.%u but this tool speaks %u.%u: the majors differ, so the tool will not talk to it; install matching versions",
		 v->abi_major, v->abi_minor, VEE_TOOL_ABI_MAJOR, VEE_ABI_MINOR);
	return -1;
}

int vee_open_dev(const char *op, const char *name)
{
	struct vee_version v;
	int fd, err;

	if (vee_load_module(op, name))
		return -1;
	fd = vee_ctl_open();
	if (fd == -ENOENT) {
		vee_fail(op, name, "%s does not exist although the vee module is loaded (is devtmpfs or udev missing?)",
			 VEE_DEV_PATH);
		return -1;
	}
	if (fd == -EACCES || fd == -EPERM) {
		vee_fail(op, name, "cannot open %s: permission denied: vee needs root (CAP_SYS_ADMIN)",
			 VEE_DEV_PATH);
		return -1;
	}
	if (fd < 0) {
		vee_fail(op, name, "cannot open %s: %s", VEE_DEV_PATH, strerror(-fd));
		return -1;
	}
	err = vee_ctl_version(fd, &v);
	if (err) {
		vee_fail(op, name, "cannot ask the vee module its version: %s",
			 vee_strerror(err));
		close(fd);
		return -1;
	}
	if (vee_check_abi(op, name, &v)) {
		close(fd);
		return -1;
	}
	return fd;
}
