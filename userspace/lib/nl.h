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
 * kernel.
 */
#ifndef VEE_NL_H
#define VEE_NL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/netlink.h>
#include <linux/vee.h>

/* Room for a cpuset list in a reply; the kernel sends at most 255 bytes. */
#define VEE_NL_LIST_MAX		256
/* Receive buffer: the kernel fills dump messages up to 32 KiB. */
#define VEE_NL_BUF_SIZE		65536
#define VEE_NL_ERRMSG_MAX	256

/* One domain, as GET_DOMAIN and GET_STATS describe it. */
struct vee_nl_domain {
	uint32_t id;
	char name[VEE_NAME_MAX];
	uint32_t state;			/* enum vee_state */
	uint32_t init_pid;		/* 0: no init */
	uint64_t created_ns;
	uint64_t ns_flags;		/* VEE_NS_* */
	uint64_t account;		/* VEE_ACCT_* */
	uint32_t lim_present;		/* 1 << VEE_LIM_* of the limits sent */
	uint64_t lim[__VEE_LIM_MAX];	/* numeric limits, CPU_WEIGHT too */
	char cpuset_cpus[VEE_NL_LIST_MAX];
	char cpuset_mems[VEE_NL_LIST_MAX];
	uint32_t use_present;		/* 1 << VEE_USE_* of the values sent */
	uint64_t use[__VEE_USE_MAX];
	uint64_t cnt[__VEE_CNT_MAX];	/* counters; absent ones are 0 */
};

/* One message of the events group. */
struct vee_nl_event {
	uint32_t event;			/* enum vee_event */
	uint64_t time_ns;		/* CLOCK_BOOTTIME */
	uint32_t id;
	char name[VEE_NAME_MAX];
	uint32_t resource;		/* enum vee_resource, 0 if none */
	bool has_counters;		/* destroyed: the final counters */
	uint64_t cnt[__VEE_CNT_MAX];
};

struct mnl_socket;

struct vee_nl {
	struct mnl_socket *sock;
	uint32_t portid;
	uint32_t seq;
	uint16_t family;		/* the family's id (message type) */
	uint32_t version;		/* the family's version */
	uint32_t events_group;		/* multicast group id, 0 if none */
	char *buf;			/* VEE_NL_BUF_SIZE bytes */
	char errmsg[VEE_NL_ERRMSG_MAX];	/* extack of the last failure, or "" */
};

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

/* Talking to the kernel. */

/*
 * Opens a generic netlink socket and resolves the family.  -ENOENT: no
 * family "vee" in this network namespace (the module is not loaded, or
 * the caller is not in the host's network namespace); -EPROTONOSUPPORT:
 * the module speaks another family version.
 */
int vee_nl_open(struct vee_nl *nl);
void vee_nl_close(struct vee_nl *nl);

/* @cmd is VEE_CMD_GET_DOMAIN or VEE_CMD_GET_STATS; a selector as in ctl.h. */
int vee_nl_get(struct vee_nl *nl, uint8_t cmd, uint32_t id, const char *name,
	       struct vee_nl_domain *d);

/*
 * Dumps every domain in increasing id order, calling @fn for each; a
 * non-zero return from @fn stops the dump (its messages are still read)
 * and is returned.
 */
int vee_nl_dump(struct vee_nl *nl,
		int (*fn)(const struct vee_nl_domain *d, void *data),
		void *data);

/* VEE_CMD_GET_HOOKS: the VEE_ACCT_* whose tracepoints are attached now. */
int vee_nl_hooks(struct vee_nl *nl, uint64_t *hooks);

/* Joins the events group (and the controller's, to see the family go). */
int vee_nl_subscribe(struct vee_nl *nl);
/*
 * Waits for the next datagram on a subscribed socket and calls @fn for
 * each event in it.  Returns what @fn returned if not 0, else 0;
 * -ENOBUFS when events were lost because the socket's buffer overflowed
 * (the socket stays usable); -ESHUTDOWN when the family went away (the
 * module was unloaded).
 */
int vee_nl_recv_events(struct vee_nl *nl,
		       int (*fn)(const struct vee_nl_event *ev, void *data),
		       void *data);

/* The descriptor, for poll(). */
int vee_nl_fd(const struct vee_nl *nl);

#endif
