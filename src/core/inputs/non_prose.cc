#include "core/inputs/non_prose.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

namespace voicelint {
namespace {

bool IsSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool IsAlnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool IsIdent(unsigned char c) { return IsAlnum(c) || c == '_'; }
// Characters that end a URL, path or address token besides white space.
bool IsTokenEnd(unsigned char c) {
  return IsSpace(c) || c == '<' || c == '>' || c == '"' || c == '`' || c == '(' || c == ')' ||
         c == '[' || c == ']' || c == '{' || c == '}' || c == '|' || c == ',' || c == ';' ||
         c >= 0x80;
}
// Trailing characters that end a sentence rather than a URL or path.
bool IsTrailingPunct(unsigned char c) {
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' ||
         c == '*' || c == '_';
}

using Bytes16 = unsigned char __attribute__((vector_size(16)));

// The index of the first of the 16 bytes at `p` that is one of
// / \\ @ : { $ % . (the bytes around which non-prose is recognised); 16 if none.
inline size_t FirstTrigger(const unsigned char* p) {
  Bytes16 v;
  std::memcpy(&v, p, 16);
  const Bytes16 hit = (v == '/') | (v == '\\') | (v == '@') | (v == ':') | (v == '{') | (v == '$') |
                      (v == '%') | (v == '.');
  uint64_t halves[2];
  std::memcpy(halves, &hit, 16);
  // The first byte in memory is the lowest one of a little-endian word.
  auto first = [](uint64_t x) {
    if constexpr (std::endian::native == std::endian::little) {
      return static_cast<size_t>(__builtin_ctzll(x)) / 8;
    } else {
      return static_cast<size_t>(__builtin_clzll(x)) / 8;
    }
  };
  if (halves[0] != 0) return first(halves[0]);
  if (halves[1] != 0) return 8 + first(halves[1]);
  return 16;
}

class Scanner {
 public:
  Scanner(std::string_view text, ByteRange range, std::vector<ByteRange>* out)
      : s_(reinterpret_cast<const unsigned char*>(text.data())),
        begin_(range.begin),
        end_(range.end),
        out_(out),
        first_(out->size()) {}

  void Run() {
    static constexpr std::array<bool, 256> kTrigger = [] {
      std::array<bool, 256> t{};
      for (unsigned char c : std::string_view("/\\@:{$%.")) t[c] = true;
      return t;
    }();
    size_t i = begin_;
    while (i < end_) {
      // Most text has no trigger byte for long stretches: test sixteen at a
      // time with vector compares (GCC/Clang vector extensions: SSE2 on
      // x86-64, NEON on ARM, plain code elsewhere).
      while (i + 16 <= end_) {
        const size_t k = FirstTrigger(s_ + i);
        i += k;
        if (k < 16) break;
      }
      if (i >= end_) break;
      if (!kTrigger[s_[i]]) {
        ++i;
        continue;
      }
      const size_t next = Try(i);
      i = next > i ? next : i + 1;
    }
  }

 private:
  // Tries to recognise a non-prose span around position `i`; returns where
  // scanning continues (i when nothing was found).
  size_t Try(size_t i) {
    switch (s_[i]) {
      case '{':
        return Brace(i);
      case '$':
        return Dollar(i);
      case '%':
        return Percent(i);
      case '.': {  // the dot of "www." (a '.' is rarer than a 'w')
        if (i < begin_ + 3) return i;
        const size_t w = i - 3;
        if ((s_[w] | 0x20) == 'w' && (s_[w + 1] | 0x20) == 'w' && (s_[w + 2] | 0x20) == 'w' &&
            (w == begin_ || !IsIdent(s_[w - 1])) && i + 1 < end_ && IsAlnum(s_[i + 1])) {
          return Emit(w, TokenEnd(w));
        }
        return i;
      }
      case ':':
        if (i + 2 < end_ && s_[i + 1] == '/' && s_[i + 2] == '/') return Url(i);
        return MailTo(i);
      case '@':
        return Email(i);
      default:  // '/' or '\\'
        return Path(i);
    }
  }

