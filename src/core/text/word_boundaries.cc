#include "core/text/word_boundaries.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include <algorithm>

#include "core/text/cjk_dictionary.h"
#include "core/text/utf8.h"

namespace voicelint {
namespace {

// How far a window reaches on each side of the position asked about.
constexpr size_t kWindowReach = 96;
// Distinct windows remembered (about 1-2 MB) before the cache starts over.
constexpr size_t kCacheLimit = 8192;

enum WordClass : unsigned char {
  kOther,
  kLetter,
  kNumeric,
  kExtendNumLet,  // _
  kMidNumLetQ,    // . '
  kMidLetter,     // (none in ASCII for ICU: it does not treat ':' as MidLetter)
  kMidNum,        // , ;
  kNewline,
  kSpace,
};

WordClass ClassOf(unsigned char c) {
  // ICU counts '@' as a letter (its word rules keep e-mail-like tokens whole).
  if (((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '@') return kLetter;
  if (c >= '0' && c <= '9') return kNumeric;
  switch (c) {
    case '_':
      return kExtendNumLet;
    case '.':
    case '\'':
      return kMidNumLetQ;
    case ',':
    case ';':
      return kMidNum;
    case '\n':
    case '\r':
    case '\v':
    case '\f':
      return kNewline;
    case ' ':
      return kSpace;
    default:
      return kOther;
  }
}

// Characters that glue onto a neighbouring word in ICU's dictionary
// segmentation without changing what it means: particles, common adverbs,
// pronouns (你|的, 也|没办法).
bool IsGlueCharacter(char32_t c) {
  static constexpr std::u32string_view kGlue =
      U"的地得了着过吗呢吧啊呀嘛哦哈也都就还又才很太更最在是和与跟把被给让对这那我他她它您";
  return kGlue.find(c) != std::u32string_view::npos;
}

// A byte after which (or before which) ICU always breaks, so a window may end there.
bool IsHardStop(unsigned char c) {
  return c == ' ' || c == '\n' || c == '!' || c == '?' || c == '(' || c == ')';
}

bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }

// Whether text[pos] starts 、 or 。 (E3 80 81, E3 80 82).
bool IsIdeographicStopAt(std::string_view text, size_t pos) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  return s[pos] == 0xE3 && pos + 2 < text.size() && s[pos + 1] == 0x80 &&
         (s[pos + 2] == 0x81 || s[pos + 2] == 0x82);
}

// Whether text[pos] starts a clause stop: a hard stop byte, a comma or
// semicolon not inside a number (full-width ones are ASCII after NFKC), or the
// ideographic comma and full stop 、。 (E3 80 81, E3 80 82). Chinese text has
// few spaces, so without these a window would reach its full size.
bool IsStopAt(std::string_view text, size_t pos) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char c = s[pos];
  if (IsHardStop(c)) return true;
  if (c == ',' || c == ';') {
    return !(pos > 0 && IsDigit(s[pos - 1]) && pos + 1 < text.size() && IsDigit(s[pos + 1]));
  }
  return IsIdeographicStopAt(text, pos);
}

int32_t WordBreakOf(std::string_view text, size_t pos) {
  size_t len;
  const char32_t c = utf8::Decode(text, pos, &len);
  return c == utf8::kInvalid ? U_WB_OTHER
                             : u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_WORD_BREAK);
}

// Whether ICU breaks between a stop that ends at `pos` and the character at
// `pos` whatever surrounds them: not when that character attaches to the stop
// (Extend, Format, ZWJ: WB4), nor between two white-space characters (WB3d).
bool BreaksAfterStop(std::string_view text, size_t pos) {
  if (pos >= text.size()) return true;
  const int32_t next = WordBreakOf(text, pos);
  if (next == U_WB_EXTEND || next == U_WB_FORMAT || next == U_WB_ZWJ) return false;
  return !(next == U_WB_WSEGSPACE && text[pos - 1] == ' ');
}

