#!/usr/bin/env bash
# Install the toolchain used to build perf/kernels (Debian 12 "bookworm").
#
#   clang-14 + lld-14 + wasi-libc + libclang-rt-14-dev-wasm32  -> wasm32-wasi C (clang-14 --target=wasm32-wasi)
#   gcc + libc6-dev                                            -> native builds of the kernels
#   hyperfine                                                  -> timing (perf/kernels/README.md)
#
# Idempotent: only packages that are not installed yet are passed to apt-get,
# and `apt-get update` only runs when something has to be installed.
# Node.js 20 (for perf/kernels/run-node.mjs) is not installed here; it is only checked.
set -euo pipefail

PACKAGES=(
    clang-14
    lld-14
    wasi-libc
    libclang-rt-14-dev-wasm32
    gcc
    libc6-dev
    hyperfine
)

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then SUDO=(sudo); else
        echo "install-toolchain: must run as root (or have sudo)" >&2
        exit 1
    fi
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
    if [ "$status" != "installed" ]; then missing+=("$pkg"); fi
done

if [ ${#missing[@]} -gt 0 ]; then
    echo "install-toolchain: installing: ${missing[*]}"
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
else
    echo "install-toolchain: all packages already installed"
fi

# Sanity check: the wasm32-wasi toolchain links a C program (no --sysroot needed on Debian).
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '#include <stdio.h>\nint main(void) { puts("ok"); return 0; }\n' > "$tmp/t.c"
clang-14 --target=wasm32-wasi -O2 "$tmp/t.c" -o "$tmp/t.wasm"
clang-14 --target=wasm32-wasi -O2 -msimd128 "$tmp/t.c" -o "$tmp/t-simd.wasm"
gcc -O2 "$tmp/t.c" -o "$tmp/t"
"$tmp/t" >/dev/null

if command -v node >/dev/null; then
    major=$(node -p 'process.versions.node.split(".")[0]')
    if [ "$major" -lt 20 ]; then echo "install-toolchain: warning: node $(node --version) found, run-node.mjs expects node >= 20" >&2; fi
else
    echo "install-toolchain: warning: node not found (needed only for perf/kernels/run-node.mjs)" >&2
fi

dpkg-query -W -f='${Package} ${Version}\n' "${PACKAGES[@]}"
