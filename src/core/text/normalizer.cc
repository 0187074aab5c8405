#include "core/text/normalizer.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>

#include "core/text/char_props.h"
#include "core/text/utf8.h"
#include "core/util/parts.h"

namespace voicelint {
namespace {

struct HanPair {
  char32_t from;
  char32_t to;
};

constexpr HanPair kHanFold[] = {
#include "han_fold.inc"
};

#include "char_props.inc"

// A text at least this long is normalized in parts, one per thread.
constexpr size_t kParallelMinimum = size_t{1} << 19;

bool IsSpaceByte(unsigned char b) {
  return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v';
}

[[gnu::noinline]] uint16_t SupplementaryProps(char32_t c) {
  UErrorCode status = U_ZERO_ERROR;
  static const icu::Normalizer2* fold = icu::Normalizer2::getNFKCCasefoldInstance(status);
  static const icu::Normalizer2* keep = icu::Normalizer2::getNFKCInstance(status);
  return ComputeCharProps(c, *fold, *keep, FoldHan(c) != c);
}

// The CharProp bits of `c` (char_props.h): a table load in the BMP.
inline uint16_t PropsOf(char32_t c) {
  if (c < 0x10000) [[likely]] {
    return kCharPropBlocks[kCharPropIndex[c >> 8]][c & 0xFF];
  }
  return SupplementaryProps(c);
}

// The common Han characters, U+4E00-U+9FFF: most of a Chinese text.
constexpr char32_t kCommonHanFirst = 0x4E00;
constexpr size_t kCommonHanCount = 0x5200;

// For each common Han character, a bit set when a copied run goes on through
// it in this mode (its CharProps have `inert` and none of the other `stop`
// bits: it is not one that folds to its Simplified form). 2.6 KB, where the
// property blocks of the same characters take 42 KB.
constexpr std::array<uint64_t, kCommonHanCount / 64> HanCopies(uint16_t inert, uint16_t stop) {
  std::array<uint64_t, kCommonHanCount / 64> bits{};
  for (size_t k = 0; k < kCommonHanCount; ++k) {
    const char32_t c = kCommonHanFirst + static_cast<char32_t>(k);
    const uint16_t props = kCharPropBlocks[kCharPropIndex[c >> 8]][c & 0xFF];
    if ((props & stop) == inert && (props & kHanChar)) bits[k / 64] |= uint64_t{1} << (k % 64);
  }
  return bits;
}

constexpr uint16_t kStopFold = kInertFold | kWhiteSpace | kHanFolds | kApostrophe;
constexpr uint16_t kStopKeep = kInertKeep | kWhiteSpace | kHanFolds | kApostrophe | kIgnorable;
constexpr auto kHanCopiesFold = HanCopies(kInertFold, kStopFold);
constexpr auto kHanCopiesKeep = HanCopies(kInertKeep, kStopKeep);

// Whether the 8 bytes at `p` are printable ASCII or single spaces between
// printable ASCII (the last byte not a space): a stretch the normalizer only
// lower-cases. Eight bytes at a time, since most English text is this.
inline bool IsPlainBlock(const unsigned char* p) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7Full;
  uint64_t w;
  std::memcpy(&w, p, 8);
  if (w & kHigh) return false;                        // non-ASCII
  if ((w - 0x20 * kOnes) & ~w & kHigh) return false;  // control bytes: tab, line breaks
  const uint64_t x = w ^ (0x20 * kOnes);
  const uint64_t spaces = ~(((x & kLow7) + kLow7) | x | kLow7);  // high bit of each ' '
  return (spaces & (spaces << 8)) == 0 && (spaces >> 63) == 0;
}

// Whether the three bytes at `p` are a common Han character, U+4E00-U+9FFF.
inline bool IsCommonHan(const unsigned char* p) {
  if (p[0] < 0xE4 || p[0] > 0xE9 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) return false;
  return p[0] != 0xE4 || p[1] >= 0xB8;
}

// utf8::Decode with the three-byte case (all of CJK) inline.
inline char32_t DecodeAt(std::string_view text, size_t i, size_t* len) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned b0 = s[i];
  if ((b0 & 0xF0) == 0xE0 && i + 2 < text.size()) {
    const unsigned b1 = s[i + 1];
    const unsigned b2 = s[i + 2];
    if ((b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80) {
      const char32_t c = ((b0 & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
      if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) {
        *len = 3;
        return c;
      }
    }
  }
  return utf8::Decode(text, i, len);
}

// Builds the normalized text and its offset map in one pass.
//
// Most text passes through unchanged or only lower-cased, so the builder
// works in stretches: a run of ASCII (letters, digits, punctuation, single
// spaces) is lower-cased in bulk; a run of characters that NFKC leaves alone
// and that need no folding is copied in one append. Everything else (white
// space runs, marks that compose, compatibility characters, Traditional Han,
// invalid bytes) is handled one character or segment at a time and recorded
// in the offset map.
class Builder {
 public:
  Builder(const icu::Normalizer2& nfkc, CaseMode mode, std::string_view src, NormalizedText* out,
          std::vector<OffsetMap::Change>* changes)
      : nfkc_(nfkc),
        fold_(mode == CaseMode::kFold),
        inert_(fold_ ? kInertFold : kInertKeep),
        boundary_before_(fold_ ? kBoundaryBeforeFold : kBoundaryBeforeKeep),
        // NFKC_Casefold deletes default-ignorables itself; with NFKC we do.
        stop_(fold_ ? kStopFold : kStopKeep),
        han_copies_(fold_ ? kHanCopiesFold.data() : kHanCopiesKeep.data()),
        src_(src),
        out_(out->text),
        changes_(*changes),
        invalid_(out->invalid_utf8) {}

  // Normalizes src_[from, to). A part that ends before the text does must end
  // at a cut (IsCut): the text on each side then normalizes as it would whole.
  void Run(std::span<const ByteRange> masks, size_t from, size_t to) {
    const size_t n = to;
    cut_ = to < src_.size() ? to : std::string_view::npos;
    size_t k = static_cast<size_t>(
        std::lower_bound(masks.begin(), masks.end(), from,
                         [](const ByteRange& m, size_t v) { return m.end <= v; }) -
        masks.begin());
    size_t i = from;
    while (i < n) {
      while (k < masks.size() && masks[k].end <= i) ++k;
      const size_t limit = k < masks.size() ? std::min(n, std::max(masks[k].begin, i)) : n;
      if (i == limit) {  // inside a masked range: one barrier for all of it
        Replace(i, masks[k].end, "\n");
        last_han_ = false;
        i = masks[k].end;
        continue;
      }
      i = Step(i, limit);
    }
  }

 private:
  // Normalizes from `i` up to at most `limit`; returns where it stopped.
  size_t Step(size_t i, size_t limit) {
    const auto* s = reinterpret_cast<const unsigned char*>(src_.data());
    if (s[i] < 0x80) {
      size_t j = i;
      while (j < limit) {
        while (j + 8 <= limit && IsPlainBlock(s + j)) j += 8;
        if (j >= limit || s[j] >= 0x80) break;
        if (IsSpaceByte(s[j])) {
          // One white-space byte between two ASCII characters is one space,
          // byte for byte; longer runs are Whitespace()'s.
          if (j + 1 >= limit || s[j + 1] >= 0x80 || IsSpaceByte(s[j + 1])) break;
        }
        ++j;
      }
      // The last ASCII character composes with a mark after it (e + U+0301).
      if (j < limit && s[j] >= 0x80 && j > i && !NextHasBoundary(j, limit)) --j;
      if (j > i) {
        const size_t at = out_.size();
        out_.resize(at + (j - i));
        char* d = out_.data() + at;
        // Branch-free per byte so that the compiler vectorizes it: capitals
        // to lower case (when folding), a lone \t \n \v \f \r to a space.
        const int fold = fold_ ? 1 : 0;
        for (size_t p = i; p < j; ++p) {
          const unsigned char c = s[p];
          const unsigned char lowered = static_cast<unsigned char>(
              c + ((fold & (static_cast<unsigned char>(c - 'A') < 26u)) << 5));
          *d++ = static_cast<char>(static_cast<unsigned char>(c - '\t') < 5u ? ' ' : lowered);
        }
        last_han_ = false;
        return j;
      }
      return IsSpaceByte(s[i]) ? Whitespace(i, limit) : Segment(i, limit);
    }
    // Characters NFKC leaves alone and nothing folds are copied as they are,
    // in pieces between the changes most frequent in Chinese text, which are
    // made without leaving the loop: full-width ASCII punctuation, and one
    // white-space byte before ASCII or a common Han character (a line break
    // between sentences).
    size_t j = i;
    size_t run = i;  // where the bytes still to be copied begin
    bool han = last_han_;
    size_t len;
    {
      // Locals, so that the loop keeps them in registers: most of a Chinese
      // text goes through here, three bytes and one table load per character.
      const uint16_t stop = stop_;
      const uint16_t inert = inert_;
      const uint64_t* han_copies = han_copies_;
      auto copy = [&](size_t end) {
        if (end > run) out_.append(src_.data() + run, end - run);
      };
      while (j < limit) {
        char32_t c;
        const unsigned b0 = s[j];
        if (b0 < 0x80) {
          if (IsSpaceByte(static_cast<unsigned char>(b0))) {
            // As Whitespace() does it, for one white-space byte followed by
            // ASCII or a common Han character.
            if (j + 1 >= limit) break;
            bool next_is_han;
            if (s[j + 1] < 0x80) {
              if (IsSpaceByte(s[j + 1])) break;
              next_is_han = false;
            } else if (j + 3 < limit && IsCommonHan(s + j + 1)) {
              next_is_han = true;
            } else {
              break;
            }
            copy(j);
            if (han && next_is_han) {
              Replace(j, j + 1, "");  // white space between Han characters is nothing
            } else {
              out_.push_back(' ');
              han = false;
            }
            run = ++j;
            continue;
          }
          // Digits and most punctuation go on, unless a character that may
          // combine with what precedes it follows (a segment of their own).
          if ((PropsOf(b0) & stop) != inert) break;
          if (j + 1 < limit && s[j + 1] >= 0x80 && !NextHasBoundary(j + 1, limit)) break;
          han = false;
          ++j;
          continue;
        }
        if ((b0 & 0xF0) == 0xE0 && j + 2 < limit && (s[j + 1] & 0xC0) == 0x80 &&
            (s[j + 2] & 0xC0) == 0x80) {
          c = ((b0 & 0x0Fu) << 12) | ((s[j + 1] & 0x3Fu) << 6) | (s[j + 2] & 0x3Fu);
          if (c - kCommonHanFirst < kCommonHanCount) {
            if (!(han_copies[(c - kCommonHanFirst) / 64] >> (c % 64) & 1)) break;
            han = true;
            j += 3;
            // Then two at a time, while both are common Han characters
            // that are copied: half the branches of one at a time.
            while (j + 8 <= limit) {
              uint64_t w;
              std::memcpy(&w, s + j, 8);
              if ((w & 0x0000C0C0F0C0C0F0ull) != 0x00008080E08080E0ull) break;
              const auto c1 = static_cast<char32_t>(((w & 0x0F) << 12) | ((w >> 2) & 0xFC0) |
                                                    ((w >> 16) & 0x3F));
              const auto c2 = static_cast<char32_t>(((w >> 12) & 0xF000) | ((w >> 26) & 0xFC0) |
                                                    ((w >> 40) & 0x3F));
              if (c1 - kCommonHanFirst >= kCommonHanCount ||
                  c2 - kCommonHanFirst >= kCommonHanCount ||
                  !(han_copies[(c1 - kCommonHanFirst) / 64] >> (c1 % 64) &
                    han_copies[(c2 - kCommonHanFirst) / 64] >> (c2 % 64) & 1)) {
                break;
              }
              j += 6;
            }
            continue;
          }
          if (c - 0xFF01 <= 0xFF5E - 0xFF01) {
            // Full-width ASCII (the comma and question mark of Chinese text):
            // NFKC gives the ASCII character, NFKC_Casefold its lower case.
            if (j + 3 < limit && !NextHasBoundary(j + 3, limit)) break;
            auto ascii = static_cast<char>(c - 0xFEE0);
            if (fold_ && ascii >= 'A' && ascii <= 'Z') ascii = static_cast<char>(ascii - 'A' + 'a');
            copy(j);
            Replace(j, j + 3, std::string_view(&ascii, 1));
            han = false;
            run = j += 3;
            continue;
          }
          if (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF)) break;
          len = 3;
        } else {
          c = DecodeAt(src_, j, &len);
          if (c == utf8::kInvalid) break;
        }
        const uint16_t props = PropsOf(c);
        if ((props & stop) != inert) break;
        han = (props & kHanChar) != 0;
        j += len;
      }
      copy(j);
    }
    if (j > i) {
      last_han_ = han;
      return j;
    }
    const char32_t c = DecodeAt(src_, i, &len);
    if (c == utf8::kInvalid) {
      invalid_.push_back(i);
      Replace(i, i + 1, "\n");
      last_han_ = false;
      return i + 1;
    }
    if (c >= 0xFF01 && c <= 0xFF5E && (i + len >= limit || NextHasBoundary(i + len, limit))) {
      // Full-width ASCII (the comma and question mark of Chinese text): NFKC
      // gives the ASCII character, NFKC_Casefold its lower case.
      auto ascii = static_cast<char>(c - 0xFEE0);
      if (fold_ && ascii >= 'A' && ascii <= 'Z') ascii = static_cast<char>(ascii - 'A' + 'a');
      Replace(i, i + len, std::string_view(&ascii, 1));
      last_han_ = false;
      return i + len;
    }
    const uint16_t props = PropsOf(c);
    if (props & kWhiteSpace) return Whitespace(i, limit);
    if (!fold_ && (props & kIgnorable)) {
      Replace(i, i + len, "");
      return i + len;
    }
    if (props & kApostrophe) {
      // Typographic apostrophes fold to ' so "don’t" matches "don't".
      Replace(i, i + len, "'");
      last_han_ = false;
      return i + len;
    }
    if ((props & inert_) && (props & kHanFolds)) {
      last_han_ = true;
      std::string enc;
      utf8::Append(FoldHan(c), &enc);
      if (enc.size() == len) {
        out_.append(enc);
      } else {
        Replace(i, i + len, enc);
      }
      return i + len;
    }
    if ((props & boundary_before_) && (i + len >= limit || NextHasBoundary(i + len, limit))) {
      // A segment of one character: its precomputed mapping, if it has one.
      if (const std::optional<std::string_view> mapped = SegmentOfOne(c)) {
        if (!mapped->empty()) {
          size_t last = mapped->size() - 1;
          while (last > 0 && (static_cast<unsigned char>((*mapped)[last]) & 0xC0) == 0x80) --last;
          size_t l;
          last_han_ = utf8::IsHan(utf8::Decode(*mapped, last, &l));
        }
        Replace(i, i + len, *mapped);
        return i + len;
      }
    }
    return Segment(i, limit);
  }

  // What `c` becomes as a normalization segment of its own (see
  // tools/gen_unicode_tables.cc); nullopt when the table does not have it.
  std::optional<std::string_view> SegmentOfOne(char32_t c) const {
    if (c >= 0x10000) return std::nullopt;
    const std::span<const uint16_t> keys = fold_ ? std::span<const uint16_t>(kSegmentFoldKeys)
                                                 : std::span<const uint16_t>(kSegmentKeepKeys);
    const uint32_t* offsets = fold_ ? kSegmentFoldOffsets : kSegmentKeepOffsets;
    const char* pool = fold_ ? kSegmentFoldPool : kSegmentKeepPool;
    const auto it = std::lower_bound(keys.begin(), keys.end(), static_cast<uint16_t>(c));
    if (it == keys.end() || *it != c) return std::nullopt;
    const auto k = static_cast<size_t>(it - keys.begin());
    return std::string_view(pool + offsets[k], offsets[k + 1] - offsets[k]);
  }

  bool NextHasBoundary(size_t pos, size_t limit) const {
    size_t len;
    const char32_t c = DecodeAt(src_.substr(0, limit), pos, &len);
    return c == utf8::kInvalid || (PropsOf(c) & boundary_before_);
  }

  // A run of white space starting at `begin`; returns where it ends.
  size_t Whitespace(size_t begin, size_t limit) {
    const auto* s = reinterpret_cast<const unsigned char*>(src_.data());
    size_t j = begin;
    while (j < limit) {
      if (s[j] < 0x80) {
        if (!IsSpaceByte(s[j])) break;
        ++j;
        continue;
      }
      size_t len;
      const char32_t c = DecodeAt(src_, j, &len);
      // Default-ignorables inside a run are deleted anyway (ZWSP): absorb them.
      if (c == utf8::kInvalid || !(PropsOf(c) & (kWhiteSpace | kIgnorable))) break;
      j += len;
    }
    bool next_is_han = false;
    if (j < limit || j == cut_) {  // what follows a part's end is still the text's
      size_t len;
      next_is_han = utf8::IsHan(utf8::Decode(src_, j, &len));
    }
    if (last_han_ && next_is_han) {
      Replace(begin, j, "");  // white space between Han characters is nothing
    } else if (j - begin == 1 && s[begin] < 0x80) {
      out_.push_back(' ');  // one ASCII space character: byte for byte
      last_han_ = false;
    } else {
      Replace(begin, j, " ");
      last_han_ = false;
    }
    return j;
  }

  // A normalization segment: a starter and every code point after it that may
  // interact with it. Returns where it ends.
  size_t Segment(size_t begin, size_t limit) {
    size_t len;
    utf8::Decode(src_, begin, &len);
    size_t j = begin + len;
    while (j < limit) {
      const char32_t c = utf8::Decode(src_, j, &len);
      if (c == utf8::kInvalid || (PropsOf(c) & boundary_before_)) break;
      j += len;
    }
    const std::string_view original = src_.substr(begin, j - begin);
    std::string normalized;
    {
      icu::StringByteSink<std::string> sink(&normalized);
      UErrorCode status = U_ZERO_ERROR;
      nfkc_.normalizeUTF8(0,
                          icu::StringPiece(original.data(), static_cast<int32_t>(original.size())),
                          sink, nullptr, status);
      if (U_FAILURE(status)) normalized.assign(original);
    }
    std::string result;
    result.reserve(normalized.size());
    bool last_han = last_han_;
    for (size_t p = 0; p < normalized.size();) {
      char32_t c = utf8::Decode(normalized, p, &len);
      p += len;
      if (c == utf8::kInvalid) continue;
      if (!fold_ &&
          u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) {
        continue;
      }
      if (u_isUWhiteSpace(static_cast<UChar32>(c))) {
        if (!result.empty() && result.back() == ' ') continue;
        c = ' ';
      } else if (utf8::IsHan(c)) {
        c = FoldHan(c);
      }
      last_han = utf8::IsHan(c);
      utf8::Append(c, &result);
    }
    last_han_ = last_han;
    if (result == original) {
      out_.append(result);
    } else {
      Replace(begin, j, result);
    }
    return j;
  }

  // Records one atomic change of src_[orig_begin, orig_end) into `norm`.
  // Everything appended without one maps byte for byte.
  void Replace(size_t orig_begin, size_t orig_end, std::string_view norm) {
    changes_.push_back({static_cast<uint32_t>(out_.size()), static_cast<uint32_t>(orig_begin),
                        static_cast<uint32_t>(norm.size()),
                        static_cast<uint32_t>(orig_end - orig_begin)});
    out_.append(norm);
  }

  const icu::Normalizer2& nfkc_;
  const bool fold_;
  const uint16_t inert_;            // the CharProp bit of "unchanged" in this mode
  const uint16_t boundary_before_;  // the CharProp bit of "starts a segment" in this mode
  const uint16_t stop_;             // bits that end a copied run, besides a missing inert_
  const uint64_t* han_copies_;      // kHanCopiesFold or kHanCopiesKeep
  std::string_view src_;
  std::string& out_;
  std::vector<OffsetMap::Change>& changes_;
  std::vector<size_t>& invalid_;
  size_t cut_ = std::string_view::npos;  // where this part ends, when the text goes on
  bool last_han_ = false;
};

// Whether a text may be cut before text[pos] and its parts normalized apart:
// text[pos] is a letter or digit that starts a segment whatever precedes it
// (ASCII, or a common Han character, U+4E00-U+9FFF), so no segment, white
// space run or composition crosses the cut, and nothing after it depends on
// what came before; and no masked range begins, ends or lies around it.
bool IsCut(std::string_view text, size_t pos, std::span<const ByteRange> masks) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  if (pos == 0 || pos >= text.size()) return false;
  const unsigned char c = s[pos];
  bool starter = (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
  if (c >= 0xE4 && c <= 0xE9 && pos + 2 < text.size() && (s[pos + 1] & 0xC0) == 0x80 &&
      (s[pos + 2] & 0xC0) == 0x80) {
    const char32_t cp = ((c & 0x0Fu) << 12) | ((s[pos + 1] & 0x3Fu) << 6) | (s[pos + 2] & 0x3Fu);
    starter = cp >= 0x4E00 && cp <= 0x9FFF;
  }
  if (!starter) return false;
  // A combining mark after an ASCII letter composes with it: the letter must
  // be followed by ASCII too.
  if (c < 0x80 && pos + 1 < text.size() && s[pos + 1] >= 0x80) return false;
  const auto it = std::lower_bound(masks.begin(), masks.end(), pos,
                                   [](const ByteRange& m, size_t v) { return m.end < v; });
  return it == masks.end() || it->begin > pos;
}

// Cuts `text` into at most `parts` pieces of roughly equal size, at cuts;
// returns the piece boundaries, 0 and text.size() included.
std::vector<size_t> CutPoints(std::string_view text, std::span<const ByteRange> masks,
                              size_t parts) {
  constexpr size_t kSearch = 64 * 1024;  // how far past the ideal point a cut is looked for
  std::vector<size_t> cuts{0};
  for (size_t k = 1; k < parts; ++k) {
    const size_t ideal = text.size() * k / parts;
    for (size_t p = std::max(ideal, cuts.back() + 1); p < text.size() && p < ideal + kSearch; ++p) {
      if (IsCut(text, p, masks)) {
        cuts.push_back(p);
        break;
      }
    }
  }
  cuts.push_back(text.size());
  return cuts;
}

}  // namespace

