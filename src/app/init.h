// `maaltal init SHEET --out DIR`: a project to start from, made from a
// user's registrations table. Reads the table (read/table_survey.h guesses
// what each column holds), then writes DIR/project.json, DIR/targets.csv (a
// row per municipality and indicator, the target left for the user) and a
// copy of the table, whole or not at all (app/output_folder.h), and returns
// its guesses in words for a person to check. It never overwrites a
// project.json or targets.csv unless told to, and never prints an id.
#pragma once
#include <filesystem>
#include <string>

#include "core/diagnostics.h"

namespace maaltal {

struct InitOptions {
  std::filesystem::path sheet;  // the registrations table (.csv, .xlsx, .ods), as named on the command line
  std::filesystem::path out;    // the project folder to write (created if missing)
  bool force = false;           // replace an existing project.json, targets.csv or copy of the table
};

struct InitResult {
  Diagnostics diagnostics;  // problems in the table; with an error nothing is written
  std::string guesses;      // what init made of each column, and the project it wrote
  std::string written;      // "DIR/{project.json,targets.csv,reg.csv}", empty when nothing was written
  std::string next;         // the next commands to run
};

// Throws Error(kUsage) for a project.json or targets.csv (or another file
// under the table's name) already in DIR without `force`; Error(kRead) when
// the table cannot be read; Error(kWrite) when DIR cannot be written.
InitResult run_init(const InitOptions& options);

}  // namespace maaltal
