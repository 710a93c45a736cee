#!/bin/sh
# Regenerate the golden .out/.err files from real CPython (recorded with CPython 3.11.7).
# Usage: sh crates/python/tests/scripts/regen.sh   (from the repository root)
# Each script runs as `python3 script.py` in a scratch directory; the absolute path CPython
# prints in tracebacks and warnings is rewritten to `script.py`. `.err` is kept only when non-empty.
set -eu
dir=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
for py in "$dir"/*.py; do
    base=${py%.py}
    cp "$py" "$tmp/script.py"
    (cd "$tmp" && python3 script.py >"$base.out" 2>"$tmp/err" || true)
    sed -e "s|File \"$tmp/script.py\"|File \"script.py\"|" -e "s|^$tmp/script.py:|script.py:|" "$tmp/err" >"$base.err"
    [ -s "$base.err" ] || rm -f "$base.err"
done
rm -rf "$tmp"
