#pragma once
// Putting authored content on disk. Unlike the site output (write/publish.h)
// these are a person's source files: a new file never replaces an existing
// one, and an edit never replaces text it did not read.
#include <string_view>

#include "author/new_file.h"
#include "util/diagnostic.h"

namespace sitrep {

// Creates `file.path` (and its folders). Refuses, with a write-failed error,
// when the file exists: `sitrep new` never overwrites.
bool create_file(const NewFile& file, Diagnostics& diags);

// Replaces `file.path` with `file.text`, but only if it still holds
// `expected` (someone may have saved it since it was read). The new text
// goes to a temporary file beside it and is renamed over it, so a crash
// leaves the old file or the new one, never half of each.
bool replace_file(const NewFile& file, std::string_view expected, Diagnostics& diags);

}  // namespace sitrep
