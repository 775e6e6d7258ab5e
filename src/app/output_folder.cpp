#include "app/output_folder.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstring>

#include "core/error.h"
#include "read/spreadsheet.h"

namespace maaltal {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const fs::path& path, const std::string& why) {
  throw Error(ErrorKind::kWrite, "cannot write '" + path.generic_string() + "': " + why);
}

// What a signal handler removes: the private folder and the files reserved in
// it, as paths copied into fixed buffers beforehand, since a handler may
// only call async-signal-safe functions (unlink, rmdir: no allocation, no
// lock). One private folder is live at a time; a file beyond the table's
// room is not removed by a signal (a build writes seven at most).
struct SignalCleanup {
  static constexpr std::size_t kFiles = 16;
  std::array<char, PATH_MAX> folder{};
  std::array<char, PATH_MAX> created{};  // the output folder, when this build made it; else empty
  std::array<std::array<char, PATH_MAX>, kFiles> files{};
  std::atomic<std::size_t> count{0};
  std::atomic<bool> armed{false};
};
SignalCleanup cleanup;
constexpr std::array<int, 3> kSignals{SIGINT, SIGTERM, SIGHUP};

void copy_path(std::array<char, PATH_MAX>& to, const fs::path& from) {
  std::size_t n = std::min(from.native().size(), to.size() - 1);
  std::memcpy(to.data(), from.c_str(), n);
  to[n] = '\0';
}

extern "C" void remove_private_folder(int signal) {
  if (cleanup.armed.exchange(false)) {
    for (std::size_t f = 0, n = std::min(cleanup.count.load(), SignalCleanup::kFiles); f < n; ++f) {
      ::unlink(cleanup.files[f].data());
    }
    ::rmdir(cleanup.folder.data());
    if (cleanup.created[0] != '\0') ::rmdir(cleanup.created.data());  // only if empty
  }
  // Die of the signal as if unhandled, so the caller sees why (exit 128+n).
  ::signal(signal, SIG_DFL);
  ::raise(signal);
}

void arm_signal_cleanup(const fs::path& folder, const fs::path& created) {
  cleanup.count = 0;
  copy_path(cleanup.folder, folder);
  copy_path(cleanup.created, created);
  cleanup.armed = true;
  struct sigaction action {};
  action.sa_handler = remove_private_folder;
  sigemptyset(&action.sa_mask);
  for (int s : kSignals) {
    struct sigaction old {};
    // A signal ignored by whoever started maaltal (nohup) stays ignored.
    if (sigaction(s, nullptr, &old) == 0 && old.sa_handler != SIG_IGN) sigaction(s, &action, nullptr);
  }
}

void add_signal_cleanup(const fs::path& file) {
  std::size_t f = cleanup.count.load();
  if (f >= SignalCleanup::kFiles) return;
  copy_path(cleanup.files[f], file);
  cleanup.count = f + 1;  // published only once the path is complete
}

}  // namespace

OutputFolder::OutputFolder(const fs::path& dir) : dir_(dir) {
  std::error_code ec;
  created_ = fs::create_directories(dir_, ec);
  if (ec) throw Error(ErrorKind::kWrite, "cannot create '" + dir_.generic_string() + "': " + ec.message());
  std::string pattern = (dir_ / ".maaltal-XXXXXX").string();
  if (!mkdtemp(pattern.data())) fail(dir_, std::strerror(errno));  // mode 0700: no one else can plant a file
  private_ = pattern;
  arm_signal_cleanup(private_, created_ ? dir_ : fs::path());
}

OutputFolder::~OutputFolder() {
  cleanup.armed = false;  // from here on the destructor removes it
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
  add_signal_cleanup(private_ / name);
  return private_ / name;
}

std::string OutputFolder::final_names(std::string message) const {
  for (const auto& name : names_) {
    std::string from = (private_ / name).string(), to = (dir_ / name).generic_string();
    for (std::size_t at = message.find(from); at != std::string::npos; at = message.find(from, at + to.size())) {
      message.replace(at, from.size(), to);
    }
  }
  return message;
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

// The workbook writer ignores a failed write to its own temporary files (a
// full disk, a file size limit): the workbook would be cut short with no
// word. Each part is read back to its end, so a cut one fails the build.
void check_written_whole(const std::filesystem::path& path) {
  if (auto part = first_broken_xml_part(path.string())) {
    throw Error(ErrorKind::kWrite, "cannot write '" + path.string() + "': its part '" + *part +
                                       "' was cut short while it was written (is the disk full, or a file size "
                                       "limit reached?)");
  }
}

}  // namespace maaltal
