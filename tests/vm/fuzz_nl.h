/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The fuzzer's netlink half (included by fuzz_test.c only): random
 * generic netlink messages to the "vee" family.  Valid headers with
 * random attributes, nested garbage, wrong types and lengths, truncated
 * messages and attributes, unknown commands, dumps (read with small
 * buffers, or abandoned), and several messages in one send.
 */
#ifndef VEE_FUZZ_NL_H
#define VEE_FUZZ_NL_H

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <sys/socket.h>

#include "guest.h"
#include "lib/nl.h"

#define FZ_NL_BUF	16384

struct fz_nl {
	uint64_t *rng;
	int fd_no;		/* the socket always has this number */
	uint16_t family;
	uint32_t *ids;		/* the ioctl half's recent ids (8) */
	long sent, msgs, replies, reopened;
	char buf[FZ_NL_BUF] __attribute__((aligned(8)));
	char rx[65536] __attribute__((aligned(8)));
};

/* (Re)opens the socket at f->fd_no; resolves the family the first time. */
static inline int fz_nl_open(struct fz_nl *f)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int fd;

	if (!f->family) {
		struct vee_nl nl;

		if (vee_nl_open(&nl))
			return -1;
		f->family = nl.family;
		vee_nl_close(&nl);
	}
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)))
		return -1;
	if (fd != f->fd_no) {
		if (dup2(fd, f->fd_no) < 0)
			return -1;
		close(fd);
	}
	return 0;
}

/* Appends one attribute at @p (within @end); returns the next position. */
static char *fz_nl_attr(struct fz_nl *f, char *p, char *end, int depth)
{
	uint64_t *r = f->rng;
	struct nlattr *a = (void *)p;
	uint16_t len = 0;
	char *d = p + NLA_HDRLEN;

	if (end - p < 512)
		return p;
	switch (rnd(r, 8)) {
	case 0:	/* a known id */
		a->nla_type = VEE_A_ID;
		len = 4;
		memcpy(d, &f->ids[rnd(r, 8)], 4);
		break;
	case 1:	/* a name, maybe bad, maybe unterminated */
		a->nla_type = VEE_A_NAME;
		fz_name(r, d);
		len = rnd(r, 2) ? strnlen(d, VEE_NAME_MAX) + 1 : rnd(r, VEE_NAME_MAX + 1);
		break;
	case 2:	/* nested garbage */
		a->nla_type = rnd(r, VEE_A_MAX + 2) | NLA_F_NESTED;
		if (depth < 3) {
			char *q = d;

			for (int n = rnd(r, 4); n > 0; n--)
				q = fz_nl_attr(f, q, end, depth + 1);
			len = q - d;
			break;
		}
		/* fall through */
	default:	/* any type, any length, any bytes */
		a->nla_type = rnd(r, 4) ? rnd(r, VEE_A_MAX + 3) : rnd(r, 65536);
		len = rnd(r, 3) ? rnd(r, 17) : rnd(r, 200);
		if (len > end - d - 8)
			len = 0;
		for (uint16_t i = 0; i < len; i++)
			d[i] = (char)rnd(r, 256);
	}
	a->nla_len = NLA_HDRLEN + len;
	if (!rnd(r, 20))	/* a length past the message, or too short */
		a->nla_len = rnd(r, 2) ? a->nla_len + 1 + rnd(r, 400) : rnd(r, 4);
	return p + NLA_ALIGN(NLA_HDRLEN + len);
}

/* One message at @p; returns its length. */
static uint32_t fz_nl_msg(struct fz_nl *f, char *p, char *end)
{
	static const uint16_t flags[] = {
		NLM_F_ACK, NLM_F_DUMP, NLM_F_DUMP | NLM_F_ACK, 0,
		NLM_F_ACK | NLM_F_ECHO, NLM_F_DUMP | NLM_F_EXCL,
	};
	uint64_t *r = f->rng;
	struct nlmsghdr *nlh = (void *)p;
	struct genlmsghdr *g = (void *)(p + NLMSG_HDRLEN);
	char *q = p + NLMSG_HDRLEN + GENL_HDRLEN;
	uint32_t len;

	memset(p, 0, NLMSG_HDRLEN + GENL_HDRLEN);
	nlh->nlmsg_type = rnd(r, 10) ? f->family : rnd(r, 2) ? GENL_ID_CTRL :
					 (uint16_t)rnd(r, 65536);
	nlh->nlmsg_flags = NLM_F_REQUEST |
			   (rnd(r, 8) ? flags[rnd(r, 6)] : rnd(r, 65536));
	nlh->nlmsg_seq = (uint32_t)rnd64(r);
	g->cmd = rnd(r, 6) ? rnd(r, VEE_CMD_MAX + 3) : rnd(r, 256);
	g->version = rnd(r, 6) ? VEE_GENL_VERSION : rnd(r, 256);
	g->reserved = rnd(r, 10) ? 0 : rnd(r, 65536);
	for (int n = rnd(r, 4) ? rnd(r, 3) : rnd(r, 12); n > 0; n--)
		q = fz_nl_attr(f, q, end, 0);
	len = q - p;
	nlh->nlmsg_len = len;
	if (!rnd(r, 15))	/* truncated or overlong header */
		nlh->nlmsg_len = rnd(r, 2) ? rnd(r, len + 1) : len + rnd(r, 64);
	return NLMSG_ALIGN(len);
}

/* Reads what came back, in buffers of random size, for at most 0.2 s. */
static void fz_nl_drain(struct fz_nl *f)
{
	double stop = now_s() + 0.2;
	size_t want = rnd(f->rng, 3) ? sizeof(f->rx) : 16 + rnd(f->rng, 512);
	ssize_t n;

	while (now_s() < stop) {
		n = recv(f->fd_no, f->rx, want, MSG_DONTWAIT);
		if (n > 0) {
			f->replies++;
			continue;
		}
		if (n < 0 && errno == EAGAIN) {
			/* A dump's next part may still be on its way. */
			struct timespec ts = { 0, 1000000 };

			nanosleep(&ts, NULL);
			if (rnd(f->rng, 4))
				break;
			continue;
		}
		if (n < 0 && errno == ENOBUFS)
			continue;
		break;
	}
}

/* One send of one or more messages, its replies, maybe a new socket. */
static int fz_nl_one(struct fz_nl *f)
{
	uint64_t *r = f->rng;
	char *p = f->buf, *end = f->buf + sizeof(f->buf);
	uint32_t total = 0;
	int n = rnd(r, 5) ? 1 : 2 + rnd(r, 4);
	ssize_t sent;

	while (n-- > 0 && end - p > 1024) {
		uint32_t len = fz_nl_msg(f, p, end);

		p += len;
		total += len;
		f->msgs++;
	}
	if (!rnd(r, 12))	/* the datagram itself cut short */
		total = rnd(r, total + 1);
	sent = send(f->fd_no, f->buf, total, 0);
	f->sent++;
	/* Refusals are fine; a socket that is gone is not. */
	if (sent < 0 && (errno == EBADF || errno == ENOTSOCK))
		return -1;
	if (rnd(r, 10))
		fz_nl_drain(f);
	else if (rnd(r, 2)) {	/* abandon whatever dump is in flight */
		f->reopened++;
		return fz_nl_open(f);
	}
	return 0;
}

#endif /* VEE_FUZZ_NL_H */
