// Reading user-written YAML (rule files, .voicelint.yml) with located errors.
//
// Wraps the YAML parser (yaml_node.h) so that every complaint names
// file:line:col (column in code points), quotes the line, and is collected
// rather than thrown: a file's errors are all reported at once.
//
// Thread-safety: one reader per document.
#ifndef VOICELINT_CORE_RULES_YAML_READER_H_
#define VOICELINT_CORE_RULES_YAML_READER_H_

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/rules/rule.h"
#include "core/rules/yaml_node.h"
#include "core/status.h"

namespace voicelint {

class YamlReader {
 public:
  YamlReader(std::string path, std::string_view text);

  // Parses the document; on a syntax error records it and returns nullopt.
  // Also rejects invalid UTF-8 with its position. The nodes live as long as
  // the reader.
  std::optional<yaml::Node> Load();

  // 1-based position of a node (column in code points).
  SourcePos PositionOf(const yaml::Node& node) const;
  void Error(const yaml::Node& node, std::string message);
  void Error(SourcePos pos, std::string message);

  // Checks that `map` is a mapping whose keys are all in `allowed` and appear
  // once; records an error for each one that is not. Returns false if `map`
  // is not a mapping at all.
  bool CheckKeys(const yaml::Node& map, std::string_view what,
                 std::initializer_list<std::string_view> allowed);

  // A scalar string; records "expected a string" otherwise.
  std::optional<std::string> String(const yaml::Node& node, std::string_view key);
  // A list of strings (a single string is a list of one).
  std::vector<Located> StringList(const yaml::Node& node, std::string_view key);

  Diagnostics& errors() { return errors_; }
  const std::string& path() const { return path_; }

 private:
  // The `line_number`-th line (1-based) without its line break; empty if none.
  std::string_view Line(int line_number) const;

  std::string path_;
  std::string_view text_;
  std::vector<size_t> line_begins_;  // byte offset of each line's start
  yaml::Document document_;
  Diagnostics errors_;
};

}  // namespace voicelint

#endif  // VOICELINT_CORE_RULES_YAML_READER_H_
