#include "core/project.h"

#include "core/text.h"

namespace maaltal {

std::optional<bool> BooleanWords::read(std::string_view value) const {
  std::string lower = fold_case(value);
  auto in = [&](const std::vector<std::string>& words) {
    for (const auto& w : words) {
      if (w == lower) return true;
    }
    return false;
  };
  if (in(yes)) return true;
  if (in(no)) return false;
  return std::nullopt;
}

const char* audience_name(Audience audience) { return audience == Audience::kPublic ? "public" : "internal"; }

std::optional<Audience> parse_audience(std::string_view name) {
  if (name == "public") return Audience::kPublic;
  if (name == "internal") return Audience::kInternal;
  return std::nullopt;
}

const char* kind_name(IndicatorKind kind) {
  switch (kind) {
    case IndicatorKind::kCount:
      return "count";
    case IndicatorKind::kSum:
      return "sum";
    case IndicatorKind::kRatio:
      return "ratio";
  }
  return "count";
}

const char* aggregation_name(Aggregation aggregation) {
  switch (aggregation) {
    case Aggregation::kSum:
      return "sum";
    case Aggregation::kMean:
      return "mean";
    case Aggregation::kMeanCapped:
      return "mean_capped";
  }
  return "sum";
}

std::vector<const FieldFilter*> Indicator::conditions() const {
  std::vector<const FieldFilter*> all;
  for (const auto& f : filters) all.push_back(&f);
  for (const auto& alternative : any) {
    for (const auto& f : alternative) all.push_back(&f);
  }
  return all;
}

int find_indicator(const std::vector<Indicator>& indicators, const std::string& id) {
  for (std::size_t i = 0; i < indicators.size(); ++i) {
    if (indicators[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

std::string Project::column_for(const std::string& field) const {
  auto it = registrations.columns.find(field);
  return it == registrations.columns.end() ? field : it->second;
}

}  // namespace maaltal
