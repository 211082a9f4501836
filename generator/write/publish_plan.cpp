#include "write/publish_plan.h"

#include <algorithm>
#include <optional>
#include <system_error>

#include "util/confined_path.h"
#include "write/folder_at.h"
#include "write/spare_tree.h"

namespace sitrep {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view k_refusing = "refusing to write: ";
constexpr std::string_view k_nothing_written = "; nothing was written";

std::string refuse(const std::string& why) { return std::string{k_refusing} + why + std::string{k_nothing_written}; }

// Absolute, lexically normal, no trailing separator.
fs::path normal(const fs::path& p) {
  std::error_code ec;
  fs::path out = fs::absolute(p, ec).lexically_normal();
  if (!out.has_filename() && out.has_relative_path()) out = out.parent_path();
  return out;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string link_refusal(const fs::path& link) {
  return refuse(shown_path(link) +
                " is a symbolic link, and sitrep never writes through a link in its output; remove the link, or "
                "name the folder it points to with --out, --public-dir or --internal-dir");
}

// A unit or tree folder must be a real folder or not exist yet.
std::optional<std::string> kind_refusal(const fs::path& folder, EntryKind kind) {
  if (kind == EntryKind::link) return link_refusal(folder);
  if (kind == EntryKind::file || kind == EntryKind::other)
    return refuse(shown_path(folder) +
                  " is not a folder, and a build replaces it whole; move it away (sitrep deletes nothing it did "
                  "not write) and build again");
  return std::nullopt;
}

EntryKind kind_of(const fs::path& p) {
  const Fd parent = open_folder(p.parent_path().string());
  return parent ? entry_kind(parent.get(), p.filename().string()) : EntryKind::missing;
}

// Both trees in one folder: everything in it must be sitrep's.
std::optional<std::string> foreign_entry_refusal(const fs::path& folder, const SwapUnit& unit,
                                                 const std::vector<fs::path>& targets) {
  const Fd dir = open_folder_at(open_folder(folder.parent_path().string()).get(), folder.filename().string());
  if (!dir) return std::nullopt;  // missing (or refused above)
  for (const auto& entry : folder_entries(dir.get())) {
    bool ours = false;
    for (const auto& tree_at : unit.trees) {
      const std::string& tree = tree_at.first;
      if (entry == tree) {
        if (auto why = kind_refusal(folder / entry, entry_kind(dir.get(), entry))) return why;
        ours = true;
      }
      if (is_legacy_staging_name(entry, tree) && entry_kind(dir.get(), entry) == EntryKind::folder) ours = true;
    }
    if (entry == k_output_marker && entry_kind(dir.get(), entry) == EntryKind::file) ours = true;
    if ((is_staging_name(entry) || is_spare_name(entry)) &&
        is_marked_or_empty_folder_at(dir.get(), entry, k_staging_marker))
      ours = true;
    if (!ours) {
      const std::string f = shown_path(folder);
      return refuse("the output folder " + f + " holds " + shown_path(folder / entry) +
                    ", which sitrep did not write; a build replaces " + f + " whole, so that " +
                    shown_path(targets[unit.trees[0].second]) + " and " + shown_path(targets[unit.trees[1].second]) +
                    " change together; move " + entry + " out of " + f +
                    " (or build into a folder of its own with --out) and build again");
    }
  }
  return std::nullopt;
}

}  // namespace

std::string shown_path(const fs::path& absolute) {
  std::error_code ec;
  const fs::path cwd = fs::current_path(ec);
  if (!ec && is_inside(cwd, absolute)) {
    const fs::path rel = absolute.lexically_relative(cwd);
    return rel.empty() || rel == "." ? "." : rel.generic_string();
  }
  return absolute.generic_string();
}

std::string staging_name(std::string_view unit_name, long pid) {
  return "." + std::string{unit_name} + ".sitrep-new-" + std::to_string(pid);
}

bool is_staging_name(std::string_view entry, std::string_view unit_name) {
  constexpr std::string_view k_infix = ".sitrep-new-";
  const auto at = entry.rfind(k_infix);
  if (entry.size() < 2 || entry.front() != '.' || at == std::string_view::npos || at < 2 ||
      !all_digits(entry.substr(at + k_infix.size())))
    return false;
  return unit_name.empty() || entry.substr(1, at - 1) == unit_name;
}

bool is_legacy_staging_name(std::string_view entry, std::string_view tree_name) {
  const std::string prefix = "." + std::string{tree_name} + ".new-";
  return entry.size() > prefix.size() && entry.substr(0, prefix.size()) == prefix &&
         all_digits(entry.substr(prefix.size()));
}

PublishPlan plan_publish(const std::vector<fs::path>& targets, const fs::path& site_root) {
  PublishPlan plan;
  std::vector<fs::path> trees;
  for (const auto& t : targets) trees.push_back(normal(t));
  for (const auto& t : trees) {
    const std::string name = t.filename().string();
    if (name.empty() || name == "." || name == "..") {
      plan.refusal = refuse(shown_path(t) + " cannot be replaced as a whole; choose a folder below it");
      return plan;
    }
    if (!site_root.empty())
      if (auto link = symlink_below(site_root, t)) {
        plan.refusal = link_refusal(*link);
        return plan;
      }
    if (auto why = kind_refusal(t, kind_of(t))) {
      plan.refusal = *why;
      return plan;
    }
  }

  const bool together = trees.size() == 2 && trees[0].parent_path() == trees[1].parent_path() &&
                        trees[0].parent_path().has_filename() && trees[0] != trees[1];
  if (!together) {
    for (std::size_t i = 0; i < trees.size(); ++i)
      plan.units.push_back({trees[i].parent_path(), trees[i].filename().string(), shown_path(trees[i]), {{"", i}}});
    return plan;
  }

  const fs::path folder = trees[0].parent_path();
  SwapUnit unit{folder.parent_path(), folder.filename().string(), shown_path(folder),
                {{trees[0].filename().string(), 0}, {trees[1].filename().string(), 1}}};
  for (const auto& [tree, index] : unit.trees)
    if (tree == k_output_marker || is_staging_name(tree) || is_spare_name(tree)) {
      plan.refusal = refuse(shown_path(trees[index]) + " is a name sitrep keeps for its own files; choose another");
      return plan;
    }
  std::error_code ec;
  const fs::path cwd = fs::current_path(ec);
  if (!ec && is_inside(resolved_path(folder), cwd)) {
    plan.refusal = refuse("the output folder " + unit.shown +
                          " holds the working folder, and a build replaces it whole; run sitrep from outside it, "
                          "or choose another --out");
    return plan;
  }
  if (auto why = kind_refusal(folder, kind_of(folder))) {
    plan.refusal = *why;
    return plan;
  }
  if (auto why = foreign_entry_refusal(folder, unit, trees)) {
    plan.refusal = *why;
    return plan;
  }
  plan.units.push_back(std::move(unit));
  return plan;
}

}  // namespace sitrep
