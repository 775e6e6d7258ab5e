#include "core/month_names.h"

#include <array>

namespace maaltal {

std::string month_name(unsigned month, const std::string& locale) {
  static const std::array<const char*, 12> kDanish = {"januar",    "februar", "marts",    "april",
                                                      "maj",       "juni",    "juli",     "august",
                                                      "september", "oktober", "november", "december"};
  static const std::array<const char*, 12> kEnglish = {"January",   "February", "March",    "April",
                                                       "May",       "June",     "July",     "August",
                                                       "September", "October",  "November", "December"};
  if (month < 1 || month > 12) return "";
  return locale == "en" ? kEnglish[month - 1] : kDanish[month - 1];
}

std::string format_year_month(const std::string& year_month, const std::string& locale) {
  return month_name(static_cast<unsigned>(std::stoi(year_month.substr(5, 2))), locale) + " " + year_month.substr(0, 4);
}

}  // namespace maaltal
