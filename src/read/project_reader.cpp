#include "read/project_reader.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <set>
#include <tuple>

#include "core/numbers.h"
#include "core/paths.h"
#include "core/text.h"
#include "read/csv.h"
#include "read/definitions_reader.h"
#include "read/duration_reader.h"
#include "read/json_input.h"
#include "read/json_text.h"
#include "read/labels.h"
#include "read/municipalities.h"
#include "read/project_limits.h"
#include "read/reconciliation_reader.h"
#include "read/sheet_input.h"
#include "read/spreadsheet.h"
#include "read/survey_reader.h"
#include "read/row_leftovers.h"
#include "read/text_file.h"

namespace maaltal {

std::string display_path_beside(const std::string& project_display, const std::string& file) {
  std::filesystem::path p(file);
  if (p.is_absolute()) return p.generic_string();
  return (std::filesystem::path(project_display).parent_path() / p).lexically_normal().generic_string();
}

namespace {

class ProjectReader {
 public:
  ProjectReader(std::filesystem::path path, std::string display, Diagnostics& diags)
      : path_(std::move(path)), display_(std::move(display)), diags_(diags), fields_(display_, diags) {}

  std::optional<Project> read() {
    std::string text = read_text_file(path_, display_, project_.input_files);
    auto json = parse_json(text, display_, diags_);
    if (!json) return std::nullopt;
    check_control_characters(*json, display_, diags_);
    if (!json->is_object()) {
      fields_.wrong_type("", Words("project_top"));
      return std::nullopt;
    }
    // An oversized project is not read further: its parts would only repeat the error.
    if (!check_definition_size(*json, fields_)) return std::nullopt;
    read_info(*json);
    read_settings(*json);
    read_units(*json);
    read_indicators(*json);
    read_targets(*json);
    read_total_targets(*json);
    DefinitionReader definitions{
        fields_,
        diags_,
        display_,
        project_,
        [this](const Json& v, const std::string& ptr) { return unit_code(v, ptr); },
        [this](const Json& root, const std::string& key, bool required) { return objects_in(root, key, required); }};
    read_definitions(*json, definitions);
    check_hidden_indicators();
    read_registration_source(*json);
    read_reconciliation_spec(*json, path_.parent_path(), display_, project_, diags_);
    check_durations_source(project_, diags_, display_, "/registrations/rows");
    refuse_participant_column(*json);
    read_texts(*json);
    read_survey_declarations(*json, path_.parent_path(), display_, fields_, diags_, project_);
    read_booleans(*json);
    read_privacy(*json);
    read_outputs(*json);
    choose_language(project_, project_.info.locale);  // the pipeline chooses again for --locale
    return project_;
  }

 private:
  void read_info(const Json& root) {
    auto& info = project_.info;
    info.id = fields_.string(root, "", "id", true).value_or("");
    if (!info.id.empty()) check_id(info.id, IdKind::kProject, "/id", fields_);
    info.title = read_label(fields_, root, "", "title", true, "da", info.title_texts).value_or("");
    info.owner = fields_.string(root, "", "owner", false).value_or("");
    info.funder = fields_.string(root, "", "funder", false).value_or("");
    info.pool = fields_.string(root, "", "pool", false).value_or("");
    auto period = read_period(root);
    auto locale = fields_.string(root, "", "locale", false);
    if (locale && *locale != "da" && *locale != "en") {
      fields_.invalid("/locale", Words("locale", {{"value", *locale}}));
    } else if (locale) {
      info.locale = *locale;
    }
    project_.as_of = fields_.date(root, "", "as_of", false);
    if (project_.as_of && period) {
      if (auto problem = as_of_problem(*project_.as_of, info.start, info.end, "as_of " + project_.as_of->iso()))
        fields_.invalid("/as_of", *problem);
    }
    if (auto decimals = fields_.number(root, "", "percent_decimals", false)) {
      if (*decimals < 0 || *decimals > 4 || *decimals != static_cast<int>(*decimals)) {
        fields_.invalid("/percent_decimals", Words("percent_decimals"));
      } else {
        info.percent_decimals = static_cast<int>(*decimals);
      }
    }
  }

  // The project period into info.start and info.end; false when it is missing or invalid.
  bool read_period(const Json& root) {
    const Json* period = fields_.object(root, "", "period", true);
    if (!period) return false;
    auto start = fields_.date(*period, "/period", "start", true);
    auto end = fields_.date(*period, "/period", "end", true);
    if (!start || !end) return false;
    project_.info.start = *start;
    project_.info.end = *end;
    if (*end < *start) {
      fields_.invalid("/period/end", Words("period_order"));
      return false;
    }
    // Every figure has a monthly series over the period: a period of centuries is a typing error.
    if (*end > years_after(*start, kMaxPeriodYears)) {
      fields_.invalid("/period/end", Words("period_length"));
      return false;
    }
    return true;
  }

