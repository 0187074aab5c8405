#include "core/status.h"

#include <string_view>

namespace voicelint {

std::string Diagnostic::ToString(bool with_source) const {
  std::string out;
  if (!file.empty()) out += file + ":";
  if (line > 0) {
    out += std::to_string(line) + ":";
    if (column > 0) out += std::to_string(column) + ":";
  }
  if (!out.empty()) out += " ";
  out += message;
  if (with_source && !source_line.empty()) {
    out += "\n" + source_line + "\n";
    // Caret under the column: copy tabs so that the caret lines up.
    int cp = 1;
    for (size_t i = 0; i < source_line.size() && cp < column; ++i) {
      unsigned char c = static_cast<unsigned char>(source_line[i]);
      if ((c & 0xC0) == 0x80) continue;
      out += c == '\t' ? '\t' : ' ';
      ++cp;
    }
    out += "^";
  }
  return out;
}

std::string LineOf(std::string_view text, int line_number) {
  if (line_number <= 0) return {};
  size_t begin = 0;
  for (int line = 1; line < line_number; ++line) {
    size_t nl = text.find('\n', begin);
    if (nl == std::string_view::npos) return {};
    begin = nl + 1;
  }
  size_t end = text.find('\n', begin);
  if (end == std::string_view::npos) end = text.size();
  if (end > begin && text[end - 1] == '\r') --end;
  return std::string(text.substr(begin, end - begin));
}

}  // namespace voicelint
