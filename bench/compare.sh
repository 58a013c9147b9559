#!/usr/bin/env bash
# Side-by-side speed of dbsilo on synthetic monorepos of 10, 50 and 200 MB (or the sizes given):
# dbsilo cold (empty fact cache), warm (same tree again) and warm-rehash (every file touched, as a
# CI checkout with a restored cache) wall and CPU time, MB/s per core, peak
# RSS; ast-grep with one per-file SQL-literal rule and rg over the same tree, as ratios. Also checks
# that sharded facts give the unsharded findings and that every planted violation is found.
#
# Usage: bench/compare.sh [BUILD_DIR] [SIZE_MB...]     (default: build 10 50 200)
# REPEAT=N (default 3): dbsilo cold and ast-grep run N times each, alternately, and the medians are
# printed (a shared machine drifts by 10 % between minutes; alternating keeps the ratio fair).
# Needs: BUILD_DIR/dbsilo and the corpus generators, rg, node/npm (ast-grep is installed into
# build/ast-grep with `npm install --prefix`), python3, /usr/bin/time.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
shift || true
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(10 50 200)
build=$(cd "$build" && pwd)
dbsilo=$build/dbsilo
work=${BENCH_DIR:-$build/bench-compare}
jobs=${JOBS:-$(nproc)}
repeat=${REPEAT:-3}
mkdir -p "$work"

astgrep=$here/build/ast-grep/node_modules/.bin/ast-grep
if [ ! -x "$astgrep" ]; then
  npm install --silent --prefix "$here/build/ast-grep" @ast-grep/cli@0.51.1 >/dev/null
fi

# The one rule ast-grep runs: every Java string literal that looks like SQL, file by file.
cat > "$work/sql-literal.yml" <<'YAML'
id: sql-literal
language: java
severity: info
message: SQL in a string literal
rule:
  kind: string_literal
  regex: SELECT
YAML

# generate DIR MB: Java services (80 %), C++ services (20 %), poms, Spring configs, a compose file,
# and PLANTED pairs of services sharing one database (each pair must give a shared-database finding).
PLANTED=5
generate() {
  local dir=$1 mb=$2
  rm -rf "$dir"
  mkdir -p "$dir"
  "$build/dbsilo_make_java_corpus" "$dir/java" $((mb * 8 / 10)) >/dev/null
  # C++ files are ~2-3 KB; 10 services: files per service so C++ is about a fifth of the tree.
  "$build/dbsilo_make_cpp_corpus" "$dir/.probe" 1 >/dev/null
  local per_file=$(( $(du -sb "$dir/.probe" | cut -f1) / 10 ))
  rm -rf "$dir/.probe"
  "$build/dbsilo_make_cpp_corpus" "$dir/cpp" $(( mb * 1024 * 1024 / 5 / 10 / per_file + 1 )) >/dev/null
  local compose="$dir/docker-compose.yml"
  echo "services:" > "$compose"
  for service in "$dir"/java/svc*; do
    local name
    name=$(basename "$service")
    write_service "$service" "$name" "jdbc:postgresql://$name-db:5432/$name"
    printf '  %s:\n    build: java/%s\n  %s-db:\n    image: postgres:16\n' "$name" "$name" "$name" >> "$compose"
  done
  for i in $(seq 1 $PLANTED); do
    for side in a b; do
      write_service "$dir/planted/p$i$side" "planted-p$i$side" "jdbc:postgresql://planted-db-$i:5432/shared$i"
      printf '  planted-p%s%s:\n    build: planted/p%s%s\n' "$i" "$side" "$i" "$side" >> "$compose"
    done
    printf '  planted-db-%s:\n    image: postgres:16\n' "$i" >> "$compose"
  done
}

write_service() {
  local dir=$1 name=$2 url=$3
  mkdir -p "$dir/src/main/resources"
  cat > "$dir/pom.xml" <<POM
<project><modelVersion>4.0.0</modelVersion><groupId>com.example</groupId><artifactId>$name</artifactId>
<build><plugins><plugin><groupId>org.springframework.boot</groupId><artifactId>spring-boot-maven-plugin</artifactId></plugin></plugins></build>
</project>
POM
  printf 'spring.application.name=%s\nspring.datasource.url=%s\nspring.datasource.username=%s\n' "$name" "$url" "$name" \
    > "$dir/src/main/resources/application.properties"
}

# timed LABEL CMD...: runs CMD, records wall, user+sys CPU and peak RSS (KB) in $wall $cpu $rss.
timed() {
  local label=$1
  shift
  /usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" "$@" > "$work/$label.out" 2> "$work/$label.err" || true
  read -r wall user sys rss < <(tail -1 "$work/time.txt")
  cpu=$(python3 -c "print(round($user + $sys, 2))")
}

ratio() { python3 -c "a, b = $1, $2; print(f'{a / b:.2f}' if b > 0 else 'n/a')"; }
median() { python3 -c "import statistics, sys; print(statistics.median(float(v) for v in sys.argv[1:]))" "$@"; }

