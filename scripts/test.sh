#!/usr/bin/env bash
# Sets dbsilo up, then runs every test (unit, fixture monorepos, golden files, CLI).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cd build && ctest --output-on-failure -j "$(nproc)"
