// SPDX-License-Identifier: GPL-2.0
/*
 * The ABI must not drift: every struct's size and every field's offset is
 * pinned here, so a change to uapi/linux/vee.h that moves anything fails
 * loudly.  Growing a struct means appending a field and a line below.
 */
#include <stddef.h>
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
	EXPECT_EQ(VEE_IOC_CREATE, 0xc050ee01);
	EXPECT_EQ(VEE_IOC_DESTROY, 0x4050ee02);
	EXPECT_EQ(VEE_IOC_INFO, 0xc060ee03);
	EXPECT_EQ(VEE_IOC_LIST, 0xc020ee04);
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
	EXPECT_EQ(sizeof(struct vee_create), VEE_CREATE_SIZE_VER0);
	EXPECT_EQ(VEE_CREATE_SIZE_VER0, 80);
	OFF(vee_create, size, 0);
	OFF(vee_create, flags, 4);
	OFF(vee_create, name, 8);
	OFF(vee_create, id, 72);
	OFF(vee_create, __reserved0, 76);
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
	EXPECT_EQ(sizeof(struct vee_info), VEE_INFO_SIZE_VER0);
	EXPECT_EQ(VEE_INFO_SIZE_VER0, 96);
	OFF(vee_info, size, 0);
	OFF(vee_info, flags, 4);
	OFF(vee_info, id, 8);
	OFF(vee_info, name, 12);
	OFF(vee_info, state, 76);
	OFF(vee_info, created_ns, 80);
	OFF(vee_info, init_pid, 88);
	OFF(vee_info, __reserved0, 92);
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
	EXPECT_EQ(VEE_EVENT_DESTROYED, 6);
	EXPECT_EQ(VEE_STATE_CREATED, 1);
	EXPECT_EQ(VEE_STATE_DYING, 5);
}

int main(int argc, char **argv)
{
	return test_main(argc, argv);
}
