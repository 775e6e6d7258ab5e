#include "render/reconciliation_view.h"

#include "render/format.h"
#include "render/view_model.h"

namespace maaltal {

using Json = nlohmann::json;

namespace {

// A count as summary.json holds it: null with "hidden" beside it when a
// public report hides it.
Json count_json(const ReconciliationCount& c) { return c.hidden == Hidden::kNo ? Json(c.value) : Json(nullptr); }

std::string count_text(const Report& report, const ReconciliationCount& c, const Locale& locale) {
  if (c.hidden != Hidden::kNo) return hidden_mark(report, c.hidden, locale);
  return format_number(c.value, 0, locale.code());
}

// The per-source rows of the table, in the order the rules apply.
struct SourceRow {
  const char* key;
  ReconciliationCount ReconciledSource::*count;
};
constexpr SourceRow kSourceRows[] = {{"recon_rows", &ReconciledSource::rows},
                                     {"recon_test_persons", &ReconciledSource::test_persons},
                                     {"recon_other_unit", &ReconciledSource::other_unit},
                                     {"recon_kept", &ReconciledSource::kept},
                                     {"recon_only_here", &ReconciledSource::only_here}};

struct JointRow {
  const char* key;
  ReconciliationCount ReconciliationReport::*count;
};
constexpr JointRow kJointRows[] = {{"recon_matched", &ReconciliationReport::matched},
                                   {"recon_differs_unit", &ReconciliationReport::differs_unit},
                                   {"recon_differs_date", &ReconciliationReport::differs_date}};

const ReconciledSource* counts_source(const ReconciliationReport& rec) {
  for (const auto& s : rec.sources) {
    if (s.id == rec.counts_from) return &s;
  }
  return nullptr;
}

std::string counts_from_sentence(const Report& report, const ReconciliationReport& rec, const Locale& locale) {
  const ReconciledSource* s = counts_source(rec);
  if (!s) return "";
  return locale.fill("recon_counts_from", {{"label", s->label}, {"n", count_text(report, s->kept, locale)}});
}

}  // namespace

Json reconciliation_json(const ReconciliationReport& rec, Audience audience) {
  Json j = {{"counts_from", rec.counts_from},
            {"rules", {"test_persons", "join", "other_municipality"}},
            {"sources", Json::array()},
            {"rows", Json::object()},
            {"excluded", Json::object()},
            {"kept", Json::object()},
            {"matched", count_json(rec.matched)},
            {"only_in", Json::object()},
            {"differs", {{"municipality", count_json(rec.differs_unit)}, {"date", count_json(rec.differs_date)}}}};
  Json hidden = Json::object();
  auto note = [&](const std::string& name, const ReconciliationCount& c) {
    if (c.hidden != Hidden::kNo) hidden[name] = hidden_name(c.hidden);
  };
  note("matched", rec.matched);
  note("differs/municipality", rec.differs_unit);
  note("differs/date", rec.differs_date);
  for (const auto& s : rec.sources) {
    j["sources"].push_back({{"id", s.id}, {"label", s.label}, {"file", s.file}});
    j["rows"][s.id] = count_json(s.rows);
    j["excluded"][s.id] = {{"test_persons", count_json(s.test_persons)},
                           {"other_municipality", count_json(s.other_unit)}};
    j["kept"][s.id] = count_json(s.kept);
    j["only_in"][s.id] = count_json(s.only_here);
    note("rows/" + s.id, s.rows);
    note("excluded/" + s.id + "/test_persons", s.test_persons);
    note("excluded/" + s.id + "/other_municipality", s.other_unit);
    note("kept/" + s.id, s.kept);
    note("only_in/" + s.id, s.only_here);
  }
  if (!hidden.empty()) j["hidden"] = hidden;
  if (audience == Audience::kInternal) {
    Json unmatched = Json::array();
    for (const auto& u : rec.unmatched)
      unmatched.push_back({{"source", rec.sources[u.source].id}, {"location", format_location(u.where)}});
    j["unmatched"] = unmatched;
    Json differences = Json::array();
    for (const auto& d : rec.differences) {
      differences.push_back(
          {{"differs", d.what}, {"locations", {format_location(d.first), format_location(d.second)}}});
    }
    j["differences"] = differences;
  }
  return j;
}

Json reconciliation_view(const Report& report, const Locale& locale) {
  Json view = {{"shown", report.reconciliation.has_value()},
               {"counts_from", ""},
               {"sources", Json::array()},
               {"rows", Json::array()},
               {"joint", Json::array()},
               {"has_unmatched", false},
               {"unmatched", Json::array()},
               {"has_differences", false},
               {"differences", Json::array()}};
  if (!report.reconciliation) return view;
  const ReconciliationReport& rec = *report.reconciliation;
  view["counts_from"] = counts_from_sentence(report, rec, locale);
  for (const auto& s : rec.sources) view["sources"].push_back({{"label", s.label}});
  for (const auto& row : kSourceRows) {
    Json cells = Json::array();
    for (const auto& s : rec.sources)
      cells.push_back({{"text", count_text(report, s.*row.count, locale)}, {"label", s.label}});
    view["rows"].push_back({{"label", locale.get(row.key)}, {"cells", cells}});
  }
  for (const auto& row : kJointRows)
    view["joint"].push_back({{"label", locale.get(row.key)}, {"text", count_text(report, rec.*row.count, locale)}});
  for (const auto& u : rec.unmatched)
    view["unmatched"].push_back({{"source", rec.sources[u.source].label}, {"location", format_location(u.where)}});
  view["has_unmatched"] = !rec.unmatched.empty();
  for (const auto& d : rec.differences) {
    view["differences"].push_back({{"what", locale.get("recon_what_" + d.what)},
                                   {"first", format_location(d.first)},
                                   {"second", format_location(d.second)}});
  }
  view["has_differences"] = !rec.differences.empty();
  return view;
}

void write_reconciliation_sheet(const Report& report, const Locale& locale, Workbook& book) {
  if (!report.reconciliation) return;
  const ReconciliationReport& rec = *report.reconciliation;
  lxw_worksheet* sheet = book.add_sheet(locale.get("recon_sheet"), {.landscape = false, .header_row = true});
  lxw_format* bold = book.format("", true);
  lxw_format* count = book.format("#,##0");
  const std::string what = "recon_sheet";
  auto put = [&](lxw_row_t row, lxw_col_t col, const ReconciliationCount& c) {
    if (c.hidden != Hidden::kNo)
      check(worksheet_write_string(sheet, row, col, hidden_mark(report, c.hidden, locale).c_str(), nullptr), what);
    else
      check(worksheet_write_number(sheet, row, col, c.value, count), what);
  };
  auto text = [&](lxw_row_t row, lxw_col_t col, const std::string& s, lxw_format* f = nullptr) {
    check(worksheet_write_string(sheet, row, col, s.c_str(), f), what);
  };
  text(0, 0, locale.get("recon_heading"), bold);
  for (std::size_t s = 0; s < rec.sources.size(); ++s) text(0, static_cast<lxw_col_t>(1 + s), rec.sources[s].label, bold);
  lxw_row_t row = 1;
  for (const auto& r : kSourceRows) {
    text(row, 0, locale.get(r.key));
    for (std::size_t s = 0; s < rec.sources.size(); ++s) put(row, static_cast<lxw_col_t>(1 + s), rec.sources[s].*r.count);
    ++row;
  }
  ++row;  // the figures of both sources together, a block of their own
  for (const auto& r : kJointRows) {
    text(row, 0, locale.get(r.key));
    put(row++, 1, rec.*r.count);
  }
  ++row;
  text(row++, 0, counts_from_sentence(report, rec, locale));
  text(row++, 0, locale.get("recon_rules"));
  if (report.audience == Audience::kInternal && !rec.unmatched.empty()) {
    ++row;
    text(row, 0, locale.get("recon_unmatched_heading"), bold);
    text(row++, 1, locale.get("recon_location"), bold);
    for (const auto& u : rec.unmatched) {
      text(row, 0, rec.sources[u.source].label);
      text(row++, 1, format_location(u.where));
    }
  }
  if (report.audience == Audience::kInternal && !rec.differences.empty()) {
    ++row;
    text(row++, 0, locale.get("recon_differences_heading"), bold);
    for (const auto& d : rec.differences) {
      text(row, 0, locale.get("recon_what_" + d.what));
      text(row, 1, format_location(d.first));
      text(row++, 2, format_location(d.second));
    }
  }
  check(worksheet_set_column(sheet, 0, 0, 44, nullptr), "column width");
  check(worksheet_set_column(sheet, 1, 2, 30, nullptr), "column width");
}

}  // namespace maaltal
