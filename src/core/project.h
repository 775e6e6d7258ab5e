// The project definition as read from project.json: who, when, which
// municipalities, which indicators and targets, and where the registrations
// are. Plain values; readers fill it, nothing here reads or computes.
#pragma once
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/project_defaults.h"
#include "core/reconciliation.h"
#include "core/surveys.h"

namespace maaltal {

// A file the report was made from: its name as the user gave it, and the
// SHA-256 of its bytes.
struct InputFile {
  std::string name;
  std::string sha256;
  std::string encoding = "utf-8";  // as read: utf-8, utf-16 or windows-1252
};

// A label project.json gives per language, {"da": "Visiterede", "en":
// "Referred"}: the texts by language code, and where it stands. Empty for a
// plain text, which serves every language.
struct Translations {
  std::map<std::string, std::string> texts;
  std::string pointer;  // JSON Pointer into project.json

  // The text for `language`: its own, else Danish (the default language),
  // else the first given.
  const std::string& in(const std::string& language) const;
};

struct ProjectInfo {
  std::string id;
  std::string title;
  std::string owner;
  std::string funder;
  std::string pool;
  Date start;
  Date end;
  std::string locale = "da";
  int percent_decimals = 0;  // decimals of percentages in human-facing outputs
  Translations title_texts;  // when given per language
};

enum class IndicatorKind { kCount, kSum, kRatio };

// How the project total's attainment is made from the municipalities'.
enum class Aggregation {
  kSum,         // summed actuals / summed targets (the default)
  kMean,        // the mean of the municipalities' attainment
  kMeanCapped,  // the same, each capped at 100 % first
};

const char* aggregation_name(Aggregation aggregation);  // "sum", "mean", "mean_capped"

// When a municipality is "on track", and how the forecast is made. The
// defaults are config/project-defaults.json's "progress".
struct ProgressSettings {
  // actual / expected-by-now at or above: on track
  double on_track = default_number("/progress/on_track");
  // at or above (and below on_track): at risk; below: behind
  double at_risk = default_number("/progress/at_risk");
  // after the period: attainment at or above is partly met
  double partly_met = default_number("/progress/partly_met");
  // the recent pace is measured over this many months
  int forecast_window_months = static_cast<int>(default_number("/progress/forecast_window_months"));
  // pace over all months so far instead of the recent window
  bool forecast_whole_period = default_text("/progress/forecast_method") == "average_pace";
};

const char* kind_name(IndicatorKind kind);  // "count", "sum", "ratio"

// Who an output is for. A public output shows no count small enough to point
// at a person (see compute/suppression.h); an internal one shows every figure.
enum class Audience { kPublic, kInternal };

const char* audience_name(Audience audience);                   // "public", "internal"
std::optional<Audience> parse_audience(std::string_view name);  // nullopt for anything else

// Small-cell suppression in public outputs: project.json's "privacy".
// The defaults are config/project-defaults.json's "privacy".
struct PrivacySettings {
  int suppress_below = static_cast<int>(default_number("/privacy/suppress_below"));  // counts below are hidden ("<5")
  bool zero_as_dash = default_flag("/privacy/zero_as_dash");  // a 0 is shown as "–" rather than hidden
  // Public outputs republished every month: figures as of the last whole
  // month's end, audited together with last month's release so that no small
  // monthly step can be read off by subtraction. Off for a report published
  // once (a final evaluation), which then keeps its exact as-of date.
  bool monthly_releases = default_flag("/privacy/monthly_releases");
};

// The audience of each output: project.json's "outputs", or --audience for all.
struct OutputSettings {
  Audience dashboard = Audience::kPublic;
  Audience status = Audience::kInternal;
  Audience workbook = Audience::kInternal;
  Audience summary = Audience::kInternal;
  bool raw_rows = false;  // beside an internal workbook, registreringer.xlsx: the pseudonymised registrations
};

// A count indicator keeps a participant when the value of `field` is one of `values`.
// Values are compared by fold_category (core/text.h): without regard to case
// and surrounding spaces.
struct FieldFilter {
  std::string field;
  std::vector<std::string> values;  // the row's value must be one of these, or
  std::optional<bool> flag;         // a yes/no field must say this (see BooleanWords)

