#include "core/text/positions.h"

#include "core/text/utf8.h"

namespace voicelint {

Position PositionIndex::At(size_t byte) {
  if (byte > text_.size()) byte = text_.size();
  if (byte < cursor_.byte) cursor_ = Position{};
  Position& p = cursor_;
  while (p.byte < byte) {
    const auto b = static_cast<unsigned char>(text_[p.byte]);
    size_t len = 1;
    char32_t c = b;
    if (b >= 0x80) {
      c = utf8::Decode(text_, p.byte, &len);
    }
    p.byte += len;
    p.utf16 += (c != utf8::kInvalid && c >= 0x10000) ? 2 : 1;
    p.codepoint += 1;
    if (c == '\n') {
      ++p.line;
      p.column = 1;
      p.line_begin = p.byte;
    } else {
      ++p.column;
    }
  }
  return p;
}

}  // namespace voicelint
