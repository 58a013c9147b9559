#!/usr/bin/env bash
# Installs everything dbsilo needs on a fresh Debian machine, then configures and builds it.
# Idempotent: packages already installed and grammars already unpacked are left alone.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}

# Debian packages, one per line; the versions are Debian 12's (see ../shared/toolchain.md).
APT_PACKAGES=(cmake g++ make pkg-config git nodejs npm
  libclang-14-dev libclang-dev clang-14 llvm-14-dev
  libyaml-cpp-dev nlohmann-json3-dev libcli11-dev libgtest-dev libgmock-dev libpg-query-dev
  graphviz chromium   # tests: `dot` checks the DOT map, headless chromium renders the HTML map
  libclang-rt-14-dev strace)  # scripts/sanitize.sh: libFuzzer + sanitizer runtimes; the containment test traces opens

# tree-sitter, pinned: the grammars' src/ folders and the runtime's C core (vendored by the Node
# binding; 10-20 % faster parsing and queries than Debian's 0.20.7) are unpacked into the build tree.
# name@version -> folders inside the npm tarball to keep
NPM_GRAMMARS=(
  "tree-sitter@0.25.1:vendor/tree-sitter/lib/src vendor/tree-sitter/lib/include"
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

# SARIF validation for the test suite (tests/sarif/validate.js), pinned, into the build tree:
# ajv + ajv-formats, and the SARIF 2.1.0 schema that @microsoft/sarif-multitool ships. The schema
# sits in the multitool's platform package next to a ~100 MB binary, so only that file is unpacked.
NODE_TOOLS_DIR="$BUILD_DIR/node-tools"
NODE_TOOLS=(ajv@8.20.0 ajv-formats@3.0.1)
SARIF_SCHEMA_PACKAGE="@microsoft/sarif-multitool-linux@5.7.0"
stamp="$NODE_TOOLS_DIR/.installed-$(IFS=_; echo "${NODE_TOOLS[*]}")_${SARIF_SCHEMA_PACKAGE##*/}"
if [ ! -f "$stamp" ]; then
  echo "setup: installing SARIF validation tools (${NODE_TOOLS[*]}, schema from $SARIF_SCHEMA_PACKAGE)"
  mkdir -p "$NODE_TOOLS_DIR"
  # --save-exact lists them in the prefix's package.json, so other installs there do not prune them.
  npm install --silent --no-audit --no-fund --save-exact --prefix "$NODE_TOOLS_DIR" "${NODE_TOOLS[@]}" >/dev/null
  scratch=$(mktemp -d)
  (cd "$scratch" && npm pack --silent "$SARIF_SCHEMA_PACKAGE" >/dev/null)
  tar xzf "$scratch"/*.tgz -C "$scratch" package/sarif-2.1.0.json
  cp "$scratch/package/sarif-2.1.0.json" "$NODE_TOOLS_DIR/sarif-2.1.0.json"
  rm -rf "$scratch"
  touch "$stamp"
fi

# The service map, in the same node-tools folder:
# - cytoscape: the HTML map embeds its dist/cytoscape.min.js (at build time) so the page needs no network;
# - mermaid: only its bundled dist/mermaid.min.js (the npm install would pull 150 MB), which the map
#   tests load in headless Chromium to check that `dbsilo graph --format mermaid` parses and renders.
MAP_PACKAGES=(cytoscape@3.35.0)
MERMAID_PACKAGE="mermaid@11.17.2"
stamp="$NODE_TOOLS_DIR/.installed-$(IFS=_; echo "${MAP_PACKAGES[*]}")_$MERMAID_PACKAGE"
if [ ! -f "$stamp" ]; then
  echo "setup: installing the service map's scripts (${MAP_PACKAGES[*]}, $MERMAID_PACKAGE)"
  mkdir -p "$NODE_TOOLS_DIR/mermaid"
  npm install --silent --no-audit --no-fund --save-exact --prefix "$NODE_TOOLS_DIR" "${MAP_PACKAGES[@]}" >/dev/null
  scratch=$(mktemp -d)
  (cd "$scratch" && npm pack --silent "$MERMAID_PACKAGE" >/dev/null)
  tar xzf "$scratch"/*.tgz -C "$scratch" package/dist/mermaid.min.js
  cp "$scratch/package/dist/mermaid.min.js" "$NODE_TOOLS_DIR/mermaid/mermaid.min.js"
  rm -rf "$scratch"
  touch "$stamp"
fi

# The VS Code extension's npm packages (vscode-languageclient; TypeScript, @vscode/vsce and
# vscode-jsonrpc for its tests and the LSP protocol test), exactly as vscode-extension/package-lock.json
# pins them, into the build tree (the source tree never holds node_modules).
EXTENSION_DEPS_DIR="$NODE_TOOLS_DIR/vscode-extension"
if ! cmp -s vscode-extension/package-lock.json "$EXTENSION_DEPS_DIR/.installed-package-lock.json"; then
  echo "setup: installing the VS Code extension's npm packages (npm ci, vscode-extension/package-lock.json)"
  mkdir -p "$EXTENSION_DEPS_DIR"
  cp vscode-extension/package.json vscode-extension/package-lock.json "$EXTENSION_DEPS_DIR/"
  (cd "$EXTENSION_DEPS_DIR" && npm ci --silent --no-audit --no-fund >/dev/null)
  cp vscode-extension/package-lock.json "$EXTENSION_DEPS_DIR/.installed-package-lock.json"
fi

if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE:-RelWithDebInfo} >/dev/null
fi
cmake --build "$BUILD_DIR" -j "$(nproc)" 2>&1 | grep -vE '^\[ *[0-9]+%\] (Building|Linking|Built)' || true
test "${PIPESTATUS[0]}" -eq 0