  void read_settings(const Json& root) {
    if (auto aggregation = fields_.string(root, "", "aggregation", false)) {
      if (*aggregation == "sum")
        project_.aggregation = Aggregation::kSum;
      else if (*aggregation == "mean")
        project_.aggregation = Aggregation::kMean;
      else if (*aggregation == "mean_capped")
        project_.aggregation = Aggregation::kMeanCapped;
      else
        fields_.invalid("/aggregation", Words("aggregation", {{"value", *aggregation}}));
    }
    const Json* progress = fields_.object(root, "", "progress", false);
    if (!progress) return;
    ProgressSettings& s = project_.progress;
    auto share = [&](const char* key, double& value) {
      if (auto v = fields_.number(*progress, "/progress", key, false)) {
        if (*v <= 0 || *v > 1)
          fields_.invalid(std::string("/progress/") + key, Words("share"));
        else
          value = *v;
      }
    };
    share("on_track", s.on_track);
    share("at_risk", s.at_risk);
    share("partly_met", s.partly_met);
    if (s.at_risk > s.on_track) fields_.invalid("/progress/at_risk", Words("at_risk_above"));
    if (auto method = fields_.string(*progress, "/progress", "forecast_method", false)) {
      if (*method != "recent_pace" && *method != "average_pace") {
        fields_.invalid("/progress/forecast_method", Words("forecast_method"));
      }
      s.forecast_whole_period = *method == "average_pace";
    }
    if (auto window = fields_.number(*progress, "/progress", "forecast_window_months", false)) {
      if (*window < 1 || *window > 240 || *window != static_cast<int>(*window)) {
        fields_.invalid("/progress/forecast_window_months", Words("forecast_window"));
      } else {
        s.forecast_window_months = static_cast<int>(*window);
      }
    }
  }

  // A municipality's code from a JSON string or integer, its code or its name;
  // reports and returns "" when invalid.
  std::string unit_code(const Json& value, const std::string& ptr) {
    std::string text;
    if (value.is_string())
      text = value.get<std::string>();
    else if (value.is_number_integer())
      text = std::to_string(value.get<long long>());
    else {
      fields_.wrong_type(ptr, Words("municipality"));
      return "";
    }
    MunicipalityMatch found = find_municipality(text, project_.unit_codes);
    if (found.code.empty()) diags_.error(found.error, found.words, {display_, 0, 0, ptr, ""});
    return found.code;
  }

  void read_units(const Json& root) {
    const Json* list = fields_.array(root, "", "municipalities", true);
    if (!list) return;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < list->size(); ++i) {
      std::string ptr = "/municipalities/" + std::to_string(i);
      const Json& entry = (*list)[i];
      std::string code;
      if (entry.is_object()) {
        // {"code": "190", "from": "2018-04-01", "to": "2020-06-30"}: joins or leaves during the period
        if (!entry.contains("code"))
          fields_.missing(ptr + "/code");
        else
          code = unit_code(entry["code"], ptr + "/code");
        ActiveInterval active{fields_.date(entry, ptr, "from", false), fields_.date(entry, ptr, "to", false)};
        if (active.from && active.to && *active.to < *active.from) {
          fields_.invalid(ptr + "/to", Words("leaves_before_joins"));
        }
        if (!code.empty()) project_.unit_active[code] = active;
      } else {
        code = unit_code(entry, ptr);
      }
      if (code.empty()) continue;
      if (!seen.insert(code).second) {
        diags_.error("E205", Words("municipality", {{"code", code}}), {display_, 0, 0, ptr, ""});
        continue;
      }
      project_.unit_codes.push_back(code);
      project_.unit_names[code] = municipalities().at(code).name;
    }
    if (list->empty()) fields_.invalid("/municipalities", Words("no_municipality"));
  }

  // The objects of array `key`, each with its JSON Pointer; an item that is not
  // an object is reported and left out.
  std::vector<std::pair<const Json*, std::string>> objects_in(const Json& root, const std::string& key, bool required) {
    std::vector<std::pair<const Json*, std::string>> objects;
    const Json* list = fields_.array(root, "", key, required);
    if (!list) return objects;
    for (std::size_t i = 0; i < list->size(); ++i) {
      std::string ptr = "/" + key + "/" + std::to_string(i);
      if ((*list)[i].is_object())
        objects.emplace_back(&(*list)[i], ptr);
      else
        fields_.wrong_type(ptr, Words("object"));
    }
    return objects;
  }

  void read_indicators(const Json& root) {
    for (const auto& [obj_at, ptr] : objects_in(root, "indicators", true)) read_indicator(*obj_at, ptr);
  }

