# The two commands a user needs: `make run` and `make test`. Everything else is for developers.
# Each target installs what is missing (scripts/setup-debian), configures once through the
# CMake presets, and builds incrementally, so a second run starts at once.

PRESET ?= release
CTEST_ARGS ?=
JOBS ?= $(shell nproc)

.PHONY: all setup build run test debug test-sanitizers fuzz bench format clean

all: build

setup:
	@scripts/setup-debian

build: setup
	@scripts/configure $(PRESET)
	@cmake --build --preset $(PRESET) -j $(JOBS)

run: build
	@build/bin/microrequests $(ARGS)

test: build
	@ctest --preset $(PRESET) -j $(JOBS) $(CTEST_ARGS)

test-sanitizers:
	@$(MAKE) --no-print-directory test PRESET=sanitizers

debug:
	@$(MAKE) --no-print-directory build PRESET=debug

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

clean:
	rm -rf build build-*

fuzz: setup
	@scripts/configure fuzz
	@cmake --build --preset fuzz -j $(JOBS)
	@scripts/fuzz-all

bench: build
	@/usr/bin/env python3 tests/bench/run-bench.py build $(BENCH_ARGS)
