#include "core/text/normalizer.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <array>

#include "core/text/utf8.h"

namespace voicelint {
namespace {

struct HanPair {
  char32_t from;
  char32_t to;
};

constexpr HanPair kHanFold[] = {
#include "han_fold.inc"
};

bool IsSpaceByte(unsigned char b) {
  return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v';
}

constexpr std::array<char, 256> MakeLowerTable() {
  std::array<char, 256> table{};
  for (int i = 0; i < 256; ++i) {
    table[static_cast<size_t>(i)] = static_cast<char>(i >= 'A' && i <= 'Z' ? i - 'A' + 'a' : i);
  }
  return table;
}
constexpr std::array<char, 256> kLower = MakeLowerTable();

// Builds the normalized text and its offset map in one pass.
class Builder {
 public:
  Builder(const icu::Normalizer2& nfkc, CaseMode mode, std::string_view src, NormalizedText* out,
          std::vector<OffsetMap::Run>* runs)
      : nfkc_(nfkc),
        fold_(mode == CaseMode::kFold),
        src_(src),
        out_(out->text),
        runs_(*runs),
        invalid_(out->invalid_utf8) {}

  void Run(std::span<const ByteRange> masks) {
    const auto* s = reinterpret_cast<const unsigned char*>(src_.data());
    const size_t n = src_.size();
    size_t k = 0;
    size_t i = 0;
    while (i < n) {
      while (k < masks.size() && masks[k].end <= i) ++k;
      const size_t limit = k < masks.size() ? std::max(masks[k].begin, i) : n;
      if (i == limit) {  // inside a masked range: one barrier for all of it
        Replace(i, masks[k].end, "\n");
        last_han_ = false;
        i = masks[k].end;
        continue;
      }
      // ASCII fast path.
      while (i < limit && s[i] < 0x80 && !IsSpaceByte(s[i])) {
        if (i + 1 < limit && s[i + 1] >= 0x80 && !NextHasBoundary(i + 1, limit)) break;
        out_.push_back(fold_ ? kLower[s[i]] : static_cast<char>(s[i]));
        last_han_ = false;
        ++i;
      }
      if (i == limit) continue;
      const unsigned char b = s[i];
      if (IsSpaceByte(b)) {
        i = Whitespace(i, limit);
        continue;
      }
      if (b < 0x80) {  // ASCII that composes with the combining mark after it
        i = Segment(i, limit);
        continue;
      }
      size_t len;
      const char32_t c = utf8::Decode(src_, i, &len);
      if (c == utf8::kInvalid) {
        invalid_.push_back(i);
        Replace(i, i + 1, "\n");
        last_han_ = false;
        i += 1;
        continue;
      }
      if (u_isUWhiteSpace(static_cast<UChar32>(c))) {
        i = Whitespace(i, limit);
        continue;
      }
      if (!fold_ &&
          u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) {
        Replace(i, i + len, "");
        i += len;
        continue;
      }
      if (c == 0x2018 || c == 0x2019 || c == 0x02BC) {
        // Typographic apostrophes fold to ' so "don’t" matches "don't".
        Replace(i, i + len, "'");
        last_han_ = false;
        i += len;
        continue;
      }
      if (nfkc_.isInert(static_cast<UChar32>(c))) {
        if (utf8::IsHan(c)) {
          last_han_ = true;
          const char32_t folded = FoldHan(c);
          if (folded != c) {
            std::string enc;
            utf8::Append(folded, &enc);
            if (enc.size() == len) {
              out_.append(enc);
            } else {
              Replace(i, i + len, enc);
            }
            i += len;
            continue;
          }
        } else {
          last_han_ = false;
        }
        out_.append(src_.substr(i, len));
        i += len;
        continue;
      }
      i = Segment(i, limit);
    }
    CloseExact();
  }

 private:
  bool NextHasBoundary(size_t pos, size_t limit) const {
    size_t len;
    const char32_t c = utf8::Decode(src_.substr(0, limit), pos, &len);
    return c == utf8::kInvalid || nfkc_.hasBoundaryBefore(static_cast<UChar32>(c));
  }

  // A run of white space starting at `begin`; returns where it ends.
  size_t Whitespace(size_t begin, size_t limit) {
    const auto* s = reinterpret_cast<const unsigned char*>(src_.data());
    size_t j = begin;
    while (j < limit) {
      if (s[j] < 0x80) {
        if (!IsSpaceByte(s[j])) break;
        ++j;
        continue;
      }
      size_t len;
      const char32_t c = utf8::Decode(src_, j, &len);
      if (c == utf8::kInvalid || !u_isUWhiteSpace(static_cast<UChar32>(c))) break;
      j += len;
    }
    bool next_is_han = false;
    if (j < limit) {
      size_t len;
      next_is_han = utf8::IsHan(utf8::Decode(src_, j, &len));
    }
    if (last_han_ && next_is_han) {
      Replace(begin, j, "");  // white space between Han characters is nothing
    } else if (j - begin == 1 && s[begin] < 0x80) {
      out_.push_back(' ');  // one ASCII space character: byte for byte
      last_han_ = false;
    } else {
      Replace(begin, j, " ");
      last_han_ = false;
    }
    return j;
  }

