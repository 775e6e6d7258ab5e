// The limits of a project definition: what every writer can hold (Excel's
// table and defined names, its 32,767 characters in a cell) and what keeps a
// run small and fast. Checked when project.json is read, so that `check`
// refuses whatever `build` could not write. README "Project definition
// limits" lists them; nothing here reads files or computes figures.
#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/diagnostics.h"
#include "read/json_input.h"

namespace maaltal {

inline constexpr std::size_t kMaxIdLength = 64;             // bytes of any id (UTF-8: æ, ø, å take two)
inline constexpr std::size_t kMaxTextLength = 2000;         // characters of any string in project.json
inline constexpr std::size_t kMaxLabelLength = 255;         // an indicator's label: Excel's limit for a column header
inline constexpr std::size_t kMaxDefinitionLength = 20000;  // an indicator's generated definition (one cell)
inline constexpr int kMaxPeriodYears = 20;
inline constexpr int kMaxAsOfReachYears = 10;     // before the start or after the end
inline constexpr std::size_t kMaxTargets = 20000;        // inline or in a targets CSV
inline constexpr double kMaxCountTarget = 1e7;    // a count's or sum's target, milestone
inline constexpr double kMinRatioTarget = 0.001;  // a ratio's target: a level, 0.1 % ...
inline constexpr double kMaxRatioTarget = 1000;   // ... to 100,000 %

inline constexpr std::uintmax_t kMaxSmallFileBytes = std::uintmax_t{16} << 20;  // a counts or targets file
inline constexpr std::size_t kMaxQuotedCharacters = 200;                        // of a value echoed in a message

// A counts or targets file is read whole and parsed at once: over
// kMaxSmallFileBytes (far beyond any real one) it is an Error(kRead), before
// a byte is read, so that one endless line cannot take the machine's memory.
void require_small_file(const std::filesystem::path& path, const std::string& display_name);

// `value` in single quotes for a message, cut to kMaxQuotedCharacters
// characters with '…' after: a 20 MB value is not echoed whole.
std::string quote_value(std::string_view value);

// The number of characters (code points) of UTF-8 text.
std::size_t character_count(std::string_view text);

// Walks the whole document: every string and key at most kMaxTextLength
// characters, every array and object within its limit (indicators 200,
// sum terms 50, ...). Reports E203 with the JSON Pointer of each; false
// when anything is over, so that nothing of an oversized project is read.
bool check_definition_size(const Json& root, JsonFields& fields);

// An id of an indicator, breakdown, funnel or goal: a letter, then letters,
// digits and '_', at most kMaxIdLength bytes (it names Excel tables and
// defined names). The project's id may also hold '-' and start with a digit.
// Reports E203 at `ptr`; false when invalid.
enum class IdKind { kProject, kDefinition };
bool check_id(const std::string& id, IdKind kind, const std::string& ptr, JsonFields& fields);

// `id` with Unicode case folding (Æ and æ alike, as Excel compares table
// and defined names): the key under which two ids must differ.
std::string fold_id(std::string_view id);

// The month header of the indicator's monthly table in the workbook
// ("januar 2021") that `label` equals without regard to case, as Excel
// compares a table's column names; nullopt when none. The label heads the
// same table, and a table cannot have two columns of one name. Months from
// `start` to kMaxAsOfReachYears after `end`: as far as the series can reach.
std::optional<std::string> month_header_equal_to(const std::string& label, Date start, Date end,
                                                 const std::string& locale);

// The same day `years` later (or earlier); 29 February becomes the 28th.
Date years_after(Date date, int years);

// Why an as-of date is too far from the project period, with the fix (the
// words "as_of_after" or "as_of_before" of the code it is reported under);
// nullopt when it is within kMaxAsOfReachYears of it. `what` names the
// date's source ("--as-of 9999-12-31").
std::optional<Words> as_of_problem(Date as_of, Date start, Date end, const std::string& what);

}  // namespace maaltal
