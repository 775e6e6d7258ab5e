// project.json's target_basis: a municipality measured against a target
// version other than the one in force, read, computed and stated.
#include <catch2/catch.hpp>

#include "compute/compute.h"
#include "compute/target_basis.h"
#include "read/load.h"
#include "render/locale.h"
#include "render/target_basis_view.h"
#include "test_support.h"

using namespace maaltal;
using maaltal::test::add_registration;
using maaltal::test::TempDir;

namespace {

// Two municipalities with an original and an adjusted target each, as in
// "Et mere rummeligt arbejdsmarked": Haderslev (510) referred 83 against 100
// originally and 70 adjusted; Kolding (621) 65 against 336 and 67.
Dataset two_versions() {
  Dataset d;
  Project& p = d.project;
  p.info = {"p", "Projekt", "", "", "", Date::from_ymd(2018, 1, 1), Date::from_ymd(2020, 12, 31), "da", 0};
  p.unit_codes = {"510", "621"};
  p.unit_names = {{"510", "Haderslev"}, {"621", "Kolding"}};
  p.indicators = {{"visiterede", "Visiterede", "", IndicatorKind::kCount, "visiteret", {}, {}, "", ""}};
  p.targets = {{"510", "visiterede", 100, "oprindelig", std::nullopt, ""},
               {"510", "visiterede", 70, "justeret", Date::from_ymd(2019, 7, 1), "midtvejsstatus"},
               {"621", "visiterede", 336, "oprindelig", std::nullopt, ""},
               {"621", "visiterede", 67, "justeret", Date::from_ymd(2019, 7, 1), "midtvejsstatus"}};
  p.aggregation = Aggregation::kMeanCapped;
  d.schema = RecordSchema::for_project(p);
  auto add = [&](const std::string& unit, int n) {
    for (int i = 0; i < n; ++i)
      add_registration(d, unit + "-" + std::to_string(i), unit, {Date::from_ymd(2019, 3, 1)}, {});
  };
  add("510", 83);
  add("621", 65);
  return d;
}

const ComputeOptions kAtEnd{Date::from_ymd(2020, 12, 31), std::nullopt, "test"};

}  // namespace

TEST_CASE("target basis: without one, every municipality is measured against the version in force") {
  Report r = compute_report(two_versions(), kAtEnd);
  const Figure& haderslev = r.units[0].values[0];
  CHECK(*haderslev.target == 70);
  CHECK(haderslev.target_basis == "in_force");
  CHECK(haderslev.target_basis_reason.empty());
  CHECK(r.total.values[0].target_basis == "in_force");
  CHECK(*r.total.values[0].attainment == Approx((1.0 + 65.0 / 67) / 2));  // Haderslev's 119 % capped
}

TEST_CASE("target basis: a chosen version is the target of the municipality, its total and its mean") {
  Dataset d = two_versions();
  d.project.target_basis = {{"510", "visiterede", "oprindelig", "Evalueringen måler Haderslev mod det oprindelige"}};
  Report r = compute_report(d, kAtEnd);
  const Figure& haderslev = r.units[0].values[0];
  REQUIRE(r.units[0].name == "Haderslev");
  CHECK(*haderslev.target == 100);
  CHECK(haderslev.target_version == "oprindelig");
  CHECK(haderslev.target_basis == "chosen");
  CHECK(haderslev.target_basis_reason == "Evalueringen måler Haderslev mod det oprindelige");
  CHECK(*haderslev.target_in_force == 70);
  CHECK(haderslev.target_in_force_version == "justeret");
  CHECK(*haderslev.attainment == Approx(0.83));
  CHECK(*haderslev.expected == Approx(100));  // the period is over: all of the chosen target
  const Figure& kolding = r.units[1].values[0];
  CHECK(*kolding.target == 67);
  CHECK(kolding.target_basis == "in_force");
  const Figure& total = r.total.values[0];
  CHECK(total.target_basis == "mixed");
  CHECK(*total.target == 167);                                         // 100 + 67
  CHECK(*total.attainment == Approx((0.83 + 65.0 / 67) / 2));         // mean_capped
  d.project.aggregation = Aggregation::kSum;
  CHECK(*compute_report(d, kAtEnd).total.values[0].attainment == Approx(148.0 / 167));
}

TEST_CASE("target basis: of several versions of the chosen name, the one in force at the as-of date") {
  std::vector<Target> targets{{"510", "v", 10, "oprindelig", std::nullopt, ""},
                              {"510", "v", 20, "justeret", Date::from_ymd(2019, 1, 1), "a"},
                              {"510", "v", 30, "justeret", Date::from_ymd(2020, 1, 1), "b"},
                              {"510", "v", 40, "sidste", Date::from_ymd(2020, 6, 1), "c"}};
  std::vector<const Target*> versions;
  for (const auto& t : targets) versions.push_back(&t);
  TargetBasis basis{"510", "v", "justeret", "grund"};
  Figure f;
  set_target(f, versions, Date::from_ymd(2020, 12, 31), &basis);
  CHECK(*f.target == 30);
  CHECK(f.target_reason == "b");
  CHECK(*f.target_in_force == 40);
  CHECK(*f.target_original == 10);
  Figure early;
  set_target(early, versions, Date::from_ymd(2018, 6, 1), &basis);  // before any 'justeret': its first
  CHECK(*early.target == 20);
}

