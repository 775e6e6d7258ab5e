// The view model shared by the text templates: the Report with every figure
// already rounded, formatted and worded in the report's locale. Templates hold
// no logic, so everything a template shows is prepared here.
#pragma once
#include <nlohmann/json.hpp>

#include "core/report.h"
#include "render/locale.h"

namespace maaltal {

nlohmann::json build_view(const Report& report, const Locale& locale);

// "the latest date in the data, registrations.csv line 118" when the data set
// the as-of date, else "".
std::string as_of_source_text(const Report& report, const Locale& locale);

// The headline tile of indicator `i` for a municipality or the total: value,
// detail, attainment, status, expected and forecast in words.
nlohmann::json headline_view(const Report& report, const UnitFigures& unit, std::size_t i, const Locale& locale);

// "Since the last report" (with --previous): a heading with the previous
// report's as-of date and what moved, of `only` (one municipality's page) or
// of the total then every municipality; "shown" false without changes.
nlohmann::json dashboard_changes_view(const Report& report, const UnitFigures* only, const Locale& locale);

// A table row of indicator `i` for a municipality or the total: name, target,
// actual, attainment, expected, forecast, status (and its code), sentence.
nlohmann::json figure_view(const Report& report, std::size_t i, const UnitFigures& unit, const Locale& locale);

// "a, b og c": words joined by commas and `last_joiner` before the last.
// The lang attribute of a project's own text on a page in `page_language`:
// a text given once is Danish (the project's language); one given per
// language is in the language chosen for the page (its own, else Danish,
// else the first given: Translations::in). Empty in the page's language, so
// an English label on a Danish page is lang="en", a Danish one on an English
// page lang="da", and an English one there has none.
std::string own_lang_attr(const Translations& texts, const std::string& page_language);

std::string join_words(const std::vector<std::string>& words, const std::string& last_joiner);

// The name a row is shown under: the municipality's, or the locale's word
// for the total ("I alt") for the row without a code.
std::string row_name(const std::string& code, const std::string& name, const Locale& locale);

// A figure as shown in tables: counts as "1.017", ratios and attainment as
// "73 %", a missing value as the locale's "not_set" mark.
// In a public output, the mark of a hidden count: "<5", or "skjult" for one
// hidden to protect a small one.
std::string hidden_mark(const Report& report, Hidden hidden, const Locale& locale);
// "under 5": the words for "<5", for speech and for sentences.
std::string hidden_mark_spoken(const Report& report, const Locale& locale);
// `text` with every "<5" in words ("Fanø: under 5 af 2"), for a chart's description.
std::string with_spoken_marks(const Report& report, std::string text, const Locale& locale);
std::string format_actual(const Report& report, std::size_t indicator, const Figure& f, const Locale& locale);
std::string format_target(const Report& report, std::size_t indicator, const Figure& f, const Locale& locale);
std::string format_attainment(const Report& report, const Figure& f, const Locale& locale);
// Expected-by-now, gap and forecast: whole counts ("46"), or per cent for ratios.
std::string format_estimate(const Report& report, std::size_t indicator, std::optional<double> value,
                            const Locale& locale);
// The status in words ("på sporet"), or the not-set mark without a target.
std::string format_status(const Figure& f, const Locale& locale);

// "52 af 50 (104 %)", or "52" without a target.
std::string figure_sentence(const Report& report, std::size_t i, const Figure& f, const Locale& locale);

// How an indicator is counted, in words: the rule behind its number.
std::string counting_rule(const Report& report, const Indicator& ind, const Locale& locale);

// Per indicator: label, definition, numerator, denominator and counting rule.
nlohmann::json definitions_view(const Report& report, const Locale& locale);

// How the report defines an indicator, in words ("Antal borgere med ...").
std::string indicator_definition(const Report& report, const Indicator& ind, const Locale& locale);

}  // namespace maaltal