  size_t TokenStart(size_t i) const {
    size_t b = i;
    while (b > begin_ && !IsTokenEnd(s_[b - 1])) --b;
    return b;
  }
  size_t TokenEnd(size_t i) const {
    size_t e = i;
    while (e < end_ && !IsTokenEnd(s_[e])) ++e;
    // A closing bracket belongs to the URL when the URL opened it.
    while (e > i && IsTrailingPunct(s_[e - 1])) --e;
    return e;
  }

  size_t Emit(size_t b, size_t e) {
    if (e <= b) return b;
    if (out_->size() > first_ && out_->back().end > b) {  // overlaps the previous span
      out_->back().end = std::max(out_->back().end, e);
      out_->back().begin = std::min(out_->back().begin, b);
    } else {
      out_->push_back({b, e});
    }
    return e;
  }

  size_t Url(size_t colon) {
    size_t b = colon;
    while (b > begin_ &&
           (IsAlnum(s_[b - 1]) || s_[b - 1] == '+' || s_[b - 1] == '-' || s_[b - 1] == '.')) {
      --b;
    }
    if (b == colon || !((s_[b] | 0x20) >= 'a' && (s_[b] | 0x20) <= 'z')) return colon;
    return Emit(b, TokenEnd(colon + 3));
  }

  size_t MailTo(size_t colon) {
    if (colon >= begin_ + 6 &&
        std::string_view(reinterpret_cast<const char*>(s_ + colon - 6), 6) == "mailto") {
      return Emit(colon - 6, TokenEnd(colon));
    }
    return colon;
  }

  size_t Email(size_t at) {
    size_t b = at;
    while (b > begin_ && (IsIdent(s_[b - 1]) || s_[b - 1] == '.' || s_[b - 1] == '%' ||
                          s_[b - 1] == '+' || s_[b - 1] == '-')) {
      --b;
    }
    if (b == at) return at;
    size_t e = at + 1;
    bool dot = false;
    while (e < end_ && (IsAlnum(s_[e]) || s_[e] == '-' || s_[e] == '.')) {
      dot |= s_[e] == '.' && e + 1 < end_ && IsAlnum(s_[e + 1]);
      ++e;
    }
    while (e > at + 1 && s_[e - 1] == '.') --e;
    if (!dot) return at;
    return Emit(b, e);
  }

  // A token with '/' or '\\' that looks like a path: it starts with / ~/ ./
  // ../ or a drive letter, or has two separators, or a file extension after the
  // last one. "and/or" and "24/7" stay prose.
  size_t Path(size_t i) {
    const size_t b = TokenStart(i);
    size_t e = b;
    while (e < end_ && !IsTokenEnd(s_[e])) ++e;
    while (e > b && IsTrailingPunct(s_[e - 1])) --e;
    if (e <= b) return i + 1;
    const std::string_view token(reinterpret_cast<const char*>(s_ + b), e - b);
    const size_t separators = static_cast<size_t>(
        std::count_if(token.begin(), token.end(), [](char c) { return c == '/' || c == '\\'; }));
    const size_t last = token.find_last_of("/\\");
    const std::string_view tail = token.substr(last + 1);
    const size_t dot = tail.rfind('.');
    const bool extension =
        dot != std::string_view::npos && dot > 0 && tail.size() - dot >= 2 &&
        tail.size() - dot <= 6 &&
        std::all_of(tail.begin() + static_cast<long>(dot) + 1, tail.end(),
                    [](char c) { return IsAlnum(static_cast<unsigned char>(c)); });
    const bool rooted =
        token[0] == '/' || token[0] == '\\' || token.rfind("~/", 0) == 0 ||
        token.rfind("./", 0) == 0 || token.rfind("../", 0) == 0 ||
        (token.size() > 2 && token[1] == ':' && (token[2] == '\\' || token[2] == '/'));
    const bool words_only = token.size() > 1 && (token[0] == '/' || token[0] == '\\') &&
                            separators == 1 && tail.empty();
    if (words_only || !(rooted || separators >= 2 || extension)) return e > i ? e : i + 1;
    return Emit(b, e);
  }