  bool operator==(const FieldFilter&) const = default;
};

// The words a yes/no column may hold, compared without regard to case and
// surrounding spaces; configurable as project.json's "booleans".
struct BooleanWords {
  std::vector<std::string> yes{"ja", "j", "1", "x", "yes", "y", "true", "sand"};
  std::vector<std::string> no{"nej", "n", "0", "", "no", "false", "falsk"};

  // true, false, or nullopt for a value that is neither.
  std::optional<bool> read(std::string_view value) const;
};

struct Indicator {
  std::string id;
  std::string label;  // in the outputs' language (see choose_language)
  std::string description;
  IndicatorKind kind = IndicatorKind::kCount;
  std::string date_field;            // count: the event date
  std::vector<FieldFilter> filters;  // count: `where`, all must hold
  std::vector<std::string> terms;    // sum: indicator ids added up
  std::string numerator;             // ratio
  std::string denominator;           // ratio
  bool first_only = false;           // count: only a participant's first event of date_field may count
  std::string after;                 // count: only events on or after the date this indicator counts them
  // count: `any`, alternatives of which at least one must hold (besides
  // `where`), each made of conditions that must all hold; a person counts once.
  std::vector<std::vector<FieldFilter>> any;
  bool show = true;  // false: computed for a sum or ratio, but in no output

