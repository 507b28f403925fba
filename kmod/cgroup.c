// SPDX-License-Identifier: GPL-2.0
/*
 * The module's cgroup v2 subtree.  vee is the single writer of
 * <cgroup_root>: it makes and removes the domains' directories and writes
 * their control files.  Every path it opens is resolved below the
 * directory it pinned at load, from a validated domain name (no '/', not
 * "." or ".."), so no caller can steer it anywhere else.
 */
#include <linux/cgroup.h>
#include <linux/cred.h>
#include <linux/delay.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/magic.h>
#include <linux/module.h>
#include <linux/mount.h>
#include <linux/namei.h>
#include <linux/pid.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <uapi/linux/vee.h>

#include "cgroup.h"
#include "compat.h"

static char *cgroup_root = "/sys/fs/cgroup/vee";
module_param(cgroup_root, charp, 0444);
MODULE_PARM_DESC(cgroup_root,
		 "cgroup v2 directory holding one directory per domain, made at load if missing (default /sys/fs/cgroup/vee)");

/* Set once at load, read-only afterwards. */
static struct path vee_parent;		/* cgroup_root's parent */
static struct path vee_root;		/* cgroup_root itself */
static u64 vee_root_id;			/* its cgroup id */
static bool vee_root_made;		/* made by us: removed at unload */
static unsigned long vee_ctrls;		/* BIT(enum vee_ctrl) enabled */
static bool vee_swap_files;		/* memory.swap.max: swap accounted */

static const char *const vee_ctrl_names[VEE_NR_CTRL] = {
	[VEE_CTRL_CPU] = "cpu",
	[VEE_CTRL_CPUSET] = "cpuset",
	[VEE_CTRL_MEMORY] = "memory",
	[VEE_CTRL_PIDS] = "pids",
	[VEE_CTRL_IO] = "io",
};

/* How long destroy waits for killed tasks, and freeze for frozen ones. */
#define VEE_CGROUP_WAIT_MS	10000
/* Nested cgroups a domain may have made below its own directory. */
#define VEE_CGROUP_MAX_DEPTH	16
/* "<name>/<file>" */
#define VEE_CGROUP_PATH_MAX	(VEE_NAME_MAX + 32)

static int vee_cg_path(char *buf, const char *name, const char *file)
{
	int n = snprintf(buf, VEE_CGROUP_PATH_MAX, "%s/%s", name, file);

	return n < VEE_CGROUP_PATH_MAX ? 0 : -ENAMETOOLONG;
}

static int vee_file_write(const struct path *base, const char *rel,
			  const char *val)
{
	size_t len = strlen(val);
	struct file *f;
	loff_t pos = 0;
	ssize_t n;

	f = file_open_root(base, rel, O_WRONLY, 0);
	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_write(f, val, len, &pos);
	fput(f);
	if (n < 0)
		return n;
	return n == len ? 0 : -EIO;
}

/* Reads @f from its start into @buf, NUL-terminated, and puts @f. */
static ssize_t vee_file_read_put(struct file *f, char *buf, size_t len)
{
	loff_t pos = 0;
	ssize_t n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_read(f, buf, len - 1, &pos);
	fput(f);
	if (n < 0)
		return n;
	buf[n] = '\0';
	return n;
}

static ssize_t vee_file_read(const struct path *base, const char *rel,
			     char *buf, size_t len)
{
	return vee_file_read_put(file_open_root(base, rel, O_RDONLY, 0), buf,
				 len);
}

/*
 * Begins a change of entry @name in @parent: write access to the mount,
 * the parent locked, and @name's dentry looked up.  End with
 * vee_change_end() unless it returns an ERR_PTR (then nothing is held).
 */
static struct dentry *vee_change_begin(const struct path *parent,
				       const char *name)
{
	struct dentry *d;
	int err;

	err = mnt_want_write(parent->mnt);
	if (err)
		return ERR_PTR(err);
	inode_lock_nested(d_inode(parent->dentry), I_MUTEX_PARENT);
	d = lookup_one_len(name, parent->dentry, strlen(name));
	if (IS_ERR(d)) {
		inode_unlock(d_inode(parent->dentry));
		mnt_drop_write(parent->mnt);
	}
	return d;
}

