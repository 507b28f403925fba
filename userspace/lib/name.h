/* SPDX-License-Identifier: GPL-2.0 */
#ifndef VEE_NAME_H
#define VEE_NAME_H

/*
 * Checks a domain name by the module's rule ([A-Za-z0-9_.-]{1,63}, not
 * starting with "." or "-"), so the tool can say what is wrong first.
 * Returns NULL when valid, otherwise why not.
 */
const char *vee_name_problem(const char *name);

#endif
