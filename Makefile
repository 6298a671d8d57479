# The two commands a user needs: `make run` and `make test`. Everything else is for developers.
# Each target installs what is missing (scripts/setup-debian), configures once through the
# CMake presets, and builds incrementally, so a second run starts at once.

PRESET ?= release
CTEST_ARGS ?=
JOBS ?= $(shell nproc)

.PHONY: all setup build run test debug test-sanitizers fuzz format clean

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
	@for f in build-fuzz/bin/fuzz_*; do echo "== $$f"; $$f -max_total_time=$${FUZZ_SECONDS:-30} -print_final_stats=0 2>&1 | tail -2; done
