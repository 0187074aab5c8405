// Word-boundary decisions for candidate matches (DESIGN section 3.2).
//
// Segmenting a whole text with ICU costs far more than the scan itself, so only
// the ends of a candidate are asked about: pure-ASCII neighbourhoods follow the
// UAX #29 word rules directly; everything else asks ICU's word BreakIterator
// over a bounded window around the candidate (a clause: windows end at
// punctuation), segmented once per distinct window text and remembered, since
// consecutive matches share a clause and canned responses repeat clauses.
//
//   WordBoundaries words;
//   words.Reset("they said hey");
//   words.Accept(1, 4);    // false: "hey" inside "they"
//   words.Accept(10, 13);  // true
//
// Thread-safety: not thread-safe (it holds an ICU iterator); one per scratch.
#ifndef VOICELINT_CORE_TEXT_WORD_BOUNDARIES_H_
#define VOICELINT_CORE_TEXT_WORD_BOUNDARIES_H_

#include <unicode/uversion.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/text/cjk_dictionary.h"

U_NAMESPACE_BEGIN
class BreakIterator;
U_NAMESPACE_END

namespace voicelint {

class WordBoundaries {
 public:
  WordBoundaries();
  ~WordBoundaries();
  WordBoundaries(const WordBoundaries&) = delete;
  WordBoundaries& operator=(const WordBoundaries&) = delete;

  // Sets the (normalized) text later calls refer to. The text must outlive the
  // calls; it is not copied.
  void Reset(std::string_view text);

  // Whether the match text[begin, end) obeys `boundary: word`. A match without
  // Han characters must start and end on word boundaries. A match with Han
  // characters is accepted when both ends are boundaries, rejected when both
  // cut words (着急|什么时候), and when one end cuts a word, accepted only if
  // the part of that word outside the match is one particle, adverb or pronoun
  // glued onto it (你|的, 也没|办法) rather than a word of its own (喂养).
  bool Accept(size_t begin, size_t end) {
    // Two ASCII letters or digits side by side never have a boundary between
    // them (WB5, WB8-WB10), whatever surrounds them: an ASCII match glued to
    // one is rejected here, inline. Most candidates of a large glossary ("ass"
    // in "class") end here.
    const auto* s = reinterpret_cast<const unsigned char*>(text_.data());
    auto glued = [&](size_t pos) {
      return pos > 0 && pos < text_.size() && IsAsciiAlnum(s[pos - 1]) && IsAsciiAlnum(s[pos]);
    };
    if (glued(begin) || glued(end)) {
      size_t i = begin;
      while (i < end && s[i] < 0x80) ++i;
      if (i == end) return false;
    }
    return AcceptSlow(begin, end);
  }

  // Whether a word boundary lies at byte offset `pos` (a code point boundary).
  bool IsBoundary(size_t pos);

 private:
  static bool IsAsciiAlnum(unsigned char c) {
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
  }
  bool AcceptSlow(size_t begin, size_t end);
  // The UAX #29 answer when text[pos-2, pos+2) is ASCII; -1 otherwise.
  int AsciiBoundary(size_t pos) const;
  bool IcuBoundary(size_t pos);
  // The word boundaries nearest to `pos` on each side, as ICU sees them.
  size_t Preceding(size_t pos);
  size_t Following(size_t pos);
  void Window(size_t pos);
  // Makes the run of common Han characters around `pos` in the clause
  // [begin, end) the window, segmented with the dictionary, when ICU would
  // segment exactly that run; false (nothing changed) otherwise.
  bool RunWindow(size_t pos, size_t begin, size_t end);

  std::string_view text_;
  std::unique_ptr<icu::BreakIterator> iterator_;
  struct UTextHolder;
  std::unique_ptr<UTextHolder> utext_;
  // Boundaries of each window text segmented so far, relative to its start.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  std::unordered_map<std::string, std::vector<uint32_t>, Hash, std::equal_to<>> cache_;
  const CjkDictionary* dictionary_;                         // nullptr: ICU for every window
  std::unique_ptr<CjkDictionary::FirstSteps> first_steps_;  // made at the first Han run
  std::u16string run_;                                      // a run being segmented
  std::vector<uint32_t> characters_;                        // its boundaries, in characters
  std::vector<uint32_t> run_boundaries_;                    // and in bytes from its start
  const std::vector<uint32_t>* boundaries_ = nullptr;       // the current window's
  size_t window_begin_ = 0;
  size_t window_end_ = 0;
  bool window_valid_ = false;
  bool begin_natural_ = false;  // the window starts where the text or a sentence does
  bool end_natural_ = false;
};

}  // namespace voicelint

#endif  // VOICELINT_CORE_TEXT_WORD_BOUNDARIES_H_
