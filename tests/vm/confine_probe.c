// SPDX-License-Identifier: GPL-2.0
/*
 * Tries, with harmless arguments, each system call a confined domain must
 * be refused, and prints "NAME RESULT" a line: "ok" or the errno's name.
 * Run inside a domain by confine_test.sh, once confined and once
 * --privileged: only the profile makes the difference between the two.
 * With arguments, tries only those.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/keyctl.h>

static long try_init_module(void)
{
	return syscall(SYS_init_module, NULL, 0, "");
}

static long try_finit_module(void)
{
	return syscall(SYS_finit_module, -1, "", 0);
}

static long try_delete_module(void)
{
	return syscall(SYS_delete_module, "vee_no_such_module", 0);
}

/* No argument to set: the permission check alone. */
static long try_settimeofday(void)
{
	return syscall(SYS_settimeofday, NULL, NULL);
}

static long try_clock_settime(void)
{
	return syscall(SYS_clock_settime, 0x7fffffff, NULL);
}

/* Zero segments: "unload the loaded kernel", of which there is none. */
static long try_kexec_load(void)
{
	return syscall(SYS_kexec_load, 0, 0, NULL, 0);
}

static long try_bpf(void)
{
	return syscall(SYS_bpf, 5 /* BPF_PROG_LOAD */, NULL, 0);
}

static long try_perf_event_open(void)
{
	return syscall(SYS_perf_event_open, NULL, 0, -1, -1, 0);
}

static long try_keyctl(void)
{
	return syscall(SYS_keyctl, KEYCTL_GET_KEYRING_ID,
		       KEY_SPEC_SESSION_KEYRING, 0);
}

static long try_add_key(void)
{
	return syscall(SYS_add_key, "user", "vee-probe", "x", 1,
		       KEY_SPEC_PROCESS_KEYRING);
}

static long try_swapon(void)
{
	return syscall(SYS_swapon, "/nonexistent", 0);
}

static long try_open_by_handle_at(void)
{
	return syscall(SYS_open_by_handle_at, -1, NULL, 0);
}

/* A bad magic: refused before anything happens. */
static long try_reboot(void)
{
	return syscall(SYS_reboot, 0, 0, 0, NULL);
}

static long try_unshare(void)
{
	return syscall(SYS_unshare, 0x00020000 /* CLONE_NEWNS */);
}

static long try_mount(void)
{
	return syscall(SYS_mount, "none", "/proc", "proc", 0, NULL);
}

static const struct {
	const char *name;
	long (*fn)(void);
} probes[] = {
	{ "init_module", try_init_module },
	{ "finit_module", try_finit_module },
	{ "delete_module", try_delete_module },
	{ "settimeofday", try_settimeofday },
	{ "clock_settime", try_clock_settime },
	{ "kexec_load", try_kexec_load },
	{ "bpf", try_bpf },
	{ "perf_event_open", try_perf_event_open },
	{ "keyctl", try_keyctl },
	{ "add_key", try_add_key },
	{ "swapon", try_swapon },
	{ "open_by_handle_at", try_open_by_handle_at },
	{ "reboot", try_reboot },
	{ "unshare", try_unshare },
	{ "mount", try_mount },
};

static void probe(unsigned int i)
{
	long r;

	errno = 0;
	r = probes[i].fn();
	printf("%s %s\n", probes[i].name,
	       r < 0 ? strerrorname_np(errno) ?: "?" : "ok");
}

int main(int argc, char **argv)
{
	unsigned int i;
	int a;

	for (i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
		if (argc == 1) {
			probe(i);
			continue;
		}
		for (a = 1; a < argc; a++)
			if (!strcmp(argv[a], probes[i].name))
				probe(i);
	}
	return 0;
}