  // {{ ... }}, {% ... %}, {0}, {name}, {name.field}
  size_t Brace(size_t i) {
    if (i + 1 < end_ && (s_[i + 1] == '{' || s_[i + 1] == '%')) {
      const char close = s_[i + 1] == '{' ? '}' : '%';
      for (size_t j = i + 2; j + 1 < end_ && j < i + 512; ++j) {
        if (s_[j] == close && s_[j + 1] == '}') {
          size_t e = j + 2;
          if (close == '}' && e < end_ && s_[e] == '}') ++e;  // {{{ triple }}}
          return Emit(i, e);
        }
      }
      return i;
    }
    size_t j = i + 1;
    while (j < end_ && j < i + 128 && (IsIdent(s_[j]) || s_[j] == '.' || s_[j] == ':')) ++j;
    if (j > i + 1 && j < end_ && s_[j] == '}') return Emit(i, j + 1);
    return i;
  }

  // ${name}, $name
  size_t Dollar(size_t i) {
    if (i + 1 < end_ && s_[i + 1] == '{') {
      for (size_t j = i + 2; j < end_ && j < i + 256; ++j) {
        if (s_[j] == '}') return Emit(i, j + 1);
        if (s_[j] == '\n') break;
      }
      return i;
    }
    size_t j = i + 1;
    if (j < end_ && ((s_[j] | 0x20) >= 'a' && (s_[j] | 0x20) <= 'z')) {
      while (j < end_ && IsIdent(s_[j])) ++j;
      return Emit(i, j);
    }
    return i;
  }

  // printf-style: %s %d %1$s %-5.2f %(name)s %@
  size_t Percent(size_t i) {
    size_t j = i + 1;
    if (j < end_ && s_[j] == '(') {
      while (j < end_ && j < i + 64 && s_[j] != ')') ++j;
      if (j >= end_ || s_[j] != ')') return i;
      ++j;
    } else {
      size_t k = j;
      while (k < end_ && s_[k] >= '0' && s_[k] <= '9') ++k;
      if (k < end_ && s_[k] == '$' && k > j) j = k + 1;
    }
    while (j < end_ && (s_[j] == '-' || s_[j] == '+' || s_[j] == '#' || s_[j] == '0')) ++j;
    while (j < end_ && s_[j] >= '0' && s_[j] <= '9') ++j;
    if (j < end_ && s_[j] == '.') {
      ++j;
      while (j < end_ && s_[j] >= '0' && s_[j] <= '9') ++j;
    }
    if (j < end_ && std::string_view("sdifuxXeEgGc@").find(static_cast<char>(s_[j])) !=
                        std::string_view::npos) {
      // "%d" but not the start of a word: "50%discount" stays prose.
      if (j + 1 < end_ && IsAlnum(s_[j + 1])) return i;
      return Emit(i, j + 1);
    }
    return i;
  }

  const unsigned char* s_;
  size_t begin_;
  size_t end_;
  std::vector<ByteRange>* out_;
  size_t first_;  // spans before this index were there before the scan
};

}  // namespace

void FindNonProse(std::string_view text, ByteRange range, std::vector<ByteRange>* out) {
  Scanner(text, range, out).Run();
}

void MergeRanges(std::vector<ByteRange>* ranges) {
  std::sort(ranges->begin(), ranges->end(),
            [](const ByteRange& a, const ByteRange& b) { return a.begin < b.begin; });
  size_t w = 0;
  for (size_t r = 0; r < ranges->size(); ++r) {
    const ByteRange cur = (*ranges)[r];
    if (cur.empty()) continue;
    if (w > 0 && (*ranges)[w - 1].end >= cur.begin) {
      (*ranges)[w - 1].end = std::max((*ranges)[w - 1].end, cur.end);
    } else {
      (*ranges)[w++] = cur;
    }
  }
  ranges->resize(w);
}

}  // namespace voicelint
