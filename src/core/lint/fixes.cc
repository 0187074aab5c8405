#include "core/lint/fixes.h"

#include <unicode/locid.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>

#include "core/lint/context.h"
#include "core/text/normalizer.h"
#include "core/text/utf8.h"

namespace voicelint {
namespace {

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiAlnum(char c) { return IsAsciiAlpha(c) || (c >= '0' && c <= '9'); }
bool IsWordByte(char c) { return IsAsciiAlnum(c) || c == '\''; }

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Whether `s` has a character written differently in Traditional Chinese
// (one that is the Simplified form of another).
bool HasSimplifiedForm(std::string_view s) {
  for (size_t pos = 0; pos < s.size();) {
    if (static_cast<unsigned char>(s[pos]) < 0x80) {
      ++pos;
      continue;
    }
    size_t len = 0;
    if (ClassifyHan(utf8::Decode(s, pos, &len)) == HanForm::kSimplified) return true;
    pos += len;
  }
  return false;
}

// Clause and sentence punctuation that a seam must not double.
bool IsSeamPunctuation(std::string_view text, size_t pos) {
  if (pos >= text.size()) return false;
  size_t len = 0;
  const char32_t c = utf8::Decode(text, pos, &len);
  switch (c) {
    case ',':
    case ';':
    case ':':
    case '.':
    case '!':
    case '?':
    case 0xFF0C:
    case 0xFF1B:
    case 0xFF1A:
    case 0x3001:
    case 0x3002:
    case 0xFF01:
    case 0xFF1F:
      return true;
    default:
      return false;
  }
}

// The ASCII word that ends at `end` (letters, digits, apostrophes), or an
// empty view.
std::string_view WordBefore(std::string_view text, size_t end) {
  size_t begin = end;
  while (begin > 0 && IsWordByte(text[begin - 1])) --begin;
  return text.substr(begin, end - begin);
}

std::string_view WordAfter(std::string_view text, size_t begin) {
  size_t end = begin;
  while (end < text.size() && IsWordByte(text[end])) ++end;
  return text.substr(begin, end - begin);
}

// The first and last ASCII words of a replacement.
std::string_view FirstWord(std::string_view s) { return WordAfter(s, 0); }
std::string_view LastWord(std::string_view s) { return WordBefore(s, s.size()); }

// The words before `end` and after `begin`, skipping one space, up to two
// of each.
std::array<std::string_view, 2> TwoWordsBefore(std::string_view text, size_t end) {
  std::array<std::string_view, 2> words;
  for (std::string_view& w : words) {
    if (end > 0 && text[end - 1] == ' ') --end;
    w = WordBefore(text, end);
    if (w.empty()) break;
    end -= w.size();
  }
  return words;
}

std::array<std::string_view, 2> TwoWordsAfter(std::string_view text, size_t begin) {
  std::array<std::string_view, 2> words;
  for (std::string_view& w : words) {
    if (begin < text.size() && text[begin] == ' ') ++begin;
    w = WordAfter(text, begin);
    if (w.empty()) break;
    begin += w.size();
  }
  return words;
}

bool SameWord(std::string_view a, std::string_view b) {
  return !a.empty() && AsciiLower(a) == AsciiLower(b);
}

char32_t FirstCodePoint(std::string_view s) {
  size_t len = 0;
  return s.empty() ? 0 : utf8::Decode(s, 0, &len);
}

char32_t LastCodePoint(std::string_view s) {
  size_t start = s.size();
  while (start > 0) {
    --start;
    if ((static_cast<unsigned char>(s[start]) & 0xC0) != 0x80) break;
  }
  size_t len = 0;
  return s.empty() ? 0 : utf8::Decode(s, start, &len);
}

// An article right before the edit ("an awesome") agrees with the
// replacement's first word: the edit grows to cover it.
void FitArticle(std::string_view text, Edit* edit) {
  const std::string_view first = FirstWord(edit->replacement);
  if (first.empty() || !IsAsciiAlpha(first.front())) return;
  const size_t begin = edit->span.begin;
  if (begin < 2 || text[begin - 1] != ' ') return;
  const std::string_view article = WordBefore(text, begin - 1);
  const size_t article_begin = begin - 1 - article.size();
  if (article_begin > 0 && IsAsciiAlnum(text[article_begin - 1])) return;
  const std::string lower = AsciiLower(article);
  if (lower != "a" && lower != "an") return;
  const std::string_view wanted = IndefiniteArticle(first);
  if (wanted == lower) return;
  std::string fitted(wanted);
  if (article.front() == 'A') fitted[0] = 'A';
  if (article.size() > 1 && article[1] == 'N') fitted = "AN";
  edit->span.begin = article_begin;
  edit->replacement = fitted + " " + edit->replacement;
}

// No doubled punctuation where the replacement ends.
void FitPunctuation(std::string_view text, Edit* edit) {
  std::string& r = edit->replacement;
  if (r.empty() || !IsSeamPunctuation(text, edit->span.end)) return;
  const char last = r.back();
  if (last == ',' || last == ';' || last == ':' || last == '.' || last == '!' || last == '?') {
    r.pop_back();
    while (!r.empty() && r.back() == ' ') r.pop_back();
  }
}

// A deletion takes the space or the comma that went with the match. Returns
// a reason when the sentence would read wrong without it.
std::string FitDeletion(std::string_view text, SentencePosition position, Edit* edit) {
  ByteRange& span = edit->span;
  switch (position) {
    case SentencePosition::kStart: {
      size_t after = span.end;
      if (after < text.size() && (text[after] == ',' || text[after] == '!')) {
        ++after;
      } else if (text.compare(after, 3, "\uFF0C") == 0 || text.compare(after, 3, "\u3001") == 0 ||
                 text.compare(after, 3, "\uFF01") == 0) {
        after += 3;
      }
      while (after < text.size() && (text[after] == ' ' || text[after] == '\t')) ++after;
      if (after >= text.size() || text[after] == '\n' || text[after] == '\r' ||
          IsSeamPunctuation(text, after)) {
        return "deleting it would leave nothing of the sentence";
      }
      span.end = after;
      if (text[after] >= 'a' && text[after] <= 'z') {
        span.end = after + 1;
        edit->replacement = std::string(1, static_cast<char>(text[after] - 'a' + 'A'));
      }
      return {};
    }
    case SentencePosition::kEnd: {
      size_t before = span.begin;
      while (before > 0 && text[before - 1] == ' ') --before;
      if (before > 0 && text[before - 1] == ',') {
        --before;
      } else if (before >= 3 && text.compare(before - 3, 3, "\uFF0C") == 0) {
        before -= 3;
      }
      size_t after = span.end;
      while (after < text.size() && text[after] == ' ') ++after;
      // Keep a comma that separates the rest of the sentence from what
      // follows ("好的亲，我" keeps "，"; "Thanks, buddy!" drops ", ").
      const bool comma_before = before < span.begin && text[before] != ' ';
      if (comma_before && after < text.size() && !IsSeamPunctuation(text, after) &&
          text[after] != '\n') {
        while (before < span.begin && text[before] != ' ') ++before;
      }
      span.begin = before;
      if (before == 0) return "deleting it would leave nothing of the sentence";
      return {};
    }
    case SentencePosition::kMiddle:
      if (span.end < text.size() && text[span.end] == ' ') {
        ++span.end;
      } else if (span.begin > 0 && text[span.begin - 1] == ' ') {
        --span.begin;
      }
      return {};
  }
  return {};
}

// Why the edit would not read right at its seams: a word repeated ("thank
// you you", "if that suits you with you"), a Han character doubled (您您).
std::string RepeatAtSeams(std::string_view text, const Edit& edit) {
  const std::string& r = edit.replacement;
  const auto before = TwoWordsBefore(text, edit.span.begin);
  const auto after = TwoWordsAfter(text, edit.span.end);
  const std::string_view first = FirstWord(r);
  const std::string_view last = LastWord(r);
  for (const std::string_view w : before) {
    if (SameWord(first, w)) return "the replacement would repeat \"" + std::string(first) + "\"";
  }
  for (const std::string_view w : after) {
    if (SameWord(last, w)) return "the replacement would repeat \"" + std::string(last) + "\"";
  }
  const char32_t r_first = FirstCodePoint(r);
  const char32_t r_last = LastCodePoint(r);
  const char32_t t_before = LastCodePoint(text.substr(0, edit.span.begin));
  const char32_t t_after = FirstCodePoint(text.substr(edit.span.end));
  // The same character in either script; only a Traditional one needs folding.
  const auto same_han = [](char32_t a, char32_t b) {
    if (!utf8::IsHan(a)) return false;
    if (a == b) return true;
    return (ClassifyHan(a) == HanForm::kTraditional || ClassifyHan(b) == HanForm::kTraditional) &&
           FoldHan(a) == FoldHan(b);
  };
  if (same_han(r_first, t_before) || same_han(r_last, t_after)) {
    return "the replacement would double a character at its seam";
  }
  return {};
}

bool IsShouted(std::string_view match, std::string_view replacement) {
  int upper = 0;
  int lower = 0;
  for (size_t pos = 0; pos < match.size();) {
    size_t len = 0;
    const char32_t c = utf8::Decode(match, pos, &len);
    pos += len;
    if (c == utf8::kInvalid) continue;
    upper += u_isUUppercase(static_cast<UChar32>(c)) ? 1 : 0;
    lower += u_isULowercase(static_cast<UChar32>(c)) ? 1 : 0;
  }
  const bool several_words = match.find(' ') != std::string_view::npos;
  const bool abbreviation = !several_words && replacement.find(' ') != std::string_view::npos;
  return lower == 0 && !abbreviation && (upper >= 3 || (upper >= 2 && several_words));
}

// FitCase for ASCII text, without ICU: the same steps on bytes.
std::string FitAsciiCase(std::string_view match, std::string_view replacement,
                         SentencePosition position) {
  const auto upper = [](char ch) { return ch >= 'A' && ch <= 'Z'; };
  const auto lower = [](char ch) { return ch >= 'a' && ch <= 'z'; };
  std::string r(replacement);
  const auto uppers = std::count_if(match.begin(), match.end(), upper);
  const bool several_words = match.find(' ') != std::string_view::npos;
  const bool abbreviation = !several_words && replacement.find(' ') != std::string_view::npos;
  if (std::none_of(match.begin(), match.end(), lower) && !abbreviation &&
      (uppers >= 3 || (uppers >= 2 && several_words))) {
    for (char& ch : r) ch = lower(ch) ? static_cast<char>(ch - 'a' + 'A') : ch;
    return r;
  }
  size_t at = 0;
  while (at < r.size() && !IsAsciiAlpha(r[at])) ++at;
  if (at == r.size()) return r;
  if (position == SentencePosition::kStart) {
    if (lower(r[at])) r[at] = static_cast<char>(r[at] - 'a' + 'A');
    return r;
  }
  size_t word_end = at;
  bool all_upper = true;
  while (word_end < r.size() && IsAsciiAlpha(r[word_end])) all_upper &= upper(r[word_end++]);
  const bool pronoun_i = word_end - at == 1 && r[at] == 'I';
  if (!pronoun_i && !(all_upper && word_end - at >= 2) && upper(r[at])) {
    r[at] = static_cast<char>(r[at] - 'A' + 'a');
  }
  return r;
}

}  // namespace

std::string FitCase(std::string_view match, std::string_view replacement,
                    SentencePosition position) {
  // Han, kana and hangul replacements have no case: skip ICU.
  const bool caseless = std::all_of(replacement.begin(), replacement.end(), [](char ch) {
    const auto b = static_cast<unsigned char>(ch);
    return b >= 0xE3 || (b >= 0x80 && b < 0xC0) || (b < 0x80 && !IsAsciiAlpha(ch));
  });
  if (caseless) return std::string(replacement);
  const auto ascii = [](std::string_view v) {
    return std::all_of(v.begin(), v.end(),
                       [](char ch) { return static_cast<unsigned char>(ch) < 0x80; });
  };
  if (ascii(match) && ascii(replacement)) return FitAsciiCase(match, replacement, position);
  icu::UnicodeString r = icu::UnicodeString::fromUTF8(
      icu::StringPiece(replacement.data(), static_cast<int32_t>(replacement.size())));
  std::string out;
  if (IsShouted(match, replacement)) {
    r.toUpper(icu::Locale::getRoot());
    return r.toUTF8String(out);
  }
  int32_t at = 0;
  while (at < r.length() && !(u_isUUppercase(r.char32At(at)) || u_isULowercase(r.char32At(at)))) {
    at += U16_LENGTH(r.char32At(at));
  }
  if (at >= r.length()) return std::string(replacement);
  const UChar32 c = r.char32At(at);
  if (position == SentencePosition::kStart) {
    r.replace(at, U16_LENGTH(c), icu::UnicodeString(u_toupper(c)));
    return r.toUTF8String(out);
  }
  // Keep "I", "I'd" and acronyms ("FAQ") as written.
  int32_t word_end = at;
  bool all_upper = true;
  while (word_end < r.length() && u_isUAlphabetic(r.char32At(word_end))) {
    all_upper &= u_isUUppercase(r.char32At(word_end)) != 0;
    word_end += U16_LENGTH(r.char32At(word_end));
  }
  const bool pronoun_i = word_end - at == 1 && c == 'I';
  if (!pronoun_i && !(all_upper && word_end - at >= 2)) {
    r.replace(at, U16_LENGTH(c), icu::UnicodeString(u_tolower(c)));
  }
  return r.toUTF8String(out);
}

std::string_view IndefiniteArticle(std::string_view word) {
  if (word.empty()) return "a";
  bool all_upper = word.size() >= 2;
  for (char c : word) all_upper &= c >= 'A' && c <= 'Z';
  if (all_upper) {
    // Spelled letter by letter: "an FAQ", "an SMS", "a URL".
    return std::string_view("AEFHILMNORSX").find(word.front()) != std::string_view::npos ? "an"
                                                                                         : "a";
  }
  const std::string w = AsciiLower(word);
  auto starts = [&](std::string_view prefix) { return w.compare(0, prefix.size(), prefix) == 0; };
  for (const std::string_view silent_h : {"hour", "honest", "honor", "honour", "heir"}) {
    if (starts(silent_h)) return "an";
  }
  if (std::string_view("aeiou").find(w.front()) == std::string_view::npos) return "a";
  for (const std::string_view sounds_y :
       {"uni", "use", "usu", "uti", "ure", "uro", "eu", "ewe", "one", "once", "ubiq", "uk"}) {
    if (starts(sounds_y)) return "a";
  }
  return "an";
}

std::string ApplyEdits(std::string_view text, const std::vector<const Edit*>& edits) {
  std::string out;
  out.reserve(text.size());
  size_t cursor = 0;
  for (const Edit* e : edits) {
    if (e->span.begin < cursor || e->span.end > text.size()) continue;
    out.append(text.substr(cursor, e->span.begin - cursor));
    out.append(e->replacement);
    cursor = e->span.end;
  }
  out.append(text.substr(cursor));
  return out;
}

FixWriter::FixWriter() = default;
FixWriter::~FixWriter() = default;

std::optional<std::string> FixWriter::ToTraditional(std::string_view simplified) {
  const std::string key(simplified);
  if (auto it = hant_cache_.find(key); it != hant_cache_.end()) return it->second;
  if (hant_cache_.size() >= 4096) hant_cache_.clear();
  if (!hant_ && !hant_failed_) {
    UErrorCode status = U_ZERO_ERROR;
    hant_.reset(icu::Transliterator::createInstance("Hans-Hant", UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !hant_) {
      hant_.reset();
      hant_failed_ = true;
    }
  }
  if (!hant_) return hant_cache_[key] = std::nullopt;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(simplified.data(), static_cast<int32_t>(simplified.size())));
  hant_->transliterate(u);
  std::string out;
  return hant_cache_[key] = u.toUTF8String(out);
}

FixOutcome FixWriter::Write(const Rule& rule, std::string_view text, ByteRange span,
                            SentencePosition position) {
  FixOutcome out;
  const std::string_view match = text.substr(span.begin, span.size());
  const std::string* base = FixText(rule, position);
  // Traditional text is recognised only when a replacement would read
  // differently in it, and ICU is asked only then.
  std::optional<bool> traditional;
  std::string problem;
  auto fit = [&](std::string_view phrase) {
    std::string fitted = FitCase(match, phrase, position);
    if (!HasSimplifiedForm(fitted)) return fitted;
    if (!traditional) traditional = InTraditionalText(text, span);
    if (!*traditional) return fitted;
    const std::optional<std::string> hant = ToTraditional(fitted);
    if (hant) return *hant;
    problem = "the replacement has no Traditional form here";
    return fitted;
  };
  if (base != nullptr && !base->empty()) out.suggestions.push_back(fit(*base));
  for (const Located& p : rule.prefer) {
    std::string s = fit(p.text);
    if (std::find(out.suggestions.begin(), out.suggestions.end(), s) == out.suggestions.end()) {
      out.suggestions.push_back(std::move(s));
    }
  }
  const Applicability declared =
      base == nullptr ? Applicability::kDisplay : rule.fix[static_cast<size_t>(position)];
  if (declared == Applicability::kDisplay) return out;

  Edit edit{span, base->empty() ? std::string() : fit(*base)};
  if (edit.replacement.empty()) {
    if (problem.empty()) problem = FitDeletion(text, position, &edit);
  } else {
    FitArticle(text, &edit);
    FitPunctuation(text, &edit);
    if (problem.empty()) problem = RepeatAtSeams(text, edit);
  }
  out.edit = std::move(edit);
  out.applicability = declared;
  if (!problem.empty()) {
    out.applicability = Applicability::kUnsafe;
    out.note = std::move(problem);
  } else if (declared == Applicability::kUnsafe) {
    out.note = "the rule marks this fix unsafe: it may change the meaning";
  }
  return out;
}

}  // namespace voicelint
