#include "core/text/word_boundaries.h"

#include <gtest/gtest.h>
#include <unicode/brkiter.h>

#include <memory>
#include <random>
#include <string>

namespace voicelint {
namespace {

bool Accept(std::string_view text, std::string_view match) {
  WordBoundaries words;
  words.Reset(text);
  const size_t at = text.find(match);
  EXPECT_NE(at, std::string_view::npos) << match;
  return words.Accept(at, at + match.size());
}

TEST(WordBoundaries, RejectsMatchesInsideEnglishWords) {
  EXPECT_FALSE(Accept("they said", "hey"));
  EXPECT_FALSE(Accept("see hey_code", "hey"));
  EXPECT_FALSE(Accept("a token", "ok"));
  EXPECT_TRUE(Accept("oh, hey!", "hey"));
  EXPECT_TRUE(Accept("ok", "ok"));
  EXPECT_TRUE(Accept("it's ok.", "ok"));
}

TEST(WordBoundaries, RejectsChineseMatchInsideOneLongerWord) {
  EXPECT_FALSE(Accept("请按时喂养宠物。", "喂"));
  EXPECT_FALSE(Accept("迷你裙已售罄。", "你"));
}

TEST(WordBoundaries, AcceptsChineseWholeWords) {
  EXPECT_TRUE(Accept("喂，请问有什么事？", "喂"));
  EXPECT_TRUE(Accept("你的订单已发货。", "你"));
}

TEST(WordBoundaries, RejectsChineseMatchWhoseEndsBothCutWords) {
  EXPECT_FALSE(Accept("你着急什么时候能到", "急什么"));
}

TEST(WordBoundaries, AcceptsChineseMatchWithOneGluedNeighbour) {
  EXPECT_TRUE(Accept("我们也没办法", "没办法"));
}

TEST(WordBoundaries, HandlesNonAsciiLatinThroughIcu) {
  EXPECT_FALSE(Accept("caféhey", "hey"));
  EXPECT_TRUE(Accept("café hey", "hey"));
}

// The ASCII fast path must agree with ICU on every position of random ASCII text.
TEST(WordBoundaries, AsciiFastPathAgreesWithIcu) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> icu(
      icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  ASSERT_TRUE(U_SUCCESS(status));
  const std::string alphabet = "ab Z09_.':,;!-\n@/\"";
  std::mt19937 rng(42);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const size_t length = 1 + rng() % 12;
    for (size_t i = 0; i < length; ++i) text += alphabet[rng() % alphabet.size()];
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
    icu->setText(u);
    WordBoundaries words;
    words.Reset(text);
    for (size_t pos = 0; pos <= text.size(); ++pos) {
      ASSERT_EQ(words.IsBoundary(pos), icu->isBoundary(static_cast<int32_t>(pos)) != 0)
          << "at " << pos << " in \"" << text << "\"";
    }
  }
}

}  // namespace
}  // namespace voicelint
