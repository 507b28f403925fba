// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "lib/report.h"

void vee_fail(const char *op, const char *name, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "vee: %s", op);
	if (name)
		fprintf(stderr, " %s", name);
	fputs(": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

const char *vee_strerror(int err)
{
	switch (-err) {
	case EEXIST:
		return "domain exists";
	case ENOENT:
		return "no such domain";
	case ENOSPC:
		return "too many domains (the module's max_domains parameter)";
	case EPERM:
	case EACCES:
		return "permission denied: vee needs root (CAP_SYS_ADMIN)";
	case ENAMETOOLONG:
		return "name is longer than 63 characters";
	case ENOTTY:
		return "the loaded vee module does not know this request";
	case EINVAL:
		return "invalid argument (rejected by the vee module)";
	case EPROTO:
		return "the vee module answered in a way this tool does not understand";
	default:
		return strerror(-err);
	}
}

const char *vee_state_name(uint32_t state)
{
	switch (state) {
	case VEE_STATE_CREATED:
		return "created";
	case VEE_STATE_RUNNING:
		return "running";
	case VEE_STATE_FROZEN:
		return "frozen";
	case VEE_STATE_EMPTY:
		return "empty";
	case VEE_STATE_DYING:
		return "dying";
	default:
		return "unknown";
	}
}
