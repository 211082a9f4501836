#!/usr/bin/env bash
# Every test: install what is missing, build, run unit and end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")"
SITREP_TEST_DEPS=1 bash scripts/setup.sh
# Browser-side tools (html-validate, vnu-jar, axe-core, playwright-core) from the npm registry, pinned by the lockfile.
(cd tests/web && npm ci --no-audit --no-fund --loglevel=error)
# Real Statuspage API clients (statuspage.io, @statuspage/status-widget), pinned by the lockfile.
(cd tests/api_client && npm ci --no-audit --no-fund --loglevel=error)
# Microsoft's SARIF validator (sarif-multitool) for check --format sarif, pinned by the lockfile.
(cd tests/ci_formats && npm ci --no-audit --no-fund --loglevel=error)
# CI example validators (action-validator, gitlab-ci-local), pinned by the lockfile.
(cd tests/ci_examples && npm ci --no-audit --no-fund --loglevel=error)
ctest --test-dir build --output-on-failure -j2
# Hardening (docs/hardening.md): the same tests against a build with
# AddressSanitizer + UndefinedBehaviorSanitizer, every libFuzzer target for
# 60 s, and the threaded tests against a ThreadSanitizer build.
bash scripts/sanitize.sh asan
bash scripts/sanitize.sh fuzz
bash scripts/sanitize.sh tsan
