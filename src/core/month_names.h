// Month names in the two locales, shared by the readers (a label may not be a
// month header of its workbook table) and the writers.
#pragma once
#include <string>

namespace maaltal {

std::string month_name(unsigned month, const std::string& locale);  // "juni"
// "2023-03" as "marts 2023" / "March 2023".
std::string format_year_month(const std::string& year_month, const std::string& locale);

}  // namespace maaltal