static void vee_change_end(const struct path *parent, struct dentry *d)
{
	dput(d);
	inode_unlock(d_inode(parent->dentry));
	mnt_drop_write(parent->mnt);
}

/* Makes @name in @parent and returns its inode number, the cgroup id. */
static int vee_mkdir(const struct path *parent, const char *name, u64 *id)
{
	struct dentry *d, *made;
	int err;

	d = vee_change_begin(parent, name);
	if (IS_ERR(d))
		return PTR_ERR(d);
	if (d_really_is_positive(d))
		err = -EEXIST;
	else
		err = vee_vfs_mkdir(parent->mnt, d_inode(parent->dentry), d, 0755);
	if (!err) {
		/* kernfs leaves the dentry it was given negative: look again. */
		made = lookup_one_len(name, parent->dentry, strlen(name));
		if (IS_ERR(made)) {
			err = PTR_ERR(made);
		} else {
			if (d_really_is_positive(made))
				*id = d_inode(made)->i_ino;
			else
				err = -ENOENT;
			dput(made);
		}
	}
	vee_change_end(parent, d);
	return err;
}

static int vee_rmdir(const struct path *parent, const char *name)
{
	struct dentry *d;
	int err;

	d = vee_change_begin(parent, name);
	if (IS_ERR(d))
		return PTR_ERR(d);
	if (d_really_is_positive(d))
		err = vee_vfs_rmdir(parent->mnt, d_inode(parent->dentry), d);
	else
		err = -ENOENT;
	vee_change_end(parent, d);
	return err;
}

/* Child directories of a cgroup, gathered by iterate_dir(). */
struct vee_subdirs {
	struct dir_context ctx;
	char (*names)[NAME_MAX + 1];
	unsigned int count, max;
	bool overflow;
};

static bool vee_subdir_actor(struct dir_context *ctx, const char *name,
			     int len, loff_t off, u64 ino, unsigned int type)
{
	struct vee_subdirs *s = container_of(ctx, struct vee_subdirs, ctx);

	if (type != DT_DIR || (len == 1 && name[0] == '.') ||
	    (len == 2 && name[0] == '.' && name[1] == '.'))
		return true;
	if (s->count == s->max || len > NAME_MAX) {
		s->overflow = true;
		return false;
	}
	memcpy(s->names[s->count], name, len);
	s->names[s->count][len] = '\0';
	s->count++;
	return true;
}

#define VEE_SUBDIRS_BATCH	16

/*
 * Removes directory @name below @parent together with every cgroup a
 * domain made inside it.  The tasks must be gone already.
 */
static int vee_rmdir_tree(const struct path *parent, const char *name,
			  int depth)
{
	struct vee_subdirs s = { .ctx.actor = vee_subdir_actor };
	struct file *f;
	unsigned int i;
	int err;

	err = vee_rmdir(parent, name);
	if (err != -EBUSY && err != -ENOTEMPTY)
		return err;
	if (depth >= VEE_CGROUP_MAX_DEPTH)
		return -EBUSY;

	f = file_open_root(parent, name, O_RDONLY | O_DIRECTORY, 0);
	if (IS_ERR(f))
		return PTR_ERR(f);
	s.names = kmalloc_array(VEE_SUBDIRS_BATCH, sizeof(*s.names),
				GFP_KERNEL);
	if (!s.names) {
		err = -ENOMEM;
		goto out;
	}
	s.max = VEE_SUBDIRS_BATCH;
	do {
		s.count = 0;
		s.overflow = false;
		s.ctx.pos = 0;
		f->f_pos = 0;
		err = iterate_dir(f, &s.ctx);
		if (err)
			goto out;
		for (i = 0; i < s.count; i++) {
			err = vee_rmdir_tree(&f->f_path, s.names[i], depth + 1);
			if (err && err != -ENOENT)
				goto out;
		}
	} while (s.overflow);
	err = vee_rmdir(parent, name);
out:
	kfree(s.names);
	fput(f);
	return err;
}

