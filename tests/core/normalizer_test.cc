#include "core/text/normalizer.h"

#include <gtest/gtest.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>

#include <random>

#include "core/text/utf8.h"

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

// A deleted ignorable (ZWSP) after an ASCII character belongs to that
// character's span, whether ASCII or Han text comes before it.
TEST(Normalizer, AnIgnorableAfterAsciiBelongsToIt) {
  const std::string han = "\u4F60.\u200B7\u200B\u597D";
  const NormalizedText n = Fold(han);
  ASSERT_EQ(n.text, "\u4F60.7\u597D");
  EXPECT_EQ(Back(han, n, 3, 4), ".\u200B");
  EXPECT_EQ(Back(han, n, 4, 5), "7\u200B");
  const std::string ascii = "ok.\u200Bno";
  const NormalizedText m = Fold(ascii);
  ASSERT_EQ(m.text, "ok.no");
  EXPECT_EQ(Back(ascii, m, 2, 3), ".\u200B");
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

namespace voicelint {
namespace {

// The normalization of DESIGN section 3.1 written the slow, obvious way: ICU's
// NFKC_Casefold over the whole string, then white space, Han gaps and the
// Traditional->Simplified fold character by character.
std::string Reference(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCCasefoldInstance(status);
  std::string apostrophes;
  for (size_t i = 0; i < text.size();) {
    size_t len;
    const char32_t c = utf8::Decode(text, i, &len);
    if (c == 0x2018 || c == 0x2019 || c == 0x02BC) {
      apostrophes += '\'';
    } else {
      apostrophes.append(text.substr(i, len));
    }
    i += len;
  }
  std::string folded;
  icu::StringByteSink<std::string> sink(&folded);
  nfkc->normalizeUTF8(
      0, icu::StringPiece(apostrophes.data(), static_cast<int32_t>(apostrophes.size())), sink,
      nullptr, status);
  std::u32string chars;
  for (size_t i = 0; i < folded.size();) {
    size_t len;
    char32_t c = utf8::Decode(folded, i, &len);
    i += len;
    if (u_isUWhiteSpace(static_cast<UChar32>(c))) c = ' ';
    if (c == ' ' && !chars.empty() && chars.back() == ' ') continue;
    chars.push_back(utf8::IsHan(c) ? FoldHan(c) : c);
  }
  std::string out;
  for (size_t i = 0; i < chars.size(); ++i) {
    if (chars[i] == ' ' && i > 0 && i + 1 < chars.size() && utf8::IsHan(chars[i - 1]) &&
        utf8::IsHan(chars[i + 1])) {
      continue;
    }
    utf8::Append(chars[i], &out);
  }
  return out;
}

TEST(Normalizer, AgreesWithTheSlowReferenceOnRandomText) {
  // Pieces that exercise every fast path and its edges: ASCII blocks of eight,
  // single and double spaces, marks that compose with ASCII, full-width forms,
  // Traditional Han, ignorables, supplementary characters.
  const std::vector<std::string> pieces = {
      "a", "Z", "Hey", " ", "  ", "\n", "\t", "e\u0301", "\uFF0C", "\u3002", "\u4F60", "\u5011",
      "\uFF28\uFF25\uFF39", "\u00A0", "\u200B", "\u2019", "\uFB01", "\u00C9", "\U0001F600",
      "\U00020000", "\u3000", "abcdefghij", "ABCDEFGHIJKLMNOP", "\u01C5", "\u00DF", "\u0130", ".",
      "don't", "\u4E0D\u77E5\u9053", "\u0301",
      // Digits, punctuation, full-width forms and
      // line breaks next to Han and marks: the
      // copy loop's own changes and their edges.
      "75", "(", "<\u0338", "7\u0301", "\uFF0C\u0301", "\n\u4F60", "\uFF01\uFF01", "\uFF21"};
  std::mt19937 random(12345);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int count = 1 + static_cast<int>(random() % 14);
    for (int k = 0; k < count; ++k) text += pieces[random() % pieces.size()];
    ASSERT_EQ(Fold(text).text, Reference(text)) << "text: " << text;
  }
}

// Every full-width ASCII character (U+FF01-U+FF5E), alone and between Han,
// ASCII, spaces and a combining mark, as the reference normalizes it.
TEST(Normalizer, FullWidthAsciiAgreesWithTheReference) {
  for (char32_t c = 0xFF01; c <= 0xFF5E; ++c) {
    std::string wide;
    utf8::Append(c, &wide);
    for (const std::string& text :
         {wide, "\u4F60" + wide + "\u597D", "a" + wide + " b", wide + "\u0301", wide + wide,
          " " + wide + "\n", wide + "\u3002"}) {
      ASSERT_EQ(Fold(text).text, Reference(text)) << "text: " << text;
    }
  }
}

// A long text normalized in parts on several threads gives the text, the
// invalid bytes and the offsets of one normalization, with masks and every
// kind of piece on both sides of wherever the parts are cut.
TEST(Normalizer, PartsOnThreadsAgreeWithOnePass) {
  const std::vector<std::string> pieces = {
      "Hey ",   "a",      "e\u0301", " ",      "  \n ", "\u4F60\u4EEC", "\n",     "\u4E0D\n\u77E5",
      "\uFF0C", "\u5011", "\u200B",  "\uFB01", "\xFF",  "\U0001F600",   "don't ", "x\u0301\u0302"};
  std::mt19937 random(99);
  const Normalizer normalizer(CaseMode::kFold);
  for (size_t threads : {2, 3}) {
    std::string text;
    std::vector<ByteRange> masks;
    while (text.size() < (size_t{3} << 19)) {
      if (random() % 50 == 0) {
        const size_t begin = text.size();
        text += "https://example.com/\u4F60 ";
        masks.push_back({begin, text.size() - 1});
      }
      text += pieces[random() % pieces.size()];
    }
    NormalizedText one;
    NormalizedText parts;
    normalizer.Normalize(text, masks, &one, 1);
    normalizer.Normalize(text, masks, &parts, threads);
    ASSERT_TRUE(parts.text == one.text) << threads << " threads";
    ASSERT_EQ(parts.invalid_utf8, one.invalid_utf8);
    for (size_t i = 0; i < one.text.size(); i += 1 + random() % 5) {
      const ByteRange span{i, std::min(one.text.size(), i + 1 + random() % 9)};
      ASSERT_EQ(parts.map.ToOriginal(span), one.map.ToOriginal(span)) << "at " << i;
    }
  }
}

// Spans mapped with a hint, asked mostly in ascending order with steps back
// now and then, map as they do without one.
TEST(Normalizer, HintedSpansMapAsUnhintedOnes) {
  const std::vector<std::string> pieces = {"Hey ",   "\u4F60\u4EEC", "\uFF0C", "  \n ",
                                           "\u5011", "\uFB01",       "x",      "\u00C9"};
  std::mt19937 random(5);
  std::string text;
  while (text.size() < 20000) text += pieces[random() % pieces.size()];
  const NormalizedText n = Fold(text);
  ASSERT_GT(n.map.change_count(), 1000u);
  size_t hint = 0;
  size_t begin = 0;
  while (begin < n.text.size()) {
    const ByteRange span{begin, std::min(n.text.size(), begin + random() % 12)};
    ASSERT_EQ(n.map.ToOriginal(span, &hint), n.map.ToOriginal(span)) << "at " << begin;
    if (random() % 10 == 0) {
      begin -= std::min(begin, size_t{random() % 300});
    } else {
      begin += random() % (random() % 20 == 0 ? 2000 : 7);
    }
  }
  const ByteRange past_end{n.text.size(), n.text.size() + 1};
  EXPECT_EQ(n.map.ToOriginal(past_end, &hint), n.map.ToOriginal(past_end));
}

}  // namespace
}  // namespace voicelint