  // A normalization segment: a starter and every code point after it that may
  // interact with it. Returns where it ends.
  size_t Segment(size_t begin, size_t limit) {
    size_t len;
    utf8::Decode(src_, begin, &len);
    size_t j = begin + len;
    while (j < limit) {
      const char32_t c = utf8::Decode(src_, j, &len);
      if (c == utf8::kInvalid || nfkc_.hasBoundaryBefore(static_cast<UChar32>(c))) break;
      j += len;
    }
    const std::string_view original = src_.substr(begin, j - begin);
    std::string normalized;
    {
      icu::StringByteSink<std::string> sink(&normalized);
      UErrorCode status = U_ZERO_ERROR;
      nfkc_.normalizeUTF8(0,
                          icu::StringPiece(original.data(), static_cast<int32_t>(original.size())),
                          sink, nullptr, status);
      if (U_FAILURE(status)) normalized.assign(original);
    }
    std::string result;
    result.reserve(normalized.size());
    bool last_han = last_han_;
    for (size_t p = 0; p < normalized.size();) {
      char32_t c = utf8::Decode(normalized, p, &len);
      p += len;
      if (c == utf8::kInvalid) continue;
      if (!fold_ &&
          u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) {
        continue;
      }
      if (u_isUWhiteSpace(static_cast<UChar32>(c))) {
        if (!result.empty() && result.back() == ' ') continue;
        c = ' ';
      } else if (utf8::IsHan(c)) {
        c = FoldHan(c);
      }
      last_han = utf8::IsHan(c);
      utf8::Append(c, &result);
    }
    last_han_ = last_han;
    if (result == original) {
      out_.append(result);
    } else {
      Replace(begin, j, result);
    }
    return j;
  }

  // Ends the current byte-for-byte stretch, records one atomic change of
  // src_[orig_begin, orig_end) into `norm`, and starts a new stretch after it.
  void Replace(size_t orig_begin, size_t orig_end, std::string_view norm) {
    CloseExact();
    runs_.push_back({static_cast<uint32_t>(out_.size()), static_cast<uint32_t>(orig_begin),
                     static_cast<uint32_t>(norm.size()),
                     static_cast<uint32_t>(orig_end - orig_begin), false});
    out_.append(norm);
    exact_orig_ = orig_end;
    exact_norm_ = out_.size();
  }

  void CloseExact() {
    const size_t len = out_.size() - exact_norm_;
    if (len == 0) return;
    runs_.push_back({static_cast<uint32_t>(exact_norm_), static_cast<uint32_t>(exact_orig_),
                     static_cast<uint32_t>(len), static_cast<uint32_t>(len), true});
    exact_orig_ += len;
    exact_norm_ = out_.size();
  }

  const icu::Normalizer2& nfkc_;
  const bool fold_;
  std::string_view src_;
  std::string& out_;
  std::vector<OffsetMap::Run>& runs_;
  std::vector<size_t>& invalid_;
  size_t exact_orig_ = 0;
  size_t exact_norm_ = 0;
  bool last_han_ = false;
};

}  // namespace

char32_t FoldHan(char32_t c) {
  if (c < kHanFold[0].from) return c;
  const auto* end = std::end(kHanFold);
  const auto* it = std::lower_bound(std::begin(kHanFold), end, c,
                                    [](const HanPair& p, char32_t v) { return p.from < v; });
  return (it != end && it->from == c) ? it->to : c;
}

const OffsetMap::Run* OffsetMap::Find(size_t norm_offset) const {
  auto it = std::upper_bound(runs_.begin(), runs_.end(), norm_offset,
                             [](size_t v, const Run& r) { return v < r.norm_begin; });
  if (it == runs_.begin()) return nullptr;
  const Run& run = *(it - 1);
  if (norm_offset >= static_cast<size_t>(run.norm_begin) + run.norm_len) return nullptr;
  return &run;
}

ByteRange OffsetMap::ToOriginal(ByteRange normalized) const {
  ByteRange out;
  if (const Run* run = Find(normalized.begin)) {
    out.begin = run->orig_begin + (run->exact ? normalized.begin - run->norm_begin : 0);
  } else {
    out.begin = orig_size_;
  }
  if (normalized.end <= normalized.begin) {
    out.end = out.begin;
    return out;
  }
  if (const Run* run = Find(normalized.end - 1)) {
    out.end =
        run->orig_begin + (run->exact ? normalized.end - run->norm_begin : size_t{run->orig_len});
  } else {
    out.end = orig_size_;
  }
  return out;
}

Normalizer::Normalizer(CaseMode mode) : mode_(mode) {
  UErrorCode status = U_ZERO_ERROR;
  nfkc_ = mode == CaseMode::kFold ? icu::Normalizer2::getNFKCCasefoldInstance(status)
                                  : icu::Normalizer2::getNFKCInstance(status);
}

void Normalizer::Normalize(std::string_view text, std::span<const ByteRange> masks,
                           NormalizedText* out) const {
  out->text.clear();
  out->text.reserve(text.size() + 16);
  out->map.runs_.clear();
  out->invalid_utf8.clear();
  Builder builder(*nfkc_, mode_, text, out, &out->map.runs_);
  builder.Run(masks);
  out->map.norm_size_ = out->text.size();
  out->map.orig_size_ = text.size();
}

std::string Normalizer::NormalizePhrase(std::string_view phrase) const {
  NormalizedText out;
  Normalize(phrase, {}, &out);
  std::string& s = out.text;
  const size_t first = s.find_first_not_of(' ');
  if (first == std::string::npos) return {};
  const size_t last = s.find_last_not_of(' ');
  return s.substr(first, last - first + 1);
}

}  // namespace voicelint
