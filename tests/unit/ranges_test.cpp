// Ranges across municipalities (compute/ranges.h) and their words
// (render/range_view.h): the lowest and the highest municipality beside a total.
#include "compute/ranges.h"

#include <catch2/catch.hpp>

#include "compute/compute.h"
#include "compute/suppression.h"
#include "render/range_view.h"
#include "test_support.h"

using namespace maaltal;
using maaltal::test::add_registration;

namespace {

const Collator& danish() {
  static const Collator collator("da");
  return collator;
}

// Internships and jobs in Kalundborg, Kolding and Furesø, with targets as in
// DOMAIN.md's Tabel 2-4 ("De små, de mellemstore"), and the share in a job.
Dataset internships(int kalundborg_jobs, bool with_randers = false) {
  Dataset d;
  Project& p = d.project;
  p.info = {"p", "Projekt", "", "", "", Date::from_ymd(2018, 1, 1), Date::from_ymd(2020, 12, 31), "da", 0};
  p.unit_codes = {"326", "621", "190"};
  p.unit_names = {{"326", "Kalundborg"}, {"621", "Kolding"}, {"190", "Furesø"}};
  p.indicators = {
      {"praktik", "Praktik", "", IndicatorKind::kCount, "praktik", {}, {}, "", ""},
      {"job", "Job", "", IndicatorKind::kCount, "job", {}, {}, "", ""},
      {"andel", "Andel i job", "", IndicatorKind::kRatio, "", {}, {}, "job", "praktik"},
  };
  p.targets = {{"326", "praktik", 168}, {"326", "job", 84}, {"621", "praktik", 173},
               {"621", "job", 87},      {"190", "praktik", 139}};  // Furesø: no job target
  if (with_randers) {
    p.unit_codes.push_back("730");
    p.unit_names["730"] = "Randers";
  }
  p.privacy.monthly_releases = false;
  d.schema = RecordSchema::for_project(p);
  Date when = Date::from_ymd(2019, 6, 1);
  const std::tuple<const char*, int, int> rows[] = {
      {"326", 93, kalundborg_jobs}, {"621", 201, 87}, {"190", 98, 37}, {"730", 150, 60}};
  for (auto [unit, interns, jobs] : rows) {
    if (!with_randers && std::string(unit) == "730") continue;
    for (int i = 0; i < interns; ++i) {
      add_registration(d, std::string(unit) + "-" + std::to_string(i), unit,
                       {when, i < jobs ? std::optional<Date>(when) : std::nullopt}, {});
    }
  }
  return d;
}

Report report_of(const Dataset& d) { return compute_report(d, {Date::from_ymd(2019, 12, 31), std::nullopt, "test"}); }

const Figure& total(const Report& r, const std::string& id) {
  return r.total.values[static_cast<std::size_t>(r.indicator_index(id))];
}

}  // namespace

TEST_CASE("ranges: the lowest and the highest municipality, with code, name and n") {
  // The employment rate of "Et mere rummeligt arbejdsmarked II": Haderslev 17/83, Kolding 39/65.
  std::vector<RangeEntry> entries = {{"607", "Fredericia", 55.0 / 94},
                                     {"510", "Haderslev", 17.0 / 83},
                                     {"621", "Kolding", 39.0 / 65},
                                     {"751", "Aarhus", 89.0 / 176}};
  auto range = range_over(entries, danish());
  REQUIRE(range);
  CHECK(range->min == Approx(0.2048).epsilon(0.001));
  CHECK(range->min_code == "510");
  CHECK(range->min_name == "Haderslev");
  CHECK(range->max == Approx(0.6));
  CHECK(range->max_code == "621");
  CHECK(range->max_name == "Kolding");
  CHECK(range->n == 4);
}

TEST_CASE("ranges: a municipality without a value is left out, and n says so") {
  std::vector<RangeEntry> entries = {
      {"607", "Fredericia", 0.9}, {"510", "Haderslev", std::nullopt}, {"621", "Kolding", 0.1}, {"161", "Glostrup", 0.5}};
  auto range = range_over(entries, danish());
  REQUIRE(range);
  CHECK(range->n == 3);
  CHECK(range->min_name == "Kolding");
  CHECK(range->max_name == "Fredericia");
}

TEST_CASE("ranges: fewer than two municipalities with a value give no range") {
  CHECK_FALSE(range_over({}, danish()));
  CHECK_FALSE(range_over({{"621", "Kolding", 0.5}}, danish()));
  CHECK_FALSE(range_over({{"621", "Kolding", 0.5}, {"510", "Haderslev", std::nullopt}}, danish()));
  CHECK(range_over({{"621", "Kolding", 0.5}, {"510", "Haderslev", 0.5}}, danish()));
}

TEST_CASE("ranges: of equal values the name first in Danish collation is named, whatever the order") {
  // Aarhus and Aabenraa sort last in Danish ("Aa" is Å), so Fredericia and
  // Kolding are named for both ends, whichever comes first in the input.
  std::vector<RangeEntry> entries = {{"751", "Aarhus", 0.2},
                                     {"580", "Aabenraa", 0.8},
                                     {"607", "Fredericia", 0.2},
                                     {"621", "Kolding", 0.8},
                                     {"510", "Haderslev", 0.5}};
  for (int pass = 0; pass < 2; ++pass) {
    auto range = range_over(entries, danish());
    REQUIRE(range);
    CHECK(range->min_name == "Fredericia");
    CHECK(range->max_name == "Kolding");
    std::reverse(entries.begin(), entries.end());
  }
  // In English collation Aabenraa and Aarhus come first.
  Collator english("en");
  auto range = range_over(entries, english);
  REQUIRE(range);
  CHECK(range->min_name == "Aarhus");
  CHECK(range->max_name == "Aabenraa");
}

