#include "render/range_view.h"

#include <cmath>

#include "render/format.h"
#include "render/json_number.h"

namespace maaltal {

using Json = nlohmann::json;

namespace {

Json number(double v) { return json_number(v); }

// The lower end without its unit ("20,5"): the range reads "20,5–60,0 %".
std::string bare_percent(double fraction, int decimals, const Locale& locale) {
  return format_number(round_half_up(fraction * 100, decimals), decimals, locale.code());
}

// "20,5 %" never broken across lines: a no-break space before the per cent sign.
std::string unbroken(std::string text) {
  const std::string space_percent = " %";
  const std::string nbsp_percent = "\u00a0%";
  for (auto pos = text.find(space_percent); pos != std::string::npos; pos = text.find(space_percent, pos)) {
    text.replace(pos, space_percent.size(), nbsp_percent);
  }
  return text;
}

}  // namespace

Json range_json(const std::optional<Range>& range) {
  if (!range) return nullptr;
  return {{"min", number(range->min)},       {"min_code", range->min_code}, {"min_name", range->min_name},
          {"max", number(range->max)},       {"max_code", range->max_code}, {"max_name", range->max_name},
          {"n", range->n}};
}

std::string percent_range_text(const std::optional<Range>& range, int decimals, const Locale& locale) {
  if (!range) return "";
  return unbroken(locale.fill("range_short", {{"min", bare_percent(range->min, decimals, locale)},
                                              {"max", format_percent(range->max, decimals, locale.code())}}));
}

Json percent_range_view(const std::optional<Range>& range, int decimals, const Locale& locale) {
  if (!range) return {{"has_range", false}, {"text", ""}, {"spoken", ""}, {"names", ""}, {"n", ""}};
  std::string min = unbroken(format_percent(range->min, decimals, locale.code()));
  std::string max = unbroken(format_percent(range->max, decimals, locale.code()));
  return {{"has_range", true},
          {"text", percent_range_text(range, decimals, locale)},
          {"spoken", locale.fill("range_spoken", {{"min", bare_percent(range->min, decimals, locale)}, {"max", max}})},
          {"names", locale.fill("range_names", {{"min_name", range->min_name},
                                                {"min", min},
                                                {"max_name", range->max_name},
                                                {"max", max}})},
          {"n", locale.fill("range_n", {{"n", std::to_string(range->n)}})}};
}

Json funnel_ranges_view(const Report& report, const FunnelReport& funnel, const Locale& locale) {
  Json ranges = Json::array();
  const auto& conversion = funnel.total.conversion_range;
  for (std::size_t k = 1; k < funnel.stages.size() && k < conversion.size(); ++k) {
    if (!conversion[k]) continue;
    Json view = percent_range_view(conversion[k], report.project.percent_decimals, locale);
    view["label"] = report.label_of(funnel.stages[k]);
    ranges.push_back(view);
  }
  return ranges;
}

std::string range_note(const Report& report, const Locale& locale) {
  std::string note = locale.get("range_note");
  if (report.audience == Audience::kPublic) note += " " + locale.get("range_note_public");
  return note;
}

}  // namespace maaltal
