#include "core/rules/yaml_reader.h"

#include <algorithm>

#include "core/text/utf8.h"

namespace voicelint {
namespace {

std::string_view TypeName(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Scalar:
      return "a string";
    case YAML::NodeType::Null:
      return "nothing";
    default:
      return "an undefined value";
  }
}

// Converts a 0-based byte column on `line` to a 1-based code point column.
int CodePointColumn(const std::string& line, int byte_column) {
  int column = 1;
  for (size_t i = 0; i < line.size() && static_cast<int>(i) < byte_column; ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++column;
  }
  return column;
}

}  // namespace

YamlReader::YamlReader(std::string path, std::string_view text)
    : path_(std::move(path)), text_(text) {}

std::optional<YAML::Node> YamlReader::Load() {
  const size_t bad = utf8::FindInvalid(text_);
  if (bad != std::string_view::npos) {
    const std::string_view before = text_.substr(0, bad);
    const int line = static_cast<int>(std::count(before.begin(), before.end(), '\n')) + 1;
    const size_t line_begin =
        before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
    static constexpr char kHex[] = "0123456789ABCDEF";
    const auto byte = static_cast<unsigned char>(text_[bad]);
    Error(SourcePos{line, CodePointColumn(LineOf(text_, line), static_cast<int>(bad - line_begin))},
          std::string("invalid UTF-8 byte 0x") + kHex[byte >> 4] + kHex[byte & 15]);
    return std::nullopt;
  }
  try {
    return YAML::Load(std::string(text_));
  } catch (const YAML::ParserException& e) {
    Error(
        SourcePos{e.mark.line + 1, CodePointColumn(LineOf(text_, e.mark.line + 1), e.mark.column)},
        "YAML syntax error: " + e.msg);
  } catch (const YAML::Exception& e) {
    Error(SourcePos{}, std::string("YAML error: ") + e.what());
  }
  return std::nullopt;
}

SourcePos YamlReader::PositionOf(const YAML::Node& node) const {
  const YAML::Mark mark = node.Mark();
  if (mark.line < 0) return {};
  return {mark.line + 1, CodePointColumn(LineOf(text_, mark.line + 1), mark.column)};
}

void YamlReader::Error(const YAML::Node& node, std::string message) {
  Error(PositionOf(node), std::move(message));
}

void YamlReader::Error(SourcePos pos, std::string message) {
  errors_.push_back(Diagnostic{path_, pos.line, pos.column, std::move(message),
                               pos.line > 0 ? LineOf(text_, pos.line) : std::string()});
}

bool YamlReader::CheckKeys(const YAML::Node& map, std::string_view what,
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

std::optional<std::string> YamlReader::String(const YAML::Node& node, std::string_view key) {
  if (!node.IsScalar()) {
    Error(node, "'" + std::string(key) + "' must be a string, not " + std::string(TypeName(node)));
    return std::nullopt;
  }
  return node.Scalar();
}

std::vector<Located> YamlReader::StringList(const YAML::Node& node, std::string_view key) {
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
  for (const YAML::Node& item : node) {
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
