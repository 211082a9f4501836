#include "write/crash_point.h"

#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

namespace sitrep {

void crash_point(std::string_view step) {
  static const std::string wanted = [] {
    const char* v = std::getenv(std::string{k_crash_env}.c_str());
    return std::string{v ? v : ""};
  }();
  if (!wanted.empty() && wanted == step) ::kill(::getpid(), SIGKILL);
}

}  // namespace sitrep