/* Waits until "@key <want>" shows in the domain's cgroup.events. */
static int vee_cg_wait_event(const char *name, const char *key, char want)
{
	unsigned long deadline = jiffies + msecs_to_jiffies(VEE_CGROUP_WAIT_MS);
	char buf[128];
	char *p;
	ssize_t n;

	for (;;) {
		n = vee_cgroup_read(name, "cgroup.events", buf, sizeof(buf));
		if (n < 0)
			return n;
		p = strstr(buf, key);
		if (!p)
			return -EIO;
		if (p[strlen(key)] == want)
			return 0;
		if (time_after(jiffies, deadline))
			return -ETIMEDOUT;
		if (fatal_signal_pending(current))
			return -EINTR;
		usleep_range(2000, 5000);
	}
}

int vee_cgroup_write(const char *name, const char *file, const char *val)
{
	char rel[VEE_CGROUP_PATH_MAX];
	int err = vee_cg_path(rel, name, file);

	return err ?: vee_file_write(&vee_root, rel, val);
}

ssize_t vee_cgroup_read(const char *name, const char *file, char *buf,
			size_t len)
{
	char rel[VEE_CGROUP_PATH_MAX];
	int err = vee_cg_path(rel, name, file);

	return err ?: vee_file_read(&vee_root, rel, buf, len);
}

int vee_cgroup_dir(const char *name, struct path *dir)
{
	struct dentry *d;

	d = lookup_positive_unlocked(name, vee_root.dentry, strlen(name));
	if (IS_ERR(d))
		return PTR_ERR(d);
	dir->mnt = mntget(vee_root.mnt);
	dir->dentry = d;
	return 0;
}

/*
 * The file's dentry is looked up (kernfs keeps it cached) and opened as
 * it is, without the path walk and permission checks of an open by name:
 * a dump of many domains reads several files of each.
 */
ssize_t vee_cgroup_read_at(const struct path *dir, const char *file,
			   char *buf, size_t len)
{
	struct path path = { .mnt = dir->mnt };
	struct file *f;

	path.dentry = lookup_positive_unlocked(file, dir->dentry, strlen(file));
	if (IS_ERR(path.dentry))
		return PTR_ERR(path.dentry);
	f = dentry_open(&path, O_RDONLY, current_cred());
	dput(path.dentry);
	return vee_file_read_put(f, buf, len);
}

int vee_cgroup_populated(const char *name)
{
	char buf[128];
	ssize_t n;
	char *p;

	n = vee_cgroup_read(name, "cgroup.events", buf, sizeof(buf));
	if (n < 0)
		return n;
	p = strstr(buf, "populated ");
	if (!p)
		return -EIO;
	return p[strlen("populated ")] == '1';
}

int vee_cgroup_create(const char *name, u64 *id)
{
	return vee_mkdir(&vee_root, name, id);
}

int vee_cgroup_kill(const char *name)
{
	int err;

	/* cgroup.kill reaches every task below, forks in flight included. */
	err = vee_cgroup_write(name, "cgroup.kill", "1");
	if (err)
		return err;
	return vee_cg_wait_event(name, "populated ", '0');
}

int vee_cgroup_remove(const char *name)
{
	int err = vee_rmdir_tree(&vee_root, name, 0);

	return err == -ENOENT ? 0 : err;
}

int vee_cgroup_destroy(const char *name)
{
	int err = vee_cgroup_kill(name);

	if (err == -ENOENT)
		return 0;	/* removed behind our back: nothing to do */
	return err ?: vee_cgroup_remove(name);
}

/* The number after "@key " in @buf, a cgroup file's text. */
static int vee_cgroup_parse_key(char *buf, const char *key, u64 *val)
{
	size_t klen = strlen(key);
	char *line;

	while ((line = strsep(&buf, "\n")))
		if (!strncmp(line, key, klen) && line[klen] == ' ')
			return kstrtou64(line + klen + 1, 10, val);
	return -ENOENT;
}

