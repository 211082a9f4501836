#include "tests/fuzz/harness.h"

#include "load/load_site.h"
#include "render/site_build.h"
#include "validate/validate.h"

namespace sitrep::fuzz {

const Model& base_model() {
  // Loaded once per process: every input is checked against the same site.
  static const Model model = [] {
    Diagnostics diags;
    Model m = load_site({SITREP_SOURCE_DIR, 1}, diags);
    m.index();
    return m;
  }();
  return model;
}

TimePoint fuzz_now() { return *parse_rfc3339("2026-05-01T00:00:00Z"); }

void validate_and_render(Model& model) {
  model.index();
  Diagnostics diags(model.rules);
  validate(model, fuzz_now(), diags);
  if (diags.has_errors()) return;  // `build` stops here too
  Diagnostics render_diags(model.rules);
  (void)render_site(model, fuzz_now(), render_diags);
}

}  // namespace sitrep::fuzz
