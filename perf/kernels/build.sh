#!/usr/bin/env bash
# Build the perf kernels:
#   <name>.wasm      wasm32-wasi command, clang-14 -O2 (simd.c also -msimd128)  [committed]
#   native/<name>    native executable, gcc -O2                               [gitignored]
#
# Usage: perf/kernels/build.sh [--native] [name...]     (default: every kernel + hello)
#        --native: build only native/<name>, leaving the committed .wasm alone
#                  (perf/run-benchmarks.sh uses it when a native build is missing)
# Toolchain: .ci/install-toolchain.sh
#
# Reproducibility: sources are compiled by relative path from this directory,
# the DWARF that wasi-libc's objects carry is dropped at link time
# (-Wl,--strip-debug; the "name" and "producers" sections are kept), and
# nothing time- or path-dependent is embedded, so the same toolchain produces
# byte-identical .wasm files.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

KERNELS=(matmul sha256 nbody sieve fannkuch mandelbrot quicksort fib crc32 simd)
ALL=("${KERNELS[@]}" hello)

CLANG=${CLANG:-clang-14}
GCC=${GCC:-gcc}
WASM_FLAGS=(--target=wasm32-wasi -O2 -Wl,--strip-debug)
NATIVE_FLAGS=(-O2)

for tool in "$GCC" $([ "${1:-}" = "--native" ] || echo "$CLANG"); do
    command -v "$tool" >/dev/null || { echo "build.sh: $tool not found (run .ci/install-toolchain.sh)" >&2; exit 1; }
done

run() {
    printf '%s\n' "$*"
    "$@"
}

native_only=0
if [ "${1:-}" = "--native" ]; then native_only=1; shift; fi

if [ $# -gt 0 ]; then names=("$@"); else names=("${ALL[@]}"); fi

mkdir -p native
for name in "${names[@]}"; do
    [ -f "$name.c" ] || { echo "build.sh: no such kernel: $name" >&2; exit 1; }
    extra_wasm=()
    extra_native=()
    case "$name" in
        simd)  extra_wasm=(-msimd128) ;;
        nbody) extra_native=(-lm) ;;
    esac
    if [ "$native_only" = 0 ]; then
        run "$CLANG" "${WASM_FLAGS[@]}" "${extra_wasm[@]}" "$name.c" -o "$name.wasm"
    fi
    run "$GCC" "${NATIVE_FLAGS[@]}" "$name.c" -o "native/$name" "${extra_native[@]}"
done
