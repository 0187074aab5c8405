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
  // Each step of a DFA waits for the previous one's table load (from memory,
  // for a large glossary), so a long range is scanned as four parts at once,
  // each starting early enough to see every phrase that ends in it: the CPU
  // overlaps the four chains of loads. The later parts' hits are kept and
  // reported after the first's, in order.
  template <typename OnMatch>
  void ScanRange(std::string_view text, size_t from, size_t to, OnMatch&& on_match) const {
    to = std::min(to, text.size());
    if (from >= to || max_length_ == 0) return;
    // In blocks, so that the hits kept for later stay few.
    for (size_t block = from; block < to; block += kBlock) {
      ScanBlock(text, block, std::min(to, block + kBlock), on_match);
    }
  }

  size_t phrase_count() const { return lengths_.size(); }
  size_t state_count() const { return own_begin_.empty() ? 0 : own_begin_.size() - 1; }
  // Length in bytes of phrase `id`.
  size_t length(uint32_t id) const { return lengths_[id]; }
  size_t memory_bytes() const;

 private:
  static constexpr size_t kStreams = 4;
  // Bytes per stream, at least: a text of 256 bytes or more (a canned reply)
  // is scanned as four streams, each of which also rescans the longest
  // phrase's length before its start.
  static constexpr size_t kStreamMinimum = 64;
  static constexpr size_t kBlock = size_t{1} << 18;

  template <typename OnMatch>
  void ScanBlock(std::string_view text, size_t from, size_t to, OnMatch& on_match) const {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    // Hits ending at or before `from` belong to whoever scans before it.
    auto first = [&](uint32_t id, size_t end) {
      if (end > from) on_match(id, end);
    };
    if (to - from < kStreams * kStreamMinimum) {
      uint32_t state = 0;
      for (size_t i = StartFor(from); i < to; ++i) Step(state, s[i], i, first);
      return;
    }
    // Stream k reports the hits that end in (cut[k], cut[k + 1]].
    std::array<size_t, kStreams + 1> cut;
    for (size_t k = 0; k <= kStreams; ++k) cut[k] = from + (to - from) * k / kStreams;
    std::array<size_t, kStreams> at;
    for (size_t k = 0; k < kStreams; ++k) at[k] = StartFor(cut[k]);
    std::array<uint32_t, kStreams> state{};
    std::array<std::vector<std::pair<uint32_t, size_t>>, kStreams> later;
    auto keep = [&](size_t k) {
      return [&, k](uint32_t id, size_t end) {
        if (end > cut[k]) later[k].emplace_back(id, end);
      };
    };
    auto keep1 = keep(1);
    auto keep2 = keep(2);
    auto keep3 = keep(3);
    size_t steps = cut[1] - at[0];
    for (size_t k = 1; k < kStreams; ++k) steps = std::min(steps, cut[k + 1] - at[k]);
    // The four streams' states and bytes stay in registers: the loop makes no
    // calls. A transition that ends a phrase is noted in `hits` and reported
    // after the loop is left, which it is when `hits` may run out of room.
    struct Hit {
      uint32_t row;
      uint32_t stream;
      size_t end;
    };
    constexpr size_t kHits = 256;
    std::array<Hit, kHits> hits;
    const unsigned char* p0 = s + at[0];
    const unsigned char* p1 = s + at[1];
    const unsigned char* p2 = s + at[2];
    const unsigned char* p3 = s + at[3];
    const uint8_t* classes = classes_.data();
    const uint32_t* delta = delta_.data();
    uint32_t st0 = 0;
    uint32_t st1 = 0;
    uint32_t st2 = 0;
    uint32_t st3 = 0;
    size_t n = 0;
    while (n < steps) {
      size_t noted = 0;
      for (; n < steps && noted + kStreams <= kHits; ++n) {
        const uint32_t next0 = delta[st0 + classes[p0[n]]];
        const uint32_t next1 = delta[st1 + classes[p1[n]]];
        const uint32_t next2 = delta[st2 + classes[p2[n]]];
        const uint32_t next3 = delta[st3 + classes[p3[n]]];
        st0 = next0 & ~kOutputFlag;
        st1 = next1 & ~kOutputFlag;
        st2 = next2 & ~kOutputFlag;
        st3 = next3 & ~kOutputFlag;
        if (next0 & kOutputFlag) [[unlikely]]
          hits[noted++] = {st0, 0, at[0] + n + 1};
        if (next1 & kOutputFlag) [[unlikely]]
          hits[noted++] = {st1, 1, at[1] + n + 1};
        if (next2 & kOutputFlag) [[unlikely]]
          hits[noted++] = {st2, 2, at[2] + n + 1};
        if (next3 & kOutputFlag) [[unlikely]]
          hits[noted++] = {st3, 3, at[3] + n + 1};
      }
      for (size_t h = 0; h < noted; ++h) {
        const Hit& hit = hits[h];
        switch (hit.stream) {
          case 0:
            Report(hit.row, hit.end, first);
            break;
          case 1:
            Report(hit.row, hit.end, keep1);
            break;
          case 2:
            Report(hit.row, hit.end, keep2);
            break;
          default:
            Report(hit.row, hit.end, keep3);
            break;
        }
      }
    }
    state = {st0, st1, st2, st3};
    for (size_t k = 0; k < kStreams; ++k) at[k] += steps;
    for (; at[0] < cut[1]; ++at[0]) Step(state[0], s[at[0]], at[0], first);
    for (; at[1] < cut[2]; ++at[1]) Step(state[1], s[at[1]], at[1], keep1);
    for (; at[2] < cut[3]; ++at[2]) Step(state[2], s[at[2]], at[2], keep2);
    for (; at[3] < cut[4]; ++at[3]) Step(state[3], s[at[3]], at[3], keep3);
    for (size_t k = 1; k < kStreams; ++k) {
      for (const auto& [id, end] : later[k]) on_match(id, end);
    }
  }

  static constexpr uint32_t kOutputFlag = 0x80000000u;

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
    // row / num_classes_, by a multiplication: rows are exact multiples.
    const auto state = static_cast<uint32_t>((uint64_t{row} * row_inverse_) >> kInverseShift);
    for (uint32_t st = state; st != 0; st = dict_link_[st]) {
      for (uint32_t k = own_begin_[st]; k < own_begin_[st + 1]; ++k) on_match(own_[k], end);
    }
  }

  std::array<uint8_t, 256> classes_{};
  uint32_t num_classes_ = 1;
  // ceil(2^32 / num_classes_): (row * row_inverse_) >> 32 is row / num_classes_
  // for every row that is a multiple of num_classes_ (rows are below 2^31, so
  // the product stays below 2^63, and the rounding error below one half).
  static constexpr int kInverseShift = 32;
  uint64_t row_inverse_ = uint64_t{1} << kInverseShift;
  std::vector<uint32_t> delta_;      // row (state * num_classes_) + class -> next row | flag
  std::vector<uint32_t> own_begin_;  // state -> first index in own_ (state_count + 1 entries)
  std::vector<uint32_t> own_;        // phrase ids ending exactly at each state
  std::vector<uint32_t> dict_link_;  // state -> nearest proper suffix state with output (0: none)
  std::vector<uint32_t> lengths_;
  size_t max_length_ = 0;  // of the longest phrase, in bytes
};

}  // namespace voicelint

#endif  // VOICELINT_CORE_MATCH_PHRASE_AUTOMATON_H_