  // Every condition on a category field, of `where` and of each `any`.
  std::vector<const FieldFilter*> conditions() const;
  Translations label_texts;          // when the label is given per language
};

// A duration indicator (project.json's "kind": "duration"): the days from one
// date field to another per participant (referral -> first talk), reported
// as n, mean, median and the share within a benchmark (compute/durations.h).
struct DurationIndicator {
  std::string id;
  std::string label;  // in the outputs' language
  std::string description;
  std::string start_field;  // logical date fields
  std::string end_field;
  int within_days = 0;             // the benchmark: a duration of at most this many days is within it
  std::string statistic = "median";  // reported as `actual`: median, mean or within_share
  Translations label_texts;
};

inline constexpr const char* kDurationStatistics[] = {"median", "mean", "within_share"};

// The index of indicator `id` in `indicators`, or -1.
int find_indicator(const std::vector<Indicator>& indicators, const std::string& id);

// One version of a municipality's target for an indicator. Targets get
// revised (drop-outs, a municipality leaving); each version applies from its
// effective date until the next one.
struct Target {
  std::string unit_code;
  std::string indicator;
  double value = 0;
  std::string version = "oprindelig";  // its name: "oprindelig", "justeret", ...
  std::optional<Date> effective;       // from when it applies; null: from the period start
  std::string reason;                  // why it was set or changed
};

// Which target version one municipality's indicator is measured against,
// where it is not the version in force at the as-of date (an evaluation that
// keeps one municipality to its original target): project.json's
// `target_basis`, always with the reason.
struct TargetBasis {
  std::string unit_code;
  std::string indicator;
  std::string version;  // the name of one of its target versions
  std::string reason;   // why: required
};

// An ordered chain of indicators (screened -> referred -> in a job), reported
// with the conversion rate between each pair of neighbouring stages.
struct Funnel {
  std::string id;
  std::string label;
  std::vector<std::string> stages;  // indicator ids, first stage first
  Translations label_texts;
};

// A count indicator broken down by a categorical field (benefit group,
// disability group, gender), with its categories in the order to show them.
// An age band of a breakdown by age: ages from `from` to `to`, both included.
struct AgeBand {
  std::string label;  // "18–29"
  int from = 0;
  int to = 0;
  Translations label_texts;
};

struct Breakdown {
  std::string id;
  std::string label;
  std::string indicator;                // a count indicator's id
  std::string field;                    // the registrations' field holding the category
  std::vector<std::string> categories;  // declared values, in display order (the band labels for ages)
  std::vector<AgeBand> age_bands;       // when set, the field holds a birth year or an age
  bool field_is_birth_year = true;      // with age bands: age = the as-of year - the birth year
  Translations label_texts;
};

// A qualitative goal of the project's theory of change ("a dialogue forum in
// every jobcentre"). Its status is set by a person; when tied to an indicator
// the figures suggest one, and a status that differs needs a reason.
struct Goal {
  std::string id;
  std::string level;        // activity, short_term, long_term or effect
  std::string goal;         // what the project wants to achieve
  std::string target_text;  // how it is measured or judged
  std::string status;       // met, partly_met, not_met; "" to take the suggestion
  std::string evidence;     // the note that backs the status
  std::string indicator;    // optional: the indicator whose total attainment suggests a status
  std::string override_reason;
};

inline constexpr const char* kGoalLevels[] = {"activity", "short_term", "long_term", "effect"};
inline constexpr const char* kGoalStatuses[] = {"met", "partly_met", "not_met"};

// A planned level on the way to a target: by `date`, `value` should be reached.
// Between milestones the expected level is interpolated in a straight line.
struct Milestone {
  std::string unit_code;
  std::string indicator;
  Date date;
  double value = 0;
};

// When a municipality takes part: it may join or leave during the period.
struct ActiveInterval {
  std::optional<Date> from;  // null: from the period start
  std::optional<Date> to;    // null: to the period end
};

struct RegistrationSource {
  std::filesystem::path path;                  // resolved against project.json's folder
  std::string display_path;                    // as written in project.json
  std::string sheet;                           // of an .xlsx or .ods: its name; empty: the first
  char delimiter = 0;                          // 0: detect from the header line
  bool events = false;                         // rows are events: a participant may have several
  bool skip_bad_rows = false;                  // a row with an error is left out and listed (--skip-bad-rows)
  std::map<std::string, std::string> columns;  // logical field -> column header
};

// Where aggregated counts are, for municipalities that send numbers rather
// than one row per citizen.
struct CountSource {
  std::filesystem::path path;
  std::string display_path;
  std::string sheet;  // of an .xlsx or .ods: its name; empty: the first
};

// A project manager's own text, a Markdown file named in project.json, shown
// where the templates place it: "top" (after the headline figures) or
// "bottom" (after the results).
struct ProjectText {
  std::string place;
  std::string file;
  std::string markdown;
};

inline constexpr const char* kTextPlaces[] = {"top", "bottom"};

struct Project {
  ProjectInfo info;
  std::optional<Date> as_of;
  std::vector<std::string> unit_codes;                // kommunekoder, as in project.json
  std::map<std::string, std::string> unit_names;      // kommunekode -> name, from the reference list
  std::map<std::string, ActiveInterval> unit_active;  // by kommunekode, for those that join or leave
  std::vector<Indicator> indicators;
  std::vector<TargetBasis> target_basis;  // versions chosen instead of the one in force
  std::vector<DurationIndicator> durations;  // "kind": "duration", in declared order
  std::vector<Target> targets;               // a duration's targets are on its within-share (0.8 is 80 %)
  std::vector<Funnel> funnels;
  std::vector<Breakdown> breakdowns;
  std::vector<Goal> goals;
  std::vector<Milestone> milestones;            // planned ramp-up; without them targets are pro-rated evenly
  std::map<std::string, double> total_targets;  // stated project totals, by indicator
  Aggregation aggregation = Aggregation::kSum;
  ProgressSettings progress;
  RegistrationSource registrations;  // display_path empty when there are none
  std::optional<CountSource> counts;
  std::optional<ReconciliationSpec> reconciliation;  // a second registration source to compare with
  std::vector<ProjectText> texts;
  std::vector<Survey> surveys;  // questionnaires (core/surveys.h), read by read/survey_reader.h
  BooleanWords booleans;
  PrivacySettings privacy;
  OutputSettings outputs;
  std::vector<InputFile> input_files;  // every file read, in reading order, for provenance

  // The index of indicator `id`, or -1.
  int indicator_index(const std::string& id) const { return find_indicator(indicators, id); }
  // The index of duration indicator `id`, or -1.
  int duration_index(const std::string& id) const;
  // The column header that holds logical field `field`.
  std::string column_for(const std::string& field) const;
};

// Sets each label and the title given per language to its text in
// `language` (see Translations::in), age bands' categories with them. Returns
// the JSON Pointers of those given per language that lack `language`.
std::vector<std::string> choose_language(Project& project, const std::string& language);

// Fixed logical fields every registration has.
inline constexpr const char* kParticipantField = "participant";
inline constexpr const char* kMunicipalityField = "municipality";

}  // namespace maaltal
