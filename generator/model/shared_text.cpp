#include "model/shared_text.h"

#include "util/hash.h"

namespace sitrep {

SharedText::SharedText(std::string text) {
  if (text.empty()) return;
  auto owned = std::make_shared<const std::string>(std::move(text));
  text_ = *owned;
  hash_ = hash_text(text_);
  owner_ = std::move(owned);
}

std::uint64_t SharedText::hash() const { return text_.empty() ? hash_text({}) : hash_; }

}  // namespace sitrep
