#include "report/json_writer.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>

namespace voicelint {
namespace {

// Length of the valid UTF-8 sequence at text[i], or 0.
size_t ValidSequence(std::string_view text, size_t i) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  const unsigned char b0 = s[i];
  size_t need;
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2;
    if (b0 == 0xE0) lo = 0xA0;  // no overlong forms
    if (b0 == 0xED) hi = 0x9F;  // no surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    return 0;
  }
  if (i + need >= n) return 0;
  if (s[i + 1] < lo || s[i + 1] > hi) return 0;
  for (size_t k = 2; k <= need; ++k) {
    if ((s[i + k] & 0xC0) != 0x80) return 0;
  }
  return need + 1;
}

// Whether the 8 bytes at `p` are ASCII with no control character, quote or
// backslash: bytes a JSON string holds as they are.
inline bool IsPlainBlock(const char* p) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  uint64_t w;
  std::memcpy(&w, p, 8);
  auto has_zero = [](uint64_t x) { return (x - kOnes) & ~x & kHigh; };
  return ((w | ((w - 0x20 * kOnes) & ~w)) & kHigh) == 0 && !has_zero(w ^ ('"' * kOnes)) &&
         !has_zero(w ^ ('\\' * kOnes));
}

}  // namespace

namespace {

// Writes `text` escaped for a JSON string (no quotes) at `out`, which has
// room for 6 bytes per byte of text; returns the end of what it wrote.
char* WriteEscaped(std::string_view text, char* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  char* o = out;
  size_t i = 0;
  size_t plain = 0;  // start of the stretch copied as it is
  const size_t n = text.size();
  auto copy = [&](const char* bytes, size_t count) {
    std::memcpy(o, bytes, count);
    o += count;
  };
  while (i < n) {
    // Eight bytes at a time while none needs a second look.
    while (i + 8 <= n && IsPlainBlock(text.data() + i)) i += 8;
    if (i >= n) break;
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      const size_t len = ValidSequence(text, i);
      if (len != 0) {
        i += len;
        continue;
      }
    }
    copy(text.data() + plain, i - plain);
    switch (c) {
      case '"':
        copy("\\\"", 2);
        break;
      case '\\':
        copy("\\\\", 2);
        break;
      case '\b':
        copy("\\b", 2);
        break;
      case '\f':
        copy("\\f", 2);
        break;
      case '\n':
        copy("\\n", 2);
        break;
      case '\r':
        copy("\\r", 2);
        break;
      case '\t':
        copy("\\t", 2);
        break;
      default:
        if (c < 0x20) {
          const char escape[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
          copy(escape, 6);
        } else {
          copy("\xEF\xBF\xBD", 3);  // an invalid UTF-8 byte
        }
    }
    ++i;
    plain = i;
  }
  copy(text.data() + plain, n - plain);
  return o;
}

}  // namespace

char* JsonWriter::WriteQuoted(std::string_view text, char* out) {
  *out = '"';
  char* end = WriteEscaped(text, out + 1);
  *end = '"';
  return end + 1;
}

void JsonWriter::AppendQuoted(std::string_view text, std::string* out) {
  // In pieces, so that a long text never needs room for six times its size.
  // A piece ends before a byte that continues no character, where no valid
  // sequence is cut and an invalid one is invalid either way.
  constexpr size_t kPiece = 16 * 1024;
  out->push_back('"');
  while (!text.empty()) {
    size_t n = std::min(text.size(), kPiece);
    while (n < text.size() && n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
    if (n == 0) n = std::min(text.size(), kPiece);  // continuation bytes only: invalid anyway
    const size_t at = out->size();
    out->resize(at + 6 * n);
    char* end = WriteEscaped(text.substr(0, n), out->data() + at);
    out->resize(static_cast<size_t>(end - out->data()));
    text.remove_prefix(n);
  }
  out->push_back('"');
}

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!has_items_.empty()) {
    if (has_items_.back()) out_.push_back(',');
    has_items_.back() = true;
  }
}

void JsonWriter::Open(char bracket) {
  BeforeValue();
  out_.push_back(bracket);
  has_items_.push_back(false);
}

void JsonWriter::Close(char bracket) {
  out_.push_back(bracket);
  if (!has_items_.empty()) has_items_.pop_back();
}

void JsonWriter::Key(std::string_view key) {
  BeforeValue();
  AppendQuoted(key, &out_);
  out_.push_back(':');
  after_key_ = true;
}

void JsonWriter::String(std::string_view value) {
  BeforeValue();
  AppendQuoted(value, &out_);
}

void JsonWriter::Unsigned(uint64_t value) {
  BeforeValue();
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, value);
  out_.append(buf, r.ptr);
}

void JsonWriter::Signed(int64_t value) {
  BeforeValue();
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, value);
  out_.append(buf, r.ptr);
}

void JsonWriter::Bool(bool value) {
  BeforeValue();
  out_.append(value ? "true" : "false");
}

void JsonWriter::Null() {
  BeforeValue();
  out_.append("null");
}

void JsonWriter::Raw(std::string_view json) {
  BeforeValue();
  out_.append(json);
}

}  // namespace voicelint
