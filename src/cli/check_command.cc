#include <filesystem>
#include <iostream>

#include "cli/cli.h"
#include "cli/fix_writer.h"

namespace voicelint::cli {
namespace fs = std::filesystem;

namespace {

std::string DirOf(const Input& input) {
  if (input.is_stdin) {
    if (input.display != "-") return fs::path(input.display).parent_path().string();
    return ".";
  }
  const std::string parent = fs::path(input.path).parent_path().string();
  return parent.empty() ? "." : parent;
}

bool AtOrAbove(const CheckResult& result, Level level) {
  for (const Finding& f : result.findings) {
    if (f.level >= level) return true;
  }
  return false;
}

void ReportProblem(const FileReport& report) {
  if (report.error)
    std::cerr << "voicelint: error: " << report.path << ": " << *report.error << "\n";
  if (report.skipped)
    std::cerr << "voicelint: note: " << report.path << ": skipped: " << *report.skipped << "\n";
}

}  // namespace

int RunCheck(const std::vector<std::string>& paths, const CommonOptions& options) {
  const std::optional<Format> format = ParseFormat(options.format);
  if (!format) {
    std::cerr << "voicelint: error: unknown --format '" << options.format
              << "' (expected text, json or jsonl)\n";
    return kExitError;
  }
  std::vector<Input> inputs;
  bool failed =
      !CollectInputs(paths.empty() ? std::vector<std::string>{"-"} : paths, options, &inputs);
  EngineCache engines(options);
  auto printer = MakePrinter(*format, std::cout, PrinterOptions{UseColor(options, true)});
  Summary summary;
  bool findings_fail = false;
  for (const Input& input : inputs) {
    FileReport report;
    report.path = input.display;
    Engine* engine = engines.For(DirOf(input));
    if (engine == nullptr) {
      failed = true;
      continue;
    }
    const std::string text = ReadInput(input, options, &report);
    if (!report.error && !report.skipped) {
      report.text = text;
      CheckOptions check = engine->check;
      check.input = KindOf(input, options);
      report.result = Check(*engine->ruleset, *engine->scratch, text, check);
      findings_fail |= AtOrAbove(report.result, engine->fail_on);
    }
    ReportProblem(report);
    failed |= report.error.has_value();
    summary.Add(report);
    printer->File(report);
  }
  printer->Finish(summary);
  std::cout.flush();
  if (failed) return kExitError;
  return findings_fail && !options.exit_zero ? kExitFindings : kExitClean;
}

int RunFix(const std::vector<std::string>& paths, const CommonOptions& options,
           const FixOptions& fix) {
  std::vector<Input> inputs;
  bool failed =
      !CollectInputs(paths.empty() ? std::vector<std::string>{"-"} : paths, options, &inputs);
  EngineCache engines(options);
  bool remaining_fail = false;
  for (const Input& input : inputs) {
    FileReport report;
    report.path = input.display;
    Engine* engine = engines.For(DirOf(input));
    if (engine == nullptr) {
      failed = true;
      continue;
    }
    const std::string text = ReadInput(input, options, &report);
    if (report.error || report.skipped) {
      ReportProblem(report);
      failed |= report.error.has_value();
      if (input.is_stdin && report.skipped) std::cout << text;
      continue;
    }
    CheckOptions check = engine->check;
    check.input = KindOf(input, options);
    const CheckResult result = Check(*engine->ruleset, *engine->scratch, text, check);
    const std::string fixed = ApplyFixes(text, result.findings);
    size_t applied = 0;
    for (const Finding& f : result.findings) applied += f.replacement ? 1 : 0;
    // What is left after fixing decides the exit code.
    const CheckResult after = Check(*engine->ruleset, *engine->scratch, fixed, check);
    remaining_fail |= AtOrAbove(after, engine->fail_on);
    if (fix.diff) {
      std::cout << FixDiff(input.display, text, result.findings);
      continue;
    }
    if (input.is_stdin) {
      std::cout << fixed;
      continue;
    }
    if (fixed == text) continue;
    if (std::string error = WriteAtomically(input.path, fixed); !error.empty()) {
      std::cerr << "voicelint: error: " << input.display << ": " << error << "\n";
      failed = true;
      continue;
    }
    std::cerr << "voicelint: fixed " << applied << (applied == 1 ? " finding" : " findings")
              << " in " << input.display;
    if (!after.findings.empty()) {
      std::cerr << " (" << after.findings.size() << " left without an automatic fix)";
    }
    std::cerr << "\n";
  }
  std::cout.flush();
  if (failed) return kExitError;
  return remaining_fail && !options.exit_zero ? kExitFindings : kExitClean;
}

}  // namespace voicelint::cli
