#include "core/text/positions.h"

#include <cstring>

#include "core/text/utf8.h"

namespace voicelint {
namespace {

constexpr uint64_t kOnes = 0x0101010101010101ull;
constexpr uint64_t kHigh = 0x8080808080808080ull;
constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7Full;

// The high bit of every '\n' byte of `w`, exactly (no borrow between bytes).
inline uint64_t NewlineBits(uint64_t w) {
  const uint64_t x = w ^ ('\n' * kOnes);
  return ~(((x & kLow7) + kLow7) | x | kLow7);
}

}  // namespace

Position PositionIndex::At(size_t byte) {
  if (byte > text_.size()) byte = text_.size();
  if (byte < cursor_.byte) cursor_ = Position{};
  Position& p = cursor_;
  while (p.byte < byte) {
    if (p.byte + 8 <= byte) {
      uint64_t w;
      std::memcpy(&w, text_.data() + p.byte, 8);
      if ((w & kHigh) == 0) {
        // Eight ASCII bytes advance every unit by eight; line breaks among
        // them are counted, and the column restarts after the last one.
        const uint64_t newlines = NewlineBits(w);
        if (newlines == 0) {
          p.column += 8;
        } else {
          const auto last = static_cast<unsigned>(63 - __builtin_clzll(newlines)) / 8;
          p.line += static_cast<uint32_t>(__builtin_popcountll(newlines));
          p.column = 8 - last;
          p.line_begin = p.byte + last + 1;
        }
        p.byte += 8;
        p.utf16 += 8;
        p.codepoint += 8;
        continue;
      }
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
