#!/usr/bin/env bash
# Installs everything dbsilo needs on a fresh Debian machine, then configures and builds it.
# Idempotent: packages already installed and grammars already unpacked are left alone.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}

# Debian packages, one per line; the versions are Debian 12's (see ../shared/toolchain.md).
APT_PACKAGES=(cmake g++ make pkg-config git nodejs npm
  libtree-sitter-dev libclang-14-dev libclang-dev clang-14 llvm-14-dev
  libyaml-cpp-dev nlohmann-json3-dev libcli11-dev libgtest-dev libgmock-dev libpg-query-dev)

# tree-sitter grammars, pinned: only their src/ folders are unpacked, into the build tree.
# name@version -> folders inside the npm tarball to keep
NPM_GRAMMARS=(
  "tree-sitter-java@0.23.5:src"
  "tree-sitter-cpp@0.23.4:src"
  "@tree-sitter-grammars/tree-sitter-xml@0.7.0:xml/src common"
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    # nodejs/npm may come from elsewhere on the image: accept them when the commands exist
    if { [ "$pkg" = nodejs ] && command -v node >/dev/null; } || { [ "$pkg" = npm ] && command -v npm >/dev/null; }; then
      continue
    fi
    missing+=("$pkg")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

GRAMMAR_DIR="$BUILD_DIR/grammars"
mkdir -p "$GRAMMAR_DIR"
for spec in "${NPM_GRAMMARS[@]}"; do
  package=${spec%%:*}
  folders=${spec#*:}
  name=${package##*/}; name=${name%@*}
  stamp="$GRAMMAR_DIR/$name/.unpacked-${package##*@}"
  [ -f "$stamp" ] && continue
  echo "setup: unpacking $package"
  scratch=$(mktemp -d)
  (cd "$scratch" && npm pack --silent "$package" >/dev/null)
  rm -rf "$GRAMMAR_DIR/$name" && mkdir -p "$GRAMMAR_DIR/$name"
  members=()
  for folder in $folders; do members+=("package/$folder"); done
  tar xzf "$scratch"/*.tgz -C "$scratch" "${members[@]}"
  for folder in $folders; do
    mkdir -p "$GRAMMAR_DIR/$name/$(dirname "$folder")"
    cp -r "$scratch/package/$folder" "$GRAMMAR_DIR/$name/$folder"
  done
  rm -rf "$scratch"
  touch "$stamp"
done

if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE:-RelWithDebInfo} >/dev/null
fi
cmake --build "$BUILD_DIR" -j "$(nproc)" 2>&1 | grep -vE '^\[ *[0-9]+%\] (Building|Linking|Built)' || true
test "${PIPESTATUS[0]}" -eq 0
