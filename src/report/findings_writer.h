// Writing the findings of one text, in order, on up to two threads.
//
// A large library or one long file has tens of thousands of findings, and
// their JSON (line, column and offsets of both ends, escaped message and
// match) is the longest part of printing them. The positions are walked once,
// in order, on the calling thread; the text of each batch of findings is then
// made in two halves at once (RunParts), and handed to `flush` in order. The
// output does not depend on the number of threads.
//
//   WriteFindings(report.text, refs, options.threads,
//                 [](const FindingRef& f, const Position& b, const Position& e, std::string* out) {
//                   AppendFindingJson(*f.finding, b, e, out, f.record);
//                 },
//                 [&](std::string& chunk) { out.write(chunk.data(), chunk.size()); });
//
// Thread-safety: `make` runs on two threads at once for different findings;
// `flush` runs on the calling thread only.
#ifndef VOICELINT_REPORT_FINDINGS_WRITER_H_
#define VOICELINT_REPORT_FINDINGS_WRITER_H_

#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "core/lint/linter.h"
#include "core/text/positions.h"
#include "report/report.h"

namespace voicelint {

struct FindingRef {
  const Finding* finding = nullptr;
  const RecordRef* record = nullptr;  // the record it belongs to, if any
};

using MakeFinding = std::function<void(const FindingRef&, const Position& begin,
                                       const Position& end, std::string*)>;

// Calls make() for every finding of `findings` (spans ascending in `text`) and
// flush() with what they made, in order. With `threads` > 1 and enough
// findings, half of each batch is made on a second thread.
void WriteFindings(std::string_view text, std::span<const FindingRef> findings, size_t threads,
                   const MakeFinding& make, const std::function<void(std::string&)>& flush);

}  // namespace voicelint

#endif  // VOICELINT_REPORT_FINDINGS_WRITER_H_
