#include "author/ids.h"

#include <charconv>
#include <cstdio>

namespace sitrep {
namespace {

// The NNN of "<stem>NNN", or 0 when `id` is not of that form.
unsigned number_after(std::string_view id, std::string_view stem) {
  if (id.size() <= stem.size() || id.substr(0, stem.size()) != stem) return 0;
  const std::string_view digits = id.substr(stem.size());
  unsigned n = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  return ec == std::errc{} && end == digits.data() + digits.size() ? n : 0;
}

}  // namespace

std::string next_dated_id(const Model& model, std::string_view prefix, Day day) {
  const std::string stem = std::string{prefix} + "-" + format_date(day) + "-";
  unsigned highest = 0;
  for (const auto& inc : model.incidents) highest = std::max(highest, number_after(inc.id, stem));
  for (const auto& m : model.maintenance) highest = std::max(highest, number_after(m.id, stem));
  char number[16];
  std::snprintf(number, sizeof number, "%03u", highest + 1);
  return stem + number;
}

}  // namespace sitrep
