#include "report/statistics.h"

#include <algorithm>
#include <cstdio>
#include <map>

namespace sitrep {
namespace {

// Periods as consecutive integers, so the axis can be filled without gaps.
int period_index(Day d, PeriodKind kind) {
  const std::chrono::year_month_day ymd{d};
  const int year = static_cast<int>(ymd.year());
  const int month0 = static_cast<int>(static_cast<unsigned>(ymd.month())) - 1;
  return kind == PeriodKind::month ? year * 12 + month0 : year * 4 + month0 / 3;
}

std::string index_name(int index, PeriodKind kind) {
  const int per_year = kind == PeriodKind::month ? 12 : 4;
  // Floor division: years before 0 do not occur, but keep the maths honest.
  const int year = index >= 0 ? index / per_year : (index - per_year + 1) / per_year;
  const int within = index - year * per_year + 1;
  char buf[32];
  if (kind == PeriodKind::month) std::snprintf(buf, sizeof buf, "%04d-%02d", year, within);
  else std::snprintf(buf, sizeof buf, "%04d-Q%d", year, within);
  return buf;
}

std::optional<TimePoint> period_time(const IncidentMetrics& m) { return m.started_at ? m.started_at : m.detected_at; }

std::optional<double> percent(std::size_t part, std::size_t whole) {
  if (whole == 0) return std::nullopt;
  return 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

Summary summarize_field(const std::vector<const IncidentMetrics*>& items,
                        std::optional<Seconds> IncidentMetrics::*field) {
  std::vector<double> values;
  for (const auto* m : items)
    if (const auto& v = m->*field) values.push_back(to_minutes(*v));
  return summarize(std::move(values));
}

// total_duration starts at Incident::effective_detected_at(), the one
// detected_at -> started_at fallback.
std::optional<Seconds> downtime_of(const IncidentMetrics& m) { return m.total_duration; }

std::vector<NameCount> top_root_causes(const std::vector<const IncidentMetrics*>& items) {
  std::map<std::string, std::size_t> counts;
  for (const auto* m : items)
    if (!m->root_cause_category.empty()) ++counts[m->root_cause_category];
  std::vector<NameCount> out;
  for (const auto& [name, n] : counts) out.push_back({name, n});
  // stable_sort over the name-ordered map keeps ties in name order.
  std::stable_sort(out.begin(), out.end(), [](const NameCount& a, const NameCount& b) { return a.count > b.count; });
  if (out.size() > 5) out.resize(5);
  return out;
}

std::vector<NameCount> type_counts(const SeverityPolicy& policy, const std::vector<const IncidentMetrics*>& items) {
  std::vector<NameCount> out;
  for (const auto& t : policy.incident_types) out.push_back({t, 0});
  std::map<std::string, std::size_t> unknown;
  for (const auto* m : items) {
    auto it = std::find_if(out.begin(), out.end(), [&](const NameCount& c) { return c.name == m->incident_type; });
    if (it != out.end()) ++it->count;
    else ++unknown[m->incident_type];
  }
  for (const auto& [name, n] : unknown) out.push_back({name, n});
  return out;
}

PeriodStatistics period_statistics(const SeverityPolicy& policy, const std::vector<IncidentMetrics>& metrics,
                                   std::vector<std::size_t> indexes) {
  PeriodStatistics p;
  std::vector<const IncidentMetrics*> items;
  for (std::size_t i : indexes) items.push_back(&metrics[i]);
  p.incidents = std::move(indexes);
  p.total_incidents = items.size();
  for (std::size_t l = 0; l < policy.levels.size(); ++l)
    p.by_severity.push_back({policy.levels[l].id, static_cast<int>(l) + 1, 0, 0, 0, std::nullopt});
  p.by_type = type_counts(policy, items);
  p.time_to_acknowledge = summarize_field(items, &IncidentMetrics::time_to_acknowledge);
  p.time_to_mitigate = summarize_field(items, &IncidentMetrics::time_to_mitigate);
  p.time_to_resolve = summarize_field(items, &IncidentMetrics::time_to_resolve);
  p.total_duration = summarize_field(items, &IncidentMetrics::total_duration);

  std::size_t most_severe = 0;
  double downtime = 0;
  for (const auto* m : items) {
    SeverityStats* sev = m->severity_rank > 0 ? &p.by_severity[static_cast<std::size_t>(m->severity_rank - 1)] : nullptr;
    if (sev) ++sev->count;
    if (m->sla.overall == ClockState::not_measurable) {
      ++p.sla_not_measurable;
      if (sev) ++sev->sla_not_measurable;
    }
    if (m->sla.overall_met) {
      ++p.sla_decided;
      p.sla_met += *m->sla.overall_met ? 1 : 0;
      if (sev) {
        ++sev->sla_decided;
        sev->sla_met += *m->sla.overall_met ? 1 : 0;
      }
    }
    if (m->severity_rank != 1) continue;
    ++most_severe;
    if (const auto d = downtime_of(*m)) downtime += to_minutes(*d);
    else ++p.downtime_unknown;
  }
  for (auto& sev : p.by_severity) sev.sla_compliance_rate = percent(sev.sla_met, sev.sla_decided);
  p.sla_compliance_rate = percent(p.sla_met, p.sla_decided);
  if (most_severe == 0) p.downtime_minutes = 0.0;
  else if (p.downtime_unknown < most_severe) p.downtime_minutes = downtime;
  p.top_root_causes = top_root_causes(items);
  return p;
}

std::vector<PeriodStatistics> periods(const Model& model, const std::vector<IncidentMetrics>& metrics, TimePoint now,
                                      PeriodKind kind) {
  const TimeZone zone = model.site.time_zone;
  const int now_index = period_index(local_day(now, zone), kind);
  std::vector<std::pair<int, std::size_t>> dated;  // (period, metrics index)
  int lo = now_index, hi = now_index;
  for (std::size_t i = 0; i < metrics.size(); ++i) {
    const auto t = period_time(metrics[i]);
    if (!t) continue;
    const int index = period_index(local_day(*t, zone), kind);
    lo = std::min(lo, index);
    hi = std::max(hi, index);  // a future-dated incident still gets its period
    dated.emplace_back(index, i);
  }
  std::vector<std::vector<std::size_t>> buckets(static_cast<std::size_t>(hi - lo + 1));
  for (const auto& [index, i] : dated) buckets[static_cast<std::size_t>(index - lo)].push_back(i);

  std::vector<PeriodStatistics> out;
  out.reserve(buckets.size());
  for (std::size_t b = 0; b < buckets.size(); ++b) {
    PeriodStatistics p = period_statistics(model.severity, metrics, std::move(buckets[b]));
    p.period = index_name(lo + static_cast<int>(b), kind);
    if (!out.empty() && out.back().total_incidents > 0) {
      const double prev = static_cast<double>(out.back().total_incidents);
      p.change_percent = (static_cast<double>(p.total_incidents) - prev) * 100.0 / prev;
    }
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace

std::optional<double> nearest_rank(const std::vector<double>& sorted, int pct) {
  if (sorted.empty()) return std::nullopt;
  const std::size_t n = sorted.size();
  // ceil(pct * n / 100) in integers, at least rank 1.
  const std::size_t rank = std::max<std::size_t>(1, (static_cast<std::size_t>(pct) * n + 99) / 100);
  return sorted[std::min(rank, n) - 1];
}

Summary summarize(std::vector<double> values) {
  Summary s;
  s.count = values.size();
  if (values.empty()) return s;
  std::sort(values.begin(), values.end());
  double sum = 0;
  for (double v : values) sum += v;
  s.mean = sum / static_cast<double>(values.size());
  const std::size_t mid = values.size() / 2;
  s.median = values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2.0;
  s.p90 = nearest_rank(values, 90);
  return s;
}

std::string period_name(Day d, PeriodKind kind) { return index_name(period_index(d, kind), kind); }

Statistics compute_statistics(const Model& model, const std::vector<IncidentMetrics>& metrics, TimePoint now) {
  Statistics s;
  s.monthly = periods(model, metrics, now, PeriodKind::month);
  s.quarterly = periods(model, metrics, now, PeriodKind::quarter);
  for (const auto& m : metrics)
    if (!period_time(m)) ++s.undated;
  return s;
}

}  // namespace sitrep
