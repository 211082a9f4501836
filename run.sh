#!/usr/bin/env bash
# The main job: install what is missing, build sitrep, check and build the
# example site in content/ (site/public, site/internal), then serve its
# preview on http://127.0.0.1:1313/ until Ctrl-C. Extra arguments go to
# `sitrep serve` (e.g. --port 8080).
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh
./build/generator/sitrep check --root .
./build/generator/sitrep build --root .
exec ./build/generator/sitrep serve --root . "$@"
