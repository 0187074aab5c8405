// YAML libraries through the rule reader's libyaml tree (core/rules/yaml_node.h).
// It gives each node's mark (where it starts, in bytes) but not how a
// scalar's characters were decoded, so the decoded
// scalar is aligned with the file from its mark: characters copied as they
// are map one for one; a double-quoted escape, a doubled single quote, and a
// folded line break with its indentation map as units. When the alignment
// fails (an unusual layout), the whole scalar maps to its first character,
// so a finding still points at the right field.
#include "core/inputs/structured.h"
#include "core/rules/yaml_reader.h"
#include "core/text/utf8.h"

namespace voicelint {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The decoded bytes of the double-quoted escape at text[pos] ('\\'), and its
// length; length 0 when it is not one this aligner knows.
size_t DecodeYamlEscape(std::string_view text, size_t pos, std::string* out) {
  if (pos + 1 >= text.size()) return 0;
  const char e = text[pos + 1];
  static constexpr std::string_view kSimple = "0abtnvfre \"/\\N_LP";
  static constexpr char32_t kValues[] = {0,   7,   8,   9,    10,   11,   12,     13,    0x1B,
                                         ' ', '"', '/', '\\', 0x85, 0xA0, 0x2028, 0x2029};
  if (e == '\t') {
    out->push_back('\t');
    return 2;
  }
  const size_t k = kSimple.find(e);
  if (k != std::string_view::npos) {
    utf8::Append(kValues[k], out);
    return 2;
  }
  const size_t digits = e == 'x' ? 2 : e == 'u' ? 4 : e == 'U' ? 8 : 0;
  if (digits == 0 || pos + 2 + digits > text.size()) return 0;
  uint32_t v = 0;
  for (size_t i = 0; i < digits; ++i) {
    const char c = text[pos + 2 + i];
    uint32_t d;
    if (c >= '0' && c <= '9') {
      d = static_cast<uint32_t>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      d = static_cast<uint32_t>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      d = static_cast<uint32_t>(c - 'A' + 10);
    } else {
      return 0;
    }
    v = v * 16 + d;
  }
  if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) v = 0xFFFD;
  utf8::Append(static_cast<char32_t>(v), out);
  return 2 + digits;
}

SourceMap AlignScalar(std::string_view file, size_t mark, const std::string& decoded) {
  SourceMapBuilder b;
  size_t s = mark;
  const char style = mark < file.size() ? file[mark] : '\0';
  const bool dq = style == '"';
  const bool sq = style == '\'';
  if (dq || sq) {
    ++s;
  } else if (style == '|' || style == '>') {
    const size_t eol = file.find('\n', s);
    s = eol == std::string_view::npos ? file.size() : eol + 1;
  }
  size_t d = 0;
  bool failed = false;
  while (d < decoded.size() && !failed) {
    if (s >= file.size()) {
      failed = true;
      break;
    }
    if (dq && file[s] == '\\') {
      if (s + 1 < file.size() && (file[s + 1] == '\n' || file[s + 1] == '\r')) {
        // An escaped line break: it and the next line's indentation vanish.
        size_t e = s + 1;
        while (e < file.size() && IsSpace(file[e])) ++e;
        b.Unit(0, s, e - s);
        s = e;
        continue;
      }
      std::string bytes;
      const size_t len = DecodeYamlEscape(file, s, &bytes);
      if (len == 0 || decoded.compare(d, bytes.size(), bytes) != 0) {
        failed = true;
        break;
      }
      b.Unit(bytes.size(), s, len);
      d += bytes.size();
      s += len;
      continue;
    }
    if (sq && file[s] == '\'' && s + 1 < file.size() && file[s + 1] == '\'' && decoded[d] == '\'') {
      b.Unit(1, s, 2);
      s += 2;
      ++d;
      continue;
    }
    if (file[s] == decoded[d] && !((dq || sq) && file[s] == style)) {
      b.Verbatim(s, 1);
      ++s;
      ++d;
      continue;
    }
    if (IsSpace(file[s])) {
      if (decoded[d] == ' ' || decoded[d] == '\n') {
        // A folded line break (and indentation) decoded as one space or newline.
        size_t e = s;
        while (e < file.size() && IsSpace(file[e])) ++e;
        b.Unit(1, s, e - s);
        s = e;
        ++d;
      } else {
        // Indentation of a block or continuation line.
        b.Unit(0, s, 1);
        ++s;
      }
      continue;
    }
    failed = true;
  }
  if (failed) {
    SourceMapBuilder whole;
    size_t len;
    utf8::Decode(file, mark, &len);
    whole.Unit(decoded.size(), mark, mark < file.size() ? len : 0);
    return whole.Finish();
  }
  b.SetSourceEnd(s);
  return b.Finish();
}

class YamlConverter {
 public:
  explicit YamlConverter(std::string_view file) : file_(file) {}

  StructuredValue Convert(const yaml::Node& node) {
    StructuredValue out;
    const yaml::Mark mark = node.Mark();
    out.begin = mark.pos >= 0 ? static_cast<size_t>(mark.pos) : 0;
    switch (node.Type()) {
      case yaml::NodeType::kMap:
        out.kind = StructuredValue::Kind::kObject;
        for (auto it = node.begin(); it != node.end(); ++it) {
          std::string key = it->first.IsScalar() ? it->first.Scalar() : std::string();
          out.members.emplace_back(std::move(key), Convert(it->second));
        }
        break;
      case yaml::NodeType::kSequence:
        out.kind = StructuredValue::Kind::kArray;
        for (const yaml::Node& item : node) out.items.push_back(Convert(item));
        break;
      case yaml::NodeType::kScalar: {
        out.text = node.Scalar();
        // A plain (unquoted) true or false is a boolean (null is a null node already).
        const char style = out.begin < file_.size() ? file_[out.begin] : '\0';
        const bool plain = style != '"' && style != '\'' && style != '|' && style != '>';
        if (plain && (out.text == "true" || out.text == "false")) {
          out.kind = StructuredValue::Kind::kBool;
        } else {
          out.kind = StructuredValue::Kind::kString;
        }
        out.map = AlignScalar(file_, out.begin, out.text);
        break;
      }
      default:
        out.kind = StructuredValue::Kind::kNull;
    }
    out.end = out.kind == StructuredValue::Kind::kString ? out.map.End(out.text.size()) : out.begin;
    return out;
  }

 private:
  std::string_view file_;
};

}  // namespace

Expected<StructuredDocument> ParseYaml(const std::string& path, std::string_view text) {
  YamlReader reader(path, text);
  std::optional<yaml::Node> root = reader.Load();
  if (!root) return reader.errors();
  StructuredDocument doc;
  doc.format = StructuredFormat::kYaml;
  doc.roots.push_back(YamlConverter(text).Convert(*root));
  return doc;
}

}  // namespace voicelint
