# Tsuki's two front doors: `make run` boots the default image, `make test` runs every test.
# Both install the pinned toolchain first (tools/setup.sh), so a fresh Debian 12 machine needs
# nothing else. Variables: ARCH=x86_64|aarch64, MEM=<QEMU -m size>, SMP=<vCPUs>, CMDLINE="...",
# MACHINE=microvm|q35|virt|virt-gicv3 (default: microvm on x86_64, virt on aarch64).

ARCH ?= x86_64
MEM ?= 128M
SMP ?= 1
CMDLINE ?=
MACHINE ?=
export ARCH MEM SMP CMDLINE MACHINE

DENO := $(CURDIR)/.toolchain/bin/deno
export DENO_DIR := $(CURDIR)/.toolchain/deno-dir
export DENO_TLS_CA_STORE := system
export PATH := $(CURDIR)/.toolchain/bin:$(PATH)

.PHONY: setup run build test check fmt lint clean

setup:
	@bash tools/setup.sh

run: setup
	@$(DENO) run -A tools/run.ts --arch "$$ARCH" --mem "$$MEM" --smp "$$SMP" \
		--cmdline "$$CMDLINE" $${MACHINE:+--machine "$$MACHINE"}

build: setup
	@$(DENO) run -A tools/build.ts

test: setup
	@$(DENO) run -A tools/test.ts

check: setup
	@$(DENO) task check

fmt: setup
	@$(DENO) fmt

lint: setup
	@$(DENO) lint

clean:
	rm -rf build
