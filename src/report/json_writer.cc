#include "report/json_writer.h"

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

void JsonWriter::AppendQuoted(std::string_view text, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  size_t i = 0;
  size_t plain = 0;  // start of the stretch copied as it is
  const size_t n = text.size();
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
    out->append(text.substr(plain, i - plain));
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        if (c < 0x20) {
          out->append("\\u00");
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 15]);
        } else {
          out->append("\xEF\xBF\xBD");  // an invalid UTF-8 byte
        }
    }
    ++i;
    plain = i;
  }
  out->append(text.substr(plain, n - plain));
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