/* The number after "@key " in @file in the directory @dir (vee_cgroup_read_at()). */
int vee_cgroup_read_key_at(const struct path *dir, const char *file,
			   const char *key, u64 *val)
{
	char buf[512];
	ssize_t n;

	n = vee_cgroup_read_at(dir, file, buf, sizeof(buf));
	if (n < 0)
		return n;
	return vee_cgroup_parse_key(buf, key, val);
}

/* The same in the domain's directory, such as "max" in pids.events. */
int vee_cgroup_read_key(const char *name, const char *file, const char *key,
			u64 *val)
{
	struct path dir;
	int err;

	err = vee_cgroup_dir(name, &dir);
	if (err)
		return err;
	err = vee_cgroup_read_key_at(&dir, file, key, val);
	path_put(&dir);
	return err;
}

/*
 * Signals every process listed in the domain's cgroup.procs.  A process
 * forked after the read is missed; SIGKILL has no such gap because it goes
 * through cgroup.kill.
 */
int vee_cgroup_signal(const char *name, int sig)
{
	char rel[VEE_CGROUP_PATH_MAX];
	struct file *f;
	char *buf, *line, *cur;
	loff_t pos = 0;
	ssize_t n;
	int nr, err;

	if (sig == SIGKILL)
		return vee_cgroup_write(name, "cgroup.kill", "1");

	err = vee_cg_path(rel, name, "cgroup.procs");
	if (err)
		return err;
	f = file_open_root(&vee_root, rel, O_RDONLY, 0);
	if (IS_ERR(f))
		return PTR_ERR(f);
	buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!buf) {
		err = -ENOMEM;
		goto out;
	}
	/* seq_file hands out whole lines, so a read never splits a pid. */
	while ((n = kernel_read(f, buf, PAGE_SIZE - 1, &pos)) > 0) {
		buf[n] = '\0';
		cur = buf;
		while ((line = strsep(&cur, "\n"))) {
			struct pid *pid;

			if (!*line || kstrtoint(line, 10, &nr))
				continue;
			pid = find_get_pid(nr);
			if (pid) {
				kill_pid(pid, sig, 1);
				put_pid(pid);
			}
		}
		cond_resched();
	}
	err = n < 0 ? n : 0;
out:
	kfree(buf);
	fput(f);
	return err;
}

int vee_cgroup_freeze(const char *name, bool freeze)
{
	int err;

	err = vee_cgroup_write(name, "cgroup.freeze", freeze ? "1" : "0");
	if (err)
		return err;
	return vee_cg_wait_event(name, "frozen ", freeze ? '1' : '0');
}

struct file *vee_cgroup_open(const char *rel)
{
	return file_open_root(&vee_root, rel, O_RDONLY, 0);
}

struct file *vee_cgroup_open_dir(const char *name)
{
	return file_open_root(&vee_root, name, O_RDONLY | O_DIRECTORY, 0);
}

bool vee_cgroup_has_ctrl(enum vee_ctrl ctrl)
{
	return test_bit(ctrl, &vee_ctrls);
}

bool vee_cgroup_has_swap(void)
{
	return vee_swap_files;
}

const struct path *vee_cgroup_root_path(void)
{
	return &vee_root;
}

u64 vee_cgroup_root_id(void)
{
	return vee_root_id;
}

bool vee_cgroup_current_inside(void)
{
	struct cgroup *cg;
	bool inside = false;

	rcu_read_lock();
	for (cg = task_dfl_cgroup(current); cg; cg = cgroup_parent(cg)) {
		if (cgroup_id(cg) == vee_root_id) {
			inside = true;
			break;
		}
	}
	rcu_read_unlock();
	return inside;
}

u64 vee_cgroup_current_id(void)
{
	u64 id;

	rcu_read_lock();
	id = cgroup_id(task_dfl_cgroup(current));
	rcu_read_unlock();
	return id;
}

/*
 * Turns on, in @dir's cgroup.subtree_control, every controller vee uses
 * that @dir's cgroup.controllers offers, one at a time so that one refusal
 * does not keep the others off.  Returns the BIT() set now enabled.
 */
