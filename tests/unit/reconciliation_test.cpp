// Two registration sources joined on the participant id: the rule order
// (test persons, join, another municipality), what differs between matched
// rows, the reader's located errors, and what a public report keeps.
#include "compute/reconciliation.h"

#include <catch2/catch.hpp>

#include "read/reconciliation_reader.h"
#include "test_support.h"

using namespace maaltal;

namespace {

Project two_source_project() {
  Project p;
  p.unit_codes = {"607", "161"};
  ReconciliationSpec spec;
  spec.sources = {{"jobcenter", "Register", {}, "jobcenter.csv", "", "id", "kommune", "dato"},
                  {"sag", "Sagsværktøj", {}, "sag.csv", "", "id", "kommune", "dato"}};
  spec.counts_from = "jobcenter";
  p.reconciliation = spec;
  return p;
}

ReconciliationRow row(const std::string& id, const std::string& unit, const std::string& date, int line) {
  return {id, unit, parse_date(date), SourceLocation{"f.csv", line, 0, "", ""}};
}

}  // namespace

TEST_CASE("reconciliation: test persons go before the join, another municipality only out of its source's N") {
  Project p = two_source_project();
  ReconciliationInput in;
  in.sources.resize(2);
  in.sources[0].rows = {row("A", "607", "2019-01-01", 2), row("B", "161", "2019-01-01", 3),
                        row("T", "607", "2019-01-01", 4),   // a test person in the register too
                        row("M", "101", "2019-01-01", 5),   // moved to København: matched, but not in N
                        row("X", "607", "2019-01-01", 6)};  // only in the register
  in.sources[1].rows = {row("A", "607", "2019-01-01", 2), row("B", "161", "2019-01-01", 3),
                        row("T", "607", "2019-01-01", 4), row("M", "607", "2019-01-01", 5),
                        row("Y", "161", "2019-01-01", 6)};
  in.test_persons = {"T"};
  auto rec = reconcile(p, in);
  REQUIRE(rec);
  const auto& reg = rec->sources[0];
  const auto& sag = rec->sources[1];
  CHECK(reg.rows.value == 5);
  CHECK(reg.test_persons.value == 1);
  CHECK(reg.other_unit.value == 1);
  CHECK(reg.kept.value == 3);
  CHECK(sag.rows.value == 5);
  CHECK(sag.test_persons.value == 1);
  CHECK(sag.other_unit.value == 0);
  CHECK(sag.kept.value == 4);
  // T is left out before the join: it is matched in neither source.
  CHECK(rec->matched.value == 3);  // A, B and M
  CHECK(reg.only_here.value == 1);
  CHECK(sag.only_here.value == 1);
  // rows - test persons = matched + only in, for each source.
  CHECK(reg.rows.value - reg.test_persons.value == rec->matched.value + reg.only_here.value);
  REQUIRE(rec->unmatched.size() == 2);
  CHECK(rec->unmatched[0].source == 0);
  CHECK(rec->unmatched[0].where.line == 6);
  CHECK(rec->unmatched[1].source == 1);
}

TEST_CASE("reconciliation: a matched id in a different municipality or with another date is counted as differing") {
  Project p = two_source_project();
  ReconciliationInput in;
  in.sources.resize(2);
  in.sources[0].rows = {row("A", "607", "2019-01-01", 2), row("B", "161", "2019-01-01", 3),
                        row("C", "161", "2019-02-01", 4)};
  in.sources[1].rows = {row("A", "161", "2019-01-01", 7), row("B", "161", "2019-01-04", 8),
                        row("C", "161", "", 9)};  // no date: nothing to compare
  auto rec = reconcile(p, in);
  REQUIRE(rec);
  CHECK(rec->matched.value == 3);
  CHECK(rec->differs_unit.value == 1);
  CHECK(rec->differs_date.value == 1);
  REQUIRE(rec->differences.size() == 2);
  CHECK(rec->differences[0].what == "municipality");
  CHECK(format_location(rec->differences[0].first) == "f.csv:2");
  CHECK(format_location(rec->differences[0].second) == "f.csv:7");
  CHECK(rec->differences[1].what == "date");
}

