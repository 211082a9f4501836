// Fuzz target: an incident file (content/incidents/*.toml) through the
// same gate as a file read from disk, its parser, validate and render.
#include "load/parse.h"
#include "tests/fuzz/harness.h"
#include "util/source_file.h"

using namespace sitrep;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Model& base = fuzz::base_model();
  const std::string path = "content/incidents/fuzz.toml";
  const std::string_view text = fuzz::as_text(data, size);
  Diagnostics diags(base.rules);
  if (!check_source_text(text, path, diags)) return 0;
  auto incident = parse_incident(text, path, base.site.time_zone, diags);
  if (!incident || diags.has_errors()) return 0;
  Model model = base;
  model.sources.emplace(path, std::string(text));
  model.incidents.push_back(std::move(*incident));
  fuzz::validate_and_render(model);
  return 0;
}
