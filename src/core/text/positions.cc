#include "core/text/positions.h"

#include <cstring>

#include "core/text/utf8.h"

namespace voicelint {
namespace {

// Whether the 8 bytes at `p` are ASCII without a line break.
inline bool IsPlainAsciiBlock(const char* p) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  uint64_t w;
  std::memcpy(&w, p, 8);
  const uint64_t nl = w ^ ('\n' * kOnes);
  return (w & kHigh) == 0 && ((nl - kOnes) & ~nl & kHigh) == 0;
}

}  // namespace

Position PositionIndex::At(size_t byte) {
  if (byte > text_.size()) byte = text_.size();
  if (byte < cursor_.byte) cursor_ = Position{};
  Position& p = cursor_;
  while (p.byte < byte) {
    if (p.byte + 8 <= byte && IsPlainAsciiBlock(text_.data() + p.byte)) {
      // Eight ASCII bytes without a line break advance every unit by eight.
      p.byte += 8;
      p.utf16 += 8;
      p.codepoint += 8;
      p.column += 8;
      continue;
    }
    const auto b = static_cast<unsigned char>(text_[p.byte]);
    size_t len = 1;
    char32_t c = b;
    if (b >= 0x80) {
      c = utf8::Decode(text_, p.byte, &len);
    }
    p.byte += len;
    p.utf16 += (c != utf8::kInvalid && c >= 0x10000) ? 2 : 1;
    p.codepoint += 1;
    if (c == '\n') {
      ++p.line;
      p.column = 1;
      p.line_begin = p.byte;
    } else {
      ++p.column;
    }
  }
  return p;
}

}  // namespace voicelint