char32_t FoldHan(char32_t c) {
  if (c < kHanFold[0].from) return c;
  const auto* end = std::end(kHanFold);
  const auto* it = std::lower_bound(std::begin(kHanFold), end, c,
                                    [](const HanPair& p, char32_t v) { return p.from < v; });
  return (it != end && it->from == c) ? it->to : c;
}

bool IsSimplifiedForm(char32_t c) {
  static const std::vector<char32_t> targets = [] {
    std::vector<char32_t> t;
    for (const HanPair& p : kHanFold) {
      if (FoldHan(p.to) == p.to) t.push_back(p.to);
    }
    std::sort(t.begin(), t.end());
    t.erase(std::unique(t.begin(), t.end()), t.end());
    return t;
  }();
  if (c < targets.front() || c > targets.back()) return false;
  return std::binary_search(targets.begin(), targets.end(), c);
}

HanForm ClassifyHan(char32_t c) {
  constexpr char32_t kFirst = 0x3400;
  constexpr char32_t kLast = 0xFFFF;
  static const std::vector<HanForm> table = [] {
    std::vector<HanForm> t(kLast - kFirst + 1, HanForm::kNeither);
    const auto in_table = [](char32_t v) { return v >= kFirst && v <= kLast; };
    for (const HanPair& p : kHanFold) {
      if (in_table(p.to) && FoldHan(p.to) == p.to) t[p.to - kFirst] = HanForm::kSimplified;
    }
    for (const HanPair& p : kHanFold) {
      if (in_table(p.from)) t[p.from - kFirst] = HanForm::kTraditional;
    }
    return t;
  }();
  if (c < kFirst) return HanForm::kNeither;
  if (c <= kLast) return table[c - kFirst];
  if (FoldHan(c) != c) return HanForm::kTraditional;
  return IsSimplifiedForm(c) ? HanForm::kSimplified : HanForm::kNeither;
}

