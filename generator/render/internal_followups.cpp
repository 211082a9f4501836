// The follow-up tracker: the most overdue items first; every action item on
// the pages of its owner (overdue, open, then done); and by incident, in
// full for the incidents with open items, one line for those whose items
// are all closed (their page lists the items). Every list is cut into pages
// (render/pagination.h), so no page grows with the history.
//
// The owner and by-incident pages are made from their items alone and carry
// no "figures as of" stamp, so that an incremental render (render/
// incremental.h: serve, and build over its last site) re-makes only those
// whose items changed; the tracker's first page keeps the stamp.
#include <algorithm>
#include <functional>
#include <set>

#include "render/internal_pages.h"
#include "render/internal_urls.h"
#include "render/pagination.h"
#include "render/parallel_pages.h"
#include "util/hash.h"

namespace sitrep {
namespace {

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string counts_text(const FollowUpGroup& g) {
  return plural(g.items.size(), "item", "items") + ", " + std::to_string(g.open) + " open, " +
         std::to_string(g.overdue) + " overdue";
}

Json items_json(const InternalContext& ctx, const std::vector<std::size_t>& indexes, std::string_view root) {
  Json items = Json::array();
  for (std::size_t i : indexes) items.push_back(follow_up_json(ctx, ctx.followups.items[i], root));
  return Json{{"items", items}};
}

// What needs doing first: overdue, then open, then done; the group's order
// (soonest due first) within each, so closed items fill the last pages.
std::vector<std::size_t> open_first(const InternalContext& ctx, std::vector<std::size_t> items) {
  const auto rank = [&](std::size_t i) {
    const FollowUp& f = ctx.followups.items[i];
    return f.is_overdue ? 0 : f.is_open ? 1 : 2;
  };
  std::stable_sort(items.begin(), items.end(), [&](std::size_t a, std::size_t b) { return rank(a) < rank(b); });
  return items;
}


// Everything a follow-up row shows: its incident's fingerprint (its file,
// its postmortems, the site, and the clock while the incident can change
// with it), the fingerprint and page name of each postmortem it comes from
// (a postmortem naming no known incident has no incident to cover it), and
// its state today.
std::uint64_t follow_up_fingerprint(const InternalContext& ctx, const FollowUp& f) {
  const Incremental& inc = *ctx.incremental;
  std::uint64_t fp = hash_mix(inc.site, f.incident_id);
  if (const long i = ctx.incident_index(f.incident_id); i >= 0) fp = hash_mix(fp, inc.incidents[static_cast<std::size_t>(i)]);
  for (const ActionSource* source : {&f.source, f.also ? &*f.also : nullptr}) {
    if (!source) continue;
    fp = hash_mix(hash_mix(fp, source->path), static_cast<std::uint64_t>(source->origin));
    if (auto it = ctx.postmortem_by_file.find(source->path); it != ctx.postmortem_by_file.end())
      fp = hash_mix(hash_mix(fp, inc.postmortems[it->second]), ctx.postmortem_paths[it->second]);
  }
  fp = hash_mix(fp, (f.is_open ? 1u : 0u) | (f.is_overdue ? 2u : 0u));
  return hash_mix(fp, static_cast<std::uint64_t>(f.days_overdue));
}

// A page of follow-up rows: its path, what else it shows (`extra`) and its
// rows' fingerprints; 0 when the render is not incremental.
std::uint64_t rows_fingerprint(const InternalContext& ctx, const std::string& path, std::uint64_t extra,
                               const std::vector<std::size_t>& items) {
  if (!ctx.incremental) return 0;
  std::uint64_t fp = hash_mix(hash_mix(hash_mix(ctx.incremental->site, path), extra), items.size());
  for (std::size_t i : items) fp = hash_mix(fp, follow_up_fingerprint(ctx, ctx.followups.items[i]));
  return fp == 0 ? 1 : fp;
}

// The page, or the reused marker when the last render made it from the
// same fingerprint. Thread-safe when `diags` is the caller's own.
OutputFile render_rows_page(const InternalContext& ctx, std::string_view template_name, const std::string& path,
                            std::uint64_t fingerprint, Diagnostics& diags, const std::function<Json()>& make_json) {
  if (fingerprint && ctx.incremental)
    if (auto reused = ctx.incremental->reuse(path, fingerprint)) return std::move(*reused);
  Json page = make_json();
  drop_build_time(page);
  return {path, ctx.templates.render(template_name, page, diags), fingerprint};
}

// internal_urls::owner for each group; should two names still meet (same
// slug and hash), the later owner in name order gets "-x2" and so on (a
// letter: "-2" is the owner's second page, internal_urls::nth_page).
std::vector<std::string> owner_paths(const std::vector<FollowUpGroup>& groups) {
  std::set<std::string> taken;
  std::vector<std::string> out;
  for (const auto& g : groups) {
    const std::string base = internal_urls::owner(g.key);
    std::string path = base;
    for (int n = 2; taken.count(path); ++n)
      path = base.substr(0, base.size() - 5) + "-x" + std::to_string(n) + ".html";
    taken.insert(path);
    out.push_back(std::move(path));
  }
  return out;
}

// An owner's items, a page per ctx.rows_per_page(): "followups/<owner>.html",
// then "<owner>-2.html" and on. The pages are fingerprinted and, when
// changed, rendered on the thread pool: no page depends on another.
Outputs owner_pages(const InternalContext& ctx, const std::vector<std::string>& paths) {
  const auto& groups = ctx.followups.by_owner;
  struct OwnerPage {
    std::size_t group, page_no, pages;
    std::vector<std::size_t> rows;
  };
  std::vector<OwnerPage> jobs;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const std::vector<std::size_t> items = open_first(ctx, groups[g].items);
    const std::vector<PageRange> pages = even_pages(items.size(), ctx.rows_per_page());
    for (std::size_t p = 0; p < pages.size(); ++p)
      jobs.push_back({g, p + 1, pages.size(), {items.begin() + pages[p].begin, items.begin() + pages[p].end}});
  }
  return render_pages_in_parallel(jobs.size(), ctx.model.rules, ctx.diags, [&](std::size_t i, Diagnostics& d) {
    const OwnerPage& job = jobs[i];
    const FollowUpGroup& group = groups[job.group];
    const std::string& first = paths[job.group];
    const std::string name = group.key.empty() ? "(no owner)" : group.key;
    const std::string path = internal_urls::nth_page(first, job.page_no);
    const std::string counts = counts_text(group);
    const std::uint64_t extra =
        hash_mix(hash_mix(hash_mix(hash_text(name), counts), first), hash_mix(job.page_no - 1, job.pages));
    return render_rows_page(ctx, "internal_followup_owner", path, rows_fingerprint(ctx, path, extra, job.rows), d, [&] {
      Json page = internal_page_json(ctx, path, "Follow-ups of " + name + page_title_suffix(job.page_no, job.pages),
                                     InternalSection::followups);
      page["owner_name"] = name;
      page["counts"] = counts;
      page["list"] = items_json(ctx, job.rows, page["root"].get<std::string>());
      // Links between an owner's pages are to files in the same folder.
      page["pager"] = pager_json(job.page_no, job.pages, [&](std::size_t n) {
        const std::string url = internal_urls::nth_page(first, n);
        return url.substr(url.rfind('/') + 1);
      });
      return page;
    });
  });
}

// Incidents with open items first, each with its items in full; then one
// line per incident whose items are all closed. An open group weighs its
// rows, so a page holds about ctx.rows_per_page() rows of either kind.
Outputs by_incident_pages(const InternalContext& ctx) {
  // The groups in page order: open ones first.
  std::vector<const FollowUpGroup*> groups;
  std::vector<std::size_t> weights;
  std::size_t open_count = 0;
  for (int open_pass = 1; open_pass >= 0; --open_pass)
    for (const auto& g : ctx.followups.by_incident) {
      if ((g.open > 0) != (open_pass == 1)) continue;
      groups.push_back(&g);
      open_count += open_pass;
      weights.push_back(open_pass == 1 ? 2 + g.items.size() : 1);  // heading and counts, then a row per item
    }
  const auto group_json = [&](std::size_t i) {
    const FollowUpGroup& g = *groups[i];
    Json j{{"incident", incident_ref_json(ctx, g.key, "")},
           {"group_name", g.key.empty() ? "(no incident)" : g.key},
           {"anchor", "incident-" + internal_urls::segment(g.key)},
           {"counts", counts_text(g)},
           {"has_overdue", g.overdue > 0}};
    if (i < open_count) j["list"] = items_json(ctx, g.items, "");
    return j;
  };
  const std::vector<PageRange> pages = pack_pages(weights, ctx.rows_per_page());
  const std::string first{internal_urls::k_followups_by_incident};
  return render_pages_in_parallel(pages.size(), ctx.model.rules, ctx.diags, [&](std::size_t p, Diagnostics& d) {
    const std::string path = internal_urls::nth_page(first, p + 1);
    const bool last = p + 1 == pages.size();
    // Page 1 always says whether any incident has open items; the closed
    // section is on the pages that hold some, or says "None." on the last.
    const PageRange range = pages[p];
    const bool open_section = p == 0 || std::min(range.end, open_count) > range.begin;
    const bool closed_section = range.end > std::max(range.begin, open_count) || (last && open_count == groups.size());
    // What the page shows besides the rows: each group's heading and counts
    // (a closed group is one line: its items are not shown, their counts are).
    std::uint64_t extra = hash_mix(hash_mix(p, pages.size()), (open_section ? 1u : 0u) | (closed_section ? 2u : 0u));
    std::vector<std::size_t> rows;
    for (std::size_t i = pages[p].begin; i < pages[p].end; ++i) {
      const FollowUpGroup& g = *groups[i];
      extra = hash_mix(hash_mix(hash_mix(extra, g.key), counts_text(g)), hash_mix(i < open_count, g.overdue));
      if (ctx.incremental)
        if (const long k = ctx.incident_index(g.key); k >= 0)
          extra = hash_mix(extra, ctx.incremental->incidents[static_cast<std::size_t>(k)]);
      if (i < open_count) rows.insert(rows.end(), g.items.begin(), g.items.end());
    }
    return render_rows_page(ctx, "internal_followup_incidents", path, rows_fingerprint(ctx, path, extra, rows), d, [&] {
      Json page = internal_page_json(ctx, path, "Follow-ups by incident" + page_title_suffix(p + 1, pages.size()),
                                     InternalSection::followups);
      Json open = Json::array(), closed = Json::array();
      for (std::size_t i = pages[p].begin; i < pages[p].end; ++i) (i < open_count ? open : closed).push_back(group_json(i));
      page["open_section"] = open_section;
      page["closed_section"] = closed_section;
      page["open_groups"] = open;
      page["closed_groups"] = closed;
      page["pager"] = pager_json(p + 1, pages.size(), [&](std::size_t n) { return internal_urls::nth_page(first, n); });
      return page;
    });
  });
}

}  // namespace

