// The command-line front end: option structs and the commands behind them.
// main.cc parses flags with CLI11 into these; each command returns the exit
// code of DESIGN section 6 (0 clean, 1 findings at or above --fail-on, 2 usage,
// configuration, rule-file or I/O error).
#ifndef VOICELINT_CLI_CLI_H_
#define VOICELINT_CLI_CLI_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/lint/linter.h"
#include "core/rules/loader.h"
#include "report/report.h"

namespace voicelint::cli {

enum ExitCode { kExitClean = 0, kExitFindings = 1, kExitError = 2 };

struct CommonOptions {
  std::vector<std::string> rules;           // --rules (replaces the default rulebook)
  std::string config;                       // --config
  bool no_config = false;                   // --no-config
  std::optional<Level> level;               // --level
  std::optional<Level> fail_on;             // --fail-on
  std::string lang;                         // --lang
  std::string format = "text";              // --format
  std::string color = "auto";               // --color auto|always|never
  bool no_color = false;                    // --no-color
  std::string stdin_filename;               // --stdin-filename
  std::string input_type = "auto";          // --input-type auto|text|markdown
  size_t max_filesize = size_t{100} << 20;  // --max-filesize (bytes)
  bool exit_zero = false;                   // --exit-zero: findings do not fail
  size_t jobs = 0;                          // --jobs: worker threads (0: one per core)
  // Structured inputs (JSON, JSON Lines, YAML, CSV); these win over .voicelint.yml `inputs`.
  std::string text_field;  // --text-field PATH
  std::string id_field;    // --id-field PATH
  bool html = false;       // --html: the text field holds HTML
  std::string source;      // --source zendesk|freshdesk|intercom|helpscout
  // CI gates.
  std::string baseline;             // --baseline FILE: report only findings not in it
  std::optional<double> min_score;  // --min-score N: exit 1 when the library scores below
};

struct FixOptions {
  bool diff = false;          // print a unified diff instead of writing files
  bool unsafe_fixes = false;  // also apply fixes that are not safe
};

// The rules, settings and thresholds that apply to one checked file: the
// config found for it (or --config) merged with the command-line flags.
struct Engine {
  std::shared_ptr<const Ruleset> ruleset;
  std::unique_ptr<Scratch> scratch;
  CheckOptions check;
  Level fail_on = Level::kWarning;
  std::vector<InputSpec> inputs;  // the configuration's structured-input globs
  std::string config_dir;         // what those globs are relative to
};

// The configuration for a file in `dir`: --config, none with --no-config,
// else the nearest .voicelint.yml walking up from `dir`.
std::optional<std::string> ConfigPathFor(const CommonOptions& options, const std::string& dir);

// Compiles the rules and settings of `config_path` (none: the defaults) with
// the command-line options on top; the errors of the configuration or of a
// rule file otherwise.
Expected<std::unique_ptr<Engine>> BuildEngine(const CommonOptions& options,
                                              const std::optional<std::string>& config_path);

// Finds, compiles and caches an Engine per configuration file.
class EngineCache {
 public:
  explicit EngineCache(const CommonOptions& options) : options_(options) {}
  // The engine for a file in `dir`; nullptr after printing errors to stderr.
  Engine* For(const std::string& dir);
  // The engine of the explicit --config or of the current directory.
  Engine* Default() { return For("."); }

 private:
  Engine* Build(const std::optional<std::string>& config_path);
  const CommonOptions& options_;
  std::vector<std::pair<std::string, std::unique_ptr<Engine>>> engines_;  // config path -> engine
  std::vector<std::string> failed_;
};

// One input to check: a file, or standard input ("-").
struct Input {
  std::string path;     // as given / found
  std::string display;  // as reported
  bool is_stdin = false;
  bool named = false;  // named on the command line (not found by walking a folder)
};

// Expands folders into their .txt/.md/.markdown files and structured files
// (.json, .jsonl, .ndjson, .yaml, .yml, .csv) (recursively, sorted, hidden
// entries skipped; a structured file found in a folder is checked only when
// a selector applies to it). Errors (missing paths) are printed; returns false then.
bool CollectInputs(const std::vector<std::string>& paths, const CommonOptions& options,
                   std::vector<Input>* out);

// Reads one input. Sets `report.error` (unreadable) or `report.skipped`
// (binary, too large) instead of returning text.
std::string ReadInput(const Input& input, const CommonOptions& options, FileReport* report);

InputKind KindOf(const Input& input, const CommonOptions& options);

// Prints located diagnostics to stderr, clang style.
void PrintDiagnostics(const Diagnostics& diagnostics);
bool UseColor(const CommonOptions& options, bool is_stdout);

int RunCheck(const std::vector<std::string>& paths, const CommonOptions& options);
// Records the findings of `paths` in `baseline_path` (written atomically).
int RunBaseline(const std::string& baseline_path, const std::vector<std::string>& paths,
                const CommonOptions& options);

// Whether `path` (relative, '/'-separated) matches `glob`: `*` and `?` stay
// within a folder, `**` crosses folders; a glob without '/' matches the file name.
bool GlobMatches(std::string_view glob, std::string_view path);
int RunFix(const std::vector<std::string>& paths, const CommonOptions& options,
           const FixOptions& fix);
int RunRulesList(const CommonOptions& options);
int RunRulesExplain(const std::string& id, const CommonOptions& options);
int RunRulesTest(const std::vector<std::string>& paths, const CommonOptions& options);

}  // namespace voicelint::cli

#endif  // VOICELINT_CLI_CLI_H_
