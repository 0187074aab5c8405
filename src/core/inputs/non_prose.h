// Spans of a message that are not prose and are never matched (DESIGN section 5):
// URLs, e-mail addresses, file paths, and template placeholders of canned
// responses ({{ticket.requester.name}}, {% if %}, %s, %(name)s, ${name}, {0},
// {name}). Each becomes a barrier in the normalized text, so a phrase can
// neither match inside one nor be joined across one.
//
//   std::vector<ByteRange> spans;
//   FindNonProse("Hi {{name}}, see https://x.io/a", &spans);  // {3,11}, {17,31}
//
// Thread-safety: a pure function.
#ifndef VOICELINT_CORE_INPUTS_NON_PROSE_H_
#define VOICELINT_CORE_INPUTS_NON_PROSE_H_

#include <string_view>
#include <vector>

#include "core/text/normalizer.h"

namespace voicelint {

// Appends the non-prose spans of text[range] to `out`, in ascending order.
void FindNonProse(std::string_view text, ByteRange range, std::vector<ByteRange>* out);
inline void FindNonProse(std::string_view text, std::vector<ByteRange>* out) {
  FindNonProse(text, ByteRange{0, text.size()}, out);
}

// Sorts `ranges` and merges overlapping or touching ones.
void MergeRanges(std::vector<ByteRange>* ranges);

}  // namespace voicelint

#endif  // VOICELINT_CORE_INPUTS_NON_PROSE_H_