// Whether ICU breaks before the stop at `pos` whatever surrounds it: not
// between CR and LF (WB3c), nor between two white-space characters (WB3d).
bool BreaksBeforeStop(std::string_view text, size_t pos) {
  if (pos == 0) return true;
  if (text[pos] == '\n') return text[pos - 1] != '\r';
  if (text[pos] != ' ') return true;
  size_t before = pos - 1;
  while (before > 0 && (static_cast<unsigned char>(text[before]) & 0xC0) == 0x80) --before;
  return WordBreakOf(text, before) != U_WB_WSEGSPACE;
}

// Characters between which and a Han character UAX #29 and ICU's dictionary
// always break: ASCII other than '_' (which may extend a word), CJK symbols
// and punctuation, general punctuation, full-width forms.
bool AlwaysBreaksAgainstHan(char32_t c) {
  if (c < 0x80) return c != '_';
  if (utf8::IsHan(c)) return false;
  return (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) ||
         (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205E);
}

// Whether text[pos] starts a character of U+4E00-U+9FFF (lead byte E4-E9).
bool IsCommonHanAt(std::string_view text, size_t pos) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  return pos + 2 < text.size() && s[pos] >= 0xE4 && s[pos] <= 0xE9 && (s[pos + 1] & 0xC0) == 0x80 &&
         (s[pos + 2] & 0xC0) == 0x80 && (s[pos] > 0xE4 || s[pos + 1] >= 0xB8);
}

}  // namespace

struct WordBoundaries::UTextHolder {
  UText text = UTEXT_INITIALIZER;
  ~UTextHolder() { utext_close(&text); }
};

WordBoundaries::WordBoundaries()
    : utext_(std::make_unique<UTextHolder>()), dictionary_(CjkDictionary::Get()) {
  UErrorCode status = U_ZERO_ERROR;
  iterator_.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status)) iterator_.reset();
}

WordBoundaries::~WordBoundaries() = default;

void WordBoundaries::Reset(std::string_view text) {
  text_ = text;
  window_valid_ = false;
}

int WordBoundaries::AsciiBoundary(size_t pos) const {
  const auto* s = reinterpret_cast<const unsigned char*>(text_.data());
  const size_t n = text_.size();
  const size_t from = pos >= 2 ? pos - 2 : 0;
  const size_t to = pos + 2 <= n ? pos + 2 : n;
  for (size_t i = from; i < to; ++i) {
    if (s[i] >= 0x80) return -1;
  }
  const WordClass a0 = pos >= 2 ? ClassOf(s[pos - 2]) : kOther;
  const WordClass a = ClassOf(s[pos - 1]);
  const WordClass b = ClassOf(s[pos]);
  const WordClass b1 = pos + 1 < n ? ClassOf(s[pos + 1]) : kOther;
  if (a == kNewline || b == kNewline) return 1;                                      // WB3a, WB3b
  if (a == kSpace && b == kSpace) return 0;                                          // WB3d
  if (a == kLetter && b == kLetter) return 0;                                        // WB5
  if (a == kLetter && b == kMidNumLetQ && b1 == kLetter) return 0;                   // WB6
  if (a0 == kLetter && a == kMidNumLetQ && b == kLetter) return 0;                   // WB7
  if ((a == kNumeric || a == kLetter) && (b == kNumeric || b == kLetter)) return 0;  // WB8-10
  if (a0 == kNumeric && (a == kMidNum || a == kMidNumLetQ) && b == kNumeric) return 0;  // WB11
  if (a == kNumeric && (b == kMidNum || b == kMidNumLetQ) && b1 == kNumeric) return 0;  // WB12
  if ((a == kLetter || a == kNumeric || a == kExtendNumLet) && b == kExtendNumLet) return 0;
  if (a == kExtendNumLet && (b == kLetter || b == kNumeric)) return 0;  // WB13b
  return 1;                                                             // WB999
}

