// SPDX-License-Identifier: GPL-2.0
/*
 * Loading vee.ko when the tool finds it missing.  Through libkmod, as
 * modprobe does, so that what an administrator configured still applies
 * (options and install lines in modprobe.d, the updates/ tree before the
 * kernel's own); the module itself comes from DKMS or the vee-dkms package.
 */
#include <errno.h>
#include <libkmod.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "lib/ctl.h"
#include "lib/kver.h"
#include "lib/report.h"
#include "load.h"

#define VEE_SYSFS_MODULE	"/sys/module/vee"

/* How long udev may take to make /dev/vee once the module is in. */
#define DEV_WAIT_MS		2000

static void wait_for_dev(void)
{
	const struct timespec tick = { .tv_nsec = 10 * 1000 * 1000 };
	int ms;

	/* devtmpfs makes the node before init_module returns; udev may not. */
	for (ms = 0; ms < DEV_WAIT_MS && access(VEE_DEV_PATH, F_OK); ms += 10)
		nanosleep(&tick, NULL);
}

/* libkmod's own complaints would repeat ours less clearly. */
static void kmod_quiet(void *data, int priority, const char *file, int line,
		       const char *fn, const char *format, va_list args)
{
}

static int insert(const char *op, const char *name, const char *release)
{
	struct kmod_list *list = NULL;
	struct kmod_module *mod;
	struct kmod_ctx *ctx;
	int err;

	ctx = kmod_new(NULL, NULL);
	if (!ctx) {
		vee_fail(op, name, "the vee module is not loaded, and libkmod cannot read the module tree of Linux %s",
			 release);
		return -1;
	}
	kmod_set_log_fn(ctx, kmod_quiet, NULL);
	err = kmod_module_new_from_lookup(ctx, "vee", &list);
	if (err < 0 || !list) {
		vee_fail(op, name, "the vee module is not loaded and not installed for this kernel (Linux %s): install it with DKMS (dkms install vee/%s) or the vee-dkms package",
			 release, VEE_TOOL_VERSION);
		kmod_unref(ctx);
		return -1;
	}
	mod = kmod_module_get_module(list);
	kmod_module_unref_list(list);
	err = kmod_module_probe_insert_module(mod, 0, NULL, NULL, NULL, NULL);
	if (err == -EPERM && geteuid() != 0)
		vee_fail(op, name, "the vee module is not loaded, and loading it needs root: run vee as root, or modprobe vee first");
	else if (err == -ENOENT)
		vee_fail(op, name, "the vee module is not loaded, and %s, listed for Linux %s, is missing: reinstall it (dkms install vee/%s) and run depmod",
			 kmod_module_get_path(mod) ?: "vee.ko", release,
			 VEE_TOOL_VERSION);
	else if (err < 0)
		vee_fail(op, name, "loading the vee module (%s) failed: %s; see dmesg",
			 kmod_module_get_path(mod) ?: "vee", strerror(-err));
	kmod_module_unref(mod);
	kmod_unref(ctx);
	if (err < 0)
		return -1;
	wait_for_dev();
	return 0;
}

int vee_load_module(const char *op, const char *name)
{
	struct utsname u;

	if (!access(VEE_SYSFS_MODULE, F_OK))
		return 0;
	if (uname(&u)) {
		vee_fail(op, name, "the vee module is not loaded, and uname failed: %s",
			 strerror(errno));
		return -1;
	}
	/* Asked first: an old kernel would only refuse the module obscurely. */
	if (vee_kernel_supported(u.release) == 0) {
		vee_fail(op, name, "Linux %s is too old for vee: the vee module needs Linux %s or later",
			 u.release, VEE_MIN_KERNEL);
		return -1;
	}
	return insert(op, name, u.release);
}
