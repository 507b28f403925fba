// SPDX-License-Identifier: GPL-2.0
/*
 * vee: isolation domains as a kernel object.  Module init and exit only;
 * each concern lives in its own file (see docs/design.md).
 */
#include <linux/module.h>

#include "acct.h"
#include "cgroup.h"
#include "confine.h"
#include "dev.h"
#include "domain.h"
#include "netlink.h"
#include "statcache.h"
#include "version.h"

static int __init vee_init(void)
{
	int err;

	err = vee_confine_init();
	if (err)
		return err;

	err = vee_cgroup_init();
	if (err)
		return err;

	err = vee_statcache_init();
	if (err)
		goto err_cgroup;

	err = vee_acct_init();
	if (err)
		goto err_statcache;

	err = vee_registry_init();
	if (err)
		goto err_acct;

	err = vee_netlink_init();
	if (err)
		goto err_registry;

	err = vee_dev_init();
	if (err)
		goto err_netlink;

	pr_info("vee %s loaded, ABI %u.%u\n", VEE_VERSION, VEE_ABI_MAJOR,
		VEE_ABI_MINOR);
	return 0;

err_netlink:
	vee_netlink_exit();
err_registry:
	vee_registry_exit();
err_acct:
	vee_acct_exit();
err_statcache:
	vee_statcache_exit();
err_cgroup:
	vee_cgroup_exit();
	vee_confine_exit();
	return err;
}

static void __exit vee_exit(void)
{
	/* The device goes first, so no ioctl runs while the registry empties. */
	vee_dev_exit();
	/* Then netlink: no request may look at a registry being emptied. */
	vee_netlink_exit();
	vee_registry_exit();
	vee_acct_exit();
	vee_statcache_exit();
	vee_cgroup_exit();
	vee_confine_exit();
	pr_info("vee unloaded\n");
}

module_init(vee_init);
module_exit(vee_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("vee: Linux isolation domains (virtual execution environments)");
MODULE_AUTHOR("The vee developers");
MODULE_VERSION(VEE_VERSION);
