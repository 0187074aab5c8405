#include "core/text/normalizer.h"

#include <gtest/gtest.h>

namespace voicelint {
namespace {

NormalizedText Fold(std::string_view text, std::vector<ByteRange> masks = {}) {
  NormalizedText out;
  Normalizer(CaseMode::kFold).Normalize(text, masks, &out);
  return out;
}

// The original text behind normalized span [begin, end).
std::string_view Back(std::string_view text, const NormalizedText& n, size_t begin, size_t end) {
  const ByteRange r = n.map.ToOriginal({begin, end});
  return text.substr(r.begin, r.size());
}

TEST(Normalizer, FoldsCaseAndFullWidthForms) {
  EXPECT_EQ(Fold("Hey HEY ＨＥＹ").text, "hey hey hey");
}

TEST(Normalizer, CollapsesWhiteSpaceRunsToOneSpace) {
  EXPECT_EQ(Fold("you\n   people\u00A0\u3000now").text, "you people now");
}

TEST(Normalizer, DropsWhiteSpaceBetweenHanCharacters) {
  EXPECT_EQ(Fold("不\n知道").text, "不知道");
  EXPECT_EQ(Fold("不 ok").text, "不 ok");
}

TEST(Normalizer, FoldsTraditionalToSimplified) {
  EXPECT_EQ(Fold("你們餵").text, "你们喂");
  EXPECT_EQ(FoldHan(U'們'), U'们');
  EXPECT_EQ(FoldHan(U'a'), U'a');
}

TEST(Normalizer, FoldsTypographicApostrophes) {
  EXPECT_EQ(Fold("I don’t know").text, "i don't know");
}

TEST(Normalizer, DeletesDefaultIgnorables) {
  EXPECT_EQ(Fold("he\u200By").text, "hey");
  EXPECT_EQ(Fold("no\u00ADproblem").text, "noproblem");
}

TEST(Normalizer, MapsSpansBackToOriginalBytes) {
  const std::string text = "Oh  ＨＥＹ  you\n people";
  const NormalizedText n = Fold(text);
  ASSERT_EQ(n.text, "oh hey you people");
  EXPECT_EQ(Back(text, n, 3, 6), "ＨＥＹ");
  EXPECT_EQ(Back(text, n, 7, 17), "you\n people");
  EXPECT_EQ(Back(text, n, 0, 2), "Oh");
}

TEST(Normalizer, SnapsSpansInsideAnExpansionOutward) {
  // U+0130 folds to "i" + U+0307: a match of "i" covers the whole original character.
  const std::string text = "x\u0130y";
  const NormalizedText n = Fold(text);
  ASSERT_EQ(n.text, "xi\u0307y");
  EXPECT_EQ(Back(text, n, 1, 2), "\u0130");
}

TEST(Normalizer, ComposesCombiningMarksAfterAscii) {
  const std::string text = "cafe\u0301!";
  const NormalizedText n = Fold(text);
  EXPECT_EQ(n.text, "caf\u00e9!");
  EXPECT_EQ(Back(text, n, 0, 5), "cafe\u0301");
}

TEST(Normalizer, ReportsInvalidUtf8AndGoesOn) {
  const std::string text = "hey \xFF you";
  const NormalizedText n = Fold(text);
  EXPECT_EQ(n.text, "hey \n you");
  ASSERT_EQ(n.invalid_utf8.size(), 1u);
  EXPECT_EQ(n.invalid_utf8[0], 4u);
  EXPECT_EQ(Back(text, n, 6, 9), "you");
}

TEST(Normalizer, ReplacesMaskedRangesWithOneBarrier) {
  const std::string text = "you {{name}} people";
  const NormalizedText n = Fold(text, {{4, 12}});
  EXPECT_EQ(n.text, "you \n people");
  EXPECT_EQ(Back(text, n, 6, 12), "people");
}

TEST(Normalizer, KeepModeKeepsCase) {
  NormalizedText out;
  Normalizer(CaseMode::kKeep).Normalize("Hey ＨＥＹ", {}, &out);
  EXPECT_EQ(out.text, "Hey HEY");
}

TEST(Normalizer, NormalizesPhrasesAndTrimsThem) {
  const Normalizer n(CaseMode::kFold);
  EXPECT_EQ(n.NormalizePhrase("  No   Problem "), "no problem");
  EXPECT_EQ(n.NormalizePhrase("\u200B"), "");
}

}  // namespace
}  // namespace voicelint
