// Checking one message against a compiled Ruleset (DESIGN sections 3 and 5).
//
// The pipeline: find what is not prose (URLs, placeholders, Markdown code,
// suppression comments) -> normalize with an offset map -> one pass of the
// phrase automaton (+ the regex sets) -> word-boundary checks only at
// candidates -> exceptions and the allow list -> longest match wins ->
// suppressions -> findings with spans in the ORIGINAL text.
//
//   Scratch scratch(ruleset);
//   CheckResult result = Check(ruleset, scratch, "Hey, no problem!", {});
//   for (const Finding& f : result.findings) ... f.span, f.message, f.fix, f.applicability
//
// Thread-safety: Check only reads the Ruleset; the Scratch is per thread. With
// CheckOptions::threads > 1, Check itself may start threads for a long text.
#ifndef VOICELINT_CORE_LINT_LINTER_H_
#define VOICELINT_CORE_LINT_LINTER_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/lint/fixes.h"
#include "core/rules/ruleset.h"
#include "core/text/normalizer.h"
#include "core/text/word_boundaries.h"

namespace voicelint {

enum class InputKind { kText, kMarkdown };

struct CheckOptions {
  Level min_level = Level::kSuggestion;  // findings below this level are left out
  InputKind input = InputKind::kText;
  bool check_block_quotes = false;  // Markdown: also check quoted text
  // Threads one long text may use (the calling one included). The result is
  // the same for any number; texts under a megabyte always use one.
  size_t threads = 1;
};

struct Finding {
  const Rule* rule = nullptr;  // points into the Ruleset: valid while it lives
  Level level = Level::kWarning;
  ByteRange span;       // UTF-8 bytes of the original text, half-open
  std::string match;    // the original text of `span`
  std::string message;  // the rule's message with {match} and {prefer} filled in
  SentencePosition position = SentencePosition::kMiddle;  // of the match in its sentence
  // The rule's preferred phrases fitted to the place (case, script), best
  // first; the first is what the fix writes when it replaces only the match.
  std::vector<std::string> suggestions;
  std::optional<Edit> fix;  // the machine edit; none when display-only
  Applicability applicability = Applicability::kDisplay;  // kDisplay exactly when no fix
  std::string fix_note;  // why the fix is not safe (empty when it is, or when there is none)
  std::optional<std::string> suppressed;  // the reason when a comment suppressed it
};

// Something about the input itself, e.g. an invalid UTF-8 byte.
struct InputNote {
  size_t offset = 0;  // byte offset in the original text
  std::string message;
};

struct CheckResult {
  std::vector<Finding> findings;    // ordered by span
  std::vector<Finding> suppressed;  // findings a comment suppressed, with the reason
  std::vector<InputNote> notes;
  size_t preferred_used = 0;  // occurrences of encouraged phrases
};

// Per-thread working memory, reused across checks.
class Scratch {
 public:
  explicit Scratch(const Ruleset& ruleset);
  ~Scratch();

 private:
  friend CheckResult Check(const Ruleset&, Scratch&, std::string_view, const CheckOptions&);
  struct Buffers;
  std::unique_ptr<Buffers> buffers_;
};

CheckResult Check(const Ruleset& ruleset, Scratch& scratch, std::string_view text,
                  const CheckOptions& options);

// `text` with the fix of every finding applied whose applicability is at
// least `minimum` (kSafe: only safe fixes; kUnsafe: unsafe ones too).
// `findings` must be ordered (as Check returns them); a fix that overlaps the
// one applied before it is skipped.
std::string ApplyFixes(std::string_view text, const std::vector<Finding>& findings,
                       Applicability minimum = Applicability::kSafe);

}  // namespace voicelint

#endif  // VOICELINT_CORE_LINT_LINTER_H_
