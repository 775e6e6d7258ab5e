// The limits of core/limits.h and what a hostile input meets at them: JSON
// nested too deep, keys given twice, numbers out of range, syntax errors that
// must not quote the input, and diagnostics whose stored cost is bounded.
#include "core/limits.h"

#include <catch2/catch.hpp>

#include "core/diagnostics.h"
#include "read/json_input.h"

using namespace maaltal;

namespace {

std::string messages(const Diagnostics& diags) {
  std::string out;
  for (const auto& d : diags.all()) out += format_diagnostic(d);
  return out;
}

std::string parse_messages(const std::string& text) {
  Diagnostics diags;
  REQUIRE_FALSE(parse_json(text, "x.json", diags));
  return messages(diags);
}

}  // namespace

TEST_CASE("json: nesting is refused past the limit, at the bracket that goes too deep") {
  std::string deep(100'000, '[');
  REQUIRE(parse_messages(deep + std::string(100'000, ']'))
              .starts_with("x.json:1:65: error: invalid JSON: arrays and objects nested more than 64 deep [E201]\n"));
  std::string at_limit = std::string(limits::kJsonDepth, '[') + std::string(limits::kJsonDepth, ']');
  Diagnostics diags;
  REQUIRE(parse_json(at_limit, "x.json", diags));
  REQUIRE(diags.count() == 0);
}

TEST_CASE("json: a bracket inside a string does not count as nesting") {
  std::string text = "[\"" + std::string(100, '[') + "\\\"[\"]";
  Diagnostics diags;
  REQUIRE(parse_json(text, "x.json", diags));
  std::string deep = "[\"[\", " + std::string(64, '[');
  REQUIRE(parse_messages(deep) == "x.json:1:70: error: invalid JSON: arrays and objects nested more than 64 deep [E201]\n" +
                                      deep + "\n" + std::string(69, ' ') + "^\n");
}

TEST_CASE("json: a key given twice in one object is an error at its pointer") {
  REQUIRE(parse_messages("{\"a\": [1, {\"b\": 1, \"c\": 2, \"b\": 3}]}") ==
          "x.json#/a/1/b: error: this key is given twice in its object; give each key once [E205]\n");
  Diagnostics diags;
  REQUIRE(parse_json("[{\"b\": 1}, {\"b\": 2}]", "x.json", diags));  // once in each object is fine
  REQUIRE(diags.count() == 0);
}

TEST_CASE("json: a number beyond a double's range is an error at its pointer") {
  REQUIRE(parse_messages("{\"targets\": [{\"value\": 1}, {\"value\": 1e400}]}") ==
          "x.json#/targets/1/value: error: a number beyond the range of a number (about ±1.8e308) [E203]\n");
  REQUIRE(parse_messages("[-1e400]") ==
          "x.json#/0: error: a number beyond the range of a number (about ±1.8e308) [E203]\n");
}

TEST_CASE("json: a syntax error is located without quoting the input in its message") {
  // nlohmann's own message has "last read: '\"0101901234'": a CPR number. The
  // line under the message is the input's, with CPR numbers starred out as in
  // every message; a registrations reader stars out every value of it.
  std::string text = "[{\"id\": \"0101901234, \"kommune\": \"101\"}]";
  REQUIRE(parse_messages(text) ==
          "x.json:1:23: error: invalid JSON: syntax error while parsing object - invalid literal; expected '}' "
          "[E201]\n"
          "[{\"id\": \"**********, \"kommune\": \"101\"}]\n"
          "                      ^\n");
  REQUIRE(parse_messages("[{\"id\": \"A12345\n\"}]") ==
          "x.json:1:16: error: invalid JSON: syntax error while parsing value - invalid string: control character "
          "U+000A (LF) must be escaped to \\u000A or \\n [E201]\n[{\"id\": \"A12345\n");
}

TEST_CASE("diagnostics: beyond the kept ones only counts are stored, and the counts cover all") {
  Diagnostics diags(3);
  for (int i = 0; i < 1000; ++i) diags.warning("W110", "w" + std::to_string(i), {"f.csv", i + 2, 1, "", "line"});
  diags.error("E104", "the first of its code is kept", {"f.csv", 1002, 1, "", ""});
  diags.error("E104", "the second is not", {"f.csv", 1003, 1, "", ""});
  REQUIRE(diags.all().size() == 4);
  REQUIRE(diags.all()[2].message == "w2");
  REQUIRE(diags.all()[3].message == "the first of its code is kept");
  REQUIRE(diags.count() == 1002);
  REQUIRE(diags.error_count() == 2);
  REQUIRE(diags.warning_count() == 1000);
  REQUIRE(diags.count_by_code() == std::map<std::string, int>{{"E104", 2}, {"W110", 1000}});

  // What another one did not keep is counted when its kept ones are added.
  Diagnostics joined(5);
  for (const auto& d : diags.all()) joined.add(d);
  joined.add_not_kept(diags);
  REQUIRE(joined.all().size() == 4);
  REQUIRE(joined.count() == 1002);
  REQUIRE(joined.error_count() == 2);
  REQUIRE(joined.count_by_code() == diags.count_by_code());
}

TEST_CASE("diagnostics: a kept line is cut to what can be shown") {
  Diagnostics diags;
  diags.error("E110", "long", {"f.csv", 1, 3, "", std::string(1 << 20, 'x')});
  REQUIRE(diags.all()[0].where.line_text.size() < 300);
  REQUIRE(format_diagnostic(diags.all()[0]) == "f.csv:1:3: error: long [E110]\n" + std::string(200, 'x') + " …\n  ^\n");
}
