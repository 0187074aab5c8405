// Finding and reading rule packs: the embedded default rulebook, rule files,
// folders of rule files, and the project configuration `.voicelint.yml`.
//
//   Expected<std::vector<RuleFile>> files = LoadRulePaths({"brand/"});
//   Expected<ProjectConfig> config = LoadConfig(".voicelint.yml");
//
// Thread-safety: pure functions over the file system.
#ifndef VOICELINT_CORE_RULES_LOADER_H_
#define VOICELINT_CORE_RULES_LOADER_H_

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/inputs/structured.h"
#include "core/rules/rule.h"
#include "core/rules/ruleset.h"
#include "core/status.h"

namespace voicelint {

// One embedded source file of the default rulebook.
struct EmbeddedFile {
  const char* path;  // as in the source tree, e.g. "rules/ritz/en.yml"
  const char* text;
  size_t size;
};

// The default rulebook, compiled into the binary from rules/.
std::span<const EmbeddedFile> DefaultRuleSources();
Expected<std::vector<RuleFile>> LoadDefaultRules();

// Rule files and folders of rule files (*.yml, *.yaml, recursively, in path
// order). The name "default" stands for the embedded rulebook. All errors of
// all files are collected.
Expected<std::vector<RuleFile>> LoadRulePaths(const std::vector<std::string>& paths);

// Reads a whole file; an error names the path and the reason.
Expected<std::string> ReadFile(const std::string& path);

// How to read the structured files whose path matches `glob` (relative to
// the configuration's folder; `*` stays within a folder, `**` crosses them):
//   inputs: [{glob: "macros/*.json", text: "macros[*].actions[*].value", id: "macros[*].id"}]
//   inputs: [{glob: "exports/zendesk-*.json", source: zendesk}]
struct InputSpec {
  std::string glob;
  std::optional<FieldSelection> fields;  // text (+ id, html) selectors
  std::optional<HelpDeskSource> source;  // or a help-desk preset
};

// `.voicelint.yml`: project settings.
struct ProjectConfig {
  std::string path;                // of the config file
  std::vector<std::string> packs;  // resolved against the config's folder; "default" kept
  RuleOverrides overrides;
  std::optional<Level> fail_on;
  std::optional<Level> min_level;
  bool check_block_quotes = false;
  std::vector<InputSpec> inputs;    // in file order; the first matching glob applies
  std::vector<Located> references;  // rule names in `disable` and `levels`
  std::string text;                 // the file's text, for quoting lines
};

Expected<ProjectConfig> ParseConfig(const std::string& path, std::string_view text);
Expected<ProjectConfig> LoadConfig(const std::string& path);

// The nearest `.voicelint.yml` (or `.voicelint.yaml`) in `dir` or a parent.
std::optional<std::string> FindConfig(const std::string& dir);

// Checks that every rule named by `config` exists in `ruleset` (typos in
// `disable` or `levels` would otherwise pass silently).
Diagnostics CheckConfigReferences(const ProjectConfig& config, const Ruleset& ruleset);

}  // namespace voicelint

#endif  // VOICELINT_CORE_RULES_LOADER_H_
