// SPDX-License-Identifier: GPL-2.0
/*
 * Loading vee.ko when the tool finds it missing.  Through libkmod, as
 * modprobe does, so that what an administrator configured still applies
 * (options and install lines in modprobe.d, the updates/ tree before the
 * kernel's own); the module itself comes from DKMS or the vee-dkms package.
 *
 * libkmod is opened with dlopen() on that path only, as systemd does with
 * its optional libraries: linked in, it and what it needs (libcrypto,
 * liblzma, libzstd) were loaded and relocated at every start of every vee
 * command, about a sixth of a `vee run` of /true in bench/.
 */
#include <dlfcn.h>
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

#define VEE_LIBKMOD	"libkmod.so.2"

/* The libkmod calls the tool makes, declared by libkmod.h itself. */
static struct {
	typeof(kmod_new) *new;
	typeof(kmod_unref) *unref;
	typeof(kmod_set_log_fn) *set_log_fn;
	typeof(kmod_module_new_from_lookup) *new_from_lookup;
	typeof(kmod_module_get_module) *get_module;
	typeof(kmod_module_unref_list) *unref_list;
	typeof(kmod_module_probe_insert_module) *probe_insert;
	typeof(kmod_module_get_path) *get_path;
	typeof(kmod_module_unref) *module_unref;
} kmod;

/* Opens libkmod and finds its calls; NULL, or dlerror()'s text. */
static const char *kmod_open(void)
{
	void *h = dlopen(VEE_LIBKMOD, RTLD_NOW | RTLD_LOCAL);

	if (!h)
		return dlerror();
#define VEE_KMOD_SYM(field, sym)			\
	do {						\
		kmod.field = dlsym(h, #sym);		\
		if (!kmod.field)			\
			goto missing;			\
	} while (0)
	VEE_KMOD_SYM(new, kmod_new);
	VEE_KMOD_SYM(unref, kmod_unref);
	VEE_KMOD_SYM(set_log_fn, kmod_set_log_fn);
	VEE_KMOD_SYM(new_from_lookup, kmod_module_new_from_lookup);
	VEE_KMOD_SYM(get_module, kmod_module_get_module);
	VEE_KMOD_SYM(unref_list, kmod_module_unref_list);
	VEE_KMOD_SYM(probe_insert, kmod_module_probe_insert_module);
	VEE_KMOD_SYM(get_path, kmod_module_get_path);
	VEE_KMOD_SYM(module_unref, kmod_module_unref);
#undef VEE_KMOD_SYM
	return NULL;	/* stays open: the process is short-lived */
missing:
	return dlerror();
}

static int insert(const char *op, const char *name, const char *release)
{
	struct kmod_list *list = NULL;
	struct kmod_module *mod;
	struct kmod_ctx *ctx;
	const char *why;
	int err;

	why = kmod_open();
	if (why) {
		vee_fail(op, name, "the vee module is not loaded, and %s, which loads it, is unusable (%s): modprobe vee, or install libkmod2",
			 VEE_LIBKMOD, why);
		return -1;
	}
	ctx = kmod.new(NULL, NULL);
	if (!ctx) {
		vee_fail(op, name, "the vee module is not loaded, and libkmod cannot read the module tree of Linux %s",
			 release);
		return -1;
	}
	kmod.set_log_fn(ctx, kmod_quiet, NULL);
	err = kmod.new_from_lookup(ctx, "vee", &list);
	if (err < 0 || !list) {
		vee_fail(op, name, "the vee module is not loaded and not installed for this kernel (Linux %s): install it with DKMS (dkms install vee/%s) or the vee-dkms package",
			 release, VEE_TOOL_VERSION);
		kmod.unref(ctx);
		return -1;
	}
	mod = kmod.get_module(list);
	kmod.unref_list(list);
	err = kmod.probe_insert(mod, 0, NULL, NULL, NULL, NULL);
	if (err == -EPERM && geteuid() != 0)
		vee_fail(op, name, "the vee module is not loaded, and loading it needs root: run vee as root, or modprobe vee first");
	else if (err == -ENOENT)
		vee_fail(op, name, "the vee module is not loaded, and %s, listed for Linux %s, is missing: reinstall it (dkms install vee/%s) and run depmod",
			 kmod.get_path(mod) ?: "vee.ko", release,
			 VEE_TOOL_VERSION);
	else if (err < 0)
		vee_fail(op, name, "loading the vee module (%s) failed: %s; see dmesg",
			 kmod.get_path(mod) ?: "vee", strerror(-err));
	kmod.module_unref(mod);
	kmod.unref(ctx);
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
