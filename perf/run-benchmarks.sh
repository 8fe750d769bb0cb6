#!/usr/bin/env bash
# Runs every perf kernel in every wasmjit engine, under node and natively, and writes perf/RESULTS.md (a table of
# times and ratios with a geometric-mean row, the date and the machine), then copies that table into README.md
# between the <!-- perf:begin --> and <!-- perf:end --> markers under "Performance".
#
# Usage: perf/run-benchmarks.sh
# Environment (all optional):
#   ITERATIONS=3      measured runs per kernel and engine (node and native runs are interleaved with them)
#   WARMUP=1          unmeasured wasmjit runs first
#   KERNELS="..."     which kernels (default: all of perf/kernels)
#   ENGINES="..."     which wasmjit engines (default: interp jit tiered)
#
# An engine this build cannot run shows as n/a with the reason wasmjit gives; a kernel that fails (a trap, a wrong
# checksum) shows as failed with the error. Nothing is ever filled in by hand.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD

ITERATIONS=${ITERATIONS:-3}
WARMUP=${WARMUP:-1}
KERNELS=${KERNELS:-"matmul sha256 nbody sieve fannkuch mandelbrot quicksort fib crc32 simd"}
ENGINES=${ENGINES:-"interp jit tiered"}

command -v node >/dev/null || { echo "run-benchmarks.sh: node is needed" >&2; exit 1; }

echo "== building wasmjit (Release)"
dotnet build "$ROOT/src/WasmJit.Cli/WasmJit.Cli.csproj" -c Release -nologo -v quiet

missing=()
for k in $KERNELS; do
    [ -x "perf/kernels/native/$k" ] || missing+=("$k")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "== building native kernels: ${missing[*]}"
    perf/kernels/build.sh --native "${missing[@]}" || echo "run-benchmarks.sh: native build failed; native shows as n/a" >&2
fi

OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
# Run a copy, so that a rebuild during the (long) run cannot swap the program between kernels.
cp -r "$ROOT/src/WasmJit.Cli/bin/Release/net10.0" "$OUT/wasmjit-bin"
WASMJIT="$OUT/wasmjit-bin/wasmjit"

BENCH_LOAD=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
for k in $KERNELS; do
    for e in $ENGINES; do
        compare=(--compare node)
        [ -x "perf/kernels/native/$k" ] && compare+=(--compare "native:perf/kernels/native/$k")
        echo "== $k: $e"
        # Quiet when redirected; the JSON is what the table is made from. Failures leave their one line in .err.
        if "$WASMJIT" bench "perf/kernels/$k.wasm" --engine "$e" --iterations "$ITERATIONS" --warmup "$WARMUP" \
            "${compare[@]}" --json "$OUT/$k-$e.json" 2>"$OUT/$k-$e.err" | sed -n '/^[│╭├╰]/p'; then :; fi
        if [ -s "$OUT/$k-$e.err" ]; then sed 's/^/   /' "$OUT/$k-$e.err"; fi
    done
done

export BENCH_DATE BENCH_CPU BENCH_CORES BENCH_OS BENCH_DOTNET BENCH_NODE BENCH_GCC BENCH_LOAD BENCH_ITERATIONS BENCH_WARMUP
BENCH_DATE=$(date -u '+%Y-%m-%d %H:%M UTC')
BENCH_CPU=$(grep -m1 '^model name' /proc/cpuinfo 2>/dev/null | sed 's/^[^:]*: *//' || true)
BENCH_CPU=${BENCH_CPU:-$(uname -m)}
BENCH_CORES=$(nproc)
BENCH_OS="$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME"), Linux $(uname -r)"
BENCH_DOTNET=$(dotnet --version)
BENCH_NODE=$(node --version)
BENCH_GCC=$(gcc --version 2>/dev/null | head -n1 || echo "gcc not found")
BENCH_ITERATIONS=$ITERATIONS
BENCH_WARMUP=$WARMUP

node perf/results-table.mjs "$OUT" "$KERNELS" "$ENGINES" > perf/RESULTS.md
echo "== wrote perf/RESULTS.md"

# README: replace what lies between the markers with RESULTS.md minus its title.
if grep -q '<!-- perf:begin -->' README.md && grep -q '<!-- perf:end -->' README.md; then
    {
        sed '/<!-- perf:begin -->/q' README.md
        tail -n +3 perf/RESULTS.md
        sed -n '/<!-- perf:end -->/,$p' README.md
    } > "$OUT/README.md"
    cp "$OUT/README.md" README.md
    echo "== updated the Performance section of README.md"
else
    echo "run-benchmarks.sh: README.md has no <!-- perf:begin --> / <!-- perf:end --> markers; not updated" >&2
fi
