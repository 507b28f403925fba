// SPDX-License-Identifier: GPL-2.0
/*
 * The ABI must not drift: every struct's size and every field's offset is
 * pinned here, so a change to uapi/linux/vee.h that moves anything fails
 * loudly.  Growing a struct means appending a field and a line below.
 */
#include <sched.h>
#include <stddef.h>
#include <linux/sched.h>
#include <linux/vee.h>

#include "harness.h"

#define OFF(type, field, want) EXPECT_EQ(offsetof(struct type, field), want)

TEST(abi_version_numbers)
{
	EXPECT_EQ(VEE_ABI_MAJOR, 1);
	EXPECT_GE(VEE_ABI_MINOR, 0);
	EXPECT_EQ(VEE_NAME_MAX, 64);
	EXPECT_EQ(VEE_IOC_MAGIC, 0xEE);
}

TEST(ioctl_numbers)
{
	EXPECT_EQ(VEE_IOC_VERSION, 0xc038ee00);
	EXPECT_EQ(VEE_IOC_CREATE, 0xc0e0ee01);
	EXPECT_EQ(VEE_IOC_DESTROY, 0x4050ee02);
	EXPECT_EQ(VEE_IOC_INFO, 0xc078ee03);
	EXPECT_EQ(VEE_IOC_LIST, 0xc020ee04);
	EXPECT_EQ(VEE_IOC_SET_LIMITS, 0xc0c8ee05);
	EXPECT_EQ(VEE_IOC_ENTER, 0x404cee06);
	EXPECT_EQ(VEE_IOC_KILL, 0x4050ee07);
	EXPECT_EQ(VEE_IOC_FREEZE, 0x404cee08);
	EXPECT_EQ(VEE_IOC_THAW, 0x404cee09);
	EXPECT_EQ(VEE_IOC_OPEN_CGROUP, 0xc050ee0a);
}

TEST(struct_vee_version)
{
	EXPECT_EQ(sizeof(struct vee_version), VEE_VERSION_SIZE_VER0);
	EXPECT_EQ(VEE_VERSION_SIZE_VER0, 56);
	OFF(vee_version, size, 0);
	OFF(vee_version, flags, 4);
	OFF(vee_version, abi_major, 8);
	OFF(vee_version, abi_minor, 12);
	OFF(vee_version, module_version, 16);
	OFF(vee_version, max_domains, 48);
	OFF(vee_version, nr_domains, 52);
}

TEST(struct_vee_create)
{
	EXPECT_EQ(sizeof(struct vee_create), VEE_CREATE_SIZE_VER3);
	EXPECT_EQ(VEE_CREATE_SIZE_VER0, 80);
	EXPECT_EQ(VEE_CREATE_SIZE_VER1, 216);
	EXPECT_EQ(VEE_CREATE_SIZE_VER2, 224);
	EXPECT_EQ(VEE_CREATE_SIZE_VER3, 256);
	OFF(vee_create, size, 0);
	OFF(vee_create, flags, 4);
	OFF(vee_create, name, 8);
	OFF(vee_create, id, 72);
	OFF(vee_create, cgroup_fd, 76);
	OFF(vee_create, ns_flags, 80);
	OFF(vee_create, bad_limit, 88);
	OFF(vee_create, __reserved0, 92);
	OFF(vee_create, limits, 96);
	OFF(vee_create, account, 216);
	OFF(vee_create, confine, 224);
	OFF(vee_create, uid_count, 228);
	OFF(vee_create, caps, 232);
	OFF(vee_create, seccomp_key, 240);
	OFF(vee_create, uid_base, 248);
	OFF(vee_create, __reserved1, 252);
}

TEST(struct_vee_destroy)
{
	EXPECT_EQ(sizeof(struct vee_destroy), VEE_DESTROY_SIZE_VER0);
	EXPECT_EQ(VEE_DESTROY_SIZE_VER0, 80);
	OFF(vee_destroy, size, 0);
	OFF(vee_destroy, flags, 4);
	OFF(vee_destroy, id, 8);
	OFF(vee_destroy, name, 12);
	OFF(vee_destroy, __reserved0, 76);
}

TEST(struct_vee_info)
{
	EXPECT_EQ(sizeof(struct vee_info), VEE_INFO_SIZE_VER3);
	EXPECT_EQ(VEE_INFO_SIZE_VER0, 96);
	EXPECT_EQ(VEE_INFO_SIZE_VER1, 112);
	EXPECT_EQ(VEE_INFO_SIZE_VER2, 120);
	EXPECT_EQ(VEE_INFO_SIZE_VER3, 152);
	OFF(vee_info, size, 0);
	OFF(vee_info, flags, 4);
	OFF(vee_info, id, 8);
	OFF(vee_info, name, 12);
	OFF(vee_info, state, 76);
	OFF(vee_info, created_ns, 80);
	OFF(vee_info, init_pid, 88);
	OFF(vee_info, __reserved0, 92);
	OFF(vee_info, ns_flags, 96);
	OFF(vee_info, cgroup_id, 104);
	OFF(vee_info, account, 112);
	OFF(vee_info, confine, 120);
	OFF(vee_info, uid_count, 124);
	OFF(vee_info, caps, 128);
	OFF(vee_info, seccomp_key, 136);
	OFF(vee_info, uid_base, 144);
	OFF(vee_info, __reserved1, 148);
}

