// Fuzz target: a maintenance file (content/maintenance/*.toml): gate,
// parser, validate and render (calendar, feeds, pages).
#include "load/parse.h"
#include "tests/fuzz/harness.h"
#include "util/source_file.h"

using namespace sitrep;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Model& base = fuzz::base_model();
  const std::string path = "content/maintenance/fuzz.toml";
  const std::string_view text = fuzz::as_text(data, size);
  Diagnostics diags(base.rules);
  if (!check_source_text(text, path, diags)) return 0;
  auto window = parse_maintenance(text, path, base.site.time_zone, diags);
  if (!window || diags.has_errors()) return 0;
  Model model = base;
  model.sources.emplace(path, std::string(text));
  model.maintenance.push_back(std::move(*window));
  fuzz::validate_and_render(model);
  return 0;
}
