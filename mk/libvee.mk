# SPDX-License-Identifier: GPL-2.0
# libvee: the tool's control and netlink code as a shared library for system
# software.  Same sources as the tool (which links them statically), built
# with -fPIC and -fvisibility=hidden so that only the calls include/vee.h
# marks VEE_API are exported, under the symbol version in libvee.map.
#
# The SONAME carries the ABI (bump LIBVEE_ABI when a public struct or call
# changes incompatibly); the file name carries the release.

LIBVEE_ABI := 0
LIBVEE_SONAME := libvee.so.$(LIBVEE_ABI)
LIBVEE_REAL := libvee.so.$(VERSION)
LIBVEE_SRC := userspace/lib/ctl.c userspace/lib/nl.c
LIBVEE_MAP := userspace/lib/libvee.map
LIBVEE := $(BUILD)/lib/$(LIBVEE_REAL)

lib: $(LIBVEE) $(BUILD)/lib/$(LIBVEE_SONAME) $(BUILD)/lib/libvee.so

$(LIBVEE): $(LIBVEE_SRC) $(TOOL_HDR) $(LIBVEE_MAP) kmod/version.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARNFLAGS) $(VEE_CPPFLAGS) $(MNL_CFLAGS) -fPIC \
		-fvisibility=hidden -shared -Wl,-soname,$(LIBVEE_SONAME) \
		-Wl,--version-script=$(LIBVEE_MAP) -Wl,-z,defs -o $@ \
		$(LIBVEE_SRC) $(LDFLAGS) $(MNL_LIBS)

# The links ldconfig and the linker look for, so the build tree works too.
$(BUILD)/lib/$(LIBVEE_SONAME): | $(LIBVEE)
	ln -sfn $(LIBVEE_REAL) $@
$(BUILD)/lib/libvee.so: | $(LIBVEE)
	ln -sfn $(LIBVEE_SONAME) $@
