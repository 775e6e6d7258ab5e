#include "app/output_folder.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/error.h"

namespace maaltal {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const fs::path& path, const std::string& why) {
  throw Error(ErrorKind::kWrite, "cannot write '" + path.generic_string() + "': " + why);
}

}  // namespace

OutputFolder::OutputFolder(const fs::path& dir) : dir_(dir) {
  std::error_code ec;
  created_ = fs::create_directories(dir_, ec);
  if (ec) throw Error(ErrorKind::kWrite, "cannot create '" + dir_.generic_string() + "': " + ec.message());
  std::string pattern = (dir_ / ".maaltal-XXXXXX").string();
  if (!mkdtemp(pattern.data())) fail(dir_, std::strerror(errno));  // mode 0700: no one else can plant a file
  private_ = pattern;
}

OutputFolder::~OutputFolder() {
  std::error_code ec;
  fs::remove_all(private_, ec);
  if (created_ && !committed_) fs::remove(dir_, ec);  // a failed build leaves no empty folder either
}

void OutputFolder::write(const std::string& name, const std::string& content) {
  fs::path path = reserve(name);
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
  if (fd < 0) fail(dir_ / name, std::strerror(errno));
  std::size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int error = errno;
      ::close(fd);
      fail(dir_ / name, std::strerror(error));
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) fail(dir_ / name, std::strerror(errno));
}

fs::path OutputFolder::reserve(const std::string& name) {
  names_.push_back(name);
  return private_ / name;
}

void OutputFolder::commit() {
  // rename() replaces a file or a link but not a folder: find that before
  // the first move, so that no move is made when one would fail.
  for (const auto& name : names_) {
    std::error_code ec;
    if (fs::is_directory(fs::symlink_status(dir_ / name, ec))) fail(dir_ / name, "a folder of that name is in the way");
  }
  for (const auto& name : names_) {
    if (std::rename((private_ / name).c_str(), (dir_ / name).c_str()) != 0) fail(dir_ / name, std::strerror(errno));
  }
  committed_ = true;
}

void refuse_overwriting_inputs(const fs::path& dir, const std::vector<std::string>& names,
                               const std::vector<std::string>& inputs) {
  for (const auto& input : inputs) {
    std::error_code ec;
    fs::path in = fs::weakly_canonical(input, ec);
    if (ec) continue;
    for (const auto& name : names) {
      fs::path out = dir / name;
      fs::path resolved = fs::weakly_canonical(out, ec);
      bool same = !ec && (resolved == in || fs::equivalent(out, in, ec));
      if (same) {
        throw Error(ErrorKind::kUsage, "--out: the output '" + out.lexically_normal().generic_string() +
                                           "' would overwrite the input '" + input +
                                           "'; choose another output folder");
      }
    }
  }
}

}  // namespace maaltal
