// The pool file: its shape checked, each problem at its JSON Pointer.
#include "read/pool_reader.h"

#include <catch2/catch.hpp>

#include "test_support.h"

using namespace maaltal;
using maaltal::test::TempDir;

namespace {

struct ReadPool {
  Diagnostics diags;
  std::optional<PoolDefinition> pool;
  std::string messages() const {
    std::string out;
    for (const auto& d : diags.all()) out += format_diagnostic(d);
    return out;
  }
};

ReadPool read(const TempDir& dir, const std::string& text) {
  ReadPool r;
  auto path = dir.write("pool.json", text);
  std::vector<InputFile> provenance;
  r.pool = read_pool_file(path, "pool.json", r.diags, provenance);
  return r;
}

}  // namespace

TEST_CASE("pool file: projects relative to the pool file, indicators with each project's id") {
  TempDir dir;
  auto r = read(dir, R"({"id": "pulje", "title": "Pulje", "aggregation": "mean_capped",
    "projects": ["../a/project.json", "b/summary.json"],
    "indicators": [{"id": "i_job", "label": "I job", "from": {"a": "i_job", "b": "job"}}]})");
  REQUIRE(r.pool);
  CHECK(r.messages().empty());
  CHECK(r.pool->aggregation == Aggregation::kMeanCapped);
  REQUIRE(r.pool->projects.size() == 2);
  CHECK(r.pool->projects[0].display == (dir.path().parent_path() / "a/project.json").generic_string());
  CHECK(r.pool->projects[1].display == (dir.path() / "b/summary.json").generic_string());
  CHECK(r.pool->indicators[0].from.at("b") == "job");
  CHECK(r.pool->indicators[0].from_pointer.at("b") == "/indicators/0/from/b");
}

TEST_CASE("pool file: each mistake at its pointer") {
  TempDir dir;
  auto r = read(dir, R"({"id": "pulje", "aggregation": "median",
    "period": {"start": "2022-01-01", "end": "2021-01-01"},
    "projects": ["a/project.json", "a/project.json", 3],
    "indicators": [{"id": "i_job", "from": {"a": ""}}, {"id": "i_job", "from": {}}]})");
  CHECK_FALSE(r.pool);
  CHECK(r.messages() ==
        "pool.json#/title: error: required value is missing [E202]\n"
        "pool.json#/aggregation: error: unknown aggregation 'median' (expected sum, mean or mean_capped) [E203]\n"
        "pool.json#/period/end: error: the period ends on or before it starts [E203]\n"
        "pool.json#/projects/1: error: project 'a/project.json' is named twice [E205]\n"
        "pool.json#/projects/2: error: expected a path to a project.json or a summary.json, or {\"path\", "
        "\"dashboard\"} [E202]\n"
        "pool.json#/indicators/0/from/a: error: expected the project's indicator id [E202]\n"
        "pool.json#/indicators/1/id: error: indicator 'i_job' is declared twice [E205]\n"
        "pool.json#/indicators/1/from: error: map at least one project's id to its indicator id [E203]\n");
}

TEST_CASE("pool file: a project with a link to its own dashboard; a link a public page must not carry") {
  TempDir dir;
  auto r = read(dir, R"({"id": "pulje", "title": "Pulje",
    "projects": [{"path": "a/project.json", "dashboard": "https://example.org/a/"},
                 {"path": "b/project.json", "dashboard": "../b/out/index.html"}],
    "indicators": [{"id": "i_job", "from": {"a": "i_job"}}]})");
  REQUIRE(r.pool);
  CHECK(r.pool->projects[0].dashboard == "https://example.org/a/");
  CHECK(r.pool->projects[1].dashboard == "../b/out/index.html");
  CHECK(r.pool->projects[1].path == "b/project.json");
  for (const char* link : {"javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "a b.html"}) {
    auto bad = read(dir, std::string(R"({"id": "p", "title": "P", "projects": [{"path": "a/project.json", "dashboard": ")") +
                             link + R"("}], "indicators": [{"id": "i", "from": {"a": "i"}}]})");
    CHECK_FALSE(bad.pool);
    CHECK(bad.messages().find("pool.json#/projects/0/dashboard: error: dashboard link '") == 0);
    CHECK(bad.messages().find("[E218]") != std::string::npos);
  }
}
