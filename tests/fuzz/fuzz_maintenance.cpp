// Fuzz target: a maintenance file (content/maintenance/*.toml): gate,
// parser, validate and render (calendar, feeds, pages).
#include "load/parse.h"
#include "tests/fuzz/harness.h"

using namespace sitrep;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const TimeZone zone = fuzz::base_model().site.time_zone;
  fuzz::check_item(fuzz::as_text(data, size), "content/maintenance/fuzz.toml", [&](std::string_view t, const std::string& p, Diagnostics& d) { return parse_maintenance(t, p, zone, d); },
                   [](Model& m) -> auto& { return m.maintenance; });
  return 0;
}
