# SPDX-License-Identifier: GPL-2.0
# make install / make uninstall.  One list says what goes where, so that
# uninstall removes exactly what install put there.  Every directory can be
# overridden (debian/rules does); DESTDIR is prepended to all of them.
#
# The module is not installed here: DKMS (or `make modules_install`) does.

SBINDIR ?= $(PREFIX)/sbin
INCLUDEDIR ?= $(PREFIX)/include
LIBDIR ?= $(PREFIX)/lib
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
DOCDIR ?= $(PREFIX)/share/doc/vee
# udev reads /etc, /run and /lib (/usr/lib), never /usr/local.
UDEVRULESDIR ?= /etc/udev/rules.d

# SOURCE:DESTINATION:MODE, one per installed file.
INSTALL_FILES = \
	$(BUILD)/vee:$(SBINDIR)/vee:0755 \
	include/uapi/linux/vee.h:$(INCLUDEDIR)/linux/vee.h:0644 \
	include/vee.h:$(INCLUDEDIR)/vee.h:0644 \
	$(LIBVEE):$(LIBDIR)/$(LIBVEE_REAL):0644 \
	$(BUILD)/libvee.pc:$(PKGCONFIGDIR)/libvee.pc:0644 \
	man/vee.8:$(MANDIR)/man8/vee.8:0644 \
	man/libvee.3:$(MANDIR)/man3/libvee.3:0644 \
	dist/vee.bash-completion:$(BASHCOMPDIR)/vee:0644 \
	dist/60-vee.rules:$(UDEVRULESDIR)/60-vee.rules:0644 \
	dist/modules-load.conf:$(DOCDIR)/examples/modules-load.d/vee.conf:0644 \
	examples/vee-example.c:$(DOCDIR)/examples/vee-example.c:0644
# LINK:TARGET, the library's names for ldconfig and for -lvee.
INSTALL_LINKS = \
	$(LIBDIR)/$(LIBVEE_SONAME):$(LIBVEE_REAL) \
	$(LIBDIR)/libvee.so:$(LIBVEE_SONAME)
# Directories that are ours alone, removed by uninstall when empty.
INSTALL_OWN_DIRS = $(DOCDIR)/examples/modules-load.d $(DOCDIR)/examples $(DOCDIR)

# pkg-config file with this install's directories (regenerated every time:
# PREFIX may differ from the last build).
$(BUILD)/libvee.pc: dist/libvee.pc.in FORCE
	@mkdir -p $(@D)
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
		-e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(VERSION)|' $< >$@

install: tool lib $(BUILD)/libvee.pc
	@set -e; for f in $(INSTALL_FILES); do \
		src=$${f%%:*} rest=$${f#*:}; dst=$${rest%:*} mode=$${rest##*:}; \
		install -D -m $$mode $$src $(DESTDIR)$$dst; done
	@set -e; for l in $(INSTALL_LINKS); do \
		ln -sfn $${l#*:} $(DESTDIR)$${l%%:*}; done
	@test -n "$(DESTDIR)" || ldconfig

uninstall:
	@for f in $(INSTALL_FILES); do \
		rest=$${f#*:}; rm -f $(DESTDIR)$${rest%:*}; done
	@for l in $(INSTALL_LINKS); do rm -f $(DESTDIR)$${l%%:*}; done
	@for d in $(INSTALL_OWN_DIRS); do \
		rmdir --ignore-fail-on-non-empty $(DESTDIR)$$d 2>/dev/null || true; done
	@test -n "$(DESTDIR)" || ldconfig
