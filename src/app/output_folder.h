// Where `build` writes: every output goes first into a fresh private folder
// inside the output folder (mkdtemp, mode 0700, each file created anew and
// never through a symbolic link), and is moved into place only when all are
// written. So a failure leaves the previous outputs as they were and nothing
// temporary behind, and a link planted in the output folder is replaced, not
// followed. A build killed by SIGINT, SIGTERM or SIGHUP removes the private
// folder too, then dies of the signal. Nothing here knows what the outputs are.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace maaltal {

class OutputFolder {
 public:
  // Creates `dir` if missing, and the private folder in it. Throws Error(kWrite).
  explicit OutputFolder(const std::filesystem::path& dir);
  ~OutputFolder();  // removes the private folder and what is left in it
  OutputFolder(const OutputFolder&) = delete;
  OutputFolder& operator=(const OutputFolder&) = delete;

  // Writes `content` as `name` in the private folder. Throws Error(kWrite).
  void write(const std::string& name, const std::string& content);
  // Where a writer that makes its own file (a workbook) puts `name`; it is
  // moved into place with the others.
  std::filesystem::path reserve(const std::string& name);
  // `message` with the private folder's path of each file given as its
  // final path in the output folder: what a failed writer's error names.
  std::string final_names(std::string message) const;
  // Moves every file into the output folder, after making sure that each
  // final name can take it (no folder is in the way).
  void commit();

 private:
  std::filesystem::path dir_, private_;
  std::vector<std::string> names_;
  bool created_ = false;    // the output folder itself was made by this build
  bool committed_ = false;
};

// Throws Error(kUsage) when an output `names` in `dir` would be one of the
// `inputs` (paths as given, relative to the working folder): --out set to
// the project folder must not overwrite a text named status.md.
void refuse_overwriting_inputs(const std::filesystem::path& dir, const std::vector<std::string>& names,
                               const std::vector<std::string>& inputs);

// A workbook just written, read back: each XML part must parse to its end,
// else an Error (exit code 5) naming the part. The workbook writer does not
// report a failed write to its temporary files (a full disk, a file size
// limit), and the workbook would be cut short with no word.
void check_written_whole(const std::filesystem::path& path);

}  // namespace maaltal
