// libFuzzer: any template text checked and rendered against a small view.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.h"
#include "render/svg_chart.h"
#include "render/templates.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const nlohmann::json view = nlohmann::json::parse(R"({
    "title": "Job og trivsel", "t": {"status": "Status"},
    "rows": [{"name": "Odense", "cells": [{"text": "86"}]}, {"name": "Aalborg", "cells": []}],
    "empty": [], "flag": true, "nothing": null})");
  std::string text(reinterpret_cast<const char*>(data), size);
  (void)maaltal::unknown_tags("fuzz.mustache", text, view);
  try {
    (void)maaltal::render_template("fuzz.mustache", text, view, maaltal::xml_escape);
  } catch (const maaltal::Error&) {
    // A template that does not parse or names nothing: reported, never a crash.
  }
  return 0;
}
