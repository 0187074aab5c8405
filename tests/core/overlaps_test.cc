#include "core/lint/overlaps.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

namespace voicelint {
namespace {

// The rule of DESIGN section 3 (overlaps) written the slow, obvious way: every
// candidate in order of priority, accepted unless it shares a byte with one
// accepted before.
std::vector<Candidate> Reference(std::vector<Candidate> candidates) {
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& x, const Candidate& y) {
    if (x.span.size() != y.span.size()) return x.span.size() > y.span.size();
    if (x.rule != y.rule) return x.rule < y.rule;
    return x.span.begin < y.span.begin;
  });
  std::vector<Candidate> accepted;
  for (const Candidate& c : candidates) {
    if (c.span.empty()) continue;
    const bool free = std::none_of(accepted.begin(), accepted.end(), [&](const Candidate& a) {
      return a.span.begin < c.span.end && c.span.begin < a.span.end;
    });
    if (free) accepted.push_back(c);
  }
  std::sort(accepted.begin(), accepted.end(),
            [](const Candidate& x, const Candidate& y) { return x.span.begin < y.span.begin; });
  return accepted;
}

TEST(Overlaps, LongestThenFirstRuleThenFirstStartWins) {
  OverlapBuffers buffers;
  std::vector<Candidate> accepted;
  std::vector<Candidate> candidates = {{{6, 9}, 2},   {{0, 9}, 5},   {{20, 23}, 4},
                                       {{20, 23}, 1}, {{30, 34}, 0}, {{32, 36}, 0}};
  SettleOverlaps(&candidates, 40, &buffers, &accepted);
  EXPECT_EQ(accepted, (std::vector<Candidate>{{{0, 9}, 5}, {{20, 23}, 1}, {{30, 34}, 0}}));
}

// Random candidates in the order a scan reports them (by end), shuffled, in
// dense clusters and in clusters too large to settle one by one: both ways
// agree with the reference.
TEST(Overlaps, BothWaysAgreeWithTheReference) {
  std::mt19937 rng(17);
  OverlapBuffers buffers;
  for (int round = 0; round < 3000; ++round) {
    const size_t text_size = 40 + rng() % (round % 10 == 0 ? 4000 : 400);
    const size_t count = rng() % (round % 7 == 0 ? 200 : 40);
    const size_t longest = 1 + rng() % (round % 5 == 0 ? 60 : 8);
    std::vector<Candidate> candidates;
    for (size_t k = 0; k < count; ++k) {
      const size_t begin = rng() % text_size;
      const size_t end = std::min(text_size, begin + rng() % (longest + 1));
      candidates.push_back({{begin, end}, static_cast<uint32_t>(rng() % 6)});
    }
    switch (round % 3) {
      case 0:  // in order of their end, as the automaton reports them
        std::stable_sort(
            candidates.begin(), candidates.end(),
            [](const Candidate& x, const Candidate& y) { return x.span.end < y.span.end; });
        break;
      case 1:  // in text order
        std::stable_sort(
            candidates.begin(), candidates.end(),
            [](const Candidate& x, const Candidate& y) { return x.span.begin < y.span.begin; });
        break;
      default:  // any order (regex candidates come after literal ones)
        break;
    }
    const std::vector<Candidate> expected = Reference(candidates);
    for (const SettleWay way : {SettleWay::kFastest, SettleWay::kWholeText}) {
      std::vector<Candidate> copy = candidates;
      std::vector<Candidate> accepted;
      SettleOverlaps(&copy, text_size, &buffers, &accepted, way);
      ASSERT_EQ(accepted, expected) << "round " << round;
    }
  }
}

}  // namespace
}  // namespace voicelint
