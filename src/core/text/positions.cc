#include "core/text/positions.h"

#include <array>
#include <bit>
#include <cstring>
#include <type_traits>

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

template <size_t N>
constexpr auto Word(const std::array<unsigned char, N>& bytes) {
  using W = std::conditional_t<N == 8, uint64_t, uint32_t>;
  return std::bit_cast<W>(bytes);
}

// Whether the 12 bytes at `p` are four well-formed three-byte characters (all
// of CJK and its punctuation) none of which starts with E0 or ED, the two lead
// bytes whose next byte has a narrower range.
inline bool FourThreeByteChars(const char* p) {
  constexpr std::array<unsigned char, 8> kMaskA{0xF0, 0xC0, 0xC0, 0xF0, 0xC0, 0xC0, 0xF0, 0xC0};
  constexpr std::array<unsigned char, 8> kWantA{0xE0, 0x80, 0x80, 0xE0, 0x80, 0x80, 0xE0, 0x80};
  constexpr std::array<unsigned char, 4> kMaskB{0xC0, 0xF0, 0xC0, 0xC0};
  constexpr std::array<unsigned char, 4> kWantB{0x80, 0xE0, 0x80, 0x80};
  uint64_t a;
  uint32_t b;
  std::memcpy(&a, p, 8);
  std::memcpy(&b, p + 8, 4);
  if ((a & Word(kMaskA)) != Word(kWantA) || (b & Word(kMaskB)) != Word(kWantB)) return false;
  for (const size_t lead : {0, 3, 6, 9}) {
    const auto c = static_cast<unsigned char>(p[lead]);
    if (c == 0xE0 || c == 0xED) return false;
  }
  return true;
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
    if (p.byte + 12 <= byte && FourThreeByteChars(text_.data() + p.byte)) {
      p.byte += 12;
      p.utf16 += 4;
      p.codepoint += 4;
      p.column += 4;
      continue;
    }
    const auto b = static_cast<unsigned char>(text_[p.byte]);
    size_t len = 1;
    char32_t c = b;
    if (b >= 0xE0 && b < 0xF0 && p.byte + 2 < text_.size() &&
        (static_cast<unsigned char>(text_[p.byte + 1]) & 0xC0) == 0x80 &&
        (static_cast<unsigned char>(text_[p.byte + 2]) & 0xC0) == 0x80 &&
        (b != 0xE0 || static_cast<unsigned char>(text_[p.byte + 1]) >= 0xA0) &&
        (b != 0xED || static_cast<unsigned char>(text_[p.byte + 1]) < 0xA0)) {
      // A valid three-byte character (all of CJK): one unit of each kind.
      p.byte += 3;
      p.utf16 += 1;
      p.codepoint += 1;
      p.column += 1;
      continue;
    }
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
