#include "compute/compute.h"

#include <algorithm>
#include <map>

#include "core/collate.h"

namespace maaltal {

Date resolve_as_of(const Dataset& dataset, const std::optional<Date>& requested) {
  if (requested) return *requested;
  if (dataset.project.as_of) return *dataset.project.as_of;
  std::optional<Date> latest;
  for (const auto& r : dataset.registrations) {
    for (const auto& d : r.dates) {
      if (d && (!latest || *d > *latest)) latest = d;
    }
  }
  return latest.value_or(dataset.project.info.start);
}

namespace {

bool passes_filters(const Registration& r, const Indicator& ind, const RecordSchema& schema) {
  for (const auto& filter : ind.filters) {
    const std::string& value = r.categories[static_cast<std::size_t>(schema.category_index(filter.field))];
    if (std::find(filter.values.begin(), filter.values.end(), value) == filter.values.end()) return false;
  }
  return true;
}

// Distinct participants per municipality for each count indicator. Readers
// keep one record per participant and municipality, so a record is a person.
std::map<std::string, std::vector<double>> count_participants(const Dataset& dataset, Date as_of) {
  const auto& indicators = dataset.project.indicators;
  std::map<std::string, std::vector<double>> counts;
  for (const auto& code : dataset.project.unit_codes) counts[code].assign(indicators.size(), 0.0);
  for (const auto& r : dataset.registrations) {
    auto& unit_counts = counts[r.unit_code];
    for (std::size_t i = 0; i < indicators.size(); ++i) {
      const Indicator& ind = indicators[i];
      if (ind.kind != IndicatorKind::kCount) continue;
      const auto& date = r.dates[static_cast<std::size_t>(dataset.schema.date_index(ind.date_field))];
      if (date && *date <= as_of && passes_filters(r, ind, dataset.schema)) unit_counts[i] += 1;
    }
  }
  return counts;
}

std::optional<double> divide(std::optional<double> a, std::optional<double> b) {
  if (!a || !b || *b == 0) return std::nullopt;
  return *a / *b;
}

// Fills sums and ratios from the counts; indicators only refer to earlier ones.
void derive(const std::vector<Indicator>& indicators, const Project& project, std::vector<Figure>& values) {
  for (std::size_t i = 0; i < indicators.size(); ++i) {
    const Indicator& ind = indicators[i];
    if (ind.kind == IndicatorKind::kSum) {
      double sum = 0;
      for (const auto& term : ind.terms)
        sum += values[static_cast<std::size_t>(project.indicator_index(term))].actual.value_or(0);
      values[i].actual = sum;
    } else if (ind.kind == IndicatorKind::kRatio) {
      values[i].actual = divide(values[static_cast<std::size_t>(project.indicator_index(ind.numerator))].actual,
                                values[static_cast<std::size_t>(project.indicator_index(ind.denominator))].actual);
    }
  }
}

void set_attainment(std::vector<Figure>& values) {
  for (auto& v : values) v.attainment = divide(v.actual, v.target);
}

UnitFigures unit_figures(const Dataset& dataset, const std::string& code, const std::vector<double>& counts) {
  const Project& project = dataset.project;
  UnitFigures unit{code, project.unit_names.at(code), {}};
  unit.values.resize(project.indicators.size());
  for (std::size_t i = 0; i < project.indicators.size(); ++i) {
    if (project.indicators[i].kind == IndicatorKind::kCount) unit.values[i].actual = counts[i];
  }
  derive(project.indicators, project, unit.values);
  for (const auto& t : project.targets) {
    if (t.unit_code == code)
      unit.values[static_cast<std::size_t>(project.indicator_index(t.indicator))].target = t.value;
  }
  set_attainment(unit.values);
  return unit;
}

// The total: counts summed over municipalities, then sums and ratios derived
// from those sums (392/480, not a mean of percentages). Targets: the stated
// project total, else the sum of the municipalities' targets.
UnitFigures total_figures(const Dataset& dataset, const std::vector<UnitFigures>& units) {
  const Project& project = dataset.project;
  UnitFigures total{"", "", {}};
  total.values.resize(project.indicators.size());
  for (std::size_t i = 0; i < project.indicators.size(); ++i) {
    const Indicator& ind = project.indicators[i];
    if (ind.kind == IndicatorKind::kCount) {
      double sum = 0;
      for (const auto& u : units) sum += u.values[i].actual.value_or(0);
      total.values[i].actual = sum;
    }
    if (auto it = project.total_targets.find(ind.id); it != project.total_targets.end()) {
      total.values[i].target = it->second;
    } else if (ind.kind != IndicatorKind::kRatio) {
      for (const auto& u : units) {
        if (u.values[i].target) total.values[i].target = total.values[i].target.value_or(0) + *u.values[i].target;
      }
    }
  }
  derive(project.indicators, project, total.values);
  set_attainment(total.values);
  return total;
}

IndicatorInfo info_of(const Indicator& ind) {
  return {ind.id,      ind.label, ind.description, ind.kind,       ind.date_field,
          ind.filters, ind.terms, ind.numerator,   ind.denominator};
}

}  // namespace

Report compute_report(const Dataset& dataset, const ComputeOptions& options) {
  Report report;
  report.generator_version = options.generator_version;
  report.project = dataset.project.info;
  report.as_of = resolve_as_of(dataset, options.as_of);
  report.generated_at = options.generated_at;
  report.input_files = dataset.project.input_files;
  for (const auto& ind : dataset.project.indicators) report.indicators.push_back(info_of(ind));

  auto counts = count_participants(dataset, report.as_of);
  for (const auto& code : dataset.project.unit_codes) report.units.push_back(unit_figures(dataset, code, counts[code]));
  Collator collator(report.project.locale);
  std::stable_sort(report.units.begin(), report.units.end(),
                   [&](const UnitFigures& a, const UnitFigures& b) { return collator.less(a.name, b.name); });
  report.total = total_figures(dataset, report.units);

  report.data_quality.rows_read = dataset.rows_read;
  report.data_quality.rows_rejected = dataset.rows_rejected;
  report.data_quality.rows_counted = dataset.rows_read - dataset.rows_rejected;
  return report;
}

}  // namespace maaltal
