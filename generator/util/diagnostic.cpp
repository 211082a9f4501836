#include "util/diagnostic.h"

#include <algorithm>
#include <tuple>

namespace sitrep {

void Diagnostics::report(std::string path, SourcePos pos, std::string rule, std::string message,
                         std::string hint) {
  const Level level = policy_.level_of(rule);
  if (level == Level::off) return;
  if (pos.line == 0) pos = {1, 1};  // a file-level problem still names line and column
  items_.push_back({std::move(path), pos, level, std::move(rule), std::move(message), std::move(hint)});
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

std::size_t Diagnostics::error_count() const {
  return std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) { return d.level == Level::error; });
}

std::size_t Diagnostics::warning_count() const {
  return std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) { return d.level == Level::warning; });
}

void Diagnostics::sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.path, a.pos.line, a.pos.col) < std::tie(b.path, b.pos.line, b.pos.col);
  });
  items_.erase(std::unique(items_.begin(), items_.end(),
                           [](const Diagnostic& a, const Diagnostic& b) {
                             return a.path == b.path && a.pos.line == b.pos.line && a.pos.col == b.pos.col &&
                                    a.rule == b.rule && a.message == b.message;
                           }),
               items_.end());
}

std::string_view level_name(Level level) {
  switch (level) {
    case Level::off: return "off";
    case Level::warning: return "warning";
    case Level::error: return "error";
  }
  return "error";
}

bool parse_level(std::string_view text, Level& out) {
  if (text == "error") out = Level::error;
  else if (text == "warning") out = Level::warning;
  else if (text == "off") out = Level::off;
  else return false;
  return true;
}

}  // namespace sitrep
