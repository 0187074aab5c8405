// At most one finding per span (DESIGN section 3, item 3): of candidate matches that
// share a byte, the longest wins, then the one of the rule defined first,
// then the one that starts first. Equivalently, candidates are taken in that
// order of priority over the whole text, and each is accepted unless it
// shares a byte with one accepted before.
//
//   OverlapBuffers buffers;
//   std::vector<Candidate> accepted;
//   SettleOverlaps(&candidates, text.size(), &buffers, &accepted);
//
// Most texts' candidates overlap nowhere or in small clusters (a phrase inside
// a longer one); those are settled cluster by cluster, in one pass, without
// sorting the whole text's candidates.
//
// Thread-safety: plain functions; buffers are per caller.
#ifndef VOICELINT_CORE_LINT_OVERLAPS_H_
#define VOICELINT_CORE_LINT_OVERLAPS_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/text/normalizer.h"

namespace voicelint {

struct Candidate {
  ByteRange span;  // original text
  uint32_t rule;   // index in the ruleset, the order rules are defined in
  friend bool operator==(const Candidate&, const Candidate&) = default;
};

// Working memory kept between calls.
struct OverlapBuffers {
  std::vector<uint64_t> keys;   // packed sort keys
  std::vector<uint64_t> taken;  // a bit per byte of text; all clear between calls
};

enum class SettleWay {
  kFastest,    // by cluster when the candidates allow it, else over the whole text
  kWholeText,  // always the priority sort over the whole text
};

// Sets `accepted` to the candidates accepted, in text order (by start; no two
// share a byte, and empty spans are never accepted). `candidates` (spans
// within [0, text_size)) are reordered. Either way gives the same result.
void SettleOverlaps(std::vector<Candidate>* candidates, size_t text_size, OverlapBuffers* buffers,
                    std::vector<Candidate>* accepted, SettleWay way = SettleWay::kFastest);

}  // namespace voicelint

#endif  // VOICELINT_CORE_LINT_OVERLAPS_H_
