#pragma once
#include <iosfwd>

#include "cli/options.h"

namespace sitrep {

int run_check(const CommonOptions& opts, TimePoint now, std::ostream& out, std::ostream& err);
int run_build(const CommonOptions& opts, const BuildOptions& build, TimePoint now, std::ostream& out, std::ostream& err);

}  // namespace sitrep
