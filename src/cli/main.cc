// voicelint: a brand-voice phrase linter. See README.md and DESIGN.md section 6.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/cli.h"
#include "cli/lsp_command.h"
#include "cli/mcp_command.h"

namespace {

using voicelint::Level;
using voicelint::cli::CommonOptions;

void AddCommonOptions(CLI::App* cmd, CommonOptions* o, bool output) {
  cmd->add_option("--rules", o->rules,
                  "Rule file or folder of rule files (repeatable; replaces the default rulebook; "
                  "'default' names the embedded one)")
      ->type_name("PATH")
      ->allow_extra_args(false);
  cmd->add_option("--config", o->config,
                  "Use this configuration file instead of finding .voicelint.yml")
      ->type_name("FILE");
  cmd->add_flag("--no-config", o->no_config, "Do not look for .voicelint.yml");
  cmd->add_option("--lang", o->lang,
                  "Only use rule packs of this language (en or zh; 'any' packs always)")
      ->check(CLI::IsMember({"en", "zh"}));
  if (!output) return;
  const std::map<std::string, Level> levels{
      {"suggestion", Level::kSuggestion}, {"warning", Level::kWarning}, {"error", Level::kError}};
  cmd->add_option("--level", o->level, "Minimum level reported (suggestion, warning, error)")
      ->transform(CLI::CheckedTransformer(levels))
      ->type_name("LEVEL");
  cmd->add_option("--fail-on", o->fail_on,
                  "Exit 1 when a finding at or above this level remains (default: warning)")
      ->transform(CLI::CheckedTransformer(levels))
      ->type_name("LEVEL");
  cmd->add_option("--stdin-filename", o->stdin_filename,
                  "Name reported for standard input; its extension picks text or Markdown and its "
                  "folder the configuration");
  cmd->add_option("--input-type", o->input_type,
                  "How to read inputs: auto (by extension), text, markdown")
      ->check(CLI::IsMember({"auto", "text", "markdown"}));
  cmd->add_option("--max-filesize", o->max_filesize,
                  "Skip files larger than this many bytes (default 100 MiB)");
  cmd->add_option("--color", o->color,
                  "Colour: auto (on a terminal, unless NO_COLOR is set), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd->add_flag("--no-color", o->no_color, "Never colour the output");
  cmd->add_flag("--exit-zero", o->exit_zero,
                "Exit 0 even when findings remain (errors still exit 2)");
}

// Structured libraries (JSON, JSON Lines, YAML, CSV).
void AddStructuredOptions(CLI::App* cmd, CommonOptions* o) {
  cmd->add_option("--text-field", o->text_field,
                  "Field holding the message in .json/.jsonl/.yaml/.csv files: a path with [*] "
                  "wildcards, e.g. 'macros[*].actions[*].value' or 'body'")
      ->type_name("PATH");
  cmd->add_option("--id-field", o->id_field,
                  "Field holding the record id, e.g. 'macros[*].id' or 'id'")
      ->type_name("PATH");
  cmd->add_flag("--html", o->html, "The --text-field holds HTML: check its text");
  cmd->add_option("--source", o->source,
                  "Read a help-desk export: zendesk (macros), freshdesk (canned responses), "
                  "intercom (saved replies, macros), helpscout (saved replies)")
      ->check(CLI::IsMember({"zendesk", "freshdesk", "intercom", "helpscout"}))
      ->type_name("NAME");
  cmd->add_option("-j,--jobs", o->jobs,
                  "Worker threads: files (or the records of one file, or the parts of one long "
                  "text) are checked in parallel; "
                  "output is the same in any case (default 0: one per core)")
      ->check(CLI::Range(0, 256))
      ->type_name("N");
}

}  // namespace

int main(int argc, char** argv) {
  // Reports are written in large pieces; without stdio synchronization they
  // go to write(2) without another copy. std::cerr stays tied to std::cout, so
  // diagnostics still come after the output printed before them.
  std::ios::sync_with_stdio(false);
  CLI::App app{"voicelint: checks messages against a brand's voice glossary and fixes them."};
  app.set_version_flag("--version", std::string("voicelint ") + VOICELINT_VERSION);
  app.require_subcommand(1);

  CommonOptions options;
  std::vector<std::string> paths;

  CLI::App* check = app.add_subcommand(
      "check",
      "Report taboo phrases in files, folders (.txt, .md, and .json/.jsonl/.yaml/.csv libraries) "
      "or standard input (-)");
  check->add_option("paths", paths, "Files, folders or - (default: -)");
  AddCommonOptions(check, &options, true);
  AddStructuredOptions(check, &options);
  check
      ->add_option("--format", options.format,
                   "Output: text, json, jsonl, sarif, github, checkstyle, junit or rdjsonl")
      ->check(CLI::IsMember(
          {"text", "json", "jsonl", "sarif", "github", "checkstyle", "junit", "rdjsonl"}));
  check
      ->add_option("--baseline", options.baseline,
                   "Report only findings not recorded in this baseline (see 'voicelint baseline'); "
                   "recorded findings that are gone are listed as fixed")
      ->type_name("FILE");
  check
      ->add_option("--min-score", options.min_score,
                   "Exit 1 when the brand-voice score of all messages checked is below N (0-100)")
      ->check(CLI::Range(0.0, 100.0))
      ->type_name("N");

  std::string baseline_path;
  CLI::App* baseline = app.add_subcommand(
      "baseline",
      "Record today's findings in FILE so that 'check --baseline FILE' fails only on new ones");
  baseline->add_option("file", baseline_path, "The baseline file to write (JSON)")->required();
  baseline->add_option("paths", paths, "Files, folders or - (default: -)");
  AddCommonOptions(baseline, &options, true);
  AddStructuredOptions(baseline, &options);

  voicelint::cli::FixOptions fix_options;
  CLI::App* fix = app.add_subcommand(
      "fix", "Rewrite files with the safe fixes (atomically); - prints the fixed text");
  fix->add_option("paths", paths, "Files, folders or - (default: -)");
  AddCommonOptions(fix, &options, true);
  fix->add_flag("--diff", fix_options.diff, "Print a unified diff instead of writing files");
  fix->add_flag("--unsafe-fixes", fix_options.unsafe_fixes,
                "Also apply fixes that may change the meaning or read wrong (see `rules explain`)");

  CLI::App* rules = app.add_subcommand("rules", "Inspect and test rule packs");
  rules->require_subcommand(1);
  CLI::App* list = rules->add_subcommand("list", "List the rules in effect");
  AddCommonOptions(list, &options, false);
  list->add_option("--format", options.format, "Output: text or json")
      ->check(CLI::IsMember({"text", "json"}));
  std::string explain_id;
  CLI::App* explain = rules->add_subcommand("explain", "Show one rule: message, phrases, examples");
  explain->add_option("id", explain_id, "Rule id (glossary.id)")->required();
  AddCommonOptions(explain, &options, false);
  CLI::App* test = rules->add_subcommand(
      "test", "Run every rule's examples: flag examples must be flagged, pass examples must not");
  test->add_option("paths", paths, "Rule files or folders (default: the rules in effect)");
  AddCommonOptions(test, &options, false);

  voicelint::cli::McpCommandOptions mcp_options;
  CLI::App* mcp = app.add_subcommand(
      "mcp", "Serve the Model Context Protocol on standard input/output (for AI agents)");
  AddCommonOptions(mcp, &options, false);
  mcp->add_option("--max-message-bytes", mcp_options.max_message_bytes,
                  "Reject protocol messages longer than this (default 64 MiB)");

  voicelint::cli::LspCommandOptions lsp_options;
  CLI::App* lsp = app.add_subcommand(
      "lsp", "Serve the Language Server Protocol on standard input/output (for editors)");
  AddCommonOptions(lsp, &options, false);
  lsp->add_option("--max-message-bytes", lsp_options.max_message_bytes,
                  "Reject protocol messages longer than this (default 64 MiB)");
  lsp->add_option("--max-document-bytes", lsp_options.max_document_bytes,
                  "Do not check documents larger than this (default 16 MiB)");
  lsp->add_option("--debounce-ms", lsp_options.debounce_ms,
                  "Publish diagnostics once a document has been still this long (default 150)")
      ->check(CLI::Range(0, 10000));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : voicelint::cli::kExitError;
  }

  try {
    if (check->parsed()) return voicelint::cli::RunCheck(paths, options);
    if (baseline->parsed()) return voicelint::cli::RunBaseline(baseline_path, paths, options);
    if (fix->parsed()) return voicelint::cli::RunFix(paths, options, fix_options);
    if (list->parsed()) return voicelint::cli::RunRulesList(options);
    if (explain->parsed()) return voicelint::cli::RunRulesExplain(explain_id, options);
    if (test->parsed()) return voicelint::cli::RunRulesTest(paths, options);
    if (mcp->parsed()) return voicelint::cli::RunMcp(options, mcp_options);
    if (lsp->parsed()) return voicelint::cli::RunLsp(options, lsp_options);
  } catch (const std::exception& e) {
    std::cerr << "voicelint: internal error: " << e.what() << "\n";
    return voicelint::cli::kExitError;
  }
  return voicelint::cli::kExitError;
}
