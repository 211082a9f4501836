#pragma once
#include <string>
#include <string_view>

namespace sitrep {

bool iequals(std::string_view a, std::string_view b);
std::string to_lower(std::string_view s);
std::string trim(std::string_view s);
// "In progress" / "in-progress" / "IN_PROGRESS" -> "in_progress"
std::string normalize_word(std::string_view s);

}  // namespace sitrep

namespace sitrep {
// Component and group ids: a-z, 0-9, '-', '_'.
bool is_valid_id(std::string_view id);
// Incident and maintenance ids are URL slugs: letters, digits, '-', '_', '.';
// not starting with '.', at most 128 characters.
bool is_valid_slug(std::string_view id);
}  // namespace sitrep
