// SPDX-License-Identifier: GPL-2.0
/*
 * Watching a domain's limit hits.  The cgroup files count hits exactly and
 * notify pollers (cgroup_file_notify, rate-limited by the kernel); vee adds
 * a wait-queue entry to each file the way eventfd-based cgroup
 * notifications do, so nothing runs until a limit is hit.  The wake-up runs
 * with the wait queue's lock held, so it only queues a work item, which
 * reads the file and sends the events.
 *
 * A watch holds its file open, which costs about 600 bytes of unreclaimable
 * kernel memory (file, seq_file, kernfs open file and node), so a resource
 * is watched only from the first time vee sets a limit on it: an idle
 * domain without limits costs none of that.
 */
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <uapi/linux/vee.h>

#include "cgroup.h"
#include "domain.h"
#include "event.h"
#include "hits.h"

/* Events sent for one wake-up at most: a fork bomb must not flood. */
#define VEE_HITS_BURST	8

struct vee_hit_watch {
	struct vee_domain *dom;		/* outlives the watch (see unwatch) */
	const char *file;
	u32 resource;
	u64 seen;			/* hits already reported */
	struct file *filp;
	wait_queue_head_t *wqh;
	wait_queue_entry_t wait;
	poll_table pt;
	struct work_struct work;
};

struct vee_hits {
	struct vee_hit_watch w[2];
};

static void vee_hit_work(struct work_struct *work)
{
	struct vee_hit_watch *w = container_of(work, struct vee_hit_watch,
					       work);
	u64 now, n;

	if (vee_cgroup_read_key(w->dom->name, w->file, "max", &now) ||
	    now <= w->seen)
		return;
	n = min_t(u64, now - w->seen, VEE_HITS_BURST);
	w->seen = now;
	while (n--)
		vee_event(w->dom, VEE_EVENT_LIMIT_HIT, w->resource);
}

static int vee_hit_wake(wait_queue_entry_t *wait, unsigned int mode,
			int sync, void *key)
{
	struct vee_hit_watch *w = container_of(wait, struct vee_hit_watch,
					       wait);

	schedule_work(&w->work);
	return 0;
}

static void vee_hit_queue(struct file *filp, wait_queue_head_t *wqh,
			  poll_table *pt)
{
	struct vee_hit_watch *w = container_of(pt, struct vee_hit_watch, pt);

	w->wqh = wqh;
	add_wait_queue(wqh, &w->wait);
}

static int vee_hit_start(struct vee_hit_watch *w, struct vee_domain *dom,
			 const char *file, u32 resource)
{
	char rel[VEE_NAME_MAX + 32];
	struct file *filp;

	if (vee_cgroup_read_key(dom->name, file, "max", &w->seen))
		return 0;	/* no such controller here: nothing to watch */
	snprintf(rel, sizeof(rel), "%s/%s", dom->name, file);
	filp = vee_cgroup_open(rel);
	if (IS_ERR(filp))
		return PTR_ERR(filp);	/* unstarted: the next limit retries */
	w->dom = dom;
	w->file = file;
	w->resource = resource;
	w->filp = filp;
	INIT_WORK(&w->work, vee_hit_work);
	init_waitqueue_func_entry(&w->wait, vee_hit_wake);
	init_poll_funcptr(&w->pt, vee_hit_queue);
	vfs_poll(w->filp, &w->pt);
	return 0;
}

static void vee_hit_stop(struct vee_hit_watch *w)
{
	if (!w->filp)
		return;
	if (w->wqh)
		remove_wait_queue(w->wqh, &w->wait);
	cancel_work_sync(&w->work);
	fput(w->filp);
}

/* The first limit on a resource arms its watch; it stays until the end. */
int vee_hits_arm(struct vee_domain *dom, u32 limits)
{
	struct vee_hits *hits = dom->hits;
	int err = 0;

	if (!dom->acct || !(dom->account & VEE_ACCT_OOM) ||
	    !(limits & (VEE_LIMIT_MEMORY_MAX | VEE_LIMIT_PIDS_MAX)))
		return 0;
	if (!hits) {
		hits = kzalloc(sizeof(*hits), GFP_KERNEL);
		if (!hits)
			return -ENOMEM;
		dom->hits = hits;
	}
	if ((limits & VEE_LIMIT_MEMORY_MAX) && !hits->w[0].dom)
		err = vee_hit_start(&hits->w[0], dom, "memory.events",
				    VEE_RESOURCE_MEMORY);
	if (!err && (limits & VEE_LIMIT_PIDS_MAX) && !hits->w[1].dom)
		err = vee_hit_start(&hits->w[1], dom, "pids.events",
				    VEE_RESOURCE_PIDS);
	return err;
}

void vee_hits_unwatch(struct vee_hits *hits)
{
	if (!hits)
		return;
	vee_hit_stop(&hits->w[1]);
	vee_hit_stop(&hits->w[0]);
	kfree(hits);
}
