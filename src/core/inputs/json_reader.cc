// JSON and JSON Lines with source positions. nlohmann-json (used by the
// printers) keeps no positions, so this is a small recursive-descent parser of
// the whole RFC 8259 grammar that records, for each string, the map from its
// decoded bytes back to the file (escapes, \uXXXX and surrogate pairs).
#include <cstdint>

#include "core/inputs/structured.h"
#include "core/inputs/structured_internal.h"
#include "core/text/utf8.h"

namespace voicelint {
namespace {

using Kind = StructuredValue::Kind;
using structured_internal::Describe;
using structured_internal::ErrorAt;

// Nesting deeper than this is rejected rather than risking the stack.
constexpr int kMaxDepth = 512;

class JsonParser {
 public:
  JsonParser(const std::string& path, std::string_view text, size_t begin, size_t end)
      : path_(path), text_(text), pos_(begin), end_(end) {}

  // Parses exactly one value between begin and end (whitespace around it).
  Expected<StructuredValue> ParseDocument() {
    SkipSpace();
    StructuredValue value;
    if (!ParseValue(&value, 0)) return *error_;
    SkipSpace();
    if (pos_ < end_)
      return Fail("expected the end of the document after the value, found " +
                  Describe(text_, pos_));
    return value;
  }

 private:
  Diagnostics Fail(std::string message) {
    if (!error_) error_ = ErrorAt(path_, text_, pos_, std::move(message));
    return {*error_};
  }
  bool Error(std::string message) {
    Fail(std::move(message));
    return false;
  }
  bool AtEnd() const { return pos_ >= end_; }
  char Peek() const { return pos_ < end_ ? text_[pos_] : '\0'; }

  void SkipSpace() {
    while (pos_ < end_) {
      const char c = text_[pos_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
      ++pos_;
    }
  }

  bool ParseValue(StructuredValue* out, int depth) {
    if (depth > kMaxDepth) return Error("nesting deeper than 512 levels");
    out->begin = pos_;
    if (AtEnd()) return Error("expected a value, found end of file");
    bool ok = false;
    switch (Peek()) {
      case '{':
        ok = ParseObject(out, depth);
        break;
      case '[':
        ok = ParseArray(out, depth);
        break;
      case '"':
        out->kind = Kind::kString;
        ok = ParseString(&out->text, &out->map);
        break;
      case 't':
        ok = ParseLiteral("true", Kind::kBool, out);
        break;
      case 'f':
        ok = ParseLiteral("false", Kind::kBool, out);
        break;
      case 'n':
        ok = ParseLiteral("null", Kind::kNull, out);
        break;
      default:
        if (Peek() == '-' || (Peek() >= '0' && Peek() <= '9')) {
          ok = ParseNumber(out);
        } else {
          return Error(
              "expected a value (object, array, string, number, true, false or null), "
              "found " +
              Describe(text_, pos_));
        }
    }
    out->end = pos_;
    return ok;
  }

  bool ParseLiteral(std::string_view word, Kind kind, StructuredValue* out) {
    if (text_.substr(pos_, word.size()) != word || pos_ + word.size() > end_) {
      return Error("expected a value, found " + Describe(text_, pos_));
    }
    out->kind = kind;
    out->text = std::string(word);
    out->map = SourceMap::Identity(pos_, word.size());
    pos_ += word.size();
    return true;
  }

  bool Digits() {
    if (AtEnd() || Peek() < '0' || Peek() > '9')
      return Error("expected a digit, found " + Describe(text_, pos_));
    while (!AtEnd() && Peek() >= '0' && Peek() <= '9') ++pos_;
    return true;
  }

  bool ParseNumber(StructuredValue* out) {
    const size_t start = pos_;
    if (Peek() == '-') ++pos_;
    if (Peek() == '0') {
      ++pos_;
    } else if (!Digits()) {
      return false;
    }
    if (Peek() == '.') {
      ++pos_;
      if (!Digits()) return false;
    }
    if (Peek() == 'e' || Peek() == 'E') {
      ++pos_;
      if (Peek() == '+' || Peek() == '-') ++pos_;
      if (!Digits()) return false;
    }
    out->kind = Kind::kNumber;
    out->text = std::string(text_.substr(start, pos_ - start));
    out->map = SourceMap::Identity(start, pos_ - start);
    return true;
  }

  bool Hex4(uint32_t* out) {
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = Peek();
      uint32_t digit;
      if (c >= '0' && c <= '9') {
        digit = static_cast<uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        digit = static_cast<uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        digit = static_cast<uint32_t>(c - 'A' + 10);
      } else {
        return Error("expected four hex digits after \\u, found " + Describe(text_, pos_));
      }
      v = v * 16 + digit;
      ++pos_;
    }
    *out = v;
    return true;
  }

