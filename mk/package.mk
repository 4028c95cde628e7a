# The C++ package (issue #17 point 1; cmake/install.cmake).
#
#   make deb            the Debian package of library, headers and CLI (CPack),
#                       written to _build/release/package/
#   make test-package   cmake --install into a scratch prefix and the .deb
#                       checked with lintian and unpacked with dpkg -x:
#                       examples/embed builds against each, with find_package
#                       and with pkg-config, and runs
#
# Nothing is installed on the machine itself: CI runs as root on a
# developer's box, so the .deb is unpacked, never `dpkg -i`'d.

SETUP_FLAGS := --all                 # dpkg-dev and lintian
TEST_STEPS += test-package
DEB_DIR := $(BUILD_DIR)/package

.PHONY: deb test-package

deb: build
	rm -rf $(DEB_DIR)
	cd $(BUILD_DIR) && cpack -G DEB >/dev/null
	@ls $(DEB_DIR)/*.deb

test-package: deb
	bash scripts/test_package.sh $(BUILD_DIR) $$(ls $(DEB_DIR)/iameval_*.deb)
