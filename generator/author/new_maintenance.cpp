#include "author/new_maintenance.h"

#include "author/ids.h"
#include "author/lookup.h"
#include "author/self_check.h"
#include "author/toml_text.h"
#include "load/load_site.h"
#include "model/text.h"

namespace sitrep {
namespace {

// "Sat 2026-12-05 22:00 PST to Sun 2026-12-06 07:00 PST": the day is spelled
// out because windows are usually at night and across midnight.
std::string window(TimePoint start, TimePoint end, TimeZone zone) {
  const char* fmt = "%a %Y-%m-%d %H:%M %Z";
  return format_in_zone(start, zone, fmt) + " to " + format_in_zone(end, zone, fmt);
}

bool check_options(const Model& model, const NewMaintenanceOptions& o, Diagnostics& diags) {
  bool ok = true;
  if (trim(o.title).empty()) {
    diags.report("--title", {}, "missing-key", "a maintenance needs a title");
    ok = false;
  }
  if (o.end <= o.start) {
    diags.report("--end", {}, "time-order", "the window must end after it starts");
    ok = false;
  }
  if (!lookup_components(model, o.components, diags)) return false;
  for (const auto& id : o.components) {
    const Component* c = model.components.find(id);
    if (o.internal || c->is_public) continue;
    diags.report("--components", {}, "internal-component",
                 "a public maintenance cannot name internal-only component '" + id + "'",
                 "pass --internal to keep the maintenance off the public site");
    ok = false;
  }
  return ok;
}

}  // namespace

std::optional<NewFile> new_maintenance(const Model& model, const NewMaintenanceOptions& o, TimePoint now,
                                       Diagnostics& diags) {
  if (!check_options(model, o, diags)) return std::nullopt;
  const TimeZone zone = model.site.time_zone;
  const std::string when = "Scheduled for " + window(o.start, o.end, zone) + ".";
  const Day day = local_day(o.start, zone);
  const std::string id = next_dated_id(model, "MNT", day);

  std::string text;
  text += "id = " + toml_string(id) + "\n";
  text += "title = " + toml_string(trim(o.title)) + "\n";
  text += "components = " + toml_string_array(o.components) + "\n";
  text += std::string{"public = "} + (o.internal ? "false" : "true") + "\n";
  text += "scheduled_start = " + toml_time(o.start, zone) + "\n";
  text += "scheduled_end = " + toml_time(o.end, zone) + "\n";
  text += "message = " + toml_multiline(trim(o.message).empty() ? when : trim(o.message)) + "\n";
  text += "\n[[updates]]\n";
  text += "at = " + toml_time(now, zone) + "\n";
  text += "status = \"scheduled\"\n";
  text += "message = " + toml_string(when) + "\n";

  NewFile file{display_path(model.root, "content/maintenance/" + format_date(day).substr(0, 4) + "/" + id + ".toml"),
               std::move(text)};
  if (!passes_check(model, ContentKind::maintenance, file, now, diags)) return std::nullopt;
  return file;
}

}  // namespace sitrep
