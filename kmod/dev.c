// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/vee: the control plane.  Each ioctl copies in an extensible struct
 * (see the rules at the top of uapi/linux/vee.h), acts on the registry and
 * copies the struct back out.
 */
#include <linux/capability.h>
#include <linux/file.h>
#include <linux/sched/signal.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/uaccess.h>

#include "cgroup.h"
#include "dev.h"
#include "domain.h"
#include "ns.h"
#include "statcache.h"
#include "version.h"

/* The size bits of an ioctl number are informative only: @size rules. */
#define vee_ioc_base(cmd)	((cmd) & ~IOCSIZE_MASK)

/*
 * Copies the caller's struct into @karg (@ksize bytes, zero-filled past
 * what the caller sent).  Returns the caller's size, or -errno.
 */
static int vee_copy_in(void *karg, size_t ksize, size_t ver0,
		       const void __user *uarg)
{
	u32 usize;
	int err;

	if (get_user(usize, (const u32 __user *)uarg))
		return -EFAULT;
	if (usize < ver0)
		return -EINVAL;
	if (usize > PAGE_SIZE)
		return -E2BIG;
	err = copy_struct_from_user(karg, ksize, uarg, usize);
	if (err)
		return err;
	return usize;
}

/* Writes back at most what the caller said it knows, and says how much. */
static int vee_copy_out(void __user *uarg, void *karg, size_t ksize,
			u32 usize)
{
	u32 n = min_t(size_t, ksize, usize);

	*(u32 *)karg = n;
	return copy_to_user(uarg, karg, n) ? -EFAULT : 0;
}

/* The domain named by an id/name selector, with a reference, or ERR_PTR. */
static struct vee_domain *vee_select(u32 id, const char name[VEE_NAME_MAX])
{
	struct vee_domain *dom;
	bool has_name = memchr_inv(name, 0, VEE_NAME_MAX);

	if (id != VEE_ID_NONE) {
		if (has_name)
			return ERR_PTR(-EINVAL);
		dom = vee_domain_get_by_id(id);
	} else {
		if (!has_name || vee_name_validate(name))
			return ERR_PTR(-EINVAL);
		dom = vee_domain_get_by_name(name);
	}
	return dom ?: ERR_PTR(-ENOENT);
}

static int vee_ioctl_version(void __user *uarg)
{
	struct vee_version v;
	int usize;

	usize = vee_copy_in(&v, sizeof(v), VEE_VERSION_SIZE_VER0, uarg);
	if (usize < 0)
		return usize;
	if (v.flags)
		return -EINVAL;

	v.abi_major = VEE_ABI_MAJOR;
	v.abi_minor = VEE_ABI_MINOR;
	strscpy(v.module_version, VEE_VERSION, sizeof(v.module_version));
	v.max_domains = READ_ONCE(vee_max_domains);
	v.nr_domains = vee_domain_count();
	return vee_copy_out(uarg, &v, sizeof(v), usize);
}

/* Best effort: tell the caller which limit was refused. */
static void vee_report_bad_limit(void __user *uarg, void *karg, size_t ksize,
				 u32 usize, u32 *field, u32 bad)
{
	if (!bad)
		return;
	*field = bad;
	vee_copy_out(uarg, karg, ksize, usize);
}

/* Returns the fd (not yet installed) and the file of @dom's cgroup. */
static int vee_cgroup_fd(struct vee_domain *dom, struct file **filp)
{
	struct file *f;
	int fd;

	vee_statcache_taint(dom);	/* a task may join through it */
	f = vee_cgroup_open_dir(dom->name);
	if (IS_ERR(f))
		return PTR_ERR(f);
	fd = get_unused_fd_flags(O_CLOEXEC);
	if (fd < 0) {
		fput(f);
		return fd;
	}
	*filp = f;
	return fd;
}

