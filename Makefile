# The two commands a user needs: `make run` and `make test`. Everything else is for developers.
# Each target installs what is missing (scripts/setup-debian), configures once through the
# CMake presets, and builds incrementally, so a second run starts at once.

PRESET ?= release
CTEST_ARGS ?=
JOBS ?= $(shell nproc)

# ccache (when installed) keeps its cache outside the clone, in ~/.cache/ccache unless
# CCACHE_DIR says otherwise; paths relative to the clone make a fresh clone hit the cache too.
export CCACHE_BASEDIR ?= $(CURDIR)
export CCACHE_NOHASHDIR ?= 1

.PHONY: all setup configure build app run test debug test-sanitizers fuzz bench format clean

all: build

setup:
	@scripts/setup-debian

configure: setup
	@scripts/configure $(PRESET)

build: configure
	@cmake --build --preset $(PRESET) -j $(JOBS)

# Only the two executables (microrequests and the window's, which it starts), not the tests and
# benchmarks.
app: configure
	@cmake --build --preset $(PRESET) -j $(JOBS) --target microrequests microrequests-window

run: app
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

# The fuzz targets come from the sanitizers build (clang): after test-sanitizers, nothing to build.
fuzz: setup
	@scripts/configure sanitizers
	@cmake --build --preset sanitizers -j $(JOBS) --target fuzz_targets
	@scripts/fuzz-all

# Speed against other tools, not part of CI; builds everything `build` builds (bench_qnam,
# bench_qtloop and the other tests/bench helpers included). One section, once:
# make bench BENCH_ARGS="--only engine"   (sections: engine, workspace, response, run,
# runs-page, soak; --quick: one round, fewer requests)
bench: build
	@/usr/bin/env python3 tests/bench/run-bench.py build $(BENCH_ARGS)
