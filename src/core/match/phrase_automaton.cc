#include "core/match/phrase_automaton.h"

#include <algorithm>

namespace voicelint {

// The reciprocal division of Report, checked for every class count at the
// largest rows (multiples of the count below 2^31) and a few small ones.
static_assert([] {
  for (uint64_t c = 1; c <= 256; ++c) {
    const uint64_t inverse = ((uint64_t{1} << 32) + c - 1) / c;
    for (uint64_t q : {uint64_t{0}, uint64_t{1}, uint64_t{7}, ((uint64_t{1} << 31) - 1) / c,
                       ((uint64_t{1} << 31) - 1) / c - 1}) {
      if (((q * c) * inverse) >> 32 != q) return false;
    }
  }
  return true;
}());

PhraseAutomaton::PhraseAutomaton() : delta_(1, 0), own_begin_{0, 0}, dict_link_{0} {}

PhraseAutomaton PhraseAutomaton::Build(std::span<const std::string> phrases) {
  PhraseAutomaton ac;
  // Byte classes: one per byte that occurs in a phrase.
  std::array<bool, 256> used{};
  for (const std::string& p : phrases) {
    for (unsigned char c : p) used[c] = true;
  }
  uint32_t classes = 1;
  for (int b = 0; b < 256 && classes < 256; ++b) {
    if (used[static_cast<size_t>(b)])
      ac.classes_[static_cast<size_t>(b)] = static_cast<uint8_t>(classes++);
  }
  // Normalized phrases are valid UTF-8, which never uses 0xC0, 0xC1 or 0xF5-0xFF,
  // so at most 243 classes are needed besides class 0 and a uint8_t holds them.
  ac.num_classes_ = classes;
  ac.row_inverse_ = ((uint64_t{1} << kInverseShift) + classes - 1) / classes;
  const uint32_t c = classes;

  // Trie, as dense rows; 0 means "no child" (no edge ever leads back to the root).
  // At most one state per phrase byte, plus the root: reserve once.
  size_t total = 1;
  for (const std::string& p : phrases) total += p.size();
  std::vector<uint32_t> delta(c, 0);
  delta.reserve(total * c);
  std::vector<std::vector<uint32_t>> own(1);
  own.reserve(total);
  ac.lengths_.reserve(phrases.size());
  for (uint32_t id = 0; id < phrases.size(); ++id) {
    const std::string& p = phrases[id];
    ac.lengths_.push_back(static_cast<uint32_t>(p.size()));
    ac.max_length_ = std::max(ac.max_length_, p.size());
    if (p.empty()) continue;
    uint32_t state = 0;
    for (unsigned char byte : p) {
      const uint32_t slot = state * c + ac.classes_[byte];
      if (delta[slot] == 0) {
        delta[slot] = static_cast<uint32_t>(own.size());
        own.emplace_back();
        delta.resize(delta.size() + c, 0);
      }
      state = delta[slot];
    }
    own[state].push_back(id);
  }
  const size_t states = own.size();

  // Breadth-first: failure links, dictionary links, and the full DFA.
  std::vector<uint32_t> fail(states, 0);
  std::vector<uint32_t> dict(states, 0);
  std::vector<uint32_t> queue;
  queue.reserve(states);
  for (uint32_t k = 0; k < c; ++k) {
    if (delta[k] != 0) queue.push_back(delta[k]);
  }
  for (size_t head = 0; head < queue.size(); ++head) {
    const uint32_t s = queue[head];
    const uint32_t f = fail[s];
    dict[s] = own[f].empty() ? dict[f] : f;
    for (uint32_t k = 0; k < c; ++k) {
      uint32_t& slot = delta[s * c + k];
      if (slot != 0) {
        fail[slot] = delta[f * c + k];
        queue.push_back(slot);
      } else {
        slot = delta[f * c + k];
      }
    }
  }

  // States renumbered breadth-first, so that the shallow ones a scan spends
  // nearly all its steps in (the root, then the first bytes of phrases) have
  // their rows side by side in a few cache lines, however large the glossary.
  std::vector<uint32_t> renamed(states, 0);
  for (size_t k = 0; k < queue.size(); ++k) renamed[queue[k]] = static_cast<uint32_t>(k + 1);
  // Rows pre-multiplied by the class count, flagged when the target reports.
  ac.delta_.assign(delta.size(), 0);
  ac.dict_link_.assign(states, 0);
  std::vector<uint32_t> by_new(states, 0);  // new state -> old state
  for (size_t old = 0; old < states; ++old) by_new[renamed[old]] = static_cast<uint32_t>(old);
  for (size_t old = 0; old < states; ++old) {
    const size_t row = size_t{renamed[old]} * c;
    for (uint32_t k = 0; k < c; ++k) {
      const uint32_t t = delta[old * c + k];
      uint32_t slot = renamed[t] * c;
      if (!own[t].empty() || dict[t] != 0) slot |= kOutputFlag;
      ac.delta_[row + k] = slot;
    }
    ac.dict_link_[renamed[old]] = renamed[dict[old]];
  }
  ac.own_begin_.assign(states + 1, 0);
  ac.own_.clear();
  for (size_t s = 0; s < states; ++s) {
    ac.own_begin_[s] = static_cast<uint32_t>(ac.own_.size());
    ac.own_.insert(ac.own_.end(), own[by_new[s]].begin(), own[by_new[s]].end());
  }
  ac.own_begin_[states] = static_cast<uint32_t>(ac.own_.size());
  return ac;
}

size_t PhraseAutomaton::memory_bytes() const {
  return delta_.size() * sizeof(uint32_t) + own_begin_.size() * sizeof(uint32_t) +
         own_.size() * sizeof(uint32_t) + dict_link_.size() * sizeof(uint32_t) +
         lengths_.size() * sizeof(uint32_t);
}

}  // namespace voicelint