echo "cores used: $jobs of $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-5s %-22s %8s %8s %10s %10s %9s\n' MB tool wall_s cpu_s MB/s/core peak_MB vs_dbsilo
for mb in "${sizes[@]}"; do
  tree=$work/tree-$mb
  generate "$tree" "$mb"
  bytes=$(du -sb "$tree" | cut -f1)
  real_mb=$(python3 -c "print($bytes / 1e6)")
  cache=$work/cache-$mb
  rm -rf "$cache"

  # A file written less than 2 s before a scan started is not trusted by its stamp on the next
  # run (it could change again within one timestamp tick): a real checkout is older than that.
  sleep 2
  cold_walls=() cold_cpus=() cold_rss=0 ag_walls=() ag_cpus=() ag_rss=0
  for _ in $(seq 1 "$repeat"); do
    rm -rf "$cache"
    timed cold "$dbsilo" scan "$tree" --format json --jobs "$jobs" --cache "$cache" --fail-on never
    cold_walls+=("$wall") cold_cpus+=("$cpu"); [ "$rss" -gt "$cold_rss" ] && cold_rss=$rss
    timed astgrep "$astgrep" scan --rule "$work/sql-literal.yml" --json=stream --threads "$jobs" "$tree"
    ag_walls+=("$wall") ag_cpus+=("$cpu"); [ "$rss" -gt "$ag_rss" ] && ag_rss=$rss
  done
  cold_wall=$(median "${cold_walls[@]}") cold_cpu=$(median "${cold_cpus[@]}")
  ag_wall=$(median "${ag_walls[@]}") ag_cpu=$(median "${ag_cpus[@]}")
  timed warm "$dbsilo" scan "$tree" --format json --jobs "$jobs" --cache "$cache" --fail-on never
  warm_wall=$wall warm_cpu=$cpu warm_rss=$rss
  # CI: a fresh checkout with the cache restored. Every stamp differs (new inodes and times), so
  # every file is read and hashed, and its facts come from the pack by content key.
  find "$tree" -type f -exec touch {} +
  sleep 2
  timed rehash "$dbsilo" scan "$tree" --format json --jobs "$jobs" --cache "$cache" --fail-on never
  rehash_wall=$wall rehash_cpu=$cpu rehash_rss=$rss
  timed rg rg -j "$jobs" -c SELECT "$tree"
  rg_wall=$wall rg_cpu=$cpu rg_rss=$rss

  for row in "dbsilo-cold $cold_wall $cold_cpu $cold_rss" "dbsilo-warm $warm_wall $warm_cpu $warm_rss" \
             "dbsilo-warm-rehash $rehash_wall $rehash_cpu $rehash_rss" \
             "ast-grep $ag_wall $ag_cpu $ag_rss" "rg $rg_wall $rg_cpu $rg_rss"; do
    read -r tool w c r <<< "$row"
    per_core=$(python3 -c "print(f'{$real_mb / max($c, 0.01):.1f}')")
    printf '%-5s %-22s %8s %8s %10s %10s %9s\n' "$mb" "$tool" "$w" "$c" "$per_core" "$((r / 1024))" "$(ratio "$w" "$cold_wall")"
  done
  echo "      cold runs: ${cold_walls[*]} s; ast-grep runs: ${ag_walls[*]} s (medians above)"
  echo "      ratios: cold/ast-grep wall $(ratio "$cold_wall" "$ag_wall") cpu $(ratio "$cold_cpu" "$ag_cpu");" \
       "warm/ast-grep wall $(ratio "$warm_wall" "$ag_wall") (rehash $(ratio "$rehash_wall" "$ag_wall")); warm/cold wall $(ratio "$warm_wall" "$cold_wall");" \
       "cold/rg wall $(ratio "$cold_wall" "$rg_wall"); dbsilo cpu s per MB $(python3 -c "print(f'{$cold_cpu / $real_mb:.3f}')")"

  # Same findings from 3 shards merged; every planted pair found.
  for k in 1 2 3; do "$dbsilo" facts "$tree" --shard "$k/3" --no-cache --jobs "$jobs" -o "$work/facts-$k.json"; done
  "$dbsilo" scan "$tree" --format json --fail-on never --facts "$work"/facts-*.json > "$work/sharded.out"
  if cmp -s "$work/sharded.out" "$work/cold.out" && cmp -s "$work/warm.out" "$work/cold.out" && cmp -s "$work/rehash.out" "$work/cold.out"; then
    shards="identical"
  else
    shards="DIFFERENT"
  fi
  found=$(python3 - "$work/cold.out" "$PLANTED" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
planted = int(sys.argv[2])
found = 0
for i in range(1, planted + 1):
    pair = {f"planted-p{i}a", f"planted-p{i}b"}
    if any(f.get("rule") == "shared-database" and pair <= set(f.get("services", [])) for f in report["findings"]):
        found += 1
print(found)
PY
)
  echo "      sharded (3) and warm reports vs cold: $shards; planted violations found: $found/$PLANTED; files: $(find "$tree" -type f | wc -l)"
done
