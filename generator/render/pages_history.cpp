// The history archive: paginated pages of every public incident, newest
// first, under month headings; and pages per month, as many as a busy
// month needs at history_per_page incidents each, so no page grows with
// how many incidents a month had.
#include <map>

#include "render/page_parts.h"
#include "render/pages.h"
#include "render/parallel_pages.h"
#include "render/urls.h"

namespace sitrep {
namespace {

std::string month_key(const RenderContext& ctx, TimePoint t) {
  return format_in_zone(t, ctx.site().time_zone, "%Y-%m");
}
std::string month_name(const RenderContext& ctx, TimePoint t) {
  return format_in_zone(t, ctx.site().time_zone, "%B %Y");
}

// Incidents (already newest first) grouped under consecutive month headings.
Json months_json(const RenderContext& ctx, const std::vector<const PublicIncident*>& items, const std::string& root) {
  Json months = Json::array();
  std::string current;
  for (const PublicIncident* p : items) {
    const TimePoint t = *p->incident->started_at;
    if (month_key(ctx, t) != current) {
      current = month_key(ctx, t);
      months.push_back({{"name", month_name(ctx, t)}, {"url", root + urls::history_month(current)}, {"incidents", Json::array()}});
    }
    months.back()["incidents"].push_back(incident_summary_json(ctx, *p, root));
  }
  return months;
}


}  // namespace

Outputs render_history(const RenderContext& shared) {
  const auto& all = shared.view.incidents;
  const std::size_t per_page = static_cast<std::size_t>(shared.site().history_per_page);
  const std::size_t pages = std::max<std::size_t>(1, (all.size() + per_page - 1) / per_page);
  // Archive pages change only with their incidents: no build time (see page_json).
  Outputs out = render_pages_in_parallel(pages, shared.model.rules, shared.diags, [&](std::size_t i, Diagnostics& d) {
    const RenderContext ctx{shared.model, shared.view, shared.templates, d, shared.incremental, shared.assets};
    const std::size_t page_no = i + 1;
    const std::string path = urls::file_of(urls::history_page(static_cast<int>(page_no)));
    std::vector<const PublicIncident*> items;
    for (std::size_t k = i * per_page; k < std::min(all.size(), page_no * per_page); ++k) items.push_back(&all[k]);
    std::uint64_t fingerprint = 0;
    if (auto reused = reuse_page(ctx, path, items, pages, fingerprint)) return std::move(*reused);
    Json page = page_json(ctx, path, "Incident history", false);
    const std::string root = page["root"];
    page["months"] = months_json(ctx, items, root);
    page["empty"] = all.empty();
    page["pagination"] = {{"page", page_no}, {"pages", pages}};
    if (page_no > 1) page["pagination"]["newer"] = root + urls::history_page(static_cast<int>(page_no - 1));
    if (page_no < pages) page["pagination"]["older"] = root + urls::history_page(static_cast<int>(page_no + 1));
    OutputFile file = render_page(ctx, "history", path, std::move(page));
    file.fingerprint = fingerprint;
    // Each incident's summary shows its latest update, read through the
    // load cache's mapping (model/shared_text.h), and the archive lists
    // every incident: each page lets the mapping's pages go once it is
    // made (one call a page: letting go of each message's own pages, a TLB
    // flush on every core each time, took a quarter of a second at 10 000).
    ctx.model.let_go_of_texts();
    return file;
  });
  // Month pages, cut like the archive.
  std::map<std::string, std::vector<const PublicIncident*>, std::greater<>> by_month;
  for (const auto& p : all) by_month[month_key(shared, *p.incident->started_at)].push_back(&p);
  struct MonthPage {
    std::string key;
    std::vector<const PublicIncident*> items;
    int page_no = 1, pages = 1;
  };
  std::vector<MonthPage> months;
  for (const auto& [key, items] : by_month) {
    const int month_pages = static_cast<int>((items.size() + per_page - 1) / per_page);
    for (int n = 1; n <= month_pages; ++n) {
      const auto begin = items.begin() + static_cast<std::ptrdiff_t>((n - 1) * per_page);
      const auto end = items.begin() + static_cast<std::ptrdiff_t>(std::min(items.size(), n * per_page));
      months.push_back({key, {begin, end}, n, month_pages});
    }
  }
  Outputs month_pages =
      render_pages_in_parallel(months.size(), shared.model.rules, shared.diags, [&](std::size_t i, Diagnostics& d) {
        const RenderContext ctx{shared.model, shared.view, shared.templates, d, shared.incremental, shared.assets};
        const MonthPage& job = months[i];
        const std::string path = urls::file_of(urls::history_month_page(job.key, job.page_no));
        std::uint64_t fingerprint = 0;
        if (auto reused = reuse_page(ctx, path, job.items, static_cast<std::size_t>(job.pages), fingerprint))
          return std::move(*reused);
        Json page =
            page_json(ctx, path, "Incidents in " + month_name(ctx, *job.items.front()->incident->started_at), false);
        const std::string root = page["root"];
        page["months"] = months_json(ctx, job.items, root);
        page["archive"] = root + urls::history_page(1);
        if (job.pages > 1) {
          page["pagination"] = {{"page", job.page_no}, {"pages", job.pages}};
          if (job.page_no > 1) page["pagination"]["newer"] = root + urls::history_month_page(job.key, job.page_no - 1);
          if (job.page_no < job.pages) page["pagination"]["older"] = root + urls::history_month_page(job.key, job.page_no + 1);
        }
        OutputFile file = render_page(ctx, "history", path, std::move(page));
        file.fingerprint = fingerprint;
        ctx.model.let_go_of_texts();  // as the archive's pages
        return file;
      });
  out.insert(out.end(), std::make_move_iterator(month_pages.begin()), std::make_move_iterator(month_pages.end()));
  return out;
}

Outputs render_site_files(const RenderContext& ctx, const std::vector<std::string>& page_paths) {
  Outputs out;
  // 404.html is served from any depth, so its links start from the site's
  // root path: same origin, whatever the depth (base_url would name the
  // production host, and a preview or mirror would load another origin's CSS).
  Json notfound = page_json(ctx, "404.html", "Page not found");
  const std::string root = urls::root_path(ctx.site().base_url);
  notfound["root"] = root;
  notfound["feeds"] = {{"atom", root + std::string{urls::k_atom}}, {"rss", root + std::string{urls::k_rss}}};
  notfound["calendar"] = root + std::string{urls::k_calendar};
  out.push_back(render_page(ctx, "404", "404.html", notfound));

  Json urls_list = Json::array();
  for (const auto& path : page_paths) {
    std::string url = path;
    if (url.size() >= 10 && url.compare(url.size() - 10, 10, "index.html") == 0) url.resize(url.size() - 10);
    urls_list.push_back({{"loc", urls::absolute(ctx.site().base_url, url)}});
  }
  out.push_back(render_page(ctx, "sitemap", "sitemap.xml", Json{{"urls", urls_list}}));
  out.push_back(render_page(ctx, "robots", "robots.txt",
                            Json{{"sitemap", urls::absolute(ctx.site().base_url, "sitemap.xml")}}));
  return out;
}

}  // namespace sitrep
