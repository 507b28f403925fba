// SPDX-License-Identifier: GPL-2.0
#include <string.h>
#include <linux/vee.h>

#include "lib/name.h"

static int name_char_ok(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

const char *vee_name_problem(const char *name)
{
	size_t len = strlen(name);

	if (len == 0)
		return "name is empty";
	if (len >= VEE_NAME_MAX)
		return "name is longer than 63 characters";
	if (name[0] == '.' || name[0] == '-')
		return "name cannot start with '.' or '-'";
	for (; *name; name++)
		if (!name_char_ok(*name))
			return "name may hold only letters, digits, '_', '.' and '-'";
	return NULL;
}