static int vee_ioctl_create(void __user *uarg)
{
	struct vee_confine confine;
	struct vee_limit_vals limits;
	struct vee_domain *dom;
	struct file *cg = NULL;
	struct vee_create c;
	int usize, err, fd = -1;
	u32 bad = 0;

	usize = vee_copy_in(&c, sizeof(c), VEE_CREATE_SIZE_VER0, uarg);
	if (usize < 0)
		return usize;
	if ((c.flags & ~(VEE_CREATE_CGROUP_FD | VEE_CREATE_USERNS_AUTO)) ||
	    c.id || c.bad_limit || c.__reserved0 ||
	    (c.ns_flags & ~VEE_NS_ALL) || (c.account & ~VEE_ACCT_ALL) ||
	    c.uid_base || c.uid_count || c.__reserved1 ||
	    vee_confine_check(c.confine, c.caps, c.seccomp_key))
		return -EINVAL;
	/*
	 * A uid range is mapped by a user namespace of the domain's own, and
	 * only a caller whose struct holds uid_base can learn which it is.
	 */
	if ((c.flags & VEE_CREATE_USERNS_AUTO) &&
	    (!(c.ns_flags & VEE_NS_USER) || usize < VEE_CREATE_SIZE_VER3))
		return -EINVAL;
	confine = (struct vee_confine){ .flags = c.confine, .caps = c.caps,
					.seccomp_key = c.seccomp_key };

	err = vee_limits_prepare(&c.limits, &limits, &bad);
	if (err)
		goto err_bad_limit;
	dom = vee_domain_create(c.name, c.ns_flags, c.account, &limits,
				&confine, c.flags & VEE_CREATE_USERNS_AUTO,
				&bad);
	vee_limits_release(&limits);
	if (IS_ERR(dom)) {
		err = PTR_ERR(dom);
		goto err_bad_limit;
	}

	if (c.flags & VEE_CREATE_CGROUP_FD) {
		fd = vee_cgroup_fd(dom, &cg);
		if (fd < 0) {
			err = fd;
			goto err_destroy;
		}
	}
	c.id = dom->id;
	c.cgroup_fd = fd;
	c.uid_base = dom->confine.uid_base;
	c.uid_count = dom->confine.uid_count;
	err = vee_copy_out(uarg, &c, sizeof(c), usize);
	if (err)
		goto err_fd;
	if (cg)
		fd_install(fd, cg);
	vee_domain_put(dom);
	return 0;

err_fd:
	if (cg) {
		put_unused_fd(fd);
		fput(cg);
	}
err_destroy:
	vee_domain_destroy(dom, true);	/* the caller cannot learn the id */
	vee_domain_put(dom);
	return err;
err_bad_limit:
	vee_report_bad_limit(uarg, &c, sizeof(c), usize, &c.bad_limit, bad);
	return err;
}

static int vee_ioctl_destroy(void __user *uarg)
{
	struct vee_domain *dom;
	struct vee_destroy d;
	int usize, err;

	usize = vee_copy_in(&d, sizeof(d), VEE_DESTROY_SIZE_VER0, uarg);
	if (usize < 0)
		return usize;
	if ((d.flags & ~VEE_DESTROY_FORCE) || d.__reserved0)
		return -EINVAL;

	dom = vee_select(d.id, d.name);
	if (IS_ERR(dom))
		return PTR_ERR(dom);
	err = vee_domain_destroy(dom, d.flags & VEE_DESTROY_FORCE);
	vee_domain_put(dom);
	return err;
}

static int vee_ioctl_set_limits(void __user *uarg)
{
	struct vee_limit_vals limits;
	struct vee_set_limits s;
	struct vee_domain *dom;
	int usize, err;
	u32 bad = 0;

	usize = vee_copy_in(&s, sizeof(s), VEE_SET_LIMITS_SIZE_VER0, uarg);
	if (usize < 0)
		return usize;
	if (s.flags || s.bad_limit || !s.limits.mask)
		return -EINVAL;

	dom = vee_select(s.id, s.name);
	if (IS_ERR(dom))
		return PTR_ERR(dom);
	err = vee_limits_prepare(&s.limits, &limits, &bad);
	if (!err) {
		err = vee_domain_set_limits(dom, &limits, &bad);
		vee_limits_release(&limits);
	}
	vee_domain_put(dom);
	if (err)
		vee_report_bad_limit(uarg, &s, sizeof(s), usize, &s.bad_limit,
				     bad);
	return err;
}