Outputs render_internal_followups(const InternalContext& ctx) {
  const FollowUpReport& r = ctx.followups;
  const std::string path{internal_urls::k_followups};
  Json page = internal_page_json(ctx, path, "Follow-up tracker", InternalSection::followups);
  page["today"] = format_date(r.today);
  page["total"] = std::to_string(r.items.size());
  page["open"] = std::to_string(r.open);
  page["overdue_count"] = std::to_string(r.overdue);
  page["closed"] = std::to_string(r.closed);
  Json statuses = Json::array();
  for (const auto& [status, n] : r.by_status)
    statuses.push_back({{"label", status.empty() ? "(no status)" : word_label(status)}, {"count", std::to_string(n)}});
  page["statuses"] = statuses;

  // Most overdue first: the oldest promise is the one to chase.
  std::vector<std::size_t> overdue;
  for (std::size_t i = 0; i < r.items.size(); ++i)
    if (r.items[i].is_overdue) overdue.push_back(i);
  std::stable_sort(overdue.begin(), overdue.end(),
                   [&](std::size_t a, std::size_t b) { return r.items[a].days_overdue > r.items[b].days_overdue; });
  // The most overdue only, so the tracker stays one page however long items
  // are left open; the rest are on their owners' pages, overdue first.
  if (overdue.size() > ctx.rows_per_page()) {
    page["overdue_more"] = "The " + std::to_string(ctx.rows_per_page()) + " most overdue of " +
                           std::to_string(overdue.size()) +
                           " overdue items; each owner’s pages list all of theirs, overdue first.";
    overdue.resize(ctx.rows_per_page());
  }
  page["overdue"] = items_json(ctx, overdue, "");

  const std::vector<std::string> paths = owner_paths(r.by_owner);
  Json owners = Json::array();
  for (std::size_t g = 0; g < r.by_owner.size(); ++g) {
    const FollowUpGroup& group = r.by_owner[g];
    owners.push_back({{"group_name", group.key.empty() ? "(no owner)" : group.key},
                      {"url", paths[g]},
                      {"total", std::to_string(group.items.size())},
                      {"open", std::to_string(group.open)},
                      {"overdue_n", std::to_string(group.overdue)},
                      {"has_overdue", group.overdue > 0}});
  }
  page["owners"] = owners;
  Outputs out{render_internal_page(ctx, "internal_followups", path, page)};
  for (Outputs part : {owner_pages(ctx, paths), by_incident_pages(ctx)})
    for (auto& f : part) out.push_back(std::move(f));
  return out;
}

}  // namespace sitrep
