// Helpers shared by the unit tests: temporary project folders on disk, and
// registrations added to a Dataset in memory.
#pragma once
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "core/dataset.h"

namespace maaltal::test {

// A fresh folder under the system's temporary directory, removed afterwards.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / ("maaltal-test-" + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path write(const std::string& name, const std::string& content) const {
    auto p = path_ / name;
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }

 private:
  std::filesystem::path path_;
};

inline std::string source_path(const std::string& relative) { return std::string(MAALTAL_SOURCE_DIR) + "/" + relative; }

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Appends a registration given as text, in the dataset's schema order; its
// position is its row number. Returns the row.
inline std::size_t add_registration(Dataset& d, const std::string& participant, const std::string& unit_code,
                                    const std::vector<std::optional<Date>>& dates,
                                    const std::vector<std::string>& categories) {
  auto& regs = d.registrations;
  if (regs.empty()) regs.set_shape(d.schema.date_fields.size(), d.schema.category_fields.size());
  auto unit = std::find(d.project.unit_codes.begin(), d.project.unit_codes.end(), unit_code);
  std::vector<std::uint32_t> ids;
  for (const auto& c : categories) ids.push_back(regs.intern(c));
  regs.add(participant, static_cast<std::uint16_t>(unit - d.project.unit_codes.begin()), dates, ids,
           static_cast<int>(regs.size()) + 2);
  return regs.size() - 1;
}

}  // namespace maaltal::test
