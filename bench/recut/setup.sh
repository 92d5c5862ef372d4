#!/usr/bin/env bash
# The re-cut benchmark's own setup (`make bench`): a Python venv under target/recut-bench/venv
# with PyPI's pymetis (METIS 5 with its Python binding, a binary wheel), which
# core/benches/recut.rs runs beside ours. Idempotent: once pymetis imports, it only checks.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
venv="$top/target/recut-bench/venv"
log() { printf '[recut-bench setup] %s\n' "$*" >&2; }
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import pymetis' 2>/dev/null; then
  exit 0
fi
command -v python3 >/dev/null || { log "python3 is needed (Debian: apt-get install python3 python3-venv)"; exit 1; }
mkdir -p "$(dirname "$venv")"
if ! python3 -m venv "$venv" 2>/dev/null; then
  log "python3 -m venv failed: install python3-venv"; exit 1
fi
log "pip install pymetis into $venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check pymetis
"$venv/bin/python" -c 'import pymetis' || { log "pymetis does not import"; exit 1; }
