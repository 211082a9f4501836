#pragma once
// Where text goes as it is made, piece by piece: a file being written, or a
// string being appended to.
#include <functional>
#include <string_view>

namespace sitrep {

using TextSink = std::function<void(std::string_view)>;

}  // namespace sitrep
