#!/usr/bin/env bash
# The main job: install what is missing, build sitrep, check and build the
# example site in content/.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh
./build/generator/sitrep check --root .
./build/generator/sitrep build --root . "$@"
