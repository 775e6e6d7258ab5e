// Finding and rendering templates. Lookup order for each file: the folder
// given by --templates, else the project's own templates/ folder, else the
// default compiled into the binary. Rendering is Mustache, stricter than the
// standard: a tag that names nothing in the view model is an error with the
// template's name, line and column, because a silent blank in a published
// report is worse than a failed run.
#pragma once
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace maaltal {

class TemplateSet {
 public:
  // `dirs` are searched in order before the compiled-in defaults.
  explicit TemplateSet(std::vector<std::filesystem::path> dirs = {});
  // The project's own templates/ after the others: a file there must lie
  // inside `project_folder`, links followed (else Error(kTemplate)), as every
  // file a project names must.
  void add_project_dir(const std::filesystem::path& dir, const std::filesystem::path& project_folder);

  // The text of `name` ("status.md.mustache", "locale/da.json"). Throws
  // Error(kTemplate) when no such template exists.
  std::string text(const std::string& name) const;
  // Where `name` comes from: a file path, or kBuiltIn.
  std::string origin(const std::string& name) const;
  static constexpr const char* kBuiltIn = "(built in)";

 private:
  struct Dir {
    std::filesystem::path path;
    std::filesystem::path confined_to;  // empty: anywhere (a --templates folder is the user's choice)
  };
  std::vector<Dir> dirs_;
};

// "name:line:column" of byte `pos` in `text`, for a template's messages.
std::string text_position(const std::string& name, const std::string& text, std::size_t pos);

using EscapeFn = std::function<std::string(const std::string&)>;

// Renders `text` with `view`; `escape` is applied to {{name}} (not to
// {{{name}}} or {{&name}}). Throws Error(kTemplate) for a parse error or a
// tag that names nothing in the view.
std::string render_template(const std::string& name, const std::string& text, const nlohmann::json& view,
                            const EscapeFn& escape);

// The strictness check alone: problems as "name:line:col: message" lines.
std::vector<std::string> unknown_tags(const std::string& name, const std::string& text, const nlohmann::json& view);

}  // namespace maaltal
