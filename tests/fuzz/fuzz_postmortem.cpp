// Fuzz target: a postmortem (front matter + Markdown + action table):
// gate, parser, validate (template sections, actions) and render.
#include "load/parse.h"
#include "tests/fuzz/harness.h"

using namespace sitrep;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::check_item(fuzz::as_text(data, size), "content/postmortems/fuzz.md", [](std::string_view t, const std::string& p, Diagnostics& d) { return parse_postmortem(t, p, d); },
                   [](Model& m) -> auto& { return m.postmortems; });
  return 0;
}