  void read_indicator(const Json& obj, const std::string& ptr) {
    Indicator ind;
    ind.id = fields_.string(obj, ptr, "id", true).value_or("");
    if (ind.id.empty()) return;
    check_id(ind.id, IdKind::kDefinition, ptr + "/id", fields_);  // kept, so that references to it say no more
    if (project_.indicator_index(ind.id) >= 0 || project_.duration_index(ind.id) >= 0) {
      diags_.error("E205", Words("indicator", {{"id", ind.id}}), {display_, 0, 0, ptr + "/id", ""});
      return;
    }
    // Excel compares table and defined names without regard to case.
    for (const auto& other : project_.indicators) {
      if (fold_id(other.id) != fold_id(ind.id)) continue;
      diags_.error("E205", Words("indicator_case", {{"id", ind.id}, {"other", other.id}}),
                   {display_, 0, 0, ptr + "/id", ""});
      return;
    }
    ind.label = read_label(fields_, obj, ptr, "label", false, project_.info.locale, ind.label_texts).value_or(ind.id);
    if (ind.label_texts.texts.empty()) check_label(ind, ind.label, project_.info.locale, ptr);
    for (const auto& [language, label] : ind.label_texts.texts) check_label(ind, label, language, ptr);
    ind.description = fields_.string(obj, ptr, "description", false).value_or("");
    if (auto show = obj.find("show"); show != obj.end()) {
      if (show->is_boolean())
        ind.show = show->get<bool>();
      else
        fields_.wrong_type(ptr + "/show", Words("boolean"));
    }
    std::string kind = fields_.string(obj, ptr, "kind", true).value_or("");
    if (kind == "duration") {
      DurationIndicator d{ind.id, ind.label, ind.description, "", "", 0, "median", ind.label_texts};
      if (read_duration(fields_, diags_, display_, obj, ptr, d)) {
        project_.durations.push_back(std::move(d));
      }
      return;
    }
    if (kind == "count") {
      ind.kind = IndicatorKind::kCount;
      ind.date_field = fields_.string(obj, ptr, "date_field", true).value_or("");
      ind.filters = read_filters(obj, ptr);
      ind.any = read_any(obj, ptr);
      std::string rule = fields_.string(obj, ptr, "count", false).value_or("any");
      if (rule != "any" && rule != "first") fields_.invalid(ptr + "/count", Words("count_rule"));
      ind.first_only = rule == "first";
      if (auto after = fields_.string(obj, ptr, "after", false)) {
        int index = project_.indicator_index(*after);
        if (index < 0 || project_.indicators[static_cast<std::size_t>(index)].kind != IndicatorKind::kCount) {
          diags_.error("E204", Words("after", {{"id", *after}}),
                       {display_, 0, 0, ptr + "/after", ""});
        } else {
          ind.after = *after;
        }
      }
    } else if (kind == "sum") {
      ind.kind = IndicatorKind::kSum;
      ind.terms = indicator_refs(obj, ptr, "of");
    } else if (kind == "ratio") {
      ind.kind = IndicatorKind::kRatio;
      ind.numerator = indicator_ref(obj, ptr, "numerator");
      ind.denominator = indicator_ref(obj, ptr, "denominator");
    } else {
      if (!kind.empty()) fields_.invalid(ptr + "/kind", Words("kind", {{"value", kind}}));
      return;
    }
    if (ind.description.empty() && definition_length(ind) > kMaxDefinitionLength) {
      fields_.invalid(ptr, Words(ind.kind == IndicatorKind::kSum ? "definition_terms" : "definition_where"));
      return;
    }
    indicator_ptrs_[ind.id] = ptr;
    project_.indicators.push_back(std::move(ind));
  }

  // An indicator with "show": false is computed only for another's sake: one
  // that a funnel, breakdown or goal would show is an error (E116), one that
  // nothing uses is computed for nothing (W127).
  void check_hidden_indicators() {
    // The E116 words: which funnel, breakdown or goal shows it ("" when none).
    auto shown_by = [&](const std::string& id) -> Words {
      for (const auto& f : project_.funnels) {
        if (std::find(f.stages.begin(), f.stages.end(), id) != f.stages.end()) return Words("funnel", {{"by", f.id}});
      }
      for (const auto& b : project_.breakdowns) {
        if (b.indicator == id) return Words("breakdown", {{"by", b.id}});
      }
      for (const auto& g : project_.goals) {
        if (g.indicator == id) return Words("goal", {{"by", g.id}});
      }
      return Words("");
    };
    auto used = [&](const std::string& id) {
      return std::any_of(project_.indicators.begin(), project_.indicators.end(), [&](const Indicator& other) {
        return other.numerator == id || other.denominator == id || other.after == id ||
               std::find(other.terms.begin(), other.terms.end(), id) != other.terms.end();
      });
    };
    for (const auto& ind : project_.indicators) {
      if (ind.show) continue;
      SourceLocation at{display_, 0, 0, indicator_ptrs_.at(ind.id) + "/show", ""};
      if (Words by = shown_by(ind.id); !by.variant.empty()) {
        by.args.emplace_back("id", ind.id);
        diags_.error("E116", by,
                     at);
      } else if (!used(ind.id)) {
        diags_.warning("W127", {{"id", ind.id}},
                       at);
      }
    }
  }

