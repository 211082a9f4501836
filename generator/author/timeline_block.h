#pragma once
// One internal [[timeline]] entry, as the lifecycle commands write it:
// every step taken from the command line (declared, acknowledged, a
// component joined, mitigated, resolved, reopened, a role named) leaves a
// dated line in the incident's response log.
#include <string>
#include <string_view>

#include "model/model.h"

namespace sitrep {

// "[[timeline]]\nat = ...\naction = ...\n[owner = ...]\n", ending in a newline.
std::string timeline_block_text(const TimelineEntry& entry, TimeZone zone);

// `text` (holding `inc`, as parsed from it) with the entry added so that the
// timeline stays in time order: before the first entry dated after it, else
// at the end of the file. Nothing else in the text changes.
std::string add_timeline_entry(std::string_view text, const Incident& inc, const TimelineEntry& entry, TimeZone zone);

}  // namespace sitrep
