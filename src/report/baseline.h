// Baselines: the findings a library had when a team adopted the gate, so that
// CI fails only on findings that are new.
//
// A finding is known by its rule, file path (as reported), record (id, else
// field path; empty for a whole file) and matched text, never its line, so
// edits elsewhere do not turn old findings into new ones. Equal findings are
// counted: a baseline that knows "hey" twice in a record absorbs two.
//
//   BaselineBuilder b;  b.Add(report) ...;  WriteAtomically(path, b.ToJson());
//   Expected<Baseline> base = Baseline::Parse(path, text);
//   base->Absorb(&report);  ...  base->Fixed();   // known findings now gone
//
// The file is JSON: {"version": 1, "findings": [{"rule", "path", "record",
// "match", "count"}]}, sorted, so that it diffs well under version control.
// Thread-safety: one per thread.
#ifndef VOICELINT_REPORT_BASELINE_H_
#define VOICELINT_REPORT_BASELINE_H_

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "core/status.h"
#include "report/report.h"

namespace voicelint {

using BaselineKey = std::tuple<std::string, std::string, std::string, std::string>;

class BaselineBuilder {
 public:
  void Add(const FileReport& report);
  std::string ToJson() const;
  size_t size() const;

 private:
  std::map<BaselineKey, size_t> counts_;  // (rule, path, record, match) -> count
};

class Baseline {
 public:
  // Errors name the file and, for malformed JSON, the byte offset.
  static Expected<Baseline> Parse(const std::string& path, std::string_view text);

  // Removes from `report` every finding the baseline still has a count for
  // (using that count up); returns how many it removed. Scores are left
  // alone: they describe the messages as they are, known findings included.
  size_t Absorb(FileReport* report);

  // What the baseline knew about the files absorbed so far that did not
  // show up again.
  std::vector<FixedFinding> Fixed() const;

 private:
  std::map<BaselineKey, size_t> remaining_;
  std::set<std::string> seen_paths_;
};

}  // namespace voicelint

#endif  // VOICELINT_REPORT_BASELINE_H_
