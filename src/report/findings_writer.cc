#include "report/findings_writer.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "core/util/parts.h"

namespace voicelint {
namespace {

// Findings per batch: their positions are kept, and each half's text is
// flushed, before the next batch starts. Split in two, a batch's text (300 to
// 700 KB a half) stays under the size the executable gives fresh huge pages
// (src/cli/huge_pages.cc); each buffer is reused by the next batch.
constexpr size_t kBatch = 2048;
// Below this many findings one thread does it all.
constexpr size_t kParallelMinimum = 2048;

}  // namespace

void WriteFindings(std::string_view text, std::span<const FindingRef> findings, size_t threads,
                   const MakeFinding& make, const std::function<void(std::string&)>& flush) {
  PositionIndex index(text);
  std::vector<std::pair<Position, Position>> positions;
  const size_t halves = threads > 1 && findings.size() >= kParallelMinimum ? 2 : 1;
  std::string made[2];
  for (size_t batch_begin = 0; batch_begin < findings.size(); batch_begin += kBatch) {
    const size_t batch_end = std::min(findings.size(), batch_begin + kBatch);
    positions.clear();
    for (size_t k = batch_begin; k < batch_end; ++k) {
      const Finding& f = *findings[k].finding;
      const Position begin = index.At(f.span.begin);
      positions.emplace_back(begin, index.At(f.span.end));
    }
    const size_t bounds[3] = {batch_begin, batch_begin + (batch_end - batch_begin) / halves,
                              batch_end};
    RunParts(halves, threads, [&](size_t half, size_t /*worker*/) {
      made[half].clear();
      for (size_t k = bounds[half]; k < bounds[half + 1]; ++k) {
        const auto& [begin, end] = positions[k - batch_begin];
        make(findings[k], begin, end, &made[half]);
      }
    });
    for (size_t half = 0; half < halves; ++half) flush(made[half]);
  }
}

}  // namespace voicelint
