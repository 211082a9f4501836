#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "util/multi_search.h"

using namespace sitrep;

namespace {
std::vector<std::size_t> all(const MultiSearch& s, std::string_view text) {
  std::vector<std::size_t> out;
  s.scan(text, [&](std::size_t i) {
    out.push_back(i);
    return true;
  });
  return out;
}
}  // namespace

TEST_CASE("multi_search: every occurrence of every pattern, overlapping ones too") {
  const MultiSearch s({"he", "she", "his", "hers", "", "she"});
  CHECK(all(s, "ushers") == std::vector<std::size_t>{1, 0, 3});  // she, he (ending at 'e'), hers
  CHECK(all(s, "his hers") == std::vector<std::size_t>{2, 0, 3});
  CHECK(all(s, "nothing here").size() == 1);  // "he" of "here"
  CHECK(all(s, "").empty());
  CHECK(all(MultiSearch({}), "anything").empty());
}

TEST_CASE("multi_search: overlapping candidates at one start, verified in full, and stopping early") {
  const MultiSearch s({"abcd", "bc", "bcx"});
  CHECK(all(s, "abcx") == std::vector<std::size_t>{1, 2});
  CHECK(all(s, "abcd") == std::vector<std::size_t>{0, 1});  // by where they start
  std::size_t calls = 0;
  s.scan("bc bc bc", [&](std::size_t) { return ++calls < 2; });
  CHECK(calls == 2);
}

TEST_CASE("multi_search: a pattern longer than the window is matched only in full, also at the end of the text") {
  const MultiSearch s({"internal root cause", "internal", "root"});
  CHECK(all(s, "the internal root") == std::vector<std::size_t>{1, 2});  // the long one runs past the end
  CHECK(all(s, "internal root causes") == std::vector<std::size_t>{0, 1, 2});
  CHECK(all(s, "internal root cause!").front() == 0);
  CHECK(all(s, "interna").empty());  // shorter than every pattern
}