  // The limits of an indicator's label in one language (README "Project
  // definition limits"): it heads columns of the workbook.
  // A label given per language is located at its language's text.
  void check_label(const Indicator& ind, const std::string& label, const std::string& language,
                   const std::string& ptr) {
    std::string lptr = ind.label_texts.texts.empty() ? ptr + "/label" : JsonFields::pointer(ptr + "/label", language);
    if (character_count(label) > kMaxLabelLength) {
      fields_.invalid(lptr, Words("label_length", {{"count", std::to_string(character_count(label))}}));
    }
    if (auto header = month_header_equal_to(label, project_.info.start, project_.info.end, language)) {
      fields_.invalid(lptr, Words("label_month", {{"quoted", quote_value(label)}, {"header", *header}}));
    }
  }

  // The characters of the parts of an indicator's generated definition (see
  // README "Indicators"), which is written whole into one workbook cell.
  std::size_t definition_length(const Indicator& ind) const {
    auto label = [&](const std::string& id) {
      int index = project_.indicator_index(id);
      return index < 0 ? 0 : character_count(project_.indicators[static_cast<std::size_t>(index)].label);
    };
    std::size_t n = character_count(ind.date_field) + label(ind.after) + label(ind.numerator) + label(ind.denominator);
    for (const auto& term : ind.terms) n += label(term);
    for (const auto* filter : ind.conditions()) {
      n += character_count(filter->field);
      for (const auto& value : filter->values) n += character_count(value);
    }
    return n;
  }

  std::vector<FieldFilter> read_filters(const Json& obj, const std::string& ptr) {
    const Json* where = fields_.object(obj, ptr, "where", false);
    return where ? read_conditions(*where, ptr + "/where") : std::vector<FieldFilter>{};
  }

  // `any`: a non-empty list of `where`-style objects, of which one must hold.
  std::vector<std::vector<FieldFilter>> read_any(const Json& obj, const std::string& ptr) {
    std::vector<std::vector<FieldFilter>> any;
    const Json* list = fields_.array(obj, ptr, "any", false);
    if (!list) return any;
    if (list->empty()) fields_.invalid(ptr + "/any", Words("any_empty"));
    for (std::size_t i = 0; i < list->size(); ++i) {
      std::string aptr = ptr + "/any/" + std::to_string(i);
      const Json& alternative = (*list)[i];
      if (!alternative.is_object() || alternative.empty()) {
        fields_.wrong_type(aptr, Words("conditions"));
        continue;
      }
      any.push_back(read_conditions(alternative, aptr));
    }
    return any;
  }

  // The conditions of a `where` object or of one of `any`'s, all of which must hold.
  std::vector<FieldFilter> read_conditions(const Json& where, const std::string& wptr) {
    std::vector<FieldFilter> filters;
    for (const auto& [field, values] : where.items()) {
      std::string fptr = JsonFields::pointer(wptr, field);
      FieldFilter filter{field, {}, std::nullopt};
      if (values.is_boolean()) {
        filter.flag = values.get<bool>();
      } else if (values.is_string()) {
        filter.values.push_back(values.get<std::string>());
      } else if (values.is_array() && !values.empty() &&
                 std::all_of(values.begin(), values.end(), [](const Json& v) { return v.is_string(); })) {
        for (const auto& v : values) filter.values.push_back(v.get<std::string>());
      } else {
        fields_.wrong_type(fptr, Words("where_value"));
        continue;
      }
      filters.push_back(std::move(filter));
    }
    return filters;
  }

  // An indicator id that must name an indicator declared before this one, so
  // that sums and ratios can never form a cycle.
  bool known_earlier(const std::string& id, const std::string& ptr) {
    if (project_.indicator_index(id) >= 0) return true;
    diags_.error("E204", Words("before", {{"id", id}}),
                 {display_, 0, 0, ptr, ""});
    return false;
  }

  std::string indicator_ref(const Json& obj, const std::string& ptr, const std::string& key) {
    auto id = fields_.string(obj, ptr, key, true);
    if (!id || !known_earlier(*id, ptr + "/" + key)) return "";
    return *id;
  }

  std::vector<std::string> indicator_refs(const Json& obj, const std::string& ptr, const std::string& key) {
    std::vector<std::string> ids;
    const Json* list = fields_.array(obj, ptr, key, true);
    if (!list) return ids;
    for (std::size_t i = 0; i < list->size(); ++i) {
      std::string iptr = ptr + "/" + key + "/" + std::to_string(i);
      if (!(*list)[i].is_string()) {
        fields_.wrong_type(iptr, Words("indicator_id"));
        continue;
      }
      std::string id = (*list)[i].get<std::string>();
      if (known_earlier(id, iptr)) ids.push_back(id);
    }
    if (list->empty()) fields_.invalid(ptr + "/" + key, Words("sum_empty"));
    return ids;
  }