static int vee_ioctl_enter(void __user *uarg)
{
	struct vee_domain *dom;
	struct vee_enter e;
	int usize, err;

	usize = vee_copy_in(&e, sizeof(e), VEE_ENTER_SIZE_VER0, uarg);
	if (usize < 0)
		return usize;
	if (e.flags)
		return -EINVAL;

	dom = vee_select(e.id, e.name);
	if (IS_ERR(dom))
		return PTR_ERR(dom);
	err = vee_domain_enter(dom);
	vee_domain_put(dom);
	return err;
}

static int vee_ioctl_kill(void __user *uarg)
{
	struct vee_domain *dom;
	struct vee_kill k;
	int usize, err;

	usize = vee_copy_in(&k, sizeof(k), VEE_KILL_SIZE_VER0, uarg);
	if (usize < 0)
		return usize;
	if (k.flags || !k.signal || !valid_signal(k.signal))
		return -EINVAL;

	dom = vee_select(k.id, k.name);
	if (IS_ERR(dom))
		return PTR_ERR(dom);
	err = vee_domain_kill(dom, k.signal);
	vee_domain_put(dom);
	return err;
}

static int vee_ioctl_freeze(void __user *uarg, bool freeze)
{
	struct vee_domain *dom;
	struct vee_freeze f;
	int usize, err;

	usize = vee_copy_in(&f, sizeof(f), VEE_FREEZE_SIZE_VER0, uarg);
	if (usize < 0)
		return usize;
	if (f.flags)
		return -EINVAL;

	dom = vee_select(f.id, f.name);
	if (IS_ERR(dom))
		return PTR_ERR(dom);
	err = vee_domain_freeze(dom, freeze);
	vee_domain_put(dom);
	return err;
}

static int vee_ioctl_open_cgroup(void __user *uarg)
{
	struct vee_open_cgroup o;
	struct vee_domain *dom;
	struct file *cg;
	int usize, err, fd;

	usize = vee_copy_in(&o, sizeof(o), VEE_OPEN_CGROUP_SIZE_VER0, uarg);
	if (usize < 0)
		return usize;
	if (o.flags)
		return -EINVAL;

	dom = vee_select(o.id, o.name);
	if (IS_ERR(dom))
		return PTR_ERR(dom);
	fd = READ_ONCE(dom->state) == VEE_STATE_DYING ? -EBUSY :
							 vee_cgroup_fd(dom, &cg);
	vee_domain_put(dom);
	if (fd < 0)
		return fd;
	o.fd = fd;
	err = vee_copy_out(uarg, &o, sizeof(o), usize);
	if (err) {
		put_unused_fd(fd);
		fput(cg);
		return err;
	}
	fd_install(fd, cg);
	return 0;
}

static int vee_ioctl_info(void __user *uarg)
{
	struct vee_domain *dom;
	struct vee_info i;
	int usize;

	usize = vee_copy_in(&i, sizeof(i), VEE_INFO_SIZE_VER0, uarg);
	if (usize < 0)
		return usize;
	if (i.flags || i.__reserved0 || i.__reserved1)
		return -EINVAL;

	dom = vee_select(i.id, i.name);
	if (IS_ERR(dom))
		return PTR_ERR(dom);

	i.id = dom->id;
	memcpy(i.name, dom->name, VEE_NAME_MAX);
	vee_domain_status(dom, &i.state, &i.init_pid);
	i.created_ns = dom->created_ns;
	i.ns_flags = dom->ns_flags;
	i.cgroup_id = dom->cgroup_id;
	i.account = dom->account;
	i.confine = dom->confine.flags;
	i.caps = dom->confine.caps;
	i.seccomp_key = dom->confine.seccomp_key;
	i.uid_base = dom->confine.uid_base;
	i.uid_count = dom->confine.uid_count;
	vee_domain_put(dom);
	return vee_copy_out(uarg, &i, sizeof(i), usize);
}

