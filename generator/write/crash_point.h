#pragma once
// Test-only: the steps of publishing a test can stop a build at. When the
// environment variable SITREP_TEST_CRASH_AT names a step, the build kills
// itself with SIGKILL there, as a crash or `kill -9` would
// (tests/e2e/crash_safety.sh). Unset, each call is one comparison.
//
//   staging-made   a staging folder exists, its marker not yet written
//   writing        half of the first tree's files are written
//   staged         every tree is written beside its target, none swapped in
//   between-swaps  the first of two separately swapped trees is in, the
//                  second not (only when the trees are swapped one by one)
//   swapped        everything is swapped in, the previous trees not deleted
//   old-removed    the previous trees are deleted, the staging folder not yet
#include <string_view>

namespace sitrep {

inline constexpr std::string_view k_crash_env = "SITREP_TEST_CRASH_AT";

void crash_point(std::string_view step);

}  // namespace sitrep
