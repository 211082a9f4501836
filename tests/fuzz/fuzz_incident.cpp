// Fuzz target: an incident file (content/incidents/*.toml) through the
// same gate as a file read from disk, its parser, validate and render.
#include "load/parse.h"
#include "tests/fuzz/harness.h"

using namespace sitrep;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const TimeZone zone = fuzz::base_model().site.time_zone;
  fuzz::check_item(fuzz::as_text(data, size), "content/incidents/fuzz.toml", [&](std::string_view t, const std::string& p, Diagnostics& d) { return parse_incident(t, p, zone, d); },
                   [](Model& m) -> auto& { return m.incidents; });
  return 0;
}
