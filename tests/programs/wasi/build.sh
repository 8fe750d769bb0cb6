#!/usr/bin/env bash
# Builds the WASI test programs of tests/WasmJit.PublicApi.Tests (the .wasm files are committed):
#   clang-14 --target=wasm32-wasi -O2 -Wl,--strip-debug NAME.c -o NAME.wasm
# The tests compare each run with node's WASI (tests/programs/run-node.mjs). When node is missing they use node's
# output recorded in expected/; after changing a program, re-record it (node required) with
#   WASMJIT_RECORD_EXPECTED=1 dotnet test tests/WasmJit.PublicApi.Tests --filter WasiProgramTests
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
for c in *.c; do
    name=${c%.c}
    cmd=(clang-14 --target=wasm32-wasi -O2 -Wl,--strip-debug "$c" -o "$name.wasm")
    echo "${cmd[*]}"
    "${cmd[@]}"
done
