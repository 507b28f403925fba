// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdlib.h>

#include "lib/snapshot.h"

static int snapshot_add(const struct vee_nl_domain *d, void *data)
{
	struct vee_snapshot *s = data;
	struct vee_nl_domain *grown;
	size_t cap;

	if (s->n == s->cap) {
		cap = s->cap ? s->cap * 2 : 16;
		grown = realloc(s->d, cap * sizeof(*s->d));
		if (!grown)
			return -ENOMEM;
		s->d = grown;
		s->cap = cap;
	}
	s->d[s->n++] = *d;
	return 0;
}

int vee_snapshot_take(struct vee_nl *nl, struct vee_snapshot *s)
{
	s->n = 0;
	return vee_nl_dump(nl, snapshot_add, s);
}

void vee_snapshot_free(struct vee_snapshot *s)
{
	free(s->d);
	*s = (struct vee_snapshot){};
}
