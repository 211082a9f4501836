#include "author/update_block.h"

#include "author/lookup.h"
#include "author/toml_text.h"

namespace sitrep {

std::string update_block_text(const UpdateBlock& block, TimeZone zone) {
  std::string out = "[[updates]]\n";
  out += "at = " + toml_time(block.at, zone) + "\n";
  out += "status = " + toml_string(block.status) + "\n";
  out += "message = " + toml_multiline(block.message) + "\n";
  if (block.next_update_by) out += "next_update_by = " + toml_time(*block.next_update_by, zone) + "\n";
  if (!block.components.empty()) {
    out += "components = {";
    for (std::size_t i = 0; i < block.components.size(); ++i)
      out += (i ? ", " : " ") + toml_key(block.components[i].first) + " = " + toml_string(block.components[i].second);
    out += " }\n";
  }
  return out;
}

std::optional<TimePoint> next_update_due(const SeverityLevel& level, std::string_view canonical_status,
                                         TimePoint now) {
  if (!level.update_every || canonical_status == "resolved") return std::nullopt;
  return now + *level.update_every;
}

std::optional<std::string> template_message(const Model& model, const MessageTemplates& templates,
                                            std::string_view canonical_status, const std::string& title,
                                            const std::vector<std::string>& components,
                                            std::optional<TimePoint> next_update_by, Diagnostics& diags) {
  MessageVars vars;
  vars.title = title;
  vars.components = component_names(model, components);
  if (next_update_by) vars.next_update_by = format_in_zone(*next_update_by, model.site.time_zone, "%H:%M %Z");
  return templates.render(canonical_status, vars, diags);
}

}  // namespace sitrep
