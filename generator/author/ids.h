#pragma once
// Ids for new content: PREFIX-YYYY-MM-DD-NNN, the form seed 002 gives
// incidents ("INC-YYYY-MM-DD-NNN"), used for maintenance ("MNT-...") too.
#include <string>
#include <string_view>

#include "model/model.h"

namespace sitrep {

// The next number after the highest one in use that day, over incidents and
// maintenance (ids are unique across both). Numbers are never reused, so a
// new incident never takes the slot of a deleted older one in a URL.
std::string next_dated_id(const Model& model, std::string_view prefix, Day day);

}  // namespace sitrep
