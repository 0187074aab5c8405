// ICU's dictionary segmentation of a run of Han characters, without the break
// iterator around it (DESIGN section 3.2).
//
// ICU's word BreakIterator hands every run of CJK characters to its
// CjkBreakEngine, which finds the cheapest cover of the run by words of ICU's
// Chinese/Japanese dictionary (cjdict: each word has a cost, a character not
// in it costs 255) by dynamic programming. For a run of common Han characters
// (U+4E00-U+9FFF) between characters that always break against Han, this class
// does the same with the same dictionary, loaded from ICU's own data, and gives
// the same boundaries for a fraction of the cost: no UText, no rule tables, no
// per-call normalization check or vectors. WordBoundaries uses it for such runs
// and asks ICU itself about everything else; tests/core/word_boundaries_test.cc
// holds the two to the same answers.
//
//   const CjkDictionary* dict = CjkDictionary::Get();   // nullptr without ICU data
//   CjkDictionary::FirstSteps steps;                     // per thread, reused
//   dict->Segment(u"我们也没办法", &breaks, &steps);       // {0, 2, 3, 4, 6}
//
// Thread-safety: immutable; Get() is safe from any thread. A FirstSteps is
// one thread's.
#ifndef VOICELINT_CORE_TEXT_CJK_DICTIONARY_H_
#define VOICELINT_CORE_TEXT_CJK_DICTIONARY_H_

#include <unicode/ucharstrie.h>

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace voicelint {

class CjkDictionary {
 public:
  // Runs longer than this (in characters) are left to ICU.
  static constexpr size_t kMaxRun = 255;

  // The dictionary of the ICU this program runs with, loaded once; nullptr if
  // ICU has none.
  static const CjkDictionary* Get();

  // What the first two steps into the dictionary give, filled in as
  // characters are met. Every position of a run starts a walk at the trie's
  // root, its largest branch (one entry per first character of a word), and
  // most walks end a step or two later, so remembering where the first
  // character and the first pairs lead saves most of the search. Working
  // memory of one thread; reuse it across calls.
  class FirstSteps {
   public:
    FirstSteps();
    ~FirstSteps();

   private:
    friend class CjkDictionary;
    // 16 bytes each, so that the entries a text uses stay in the caches.
    struct Step {
      uint64_t state = 0;  // UCharsTrie::getState64() after the character; 0: not known yet
      int32_t value = 0;   // the cost of the one-character word, if it is one
      int32_t result = USTRINGTRIE_NO_MATCH;
    };
    struct SecondStep {
      uint64_t state = 0;            // after the two characters
      uint32_t key = 0;              // the two characters, (first << 16) | second; 0: empty
      int32_t value_and_result = 0;  // cost * 4 + UStringTrieResult (costs are never negative)
    };
    static constexpr int kSecondBits = 14;
    std::unique_ptr<Step[]> steps_;               // by character - U+4E00
    std::unique_ptr<SecondStep[]> second_steps_;  // direct-mapped by a hash of the key
  };

  // The boundaries of `run` (characters of U+4E00-U+9FFF, at most kMaxRun), as
  // character indexes from 0 to run.size() inclusive, ascending.
  void Segment(std::u16string_view run, std::vector<uint32_t>* boundaries,
               FirstSteps* first_steps) const;

 private:
  explicit CjkDictionary(const char16_t* trie) : trie_(trie) {}
  const char16_t* trie_;  // ICU's UCharsTrie of words -> costs (in ICU's mapped data)
};

}  // namespace voicelint

#endif  // VOICELINT_CORE_TEXT_CJK_DICTIONARY_H_