TEST_CASE("reconciliation: a CPR number with or without its hyphen is one id") {
  CHECK(reconciliation_key(" 010203-1234 ") == "0102031234");
  CHECK(reconciliation_key("0102031234") == "0102031234");
  CHECK(reconciliation_key("RA-00012") == "RA-00012");
}

TEST_CASE("reconciliation reader: an id twice in one source is an error at its row, naming the first") {
  test::TempDir dir;
  Dataset d;
  d.project = two_source_project();
  auto& spec = *d.project.reconciliation;
  spec.sources[0].path = dir.write("jobcenter.csv", "id;kommune;dato\nA;607;2019-01-01\nB;Glostrup;2019-01-02\nA;607;2019-01-03\n");
  spec.sources[1].path = dir.write("sag.csv", "id;kommune;dato\nA;607;2019-01-01\nB;999;01-13-2019\n");
  Diagnostics diags;
  read_reconciliation_sources(d, diags);
  std::vector<std::string> found;
  for (const auto& diag : diags.all()) found.push_back(diag.code + " " + format_location(diag.where));
  CHECK(found == std::vector<std::string>{"E234 jobcenter.csv:4:1", "E232 sag.csv:3:3", "E233 sag.csv:3:7"});
  CHECK(diags.all()[0].message.find("jobcenter.csv:2") != std::string::npos);
  // The row's text (holding the id) is never echoed.
  for (const auto& diag : diags.all()) CHECK(diag.where.line_text.empty());
  REQUIRE(d.reconciliation.sources.size() == 2);
  CHECK(d.reconciliation.sources[0].rows.size() == 2);
  CHECK(d.reconciliation.sources[0].rows[1].municipality == "161");  // a name read as its code
}

TEST_CASE("reconciliation reader: a missing column is an error at the header") {
  test::TempDir dir;
  Dataset d;
  d.project = two_source_project();
  auto& spec = *d.project.reconciliation;
  spec.sources[0].path = dir.write("jobcenter.csv", "id;dato\nA;2019-01-01\n");
  spec.sources[1].path = dir.write("sag.csv", "id;kommune;dato\nA;607;2019-01-01\n");
  Diagnostics diags;
  read_reconciliation_sources(d, diags);
  REQUIRE(diags.all().size() == 1);
  CHECK(diags.all()[0].code == "E230");
  CHECK(format_location(diags.all()[0].where) == "jobcenter.csv:1");
}

TEST_CASE("reconciliation: a public report keeps no locations and hides a small count with what would give it away") {
  Project p = two_source_project();
  ReconciliationInput in;
  in.sources.resize(2);
  for (int k = 0; k < 40; ++k) {
    std::string id = "P" + std::to_string(k);
    in.sources[0].rows.push_back(row(id, "607", "2019-01-01", k + 2));
    if (k >= 3) in.sources[1].rows.push_back(row(id, "607", "2019-01-01", k + 2));
  }
  for (int k = 0; k < 3; ++k) in.sources[1].rows.push_back(row("T" + std::to_string(k), "607", "2019-01-01", 50 + k));
  in.test_persons = {"T0", "T1", "T2"};
  auto rec = reconcile(p, in);
  REQUIRE(rec);
  CHECK(rec->sources[1].test_persons.value == 3);
  CHECK(rec->sources[0].only_here.value == 3);
  PrivacySettings settings;
  settings.suppress_below = 5;
  // zero_as_dash left at its default (off). KNOWN: with it on, this table makes
  // the disclosure audit report "infeasible" (not yet understood).
  publish_reconciliation(*rec, settings);
  CHECK(rec->unmatched.empty());
  CHECK(rec->differences.empty());
  CHECK(rec->sources[1].test_persons.hidden == Hidden::kSmall);
  CHECK(rec->sources[0].only_here.hidden == Hidden::kSmall);
  // rows = test persons + other + N: with all three shown, the 3 would be
  // their difference; so one more of them is hidden.
  const auto& sag = rec->sources[1];
  CHECK((sag.rows.hidden != Hidden::kNo || sag.other_unit.hidden != Hidden::kNo || sag.kept.hidden != Hidden::kNo));
}
