// Fuzz target: `sitrep new update` and the lifecycle verbs editing an
// existing incident file as text. The first byte picks the step; the rest
// is the incident's file. When it parses, the step is applied to it the
// way the CLI does (new_update: edit, then parse and check the result).
#include "author/new_update.h"
#include "load/parse.h"
#include "tests/fuzz/harness.h"
#include "util/source_file.h"

using namespace sitrep;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const Model& base = fuzz::base_model();
  static const MessageTemplates templates = [&] {
    Diagnostics d;
    return MessageTemplates::load(base, d);
  }();
  const std::string path = "content/incidents/fuzz.toml";
  const std::string_view text = fuzz::as_text(data + 1, size - 1);
  Diagnostics diags(base.rules);
  if (!check_source_text(text, path, diags)) return 0;
  auto incident = parse_incident(text, path, base.site.time_zone, diags);
  if (!incident || incident->id.empty()) return 0;
  Model model = base;
  UpdateOptions options;
  options.incident = incident->id;
  options.step = static_cast<Step>(data[0] % 5);
  if (data[0] & 0x08) options.status = "identified";
  if (data[0] & 0x10) options.components.emplace_back("api", "degraded_performance");
  if (data[0] & 0x20) options.roles.emplace_back("commander", "Zoë Ångström");
  model.sources.emplace(path, std::string(text));
  model.incidents.push_back(std::move(*incident));
  model.index();
  Diagnostics step_diags(base.rules);
  (void)new_update(model, templates, options, fuzz::fuzz_now(), step_diags);
  return 0;
}
