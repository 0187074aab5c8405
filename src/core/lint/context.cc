#include "core/lint/context.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <utility>

#include "core/text/utf8.h"

namespace voicelint {
namespace {

// How far each function looks from the span, in bytes.
constexpr size_t kSentenceWindow = 300;
constexpr size_t kQuoteWindow = 300;

// The code point that ends at `pos` (pos > 0), with its length; an invalid
// byte is kInvalid of length 1.
char32_t DecodeBefore(std::string_view text, size_t pos, size_t* len) {
  size_t start = pos - 1;
  while (start > 0 && pos - start < 4 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) {
    --start;
  }
  size_t l = 0;
  const char32_t c = utf8::Decode(text, start, &l);
  if (start + l != pos) {
    *len = 1;
    return utf8::kInvalid;
  }
  *len = l;
  return c;
}

bool IsSpace(char32_t c) { return c == ' ' || c == '\t' || c == 0xA0 || c == 0x3000; }

bool EndsSentence(char32_t c) {
  return c == '.' || c == '!' || c == '?' || c == 0x3002 /* 。 */ || c == 0xFF01 /* ！ */ ||
         c == 0xFF1F /* ？ */ || c == 0x2026 /* … */ || c == '\n' || c == '\r';
}

bool EndsClause(char32_t c) {
  return EndsSentence(c) || c == ',' || c == ';' || c == ':' || c == 0xFF0C /* ， */ ||
         c == 0xFF1B /* ； */ || c == 0xFF1A /* ： */ || c == 0x3001 /* 、 */;
}

bool IsOpening(char32_t c) {
  switch (c) {
    case '"':
    case '\'':
    case '(':
    case '[':
    case 0x201C:
    case 0x2018:
    case 0x300C:
    case 0x300E:
    case 0x300A:
    case 0x3008:
    case 0xAB:
    case 0xBF:
    case 0xA1:
    case 0xFF08:
    case 0x3010:
      return true;
    default:
      return false;
  }
}

bool IsClosing(char32_t c) {
  switch (c) {
    case '"':
    case '\'':
    case ')':
    case ']':
    case 0x201D:
    case 0x2019:
    case 0x300D:
    case 0x300F:
    case 0x300B:
    case 0x3009:
    case 0xBB:
    case 0xFF09:
    case 0x3011:
      return true;
    default:
      return false;
  }
}

// Markdown's emphasis around a match ("**Calm down**").
bool IsEmphasis(char32_t c) { return c == '*' || c == '_' || c == '~'; }

// Markdown's list, heading and quote markers, and the digits of "1." items.
bool IsLineMarker(char c) {
  return c == ' ' || c == '\t' || c == '-' || c == '*' || c == '+' || c == '#' || c == '>' ||
         c == '.' || c == ')' || (c >= '0' && c <= '9');
}

// Whether text[line_start, pos) holds only list, heading or quote markers.
bool OnlyMarkersBefore(std::string_view text, size_t pos) {
  size_t line_start = pos;
  while (line_start > 0 && text[line_start - 1] != '\n') --line_start;
  for (size_t i = line_start; i < pos; ++i) {
    if (!IsLineMarker(text[i])) return false;
  }
  return true;
}

bool IsLatinLetter(char32_t c) {
  return c < 0x250 && c != utf8::kInvalid && u_isalpha(static_cast<UChar32>(c));
}

// The bounds of the sentence around `span`: back to the last sentence end
// before it, forward to the first one after it, each at most `window` bytes.
ByteRange SentenceAround(std::string_view text, ByteRange span, size_t window) {
  size_t begin = span.begin;
  const size_t low = span.begin > window ? span.begin - window : 0;
  while (begin > low) {
    const auto b = static_cast<unsigned char>(text[begin - 1]);
    if (b < 0x80) {  // ASCII needs no decoding
      if (EndsSentence(b)) break;
      --begin;
      continue;
    }
    size_t len = 0;
    const char32_t c = DecodeBefore(text, begin, &len);
    if (EndsSentence(c)) break;
    begin -= len;
  }
  size_t end = span.end;
  const size_t high = std::min(text.size(), span.end + window);
  while (end < high) {
    const auto b = static_cast<unsigned char>(text[end]);
    if (b < 0x80) {
      if (EndsSentence(b)) break;
      ++end;
      continue;
    }
    size_t len = 0;
    const char32_t c = utf8::Decode(text, end, &len);
    if (EndsSentence(c)) break;
    end += len;
  }
  return {begin, end};
}

bool StartsLower(std::string_view text, ByteRange span) {
  size_t len = 0;
  const char32_t c = span.empty() ? 0 : utf8::Decode(text, span.begin, &len);
  return c != 0 && c != utf8::kInvalid && u_islower(static_cast<UChar32>(c));
}

// Whether the line that ends at `end` (before its line break) is blank or
// ends with sentence punctuation or a colon.
bool LineEndsSentence(std::string_view text, size_t end) {
  while (end > 0) {
    size_t len = 0;
    const char32_t c = DecodeBefore(text, end, &len);
    if (c == '\r' || IsSpace(c) || IsClosing(c)) {
      end -= len;
      continue;
    }
    return c == '\n' || EndsSentence(c) || c == ':' || c == 0xFF1A;
  }
  return true;
}

}  // namespace

SentencePosition FindSentencePosition(std::string_view text, ByteRange span) {
  size_t pos = span.begin;
  bool at_start = false;
  while (true) {
    if (pos == 0) {
      at_start = true;
      break;
    }
    size_t len = 0;
    const char32_t c = DecodeBefore(text, pos, &len);
    if (c == '\n' || c == '\r') {
      // A line break ends a sentence unless the text runs on across it: the
      // line before ends without sentence punctuation and the match begins
      // in lower case ("…you guys,\nno problem").
      at_start = !StartsLower(text, span) || LineEndsSentence(text, pos - len);
      break;
    }
    if (EndsSentence(c)) {
      at_start = true;
      break;
    }
    if (IsSpace(c) || IsOpening(c) || IsEmphasis(c)) {
      pos -= len;
      continue;
    }
    // A list, heading or quote marker ("- ", "1. ", "> ") at the line start.
    at_start = c < 0x80 &&
               std::string_view("-*+#>.)").find(static_cast<char>(c)) != std::string_view::npos &&
               OnlyMarkersBefore(text, pos);
    break;
  }
  if (at_start) return SentencePosition::kStart;
  size_t after = span.end;
  while (after < text.size()) {
    size_t len = 0;
    const char32_t c = utf8::Decode(text, after, &len);
    if (IsSpace(c) || IsClosing(c) || IsEmphasis(c)) {
      after += len;
      continue;
    }
    if (EndsClause(c)) return SentencePosition::kEnd;
    const int8_t type = c == utf8::kInvalid ? static_cast<int8_t>(U_UNASSIGNED)
                                            : u_charType(static_cast<UChar32>(c));
    return type == U_OTHER_SYMBOL ? SentencePosition::kEnd : SentencePosition::kMiddle;
  }
  return SentencePosition::kEnd;
}

bool LooksLikeName(std::string_view text, ByteRange span, SentencePosition position) {
  if (span.begin > 0 && (text[span.begin - 1] == '@' || text[span.begin - 1] == '#')) return true;
  // Counts the capitalised words from `pos` on, one space apart.
  auto capitalised_at = [&](size_t pos) {
    size_t len = 0;
    const char32_t first = utf8::Decode(text, pos, &len);
    if (first == utf8::kInvalid || !u_isupper(static_cast<UChar32>(first))) return false;
    size_t next_len = 0;
    const char32_t second = pos + len < text.size() ? utf8::Decode(text, pos + len, &next_len) : 0;
    return second != utf8::kInvalid && second != 0 && u_islower(static_cast<UChar32>(second));
  };
  if (!capitalised_at(span.begin)) return false;
  if (position != SentencePosition::kStart) return true;
  int run = 0;
  size_t pos = span.begin;
  const size_t high = std::min(text.size(), span.end + kSentenceWindow);
  while (pos < high && capitalised_at(pos)) {
    ++run;
    while (pos < text.size()) {
      size_t len = 0;
      const char32_t c = utf8::Decode(text, pos, &len);
      if (!IsLatinLetter(c) && c != '\'' && c != 0x2019) break;
      pos += len;
    }
    if (pos >= text.size() || text[pos] != ' ') break;
    ++pos;
  }
  return run >= 3;
}

bool InQuotes(std::string_view text, ByteRange span) {
  // Curly and CJK quotation and title marks, each with its closing one.
  static constexpr std::pair<char32_t, char32_t> kPairs[] = {{0x201C, 0x201D}, {0x300C, 0x300D},
                                                             {0x300E, 0x300F}, {0x300A, 0x300B},
                                                             {0x3008, 0x3009}, {0xAB, 0xBB}};
  // The nearest paired mark before the span on its line (if it opens, its
  // closing mark must follow on the line), and how many straight quotes
  // stand before the span (an odd number opens one).
  const size_t low = span.begin > kQuoteWindow ? span.begin - kQuoteWindow : 0;
  size_t straight = 0;
  char32_t close = 0;
  bool nearest_seen = false;
  for (size_t pos = span.begin; pos > low;) {
    size_t len = 0;
    const char32_t c = DecodeBefore(text, pos, &len);
    pos -= len;
    if (c == '\n') break;
    if (c == '"') ++straight;
    for (const auto& [open_mark, close_mark] : kPairs) {
      if (nearest_seen || (c != open_mark && c != close_mark)) continue;
      nearest_seen = true;
      if (c == open_mark) close = close_mark;
    }
  }
  const size_t high = std::min(text.size(), span.end + kQuoteWindow);
  for (size_t pos = span.end; pos < high;) {
    size_t len = 0;
    const char32_t c = utf8::Decode(text, pos, &len);
    pos += len;
    if (c == '\n') break;
    if (close != 0 && c == close) return true;
    if (c == '"' && straight % 2 == 1) return true;
  }
  return false;
}

bool InQuestion(std::string_view text, ByteRange span) {
  const size_t high = std::min(text.size(), span.end + kSentenceWindow);
  for (size_t pos = span.end; pos < high;) {
    size_t len = 0;
    const char32_t c = utf8::Decode(text, pos, &len);
    if (c == '?' || c == 0xFF1F) return true;
    if (EndsSentence(c)) return false;
    pos += len;
  }
  return false;
}

namespace {

// Whether `s` may hold Han: a lead byte of U+3000 and above (eight bytes a
// step while they are ASCII).
bool MayHoldHan(std::string_view s) {
  const auto high = [](char ch) { return static_cast<unsigned char>(ch) >= 0xE3; };
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, s.data() + i, 8);
    if ((word & 0x8080808080808080u) != 0 && std::any_of(s.data() + i, s.data() + i + 8, high)) {
      return true;
    }
  }
  return std::any_of(s.begin() + static_cast<std::ptrdiff_t>(i), s.end(), high);
}

}  // namespace

