#include "core/text/positions.h"

#include <array>
#include <atomic>
#include <bit>
#include <cstring>
#include <type_traits>

#include "core/text/utf8.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

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

// Bits set in `x`, inline (std::popcount is a library call on x86-64 without
// POPCNT, the baseline Debian builds for).
inline unsigned Ones(uint64_t x) {
  x -= (x >> 1) & 0x5555555555555555ull;
  x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
  x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Full;
  return static_cast<unsigned>((x * 0x0101010101010101ull) >> 56);
}

#if defined(__SSE2__)
// What a 64-byte block holds, a bit per byte.
struct BlockBits {
  uint64_t continuation;  // 80-BF
  uint64_t newline;
  // How many bytes from the start are taken as whole, well-formed one- to
  // three-byte characters: 64 less a character cut by the block's end (or up
  // to the target, when it lies inside the block); 0 when the fast path
  // declines the block.
  unsigned whole;
};

// Which of the block's bytes are whole characters, from its bits (Classify).
inline BlockBits Combine(uint64_t high, uint64_t cont, uint64_t at_least_e0, uint64_t at_least_f0,
                         uint64_t rest, uint64_t newline) {
  BlockBits out;
  out.continuation = cont;
  out.newline = newline;
  rest |= high & at_least_f0;
  const uint64_t lead = high & ~cont;
  const uint64_t three = lead & at_least_e0;  // E0-FF; F0-FF are in `rest`
  const uint64_t two = lead & ~three;
  // Every continuation byte follows its lead; the character a lead in the
  // last byte or two starts is left for the next block.
  const uint64_t expected = two << 1 | three << 1 | three << 2;
  if (rest != 0 || out.continuation != expected) {
    out.whole = 0;
  } else if ((two | three) >> 63) {
    out.whole = 63;
  } else if (three >> 62) {
    out.whole = 62;
  } else {
    out.whole = 64;
  }
  return out;
}

// Sixteen bytes at a time, a bit per byte: which are not ASCII, continue a
// character (80-BF), lead a three-byte one or longer (E0 and up), are a line
// break, or are lead bytes this fast path leaves to the character walk (C0 C1
// E0 ED and F0-FF, whose following bytes have narrower ranges or which start
// four-byte characters).
[[gnu::always_inline]] inline BlockBits Classify(const char* p) {
  auto bytes = [](char c) { return _mm_set1_epi8(c); };
  uint64_t high = 0;
  uint64_t cont = 0;
  uint64_t at_least_e0 = 0;
  uint64_t at_least_f0 = 0;
  uint64_t rest = 0;
  uint64_t newline = 0;
  for (int k = 0; k < 4; ++k) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    // As signed bytes, 80-BF are -128..-65, C0-FF are -64..-1.
    const __m128i odd_leads =
        _mm_or_si128(_mm_cmpeq_epi8(_mm_and_si128(x, bytes(static_cast<char>(0xFE))),  // C0 C1
                                    bytes(static_cast<char>(0xC0))),
                     _mm_or_si128(_mm_cmpeq_epi8(x, bytes(static_cast<char>(0xE0))),
                                  _mm_cmpeq_epi8(x, bytes(static_cast<char>(0xED)))));
    const int shift = 16 * k;
    auto bits = [&](__m128i m) {
      return static_cast<uint64_t>(static_cast<uint16_t>(_mm_movemask_epi8(m))) << shift;
    };
    high |= bits(x);
    cont |= bits(_mm_cmplt_epi8(x, bytes(static_cast<char>(0xC0))));
    // These two also hold for every ASCII byte; `high` tells them apart.
    at_least_e0 |= bits(_mm_cmpgt_epi8(x, bytes(static_cast<char>(0xDF))));
    at_least_f0 |= bits(_mm_cmpgt_epi8(x, bytes(static_cast<char>(0xEF))));
    rest |= bits(odd_leads);
    newline |= bits(_mm_cmpeq_epi8(x, bytes('\n')));
  }
  return Combine(high, cont, at_least_e0, at_least_f0, rest, newline);
}

