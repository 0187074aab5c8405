// UTF-8 decoding and the position units voicelint reports.
//
// Core works in UTF-8 byte offsets (half-open). The other units a finding
// carries — UTF-16 code units, code points, 1-based line and column, display
// columns — are computed here, at the edges, by walking the original text.
//
// Thread-safety: free functions over caller-owned data.
#ifndef VOICELINT_CORE_TEXT_UTF8_H_
#define VOICELINT_CORE_TEXT_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace voicelint::utf8 {

inline constexpr char32_t kInvalid = 0xFFFFFFFF;

// Decodes the code point at `text[pos]`. On success returns it and sets `*len`
// to its length in bytes (1-4). On an invalid or truncated sequence, or an
// overlong form or surrogate, returns `kInvalid` and sets `*len` to 1.
char32_t Decode(std::string_view text, size_t pos, size_t* len);

// Appends the UTF-8 encoding of `c` to `out`.
void Append(char32_t c, std::string* out);

// The offset of the first invalid byte, or npos when `text` is valid UTF-8.
size_t FindInvalid(std::string_view text);

// Whether `c` is a Han ideograph (CJK unified / compatibility ideographs and
// their extensions, radicals, 々〇).
bool IsHan(char32_t c);

// Columns `c` takes in a terminal: 2 for East Asian wide and full-width
// characters, 0 for combining marks and controls, 1 otherwise.
int DisplayWidth(char32_t c);

// Display columns of `text` (invalid bytes count one column each).
int DisplayWidth(std::string_view text);

}  // namespace voicelint::utf8

#endif  // VOICELINT_CORE_TEXT_UTF8_H_
