#include "core/lint/overlaps.h"

#include <algorithm>
#include <array>

namespace voicelint {
namespace {

// Higher priority first: longest, then the rule defined first, then the start.
bool Precedes(const Candidate& x, const Candidate& y) {
  if (x.span.size() != y.span.size()) return x.span.size() > y.span.size();
  if (x.rule != y.rule) return x.rule < y.rule;
  return x.span.begin < y.span.begin;
}

// Settles overlaps one cluster of overlapping candidates at a time: what
// taking candidates in priority order over the whole text accepts, since
// candidates of different clusters share no byte. Puts `candidates` in text
// order and `accepted` gets the accepted ones, in text order. Returns false,
// for the whole-text way, when the candidates are far from text order or a
// cluster is large; `candidates` are then reordered but all there. Literal
// candidates come in order of their end, so only nested ones move; pattern
// candidates, appended after them, usually exhaust the moves allowed.
bool SettleByCluster(std::vector<Candidate>* candidates, std::vector<Candidate>* accepted) {
  constexpr size_t kMaxCluster = 32;
  std::vector<Candidate>& c = *candidates;
  size_t moves = 0;
  for (size_t i = 1; i < c.size(); ++i) {
    const Candidate x = c[i];
    size_t j = i;
    for (; j > 0 && c[j - 1].span.begin > x.span.begin && moves <= c.size() + 1024; --j) {
      c[j] = c[j - 1];
      ++moves;
    }
    c[j] = x;  // every candidate stays, in order or not
    if (moves > c.size() + 1024) return false;
  }
  std::array<Candidate, kMaxCluster> cluster;
  for (size_t i = 0; i < c.size();) {
    size_t end = c[i].span.end;
    size_t j = i + 1;
    for (; j < c.size() && c[j].span.begin < end; ++j) end = std::max(end, c[j].span.end);
    if (j - i == 1) {
      if (!c[i].span.empty()) accepted->push_back(c[i]);
    } else {
      if (j - i > kMaxCluster) return false;
      std::copy(c.begin() + static_cast<std::ptrdiff_t>(i),
                c.begin() + static_cast<std::ptrdiff_t>(j), cluster.begin());
      const auto last = cluster.begin() + static_cast<std::ptrdiff_t>(j - i);
      std::sort(cluster.begin(), last, Precedes);
      const size_t first = accepted->size();
      for (auto it = cluster.begin(); it != last; ++it) {
        if (it->span.empty()) continue;
        bool free = true;
        for (size_t k = first; k < accepted->size() && free; ++k) {
          const ByteRange& a = (*accepted)[k].span;
          free = !(a.begin < it->span.end && it->span.begin < a.end);
        }
        if (free) accepted->push_back(*it);
      }
      std::sort(accepted->begin() + static_cast<std::ptrdiff_t>(first), accepted->end(),
                [](const Candidate& x, const Candidate& y) { return x.span.begin < y.span.begin; });
    }
    i = j;
  }
  return true;
}

// Sorts candidates longest first, then by rule, then by start. When every
// one fits in a 64-bit key (spans under 64 KB, rules under 65,536, offsets
// under 4 GB), the keys are sorted instead: integers, with no comparator.
void SortByPriority(std::vector<Candidate>* candidates, std::vector<uint64_t>* keys) {
  constexpr size_t kMax16 = 0xFFFF;
  keys->clear();
  for (const Candidate& c : *candidates) {
    if (c.span.size() > kMax16 || c.rule > kMax16 || c.span.begin > 0xFFFFFFFFu) {
      std::sort(candidates->begin(), candidates->end(), Precedes);
      return;
    }
    keys->push_back(uint64_t{kMax16 - c.span.size()} << 48 | uint64_t{c.rule} << 32 | c.span.begin);
  }
  std::sort(keys->begin(), keys->end());
  for (size_t i = 0; i < keys->size(); ++i) {
    const uint64_t key = (*keys)[i];
    const size_t begin = key & 0xFFFFFFFFu;
    (*candidates)[i] = {{begin, begin + (kMax16 - (key >> 48))},
                        static_cast<uint32_t>(key >> 32 & kMax16)};
  }
}

// The priority sort over the whole text, with a bit set for the bytes
// already taken.
void SettleWholeText(std::vector<Candidate>* candidates, size_t text_size, OverlapBuffers* buffers,
                     std::vector<Candidate>* accepted) {
  SortByPriority(candidates, &buffers->keys);
  // Kept all clear between calls (only accepted spans are set, and cleared
  // again below), so its cost follows the findings, not the text.
  std::vector<uint64_t>& taken = buffers->taken;
  if (taken.size() * 64 < text_size) taken.resize(text_size / 64 + 1, 0);
  auto is_free = [&](ByteRange r) {
    for (size_t i = r.begin; i < r.end; ++i) {
      if (taken[i >> 6] >> (i & 63) & 1) return false;
    }
    return true;
  };
  auto mark = [&](ByteRange r, bool on) {
    for (size_t i = r.begin; i < r.end; ++i) {
      if (on) {
        taken[i >> 6] |= uint64_t{1} << (i & 63);
      } else {
        taken[i >> 6] &= ~(uint64_t{1} << (i & 63));
      }
    }
  };
  for (const Candidate& c : *candidates) {
    if (c.span.empty() || !is_free(c.span)) continue;
    mark(c.span, true);
    accepted->push_back(c);
  }
  for (const Candidate& c : *accepted) mark(c.span, false);
  std::sort(accepted->begin(), accepted->end(),
            [](const Candidate& x, const Candidate& y) { return x.span.begin < y.span.begin; });
}

}  // namespace

void SettleOverlaps(std::vector<Candidate>* candidates, size_t text_size, OverlapBuffers* buffers,
                    std::vector<Candidate>* accepted, SettleWay way) {
  accepted->clear();
  if (way == SettleWay::kFastest && SettleByCluster(candidates, accepted)) return;
  accepted->clear();
  SettleWholeText(candidates, text_size, buffers, accepted);
}

}  // namespace voicelint
