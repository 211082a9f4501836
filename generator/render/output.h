#pragma once
// Outputs are data: every renderer returns files (path + bytes) and never
// touches the disk; write/ decides where they go (disk or memory).
#include <string>
#include <vector>

namespace sitrep {

struct OutputFile {
  std::string path;   // relative to the tree it belongs to ("api/v2/summary.json")
  std::string bytes;
};

using Outputs = std::vector<OutputFile>;

}  // namespace sitrep
