#include "author/incident_facts.h"

#include <algorithm>

#include "model/text.h"

namespace sitrep {

std::string named_role(const Incident& inc, std::string_view role) {
  for (const auto& [name, person] : inc.roles)
    if (name == role && !trim(person).empty()) return trim(person);
  return {};
}

std::string first_sentence(std::string_view message) {
  std::string text = trim(message.substr(0, message.find("\n\n")));
  std::replace(text.begin(), text.end(), '\n', ' ');
  for (std::size_t i = 0; i + 1 < text.size(); ++i)
    if ((text[i] == '.' || text[i] == '!' || text[i] == '?') && text[i + 1] == ' ') return text.substr(0, i + 1);
  return text;
}

}  // namespace sitrep
