// SPDX-License-Identifier: GPL-2.0
/*
 * A deliberately buggy module, built only by scripts/check-debug: loaded
 * into the debug kernel with bug=NAME, it commits that one bug at load so
 * the detector for it must report, and vm-run must fail the run (exit 121).
 * Proves that `make check-debug` can fail, detector by detector.
 * Never load it anywhere else.
 */
#include <linux/kfence.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/delay.h>

static char *bug = "";
module_param(bug, charp, 0444);
MODULE_PARM_DESC(bug, "Bug to commit at load: kasan, kfence, ubsan, lockdep, sleep, list, kmemleak");

/* Reads one byte past a kmalloc(8) object: KASAN slab-out-of-bounds. */
static void bug_kasan(void)
{
	char *p = kmalloc(8, GFP_KERNEL);
	size_t i = 8;

	if (!p)
		return;
	OPTIMIZER_HIDE_VAR(i);
	pr_info("vee_buggy: read %d\n", READ_ONCE(p[i]));
	kfree(p);
}

/*
 * Reads a freed object from KFENCE's pool: KFENCE use-after-free.  KFENCE
 * samples one allocation every 100 ms, so allocate until one lands there.
 */
static void bug_kfence(void)
{
	char *p;
	int i;

	for (i = 0; i < 3000; i++) {
		p = kmalloc(32, GFP_KERNEL);
		if (!p)
			return;
		if (is_kfence_address(p))
			break;
		kfree(p);
		p = NULL;
		usleep_range(1000, 2000);
	}
	if (!p) {
		pr_err("vee_buggy: no KFENCE allocation in 3000 tries\n");
		return;
	}
	kfree(p);
	pr_info("vee_buggy: read %d\n", READ_ONCE(p[0]));
}

/* An array index past the end, inside a larger object: UBSAN bounds. */
static void bug_ubsan(void)
{
	struct {
		int a[4];
		int b;
	} s = { { 1, 2, 3, 4 }, 5 };
	int i = 4;

	OPTIMIZER_HIDE_VAR(i);
	pr_info("vee_buggy: read %d\n", s.a[i]);
}

static DEFINE_MUTEX(lock_a);
static DEFINE_MUTEX(lock_b);

/* A then B, later B then A: lockdep's circular dependency (no deadlock). */
static void bug_lockdep(void)
{
	mutex_lock(&lock_a);
	mutex_lock(&lock_b);
	mutex_unlock(&lock_b);
	mutex_unlock(&lock_a);
	mutex_lock(&lock_b);
	mutex_lock(&lock_a);
	mutex_unlock(&lock_a);
	mutex_unlock(&lock_b);
}

static DEFINE_SPINLOCK(spin);

/* A GFP_KERNEL allocation under a spinlock: sleeping in atomic context. */
static void bug_sleep(void)
{
	void *p;

	spin_lock(&spin);
	p = kmalloc(16, GFP_KERNEL);
	spin_unlock(&spin);
	kfree(p);
}

/* Deleting an entry twice: DEBUG_LIST's list_del corruption (skipped). */
static void bug_list(void)
{
	LIST_HEAD(head);
	struct list_head entry;

	list_add(&entry, &head);
	list_del(&entry);
	list_del(&entry);
}

/*
 * Allocations whose only pointers are dropped: a kmemleak report.  Several,
 * since the last pointer can linger in a dead task's cached stack, which
 * kmemleak scans like any other memory.
 */
static void bug_kmemleak(void)
{
	void *p;
	int i;

	for (i = 0; i < 8; i++) {
		p = kmalloc(64, GFP_KERNEL);
		OPTIMIZER_HIDE_VAR(p);
	}
	pr_info("vee_buggy: leaked 8 x 64 bytes\n");
}

static const struct {
	const char *name;
	void (*commit)(void);
} bugs[] = {
	{ "kasan", bug_kasan },
	{ "kfence", bug_kfence },
	{ "ubsan", bug_ubsan },
	{ "lockdep", bug_lockdep },
	{ "sleep", bug_sleep },
	{ "list", bug_list },
	{ "kmemleak", bug_kmemleak },
};

static int __init vee_buggy_init(void)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(bugs); i++) {
		if (!strcmp(bug, bugs[i].name)) {
			pr_info("vee_buggy: committing %s\n", bug);
			bugs[i].commit();
			return 0;
		}
	}
	pr_err("vee_buggy: unknown bug '%s'\n", bug);
	return -EINVAL;
}
module_init(vee_buggy_init);

static void __exit vee_buggy_exit(void)
{
}
module_exit(vee_buggy_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Deliberate bugs to prove the debug kernel's detectors fire");
