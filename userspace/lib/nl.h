/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The observation plane from userspace: the "vee" generic netlink family
 * through libmnl.  Every call returns 0 or a negative errno and never
 * prints; after a failed request, vee_nl.errmsg holds the kernel's
 * explanation (extended ack) when it gave one.
 *
 * Replies are checked strictly: a message of another family, command,
 * sequence number or port, a malformed attribute stream, an attribute of
 * the wrong size, or a missing required attribute is -EPROTO.  Attributes
 * this tool does not know are skipped, so a newer module's additions do
 * not break it.
 *
 * The vee_nl_msg_*() and vee_nl_parse_*() functions only build and parse
 * messages in memory (unit-tested on the host); the others talk to the
 * kernel and are libvee's public API, declared in include/vee.h.
 */
#ifndef VEE_NL_H
#define VEE_NL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/netlink.h>
#include <vee.h>

/* Receive buffer: the kernel fills dump messages up to 32 KiB. */
#define VEE_NL_BUF_SIZE		65536

/* In-memory message building and parsing. */

/* CTRL_CMD_GETFAMILY for VEE_GENL_NAME, into @buf. */
struct nlmsghdr *vee_nl_msg_getfamily(void *buf, uint32_t seq);
/*
 * A request of @family: @cmd, with NLM_F_DUMP when @dump, else NLM_F_ACK.
 * A do of GET_DOMAIN or GET_STATS then needs a selector: see below.
 */
struct nlmsghdr *vee_nl_msg_request(void *buf, uint16_t family, uint8_t cmd,
				    uint32_t seq, bool dump);
/* Adds VEE_A_ID when @id is not VEE_ID_NONE, else VEE_A_NAME. */
void vee_nl_msg_select(struct nlmsghdr *nlh, uint32_t id, const char *name);

/* A CTRL_CMD_NEWFAMILY reply: the id, version and "events" group. */
int vee_nl_parse_family(const struct nlmsghdr *nlh, uint16_t *family,
			uint32_t *version, uint32_t *events_group);
/* A domain message of @family (command GET_DOMAIN or GET_STATS). */
int vee_nl_parse_domain(const struct nlmsghdr *nlh, uint16_t family,
			struct vee_nl_domain *d);
int vee_nl_parse_event(const struct nlmsghdr *nlh, uint16_t family,
		       struct vee_nl_event *ev);
/*
 * A message of a subscribed socket: 0 and @ev for an event, 1 for news of
 * the controller to skip, -ESHUTDOWN when it says that @family is gone.
 */
int vee_nl_parse_multicast(const struct nlmsghdr *nlh, uint16_t family,
			   struct vee_nl_event *ev);
int vee_nl_parse_hooks(const struct nlmsghdr *nlh, uint16_t family,
		       uint64_t *hooks);
/*
 * An NLMSG_ERROR (or NLMSG_DONE) message: returns its error (0 for an
 * ACK) and copies the extended ack's message, if any, into @msg.
 */
int vee_nl_parse_error(const struct nlmsghdr *nlh, char *msg, size_t len);

/* Talking to the kernel: libvee's public calls, in include/vee.h. */

#endif
