#include "core/text/char_props.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>

#include "core/text/utf8.h"

namespace voicelint {

uint16_t ComputeCharProps(char32_t c, const icu::Normalizer2& fold, const icu::Normalizer2& keep,
                          bool han_folds) {
  const auto u = static_cast<UChar32>(c);
  uint16_t p = 0;
  if (fold.isInert(u)) p |= kInertFold;
  if (keep.isInert(u)) p |= kInertKeep;
  if (fold.hasBoundaryBefore(u)) p |= kBoundaryBeforeFold;
  if (keep.hasBoundaryBefore(u)) p |= kBoundaryBeforeKeep;
  if (u_isUWhiteSpace(u)) p |= kWhiteSpace;
  if (u_hasBinaryProperty(u, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) p |= kIgnorable;
  if (utf8::IsHan(c)) p |= kHanChar;
  if (han_folds) p |= kHanFolds;
  if (c == 0x2018 || c == 0x2019 || c == 0x02BC) p |= kApostrophe;
  return p;
}

}  // namespace voicelint
