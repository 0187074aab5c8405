// Reading user-written YAML (rule files, .voicelint.yml) with located errors.
//
// Wraps yaml-cpp so that every complaint names file:line:col (column in code
// points), quotes the line, and is collected rather than thrown: a file's
// errors are all reported at once.
//
// Thread-safety: one reader per document.
#ifndef VOICELINT_CORE_RULES_YAML_READER_H_
#define VOICELINT_CORE_RULES_YAML_READER_H_

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/rules/rule.h"
#include "core/status.h"

namespace voicelint {

class YamlReader {
 public:
  YamlReader(std::string path, std::string_view text);

  // Parses the document; on a syntax error records it and returns nullopt.
  // Also rejects invalid UTF-8 with its position.
  std::optional<YAML::Node> Load();

  // 1-based position of a node (column in code points).
  SourcePos PositionOf(const YAML::Node& node) const;
  void Error(const YAML::Node& node, std::string message);
  void Error(SourcePos pos, std::string message);

  // Checks that `map` is a mapping whose keys are all in `allowed` and appear
  // once; records an error for each one that is not. Returns false if `map`
  // is not a mapping at all.
  bool CheckKeys(const YAML::Node& map, std::string_view what,
                 std::initializer_list<std::string_view> allowed);

  // A scalar string; records "expected a string" otherwise.
  std::optional<std::string> String(const YAML::Node& node, std::string_view key);
  // A list of strings (a single string is a list of one).
  std::vector<Located> StringList(const YAML::Node& node, std::string_view key);

  Diagnostics& errors() { return errors_; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::string_view text_;
  Diagnostics errors_;
};

}  // namespace voicelint

#endif  // VOICELINT_CORE_RULES_YAML_READER_H_