static unsigned long vee_enable_ctrls(const struct path *dir)
{
	/* " cpuset cpu io memory pids \0": whole words match " cpu ". */
	char avail[256], want[16];
	unsigned long on = 0;
	ssize_t n;
	int i;

	avail[0] = ' ';
	n = vee_file_read(dir, "cgroup.controllers", avail + 1, sizeof(avail) - 2);
	if (n < 0)
		return 0;
	strreplace(avail, '\n', ' ');
	strcat(avail, " ");
	for (i = 0; i < VEE_NR_CTRL; i++) {
		snprintf(want, sizeof(want), " %s ", vee_ctrl_names[i]);
		if (!strstr(avail, want))
			continue;
		snprintf(want, sizeof(want), "+%s", vee_ctrl_names[i]);
		if (!vee_file_write(dir, "cgroup.subtree_control", want))
			on |= BIT(i);
	}
	return on;
}

int vee_cgroup_init(void)
{
	const char *base;
	char *parent_str;
	struct dentry *d;
	int err, i;

	base = strrchr(cgroup_root, '/');
	if (cgroup_root[0] != '/' || !base || !base[1] || !strcmp(base, "/.") ||
	    !strcmp(base, "/..")) {
		pr_err("cgroup_root '%s' must be an absolute path to a directory\n",
		       cgroup_root);
		return -EINVAL;
	}
	base++;
	parent_str = kstrndup(cgroup_root, base - cgroup_root, GFP_KERNEL);
	if (!parent_str)
		return -ENOMEM;
	err = kern_path(parent_str, LOOKUP_FOLLOW | LOOKUP_DIRECTORY,
			&vee_parent);
	kfree(parent_str);
	if (err) {
		pr_err("cgroup_root '%s': its parent is missing (%d)\n",
		       cgroup_root, err);
		return err;
	}
	if (vee_parent.mnt->mnt_sb->s_magic != CGROUP2_SUPER_MAGIC) {
		pr_err("cgroup_root '%s' is not on a cgroup2 filesystem\n",
		       cgroup_root);
		err = -EINVAL;
		goto err_parent;
	}

	/* The parent must hand the controllers down before we can use them. */
	vee_enable_ctrls(&vee_parent);

	err = vee_mkdir(&vee_parent, base, &vee_root_id);
	if (!err)
		vee_root_made = true;
	else if (err != -EEXIST)
		goto err_parent;

	inode_lock_nested(d_inode(vee_parent.dentry), I_MUTEX_PARENT);
	d = lookup_one_len(base, vee_parent.dentry, strlen(base));
	inode_unlock(d_inode(vee_parent.dentry));
	if (IS_ERR(d)) {
		err = PTR_ERR(d);
		goto err_made;
	}
	if (!d_is_dir(d)) {
		dput(d);
		err = -ENOTDIR;
		goto err_made;
	}
	vee_root.mnt = mntget(vee_parent.mnt);
	vee_root.dentry = d;
	vee_root_id = d_inode(d)->i_ino;

	vee_ctrls = vee_enable_ctrls(&vee_root);
	/* Booted with swap accounting off, the memory cgroups lack them. */
	d = lookup_positive_unlocked("memory.swap.max", vee_root.dentry,
				     strlen("memory.swap.max"));
	vee_swap_files = !IS_ERR(d);
	if (!IS_ERR(d))
		dput(d);
	for (i = 0; i < VEE_NR_CTRL; i++)
		if (!test_bit(i, &vee_ctrls))
			pr_warn("cgroup controller '%s' unavailable under %s: its limits will be refused\n",
				vee_ctrl_names[i], cgroup_root);
	return 0;

err_made:
	if (vee_root_made)
		vee_rmdir(&vee_parent, base);
err_parent:
	path_put(&vee_parent);
	return err;
}

void vee_cgroup_exit(void)
{
	const char *base = strrchr(cgroup_root, '/') + 1;
	int err;

	path_put(&vee_root);
	if (vee_root_made) {
		err = vee_rmdir(&vee_parent, base);
		if (err)
			pr_warn("cannot remove %s (%d): left in place\n",
				cgroup_root, err);
	}
	path_put(&vee_parent);
}
