#pragma once
// What the `sitrep new` commands produce: one content file as text. The
// functions that make it are pure (model and clock in, text out), so tests
// can parse and validate the result; author/write_file.h puts it on disk.
#include <string>

namespace sitrep {

struct NewFile {
  // Where it goes, as diagnostics name files: relative to the working
  // directory, i.e. display_path(model.root, "content/...").
  std::string path;
  std::string text;
};

}  // namespace sitrep
