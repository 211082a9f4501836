// Fuzz target: content/site.toml and content/components.toml. The first
// byte picks which file the rest is; a config that parses replaces the
// example's, and the site is validated and rendered with it.
#include "load/parse.h"
#include "tests/fuzz/harness.h"
#include "util/source_file.h"

using namespace sitrep;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const Model& base = fuzz::base_model();
  const bool components = data[0] & 1;
  const std::string path = components ? "content/components.toml" : "content/site.toml";
  const std::string_view text = fuzz::as_text(data + 1, size - 1);
  Diagnostics diags(base.rules);
  if (!check_source_text(text, path, diags)) return 0;
  Model model = base;
  if (components) {
    model.components = parse_components(text, path, diags);
  } else {
    model.site = parse_site(text, path, diags);
    // As load_site: a zone it does not know is UTC (and an error already).
    if (!model.site.time_zone) model.site.time_zone = utc_zone();
    // The paths site.toml names are not followed here (load_site's confined
    // reader does that); the example's policy and theme stay.
    model.site.severity_schema = base.site.severity_schema;
    model.site.postmortem_schema = base.site.postmortem_schema;
    model.site.themes_dir = base.site.themes_dir;
    model.site.theme = base.site.theme;
  }
  if (diags.has_errors()) return 0;
  model.sources[path] = std::string(text);
  fuzz::validate_and_render(model);
  return 0;
}