#if defined(__x86_64__) && defined(__GNUC__)
#define VOICELINT_POSITIONS_AVX2 1
// Classify with 32-byte vectors, for processors that have AVX2: half the
// instructions per block.
[[gnu::target("avx2")]] BlockBits ClassifyAvx2(const char* p) {
  // (No lambdas here: they would not have this function's target.)
  const __m256i fe = _mm256_set1_epi8(static_cast<char>(0xFE));
  const __m256i c0 = _mm256_set1_epi8(static_cast<char>(0xC0));
  const __m256i df = _mm256_set1_epi8(static_cast<char>(0xDF));
  const __m256i e0 = _mm256_set1_epi8(static_cast<char>(0xE0));
  const __m256i ed = _mm256_set1_epi8(static_cast<char>(0xED));
  const __m256i ef = _mm256_set1_epi8(static_cast<char>(0xEF));
  const __m256i lf = _mm256_set1_epi8('\n');
  uint64_t high = 0;
  uint64_t cont = 0;
  uint64_t at_least_e0 = 0;
  uint64_t at_least_f0 = 0;
  uint64_t rest = 0;
  uint64_t newline = 0;
  for (int k = 0; k < 2; ++k) {
    const __m256i x = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32 * k));
    const __m256i odd_leads =
        _mm256_or_si256(_mm256_cmpeq_epi8(_mm256_and_si256(x, fe), c0),  // C0 C1
                        _mm256_or_si256(_mm256_cmpeq_epi8(x, e0), _mm256_cmpeq_epi8(x, ed)));
    const int shift = 32 * k;
    // As signed bytes, 80-BF are below C0 and every ASCII byte above it.
    high |= uint64_t{static_cast<uint32_t>(_mm256_movemask_epi8(x))} << shift;
    cont |= uint64_t{static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpgt_epi8(c0, x)))}
            << shift;
    at_least_e0 |= uint64_t{static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpgt_epi8(x, df)))}
                   << shift;
    at_least_f0 |= uint64_t{static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpgt_epi8(x, ef)))}
                   << shift;
    rest |= uint64_t{static_cast<uint32_t>(_mm256_movemask_epi8(odd_leads))} << shift;
    newline |= uint64_t{static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(x, lf)))}
               << shift;
  }
  return Combine(high, cont, at_least_e0, at_least_f0, rest, newline);
}

std::atomic<bool> widest{true};  // UseWidestPositionsPath

// Whether At() takes the AVX2 walk: the processor has AVX2 and tests allow it.

bool UseWide() {
  static const bool has = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") != 0;
  }();
  return has && widest.load(std::memory_order_relaxed);
}
#endif
#endif

}  // namespace

void UseWidestPositionsPath(bool use) {
#if defined(VOICELINT_POSITIONS_AVX2)
  widest.store(use, std::memory_order_relaxed);
#else
  (void)use;
#endif
}

namespace {

// Bits set in `x`: the instruction where the caller is compiled for it.
template <bool kWide>
[[gnu::always_inline]] inline unsigned Count(uint64_t x) {
  if constexpr (kWide) {
    return static_cast<unsigned>(__builtin_popcountll(x));
  } else {
    return Ones(x);
  }
}

// Walks `p` forward to `byte` (at most text_.size()). kWide: the AVX2 block
// step and hardware popcount, for a caller compiled for them.
template <bool kWide>
[[gnu::always_inline]] inline void Walk(std::string_view text_, Position& p, size_t byte) {
  size_t walk_until = 0;  // after a block the fast path declined: walk it first
  while (p.byte < byte) {
#if defined(__SSE2__)
    // Up to 64 bytes of well-formed text at once: every byte that does not
    // continue a character is one code point and one UTF-16 unit (no
    // four-byte characters here), and line breaks are counted. A block the
    // target lies inside is read whole and counted up to the target, when
    // the target starts a character.
    if (p.byte + 64 <= text_.size() && p.byte >= walk_until) {
#if defined(VOICELINT_POSITIONS_AVX2)
      BlockBits bits =
          kWide ? ClassifyAvx2(text_.data() + p.byte) : Classify(text_.data() + p.byte);
#else
      BlockBits bits = Classify(text_.data() + p.byte);
#endif
      const size_t wanted = byte - p.byte;
      if (wanted < 64 && wanted <= bits.whole) {
        if (bits.continuation >> wanted & 1) {
          bits.whole = 0;  // a target inside a character: the walk below
        } else {
          bits.whole = static_cast<unsigned>(wanted);
          bits.newline &= (uint64_t{1} << wanted) - 1;
        }
      }  // (a target in a character cut by the block's end: the characters before it)
      if (bits.whole == 0) {
        walk_until = p.byte + 64;
      } else {
        const uint64_t taken = bits.whole == 64 ? ~uint64_t{0} : (uint64_t{1} << bits.whole) - 1;
        const size_t chars = Count<kWide>(taken & ~bits.continuation);
        if (bits.newline == 0) {
          p.column += static_cast<uint32_t>(chars);
        } else {
          const int last = 63 - std::countl_zero(bits.newline);
          const uint64_t after = last == 63 ? 0 : ~uint64_t{0} << (last + 1);
          p.line += Count<kWide>(bits.newline);
          p.column = 1 + Count<kWide>(after & taken & ~bits.continuation);
          p.line_begin = p.byte + static_cast<size_t>(last) + 1;
        }
        p.byte += bits.whole;
        p.utf16 += chars;
        p.codepoint += chars;
        continue;
      }
    }
#endif
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
          p.line += Count<kWide>(newlines);
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
}

#if defined(VOICELINT_POSITIONS_AVX2)
[[gnu::target("avx2,popcnt")]] void WalkWide(std::string_view text, Position& p, size_t byte) {
  Walk<true>(text, p, byte);
}
#endif

}  // namespace

Position PositionIndex::At(size_t byte) {
  if (byte > text_.size()) byte = text_.size();
  if (byte < cursor_.byte) cursor_ = Position{};
#if defined(VOICELINT_POSITIONS_AVX2)
  if (UseWide()) {
    WalkWide(text_, cursor_, byte);
    return cursor_;
  }
#endif
  Walk<false>(text_, cursor_, byte);
  return cursor_;
}

}  // namespace voicelint
