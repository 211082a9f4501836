#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "model/text.h"

using namespace sitrep;

TEST_CASE("same_word agrees with comparing normalize_word's results") {
  const std::vector<std::string> words = {"in_progress", "In progress", " IN-PROGRESS ", "in  progress", "inprogress",
                                          "done",        "Done\t",      "DONE!",         "",             "  ",
                                          "won't fix",   "won't_fix",   "Won’t fix",     "in-progress-", "_in_progress"};
  for (const auto& a : words)
    for (const auto& b : words) {
      INFO("'" << a << "' vs '" << b << "'");
      CHECK(same_word(a, b) == (normalize_word(a) == normalize_word(b)));
    }
  CHECK(same_word("In progress", "in_progress"));
  CHECK(same_word(" Done ", "done"));
  CHECK_FALSE(same_word("in  progress", "in_progress"));
  CHECK_FALSE(same_word("done", "don"));
}
