#include "util/multi_search.h"

#include <algorithm>
#include <deque>

namespace sitrep {

std::int32_t MultiSearch::child(std::int32_t node, unsigned char c) const {
  const auto& next = nodes_[static_cast<std::size_t>(node)].next;
  const auto it = std::lower_bound(next.begin(), next.end(), c, [](const auto& e, unsigned char b) { return e.first < b; });
  return it != next.end() && it->first == c ? it->second : -1;
}

MultiSearch::MultiSearch(const std::vector<std::string>& patterns) {
  nodes_.emplace_back();
  for (std::size_t p = 0; p < patterns.size(); ++p) {
    if (patterns[p].empty()) continue;
    std::int32_t node = 0;
    for (const char ch : patterns[p]) {
      const auto c = static_cast<unsigned char>(ch);
      std::int32_t to = child(node, c);
      if (to < 0) {
        to = static_cast<std::int32_t>(nodes_.size());
        auto& next = nodes_[static_cast<std::size_t>(node)].next;
        next.insert(std::lower_bound(next.begin(), next.end(), c,
                                     [](const auto& e, unsigned char b) { return e.first < b; }),
                    {c, to});
        nodes_.emplace_back();
      }
      node = to;
    }
    // Duplicates: the first pattern is reported.
    if (nodes_[static_cast<std::size_t>(node)].output < 0) nodes_[static_cast<std::size_t>(node)].output = static_cast<std::int32_t>(p);
  }
  // Failure links, breadth first: a node's fail is the longest proper suffix
  // of its string that is also a prefix of some pattern.
  std::deque<std::int32_t> queue;
  for (const auto& [c, to] : nodes_[0].next) queue.push_back(to);
  while (!queue.empty()) {
    const std::int32_t node = queue.front();
    queue.pop_front();
    for (const auto& [c, to] : nodes_[static_cast<std::size_t>(node)].next) {
      std::int32_t f = nodes_[static_cast<std::size_t>(node)].fail;
      while (f > 0 && child(f, c) < 0) f = nodes_[static_cast<std::size_t>(f)].fail;
      const std::int32_t target = child(f, c);
      Node& n = nodes_[static_cast<std::size_t>(to)];
      n.fail = target >= 0 && target != to ? target : 0;
      const Node& fail_node = nodes_[static_cast<std::size_t>(n.fail)];
      n.output_link = fail_node.output >= 0 ? n.fail : fail_node.output_link;
      queue.push_back(to);
    }
  }
}

void MultiSearch::scan(std::string_view text, const std::function<bool(std::size_t)>& found) const {
  std::int32_t node = 0;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    std::int32_t to;
    while ((to = child(node, c)) < 0 && node > 0) node = nodes_[static_cast<std::size_t>(node)].fail;
    node = to < 0 ? 0 : to;
    for (std::int32_t o = nodes_[static_cast<std::size_t>(node)].output >= 0 ? node : nodes_[static_cast<std::size_t>(node)].output_link;
         o >= 0; o = nodes_[static_cast<std::size_t>(o)].output_link)
      if (!found(static_cast<std::size_t>(nodes_[static_cast<std::size_t>(o)].output))) return;
  }
}

}  // namespace sitrep
