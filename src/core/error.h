// The one exception type for fatal errors: a file that cannot be read or
// written, a bad template, a library failure. Input *data* problems are not
// fatal errors; they are Diagnostics (see diagnostics.h). `main` catches Error
// once and maps its kind to the exit code documented in README.md.
#pragma once
#include <stdexcept>
#include <string>

namespace maaltal {

enum class ErrorKind {
  kUsage = 2,     // a bad command-line option or argument
  kRead = 4,      // an input file cannot be opened or read
  kWrite = 5,     // an output cannot be written
  kTemplate = 6,  // a template does not parse or names nothing
  kLimit = 7,     // more memory than a run may use: past a limit (core/limits.h), or out of memory
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const { return kind_; }
  int exit_code() const { return static_cast<int>(kind_); }

 private:
  ErrorKind kind_;
};

}  // namespace maaltal
