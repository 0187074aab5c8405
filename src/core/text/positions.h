// The position units of a finding, computed from UTF-8 byte offsets at the edge
// (DESIGN section 3.4): 1-based line and column (column in code points), and
// the offset in UTF-16 code units and in code points.
//
//   PositionIndex index(text);
//   Position p = index.At(17);
//
// Cheap for ascending offsets (one forward walk in total); an offset behind the
// last one asked for restarts the walk. Invalid UTF-8 bytes count as one code
// point (U+FFFD) each. Thread-safety: one per thread.
#ifndef VOICELINT_CORE_TEXT_POSITIONS_H_
#define VOICELINT_CORE_TEXT_POSITIONS_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace voicelint {

struct Position {
  size_t byte = 0;
  size_t utf16 = 0;
  size_t codepoint = 0;
  uint32_t line = 1;
  uint32_t column = 1;
  size_t line_begin = 0;  // byte offset where the line starts
};

class PositionIndex {
 public:
  explicit PositionIndex(std::string_view text) : text_(text) {}
  Position At(size_t byte);

 private:
  std::string_view text_;
  Position cursor_;
};

// For tests: with false, PositionIndex uses its baseline path (SSE2 on
// x86-64) even where the processor has AVX2, so that both are covered.
// Takes effect for At() calls that start after it.
void UseWidestPositionsPath(bool use);

}  // namespace voicelint

#endif  // VOICELINT_CORE_TEXT_POSITIONS_H_
