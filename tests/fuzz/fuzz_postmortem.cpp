// Fuzz target: a postmortem (front matter + Markdown + action table):
// gate, parser, validate (template sections, actions) and render.
#include "load/parse.h"
#include "tests/fuzz/harness.h"
#include "util/source_file.h"

using namespace sitrep;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Model& base = fuzz::base_model();
  const std::string path = "content/postmortems/fuzz.md";
  const std::string_view text = fuzz::as_text(data, size);
  Diagnostics diags(base.rules);
  if (!check_source_text(text, path, diags)) return 0;
  auto postmortem = parse_postmortem(text, path, diags);
  if (!postmortem || diags.has_errors()) return 0;
  Model model = base;
  model.sources.emplace(path, std::string(text));
  model.postmortems.push_back(std::move(*postmortem));
  fuzz::validate_and_render(model);
  return 0;
}
