// The rule model: what one glossary file (DESIGN section 2) says, as data.
//
// Thread-safety: plain values.
#ifndef VOICELINT_CORE_RULES_RULE_H_
#define VOICELINT_CORE_RULES_RULE_H_

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
  std::vector<Located> flag_examples;
  std::vector<Located> pass_examples;
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

// The message of a finding: `rule.message` with {match} and {prefer} filled in.
std::string FormatMessage(const Rule& rule, std::string_view match);

}  // namespace voicelint

#endif  // VOICELINT_CORE_RULES_RULE_H_
