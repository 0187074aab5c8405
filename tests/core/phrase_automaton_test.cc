#include "core/match/phrase_automaton.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace voicelint {
namespace {

using Hits = std::set<std::pair<uint32_t, size_t>>;

Hits Scan(const PhraseAutomaton& ac, std::string_view text) {
  Hits hits;
  ac.Scan(text, [&](uint32_t id, size_t end) { hits.emplace(id, end); });
  return hits;
}

TEST(PhraseAutomaton, FindsOverlappingAndNestedPhrases) {
  const std::vector<std::string> phrases{"he", "she", "his", "hers", "you people", "you"};
  const PhraseAutomaton ac = PhraseAutomaton::Build(phrases);
  EXPECT_EQ(Scan(ac, "ushers"), (Hits{{1, 4}, {0, 4}, {3, 6}}));
  EXPECT_EQ(Scan(ac, "you people"), (Hits{{5, 3}, {4, 10}}));
}

TEST(PhraseAutomaton, ReportsEveryIdOfDuplicatePhrases) {
  const std::vector<std::string> phrases{"ok", "ok", ""};
  const PhraseAutomaton ac = PhraseAutomaton::Build(phrases);
  EXPECT_EQ(Scan(ac, "ok"), (Hits{{0, 2}, {1, 2}}));
  EXPECT_EQ(ac.length(1), 2u);
}

TEST(PhraseAutomaton, MatchesMultiByteUtf8) {
  const std::vector<std::string> phrases{"不知道", "知道"};
  const PhraseAutomaton ac = PhraseAutomaton::Build(phrases);
  EXPECT_EQ(Scan(ac, "我不知道"), (Hits{{0, 12}, {1, 12}}));
}

// `count` random phrases of 1 to `max_length` bytes drawn from `alphabet`.
std::vector<std::string> RandomPhrases(std::mt19937& rng, int count, size_t max_length,
                                       std::string_view alphabet) {
  std::vector<std::string> phrases;
  for (int i = 0; i < count; ++i) {
    std::string p;
    for (size_t k = 0, n = 1 + rng() % max_length; k < n; ++k)
      p += alphabet[rng() % alphabet.size()];
    phrases.push_back(p);
  }
  return phrases;
}

std::string RandomText(std::mt19937& rng, size_t length, std::string_view alphabet) {
  std::string text;
  for (size_t k = 0; k < length; ++k) text += alphabet[rng() % alphabet.size()];
  return text;
}

// Every occurrence of every phrase, found with std::string::find.
Hits NaiveHits(const std::vector<std::string>& phrases, const std::string& text) {
  Hits hits;
  for (uint32_t id = 0; id < phrases.size(); ++id) {
    for (size_t at = text.find(phrases[id]); at != std::string::npos;
         at = text.find(phrases[id], at + 1)) {
      hits.emplace(id, at + phrases[id].size());
    }
  }
  return hits;
}

// Against a naive search on random phrases and texts over a small alphabet.
TEST(PhraseAutomaton, AgreesWithNaiveSearch) {
  std::mt19937 rng(7);
  for (int round = 0; round < 200; ++round) {
    const std::vector<std::string> phrases = RandomPhrases(rng, 20, 4, "abc ");
    const std::string text = RandomText(rng, 60, "abcd ");
    const PhraseAutomaton ac = PhraseAutomaton::Build(phrases);
    ASSERT_EQ(Scan(ac, text), NaiveHits(phrases, text)) << text;
  }
}

// Long texts are scanned in blocks of four streams at once, short ones as
// one stream: the same hits either way, still in order of end.
TEST(PhraseAutomaton, StreamsAgreeWithNaiveSearchAndStayInOrder) {
  std::mt19937 rng(11);
  for (int round = 0; round < 40; ++round) {
    const std::vector<std::string> phrases = RandomPhrases(rng, 30, 7, "abc ");
    // The first text spans several blocks of the scan.
    const size_t n = round == 0 ? 600000 : 1000 + rng() % 30000;
    const std::string text = RandomText(rng, n, "abcd ");
    const PhraseAutomaton ac = PhraseAutomaton::Build(phrases);
    std::vector<std::pair<uint32_t, size_t>> order;
    ac.Scan(text, [&](uint32_t id, size_t end) { order.emplace_back(id, end); });
    for (size_t k = 1; k < order.size(); ++k) ASSERT_LE(order[k - 1].second, order[k].second);
    const Hits expected = NaiveHits(phrases, text);
    ASSERT_EQ(Hits(order.begin(), order.end()), expected);
    ASSERT_EQ(order.size(), expected.size());  // each hit once, none twice
  }
}

// Ranges that split a text report, together and in order, exactly the hits of
// one scan: each hit once, by the range its end falls in.
TEST(PhraseAutomaton, RangesTogetherReportWhatOneScanDoes) {
  std::mt19937 rng(23);
  for (int round = 0; round < 60; ++round) {
    const std::vector<std::string> phrases = RandomPhrases(rng, 20, 9, "ab ");
    const std::string text = RandomText(rng, 100 + rng() % 12000, "abc ");
    const PhraseAutomaton ac = PhraseAutomaton::Build(phrases);
    std::vector<std::pair<uint32_t, size_t>> whole;
    ac.Scan(text, [&](uint32_t id, size_t end) { whole.emplace_back(id, end); });
    std::vector<size_t> cuts{0, text.size()};
    for (size_t k = 0, n = rng() % 4; k < n; ++k) cuts.push_back(rng() % (text.size() + 1));
    std::sort(cuts.begin(), cuts.end());
    std::vector<std::pair<uint32_t, size_t>> parts;
    for (size_t k = 0; k + 1 < cuts.size(); ++k) {
      ac.ScanRange(text, cuts[k], cuts[k + 1], [&](uint32_t id, size_t end) {
        EXPECT_GT(end, cuts[k]);
        EXPECT_LE(end, cuts[k + 1]);
        parts.emplace_back(id, end);
      });
    }
    ASSERT_EQ(parts, whole) << "round " << round;
  }
}

}  // namespace
}  // namespace voicelint
