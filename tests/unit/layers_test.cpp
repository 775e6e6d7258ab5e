// The layers of ARCHITECTURE.md: readers -> Dataset -> compute -> Report ->
// writers. The lower layers include nothing from the writers or the app.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

TEST_CASE("core, read and compute include nothing from render or app", "[layers]") {
  std::filesystem::path src = std::filesystem::path(MAALTAL_SOURCE_DIR) / "src";
  std::vector<std::string> crossings;
  for (const char* layer : {"core", "read", "compute"}) {
    for (const auto& entry : std::filesystem::directory_iterator(src / layer)) {
      std::ifstream in(entry.path());
      for (std::string line; std::getline(in, line);) {
        if (line.rfind("#include \"render/", 0) == 0 || line.rfind("#include \"app/", 0) == 0) {
          crossings.push_back(entry.path().filename().string() + ": " + line);
        }
      }
    }
  }
  CHECK(crossings == std::vector<std::string>{});
}