TEST_CASE("ranges: the total's attainment and ratio ranges, Tabel 2-4 (Kalundborg 55 %, Kolding 116 %)") {
  Report r = report_of(internships(30));
  const Figure& praktik = total(r, "praktik");
  REQUIRE(praktik.attainment_range);
  CHECK(praktik.attainment_range->min_name == "Kalundborg");
  CHECK(praktik.attainment_range->min == Approx(93.0 / 168));
  CHECK(praktik.attainment_range->max_name == "Kolding");
  CHECK(praktik.attainment_range->max == Approx(201.0 / 173));  // over 100 %, never capped
  CHECK(praktik.attainment_range->n == 3);
  CHECK_FALSE(praktik.range);  // a count has no range of its own
  // Furesø has no job target, so no attainment: left out, n = 2.
  const Figure& job = total(r, "job");
  REQUIRE(job.attainment_range);
  CHECK(job.attainment_range->n == 2);
  CHECK(job.attainment_range->min_name == "Kalundborg");
  CHECK(job.attainment_range->max_name == "Kolding");
  // The share in a job: Kalundborg 30/93, Furesø 37/98, Kolding 87/201.
  const Figure& andel = total(r, "andel");
  REQUIRE(andel.range);
  CHECK(andel.range->min_code == "326");
  CHECK(andel.range->min == Approx(30.0 / 93));
  CHECK(andel.range->max_code == "621");
  CHECK(andel.range->max == Approx(87.0 / 201));
  CHECK(andel.range->n == 3);
  // Only the total has ranges.
  for (const auto& unit : r.units) CHECK_FALSE(unit.values[2].range);
}

TEST_CASE("ranges: a public report ranges only over the figures it shows, so no hidden cell is revealed") {
  // Kalundborg has 2 jobs: below 5, hidden in public, and so is its share
  // (and whatever else the suppression hides to protect it).
  Dataset d = internships(2, true);
  Report internal = report_of(d);
  const Figure& andel = total(internal, "andel");
  REQUIRE(andel.range);
  CHECK(andel.range->min_name == "Kalundborg");  // 2/93, exact in the internal report
  CHECK(andel.range->n == 4);

  Report pub = public_report(internal, d.project.privacy);
  auto kalundborg = std::find_if(pub.units.begin(), pub.units.end(), [](const UnitFigures& u) { return u.name == "Kalundborg"; });
  REQUIRE(kalundborg != pub.units.end());
  REQUIRE(kalundborg->values[1].hidden != Hidden::kNo);
  auto i = static_cast<std::size_t>(pub.indicator_index("andel"));
  // What a reader sees: the shares shown, lowest and highest.
  std::vector<const UnitFigures*> shown;
  for (const auto& unit : pub.units) {
    if (unit.values[i].hidden == Hidden::kNo && unit.values[i].actual) shown.push_back(&unit);
  }
  REQUIRE(shown.size() >= 2);
  REQUIRE(shown.size() < 4);
  auto by_share = [&](const UnitFigures* a, const UnitFigures* b) { return *a->values[i].actual < *b->values[i].actual; };
  const Figure& public_andel = total(pub, "andel");
  REQUIRE(public_andel.range);
  CHECK(public_andel.range->n == static_cast<int>(shown.size()));
  CHECK(public_andel.range->min_name == (*std::min_element(shown.begin(), shown.end(), by_share))->name);
  CHECK(public_andel.range->max_name == (*std::max_element(shown.begin(), shown.end(), by_share))->name);
  CHECK(public_andel.range->min_name != "Kalundborg");
  CHECK(public_andel.range->min > 2.0 / 93);
  // The job attainment: Kalundborg's is hidden, Furesø has no target.
  const Figure& job = total(pub, "job");
  if (job.attainment_range) {
    CHECK(job.attainment_range->min_name != "Kalundborg");
    CHECK(job.attainment_range->n < total(internal, "job").attainment_range->n);
  }
}

TEST_CASE("range words: '20,5–60,0 %', spoken without a dash, and the names") {
  TemplateSet templates;
  Locale da = Locale::load(templates, "da");
  Range range{17.0 / 83, "510", "Haderslev", 39.0 / 65, "621", "Kolding", 11};
  auto view = percent_range_view(range, 1, da);
  CHECK(view["has_range"] == true);
  // A no-break space before "%", so that a narrow tile never leaves "%" alone on a line.
  CHECK(view["text"] == "20,5–60,0\u00a0%");
  CHECK(view["spoken"] == "fra 20,5 til 60,0\u00a0%");
  CHECK(view["names"] == "lavest Haderslev 20,5\u00a0%, højest Kolding 60,0\u00a0%");
  CHECK(view["n"] == "11 kommuner med et tal");
  CHECK(percent_range_view(std::nullopt, 1, da)["has_range"] == false);

  Locale en = Locale::load(templates, "en");
  CHECK(percent_range_text(range, 1, en) == "20.5–60.0%");
  CHECK(percent_range_view(range, 0, en)["spoken"] == "from 20 to 60%");

  auto json = range_json(range);
  CHECK(json["min_code"] == "510");
  CHECK(json["max_name"] == "Kolding");
  CHECK(json["n"] == 11);
  CHECK(range_json(std::nullopt).is_null());
}