void WordBoundaries::Window(size_t pos) {
  const auto* s = reinterpret_cast<const unsigned char*>(text_.data());
  const size_t n = text_.size();
  size_t begin = pos;
  begin_natural_ = false;
  while (begin > 0 && pos - begin < kWindowReach) {
    if ((IsStopAt(text_, begin - 1) || (begin >= 3 && IsIdeographicStopAt(text_, begin - 3))) &&
        BreaksAfterStop(text_, begin)) {
      begin_natural_ = true;
      break;
    }
    --begin;
  }
  if (begin == 0) begin_natural_ = true;
  while (begin < pos && (s[begin] & 0xC0) == 0x80) ++begin;  // code point start
  size_t end = pos;
  end_natural_ = false;
  while (end < n && end - pos < kWindowReach) {
    if (IsStopAt(text_, end) && BreaksBeforeStop(text_, end)) {
      end_natural_ = true;
      break;
    }
    ++end;
  }
  if (end == n) end_natural_ = true;
  while (end > pos && end < n && (s[end] & 0xC0) == 0x80) --end;
  if (dictionary_ != nullptr && RunWindow(pos, begin, end)) return;
  window_begin_ = begin;
  window_end_ = end;
  // The boundaries of a window depend only on its text, and canned responses
  // repeat their clauses: segment each distinct clause once.
  const std::string_view key = text_.substr(begin, end - begin);
  auto it = cache_.find(key);
  if (it == cache_.end()) {
    UErrorCode status = U_ZERO_ERROR;
    utext_openUTF8(&utext_->text, key.data(), static_cast<int64_t>(key.size()), &status);
    if (U_SUCCESS(status)) iterator_->setText(&utext_->text, status);
    if (U_FAILURE(status)) {
      window_valid_ = false;
      return;
    }
    std::vector<uint32_t> boundaries;
    for (int32_t b = iterator_->first(); b != icu::BreakIterator::DONE; b = iterator_->next()) {
      boundaries.push_back(static_cast<uint32_t>(b));
    }
    if (cache_.size() >= kCacheLimit) cache_.clear();
    it = cache_.emplace(std::string(key), std::move(boundaries)).first;
  }
  boundaries_ = &it->second;
  window_valid_ = true;
}

bool WordBoundaries::RunWindow(size_t pos, size_t begin, size_t end) {
  // The run of common Han characters around pos inside the clause window.
  size_t run_begin = pos;
  while (run_begin >= begin + 3 && IsCommonHanAt(text_, run_begin - 3)) run_begin -= 3;
  size_t run_end = pos;
  while (run_end + 3 <= end && IsCommonHanAt(text_, run_end)) run_end += 3;
  if (!(run_begin < pos && pos < run_end) || (run_end - run_begin) / 3 > CjkDictionary::kMaxRun) {
    return false;
  }
  // ICU's dictionary range is the run only when what borders it always
  // breaks against Han (not a combining mark, kana or a rarer ideograph).
  size_t len;
  if (run_begin > begin) {
    size_t before = run_begin - 1;
    while (before > begin && (static_cast<unsigned char>(text_[before]) & 0xC0) == 0x80) --before;
    if (!AlwaysBreaksAgainstHan(utf8::Decode(text_, before, &len))) return false;
  }
  if (run_end < end && !AlwaysBreaksAgainstHan(utf8::Decode(text_, run_end, &len))) return false;
  // Segmented afresh each time: the dictionary's dynamic programming over a
  // run costs less than keeping runs in the cache would (hashing, copying the
  // key, a vector per run), and a run seldom comes back in a text.
  const std::string_view key = text_.substr(run_begin, run_end - run_begin);
  run_.clear();
  for (size_t i = 0; i < key.size(); i += 3) {
    run_.push_back(static_cast<char16_t>(utf8::Decode(key, i, &len)));
  }
  if (!first_steps_) first_steps_ = std::make_unique<CjkDictionary::FirstSteps>();
  dictionary_->Segment(run_, &characters_, first_steps_.get());
  run_boundaries_.clear();
  for (const uint32_t c : characters_) run_boundaries_.push_back(c * 3);  // bytes from run_begin
  // A window Window() would find again from any position inside it: its ends
  // are where ICU always breaks, and it is shorter than the reach.
  begin_natural_ = run_begin > begin || begin_natural_;
  end_natural_ = run_end < end || end_natural_;
  window_begin_ = run_begin;
  window_end_ = run_end;
  boundaries_ = &run_boundaries_;
  window_valid_ = true;
  return true;
}

