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

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
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
    ScanRange(text, 0, text.size(), on_match);
  }

  // As Scan, for the occurrences that end in (from, to] only: the same hits,
  // in the same order, as a whole scan reports there, so that ranges that
  // split a text between threads report exactly what one scan would.
  //
  // Each step of a DFA waits for the previous one's table load, so a long
  // range is scanned as two halves at once (the second starting early enough
  // to see every phrase that ends in it), which lets the CPU overlap the two
  // chains of loads; the second half's hits are reported after the first's.
  template <typename OnMatch>
  void ScanRange(std::string_view text, size_t from, size_t to, OnMatch&& on_match) const {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    to = std::min(to, text.size());
    if (from >= to || max_length_ == 0) return;
    // Hits ending at or before `from` belong to whoever scans before it.
    auto first = [&](uint32_t id, size_t end) {
      if (end > from) on_match(id, end);
    };
    const size_t begin = StartFor(from);
    if (to - from < kTwoStreamMinimum) {
      uint32_t state = 0;
      for (size_t i = begin; i < to; ++i) Step(state, s[i], i, first);
      return;
    }
    const size_t mid = from + (to - from) / 2;
    std::vector<std::pair<uint32_t, size_t>> later;  // second-half hits ending after mid
    auto keep = [&](uint32_t id, size_t end) {
      if (end > mid) later.emplace_back(id, end);
    };
    uint32_t a = 0;
    uint32_t b = 0;
    size_t i = begin;
    size_t j = StartFor(mid);
    while (i < mid && j < to) {
      Step(a, s[i], i, first);
      Step(b, s[j], j, keep);
      ++i;
      ++j;
    }
    for (; i < mid; ++i) Step(a, s[i], i, first);
    for (; j < to; ++j) Step(b, s[j], j, keep);
    for (const auto& [id, end] : later) on_match(id, end);
  }

  size_t phrase_count() const { return lengths_.size(); }
  size_t state_count() const { return own_begin_.empty() ? 0 : own_begin_.size() - 1; }
  // Length in bytes of phrase `id`.
  size_t length(uint32_t id) const { return lengths_[id]; }
  size_t memory_bytes() const;

 private:
  static constexpr uint32_t kOutputFlag = 0x80000000u;
  static constexpr size_t kTwoStreamMinimum = 4096;

  // Where a scan must start to see every phrase that ends after `from`.
  size_t StartFor(size_t from) const { return from >= max_length_ ? from - max_length_ + 1 : 0; }

  template <typename OnMatch>
  void Step(uint32_t& state, unsigned char byte, size_t i, OnMatch& on_match) const {
    const uint32_t next = delta_[state + classes_[byte]];
    state = next & ~kOutputFlag;
    if (next & kOutputFlag) [[unlikely]] {
      Report(state, i + 1, on_match);
    }
  }

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
  size_t max_length_ = 0;  // of the longest phrase, in bytes
};

}  // namespace voicelint

#endif  // VOICELINT_CORE_MATCH_PHRASE_AUTOMATON_H_
