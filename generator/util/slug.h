#pragma once
// Readable ASCII for file names made from free text (owner names): not
// unique by itself — "J. Smith" and "j smith" give the same slug — so a
// caller that needs one name per text adds stable_hash (util/hash.h).
#include <cstddef>
#include <string>
#include <string_view>

namespace sitrep {

// "Zoë Ångström" -> "zoe-angstrom": ASCII letters and digits lowercased;
// Latin-1 and Latin Extended-A letters (U+00C0-U+017F) as their base
// letter; every run of anything else one '-', none at the ends. At most
// `max_size` characters, cut at a '-' when one is near. "李雷" -> "".
std::string ascii_slug(std::string_view text, std::size_t max_size = 40);

}  // namespace sitrep