size_t OffsetMap::Find(size_t norm_offset) const {
  const auto it = std::upper_bound(changes_.begin(), changes_.end(), norm_offset,
                                   [](size_t v, const Change& c) { return v < c.norm_begin; });
  return it == changes_.begin() ? std::string_view::npos
                                : static_cast<size_t>(it - changes_.begin()) - 1;
}

size_t OffsetMap::Find(size_t norm_offset, size_t* hint) const {
  const size_t n = changes_.size();
  if (n == 0 || changes_[0].norm_begin > norm_offset) return std::string_view::npos;
  size_t lo = *hint;
  size_t hi = n;
  if (lo >= n || changes_[lo].norm_begin > norm_offset) {
    lo = 0;  // behind the hint: the whole map
  } else {
    // Gallop forward from the hint to a change that begins after the offset;
    // the change sought lies between.
    size_t step = 1;
    hi = lo + 1;
    while (hi < n && changes_[hi].norm_begin <= norm_offset) {
      lo = hi;
      step *= 2;
      hi = lo + step;
    }
    hi = std::min(hi, n);
  }
  const auto it = std::upper_bound(changes_.begin() + static_cast<std::ptrdiff_t>(lo) + 1,
                                   changes_.begin() + static_cast<std::ptrdiff_t>(hi), norm_offset,
                                   [](size_t v, const Change& c) { return v < c.norm_begin; });
  *hint = static_cast<size_t>(it - changes_.begin()) - 1;
  return *hint;
}