TEST_CASE("target basis: each output's words name the version, the one in force and the reason") {
  Dataset d = two_versions();
  d.project.target_basis = {{"510", "visiterede", "oprindelig", "Evalueringen måler Haderslev mod det oprindelige"}};
  Report r = compute_report(d, kAtEnd);
  Locale da = Locale::load(TemplateSet(), "da");
  auto sentences = target_basis_sentences(r, 0, da);
  REQUIRE(sentences.size() == 2);
  CHECK(sentences[0].sentence == "Haderslev: målt mod måltallet oprindelig (100), ikke det gældende justeret (70).");
  CHECK(sentences[0].reason == "Evalueringen måler Haderslev mod det oprindelige.");
  CHECK(sentences[1].sentence == "I alt: måltallet er summen af de måltal, kommunerne måles mod.");
  CHECK(target_cell(r.units[0].values[0], "100") == "100 (oprindelig)");
  CHECK(target_cell(r.units[1].values[0], "67") == "67");
  Locale en = Locale::load(TemplateSet(), "en");
  CHECK(target_basis_sentences(r, 0, en)[0].sentence ==
        "Haderslev: measured against the oprindelig target (100), not the justeret one in force (70).");
}

namespace {

const char* kProject = R"({
  "id": "p", "title": "Projekt",
  "period": {"start": "2018-01-01", "end": "2020-12-31"},
  "municipalities": ["510", "621"],
  "indicators": [
    {"id": "visiterede", "kind": "count", "date_field": "visiteret"},
    {"id": "andel", "kind": "ratio", "numerator": "visiterede", "denominator": "visiterede"}
  ],
  "targets": [{"municipality": "510", "indicator": "visiterede", "value": 100},
              {"municipality": "510", "indicator": "visiterede", "value": 70, "version": "justeret",
               "effective": "2019-07-01", "reason": "midtvejsstatus"}],
  "target_basis": BASIS,
  "registrations": {"file": "reg.csv", "columns": {"participant": "id", "municipality": "kommune"}}
})";

struct Loaded {
  Diagnostics diags;
  std::optional<Dataset> dataset;
  std::string messages() const {
    std::string out;
    for (const auto& d : diags.all()) out += format_diagnostic(d);
    return out;
  }
};

Loaded load_with(const std::string& basis) {
  TempDir dir;
  std::string project = kProject;
  project.replace(project.find("BASIS"), 5, basis);
  dir.write("project.json", project);
  dir.write("reg.csv", "id;kommune;visiteret\n");
  Loaded result;
  result.dataset = load_dataset(dir.path() / "project.json", "project.json", result.diags);
  return result;
}

}  // namespace

TEST_CASE("target basis: read from project.json, by municipality code or name") {
  auto r = load_with(R"([{"municipality": "Haderslev", "indicator": "visiterede", "version": "oprindelig",
                          "reason": "Evalueringen måler Haderslev mod det oprindelige"}])");
  CHECK(r.messages().empty());
  REQUIRE(r.dataset);
  REQUIRE(r.dataset->project.target_basis.size() == 1);
  const TargetBasis& b = r.dataset->project.target_basis[0];
  CHECK(b.unit_code == "510");
  CHECK(b.indicator == "visiterede");
  CHECK(b.version == "oprindelig");
  CHECK(b.reason == "Evalueringen måler Haderslev mod det oprindelige");
}

TEST_CASE("target basis: an unknown version, a missing reason, a repeat or nothing to choose is a located error") {
  auto r = load_with(R"([
    {"municipality": "510", "indicator": "visiterede", "version": "oprindlig", "reason": "r"},
    {"municipality": "510", "indicator": "visiterede", "version": "oprindelig"},
    {"municipality": "510", "indicator": "visiterede", "version": "oprindelig", "reason": "  "},
    {"municipality": "510", "indicator": "visiterede", "version": "oprindelig", "reason": "r"},
    {"municipality": "510", "indicator": "visiterede", "version": "justeret", "reason": "r"},
    {"municipality": "621", "indicator": "visiterede", "version": "oprindelig", "reason": "r"},
    {"municipality": "510", "indicator": "i_job", "version": "oprindelig", "reason": "r"},
    {"municipality": "101", "indicator": "visiterede", "version": "oprindelig", "reason": "r"}
  ])");
  CHECK(r.messages() ==
        "project.json#/target_basis/0/version: error: 'oprindlig' is not a version of Haderslev's (510) target for "
        "'visiterede' (versions: 'oprindelig', 'justeret') [E220]\n"
        "project.json#/target_basis/1: error: give a reason ('reason'): measuring against another version than the "
        "one in force must be explained to the reader [E221]\n"
        "project.json#/target_basis/2/reason: error: give a reason ('reason'): measuring against another version "
        "than the one in force must be explained to the reader [E221]\n"
        "project.json#/target_basis/4: error: Haderslev (510) and 'visiterede' already have a chosen target; give "
        "each municipality and indicator once [E222]\n"
        "project.json#/target_basis/5/indicator: error: Kolding (621) has no target for 'visiterede' to choose a "
        "version of [E223]\n"
        "project.json#/target_basis/6/indicator: error: unknown indicator 'i_job' [E204]\n"
        "project.json#/target_basis/7/municipality: error: municipality 101 is not one of the project's "
        "municipalities [E105]\n");
}
