# SPDX-License-Identifier: GPL-2.0-only
# Makefile: build the guests of every configured arch into build/<arch>/,
# run the suite (make run) and the project's own tests (make check).
# GNU make. Without config.mak, ./configure runs first.

.DEFAULT_GOAL := all

include config.mak

# deps/stamp: scripts/install-deps.sh fetched libfdt into deps/, which
# ./configure must see (the unpacked files keep their packaged mtimes).
config.mak: configure $(wildcard deps/stamp)
	./configure

# An arch is built when its compiler was found and its runtime exists.
BUILD_ARCHS := $(foreach a,$(ARCHS),$(if $(wildcard mk/arch-$(a).mk),$(a)))

PYTHON ?= python3
RUN_ARGS ?=
HOST_ARCH := $(patsubst aarch64,arm64,$(shell uname -m))

.PHONY: all deps run check check-full check-models suite unit-tests host-tests harness-check install \
	clean distclean format $(BUILD_ARCHS:%=build-%)

NO_RUNTIME := $(filter-out $(BUILD_ARCHS),$(ARCHS))

all: $(BUILD_ARCHS:%=build-%)
ifneq ($(NO_RUNTIME),)
	@echo "make: not built (compiler found, no guest runtime yet): $(NO_RUNTIME)"
endif

$(BUILD_ARCHS:%=build-%): build-%:
	@$(MAKE) --no-print-directory -f mk/guest.mk ARCH=$*

# Configure again afterwards: what install-deps.sh fetched (libfdt) must be
# in config.mak before anything is built.
deps:
	scripts/install-deps.sh
	./configure

# The default suite on this host's best accelerator.
run: deps
	@$(MAKE) --no-print-directory all
	./run_tests.sh $(RUN_ARGS)

host-tests:
	@$(MAKE) --no-print-directory -C tests/lib check

unit-tests:
	$(PYTHON) -m unittest discover -s tests/runner -p "test_*.py"

harness-check: all
	$(PYTHON) tests/harness/check.py

# docs/tests.md is generated: fails when it is stale (scripts/gen-test-index.py
# regenerates it).
.PHONY: test-index-check
test-index-check:
	$(PYTHON) scripts/gen-test-index.py --check

# The project's tests: host unit tests, every arch's build, the harness
# check, and the quick group of every built arch under TCG, then of the
# host's arch under KVM when KVM is usable here.
check: deps
	@$(MAKE) --no-print-directory host-tests
	@$(MAKE) --no-print-directory unit-tests
	@$(MAKE) --no-print-directory test-index-check
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory harness-check
	@$(MAKE) --no-print-directory GROUP=quick suite

# A relocatable copy of the built suite (docs/ci.md): make install DESTDIR=... prefix=...
prefix ?= /usr/local
install: all
	scripts/install-suite.sh "$(DESTDIR)" "$(prefix)"

# Everything, including the nodefault (slow or exhaustive) entries.
check-full: check
	@$(MAKE) --no-print-directory GROUP=nodefault suite

# Nightly, not part of make check: the default set of every arch under each
# CPU model of its matrix (docs/cpu-models.md), TCG.
check-models: deps all
	./run_tests.sh --cpu-matrix --accel tcg $(RUN_ARGS)

GROUP ?= quick
suite:
	./run_tests.sh -g $(GROUP) --accel tcg $(RUN_ARGS)
	@if PYTHONPATH=scripts $(PYTHON) -m hvtest.accel; then \
		echo ./run_tests.sh -g $(GROUP) --accel kvm --arch $(HOST_ARCH) $(RUN_ARGS); \
		./run_tests.sh -g $(GROUP) --accel kvm --arch $(HOST_ARCH) $(RUN_ARGS); \
	else \
		echo "make: KVM is not usable here: the $(GROUP) group ran under TCG only"; \
	fi

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf build logs
	@$(MAKE) --no-print-directory -C tests/lib clean

distclean: clean
	rm -rf config.mak deps
