#include "core/inputs/html_text.h"

#include <array>
#include <cstdint>
#include <utility>

#include "core/text/utf8.h"

namespace voicelint {
namespace {

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

// Tags after which (or before which) text starts on a new line.
bool IsBlockTag(std::string_view name) {
  static constexpr std::array<std::string_view, 22> kBlock = {
      "p",  "div", "br", "li", "ul", "ol", "tr",  "td",         "th", "table", "h1",
      "h2", "h3",  "h4", "h5", "h6", "hr", "pre", "blockquote", "dl", "dt",    "dd"};
  for (std::string_view b : kBlock) {
    if (IEquals(name, b)) return true;
  }
  return false;
}

// Named references that occur in help-desk bodies; others are left as written.
constexpr std::array<std::pair<std::string_view, char32_t>, 20> kNamed = {{
    {"amp", U'&'},     {"lt", U'<'},      {"gt", U'>'},      {"quot", U'"'},     {"apos", U'\''},
    {"nbsp", 0xA0},    {"ndash", 0x2013}, {"mdash", 0x2014}, {"hellip", 0x2026}, {"lsquo", 0x2018},
    {"rsquo", 0x2019}, {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"copy", 0xA9},     {"reg", 0xAE},
    {"trade", 0x2122}, {"laquo", 0xAB},   {"raquo", 0xBB},   {"middot", 0xB7},   {"bull", 0x2022},
}};

// Decodes the character reference at html[pos] ('&'); returns its length or 0.
size_t DecodeReference(std::string_view html, size_t pos, std::string* out) {
  const size_t semi = html.find(';', pos + 1);
  if (semi == std::string_view::npos || semi - pos > 12) return 0;
  const std::string_view body = html.substr(pos + 1, semi - pos - 1);
  if (body.empty()) return 0;
  char32_t c = 0;
  if (body[0] == '#') {
    const bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
    const std::string_view digits = body.substr(hex ? 2 : 1);
    if (digits.empty()) return 0;
    uint32_t v = 0;
    for (char d : digits) {
      uint32_t digit;
      if (d >= '0' && d <= '9') {
        digit = static_cast<uint32_t>(d - '0');
      } else if (hex && Lower(d) >= 'a' && Lower(d) <= 'f') {
        digit = static_cast<uint32_t>(Lower(d) - 'a' + 10);
      } else {
        return 0;
      }
      v = v * (hex ? 16u : 10u) + digit;
      if (v > 0x10FFFF) return 0;
    }
    c = (v == 0 || (v >= 0xD800 && v <= 0xDFFF)) ? 0xFFFD : static_cast<char32_t>(v);
  } else {
    for (const auto& [name, value] : kNamed) {
      if (body == name) c = value;
    }
    if (c == 0) return 0;
  }
  utf8::Append(c, out);
  return semi + 1 - pos;
}

}  // namespace

MappedText HtmlToText(std::string_view html, const SourceMap& html_map) {
  MappedText out;
  SourceMapBuilder b;
  size_t run = 0;  // start of the current run of text copied as it is
  size_t i = 0;
  auto flush = [&](size_t upto) {
    if (upto > run) {
      out.text.append(html.substr(run, upto - run));
      html_map.AppendSlice(run, upto, b);
    }
  };
  auto unit = [&](std::string_view decoded, size_t from, size_t to) {
    out.text.append(decoded);
    const size_t source = html_map.Begin(from);
    b.Unit(decoded.size(), source, html_map.End(to) - source);
  };
  while (i < html.size()) {
    const char c = html[i];
    if (c == '&') {
      std::string decoded;
      const size_t len = DecodeReference(html, i, &decoded);
      if (len == 0) {
        ++i;
        continue;
      }
      flush(i);
      unit(decoded, i, i + len);
      i += len;
      run = i;
      continue;
    }
    const bool tag_start = c == '<' && i + 1 < html.size() &&
                           (IsAlpha(html[i + 1]) || html[i + 1] == '/' || html[i + 1] == '!');
    if (!tag_start) {
      ++i;
      continue;
    }
    flush(i);
    size_t end;
    if (html.substr(i, 4) == "<!--") {
      end = html.find("-->", i + 4);
      end = end == std::string_view::npos ? html.size() : end + 3;
      unit("", i, end);
      i = run = end;
      continue;
    }
    // The tag's end: the first '>' outside quoted attribute values.
    char quote = 0;
    end = i + 1;
    for (; end < html.size(); ++end) {
      const char t = html[end];
      if (quote != 0) {
        if (t == quote) quote = 0;
      } else if (t == '"' || t == '\'') {
        quote = t;
      } else if (t == '>') {
        break;
      }
    }
    end = end < html.size() ? end + 1 : html.size();
    size_t name_begin = i + 1;
    if (name_begin < html.size() && html[name_begin] == '/') ++name_begin;
    size_t name_end = name_begin;
    while (name_end < end &&
           (IsAlpha(html[name_end]) || (html[name_end] >= '0' && html[name_end] <= '9'))) {
      ++name_end;
    }
    const std::string_view name = html.substr(name_begin, name_end - name_begin);
    const bool closing = html[i + 1] == '/';
    if (!closing && (IEquals(name, "script") || IEquals(name, "style"))) {
      // Skip to the end of the matching closing tag.
      size_t close = end;
      for (;;) {
        close = html.find("</", close);
        if (close == std::string_view::npos) {
          close = html.size();
          break;
        }
        if (IEquals(html.substr(close + 2, name.size()), name)) {
          const size_t gt = html.find('>', close);
          close = gt == std::string_view::npos ? html.size() : gt + 1;
          break;
        }
        close += 2;
      }
      end = close;
      unit("", i, end);
    } else {
      unit(IsBlockTag(name) ? "\n" : "", i, end);
    }
    i = run = end;
  }
  flush(html.size());
  b.SetSourceEnd(html_map.End(html.size()));
  out.map = b.Finish();
  return out;
}

}  // namespace voicelint