  void read_targets(const Json& root) {
    auto it = root.find("targets");
    if (it == root.end()) return;
    if (it->is_array()) {
      for (std::size_t i = 0; i < it->size(); ++i) read_inline_target((*it)[i], "/targets/" + std::to_string(i));
    } else if (it->is_object()) {
      auto file = file_inside(*it, "/targets");
      if (file) read_targets_csv(*file, fields_.string(*it, "/targets", "sheet", false).value_or(""));
    } else {
      fields_.wrong_type("/targets", Words("targets"));
    }
  }

  void read_inline_target(const Json& obj, const std::string& ptr) {
    if (!obj.is_object()) {
      fields_.wrong_type(ptr, Words("object"));
      return;
    }
    const Json* unit = obj.contains("municipality") ? &obj["municipality"] : nullptr;
    if (!unit) fields_.missing(ptr + "/municipality");
    auto indicator = fields_.string(obj, ptr, "indicator", true);
    auto value = fields_.number(obj, ptr, "value", true);
    std::string code = unit ? unit_code(*unit, ptr + "/municipality") : "";
    Target target;
    target.version = fields_.string(obj, ptr, "version", false).value_or(target.version);
    target.effective = fields_.date(obj, ptr, "effective", false);
    target.reason = fields_.string(obj, ptr, "reason", false).value_or("");
    if (code.empty() || !indicator || !value) return;
    target.unit_code = code;
    target.indicator = *indicator;
    target.value = *value;
    SourceLocation where{display_, 0, 0, ptr, ""};
    add_target(target, where, where, where);
  }

  void add_target(const Target& target, const SourceLocation& unit_at, const SourceLocation& indicator_at,
                  const SourceLocation& value_at) {
    const std::string& code = target.unit_code;
    const std::string& indicator = target.indicator;
    double value = target.value;
    bool ok = true;
    if (std::find(project_.unit_codes.begin(), project_.unit_codes.end(), code) == project_.unit_codes.end()) {
      diags_.error("E105", {{"code", code}}, unit_at);
      ok = false;
    }
    if (project_.indicator_index(indicator) < 0 && project_.duration_index(indicator) < 0) {
      diags_.error("E204", {{"id", indicator}}, indicator_at);
      ok = false;
    }
    if (auto problem = target_problem(indicator, value)) {
      diags_.error("E206", *problem, value_at);
      ok = false;
    }
    // A set, not a search of the targets so far: 20,000 targets took seconds that way.
    if (ok && !target_keys_.emplace(code, indicator, target.effective).second) {
      diags_.error("E205", Words("target", {{"code", code}, {"id", indicator}}),
                   unit_at);
      ok = false;
    }
    if (ok) project_.targets.push_back(target);
  }

  // Why `value` cannot be a target of `indicator`, or nullopt. A count's
  // target is a number of people; a ratio's is a level (0.6 is 60 %). Both
  // are bounded so that attainment is always a finite, printable number.
  std::optional<Words> target_problem(const std::string& indicator, double value) const {
    if (!(value > 0) || !std::isfinite(value)) return Words{};
    int index = project_.indicator_index(indicator);
    bool share = index >= 0 ? project_.indicators[static_cast<std::size_t>(index)].kind == IndicatorKind::kRatio
                            : project_.duration_index(indicator) >= 0;  // a duration's target is on its within-share
    if (share) {
      if (value < kMinRatioTarget || value > kMaxRatioTarget) return Words("ratio");
    } else if (value < 1 || value > kMaxCountTarget) {
      return Words("count");
    }
    return std::nullopt;
  }

  // Excel's leftovers in a targets sheet: blank rows are passed over, a
  // total row at the end is noted (W131), one with targets below is an error.
  static std::vector<RowKind> target_row_kinds(const CsvTable& table, std::size_t unit_col) {
    std::vector<std::vector<std::string_view>> cells(table.records.size() - 1);
    for (std::size_t i = 1; i < table.records.size(); ++i) {
      for (const auto& f : table.records[i].fields) cells[i - 1].emplace_back(f.value);
    }
    return leftover_kinds(cells, unit_col);
  }

  template <typename At>
  void leftover_target(RowKind kind, const CsvRecord& r, At at) {
    if (kind == RowKind::kBlank) return;
    std::vector<std::string_view> cells;
    for (const auto& f : r.fields) cells.emplace_back(f.value);
    std::size_t first = 0;
    while (first + 1 < cells.size() && is_blank_cell(cells[first])) ++first;
    std::string word = total_word(cells).value_or("");
    if (kind == RowKind::kTotalAtEnd)
      diags_.note("W131", total_row_note_words(word), at(r, first));
    else
      diags_.error("E119", total_row_inside_words(word), at(r, first));
  }