bool WordBoundaries::IcuBoundary(size_t pos) {
  if (!iterator_) return true;
  // The answer must depend on `pos` alone (not on what was asked before), so
  // that a text split between threads is judged as one scan would judge it:
  // the current window is reused only when Window(pos) would find it again,
  // that is when it is a whole clause shorter than the reach.
  const bool same = window_valid_ && begin_natural_ && end_natural_ &&
                    window_end_ - window_begin_ < kWindowReach && pos >= window_begin_ &&
                    pos <= window_end_;
  if (!same) Window(pos);
  if (!window_valid_) return true;
  return std::binary_search(boundaries_->begin(), boundaries_->end(),
                            static_cast<uint32_t>(pos - window_begin_));
}

bool WordBoundaries::IsBoundary(size_t pos) {
  if (pos == 0 || pos >= text_.size()) return true;
  const int ascii = AsciiBoundary(pos);
  if (ascii >= 0) return ascii == 1;
  // Han next to punctuation, ASCII or a space: no need to ask ICU.
  size_t before = pos - 1;
  while (before > 0 && (static_cast<unsigned char>(text_[before]) & 0xC0) == 0x80) --before;
  size_t len;
  const char32_t a = utf8::Decode(text_, before, &len);
  const char32_t b = utf8::Decode(text_, pos, &len);
  if ((utf8::IsHan(a) && AlwaysBreaksAgainstHan(b)) ||
      (utf8::IsHan(b) && AlwaysBreaksAgainstHan(a))) {
    return true;
  }
  return IcuBoundary(pos);
}

size_t WordBoundaries::Preceding(size_t pos) {
  IcuBoundary(pos);
  if (!window_valid_) return pos;
  // The last boundary before pos, as BreakIterator::preceding.
  const auto it = std::lower_bound(boundaries_->begin(), boundaries_->end(),
                                   static_cast<uint32_t>(pos - window_begin_));
  return it == boundaries_->begin() ? window_begin_ : window_begin_ + *(it - 1);
}

size_t WordBoundaries::Following(size_t pos) {
  IcuBoundary(pos);
  if (!window_valid_) return pos;
  // The first boundary after pos, as BreakIterator::following.
  const auto it = std::upper_bound(boundaries_->begin(), boundaries_->end(),
                                   static_cast<uint32_t>(pos - window_begin_));
  return it == boundaries_->end() ? window_end_ : window_begin_ + *it;
}

bool WordBoundaries::AcceptSlow(size_t begin, size_t end) {
  const auto* s = reinterpret_cast<const unsigned char*>(text_.data());
  size_t ascii_end = begin;
  while (ascii_end < end && s[ascii_end] < 0x80) ++ascii_end;
  if (ascii_end == end) return IsBoundary(begin) && IsBoundary(end);
  bool han = false;
  for (size_t i = ascii_end; i < end;) {  // what precedes is ASCII, never Han
    size_t len;
    if (utf8::IsHan(utf8::Decode(text_, i, &len))) {
      han = true;
      break;
    }
    i += len;
  }
  const bool starts = IsBoundary(begin);
  if (!han) return starts && IsBoundary(end);
  const bool ends = IsBoundary(end);
  if (starts && ends) return true;
  if (!starts && !ends) return false;
  // One end cuts a word: accept when that word only glues one neighbouring
  // particle, adverb or pronoun onto the match (你|的, 也没|办法); otherwise the
  // match lies inside a longer word of its own (喂养).
  const size_t outer = starts ? Following(end) : Preceding(begin);
  const std::string_view glued =
      starts ? text_.substr(end, outer - end) : text_.substr(outer, begin - outer);
  if (glued.empty()) return false;
  size_t len;
  const char32_t c = utf8::Decode(glued, 0, &len);
  return len == glued.size() && IsGlueCharacter(c);
}

}  // namespace voicelint
