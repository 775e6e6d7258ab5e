// Ranges across municipalities (compute/ranges.h) as the outputs show them:
// "20,5–60,0 %" beside the total, "lavest Haderslev 20,5 %, højest Kolding
// 60,0 %" where there is room, "fra 20,5 til 60,0 %" for speech (a screen
// reader must hear words, not a dash between numbers), and summary.json's
// `range` object. Formats only what the Report holds.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/range.h"
#include "core/report.h"
#include "render/locale.h"

namespace maaltal {

// {"min", "min_code", "min_name", "max", "max_code", "max_name", "n"}, or null.
nlohmann::json range_json(const std::optional<Range>& range);

// The range of a per-cent figure (fractions, as a ratio or attainment is held)
// for the templates: has_range, text ("20,5–60,0 %"), spoken ("fra 20,5 til
// 60,0 %"), names ("lavest Haderslev 20,5 %, højest Kolding 60,0 %"), n ("11 kommuner
// med et tal").
// Every key is there, empty, without a range.
nlohmann::json percent_range_view(const std::optional<Range>& range, int decimals, const Locale& locale);

// "20,5–60,0 %" (or "" without a range): the short form for a table cell.
std::string percent_range_text(const std::optional<Range>& range, int decimals, const Locale& locale);

// A funnel's conversion ranges, stage by stage, for a sentence below its
// table: [{label ("Visiteret"), text, spoken, names, n}] for stages with a range.
nlohmann::json funnel_ranges_view(const Report& report, const FunnelReport& funnel, const Locale& locale);

// How ranges are made, for the sources section: the rules, and in a public
// report that only the figures shown take part.
std::string range_note(const Report& report, const Locale& locale);

}  // namespace maaltal
