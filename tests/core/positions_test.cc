#include "core/text/positions.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "core/text/utf8.h"

namespace voicelint {
namespace {

// Moves `p` over the character at p->byte, one code point at a time: the
// plain walk the index's fast paths are checked against.
void StepOver(std::string_view text, Position* p) {
  size_t len;
  const char32_t c = utf8::Decode(text, p->byte, &len);
  p->byte += len;
  p->utf16 += (c != utf8::kInvalid && c >= 0x10000) ? 2 : 1;
  p->codepoint += 1;
  if (c == '\n') {
    ++p->line;
    p->column = 1;
    p->line_begin = p->byte;
  } else {
    ++p->column;
  }
}

// Sets the widest-path flag back when a test ends, however it ends.
struct WidestPathRestored {
  ~WidestPathRestored() { UseWidestPositionsPath(true); }
};

TEST(PositionIndex, CountsLinesColumnsAndUnits) {
  const std::string text = "ab\n\xE4\xBD\xA0\xF0\x9F\x98\x80x";  // ab, 你😀x
  PositionIndex index(text);
  const Position p = index.At(text.size() - 1);  // at x
  EXPECT_EQ(p.line, 2u);
  EXPECT_EQ(p.column, 3u);
  EXPECT_EQ(p.codepoint, 5u);
  EXPECT_EQ(p.utf16, 6u);  // the emoji is two UTF-16 code units
  EXPECT_EQ(p.line_begin, 3u);
}

// Character starts of random text agree with a plain one-character-at-a-time
// walk, asked in ascending order: every one, or one in a few, so that the
// index's fast paths (64-byte blocks, eight ASCII bytes, four three-byte
// characters at a time) are taken between them.
TEST(PositionIndex, AgreesWithACharacterWalkOnRandomText) {
  const std::vector<std::string> pieces = {"a",
                                           "hello wo",
                                           "\n",
                                           "\xE4\xBD\xA0",
                                           "\xF0\x9F\x98\x80",
                                           "\xFF",
                                           "12345678",
                                           "\r\n",
                                           "\xE0\x80\x80",
                                           "\xED\xA0\x80",
                                           "\xE4\xBD",
                                           "\xE0\xA4\x85",
                                           "\xED\x95\x9C",
                                           "\xEF\xBC\x8C",
                                           "\xE3\x80\x82",
                                           "\xE1\x84\x80",
                                           "\xE4\xBD\xA0\xE5\xA5\xBD"};
  // Rounds of well-formed text only (the pieces before "\xFF" and the
  // three-byte ones), so that long stretches take the 64-byte blocks too.
  const std::vector<std::string> well_formed = {
      "a",    "hello wo", "\n",           "\xE4\xBD\xA0", "12345678",
      "\r\n", "\xC3\xA9", "\xEF\xBC\x8C", "\xE3\x80\x82", "\xE4\xBD\xA0\xE5\xA5\xBD"};
  const WidestPathRestored restore;
  std::mt19937 random(7);
  // The first half with the widest block path (AVX2 where the processor has
  // it), the second with the baseline one.
  for (int round = 0; round < 1600; ++round) {
    UseWidestPositionsPath(round < 800);
    const std::vector<std::string>& from = round % 2 == 0 ? pieces : well_formed;
    std::string text;
    for (int k = 0; k < 60; ++k) {
      const std::string& piece = from[random() % from.size()];
      for (int repeat = static_cast<int>(random() % 6); repeat >= 0; --repeat) text += piece;
    }
    const unsigned ask_one_in =
        1 + static_cast<unsigned>(round / 2) % 9 * (round % 3 == 0 ? 20 : 1);
    PositionIndex index(text);
    Position walk;
    auto step = [&] { StepOver(text, &walk); };
    while (true) {
      if (walk.byte < text.size() && random() % ask_one_in != 0) {
        step();
        continue;
      }
      const Position p = index.At(walk.byte);
      ASSERT_EQ(p.line, walk.line) << "byte " << walk.byte;
      ASSERT_EQ(p.column, walk.column) << "byte " << walk.byte;
      ASSERT_EQ(p.utf16, walk.utf16) << "byte " << walk.byte;
      ASSERT_EQ(p.codepoint, walk.codepoint) << "byte " << walk.byte;
      ASSERT_EQ(p.line_begin, walk.line_begin) << "byte " << walk.byte;
      if (walk.byte == text.size()) break;
      step();
    }
  }
}

// An offset inside a character counts the whole character, whichever path
// (64-byte blocks or the character walk) reaches it.
TEST(PositionIndex, AnOffsetInsideACharacterCountsAllOfIt) {
  // With a four-byte character now and then (blocks declined, the walk) and
  // without (blocks taken up to the offset).
  const std::vector<std::string> pieces = {"ab",       "\n",       "\xE4\xBD\xA0",
                                           "\xC3\xA9", "12345678", "\xF0\x9F\x98\x80"};
  const WidestPathRestored restore;
  std::mt19937 random(11);
  for (const int pass : {0, 1, 2, 3}) {
    UseWidestPositionsPath(pass < 2);  // then the baseline path
    const size_t kinds = pass % 2 == 0 ? pieces.size() - 1 : pieces.size();
    std::string text;
    while (text.size() < 400) text += pieces[random() % kinds];
    Position after;  // the position after the character that starts at `start`
    for (size_t start = 0; start < text.size(); start = after.byte) {
      StepOver(text, &after);
      for (size_t inside = start + 1; inside < after.byte; ++inside) {
        PositionIndex index(text);
        const Position p = index.At(inside);
        ASSERT_EQ(p.byte, after.byte) << "byte " << inside;
        ASSERT_EQ(p.line, after.line) << "byte " << inside;
        ASSERT_EQ(p.column, after.column) << "byte " << inside;
        ASSERT_EQ(p.utf16, after.utf16) << "byte " << inside;
        ASSERT_EQ(p.codepoint, after.codepoint) << "byte " << inside;
      }
    }
  }
}

}  // namespace
}  // namespace voicelint
