#!/usr/bin/env bash
# The hardening builds and the tests run under them (test.sh runs all three):
#   scripts/sanitize.sh asan   clang, AddressSanitizer + UndefinedBehavior-
#                              Sanitizer (+ libFuzzer coverage) in build-asan,
#                              and every ctest test against that binary
#   scripts/sanitize.sh fuzz   every libFuzzer target of tests/fuzz for
#                              SITREP_FUZZ_SECONDS (default 60) each, on the
#                              build-asan build
#   scripts/sanitize.sh tsan   g++, ThreadSanitizer in build-tsan, and the
#                              tests that run threads: the parallel loader and
#                              renderers (unit, e2e builds) and the preview
#                              server's rebuild and serve threads (serve)
# Any sanitizer report fails the test that caused it: every check is
# fatal (-fno-sanitize-recover=all, halt_on_error, exitcode).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
# Reports go to the test's own output, with a stack; a leak or any
# undefined behaviour ends the process with a failing status.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}

configure_and_build() { # dir, extra cmake args...
  local dir=$1; shift
  # -O1 and line tables only: the usual sanitizer build, twice as fast to
  # compile as -O2 -g and still with file:line in every report's stack.
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Sanitize -DCMAKE_CXX_FLAGS_SANITIZE="-O1 ${SITREP_DEBUG_INFO:--g1}" "$@" >/dev/null
  cmake --build "$dir" -j"$jobs"
}

case "${1:-}" in
  asan)
    export SITREP_UNDER_ASAN=1  # tests that cap address space (ulimit -v) skip the cap
    CXX=clang++ configure_and_build build-asan -DSITREP_SANITIZE=address,undefined -DSITREP_FUZZ=ON
    # Every test but `validators`: that one runs the HTML, CSS and
    # accessibility checkers over pages whose bytes do not depend on the
    # build (deterministic output; the plain build's run checks them), and
    # under ASan it alone takes 14 minutes of CI's 90. The sites it builds
    # are built under ASan by e2e_build, e2e_internal and the fuzz targets.
    ctest --test-dir build-asan --output-on-failure -j2 -E '^validators$'
    ;;
  fuzz)
    [ -x build-asan/tests/fuzz/fuzz_incident ] ||
      CXX=clang++ configure_and_build build-asan -DSITREP_SANITIZE=address,undefined -DSITREP_FUZZ=ON
    bash tests/fuzz/run.sh build-asan "${SITREP_FUZZ_SECONDS:-60}"
    ;;
  tsan)
    # Only what the threaded tests need: sitrep and the two test programs.
    cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=Sanitize -DCMAKE_CXX_FLAGS_SANITIZE="-O1 -g1" \
      -DSITREP_SANITIZE=thread >/dev/null
    cmake --build build-tsan -j"$jobs" --target sitrep sitrep_tests sitrep_serve_tests
    ctest --test-dir build-tsan --output-on-failure -j2 -R '^(unit|serve|serve_startup|e2e_build|e2e_internal|e2e_build_only)$'
    ;;
  *)
    echo "usage: scripts/sanitize.sh asan|fuzz|tsan" >&2
    exit 2
    ;;
esac
