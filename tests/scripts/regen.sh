#!/usr/bin/env bash
# Regenerate the golden NAME.out / NAME.err of tests/scripts/ from real CPython + SQLAlchemy.
# Usage (from anywhere):  bash tests/scripts/regen.sh [NAME ...]
#   SQLA_VENV  virtualenv to create or reuse (default /tmp/sqla-venv)
#   PYTHON     interpreter that creates it (default python3; the corpus was recorded with 3.11.7)
# Every script runs TWICE, each time as `python script.py` in its own fresh scratch directory
# (so file databases such as sqlite:///test.sqlite3 start empty and the cwd never shows), with
# different PYTHONHASHSEEDs and allocators (PYTHONMALLOC=pymalloc, then malloc: object
# addresses, hence id()-ordered sets inside SQLAlchemy, change between the two runs). Both runs
# are normalized with normalize.py; if they differ the script is reported and regen fails. The first run's raw output is stored, with only these
# path rewrites: the scratch script path -> script.py, the venv's site-packages directory ->
# <site-packages>, the interpreter's stdlib directory -> <stdlib>.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
venv=${SQLA_VENV:-/tmp/sqla-venv}
python=${PYTHON:-python3}
if ! "$venv/bin/python" -c 'import sqlalchemy, sys; sys.exit(sqlalchemy.__version__ != "2.1.9")' 2>/dev/null; then
    "$python" -m venv "$venv"
    "$venv/bin/pip" install --quiet sqlalchemy==2.1.9
fi
py="$venv/bin/python"
site=$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
stdlib=$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
"$py" - >"$here/VERSIONS" <<'PY'
import platform, sqlite3, sqlalchemy, typing_extensions
from importlib.metadata import version
print("CPython", platform.python_version())
print("SQLAlchemy", sqlalchemy.__version__)
print("typing_extensions", version("typing_extensions"))
print("SQLite", sqlite3.sqlite_version)
PY

run() {  # run SCRIPT SEED MALLOC OUTPREFIX
    local scratch
    scratch=$(mktemp -d)
    cp "$1" "$scratch/script.py"
    (cd "$scratch" && PYTHONHASHSEED=$2 PYTHONMALLOC=$3 PYTHONIOENCODING=utf-8 timeout 120 "$py" script.py \
        >"$4.out" 2>"$4.err.raw" || true)
    sed -e "s|$scratch/script.py|script.py|g" -e "s|$site/|<site-packages>/|g" \
        -e "s|$stdlib/|<stdlib>/|g" "$4.err.raw" >"$4.err"
    sed -i -e "s|$scratch/script.py|script.py|g" -e "s|$scratch|<scratch>|g" "$4.out"
    rm -rf "$scratch" "$4.err.raw"
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ $# -gt 0 ]; then names=("$@"); else
    names=(); for f in "$here"/*.py; do n=$(basename "$f" .py); [ "$n" = normalize ] || names+=("$n"); done
fi
failed=0
for name in "${names[@]}"; do
    src="$here/$name.py"
    run "$src" 1 pymalloc "$work/a"
    run "$src" 2 malloc "$work/b"
    for k in out err; do
        if ! cmp -s <("$py" "$here/normalize.py" "$work/a.$k") <("$py" "$here/normalize.py" "$work/b.$k"); then
            echo "NONDETERMINISTIC: $name.$k" >&2
            diff <("$py" "$here/normalize.py" "$work/a.$k") <("$py" "$here/normalize.py" "$work/b.$k") >&2 || true
            failed=1
        fi
    done
    cp "$work/a.out" "$here/$name.out"
    if [ -s "$work/a.err" ]; then cp "$work/a.err" "$here/$name.err"; else rm -f "$here/$name.err"; fi
done
echo "regenerated ${#names[@]} scripts with $(tr '\n' ' ' <"$here/VERSIONS")"
exit $failed
