#pragma once
// Small readings of an incident shared by the postmortem scaffold and the
// comms summary.
#include <string>
#include <string_view>

#include "model/model.h"

namespace sitrep {

// The person named for `role` in [roles], or empty.
std::string named_role(const Incident& inc, std::string_view role);

// The first sentence of a Markdown message's first paragraph, on one line:
// what a timeline row or a one-line "Action:" can hold.
std::string first_sentence(std::string_view message);

}  // namespace sitrep
