#include "core/lint/suppressions.h"

#include <algorithm>

#include "core/rules/ruleset.h"

namespace voicelint {
namespace {

constexpr std::string_view kToken = "voicelint-";

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

}  // namespace

Suppressions Suppressions::Parse(std::string_view text, std::vector<ByteRange>* comments) {
  Suppressions out;
  std::vector<Region> open;  // disable ... enable
  for (size_t pos = text.find(kToken); pos != std::string_view::npos;
       pos = text.find(kToken, pos + 1)) {
    if (pos > 0) {
      const char before = text[pos - 1];
      if (std::isalnum(static_cast<unsigned char>(before)) || before == '-' || before == '_')
        continue;
    }
    const size_t line_begin =
        text.rfind('\n', pos) == std::string_view::npos ? 0 : text.rfind('\n', pos) + 1;
    size_t line_end = text.find('\n', pos);
    if (line_end == std::string_view::npos) line_end = text.size();
    std::string_view rest = text.substr(pos + kToken.size(), line_end - pos - kToken.size());
    enum { kDisable, kEnable, kNextLine, kLine } kind;
    size_t word;
    if (rest.rfind("disable-next-line", 0) == 0) {
      kind = kNextLine, word = 17;
    } else if (rest.rfind("disable-line", 0) == 0) {
      kind = kLine, word = 12;
    } else if (rest.rfind("disable", 0) == 0) {
      kind = kDisable, word = 7;
    } else if (rest.rfind("enable", 0) == 0) {
      kind = kEnable, word = 6;
    } else {
      continue;
    }
    if (word < rest.size() && rest[word] != ' ' && rest[word] != '\t' && rest[word] != '\r' &&
        rest.compare(word, 3, "-->") != 0 && rest.compare(word, 2, "*/") != 0) {
      continue;
    }
    std::string_view args = rest.substr(word);
    // The comment ends at "-->" or "*/" when it has one, else at the line end.
    size_t comment_end = line_end;
    for (std::string_view close : {std::string_view("-->"), std::string_view("*/")}) {
      const size_t c = args.find(close);
      if (c != std::string_view::npos) {
        comment_end = pos + kToken.size() + word + c + close.size();
        args = args.substr(0, c);
        break;
      }
    }
    size_t comment_begin = pos;
    const std::string_view head = text.substr(line_begin, pos - line_begin);
    for (std::string_view open_mark : {std::string_view("<!--"), std::string_view("/*"),
                                       std::string_view("//"), std::string_view("#")}) {
      const size_t o = head.rfind(open_mark);
      if (o != std::string_view::npos && Trim(head.substr(o + open_mark.size())).empty()) {
        comment_begin = line_begin + o;
        break;
      }
    }
    comments->push_back({comment_begin, comment_end});

    Region region;
    const size_t dashes = args.find("--");
    if (dashes != std::string_view::npos) {
      region.reason = std::string(Trim(args.substr(dashes + 2)));
      args = args.substr(0, dashes);
    }
    for (size_t i = 0; i < args.size();) {
      while (i < args.size() && (args[i] == ' ' || args[i] == '\t' || args[i] == ',')) ++i;
      size_t j = i;
      while (j < args.size() && args[j] != ' ' && args[j] != '\t' && args[j] != ',' &&
             args[j] != '\r')
        ++j;
      if (j > i) region.rules.emplace_back(args.substr(i, j - i));
      i = j + 1;
    }
    switch (kind) {
      case kLine:
        region.span = {line_begin, line_end};
        out.regions_.push_back(std::move(region));
        break;
      case kNextLine: {
        const size_t next_begin = std::min(line_end + 1, text.size());
        size_t next_end = text.find('\n', next_begin);
        if (next_end == std::string_view::npos) next_end = text.size();
        region.span = {next_begin, next_end};
        out.regions_.push_back(std::move(region));
        break;
      }
      case kDisable:
        region.span = {comment_end, text.size()};
        open.push_back(std::move(region));
        break;
      case kEnable:
        for (auto it = open.begin(); it != open.end();) {
          const bool closes =
              region.rules.empty() ||
              std::any_of(region.rules.begin(), region.rules.end(), [&](const std::string& r) {
                return std::find(it->rules.begin(), it->rules.end(), r) != it->rules.end();
              });
          if (closes) {
            it->span.end = comment_begin;
            out.regions_.push_back(std::move(*it));
            it = open.erase(it);
          } else {
            ++it;
          }
        }
        break;
    }
    pos = comment_end > pos ? comment_end - 1 : pos;
  }
  for (Region& r : open) out.regions_.push_back(std::move(r));
  return out;
}

const std::string* Suppressions::Find(const Rule& rule, size_t offset) const {
  for (const Region& r : regions_) {
    if (offset < r.span.begin || offset >= r.span.end) continue;
    if (r.rules.empty() || std::any_of(r.rules.begin(), r.rules.end(), [&](const std::string& ref) {
          return RuleReferenceMatches(ref, rule);
        })) {
      return &r.reason;
    }
  }
  return nullptr;
}

}  // namespace voicelint