size_t OffsetMap::OriginalBegin(size_t norm_offset, size_t change) const {
  if (norm_offset >= norm_size_) return orig_size_;
  if (change == std::string_view::npos) return norm_offset;
  const Change& c = changes_[change];
  const size_t norm_end = size_t{c.norm_begin} + c.norm_len;
  if (norm_offset < norm_end) return c.orig_begin;  // inside the change: its start
  return size_t{c.orig_begin} + c.orig_len + (norm_offset - norm_end);
}

size_t OffsetMap::OriginalEnd(size_t norm_offset, size_t change) const {
  if (norm_offset >= norm_size_) return orig_size_;
  if (change == std::string_view::npos) return norm_offset + 1;
  const Change& c = changes_[change];
  const size_t norm_end = size_t{c.norm_begin} + c.norm_len;
  if (norm_offset < norm_end) return size_t{c.orig_begin} + c.orig_len;  // its end
  return size_t{c.orig_begin} + c.orig_len + (norm_offset - norm_end) + 1;
}

ByteRange OffsetMap::ToOriginal(ByteRange normalized) const {
  ByteRange out;
  out.begin = OriginalBegin(normalized.begin, Find(normalized.begin));
  out.end = normalized.end > normalized.begin
                ? OriginalEnd(normalized.end - 1, Find(normalized.end - 1))
                : out.begin;
  return out;
}

