#!/usr/bin/env bash
# The hostile-input pass (CI runs it after scripts/test.sh):
# 1. build-asan/: the whole test suite with AddressSanitizer + UndefinedBehaviorSanitizer (clang-14); the fuzz targets there replay their seeds and regression inputs.
# 2. build-fuzz/: the fuzz/ targets as libFuzzer binaries (clang-14), each fuzzed for
#    DBSILO_FUZZ_SECONDS (10) from its seeds and regression inputs.
# Any sanitizer report fails the test that triggered it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh  # packages, grammars and node tools (shared with build/), idempotent
GRAMMAR_DIR="$PWD/${BUILD_DIR:-build}/grammars"
SANITIZE_DIR=${SANITIZE_DIR:-build-asan}
FUZZ_DIR=${FUZZ_DIR:-build-fuzz}
quiet_build() {
  cmake --build "$@" 2>&1 | grep -vE '^\[ *[0-9]+%\] (Building|Linking|Built)' || true
  test "${PIPESTATUS[0]}" -eq 0
}
# -O1: these builds are for finding bugs; -O2 costs compile time for little.
OPT=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g" -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g")
if [ ! -f "$SANITIZE_DIR/CMakeCache.txt" ]; then
  # clang, like the fuzz build: its warnings (-Werror) and sanitizers are the ones verified here.
  cmake -S . -B "$SANITIZE_DIR" -DGRAMMAR_DIR="$GRAMMAR_DIR" -DDBSILO_SANITIZE=ON \
    -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 "${OPT[@]}" >/dev/null
fi
if [ ! -f "$FUZZ_DIR/CMakeCache.txt" ]; then
  cmake -S . -B "$FUZZ_DIR" -DGRAMMAR_DIR="$GRAMMAR_DIR" -DDBSILO_FUZZ=ON \
    -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 "${OPT[@]}" >/dev/null
fi
quiet_build "$SANITIZE_DIR" -j "$(nproc)"
quiet_build "$FUZZ_DIR" -j "$(nproc)" --target fuzz_targets
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
(cd "$SANITIZE_DIR" && ctest --output-on-failure -j "$(nproc)")
(cd "$FUZZ_DIR" && ctest --output-on-failure -j "$(nproc)" -L fuzz)
