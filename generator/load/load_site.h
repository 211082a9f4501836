#pragma once
// The thin, file-reading side of loading: find the content files under a
// site root, read them safely and hand their text to the pure parsers.
#include <string>

#include "model/model.h"
#include "util/diagnostic.h"

namespace sitrep {

struct LoadOptions {
  std::string root = ".";
  unsigned threads = 0;  // 0 = hardware concurrency
};

// Loads everything; problems go to `diags` (whose rule policy is set from
// site.toml once that is read). Never throws for bad content.
Model load_site(const LoadOptions& options, Diagnostics& diags);

// Display path for a file under the root: "content/x.toml" when the root is
// ".", else "<root>/content/x.toml".
std::string display_path(const std::string& root, const std::string& relative);

}  // namespace sitrep
