// Text normalization with a map back to original offsets (DESIGN section 3.1).
//
// Text and rule phrases go through the same normalization, so that matching is
// a plain byte comparison afterwards:
//   - Unicode NFKC, with case folding unless `CaseMode::kKeep` (ＨＥＹ, Hey -> hey);
//   - every run of white space (line breaks, NBSP, U+3000 included) -> one ' ',
//     and no space at all between two Han characters (不\n知道 -> 不知道);
//   - Traditional Han folded to Simplified (你們 -> 你们), one code point each;
//   - typographic apostrophes (’ ‘ ʼ) folded to ' (don’t -> don't);
//   - default-ignorable code points (ZWSP, soft hyphen, ZWJ) deleted;
//   - masked ranges (URLs, placeholders, Markdown code, ...) and invalid UTF-8
//     bytes each become one '\n', a barrier no phrase contains or crosses.
//
//   Normalizer normalizer(CaseMode::kFold);
//   NormalizedText out;
//   normalizer.Normalize("Hey  YOU", {}, &out);   // out.text == "hey you"
//   out.map.ToOriginal({4, 7});                    // {5, 8}
//
// Thread-safety: a Normalizer is immutable after construction; share it.
// Normalize may start threads of its own when asked to.
#ifndef VOICELINT_CORE_TEXT_NORMALIZER_H_
#define VOICELINT_CORE_TEXT_NORMALIZER_H_

#include <unicode/uversion.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

U_NAMESPACE_BEGIN
class Normalizer2;
U_NAMESPACE_END

namespace voicelint {

// A half-open range of UTF-8 byte offsets.
struct ByteRange {
  size_t begin = 0;
  size_t end = 0;
  size_t size() const { return end - begin; }
  bool empty() const { return begin == end; }
  bool Contains(const ByteRange& other) const { return begin <= other.begin && other.end <= end; }
  friend bool operator==(const ByteRange&, const ByteRange&) = default;
};

// Maps normalized byte offsets back to the original text. Stored sparsely as
// the list of changes, in text order: each is one atomic change of an
// original span into a normalized one (a normalized span that begins or ends
// inside it snaps outward to the whole original span); the text between two
// changes maps byte for byte. A Chinese text has a change every 20 to 30
// bytes (full-width punctuation, white space between Han), English text far
// fewer.
class OffsetMap {
 public:
  // The original span of the normalized span `normalized`.
  ByteRange ToOriginal(ByteRange normalized) const;
  // The same, cheaper for spans asked in ascending order of their start:
  // `hint` (0 at first) remembers where the last one was found, so that a pass
  // over many spans walks the map forward instead of searching it each time.
  ByteRange ToOriginal(ByteRange normalized, size_t* hint) const;
  size_t change_count() const { return changes_.size(); }

  struct Change {
    uint32_t norm_begin;
    uint32_t orig_begin;
    uint32_t norm_len;
    uint32_t orig_len;
  };

 private:
  friend class Normalizer;
  // The index of the last change that begins at or before `norm_offset`, or
  // npos when none does.
  size_t Find(size_t norm_offset) const;
  size_t Find(size_t norm_offset, size_t* hint) const;
  // Where the normalized byte at `norm_offset` begins and ends in the
  // original, given the change Find returned for it.
  size_t OriginalBegin(size_t norm_offset, size_t change) const;
  size_t OriginalEnd(size_t norm_offset, size_t change) const;
  std::vector<Change> changes_;
  size_t norm_size_ = 0;
  size_t orig_size_ = 0;
};

struct NormalizedText {
  std::string text;
  OffsetMap map;
  std::vector<size_t> invalid_utf8;  // original offsets of invalid bytes, ascending
};

enum class CaseMode { kFold, kKeep };

class Normalizer {
 public:
  explicit Normalizer(CaseMode mode);

  // Normalizes `text`. `masks` are sorted, non-overlapping original ranges that
  // are replaced by barriers. Reuses `out`'s buffers. A long text may be cut
  // into parts normalized on up to `threads` threads; the result is the same.
  void Normalize(std::string_view text, std::span<const ByteRange> masks, NormalizedText* out,
                 size_t threads = 1) const;

  // A rule phrase, normalized like text and trimmed of spaces.
  std::string NormalizePhrase(std::string_view phrase) const;

  CaseMode mode() const { return mode_; }

 private:
  CaseMode mode_;
  const icu::Normalizer2* nfkc_ = nullptr;
};

// Traditional -> Simplified for one code point (identity when not Traditional).
char32_t FoldHan(char32_t c);

// Whether `c` is the Simplified form of some other (Traditional) character:
// a sign that the text around it is written in Simplified Chinese.
bool IsSimplifiedForm(char32_t c);

// Which script a Han character shows: written differently in Traditional
// Chinese (FoldHan changes it), the Simplified form of some Traditional
// character (IsSimplifiedForm), or neither. A table lookup for the BMP.
enum class HanForm : uint8_t { kNeither, kTraditional, kSimplified };
HanForm ClassifyHan(char32_t c);

}  // namespace voicelint

#endif  // VOICELINT_CORE_TEXT_NORMALIZER_H_