  // An Excel error value in any cell of a target row (E118): the row is refused.
  template <typename At>
  bool excel_error_in(const CsvRecord& r, At at) {
    for (std::size_t c = 0; c < r.fields.size(); ++c) {
      if (!is_excel_error(r.fields[c].value)) continue;
      diags_.error("E118", Words("quoted", {{"quoted", quote_value(r.fields[c].value)}}), at(r, c));
      return true;
    }
    return false;
  }

  // Targets from a CSV file, or from a sheet of an .xlsx or .ods file read
  // as CSV text, its messages then moved to the cells.
  void read_targets_csv(const std::string& file, const std::string& sheet_name) {
    std::string shown = display_path_beside(display_, file);
    require_small_file(path_.parent_path() / file, shown);
    if (is_spreadsheet(file)) {
      SheetText sheet = read_sheet_as_csv(path_.parent_path() / file, shown, sheet_name, project_.input_files);
      std::size_t from = diags_.all().size();
      read_targets_text(sheet.csv, shown);
      locate_in_sheet(diags_, from, shown, sheet);
      return;
    }
    read_targets_text(read_text_file(path_.parent_path() / file, shown, project_.input_files), shown);
  }

  void read_targets_text(const std::string& text, const std::string& shown) {
    LineIndex lines(text);
    CsvTable table = parse_csv(text, 0, shown, lines, diags_);
    if (table.records.empty()) {
      diags_.error("E103", Words("empty_targets"),
                   {shown, 1, 0, "", ""});
      return;
    }
    const auto& header = table.records[0];
    int unit_col = find_header(header, {"municipality", "kommune", "kommunekode"});
    int ind_col = find_header(header, {"indicator", "indikator"});
    int value_col = find_header(header, {"target", "maal", "måltal", "maaltal"});
    int version_col = find_header(header, {"version"});
    int effective_col = find_header(header, {"effective", "gyldig_fra", "gyldig fra"});
    int reason_col = find_header(header, {"reason", "begrundelse"});
    auto at = [&](const CsvRecord& r, std::size_t field) {
      std::size_t offset = field < r.fields.size() ? r.fields[field].offset : lines.start_of(r.line);
      return SourceLocation{shown, r.line, lines.column_of(offset), "", lines.line_text(r.line)};
    };
    for (auto [col, name] : {std::pair{unit_col, "municipality"}, {ind_col, "indicator"}, {value_col, "target"}}) {
      if (col < 0) diags_.error("E103", {{"column", name}}, at(header, 0));
    }
    if (unit_col < 0 || ind_col < 0 || value_col < 0) return;
    auto kinds = target_row_kinds(table, static_cast<std::size_t>(unit_col));
    for (std::size_t i = 1; i < table.records.size(); ++i) {
      const auto& r = table.records[i];
      if (kinds[i - 1] != RowKind::kData) {
        leftover_target(kinds[i - 1], r, at);
        continue;
      }
      if (i > kMaxTargets) {  // as in project.json: each target is checked against the others
        diags_.error("E203", Words("targets", {{"max", std::to_string(kMaxTargets)}}),
                     at(r, 0));
        break;
      }
      if (r.fields.size() != header.fields.size()) {
        diags_.error("E102",
                     {{"expected", std::to_string(header.fields.size())}, {"found", std::to_string(r.fields.size())}},
                     at(r, 0));
        continue;
      }
      if (excel_error_in(r, at)) continue;
      const std::string& unit_text = r.fields[static_cast<std::size_t>(unit_col)].value;
      MunicipalityMatch unit = find_municipality(unit_text, project_.unit_codes);
      auto value = parse_number(r.fields[static_cast<std::size_t>(value_col)].value);
      if (unit.code.empty()) {
        diags_.error(unit.error, unit.words, at(r, static_cast<std::size_t>(unit_col)));
        continue;
      }
      const std::string& code = unit.code;
      if (!value) {
        diags_.error("E108", {{"quoted", quote_value(r.fields[static_cast<std::size_t>(value_col)].value)}},
                     at(r, static_cast<std::size_t>(value_col)));
        continue;
      }
      Target target;
      target.unit_code = code;
      target.indicator = r.fields[static_cast<std::size_t>(ind_col)].value;
      target.value = *value;
      auto field = [&](int col) { return col < 0 ? std::string() : r.fields[static_cast<std::size_t>(col)].value; };
      if (!field(version_col).empty()) target.version = field(version_col);
      target.reason = field(reason_col);
      if (!field(effective_col).empty()) {
        target.effective = parse_date(field(effective_col));
        if (!target.effective) {
          diags_.error("E106", Words("target", {{"quoted", quote_value(field(effective_col))}}),
                       at(r, static_cast<std::size_t>(effective_col)));
          continue;
        }
      }
      add_target(target, at(r, static_cast<std::size_t>(unit_col)), at(r, static_cast<std::size_t>(ind_col)),
                 at(r, static_cast<std::size_t>(value_col)));
    }
  }

