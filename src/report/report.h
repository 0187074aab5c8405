// Reports: findings of checked files -> text (clang style), JSON, JSON Lines,
// SARIF 2.1.0, GitHub Actions annotations, checkstyle XML, JUnit XML and
// reviewdog's rdjsonl.
//
// A Printer receives each file's report in order and the summary at the end;
// it owns no state about the engine. A file holds one message (a text or
// Markdown file) or many (the records of a structured file); every finding's
// span is in bytes of the FILE, so every printer points into the file. The
// JSON shape of one finding is the contract of DESIGN section 6 and is shared
// with the C API.
//
//   auto printer = MakePrinter(Format::kJson, std::cout, {});
//   printer->File(report);  ...  printer->Finish(summary);
//
// Thread-safety: a printer is used from one thread.
#ifndef VOICELINT_REPORT_REPORT_H_
#define VOICELINT_REPORT_REPORT_H_

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/lint/linter.h"
#include "core/text/positions.h"

namespace voicelint {

// Where a message of a structured file came from.
struct RecordRef {
  std::string id;    // the id field's value; may be empty
  std::string path;  // the text field inside the file: "macros[3].actions[0].value"

  // The id, else the path: how a record is named to people and in baselines.
  const std::string& Label() const { return id.empty() ? path : id; }
};

// One checked message.
struct MessageReport {
  std::optional<RecordRef> record;  // set for a message of a structured file
  CheckResult result;               // every span and offset in bytes of the FILE
  int score = 100;                  // MessageScore(result)
};

// The brand-voice score of one message, 0-100 (README "Score"):
//   100 - 25 per error - 10 per warning - 3 per suggestion
//       + 5 per encouraged phrase used (at most +15), clamped to 0..100.
// The bonus only wins back points lost to findings; a clean message is 100.
int MessageScore(const CheckResult& result);

// One checked input.
struct FileReport {
  std::string path;                     // as shown to the user ("-" or --stdin-filename for stdin)
  std::string_view text;                // the original text (owned by the caller)
  std::vector<MessageReport> messages;  // in file order
  bool structured = false;              // the messages are records of a structured file
  std::optional<std::string> error;     // could not be read or parsed: nothing was checked
  int error_line = 0;                   // where, when known (1-based; column in code points)
  int error_column = 0;
  std::optional<std::string> skipped;  // deliberately not checked (binary, too large)

  size_t FindingCount() const;
  // The mean score of the file's messages (100 when it has none).
  double Score() const;
};

// A finding recorded in a baseline that is gone now.
struct FixedFinding {
  std::string rule;
  std::string path;
  std::string record;  // RecordRef::Label(), or empty
  std::string match;
  size_t count = 1;
};

struct Summary {
  size_t files = 0;     // files checked
  size_t messages = 0;  // messages checked (a text or Markdown file is one message)
  size_t findings = 0;
  size_t errors = 0;  // findings by level
  size_t warnings = 0;
  size_t suggestions = 0;
  size_t suppressed = 0;
  size_t preferred_used = 0;
  size_t unreadable = 0;  // files that could not be read or parsed
  size_t skipped = 0;
  double score_total = 0;                                   // sum of message scores
  std::vector<std::pair<std::string, size_t>> rule_counts;  // rule id -> findings, first seen first
  std::unordered_map<std::string, size_t> rule_index;       // rule id -> its place in rule_counts

  struct WorstMessage {
    std::string path;
    std::string record;  // RecordRef::Label(), or empty for a whole file
    size_t findings = 0;
    int score = 100;
  };
  std::vector<WorstMessage> with_findings;  // every message that has findings

  // Set when a baseline was used: findings it already knew (not reported)
  // and findings it knew that are gone.
  bool baseline = false;
  size_t baselined = 0;
  std::vector<FixedFinding> fixed;

  void Add(const FileReport& report);
  // The library's score: the mean of all message scores (100 with none).
  double Score() const {
    return messages == 0 ? 100.0 : score_total / static_cast<double>(messages);
  }
  // The `n` most frequent rules, most first (ties: first seen first).
  std::vector<std::pair<std::string, size_t>> TopRules(size_t n) const;
  // The `n` messages with the most findings, most first (ties: file order).
  std::vector<WorstMessage> WorstMessages(size_t n) const;
};

// A score as printed: one decimal, "87.5", or "100".
std::string FormatScore(double score);
// A score as a JSON number: 87.5, or the integer 100.
nlohmann::ordered_json ScoreJson(double score);

enum class Format { kText, kJson, kJsonLines, kSarif, kGithub, kCheckstyle, kJunit, kRdjsonl };
std::optional<Format> ParseFormat(std::string_view name);

struct PrinterOptions {
  bool color = false;
  std::string tool_version = "0.0.0";  // SARIF tool.driver.version
  size_t threads = 1;  // threads the JSON printers may use for a file's many findings
};

class Printer {
 public:
  virtual ~Printer() = default;
  virtual void File(const FileReport& report) = 0;
  virtual void Finish(const Summary& summary) = 0;
};

std::unique_ptr<Printer> MakePrinter(Format format, std::ostream& out,
                                     const PrinterOptions& options);

// The JSON object of one finding (DESIGN section 6). `positions` must index
// the finding's text; ask in ascending order of findings for one forward walk.
nlohmann::ordered_json FindingJson(const Finding& finding, PositionIndex& positions);
// The same object appended to `out` as compact JSON text, without building a
// document (the JSON printers write tens of thousands of these). With a
// `record`, the object ends with "record": {"id": ..., "path": ...}.
void AppendFindingJson(const Finding& finding, PositionIndex& positions, std::string* out,
                       const RecordRef* record = nullptr);
// The same, with the positions of the finding's two ends already known.
void AppendFindingJson(const Finding& finding, const Position& begin, const Position& end,
                       std::string* out, const RecordRef* record = nullptr);

// {"id": ..., "path": ...} of a record.
nlohmann::ordered_json RecordJson(const RecordRef& record);

// A stable identity of a finding for SARIF partialFingerprints and baselines:
// rule, file, record and matched text, never the line, so it survives edits
// elsewhere in the file. `occurrence` tells apart equal findings of one record.
std::string FindingFingerprint(std::string_view rule, std::string_view path,
                               std::string_view record, std::string_view match, size_t occurrence);

}  // namespace voicelint

#endif  // VOICELINT_REPORT_REPORT_H_
