#include "core/text/positions.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "core/text/utf8.h"

namespace voicelint {
namespace {

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

// Every character start of random text agrees with a plain one-character-at-
// a-time walk, asked in ascending order (the index's fast path skips eight
// ASCII bytes at a time).
TEST(PositionIndex, AgreesWithACharacterWalkOnRandomText) {
  const std::vector<std::string> pieces = {
      "a", "hello wo", "\n", "\xE4\xBD\xA0", "\xF0\x9F\x98\x80", "\xFF", "12345678", "\r\n"};
  std::mt19937 random(7);
  for (int round = 0; round < 200; ++round) {
    std::string text;
    for (int k = 0; k < 40; ++k) text += pieces[random() % pieces.size()];
    PositionIndex index(text);
    Position walk;
    while (true) {
      const Position p = index.At(walk.byte);
      ASSERT_EQ(p.line, walk.line) << "byte " << walk.byte;
      ASSERT_EQ(p.column, walk.column) << "byte " << walk.byte;
      ASSERT_EQ(p.utf16, walk.utf16) << "byte " << walk.byte;
      ASSERT_EQ(p.codepoint, walk.codepoint) << "byte " << walk.byte;
      ASSERT_EQ(p.line_begin, walk.line_begin) << "byte " << walk.byte;
      if (walk.byte == text.size()) break;
      size_t len;
      const char32_t c = utf8::Decode(text, walk.byte, &len);
      walk.byte += len;
      walk.utf16 += (c != utf8::kInvalid && c >= 0x10000) ? 2 : 1;
      walk.codepoint += 1;
      if (c == '\n') {
        ++walk.line;
        walk.column = 1;
        walk.line_begin = walk.byte;
      } else {
        ++walk.column;
      }
    }
  }
}

}  // namespace
}  // namespace voicelint
