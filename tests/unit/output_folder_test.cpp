// The output folder: what a failed writer's message names.
#include <catch2/catch.hpp>

#include "app/output_folder.h"
#include "test_support.h"

using namespace maaltal;
using maaltal::test::TempDir;

TEST_CASE("A workbook writer's error names the output's final path, not the private folder's", "[output]") {
  TempDir tmp;
  std::filesystem::path out = tmp.path() / "out";
  OutputFolder folder(out);
  std::filesystem::path written = folder.reserve("report.xlsx");
  REQUIRE(written != out / "report.xlsx");  // written in the private folder first
  std::string message = "cannot write workbook '" + written.string() + "': Error creating output xlsx file.";
  CHECK(folder.final_names(message) ==
        "cannot write workbook '" + (out / "report.xlsx").generic_string() + "': Error creating output xlsx file.");
  CHECK(folder.final_names("no path here") == "no path here");
}
