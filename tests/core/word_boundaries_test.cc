#include "core/text/word_boundaries.h"

#include <gtest/gtest.h>
#include <unicode/brkiter.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "core/text/cjk_dictionary.h"

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

// An ASCII match is accepted exactly when ICU has a boundary at both of its
// ends, next to letters with marks, Latin-1 letters and Han as well.
TEST(WordBoundaries, AsciiMatchesAcceptedAsIcuBoundsThem) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> icu(
      icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  ASSERT_TRUE(U_SUCCESS(status));
  const std::vector<std::string> pieces = {"a",      "b", "Z",  "0", "9", "_",      ".",
                                           " ",      "'", "-",  ":", ",", "\n",     "\u00E9",
                                           "\u0301", "x", "ok", "7", "@", "\u4F60", "\u200D"};
  std::mt19937 rng(8);
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    std::vector<int32_t> utf16_at;  // per byte offset, where it starts (or -1)
    for (size_t k = 0, n = 2 + rng() % 10; k < n; ++k) text += pieces[rng() % pieces.size()];
    const icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
    icu->setText(u);
    int32_t units = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      if ((c & 0xC0) == 0x80) {
        utf16_at.push_back(-1);
        continue;
      }
      utf16_at.push_back(units);
      units += c >= 0xF0 ? 2 : 1;
    }
    utf16_at.push_back(units);
    WordBoundaries words;
    words.Reset(text);
    for (size_t b = 0; b < text.size(); ++b) {
      for (size_t e = b + 1; e <= text.size() && static_cast<unsigned char>(text[e - 1]) < 0x80;
           ++e) {
        if (utf16_at[b] < 0 || utf16_at[e] < 0) continue;
        const bool expected =
            icu->isBoundary(utf16_at[b]) != 0 && icu->isBoundary(utf16_at[e]) != 0;
        ASSERT_EQ(words.Accept(b, e), expected)
            << "[" << b << ", " << e << ") in \"" << text << "\"";
      }
    }
  }
}

// The dictionary segmentation gives ICU's boundaries for runs of common Han
// characters: real words and phrases, strings of characters no word joins,
// ties between equal covers, and runs of every length up to the longest.
TEST(CjkDictionary, SegmentsRunsAsIcuDoes) {
  const CjkDictionary* dictionary = CjkDictionary::Get();
  ASSERT_NE(dictionary, nullptr);
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> icu(
      icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  ASSERT_TRUE(U_SUCCESS(status));
  const std::u16string pool =
      u"您好我们已经为你处理了订单请耐心等待不知道没办法着急什么时候能到喂养宠物迷你裙售罄"
      u"客服团队正在查询物流信息会尽快给回复问题都非常重视地方可以随时记录下来中华人民共和国"
      u"研究生命起源南京市长江大桥结婚的和尚未结婚的乒乓球拍卖完了龘靐齉爩鱻麤乛乣乥乧乨乪乫乬乭乮"
      u"乯";
  std::mt19937 rng(2024);
  std::vector<uint32_t> ours;
  // One set of first steps for every run, as a WordBoundaries keeps it, and a
  // fresh one now and then: remembered and new first steps agree.
  auto first_steps = std::make_unique<CjkDictionary::FirstSteps>();
  for (int round = 0; round < 4000; ++round) {
    if (round % 1000 == 999) first_steps = std::make_unique<CjkDictionary::FirstSteps>();
    const size_t length = round < 3900 ? 1 + rng() % 40 : CjkDictionary::kMaxRun - rng() % 20;
    std::u16string run;
    if (rng() % 2 == 0) {  // a piece of the pool: real words
      const size_t at = rng() % pool.size();
      run = pool.substr(at, length);
    } else {  // characters in any order
      for (size_t i = 0; i < length; ++i) run += pool[rng() % pool.size()];
    }
    const icu::UnicodeString text(false, run.data(), static_cast<int32_t>(run.size()));
    icu->setText(text);
    std::vector<uint32_t> expected;
    for (int32_t b = icu->first(); b != icu::BreakIterator::DONE; b = icu->next()) {
      expected.push_back(static_cast<uint32_t>(b));
    }
    dictionary->Segment(run, &ours, first_steps.get());
    std::string utf8;
    text.toUTF8String(utf8);
    ASSERT_EQ(ours, expected) << utf8;
  }
}

}  // namespace
}  // namespace voicelint
