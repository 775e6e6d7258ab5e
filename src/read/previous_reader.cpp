#include "read/previous_reader.h"

#include <cmath>

#include "core/error.h"
#include "read/json_input.h"
#include "read/text_file.h"

namespace maaltal {

namespace {

constexpr double kMaxPreviousCount = 1e9;  // as the counts' limit
constexpr const char* kStatuses[] = {"on_track", "at_risk", "behind", "met", "partly_met", "not_met"};

class PreviousReader {
 public:
  explicit PreviousReader(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const std::string& what) const {
    throw Error(ErrorKind::kRead, "--previous: '" + file_ + "' is not a maaltal summary.json: " + what);
  }

  const Json& member(const Json& obj, const std::string& key, Json::value_t type, const std::string& where) const {
    if (!obj.is_object() || !obj.contains(key) || obj[key].type() != type) {
      fail(where + "/" + key + " is missing or of the wrong type");
    }
    return obj[key];
  }

  // A figure of a summary maaltal wrote: null (hidden or none) or a number
  // a count can be. Anything else (1e308, -1, "7") is no summary of ours, and
  // would be echoed into the outputs as a 309-digit number.
  std::optional<double> figure(const Json& obj, const std::string& key, const std::string& where, bool whole) const {
    if (!obj.contains(key) || obj[key].is_null()) return std::nullopt;
    const Json& v = obj[key];
    double x = v.is_number() ? v.get<double>() : -1;
    if (!v.is_number() || !std::isfinite(x) || x < 0 || x > kMaxPreviousCount || (whole && x != std::floor(x))) {
      fail(where + "/" + key +
           (whole ? " is not a count (a whole number from 0 to 10^9, or null)"
                  : " is not a figure (a number from 0 to 10^9, or null)"));
    }
    return x;
  }

  // A figure's status word as maaltal writes it, or "" for null or none:
  // anything else would be shown to the steering group as a status.
  std::string status(const Json& obj, const std::string& where) const {
    if (!obj.contains("status") || obj["status"].is_null()) return "";
    const Json& v = obj["status"];
    if (v.is_string()) {
      for (const char* known : kStatuses) {
        if (v.get<std::string>() == known) return known;
      }
    }
    fail(where + "/status is not a status (one of on_track, at_risk, behind, met, partly_met, not_met, or null)");
  }

  void read_values(const std::string& code, const Json& values, const std::string& where, PreviousReport& out) const {
    if (!values.is_object()) fail(where + " is not an object");
    for (const auto& [indicator, v] : values.items()) {
      PreviousFigure f{code, indicator, std::nullopt, std::nullopt, std::nullopt, "", {}};
      std::string at = where + "/" + indicator;
      f.actual = figure(v, "actual", at, false);  // a ratio's actual is a fraction
      f.target = figure(v, "target", at, false);
      f.attainment = figure(v, "attainment", at, false);
      f.status = status(v, at);
      const Json& series = member(v, "series", Json::value_t::array, at);
      for (std::size_t i = 0; i < series.size(); ++i) {
        const Json& point = series[i];
        std::optional<double> count = figure(point, "new", at + "/series/" + std::to_string(i), true);
        if (point.contains("month") && point["month"].is_string() && count)
          f.new_by_month.emplace_back(point["month"].get<std::string>(), *count);
      }
      out.figures.push_back(std::move(f));
    }
  }

  PreviousReport read(const std::string& text) const {
    auto parsed = parse_json_document(text);
    if (auto* problem = std::get_if<JsonProblem>(&parsed)) {
      fail((problem->pointer.empty() ? "" : problem->pointer + ": ") + problem->message);
    }
    const Json& j = std::get<Json>(parsed);
    PreviousReport out;
    out.file = file_;
    // A public summary has its small counts hidden: what changed since cannot
    // be told from it. Only the exact "internal" that maaltal writes is taken:
    // "Public" or a missing audience must not slip through.
    std::string audience = member(j, "audience", Json::value_t::string, "").get<std::string>();
    if (audience == "public") {
      throw Error(ErrorKind::kRead, "--previous: '" + file_ +
                                        "' is a public summary.json, with small counts hidden; give the internal one");
    }
    if (audience != "internal") fail("/audience is '" + audience + "' (expected \"internal\")");
    auto as_of = parse_date(member(j, "as_of", Json::value_t::string, "").get<std::string>());
    if (!as_of) fail("/as_of is not a date");
    out.as_of = *as_of;
    const Json& units = member(j, "units", Json::value_t::array, "");
    for (std::size_t u = 0; u < units.size(); ++u) {
      std::string where = "/units/" + std::to_string(u);
      std::string code = member(units[u], "code", Json::value_t::string, where).get<std::string>();
      read_values(code, member(units[u], "values", Json::value_t::object, where), where + "/values", out);
    }
    read_values("", member(member(j, "total", Json::value_t::object, ""), "values", Json::value_t::object, "/total"),
                "/total/values", out);
    return out;
  }

 private:
  std::string file_;
};

}  // namespace

PreviousReport read_previous_summary(const std::filesystem::path& path, const std::string& display_name) {
  std::vector<InputFile> provenance;  // the previous report is a reference, not an input of the figures
  std::string text = read_text_file(path, display_name, provenance);
  return PreviousReader(display_name).read(text);
}

}  // namespace maaltal
