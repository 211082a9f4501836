#pragma once
#include <iosfwd>

namespace sitrep {

// The whole command line. Returns the exit code: 0 ok, 1 content errors,
// 2 usage. main() only calls this.
int run_cli(int argc, char** argv, std::ostream& out, std::ostream& err);

}  // namespace sitrep
