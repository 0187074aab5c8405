#include "core/rules/yaml_reader.h"

#include <algorithm>

#include "core/text/utf8.h"

namespace voicelint {
namespace {

std::string_view TypeName(const yaml::Node& node) {
  switch (node.Type()) {
    case yaml::NodeType::kMap:
      return "a mapping";
    case yaml::NodeType::kSequence:
      return "a list";
    case yaml::NodeType::kScalar:
      return "a string";
    case yaml::NodeType::kNull:
      return "nothing";
    default:
      return "an undefined value";
  }
}

// Converts a 0-based byte column on `line` to a 1-based code point column.
int CodePointColumn(std::string_view line, int byte_column) {
  int column = 1;
  for (size_t i = 0; i < line.size() && static_cast<int>(i) < byte_column; ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++column;
  }
  return column;
}

}  // namespace

YamlReader::YamlReader(std::string path, std::string_view text)
    : path_(std::move(path)), text_(text) {
  // Positions are asked for every node of a rule file: index the lines once
  // instead of searching for the n-th line each time.
  line_begins_.push_back(0);
  for (size_t nl = text_.find('\n'); nl != std::string_view::npos; nl = text_.find('\n', nl + 1)) {
    line_begins_.push_back(nl + 1);
  }
}

std::string_view YamlReader::Line(int line_number) const {
  if (line_number <= 0 || static_cast<size_t>(line_number) > line_begins_.size()) return {};
  const size_t begin = line_begins_[static_cast<size_t>(line_number) - 1];
  size_t end = static_cast<size_t>(line_number) < line_begins_.size()
                   ? line_begins_[static_cast<size_t>(line_number)] - 1
                   : text_.size();
  if (end > begin && text_[end - 1] == '\r') --end;
  return text_.substr(begin, end - begin);
}

std::optional<yaml::Node> YamlReader::Load() {
  const size_t bad = utf8::FindInvalid(text_);
  if (bad != std::string_view::npos) {
    const std::string_view before = text_.substr(0, bad);
    const int line = static_cast<int>(std::count(before.begin(), before.end(), '\n')) + 1;
    const size_t line_begin =
        before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
    static constexpr char kHex[] = "0123456789ABCDEF";
    const auto byte = static_cast<unsigned char>(text_[bad]);
    Error(SourcePos{line, CodePointColumn(Line(line), static_cast<int>(bad - line_begin))},
          std::string("invalid UTF-8 byte 0x") + kHex[byte >> 4] + kHex[byte & 15]);
    return std::nullopt;
  }
  yaml::ParseError error;
  if (yaml::Parse(text_, &document_, &error)) return document_.root();
  Error(SourcePos{error.line, error.column}, "YAML syntax error: " + error.message);
  return std::nullopt;
}

SourcePos YamlReader::PositionOf(const yaml::Node& node) const {
  const yaml::Mark mark = node.Mark();
  if (mark.line < 0) return {};
  return {mark.line + 1, mark.column + 1};
}

void YamlReader::Error(const yaml::Node& node, std::string message) {
  Error(PositionOf(node), std::move(message));
}

void YamlReader::Error(SourcePos pos, std::string message) {
  errors_.push_back(
      Diagnostic{path_, pos.line, pos.column, std::move(message), std::string(Line(pos.line))});
}

bool YamlReader::CheckKeys(const yaml::Node& map, std::string_view what,
                           std::initializer_list<std::string_view> allowed) {
  if (!map.IsMap()) {
    Error(map, std::string(what) + " must be a mapping, not " + std::string(TypeName(map)));
    return false;
  }
  std::vector<std::string> seen;
  for (auto it = map.begin(); it != map.end(); ++it) {
    if (!it->first.IsScalar()) {
      Error(it->first, "keys of " + std::string(what) + " must be strings");
      continue;
    }
    const std::string key = it->first.Scalar();
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::string list;
      for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      Error(it->first, "unknown key '" + key + "' in " + std::string(what) +
                           " (expected one of: " + list + ")");
    } else if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
      Error(it->first, "duplicate key '" + key + "' in " + std::string(what));
    }
    seen.push_back(key);
  }
  return true;
}

std::optional<std::string> YamlReader::String(const yaml::Node& node, std::string_view key) {
  if (!node.IsScalar()) {
    Error(node, "'" + std::string(key) + "' must be a string, not " + std::string(TypeName(node)));
    return std::nullopt;
  }
  return node.Scalar();
}

std::vector<Located> YamlReader::StringList(const yaml::Node& node, std::string_view key) {
  std::vector<Located> out;
  if (node.IsScalar()) {
    out.push_back({node.Scalar(), PositionOf(node)});
    return out;
  }
  if (!node.IsSequence()) {
    Error(node, "'" + std::string(key) + "' must be a list of strings, not " +
                    std::string(TypeName(node)));
    return out;
  }
  for (const yaml::Node& item : node) {
    if (!item.IsScalar()) {
      Error(item, "items of '" + std::string(key) + "' must be strings, not " +
                      std::string(TypeName(item)));
      continue;
    }
    out.push_back({item.Scalar(), PositionOf(item)});
  }
  return out;
}

}  // namespace voicelint
