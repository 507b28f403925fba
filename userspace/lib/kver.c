// SPDX-License-Identifier: GPL-2.0
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>

#include "lib/kver.h"

/* A decimal number at *@s (no sign, no blanks); advances *@s past it. */
static int take_number(const char **s, unsigned long *n)
{
	char *end;

	if (!isdigit((unsigned char)**s))
		return -1;
	errno = 0;
	*n = strtoul(*s, &end, 10);
	if (errno)
		return -1;
	*s = end;
	return 0;
}

int vee_kernel_supported(const char *release)
{
	unsigned long major, minor;

	if (take_number(&release, &major) || *release++ != '.' ||
	    take_number(&release, &minor))
		return -1;
	if (major != VEE_MIN_KERNEL_MAJOR)
		return major > VEE_MIN_KERNEL_MAJOR;
	return minor >= VEE_MIN_KERNEL_MINOR;
}
