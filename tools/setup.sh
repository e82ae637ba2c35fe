#!/usr/bin/env bash
# Installs the pinned toolchain into .toolchain/ (Deno from the npm registry, Zig from PyPI) and
# the Debian packages the build and the tests need. Idempotent and quiet when all is present;
# a registry that cannot be reached gives one line naming the package, then a failure status.
set -euo pipefail

DENO_VERSION=2.5.6
ZIG_VERSION=0.15.2
TS_MORPH_VERSION=27.0.2
APT_PACKAGES="qemu-system-x86 qemu-system-arm qemu-user python3-pip npm"

top=$(cd "$(dirname "$0")/.." && pwd)
tc="$top/.toolchain"
mkdir -p "$tc/bin"

fail() { echo "setup: $*" >&2; exit 1; }

# Debian packages: install only what is missing.
missing=""
for p in $APT_PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
# npm and pip may come from elsewhere (e.g. the machine image); do not reinstall those.
command -v npm >/dev/null 2>&1 && missing=$(echo "$missing" | sed 's/ npm//')
command -v pip3 >/dev/null 2>&1 && missing=$(echo "$missing" | sed 's/ python3-pip//')
if [ -n "${missing// /}" ]; then
  echo "setup: installing Debian packages:$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null 2>&1 || fail "apt-get update failed (Debian package mirror unreachable?)"
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing >/dev/null 2>&1 ||
    fail "apt-get install failed for:$missing"
fi

# Deno, pinned, from the npm registry package 'deno' (its binary comes in @deno/linux-*-glibc).
if ! "$tc/bin/deno" --version 2>/dev/null | grep -q "^deno $DENO_VERSION "; then
  echo "setup: installing deno@$DENO_VERSION from the npm registry"
  rm -rf "$tc/deno"
  npm install --silent --no-audit --no-fund --prefix "$tc/deno" "deno@$DENO_VERSION" >/dev/null 2>&1 ||
    fail "could not install npm package deno@$DENO_VERSION (npm registry unreachable?)"
  bin=$(ls "$tc"/deno/node_modules/@deno/linux-*/deno 2>/dev/null | head -n 1)
  [ -x "$bin" ] || fail "npm package deno@$DENO_VERSION brought no binary for this machine"
  ln -sf "$bin" "$tc/bin/deno"
fi

# Zig, pinned, from PyPI 'ziglang'.
if ! [ "$("$tc/bin/zig" version 2>/dev/null)" = "$ZIG_VERSION" ]; then
  echo "setup: installing ziglang==$ZIG_VERSION from PyPI"
  rm -rf "$tc/zig"
  python3 -m pip install -q --disable-pip-version-check --no-warn-script-location \
    --target "$tc/zig" "ziglang==$ZIG_VERSION" >/dev/null 2>&1 ||
    fail "could not install PyPI package ziglang==$ZIG_VERSION (PyPI unreachable?)"
  ln -sf "$tc/zig/ziglang/zig" "$tc/bin/zig"
fi

# npm packages Deno resolves for the tools (ts-morph), cached in .toolchain/deno-dir.
export DENO_DIR="$tc/deno-dir" DENO_TLS_CA_STORE=system
if ! [ -f "$tc/.ts-morph-$TS_MORPH_VERSION" ]; then
  echo "setup: caching npm:ts-morph@$TS_MORPH_VERSION"
  (cd "$top" && "$tc/bin/deno" cache --quiet transpiler/mod.ts >/dev/null 2>&1 &&
    "$tc/bin/deno" check --quiet tools/test_test.ts >/dev/null 2>&1) ||
    fail "could not fetch npm packages ts-morph@$TS_MORPH_VERSION and @types/node (npm registry unreachable?)"
  touch "$tc/.ts-morph-$TS_MORPH_VERSION"
fi