/* Ids go out in chunks gathered on the stack: no allocation sized by @count. */
#define VEE_LIST_CHUNK	64

static int vee_ioctl_list(void __user *uarg)
{
	u32 chunk[VEE_LIST_CHUNK];
	u32 __user *ids;
	struct vee_list l;
	u32 written = 0, after;
	unsigned int n;
	int usize;

	usize = vee_copy_in(&l, sizeof(l), VEE_LIST_SIZE_VER0, uarg);
	if (usize < 0)
		return usize;
	if (l.flags || l.__reserved0)
		return -EINVAL;
	ids = u64_to_user_ptr(l.ids);
	if (l.count && !ids)
		return -EFAULT;

	after = l.start_id;
	while (written < l.count) {
		n = vee_domain_ids(after, chunk,
				   min_t(u32, l.count - written, VEE_LIST_CHUNK));
		if (!n)
			break;
		if (copy_to_user(ids + written, chunk, n * sizeof(*chunk)))
			return -EFAULT;
		written += n;
		after = chunk[n - 1];
		cond_resched();
	}

	l.count = written;
	l.total = vee_domain_count();
	return vee_copy_out(uarg, &l, sizeof(l), usize);
}

/*
 * Permissions come first.  ENTER is made from inside a domain, perhaps in a
 * new user namespace, so it is authorised by the credentials of whoever
 * opened the device; every other request needs CAP_SYS_ADMIN in the
 * initial user namespace now, from a task outside every domain.
 */
static long vee_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	void __user *uarg = (void __user *)arg;

	if (vee_ioc_base(cmd) == vee_ioc_base(VEE_IOC_ENTER)) {
		if (!file_ns_capable(file, &init_user_ns, CAP_SYS_ADMIN))
			return -EPERM;
		return vee_ioctl_enter(uarg);
	}
	if (!capable(CAP_SYS_ADMIN) || vee_ns_caller_in_domain())
		return -EPERM;

	switch (vee_ioc_base(cmd)) {
	case vee_ioc_base(VEE_IOC_VERSION):
		return vee_ioctl_version(uarg);
	case vee_ioc_base(VEE_IOC_CREATE):
		return vee_ioctl_create(uarg);
	case vee_ioc_base(VEE_IOC_DESTROY):
		return vee_ioctl_destroy(uarg);
	case vee_ioc_base(VEE_IOC_INFO):
		return vee_ioctl_info(uarg);
	case vee_ioc_base(VEE_IOC_LIST):
		return vee_ioctl_list(uarg);
	case vee_ioc_base(VEE_IOC_SET_LIMITS):
		return vee_ioctl_set_limits(uarg);
	case vee_ioc_base(VEE_IOC_KILL):
		return vee_ioctl_kill(uarg);
	case vee_ioc_base(VEE_IOC_FREEZE):
		return vee_ioctl_freeze(uarg, true);
	case vee_ioc_base(VEE_IOC_THAW):
		return vee_ioctl_freeze(uarg, false);
	case vee_ioc_base(VEE_IOC_OPEN_CGROUP):
		return vee_ioctl_open_cgroup(uarg);
	default:
		return -ENOTTY;
	}
}

static int vee_open(struct inode *inode, struct file *file)
{
	/* The device mode is 0600, but root without the capability is not enough. */
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	return nonseekable_open(inode, file);
}

static const struct file_operations vee_fops = {
	.owner = THIS_MODULE,
	.open = vee_open,
	.unlocked_ioctl = vee_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

static struct miscdevice vee_miscdev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = VEE_DEVICE_NAME,
	.fops = &vee_fops,
	.mode = 0600,
};

int vee_dev_init(void)
{
	return misc_register(&vee_miscdev);
}

void vee_dev_exit(void)
{
	misc_deregister(&vee_miscdev);
}
