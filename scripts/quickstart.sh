#!/usr/bin/env bash
# Sets dbsilo up, then scans the bundled example monorepo and prints what it finds.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# The examples break the pattern on purpose: exit code 1 (findings) is what we expect here.
for example in examples/shop examples/shop-k8s examples/cpp-shop; do
  echo "== dbsilo scan $example"
  build/dbsilo scan "$example" "$@" || [ $? -eq 1 ]
  echo
done
echo "== dbsilo scan examples/shop-k8s --profile prod (the prod overlay moves catalog onto the shared server)"
build/dbsilo scan examples/shop-k8s --profile prod --enable shared-database-instance "$@" || [ $? -eq 1 ]
echo
echo "== dbsilo scan examples/shop --timings, twice: the second run takes every file's facts from the fact cache"
cache=$(mktemp -d)
for run in cold warm; do
  echo "-- $run"
  build/dbsilo scan examples/shop --cache "$cache" --format json -o /dev/null --timings 2>&1 | grep -E 'walk|extract|total' || true
done
rm -rf "$cache"
