#!/usr/bin/env bash
# Build Unspun's one-folder desktop bundle with PyInstaller: dist/unspun/unspun (Linux).
#
#   packaging/build-bundle.sh [OUT]        (OUT defaults to dist/; the bundle is OUT/unspun/)
#
# The wheel is built and installed into a throwaway venv with PyInstaller, and PyInstaller runs
# from there, outside the checkout: the bundle carries what a wheel carries and nothing of the
# source tree. Needs python3 (3.11+) with venv, and the network (or a package index) for pip.
set -euo pipefail
unset PYTHONPATH PYTHONHOME VIRTUAL_ENV  # the checkout on the path would put its app, without app/_data, in the bundle
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$(mkdir -p "${1:-$ROOT/dist}" && cd "${1:-$ROOT/dist}" && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/unspun-bundle-XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install -q --upgrade pip
rm -rf "$ROOT/build" "$ROOT/unspun.egg-info"  # a stale build/lib would put old files in the wheel
"$WORK/venv/bin/pip" wheel --no-deps -q -w "$WORK/wheel" "$ROOT"
rm -rf "$ROOT/build" "$ROOT/unspun.egg-info"
"$WORK/venv/bin/pip" install -q "$WORK"/wheel/unspun-*.whl 'pyinstaller>=6.10,<7'

rm -rf "$OUT/unspun"
cd "$WORK"  # nothing of the checkout is importable from here
"$WORK/venv/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath "$OUT" --workpath "$WORK/pyinstaller" "$ROOT/packaging/unspun.spec"
echo "Built $OUT/unspun/ ($(du -sh "$OUT/unspun" | cut -f1)); run $OUT/unspun/unspun"
