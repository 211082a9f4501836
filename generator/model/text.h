#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace sitrep {

bool iequals(std::string_view a, std::string_view b);
std::string to_lower(std::string_view s);
std::string trim(std::string_view s);
// "In progress" / "in-progress" / "IN_PROGRESS" -> "in_progress"
std::string normalize_word(std::string_view s);
// normalize_word(a) == normalize_word(b), without building either (a
// status is compared with every status the template lists, for each of
// tens of thousands of follow-ups).
bool same_word(std::string_view a, std::string_view b);

}  // namespace sitrep

namespace sitrep {
// Component and group ids: a-z, 0-9, '-', '_'.
bool is_valid_id(std::string_view id);
// Incident and maintenance ids are URL slugs: ASCII letters, digits, '-',
// '_', '.'; not starting or ending with '.', at most 128 characters, and not
// a name Windows reserves (each id is a folder of the built site).
bool is_valid_slug(std::string_view id);
// Why `id` is not such a slug ("starts with '.'", "'а' (U+0430) at character
// 3 is not ..."), or nothing when it is one.
std::optional<std::string> slug_problem(std::string_view id);
// CON, PRN, AUX, NUL, COM0-9, LPT0-9 in any case, alone or before a '.':
// Windows opens the device instead of the file or folder of that name.
bool is_reserved_file_name(std::string_view name);
}  // namespace sitrep