ByteRange OffsetMap::ToOriginal(ByteRange normalized, size_t* hint) const {
  ByteRange out;
  out.begin = OriginalBegin(normalized.begin, Find(normalized.begin, hint));
  if (normalized.end > normalized.begin) {
    size_t from_first = *hint;
    out.end = OriginalEnd(normalized.end - 1, Find(normalized.end - 1, &from_first));
  } else {
    out.end = out.begin;
  }
  return out;
}

Normalizer::Normalizer(CaseMode mode) : mode_(mode) {
  UErrorCode status = U_ZERO_ERROR;
  nfkc_ = mode == CaseMode::kFold ? icu::Normalizer2::getNFKCCasefoldInstance(status)
                                  : icu::Normalizer2::getNFKCInstance(status);
}

void Normalizer::Normalize(std::string_view text, std::span<const ByteRange> masks,
                           NormalizedText* out, size_t threads) const {
  out->text.clear();
  out->text.reserve(text.size() + 16);
  out->map.changes_.clear();
  // Room for a change every 16 bytes (a Chinese text has one every 20 to 30)
  // without growing: only the pages written are ever touched.
  out->map.changes_.reserve(text.size() / 16);
  out->invalid_utf8.clear();
  // A part per thread, each taken by whichever thread is free (RunParts): a
  // thread that has not started by the time the others are done holds
  // nothing up. (Twice as many parts, for finer sharing, measured no faster:
  // more of the text is copied when the parts are joined.)
  const size_t parts = std::max<size_t>(1, std::min(threads, text.size() / kParallelMinimum));
  const std::vector<size_t> cuts = CutPoints(text, masks, parts);
  // The first part goes straight into `out`; the others into parts of their
  // own, then appended with their offsets moved.
  std::vector<NormalizedText> later(cuts.size() - 2);
  RunParts(cuts.size() - 1, threads, [&](size_t k, size_t /*worker*/) {
    if (k == 0) {
      Builder(*nfkc_, mode_, text, out, &out->map.changes_).Run(masks, 0, cuts[1]);
      return;
    }
    NormalizedText& part = later[k - 1];
    part.text.reserve(cuts[k + 1] - cuts[k] + 16);
    part.map.changes_.reserve((cuts[k + 1] - cuts[k]) / 16);
    Builder(*nfkc_, mode_, text, &part, &part.map.changes_).Run(masks, cuts[k], cuts[k + 1]);
  });
  for (NormalizedText& part : later) {
    const auto shift = static_cast<uint32_t>(out->text.size());
    out->text.append(part.text);
    // Original offsets are the text's already; normalized ones move.
    for (OffsetMap::Change change : part.map.changes_) {
      change.norm_begin += shift;
      out->map.changes_.push_back(change);
    }
    out->invalid_utf8.insert(out->invalid_utf8.end(), part.invalid_utf8.begin(),
                             part.invalid_utf8.end());
  }
  out->map.norm_size_ = out->text.size();
  out->map.orig_size_ = text.size();
}

std::string Normalizer::NormalizePhrase(std::string_view phrase) const {
  NormalizedText out;
  Normalize(phrase, {}, &out);
  std::string& s = out.text;
  const size_t first = s.find_first_not_of(' ');
  if (first == std::string::npos) return {};
  const size_t last = s.find_last_not_of(' ');
  return s.substr(first, last - first + 1);
}

}  // namespace voicelint
