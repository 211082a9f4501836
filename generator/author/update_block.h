#pragma once
// One public status update - an [[updates]] entry - as `new incident` and
// `new update` write it: the time, the status word, a message that starts
// from the status-page template, when the next update is due, and what the
// components show.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "author/message_templates.h"
#include "model/model.h"

namespace sitrep {

struct UpdateBlock {
  TimePoint at{};
  std::string status;  // as written: a public status or a schema alias
  std::string message;
  std::optional<TimePoint> next_update_by;
  std::vector<std::pair<std::string, std::string>> components;  // id -> component status
};

// "[[updates]]\nat = ...\n...": the block, ending in a newline.
std::string update_block_text(const UpdateBlock& block, TimeZone zone);

// While an incident is active its level's cadence (update_every) says when
// customers hear next; a resolved incident promises nothing.
std::optional<TimePoint> next_update_due(const SeverityLevel& level, std::string_view canonical_status, TimePoint now);

// The message a person starts from: the template of `canonical_status`
// filled with the incident's title and affected components.
std::optional<std::string> template_message(const Model& model, const MessageTemplates& templates,
                                            std::string_view canonical_status, const std::string& title,
                                            const std::vector<std::string>& components,
                                            std::optional<TimePoint> next_update_by, Diagnostics& diags);

}  // namespace sitrep