bool InOtherScript(std::string_view text, ByteRange span) {
  // A match with Han is Chinese wherever it stands.
  for (size_t pos = span.begin; pos < span.end;) {
    size_t len = 0;
    if (utf8::IsHan(utf8::Decode(text, pos, &len))) return false;
    pos += len;
  }
  // Most English lines have no Han at all: their line (where a sentence ends
  // at the latest) is checked first, eight bytes a step.
  const size_t low = span.begin > kSentenceWindow ? span.begin - kSentenceWindow : 0;
  const size_t high = std::min(text.size(), span.end + kSentenceWindow);
  const void* nl_before = memrchr(text.data() + low, '\n', span.begin - low);
  const void* nl_after = std::memchr(text.data() + span.end, '\n', high - span.end);
  const size_t line_begin = nl_before ? static_cast<const char*>(nl_before) - text.data() : low;
  const size_t line_end = nl_after ? static_cast<const char*>(nl_after) - text.data() : high;
  if (!MayHoldHan(text.substr(line_begin, line_end - line_begin))) return false;
  const ByteRange sentence = SentenceAround(text, span, kSentenceWindow);
  size_t han = 0;
  size_t latin = 0;
  auto count = [&](size_t from, size_t to) {
    for (size_t pos = from; pos < to;) {
      const unsigned char b = static_cast<unsigned char>(text[pos]);
      if (b < 0x80) {
        latin += ((b | 0x20) >= 'a' && (b | 0x20) <= 'z') ? 1 : 0;
        ++pos;
        continue;
      }
      size_t len = 0;
      const char32_t c = utf8::Decode(text, pos, &len);
      han += utf8::IsHan(c) ? 1 : 0;
      latin += IsLatinLetter(c) ? 1 : 0;
      pos += len;
    }
  };
  count(sentence.begin, span.begin);
  count(span.end, sentence.end);
  return han > latin;
}

bool InTraditionalText(std::string_view text, ByteRange span) {
  // The sentence first; when it has no character of either kind, a wider
  // window of the text.
  for (const size_t window : {kSentenceWindow, size_t{8} * kSentenceWindow}) {
    const ByteRange around = window == kSentenceWindow
                                 ? SentenceAround(text, span, window)
                                 : ByteRange{span.begin > window ? span.begin - window : 0,
                                             std::min(text.size(), span.end + window)};
    int traditional = 0;
    int simplified = 0;
    for (size_t pos = around.begin; pos < around.end;) {
      if (static_cast<unsigned char>(text[pos]) < 0x80) {
        ++pos;
        continue;
      }
      size_t len = 0;
      const char32_t c = utf8::Decode(text, pos, &len);
      pos += len;
      const HanForm form = ClassifyHan(c);
      traditional += form == HanForm::kTraditional ? 1 : 0;
      simplified += form == HanForm::kSimplified ? 1 : 0;
    }
    if (traditional != simplified || traditional > 0) return traditional > simplified;
  }
  return false;
}

}  // namespace voicelint
