/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VEE_DEV_H
#define _VEE_DEV_H

int vee_dev_init(void);
void vee_dev_exit(void);

#endif /* _VEE_DEV_H */
