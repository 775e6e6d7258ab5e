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

int Project::duration_index(const std::string& id) const {
  for (std::size_t i = 0; i < durations.size(); ++i) {
    if (durations[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

std::string Project::column_for(const std::string& field) const {
  auto it = registrations.columns.find(field);
  return it == registrations.columns.end() ? field : it->second;
}

const std::string& Translations::in(const std::string& language) const {
  auto it = texts.find(language);
  if (it == texts.end()) it = texts.find("da");
  if (it == texts.end()) it = texts.begin();
  return it->second;
}

std::vector<std::string> choose_language(Project& project, const std::string& language) {
  std::vector<std::string> lacking;
  auto choose = [&](std::string& text, const Translations& translations) {
    if (translations.texts.empty()) return;
    text = translations.in(language);
    if (!translations.texts.contains(language)) lacking.push_back(translations.pointer);
  };
  choose(project.info.title, project.info.title_texts);
  for (auto& ind : project.indicators) choose(ind.label, ind.label_texts);
  for (auto& d : project.durations) choose(d.label, d.label_texts);
  for (auto& funnel : project.funnels) choose(funnel.label, funnel.label_texts);
  for (auto& b : project.breakdowns) {
    choose(b.label, b.label_texts);
    for (std::size_t k = 0; k < b.age_bands.size(); ++k) {
      choose(b.age_bands[k].label, b.age_bands[k].label_texts);
      b.categories[k] = b.age_bands[k].label;  // an age band's category is its label
    }
  }
  return lacking;
}

}  // namespace maaltal
