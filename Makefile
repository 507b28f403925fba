# SPDX-License-Identifier: GPL-2.0
#
# make              the vee tool and vee.ko for $(KVER)
# make KVER=R       vee.ko for kernel release R only
# make check        deps, lint, unit tests, VM tests on both kernels
# make check-debug  VM tests under a KASAN/lockdep/kmemleak/UBSAN/KFENCE kernel
# make demo         boot a VM and show a domain's life
# make fuzz         fuzz vee.ko in a VM on each kernel (SEED=N, DURATION=S)
# make install      tool, libvee, headers, pkg-config, man pages, completion,
#                   udev rule (PREFIX, DESTDIR); `make uninstall` undoes it
# make modules_install  vee.ko into /lib/modules (DKMS does this on servers)
# make deb          the vee and vee-dkms Debian packages, into build/deb
# make dkms-src     module sources and dkms.conf into /usr/src/vee-VERSION
#
# Build products go to build/; `make clean` removes it and nothing else.

VERSION := $(shell sed -n 's/^\#define VEE_VERSION "\(.*\)"/\1/p' kmod/version.h)
BUILD := build

# The running kernel when its headers exist, otherwise every kernel that
# has headers installed.
KVER ?= $(or $(if $(wildcard /lib/modules/$(shell uname -r)/build),$(shell uname -r)),\
	$(notdir $(patsubst %/build,%,$(wildcard /lib/modules/*/build))))

CC ?= cc
CFLAGS ?= -O2 -g
WARNFLAGS := -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wmissing-prototypes \
	-Wstrict-prototypes -Wno-unused-parameter
VEE_CPPFLAGS := -D_GNU_SOURCE -Iinclude -Iinclude/uapi -Iuserspace \
	-DVEE_TOOL_VERSION='"$(VERSION)"'
# pkg-config flags are read when a recipe uses them (=, never :=): the goals
# that install dependencies first (check, demo, ...) are parsed before
# pkg-config and the libraries are there, and must not fail or warn then.
# libmnl for the netlink client (scripts/install-deps installs libmnl-dev).
MNL_CFLAGS = $(shell pkg-config --cflags libmnl)
MNL_LIBS = $(shell pkg-config --libs libmnl)
# libkmod loads the module on demand, as modprobe does (libkmod-dev for
# its header; the tool opens libkmod.so.2 with dlopen, only to load).
LIBKMOD_CFLAGS = $(shell pkg-config --cflags libkmod)

# What building needs, as pkg-config module:Debian package; every module
# a recipe asks pkg-config about belongs here.  scripts/install-deps
# installs all of it (tests/host/deps_test.sh checks both).
PC_DEPS := libmnl:libmnl-dev libkmod:libkmod-dev libseccomp:libseccomp-dev \
	json-c:libjson-c-dev
# Goals that run scripts/install-deps before they build, or build nothing.
# Any other goal stops here, before compiling, when something is missing.
NODEPS_GOALS := check check-debug demo bench fuzz deb lint clean dkms-src \
	uninstall modules_uninstall
deps_goals := $(filter-out $(NODEPS_GOALS),$(or $(MAKECMDGOALS),all))
ifneq ($(filter-out module modules_install,$(deps_goals)),)
MISSING_DEPS := $(shell command -v $(firstword $(CC)) >/dev/null || echo gcc; \
	command -v pkg-config >/dev/null || echo pkg-config; \
	for d in $(PC_DEPS); do pkg-config --exists $${d%%:*} 2>/dev/null || echo $${d#*:}; done)
endif
ifneq ($(filter all module modules_install,$(deps_goals)),)
MISSING_DEPS += $(foreach k,$(or $(KVER),$(shell uname -r)),\
	$(if $(wildcard $(or $(KDIR),/lib/modules/$(k)/build)),,linux-headers-$(k)))
endif
ifneq ($(strip $(MISSING_DEPS)),)
$(error vee: missing build dependencies ($(strip $(MISSING_DEPS))): run scripts/install-deps (as root))
endif
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all

# Confinement (userspace/confine/): seccomp profiles are JSON read with
# json-c and compiled with libseccomp; the default profile is embedded
# (default-seccomp.json, through an .S file).
CONFINE_SRC := $(wildcard userspace/confine/*.c userspace/confine/*.S)
CONFINE_CFLAGS = $(shell pkg-config --cflags libseccomp json-c) \
	-DVEE_DEFAULT_SECCOMP_SHA256='"$(firstword $(shell sha256sum \
	userspace/confine/default-seccomp.json))"'
CONFINE_LIBS = $(shell pkg-config --libs libseccomp json-c)
TOOL_LIB_SRC := $(wildcard userspace/lib/*.c) $(CONFINE_SRC)
TOOL_SRC := $(wildcard userspace/*.c) $(TOOL_LIB_SRC)
TOOL_HDR := $(wildcard userspace/*.h userspace/lib/*.h userspace/confine/*.h) \
	userspace/confine/default-seccomp.json include/uapi/linux/vee.h \
	include/vee.h
# What the tool, the guest tests and the unit tests link.
TOOL_LIBS = $(MNL_LIBS) $(CONFINE_LIBS)
KMOD_SRC := Kbuild $(wildcard kmod/*.c kmod/*.h) include/uapi/linux/vee.h

GUEST_TEST_SRC := $(wildcard tests/vm/*.c)
GUEST_TEST_BIN := $(patsubst tests/vm/%.c,$(BUILD)/tests/%,$(GUEST_TEST_SRC))
GUEST_TEST_SCRIPTS := $(patsubst tests/vm/%,$(BUILD)/tests/%,\
	$(wildcard tests/vm/*.sh) tests/vm/run)
UNIT_SRC := $(wildcard tests/unit/*.c)
UNIT_BIN := $(patsubst tests/unit/%.c,$(BUILD)/unit/%,$(UNIT_SRC))

PREFIX ?= /usr/local
DESTDIR ?=
# What DKMS needs to build the module: `make dkms-src` copies it to
# /usr/src/vee-$(VERSION), where `dkms add/install vee/$(VERSION)` look.
DKMS_SRC := dkms.conf $(KMOD_SRC)

.PHONY: all tool lib module tests unit check check-debug lint demo bench fuzz \
	clean install uninstall modules_install modules_uninstall deb dkms-src
.DELETE_ON_ERROR:

all: tool lib module

tool: $(BUILD)/vee

include mk/libvee.mk
include mk/install.mk

$(BUILD)/vee: $(TOOL_SRC) $(TOOL_HDR) kmod/version.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARNFLAGS) $(VEE_CPPFLAGS) $(MNL_CFLAGS) $(CONFINE_CFLAGS) $(LIBKMOD_CFLAGS) \
		-o $@ $(TOOL_SRC) $(LDFLAGS) $(TOOL_LIBS)

# Test only, never installed: a tool that claims the next ABI major, so the
# VM tests can watch the real tool refuse a real module of another major.
$(BUILD)/tests/vee-abi-next: $(TOOL_SRC) $(TOOL_HDR) kmod/version.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARNFLAGS) $(VEE_CPPFLAGS) $(MNL_CFLAGS) $(CONFINE_CFLAGS) $(LIBKMOD_CFLAGS) \
		'-DVEE_TOOL_ABI_MAJOR=(VEE_ABI_MAJOR + 1)' \
		-o $@ $(TOOL_SRC) $(LDFLAGS) $(TOOL_LIBS)

# Each kernel gets its own build directory whose files are symlinks to the
# sources, so Kbuild's objects never land in the source tree.
module: $(foreach k,$(KVER),$(BUILD)/kmod/$(k)/vee.ko)

# The Kbuild tree of kernel $(1).  KDIR=DIR (with a single KVER) names one
# outside /lib/modules, such as the debug kernel's (scripts/vm-run does).
kdir = $(or $(KDIR),/lib/modules/$(1)/build)

$(BUILD)/kmod/%/vee.ko: $(KMOD_SRC) FORCE
	@test -d $(call kdir,$*) || \
		{ echo "no headers for kernel $* (run scripts/install-deps)"; exit 1; }
	@for f in $(KMOD_SRC); do mkdir -p $(BUILD)/kmod/$*/$$(dirname $$f); \
		ln -sfn $(CURDIR)/$$f $(BUILD)/kmod/$*/$$f; done
	$(MAKE) -C $(call kdir,$*) M=$(CURDIR)/$(BUILD)/kmod/$* W=1 $(KBUILD_OPTS) modules

FORCE:

tests: $(GUEST_TEST_BIN) $(GUEST_TEST_SCRIPTS) $(BUILD)/tests/vee-abi-next

$(BUILD)/tests/%: tests/vm/%.c tests/harness.h $(wildcard tests/vm/*.h) $(TOOL_LIB_SRC) $(TOOL_HDR)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARNFLAGS) $(VEE_CPPFLAGS) $(MNL_CFLAGS) $(CONFINE_CFLAGS) -Itests -o $@ $< \
		$(TOOL_LIB_SRC) -lpthread $(TOOL_LIBS)

$(BUILD)/tests/%: tests/vm/%
	@mkdir -p $(@D)
	install -m 0755 $< $@

# Host unit tests of the tool's library, under ASan and UBSan.
unit: $(UNIT_BIN)
	@scripts/run-unit $(UNIT_BIN) tests/unit/kernel_log_test.sh

$(BUILD)/unit/%: tests/unit/%.c tests/harness.h $(TOOL_LIB_SRC) $(TOOL_HDR)
	@mkdir -p $(@D)
	$(CC) -O1 -g $(WARNFLAGS) $(SANFLAGS) $(VEE_CPPFLAGS) $(MNL_CFLAGS) $(CONFINE_CFLAGS) -Itests \
		-o $@ $< $(TOOL_LIB_SRC) $(TOOL_LIBS)

lint:
	scripts/lint $(KVER)

check:
	scripts/check

# Builds the debug kernel first unless cached (about 8 minutes).
check-debug:
	scripts/check-debug

# scripts/demo installs what is missing, then vm-run builds for the VM.
demo:
	scripts/demo

# Benchmarks print ratios against baselines measured in the same VM run.
BENCH_BIN := $(addprefix $(BUILD)/bench/,timecmd floor rawrun scale true)

# Dependencies first, then the build (in a sub-make: nothing of it may
# start before them), as for fuzz and deb.
bench:
	scripts/install-deps
	$(MAKE) all tests $(BENCH_BIN)
	bench/run

# The /true every peer starts: static, so no dynamic loader runs.
$(BUILD)/bench/true: bench/true.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARNFLAGS) -static -o $@ $<

$(BUILD)/bench/timecmd $(BUILD)/bench/floor: $(BUILD)/bench/%: bench/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARNFLAGS) -D_GNU_SOURCE -o $@ $<

$(BUILD)/bench/rawrun $(BUILD)/bench/scale: $(BUILD)/bench/%: bench/%.c \
		$(TOOL_LIB_SRC) $(TOOL_HDR)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARNFLAGS) $(VEE_CPPFLAGS) $(MNL_CFLAGS) $(CONFINE_CFLAGS) -o $@ $< \
		$(TOOL_LIB_SRC) $(TOOL_LIBS)

# The fuzzer for longer than make check runs it, on every kernel line.
SEED ?=
DURATION ?= 600
FUZZ_KERNELS ?= 6.1 6.12

fuzz:
	scripts/install-deps
	$(MAKE) all tests
	@for k in $(FUZZ_KERNELS); do \
		VEE_VM_NO_BUILD=1 scripts/vm-run --kernel $$k \
			--timeout $$(($(DURATION) + 300)) -- env \
			VEE_FUZZ_SEED=$(SEED) VEE_FUZZ_SECONDS=$(DURATION) \
			/tests/run fuzz_test || exit 1; \
	done

# The old way, for a machine without DKMS; KVER picks the kernels.
modules_install: module
	@for k in $(KVER); do \
		install -D -m 0644 $(BUILD)/kmod/$$k/vee.ko \
			$(DESTDIR)/lib/modules/$$k/updates/vee.ko; done
	@test -n "$(DESTDIR)" || for k in $(KVER); do depmod -a $$k; done

dkms-src:
	@for f in $(DKMS_SRC); do \
		install -D -m 0644 $$f $(DESTDIR)/usr/src/vee-$(VERSION)/$$f || exit; done

modules_uninstall:
	@for k in $(KVER); do rm -f $(DESTDIR)/lib/modules/$$k/updates/vee.ko; done
	@test -n "$(DESTDIR)" || for k in $(KVER); do depmod -a $$k; done

deb:
	scripts/install-deps
	scripts/make-deb

clean:
	rm -rf $(BUILD)
