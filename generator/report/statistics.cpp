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

// Local midnight on the first day of the period, as an instant.
TimePoint period_start(int index, PeriodKind kind, TimeZone zone) {
  const int per_year = kind == PeriodKind::month ? 12 : 4;
  const int year = index >= 0 ? index / per_year : (index - per_year + 1) / per_year;
  const int within = index - year * per_year;
  const unsigned month = static_cast<unsigned>(kind == PeriodKind::month ? within : within * 3) + 1;
  return local_to_utc({year, month, 1, 0, 0, 0}, zone);
}

std::optional<TimePoint> period_time(const IncidentMetrics& m) { return m.started_at ? m.started_at : m.detected_at; }

std::optional<double> percent(std::size_t part, std::size_t whole) {
  if (whole == 0) return std::nullopt;
  return 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

// A response time over the period: the summary of the values that count,
// and the ledger of every incident (report/data_quality.h).
Summary summarize_figure(const std::vector<const IncidentMetrics*>& items, const std::vector<bool>& closed,
                         Figure figure, TimePoint now, Ledger& ledger) {
  std::vector<double> values;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Measurement m = measure_figure(*items[i], figure, closed[i], now);
    ledger.add(m.excluded_because);
    if (m.minutes) values.push_back(*m.minutes);
  }
  return summarize(std::move(values));
}

// Incidents that count in at least one response time.
std::size_t measured_incidents(const std::vector<const IncidentMetrics*>& items, const std::vector<bool>& closed,
                               TimePoint now) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < items.size(); ++i)
    for (Figure f : {Figure::time_to_acknowledge, Figure::time_to_mitigate, Figure::time_to_resolve,
                     Figure::total_duration})
      if (measure_figure(*items[i], f, closed[i], now).minutes) {
        ++n;
        break;
      }
  return n;
}

void fill_sla_ledgers(PeriodStatistics& p, const std::vector<const IncidentMetrics*>& items) {
  for (const auto* m : items) {
    const std::string why = sla_exclusion(*m);
    p.ledger.sla.add(why);
    if (m->severity_rank > 0) p.by_severity[static_cast<std::size_t>(m->severity_rank - 1)].sla_ledger.add(why);
  }
  for (auto& sev : p.by_severity) sev.few_measured = sev.sla_ledger.few();
}

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

PeriodStatistics period_statistics(const Model& model, const std::vector<IncidentMetrics>& metrics,
                                   std::vector<std::size_t> indexes, TimePoint now) {
  const SeverityPolicy& policy = model.severity;
  PeriodStatistics p;
  std::vector<const IncidentMetrics*> items;
  std::vector<bool> closed;
  for (std::size_t i : indexes) {
    items.push_back(&metrics[i]);
    closed.push_back(closed_at(model, metrics[i], now));
  }
  p.incidents = std::move(indexes);
  p.total_incidents = items.size();
  for (std::size_t l = 0; l < policy.levels.size(); ++l) {
    SeverityStats& sev = p.by_severity.emplace_back();
    sev.severity = policy.levels[l].id;
    sev.rank = static_cast<int>(l) + 1;
  }
  p.by_type = type_counts(policy, items);
  p.time_to_acknowledge =
      summarize_figure(items, closed, Figure::time_to_acknowledge, now, p.ledger.time_to_acknowledge);
  p.time_to_mitigate = summarize_figure(items, closed, Figure::time_to_mitigate, now, p.ledger.time_to_mitigate);
  p.time_to_resolve = summarize_figure(items, closed, Figure::time_to_resolve, now, p.ledger.time_to_resolve);
  p.total_duration = summarize_figure(items, closed, Figure::total_duration, now, p.ledger.total_duration);
  p.measured_incidents = measured_incidents(items, closed, now);
  p.few_measured = p.measured_incidents < k_min_trend_sample;

  std::size_t most_severe = 0;
  double downtime = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const IncidentMetrics* m = items[i];
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
    // total_duration starts at Incident::effective_detected_at(), the one
    // detected_at -> started_at fallback.
    const auto& d = m->total_duration;
    // Left out when still open, a start is missing or it ends before it starts.
    const std::string why = downtime_exclusion(*m, d, closed[i], now);
    p.ledger.downtime.add(why);
    if (why.empty()) downtime += to_minutes(*d);
    else ++p.downtime_unknown;
  }
  fill_sla_ledgers(p, items);
  for (auto& sev : p.by_severity) sev.sla_compliance_rate = percent(sev.sla_met, sev.sla_decided);
  p.sla_compliance_rate = percent(p.sla_met, p.sla_decided);
  if (most_severe == 0) p.downtime_minutes = 0.0;
  else if (p.downtime_unknown < most_severe) p.downtime_minutes = downtime;
  p.top_root_causes = top_root_causes(items);
  return p;
}

// The previous period's incidents that started within `span` of its local
// start: a to-date period has run for `span` so far, and its change compares
// like with like. A previous period shorter than the span (February against
// 31 March) counts whole.
std::size_t count_within(const std::vector<IncidentMetrics>& metrics, const PeriodStatistics& previous,
                         TimePoint previous_start, Seconds span) {
  std::size_t n = 0;
  for (std::size_t i : previous.incidents)
    if (const auto t = period_time(metrics[i]); t && *t < previous_start + span) ++n;
  return n;
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
    const int index = lo + static_cast<int>(b);
    PeriodStatistics p = period_statistics(model, metrics, std::move(buckets[b]), now);
    p.period = index_name(index, kind);
    p.to_date = index == now_index;
    if (!out.empty()) p.compared_incidents = out.back().total_incidents;
    if (p.to_date && !out.empty()) {
      p.compared_span = std::chrono::duration_cast<Seconds>(now - period_start(index, kind, zone));
      p.compared_incidents = count_within(metrics, out.back(), period_start(index - 1, kind, zone), *p.compared_span);
    }
    if (!out.empty() && !out.back().to_date && p.compared_incidents > 0) {
      const double prev = static_cast<double>(p.compared_incidents);
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
