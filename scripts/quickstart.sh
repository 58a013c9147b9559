#!/usr/bin/env bash
# Sets dbsilo up, then scans the bundled example monorepo and prints what it finds.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
echo "== dbsilo scan examples/shop (the findings below are expected: the example breaks the pattern on purpose)"
build/dbsilo scan examples/shop "$@" || [ $? -eq 1 ]
