// The words of a pool's figures, shared by its status.md and its dashboard:
// counts, percentages, statuses, a figure's cell ("37 / 69 (54 %)", "<5",
// "not part of") and a range's text.
#pragma once
#include <string>

#include "core/pool.h"
#include "render/format.h"
#include "render/locale.h"

namespace maaltal {

class PoolWords {
 public:
  PoolWords(const PoolReport& pool, const Locale& words) : pool_(pool), words_(words) {}

  std::string count(std::optional<double> v) const { return v ? format_number(*v, 0, pool_.locale) : "–"; }
  std::string percent(std::optional<double> v) const {
    return v ? format_percent(*v, pool_.percent_decimals, pool_.locale) : "–";
  }
  std::string status(const std::string& s) const { return s.empty() ? "–" : words_.get(s); }
  // A public figure's actual: its mark where it is hidden.
  std::string actual(const PoolFigure& f) const {
    switch (f.hidden) {
      case Hidden::kSmall:
        return "<" + std::to_string(pool_.privacy.suppress_below);
      case Hidden::kProtecting:
        return words_.get("hidden_protecting");
      case Hidden::kNo:
        break;
    }
    return count(f.actual);
  }

  // "37 / 69 (54 %)", "45" without a target, or "not part of".
  std::string cell(const PoolFigure& f) const {
    if (!f.part_of) return words_.get("not_part_of");
    std::string text = actual(f);
    if (f.target) text += " / " + count(f.target) + " (" + percent(f.attainment) + ")";
    return text;
  }

  // "36 %–100 % (Kalundborg–Kolding)", by project id across projects; "–"
  // with fewer than two values.
  std::string range(const PoolRange& r, bool units) const {
    if (!r.low || !r.high || r.low_id == r.high_id) return "–";
    return percent(r.low) + "–" + percent(r.high) + " (" + (units ? name(r.low_id) : r.low_id) + "–" +
           (units ? name(r.high_id) : r.high_id) + ")";
  }

  // A municipality's name by its code.
  std::string name(const std::string& code) const {
    for (const auto& u : pool_.units)
      if (u.code == code) return u.name;
    return code;
  }

 private:
  const PoolReport& pool_;
  const Locale& words_;
};

}  // namespace maaltal
