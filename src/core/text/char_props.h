// Per-code-point properties the normalizer consults on every character.
//
// For the Basic Multilingual Plane they are precomputed at build time
// (tools/gen_unicode_tables.cc) into a two-stage table, so the normalizer does
// one table load per character instead of several ICU calls; beyond the BMP
// they are computed with ComputeCharProps when asked.
//
// Thread-safety: pure functions.
#ifndef VOICELINT_CORE_TEXT_CHAR_PROPS_H_
#define VOICELINT_CORE_TEXT_CHAR_PROPS_H_

#include <cstdint>

#include "unicode/uversion.h"

U_NAMESPACE_BEGIN
class Normalizer2;
U_NAMESPACE_END

namespace voicelint {

enum CharProp : uint16_t {
  kInertFold = 1 << 0,           // unchanged by NFKC_Casefold, never interacts with neighbours
  kInertKeep = 1 << 1,           // the same for NFKC
  kBoundaryBeforeFold = 1 << 2,  // NFKC_Casefold never combines it with what precedes
  kBoundaryBeforeKeep = 1 << 3,  // the same for NFKC
  kWhiteSpace = 1 << 4,          // White_Space
  kIgnorable = 1 << 5,           // Default_Ignorable_Code_Point
  kHanChar = 1 << 6,             // utf8::IsHan
  kHanFolds = 1 << 7,            // has a different Simplified form (han_fold.inc)
  kApostrophe = 1 << 8,          // ’ ‘ ʼ: fold to '
};

// The properties of `c` under the given NFKC_Casefold and NFKC instances;
// `han_folds` says whether the Traditional->Simplified table maps it.
uint16_t ComputeCharProps(char32_t c, const icu::Normalizer2& fold, const icu::Normalizer2& keep,
                          bool han_folds);

}  // namespace voicelint

#endif  // VOICELINT_CORE_TEXT_CHAR_PROPS_H_
