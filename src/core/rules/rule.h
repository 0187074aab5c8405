// The rule model: what one glossary file (DESIGN section 2) says, as data.
//
// Thread-safety: plain values.
#ifndef VOICELINT_CORE_RULES_RULE_H_
#define VOICELINT_CORE_RULES_RULE_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace voicelint {

enum class Level : uint8_t { kSuggestion = 1, kWarning = 2, kError = 3 };

std::string_view LevelName(Level level);
std::optional<Level> ParseLevel(std::string_view name);

enum class RuleKind : uint8_t {
  kTerm,       // literal `avoid` phrases
  kPattern,    // an RE2 `regex`
  kRequired,   // a message must contain one of `any` (when it mentions one of `when`)
  kPreferred,  // encouraged phrases only: counted, never flagged
};

// "term", "pattern", "required" or "preferred": the kind as rule listings show it.
std::string_view KindName(RuleKind kind);

// How far a fix may be trusted (as ruff's safe / unsafe / display-only):
//   kSafe     applied by `voicelint fix`, vl_fix, .fix() and fix_message;
//   kUnsafe   a machine edit exists but may change the meaning or read wrong
//             (a whole clause replaced); applied only when asked
//             (--unsafe-fixes);
//   kDisplay  suggestions for a person; no edit is ever applied.
// Ordered: a higher value is more trustworthy.
enum class Applicability : uint8_t { kDisplay = 0, kUnsafe = 1, kSafe = 2 };

// "display", "unsafe" or "safe".
std::string_view ApplicabilityName(Applicability applicability);

// Where a match stands in its sentence, for fixes and rules that depend on it:
//   kStart   nothing but white space, opening quotes or brackets, list or
//            heading markers between it and the start of the text, a line
//            break or sentence-ending punctuation (. ! ? 。！？…);
//   kEnd     (not at the start) followed by clause or sentence punctuation
//            (, ; : . ! ? ，；：、。！？…), a line break or the end of the text;
//   kMiddle  anywhere else.
enum class SentencePosition : uint8_t { kStart = 0, kMiddle = 1, kEnd = 2 };
inline constexpr size_t kSentencePositions = 3;

// "start", "middle" or "end".
std::string_view SentencePositionName(SentencePosition position);

// A 1-based line and column (column in code points) inside a rule file.
struct SourcePos {
  int line = 0;
  int column = 0;
};

// A string from a rule file with where it was written.
struct Located {
  std::string text;
  SourcePos pos;
};

// A fix example of a rule file: `from` is flagged by the rule, and applying
// the rule's fixes to it gives exactly `to`.
struct FixExample {
  Located from;
  Located to;
};

// Contexts in which a rule that opts in is not reported (`skip:` in a rule
// file).
enum SkipContext : uint8_t {
  kSkipNames = 1 << 0,      // Title-Case words mid-sentence or in a Title-Case run (names, titles)
  kSkipQuoted = 1 << 1,     // inside quotation marks or title marks 《》
  kSkipQuestions = 1 << 2,  // in a sentence that ends with a question mark
};

struct Rule {
  std::string id;        // "<glossary>.<local id>"
  std::string local_id;  // as written in the file
  std::string glossary;
  std::string language;
  RuleKind kind = RuleKind::kTerm;
  Level level = Level::kWarning;
  bool word_boundary = true;
  bool case_sensitive = false;
  std::vector<Located> avoid;       // kTerm
  Located regex;                    // kPattern
  std::vector<Located> prefer;      // best first; prefer[0] is the fix
  std::vector<Located> exceptions;  // phrases inside which a match is not reported
  std::vector<Located> when;        // kRequired
  std::vector<Located> any;         // kRequired
  std::string message;              // with {match} and {prefer} placeholders
  // Per sentence position: how far the fix may be trusted (kDisplay when the
  // rule has no replacement there), and a replacement other than prefer[0]
  // (an empty text deletes the match).
  std::array<Applicability, kSentencePositions> fix{Applicability::kUnsafe, Applicability::kUnsafe,
                                                    Applicability::kUnsafe};
  std::array<std::optional<Located>, kSentencePositions> replace;
  uint8_t positions = 0b111;  // bit per SentencePosition: where the rule fires
  uint8_t skip = 0;           // SkipContext bits
  // False: a rule of an English glossary is not reported in a sentence that
  // is mostly Han (and the reverse for Chinese), unless `scripts: any`.
  bool other_scripts = false;
  std::vector<Located> unless_followed_by;  // phrases (normalized like the text)
  std::vector<Located> unless_preceded_by;
  std::vector<Located> flag_examples;
  std::vector<Located> pass_examples;
  std::vector<FixExample> fix_examples;
  std::string file;  // the rule file's path as given
  SourcePos pos;     // where the rule's entry starts
};

struct RuleFile {
  std::string path;
  std::string glossary;
  std::string language;
  std::string description;
  std::vector<Rule> rules;
};

// The replacement the rule's fix writes at `position` (prefer[0] unless
// `replace` says otherwise), or nullptr when it has none there.
const std::string* FixText(const Rule& rule, SentencePosition position);

// The message of a finding: `rule.message` with {match} and {prefer} filled in.
std::string FormatMessage(const Rule& rule, std::string_view match);

}  // namespace voicelint

#endif  // VOICELINT_CORE_RULES_RULE_H_
