#!/usr/bin/env bash
# ctest entry of the api_client test: real Statuspage clients read `sitrep serve`'s api/v2.
# Usage: run.sh <sitrep-binary> <repo-root>. Exits 77 (skipped) when Node.js is missing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v node >/dev/null 2>&1; then
  echo "SKIP: node is not installed (scripts/setup.sh installs it with SITREP_TEST_DEPS=1)"
  exit 77
fi
if [ ! -d "$here/node_modules/statuspage.io" ] || [ ! -d "$here/node_modules/@statuspage/status-widget" ]; then
  echo "FAIL: the clients are not installed: run (cd tests/api_client && npm ci) (test.sh does)"
  exit 1
fi
exec node "$here/api_client.test.mjs" "$@"