  // The words of yes/no columns, when the project's differ from the defaults.
  void read_privacy(const Json& root) {
    const Json* privacy = fields_.object(root, "", "privacy", false);
    if (!privacy) return;
    if (auto below = fields_.number(*privacy, "/privacy", "suppress_below", false)) {
      if (*below < 1 || *below > 100 || *below != static_cast<int>(*below))
        fields_.invalid("/privacy/suppress_below", Words("suppress_below"));
      else
        project_.privacy.suppress_below = static_cast<int>(*below);
    }
    auto flag = [&](const char* key, bool& into) {
      if (!privacy->contains(key)) return;
      const Json& value = (*privacy)[key];
      if (value.is_boolean())
        into = value.get<bool>();
      else
        fields_.wrong_type(std::string("/privacy/") + key, Words("boolean"));
    };
    flag("zero_as_dash", project_.privacy.zero_as_dash);
    flag("monthly_releases", project_.privacy.monthly_releases);
  }

  // "outputs": {"dashboard": {"audience": "public"}, "workbook": {"raw_rows": true}, ...}
  void read_outputs(const Json& root) {
    const Json* outputs = fields_.object(root, "", "outputs", false);
    if (!outputs) return;
    OutputSettings& o = project_.outputs;
    for (auto [key, audience] : {std::pair{"dashboard", &o.dashboard},
                                 {"status", &o.status},
                                 {"workbook", &o.workbook},
                                 {"summary", &o.summary}}) {
      const Json* output = fields_.object(*outputs, "/outputs", key, false);
      if (!output) continue;
      std::string ptr = "/outputs/" + std::string(key);
      if (auto name = fields_.string(*output, ptr, "audience", false)) {
        if (auto parsed = parse_audience(*name))
          *audience = *parsed;
        else
          fields_.invalid(ptr + "/audience", Words("audience", {{"value", *name}}));
      }
    }
    const Json* workbook = outputs->contains("workbook") ? &(*outputs)["workbook"] : nullptr;
    if (workbook && workbook->is_object() && workbook->contains("raw_rows")) {
      const Json& raw = (*workbook)["raw_rows"];
      if (raw.is_boolean())
        o.raw_rows = raw.get<bool>();
      else
        fields_.wrong_type("/outputs/workbook/raw_rows", Words("boolean"));
    }
  }

  void read_booleans(const Json& root) {
    const Json* words = fields_.object(root, "", "booleans", false);
    if (!words) return;
    for (const auto& [key, list] : {std::pair{"true", &project_.booleans.yes}, {"false", &project_.booleans.no}}) {
      const Json* values = fields_.array(*words, "/booleans", key, false);
      if (!values) continue;
      list->clear();
      for (std::size_t k = 0; k < values->size(); ++k) {
        if (!(*values)[k].is_string()) {
          fields_.wrong_type("/booleans/" + std::string(key) + "/" + std::to_string(k), Words("string"));
          continue;
        }
        list->push_back(fold_case((*values)[k].get<std::string>()));
      }
    }
  }

  // Markdown files, read now so that their bytes are hashed with the other inputs.
  void read_texts(const Json& root) {
    for (const auto& [obj_at, ptr] : objects_in(root, "texts", false)) {
      auto file = file_inside(*obj_at, ptr);
      std::string place = fields_.string(*obj_at, ptr, "place", false).value_or("top");
      if (std::none_of(std::begin(kTextPlaces), std::end(kTextPlaces), [&](const char* p) { return place == p; })) {
        fields_.invalid(ptr + "/place", Words("place", {{"value", place}}));
        continue;
      }
      if (!file) continue;
      std::string shown = display_path_beside(display_, *file);
      std::string markdown = read_text_file(path_.parent_path() / *file, shown, project_.input_files);
      project_.texts.push_back({place, *file, std::move(markdown)});
    }
  }

  void read_total_targets(const Json& root) {
    const Json* totals = fields_.object(root, "", "total_targets", false);
    if (!totals) return;
    for (const auto& [id, value] : totals->items()) {
      std::string ptr = JsonFields::pointer("/total_targets", id);
      if (project_.indicator_index(id) < 0 && project_.duration_index(id) < 0) {
        diags_.error("E204", {{"id", id}}, {display_, 0, 0, ptr, ""});
      } else if (!value.is_number()) {
        fields_.wrong_type(ptr, Words("number"));
      } else if (auto problem = target_problem(id, value.get<double>())) {
        diags_.error("E206", *problem, {display_, 0, 0, ptr, ""});
      } else {
        project_.total_targets[id] = value.get<double>();
      }
    }
  }

