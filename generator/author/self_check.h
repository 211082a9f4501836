#pragma once
// The promise of `sitrep new`: what it writes passes `sitrep check` as
// written. Each command runs its text through the real parser and validator
// before anything touches the disk, so a template or policy the generator
// did not foresee is caught here and not in CI.
#include <string_view>

#include "author/new_file.h"
#include "model/model.h"
#include "util/diagnostic.h"

namespace sitrep {

enum class ContentKind { incident, maintenance, postmortem };

// Parses `file` and validates it at `now` against the model's site, policy
// and components (a postmortem also against its incident). Reports the errors
// the file has - minus those `before` (the file's previous text) already
// had, so an edit is not blocked by a problem it did not cause - and returns
// whether there were none. Warnings (an SLA breach, say) are facts, not
// reasons to refuse.
bool passes_check(const Model& model, ContentKind kind, const NewFile& file, TimePoint now, Diagnostics& diags,
                  std::string_view before = {});

}  // namespace sitrep
