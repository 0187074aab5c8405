#include "core/text/utf8.h"

#include <unicode/uchar.h>

namespace voicelint::utf8 {

char32_t Decode(std::string_view text, size_t pos, size_t* len) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  unsigned char b0 = s[pos];
  *len = 1;
  if (b0 < 0x80) return b0;
  size_t need;
  char32_t c;
  char32_t min;
  if ((b0 & 0xE0) == 0xC0) {
    need = 1, c = b0 & 0x1Fu, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    need = 2, c = b0 & 0x0Fu, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    need = 3, c = b0 & 0x07u, min = 0x10000;
  } else {
    return kInvalid;
  }
  for (size_t i = 1; i <= need; ++i) {
    if (pos + i >= n) return kInvalid;
    unsigned char b = s[pos + i];
    if ((b & 0xC0) != 0x80) return kInvalid;
    c = (c << 6) | (b & 0x3Fu);
  }
  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return kInvalid;
  *len = need + 1;
  return c;
}

void Append(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

size_t FindInvalid(std::string_view text) {
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    if (Decode(text, i, &len) == kInvalid) return i;
    i += len;
  }
  return std::string_view::npos;
}

bool IsHan(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x20000 && c <= 0x3134F) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x2E80 && c <= 0x2FDF) || c == 0x3005 || c == 0x3007 ||
         (c >= 0x3021 && c <= 0x3029) || (c >= 0x3038 && c <= 0x303B);
}

int DisplayWidth(char32_t c) {
  if (c < 0x20 || c == 0x7F) return 0;
  if (c < 0x300) return 1;
  auto cat = static_cast<UCharCategory>(u_charType(static_cast<UChar32>(c)));
  if (cat == U_NON_SPACING_MARK || cat == U_ENCLOSING_MARK || cat == U_FORMAT_CHAR) return 0;
  int eaw = u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_EAST_ASIAN_WIDTH);
  return (eaw == U_EA_WIDE || eaw == U_EA_FULLWIDTH) ? 2 : 1;
}

int DisplayWidth(std::string_view text) {
  int width = 0;
  for (size_t i = 0; i < text.size();) {
    size_t len;
    char32_t c = Decode(text, i, &len);
    width += c == kInvalid ? 1 : (c == '\t' ? 1 : DisplayWidth(c));
    i += len;
  }
  return width;
}

}  // namespace voicelint::utf8
