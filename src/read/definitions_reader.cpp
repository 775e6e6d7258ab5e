#include "read/definitions_reader.h"

#include <algorithm>
#include <iterator>

#include "read/labels.h"
#include "read/project_limits.h"
#include "read/target_basis_reader.h"

namespace maaltal {

namespace {

// Whether `id` differs, under Unicode case folding, from every id in `kept`
// (as Excel compares the names they give); E205 at `ptr` when not.
template <typename Item>
bool unique_id(const std::vector<Item>& kept, const std::string& id, const std::string& ptr, DefinitionReader& r) {
  for (const auto& other : kept) {
    if (fold_id(other.id) != fold_id(id)) continue;
    r.diags.error("E205", other.id == id ? Words("id", {{"id", id}}) : Words("id_case", {{"id", id}, {"other", other.id}}),
                  {r.file, 0, 0, ptr, ""});
    return false;
  }
  return true;
}

template <std::size_t N>
bool one_of(const std::string& value, const char* const (&options)[N]) {
  return std::any_of(std::begin(options), std::end(options), [&](const char* o) { return value == o; });
}

void read_goals(const Json& root, DefinitionReader& r) {
  for (const auto& [obj_at, ptr] : r.objects_in(root, "goals", false)) {
    const Json& obj = *obj_at;
    Goal g;
    g.id = r.fields.string(obj, ptr, "id", true).value_or("");
    g.level = r.fields.string(obj, ptr, "level", true).value_or("");
    g.goal = r.fields.string(obj, ptr, "goal", true).value_or("");
    g.target_text = r.fields.string(obj, ptr, "target", false).value_or("");
    g.status = r.fields.string(obj, ptr, "status", false).value_or("");
    g.evidence = r.fields.string(obj, ptr, "evidence", false).value_or("");
    g.indicator = r.fields.string(obj, ptr, "indicator", false).value_or("");
    g.override_reason = r.fields.string(obj, ptr, "override_reason", false).value_or("");
    bool ok = !g.id.empty() && !g.level.empty() && !g.goal.empty();
    if (!g.id.empty() && !check_id(g.id, IdKind::kDefinition, ptr + "/id", r.fields)) ok = false;
    if (ok && !unique_id(r.project.goals, g.id, ptr + "/id", r)) ok = false;
    if (!g.level.empty() && !one_of(g.level, kGoalLevels)) {
      r.fields.invalid(ptr + "/level", Words("goal_level", {{"value", g.level}}));
      ok = false;
    }
    if (!g.status.empty() && !one_of(g.status, kGoalStatuses)) {
      r.fields.invalid(ptr + "/status", Words("goal_status", {{"value", g.status}}));
      ok = false;
    }
    if (!g.indicator.empty() && r.project.indicator_index(g.indicator) < 0) {
      r.diags.error("E204", {{"id", g.indicator}}, {r.file, 0, 0, ptr + "/indicator", ""});
      ok = false;
    }
    if (g.status.empty() && g.indicator.empty()) {
      r.fields.invalid(ptr + "/status", Words("goal_needs_status"));
      ok = false;
    }
    if (ok) r.project.goals.push_back(std::move(g));
  }
}

// An age band's bound: a whole number of years from 0 to 150.
bool age_in_range(double age, const std::string& ptr, DefinitionReader& r) {
  if (age >= 0 && age <= 150 && age == static_cast<int>(age)) return true;
  r.fields.invalid(ptr, Words("age_years"));
  return false;
}

// "age_bands": [{"from": 18, "to": 29}, ...] with "age_field": "birth_year" (default) or "age".
void read_age_bands(const Json& bands, const Json& obj, const std::string& ptr, Breakdown& b, DefinitionReader& r) {
  auto kind = r.fields.string(obj, ptr, "age_field", false).value_or("birth_year");
  if (kind != "birth_year" && kind != "age") r.fields.invalid(ptr + "/age_field", Words("age_field"));
  b.field_is_birth_year = kind == "birth_year";
  for (std::size_t k = 0; k < bands.size(); ++k) {
    std::string bptr = ptr + "/age_bands/" + std::to_string(k);
    if (!bands[k].is_object()) {
      r.fields.wrong_type(bptr, Words("age_band"));
      continue;
    }
    auto from = r.fields.number(bands[k], bptr, "from", true);
    auto to = r.fields.number(bands[k], bptr, "to", true);
    if (!from || !to) continue;
    if (!age_in_range(*from, bptr + "/from", r) || !age_in_range(*to, bptr + "/to", r)) continue;
    if (*to < *from) {
      r.fields.invalid(bptr + "/to", Words("age_band_order"));
      continue;
    }
    AgeBand band{"", static_cast<int>(*from), static_cast<int>(*to), {}};
    band.label = read_label(r.fields, bands[k], bptr, "label", false, r.project.info.locale, band.label_texts)
                     .value_or(std::to_string(band.from) + "–" + std::to_string(band.to));
    b.age_bands.push_back(band);
    b.categories.push_back(band.label);
  }
  if (b.age_bands.empty()) r.fields.invalid(ptr + "/age_bands", Words("no_age_band"));
}

void read_breakdowns(const Json& root, DefinitionReader& r) {
  for (const auto& [obj_at, ptr] : r.objects_in(root, "breakdowns", false)) {
    const Json& obj = *obj_at;
    Breakdown b;
    b.id = r.fields.string(obj, ptr, "id", true).value_or("");
    if (!b.id.empty() && !check_id(b.id, IdKind::kDefinition, ptr + "/id", r.fields)) continue;
    if (!b.id.empty() && !unique_id(r.project.breakdowns, b.id, ptr + "/id", r)) continue;
    b.label = read_label(r.fields, obj, ptr, "label", false, r.project.info.locale, b.label_texts).value_or(b.id);
    b.indicator = r.fields.string(obj, ptr, "indicator", true).value_or("");
    b.field = r.fields.string(obj, ptr, "field", true).value_or("");
    const Json* bands = r.fields.array(obj, ptr, "age_bands", false);
    if (bands) read_age_bands(*bands, obj, ptr, b, r);
    const Json* categories = bands ? nullptr : r.fields.array(obj, ptr, "categories", true);
    if (categories) {
      for (const auto& c : *categories) {
        if (c.is_string())
          b.categories.push_back(c.get<std::string>());
        else
          r.fields.wrong_type(ptr + "/categories", Words("strings"));
      }
      if (b.categories.empty()) r.fields.invalid(ptr + "/categories", Words("no_category"));
    }
    int index = r.project.indicator_index(b.indicator);
    if (!b.indicator.empty() && index < 0) {
      r.diags.error("E204", {{"id", b.indicator}}, {r.file, 0, 0, ptr + "/indicator", ""});
    } else if (index >= 0 && r.project.indicators[static_cast<std::size_t>(index)].kind != IndicatorKind::kCount) {
      r.fields.invalid(ptr + "/indicator", Words("breakdown_kind"));
    } else if (!b.id.empty() && !b.field.empty() && !b.categories.empty()) {
      r.project.breakdowns.push_back(std::move(b));
    }
  }
}

void read_funnels(const Json& root, DefinitionReader& r) {
  for (const auto& [obj_at, ptr] : r.objects_in(root, "funnels", false)) {
    const Json& obj = *obj_at;
    Funnel funnel;
    funnel.id = r.fields.string(obj, ptr, "id", true).value_or("");
    funnel.label =
        read_label(r.fields, obj, ptr, "label", false, r.project.info.locale, funnel.label_texts).value_or(funnel.id);
    const Json* stages = r.fields.array(obj, ptr, "stages", true);
    if (funnel.id.empty() || !stages || !check_id(funnel.id, IdKind::kDefinition, ptr + "/id", r.fields)) continue;
    if (!unique_id(r.project.funnels, funnel.id, ptr + "/id", r)) continue;
    bool ok = true;
    for (std::size_t k = 0; k < stages->size(); ++k) {
      std::string sptr = ptr + "/stages/" + std::to_string(k);
      const Json& stage = (*stages)[k];
      int index = stage.is_string() ? r.project.indicator_index(stage.get<std::string>()) : -1;
      if (!stage.is_string()) {
        r.fields.wrong_type(sptr, Words("indicator_id"));
      } else if (index < 0) {
        r.diags.error("E204", {{"id", stage.get<std::string>()}}, {r.file, 0, 0, sptr, ""});
      } else if (r.project.indicators[static_cast<std::size_t>(index)].kind == IndicatorKind::kRatio) {
        r.fields.invalid(sptr, Words("funnel_stage_kind"));
      } else {
        funnel.stages.push_back(stage.get<std::string>());
        continue;
      }
      ok = false;
    }
    if (ok && funnel.stages.size() < 2) r.fields.invalid(ptr + "/stages", Words("funnel_stages"));
    if (ok && funnel.stages.size() >= 2) r.project.funnels.push_back(std::move(funnel));
  }
}

void read_milestones(const Json& root, DefinitionReader& r) {
  for (const auto& [obj_at, ptr] : r.objects_in(root, "milestones", false)) {
    const Json& obj = *obj_at;
    std::string code = obj.contains("municipality") ? r.unit_code(obj["municipality"], ptr + "/municipality") : "";
    if (!obj.contains("municipality")) r.fields.missing(ptr + "/municipality");
    auto indicator = r.fields.string(obj, ptr, "indicator", true);
    auto date = r.fields.date(obj, ptr, "date", true);
    auto value = r.fields.number(obj, ptr, "value", true);
    if (indicator && r.project.indicator_index(*indicator) < 0) {
      r.diags.error("E204", {{"id", *indicator}}, {r.file, 0, 0, ptr + "/indicator", ""});
      continue;
    }
    if (value && *value < 0) {
      r.fields.invalid(ptr + "/value", Words("milestone_negative"));
      continue;
    }
    if (value && *value > kMaxCountTarget) {
      r.fields.invalid(ptr + "/value", Words("milestone_max"));
      continue;
    }
    if (!code.empty() && indicator && date && value) r.project.milestones.push_back({code, *indicator, *date, *value});
  }
}

}  // namespace

void read_definitions(const Json& root, DefinitionReader& r) {
  read_milestones(root, r);
  read_funnels(root, r);
  read_breakdowns(root, r);
  read_goals(root, r);
  read_target_basis(root, r);
}

}  // namespace maaltal
