// One Aho-Corasick automaton over every literal phrase of a ruleset (DESIGN
// section 4): a single pass over the normalized text finds all occurrences of
// all phrases, so the scan costs the same for 50 or 5,000 phrases.
//
// The automaton is a full DFA over byte classes (each byte that occurs in some
// phrase is a class of its own; all other bytes share class 0), with a flag
// bit on every transition into a state that ends a phrase, so the inner loop is
// one table load per byte.
//
//   PhraseAutomaton ac = PhraseAutomaton::Build({"hey", "you people"});
//   ac.Scan("hey you people", [](uint32_t id, size_t end) { ... });  // (0,3), (1,14)
//
// Thread-safety: immutable after Build; Scan is const and safe from any thread.
#ifndef VOICELINT_CORE_MATCH_PHRASE_AUTOMATON_H_
#define VOICELINT_CORE_MATCH_PHRASE_AUTOMATON_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace voicelint {

class PhraseAutomaton {
 public:
  PhraseAutomaton();

  // Builds the automaton of `phrases`; phrase i gets id i. Empty phrases never
  // match. Duplicates are allowed and each reports its own id.
  static PhraseAutomaton Build(std::span<const std::string> phrases);

  // Calls `on_match(id, end)` for every occurrence of every phrase in `text`,
  // overlapping ones included, in order of their end offset (bytes, exclusive).
  template <typename OnMatch>
  void Scan(std::string_view text, OnMatch&& on_match) const {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const size_t n = text.size();
    const uint32_t* delta = delta_.data();
    const uint8_t* classes = classes_.data();
    uint32_t state = 0;
    for (size_t i = 0; i < n; ++i) {
      const uint32_t next = delta[state + classes[s[i]]];
      state = next & ~kOutputFlag;
      if (next & kOutputFlag) Report(state, i + 1, on_match);
    }
  }

  size_t phrase_count() const { return lengths_.size(); }
  size_t state_count() const { return own_begin_.empty() ? 0 : own_begin_.size() - 1; }
  // Length in bytes of phrase `id`.
  size_t length(uint32_t id) const { return lengths_[id]; }
  size_t memory_bytes() const;

 private:
  static constexpr uint32_t kOutputFlag = 0x80000000u;

  template <typename OnMatch>
  void Report(uint32_t row, size_t end, OnMatch& on_match) const {
    for (uint32_t st = row / num_classes_; st != 0; st = dict_link_[st]) {
      for (uint32_t k = own_begin_[st]; k < own_begin_[st + 1]; ++k) on_match(own_[k], end);
    }
  }

  std::array<uint8_t, 256> classes_{};
  uint32_t num_classes_ = 1;
  std::vector<uint32_t> delta_;      // row (state * num_classes_) + class -> next row | flag
  std::vector<uint32_t> own_begin_;  // state -> first index in own_ (state_count + 1 entries)
  std::vector<uint32_t> own_;        // phrase ids ending exactly at each state
  std::vector<uint32_t> dict_link_;  // state -> nearest proper suffix state with output (0: none)
  std::vector<uint32_t> lengths_;
};

}  // namespace voicelint

#endif  // VOICELINT_CORE_MATCH_PHRASE_AUTOMATON_H_
