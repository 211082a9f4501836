// Fuzz target: the policy files (schemas/severity.toml and
// schemas/postmortem.toml). The first byte picks which; a policy that
// parses replaces the example's and the site is validated and rendered.
#include "load/parse.h"
#include "tests/fuzz/harness.h"
#include "util/source_file.h"

using namespace sitrep;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const Model& base = fuzz::base_model();
  const bool postmortem = data[0] & 1;
  const std::string path = postmortem ? "schemas/postmortem.toml" : "schemas/severity.toml";
  const std::string_view text = fuzz::as_text(data + 1, size - 1);
  Diagnostics diags(base.rules);
  if (!check_source_text(text, path, diags)) return 0;
  Model model = base;
  if (postmortem)
    model.postmortem_template = parse_postmortem_schema(text, path, diags);
  else
    model.severity = parse_severity_schema(text, path, diags);
  if (diags.has_errors()) return 0;
  fuzz::validate_and_render(model);
  return 0;
}