TEST(struct_vee_list)
{
	EXPECT_EQ(sizeof(struct vee_list), VEE_LIST_SIZE_VER0);
	EXPECT_EQ(VEE_LIST_SIZE_VER0, 32);
	OFF(vee_list, size, 0);
	OFF(vee_list, flags, 4);
	OFF(vee_list, ids, 8);
	OFF(vee_list, count, 16);
	OFF(vee_list, start_id, 20);
	OFF(vee_list, total, 24);
	OFF(vee_list, __reserved0, 28);
}

TEST(struct_vee_limits)
{
	EXPECT_EQ(sizeof(struct vee_limits), 120);
	OFF(vee_limits, mask, 0);
	OFF(vee_limits, cpu_weight, 4);
	OFF(vee_limits, memory_max, 8);
	OFF(vee_limits, memory_high, 16);
	OFF(vee_limits, swap_max, 24);
	OFF(vee_limits, pids_max, 32);
	OFF(vee_limits, cpu_quota_us, 40);
	OFF(vee_limits, cpu_period_us, 48);
	OFF(vee_limits, cpuset_cpus, 56);
	OFF(vee_limits, cpuset_mems, 64);
	OFF(vee_limits, cpuset_cpus_size, 72);
	OFF(vee_limits, cpuset_mems_size, 76);
	OFF(vee_limits, io_major, 80);
	OFF(vee_limits, io_minor, 84);
	OFF(vee_limits, io_rbps, 88);
	OFF(vee_limits, io_wbps, 96);
	OFF(vee_limits, io_riops, 104);
	OFF(vee_limits, io_wiops, 112);
	EXPECT_EQ(VEE_LIMIT_ALL, 0x1ff);
	EXPECT_EQ(VEE_LIMIT_MAX, ~0ULL);
}

TEST(structs_of_the_domain_operations)
{
	EXPECT_EQ(sizeof(struct vee_set_limits), VEE_SET_LIMITS_SIZE_VER0);
	EXPECT_EQ(VEE_SET_LIMITS_SIZE_VER0, 200);
	OFF(vee_set_limits, id, 8);
	OFF(vee_set_limits, name, 12);
	OFF(vee_set_limits, bad_limit, 76);
	OFF(vee_set_limits, limits, 80);
	EXPECT_EQ(sizeof(struct vee_enter), VEE_ENTER_SIZE_VER0);
	EXPECT_EQ(VEE_ENTER_SIZE_VER0, 76);
	EXPECT_EQ(sizeof(struct vee_kill), VEE_KILL_SIZE_VER0);
	EXPECT_EQ(VEE_KILL_SIZE_VER0, 80);
	EXPECT_EQ(sizeof(struct vee_freeze), VEE_FREEZE_SIZE_VER0);
	EXPECT_EQ(VEE_FREEZE_SIZE_VER0, 76);
	EXPECT_EQ(sizeof(struct vee_open_cgroup), VEE_OPEN_CGROUP_SIZE_VER0);
	EXPECT_EQ(VEE_OPEN_CGROUP_SIZE_VER0, 80);
	OFF(vee_kill, signal, 76);
	OFF(vee_open_cgroup, fd, 76);
	OFF(vee_enter, name, 12);
	OFF(vee_freeze, name, 12);
}

/* The namespace bits are clone3's, so the tool passes them unchanged. */
TEST(namespace_bits_are_clone_flags)
{
	EXPECT_EQ(VEE_NS_MNT, CLONE_NEWNS);
	EXPECT_EQ(VEE_NS_CGROUP, CLONE_NEWCGROUP);
	EXPECT_EQ(VEE_NS_UTS, CLONE_NEWUTS);
	EXPECT_EQ(VEE_NS_IPC, CLONE_NEWIPC);
	EXPECT_EQ(VEE_NS_USER, CLONE_NEWUSER);
	EXPECT_EQ(VEE_NS_PID, CLONE_NEWPID);
	EXPECT_EQ(VEE_NS_NET, CLONE_NEWNET);
	EXPECT_EQ(VEE_NS_TIME, CLONE_NEWTIME);
}

TEST(netlink_numbers_are_fixed)
{
	EXPECT_STREQ(VEE_GENL_NAME, "vee");
	EXPECT_STREQ(VEE_GENL_MCGRP_EVENTS, "events");
	EXPECT_EQ(VEE_CMD_GET_DOMAIN, 1);
	EXPECT_EQ(VEE_CMD_GET_STATS, 2);
	EXPECT_EQ(VEE_CMD_EVENT, 3);
	EXPECT_EQ(VEE_A_ID, 1);
	EXPECT_EQ(VEE_A_NAME, 2);
	EXPECT_EQ(VEE_A_PAD, 11);
	EXPECT_EQ(VEE_A_RESOURCE, 15);
	EXPECT_EQ(VEE_CMD_GET_HOOKS, 4);
	EXPECT_EQ(VEE_CNT_FORKS, 1);
	EXPECT_EQ(VEE_CNT_PIDS_LIMIT_HITS, 14);
	EXPECT_EQ(VEE_USE_PIDS_CURRENT, 4);
	EXPECT_EQ(VEE_LIM_CPUSET_MEMS, 9);
	EXPECT_EQ(VEE_ACCT_SYSCALL, 1ULL << 6);
	EXPECT_EQ(VEE_ACCT_DEFAULT, 0x3f);
	EXPECT_EQ(VEE_EVENT_DESTROYED, 6);
	EXPECT_EQ(VEE_STATE_CREATED, 1);
	EXPECT_EQ(VEE_STATE_DYING, 5);
}

int main(int argc, char **argv)
{
	return test_main(argc, argv);
}
