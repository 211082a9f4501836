#include "author/self_check.h"

#include <algorithm>
#include <set>
#include <utility>

#include "load/parse.h"
#include "util/source_file.h"
#include "validate/validate.h"

namespace sitrep {
namespace {

// The errors `text` has at `path`, as check would print them.
Diagnostics errors_of(const Model& model, ContentKind kind, const std::string& path, std::string_view text,
                      TimePoint now) {
  Diagnostics d(model.rules);
  Model m = configuration_of(model);  // plus the one file
  if (check_source_text(text, path, d)) {
    const TimeZone zone = model.site.time_zone;
    switch (kind) {
      case ContentKind::incident:
        if (auto inc = parse_incident(text, path, zone, d)) m.incidents.push_back(std::move(*inc));
        break;
      case ContentKind::maintenance:
        if (auto mt = parse_maintenance(text, path, zone, d)) m.maintenance.push_back(std::move(*mt));
        break;
      case ContentKind::postmortem:
        if (auto pm = parse_postmortem(text, path, d)) {
          if (const Incident* inc = model.find_incident(pm->incident)) m.incidents.push_back(*inc);
          m.postmortems.push_back(std::move(*pm));
        }
        break;
    }
    m.index();
    validate(m, now, d);
  }
  Diagnostics out(model.rules);
  for (const auto& x : d.all())
    if (x.level == Level::error && x.path == path) out.report(x.path, x.pos, x.rule, x.message, x.hint);
  return out;
}

}  // namespace

bool passes_check(const Model& model, ContentKind kind, const NewFile& file, TimePoint now, Diagnostics& diags,
                  std::string_view before) {
  std::set<std::pair<std::string, std::string>> known;  // rule and message; lines move in an edit
  if (!before.empty()) {
    const Diagnostics old = errors_of(model, kind, file.path, before, now);
    for (const auto& x : old.all()) known.emplace(x.rule, x.message);
  }
  const Diagnostics found = errors_of(model, kind, file.path, file.text, now);
  bool ok = true;
  for (const auto& x : found.all()) {
    if (known.count({x.rule, x.message})) continue;
    diags.report(x.path, x.pos, x.rule, x.message, x.hint);
    ok = false;
  }
  return ok;
}

}  // namespace sitrep