  bool ParseString(std::string* out, SourceMap* map) {
    const size_t open = pos_;
    ++pos_;  // the opening quote
    SourceMapBuilder b;
    size_t run = pos_;  // start of the current verbatim run
    auto flush = [&] {
      out->append(text_.substr(run, pos_ - run));
      b.Verbatim(run, pos_ - run);
    };
    for (;;) {
      if (AtEnd()) {
        pos_ = open;
        return Error("unterminated string (no closing '\"')");
      }
      const char c = text_[pos_];
      if (c == '"') break;
      if (static_cast<unsigned char>(c) < 0x20) {
        return Error(std::string("control character in a string (") +
                     (c == '\n' ? "a line break must be written \\n" : "write it escaped") + ")");
      }
      if (c != '\\') {
        ++pos_;
        continue;
      }
      flush();
      const size_t escape = pos_;
      ++pos_;
      const char e = Peek();
      std::string decoded;
      switch (e) {
        case '"':
        case '\\':
        case '/':
          decoded = std::string(1, e);
          break;
        case 'b':
          decoded = "\b";
          break;
        case 'f':
          decoded = "\f";
          break;
        case 'n':
          decoded = "\n";
          break;
        case 'r':
          decoded = "\r";
          break;
        case 't':
          decoded = "\t";
          break;
        case 'u':
          break;
        default:
          return Error("invalid escape \\" + std::string(AtEnd() ? "" : std::string(1, e)) +
                       " (expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
      }
      ++pos_;
      if (e == 'u') {
        uint32_t cp;
        if (!Hex4(&cp)) return false;
        if (cp >= 0xD800 && cp <= 0xDBFF && text_.substr(pos_, 2) == "\\u") {
          // A surrogate pair: both escapes make one code point.
          const size_t second = pos_;
          pos_ += 2;
          uint32_t low;
          if (!Hex4(&low)) return false;
          if (low >= 0xDC00 && low <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else {
            pos_ = second;  // a lone high surrogate; the next escape stands alone
            cp = 0xFFFD;
          }
        } else if (cp >= 0xD800 && cp <= 0xDFFF) {
          cp = 0xFFFD;  // a lone surrogate cannot be UTF-8
        }
        utf8::Append(static_cast<char32_t>(cp), &decoded);
      }
      out->append(decoded);
      b.Unit(decoded.size(), escape, pos_ - escape);
      run = pos_;
    }
    flush();
    b.SetSourceEnd(pos_);
    *map = b.Finish();
    ++pos_;  // the closing quote
    return true;
  }

  bool ParseArray(StructuredValue* out, int depth) {
    out->kind = Kind::kArray;
    ++pos_;
    SkipSpace();
    if (Peek() == ']') {
      ++pos_;
      return true;
    }
    for (;;) {
      StructuredValue item;
      SkipSpace();
      if (!ParseValue(&item, depth + 1)) return false;
      out->items.push_back(std::move(item));
      SkipSpace();
      if (Peek() == ',') {
        ++pos_;
        continue;
      }
      if (Peek() == ']') {
        ++pos_;
        return true;
      }
      return Error("expected ',' or ']' after an array element, found " + Describe(text_, pos_));
    }
  }

  bool ParseObject(StructuredValue* out, int depth) {
    out->kind = Kind::kObject;
    ++pos_;
    SkipSpace();
    if (Peek() == '}') {
      ++pos_;
      return true;
    }
    for (;;) {
      SkipSpace();
      if (Peek() != '"')
        return Error("expected a member name in double quotes, found " + Describe(text_, pos_));
      std::string key;
      SourceMap key_map;
      if (!ParseString(&key, &key_map)) return false;
      SkipSpace();
      if (Peek() != ':')
        return Error("expected ':' after the member name, found " + Describe(text_, pos_));
      ++pos_;
      SkipSpace();
      StructuredValue value;
      if (!ParseValue(&value, depth + 1)) return false;
      out->members.emplace_back(std::move(key), std::move(value));
      SkipSpace();
      if (Peek() == ',') {
        ++pos_;
        continue;
      }
      if (Peek() == '}') {
        ++pos_;
        return true;
      }
      return Error("expected ',' or '}' after an object member, found " + Describe(text_, pos_));
    }
  }

  const std::string& path_;
  std::string_view text_;
  size_t pos_;
  size_t end_;
  std::optional<Diagnostic> error_;
};

// A UTF-8 byte-order mark is allowed (and skipped) at the start.
size_t SkipBom(std::string_view text) { return text.starts_with("\xEF\xBB\xBF") ? 3 : 0; }

}  // namespace

Expected<StructuredDocument> ParseJson(const std::string& path, std::string_view text) {
  JsonParser parser(path, text, SkipBom(text), text.size());
  Expected<StructuredValue> root = parser.ParseDocument();
  if (!root) return root.errors();
  StructuredDocument doc;
  doc.format = StructuredFormat::kJson;
  doc.roots.push_back(std::move(*root));
  return doc;
}

Expected<StructuredDocument> ParseJsonLines(const std::string& path, std::string_view text) {
  StructuredDocument doc;
  doc.format = StructuredFormat::kJsonLines;
  Diagnostics errors;
  size_t line_begin = SkipBom(text);
  while (line_begin < text.size()) {
    size_t line_end = text.find('\n', line_begin);
    if (line_end == std::string_view::npos) line_end = text.size();
    size_t content_end = line_end;
    bool blank = true;
    for (size_t i = line_begin; i < content_end; ++i) {
      const char c = text[i];
      if (c != ' ' && c != '\t' && c != '\r') blank = false;
    }
    if (!blank) {
      JsonParser parser(path, text, line_begin, content_end);
      Expected<StructuredValue> value = parser.ParseDocument();
      if (value) {
        doc.roots.push_back(std::move(*value));
      } else {
        errors.insert(errors.end(), value.errors().begin(), value.errors().end());
      }
    }
    line_begin = line_end + 1;
  }
  if (!errors.empty()) return errors;
  return doc;
}

}  // namespace voicelint