  void read_registration_source(const Json& root) {
    if (const Json* counts = fields_.object(root, "", "counts", false)) {
      if (auto file = file_inside(*counts, "/counts")) {
        project_.counts = CountSource{path_.parent_path() / *file, display_path_beside(display_, *file),
                                      fields_.string(*counts, "/counts", "sheet", false).value_or("")};
      }
    }
    // Registrations may be left out when counts are given.
    const Json* reg = fields_.object(root, "", "registrations", !project_.counts);
    if (!reg) return;
    auto& source = project_.registrations;
    if (auto file = file_inside(*reg, "/registrations")) {
      source.path = path_.parent_path() / *file;
      source.display_path = display_path_beside(display_, *file);
    }
    source.sheet = fields_.string(*reg, "/registrations", "sheet", false).value_or("");
    if (auto rows = fields_.string(*reg, "/registrations", "rows", false)) {
      if (*rows != "participant" && *rows != "event") {
        fields_.invalid("/registrations/rows", Words("rows"));
      }
      source.events = *rows == "event";
    }
    if (reg->contains("skip_bad_rows")) {
      const Json& skip = (*reg)["skip_bad_rows"];
      if (skip.is_boolean())
        source.skip_bad_rows = skip.get<bool>();
      else
        fields_.wrong_type("/registrations/skip_bad_rows", Words("boolean"));
    }
    if (auto delimiter = fields_.string(*reg, "/registrations", "delimiter", false)) {
      if (*delimiter == ";" || *delimiter == ",")
        source.delimiter = (*delimiter)[0];
      else if (*delimiter == "tab" || *delimiter == "\t")
        source.delimiter = '\t';
      else
        fields_.invalid("/registrations/delimiter", Words("delimiter"));
    }
    if (const Json* columns = fields_.object(*reg, "/registrations", "columns", false)) {
      for (const auto& [field, header] : columns->items()) {
        if (!header.is_string()) {
          fields_.wrong_type(JsonFields::pointer("/registrations/columns", field), Words("column"));
          continue;
        }
        source.columns[field] = header.get<std::string>();
      }
    }
  }

  // A breakdown, an indicator's `where` or its date field on the
  // participants' id column would put their ids beside their pseudonyms and
  // into the outputs (a breakdown's categories, a filter's values) or into
  // every message about a row: refused. Read from the JSON itself, after the
  // columns are known, so that each is located; a malformed entry was
  // reported already.
  void refuse_participant_column(const Json& root) {
    const std::string id_column = normalise_header(project_.column_for(kParticipantField));
    auto refuse = [&](const std::string& field, const std::string& ptr, const char* variant) {
      if (normalise_header(project_.column_for(field)) != id_column) return;
      fields_.invalid(ptr, Words(variant, {{"field", field}}));
    };
    auto each = [&](const char* key, auto on_object) {
      auto it = root.find(key);
      if (it == root.end() || !it->is_array()) return;
      for (std::size_t i = 0; i < it->size(); ++i) {
        if ((*it)[i].is_object()) on_object((*it)[i], std::string("/") + key + "/" + std::to_string(i));
      }
    };
    each("indicators", [&](const Json& obj, const std::string& ptr) {
      auto date = obj.find("date_field");
      if (date != obj.end() && date->is_string())
        refuse(date->get<std::string>(), ptr + "/date_field", "id_column_date");
      auto refuse_in = [&](const Json& where, const std::string& wptr) {
        if (!where.is_object()) return;
        for (const auto& [field, values] : where.items())
          refuse(field, JsonFields::pointer(wptr, field), "id_column_filter");
      };
      if (auto where = obj.find("where"); where != obj.end()) refuse_in(*where, ptr + "/where");
      auto any = obj.find("any");
      if (any == obj.end() || !any->is_array()) return;
      for (std::size_t i = 0; i < any->size(); ++i) refuse_in((*any)[i], ptr + "/any/" + std::to_string(i));
    });
    each("breakdowns", [&](const Json& obj, const std::string& ptr) {
      auto field = obj.find("field");
      if (field != obj.end() && field->is_string())
        refuse(field->get<std::string>(), ptr + "/field", "id_column_breakdown");
    });
  }

  // A file that project.json names, `parent`/file: only inside the project's
  // folder (E207), so that no project publishes a file from elsewhere.
  std::optional<std::string> file_inside(const Json& obj, const std::string& parent) {
    auto file = fields_.string(obj, parent, "file", true);
    if (file && !inside_folder(path_.parent_path(), *file)) {
      diags_.error("E207", {{"file", *file}},
                   {display_, 0, 0, parent + "/file", ""});
      return std::nullopt;
    }
    return file;
  }

  std::filesystem::path path_;
  std::string display_;
  Diagnostics& diags_;
  JsonFields fields_;
  Project project_;
  std::set<std::tuple<std::string, std::string, std::optional<Date>>> target_keys_;  // municipality, indicator, from
  std::map<std::string, std::string> indicator_ptrs_;  // id -> the JSON Pointer of its declaration
};

}  // namespace

std::optional<Project> read_project(const std::filesystem::path& path, const std::string& display, Diagnostics& diags) {
  return ProjectReader(path, display, diags).read();
}

}  // namespace maaltal
