// Reports: findings of checked files -> text (clang style), JSON, JSON Lines.
//
// A Printer receives each file's result in order and the summary at the end;
// it owns no state about the engine. The JSON shape of one finding is the
// contract of DESIGN section 6 and is shared with the C API.
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

#include "core/lint/linter.h"
#include "core/text/positions.h"

namespace voicelint {

// One checked input.
struct FileReport {
  std::string path;       // as shown to the user ("-" or --stdin-filename for stdin)
  std::string_view text;  // the original text (owned by the caller)
  CheckResult result;
  std::optional<std::string> error;    // could not be read: nothing was checked
  std::optional<std::string> skipped;  // deliberately not checked (binary, too large)
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
  size_t unreadable = 0;  // files that could not be read
  size_t skipped = 0;

  void Add(const FileReport& report);
};

enum class Format { kText, kJson, kJsonLines };
std::optional<Format> ParseFormat(std::string_view name);

struct PrinterOptions {
  bool color = false;
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
// document (the JSON printers write tens of thousands of these).
void AppendFindingJson(const Finding& finding, PositionIndex& positions, std::string* out);

}  // namespace voicelint

#endif  // VOICELINT_REPORT_REPORT_H_
