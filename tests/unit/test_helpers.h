#pragma once
// Shared by the unit tests: reading repository files (schemas, seeds).
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#ifndef SITREP_SOURCE_DIR
#define SITREP_SOURCE_DIR "."
#endif

inline std::string repo_file(const std::string& relative) {
  std::ifstream in(std::string{SITREP_SOURCE_DIR} + "/" + relative, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A whole file's bytes ("" when it cannot be read).
inline std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::string rules_of(const sitrep::Diagnostics& d) {
  std::string out;
  for (const auto& x : d.all()) out += x.rule + "@" + std::to_string(x.pos.line) + ":" + std::to_string(x.pos.col) + " ";
  return out;
}
