#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "cli/cli.h"
#include "cli/fix_writer.h"
#include "cli/parallel.h"
#include "core/inputs/structured.h"
#include "report/baseline.h"

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
  if (report.error && report.error_line == 0)
    std::cerr << "voicelint: error: " << report.path << ": " << *report.error << "\n";
  if (report.skipped)
    std::cerr << "voicelint: note: " << report.path << ": skipped: " << *report.skipped << "\n";
}

// How the messages of one structured file are picked out.
struct Selection {
  std::optional<FieldSelection> fields;
  std::optional<HelpDeskSource> source;
};

// The command line's selector, parsed once.
struct CommandLineSelection {
  std::optional<Selection> selection;  // nullopt: none given (use the configuration)
  bool ok = true;
};

CommandLineSelection ParseCommandLineSelection(const CommonOptions& options) {
  CommandLineSelection out;
  auto parse = [&](const std::string& flag, const std::string& text) -> std::optional<FieldPath> {
    Expected<FieldPath> path = FieldPath::Parse(text);
    if (path) return *path;
    std::cerr << "voicelint: error: " << flag << " '" << text
              << "': " << path.errors().front().message << " (at character "
              << path.errors().front().column << ")\n";
    out.ok = false;
    return std::nullopt;
  };
  if (!options.source.empty()) {
    out.selection = Selection{std::nullopt, ParseHelpDeskSource(options.source)};
    if (!options.text_field.empty()) {
      std::cerr << "voicelint: error: give either --source or --text-field, not both\n";
      out.ok = false;
    }
    return out;
  }
  if (options.text_field.empty()) {
    if (!options.id_field.empty()) {
      std::cerr << "voicelint: error: --id-field needs --text-field\n";
      out.ok = false;
    }
    return out;
  }
  std::optional<FieldPath> text = parse("--text-field", options.text_field);
  if (!text) return out;
  FieldSelection fields{std::move(*text), std::nullopt, options.html};
  if (!options.id_field.empty()) fields.id = parse("--id-field", options.id_field);
  out.selection = Selection{std::move(fields), std::nullopt};
  return out;
}

// The selection for `input`: the command line's, else the first matching
// `inputs` glob of its configuration.
std::optional<Selection> SelectionFor(const Input& input, const Engine& engine,
                                      const CommandLineSelection& command_line) {
  if (command_line.selection) return command_line.selection;
  if (engine.inputs.empty()) return std::nullopt;
  std::error_code ec;
  const fs::path path = input.is_stdin ? fs::path(input.display) : fs::path(input.path);
  fs::path relative =
      fs::absolute(path, ec).lexically_relative(fs::absolute(engine.config_dir, ec));
  const std::string rel = relative.generic_string();
  for (const InputSpec& spec : engine.inputs) {
    if (GlobMatches(spec.glob, rel)) return Selection{spec.fields, spec.source};
  }
  return std::nullopt;
}

// A replacement as it must be written inside the file the message came from,
// so that applying a fix keeps the file valid.
std::string EscapeForFile(std::string_view text, StructuredFormat format, bool html) {
  std::string s;
  for (char c : text) {
    if (html && c == '&') {
      s += "&amp;";
    } else if (html && c == '<') {
      s += "&lt;";
    } else if (html && c == '>') {
      s += "&gt;";
    } else {
      s += c;
    }
  }
  std::string out;
  for (char c : s) {
    if (format == StructuredFormat::kJson || format == StructuredFormat::kJsonLines) {
      if (c == '"' || c == '\\') {
        out += '\\';
        out += c;
      } else if (c == '\n') {
        out += "\\n";
      } else {
        out += c;
      }
    } else if (format == StructuredFormat::kCsv && c == '"') {
      out += "\"\"";
    } else {
      out += c;
    }
  }
  return out;
}

// One message of a plain or Markdown file: the unit of work of the check loop.
MessageReport CheckWholeText(const Ruleset& ruleset, Scratch& scratch, std::string_view text,
                             const CheckOptions& check) {
  MessageReport m;
  m.result = Check(ruleset, scratch, text, check);
  m.score = MessageScore(m.result);
  return m;
}

// One record of a structured file: checked on its decoded text, then every
// span mapped back into the file through the field's SourceMap.
MessageReport CheckRecord(const Ruleset& ruleset, Scratch& scratch,
                          const StructuredMessage& message, StructuredFormat format,
                          const CheckOptions& check) {
  MessageReport m;
  m.record = RecordRef{message.id, message.path};
  m.result = Check(ruleset, scratch, message.text, check);
  m.score = MessageScore(m.result);
  auto remap = [&](Finding& f) {
    f.span = ByteRange{message.map.Begin(f.span.begin), message.map.End(f.span.end)};
    if (f.fix) {
      f.fix->span =
          ByteRange{message.map.Begin(f.fix->span.begin), message.map.End(f.fix->span.end)};
      f.fix->replacement = EscapeForFile(f.fix->replacement, format, message.html);
    }
  };
  for (Finding& f : m.result.findings) remap(f);
  for (Finding& f : m.result.suppressed) remap(f);
  for (InputNote& note : m.result.notes) note.offset = message.map.Begin(note.offset);
  return m;
}

// Progress on standard error for long runs, on a terminal only.
class Progress {
 public:
  Progress() : enabled_(isatty(STDERR_FILENO) != 0) {}
  ~Progress() {
    if (shown_) std::cerr << "\r\x1b[K" << std::flush;
  }
  void Messages(size_t count, size_t file, size_t files) {
    const size_t before = messages_;
    messages_ += count;
    if (!enabled_ || messages_ < kThreshold || messages_ / 500 == before / 500) return;
    shown_ = true;
    std::cerr << "\rvoicelint: " << messages_ << " messages checked (file " << file + 1 << " of "
              << files << ")" << std::flush;
  }

 private:
  static constexpr size_t kThreshold = 2000;
  bool enabled_;
  bool shown_ = false;
  size_t messages_ = 0;
};

// What is known about one input before it is read: its engine and, for a
// structured file, how its messages are selected.
struct Job {
  const Input* input = nullptr;
  Engine* engine = nullptr;
  std::optional<StructuredFormat> format;
  std::optional<Selection> selection;
  std::optional<std::string> error;  // known before reading (no selector)
};

// One input after checking. `report.text` is set to `text` by the consumer,
// once the result has stopped moving.
struct CheckedFile {
  std::string text;
  FileReport report;
  Diagnostics parse_errors;  // printed by the consumer, in input order
};

// Per-worker scratch memory, one per ruleset (a configuration per folder may
// give files different rulesets).
class Scratches {
 public:
  explicit Scratches(size_t workers) : by_worker_(workers) {}
  Scratch& For(size_t worker, const Ruleset& ruleset) {
    auto& mine = by_worker_[worker];
    for (auto& [r, scratch] : mine) {
      if (r == &ruleset) return *scratch;
    }
    mine.emplace_back(&ruleset, std::make_unique<Scratch>(ruleset));
    return *mine.back().second;
  }

 private:
  std::vector<std::vector<std::pair<const Ruleset*, std::unique_ptr<Scratch>>>> by_worker_;
};

// Records of one structured file are checked in chunks of this many.
constexpr size_t kRecordChunk = 256;

// Checks every input and hands each file's report to `sink`, in input order.
// Files are checked on one worker per core (--jobs); a single structured file
// has its records checked in parallel instead. Output does not depend on the
// number of workers. Returns false when something could not be read, parsed
// or configured.
template <typename Sink>
bool CheckInputs(const std::vector<std::string>& paths, const CommonOptions& options, Sink&& sink) {
  const CommandLineSelection command_line = ParseCommandLineSelection(options);
  if (!command_line.ok) return false;
  std::vector<Input> inputs;
  bool ok = CollectInputs(paths.empty() ? std::vector<std::string>{"-"} : paths, options, &inputs);
  EngineCache engines(options);

  // Engines and selectors, in order on this thread (configuration errors are
  // printed once, as they are met).
  std::vector<Job> jobs;
  for (const Input& input : inputs) {
    Job job;
    job.input = &input;
    job.engine = engines.For(DirOf(input));
    if (job.engine == nullptr) {
      ok = false;
      continue;
    }
    if (options.input_type == "auto") job.format = StructuredFormatOf(input.display);
    if (job.format) {
      job.selection = SelectionFor(input, *job.engine, command_line);
      if (!job.selection) {
        if (!input.named) continue;  // a data file found in a folder, not a library
        job.error =
            "no text field for this structured file: give --text-field PATH or --source NAME, "
            "or an inputs: entry in .voicelint.yml";
      }
    }
    jobs.push_back(std::move(job));
  }

  const size_t threads = Threads(options.jobs);
  Scratches scratches(threads);
  Progress progress;
  // One file, or many: parallel over records when there is a single file.
  const size_t record_threads = jobs.size() == 1 ? threads : 1;
  auto check_file = [&](size_t i, size_t worker) {
    const Job& job = jobs[i];
    CheckedFile out;
    FileReport& report = out.report;
    report.path = job.input->display;
    report.error = job.error;
    if (!report.error) out.text = ReadInput(*job.input, options, &report);
    if (report.error || report.skipped) return out;
    const Ruleset& ruleset = *job.engine->ruleset;
    CheckOptions check = job.engine->check;
    if (!job.format) {
      check.input = KindOf(*job.input, options);
      check.threads = record_threads;  // a single long text is split between the workers
      report.messages.push_back(
          CheckWholeText(ruleset, scratches.For(worker, ruleset), out.text, check));
      return out;
    }
    check.input = InputKind::kText;
    Expected<StructuredDocument> doc = ParseStructured(*job.format, job.input->display, out.text);
    if (!doc) {
      out.parse_errors = doc.errors();
      const Diagnostic& first = doc.errors().front();
      report.error = first.Headline();
      report.error_line = first.line;
      report.error_column = first.column;
      return out;
    }
    report.structured = true;
    const std::vector<StructuredMessage> messages =
        job.selection->source ? SelectHelpDeskMessages(*doc, *job.selection->source)
                              : SelectMessages(*doc, *job.selection->fields);
    report.messages.reserve(messages.size());
    const size_t chunks = (messages.size() + kRecordChunk - 1) / kRecordChunk;
    OrderedParallel(
        chunks, record_threads,
        [&](size_t c, size_t record_worker) {
          // With one file, this runs on the calling thread and its workers
          // are the record workers; each has its own scratch.
          Scratch& scratch = scratches.For(record_threads > 1 ? record_worker : worker, ruleset);
          std::vector<MessageReport> done;
          done.reserve(kRecordChunk);
          const size_t end = std::min(messages.size(), (c + 1) * kRecordChunk);
          for (size_t k = c * kRecordChunk; k < end; ++k) {
            done.push_back(CheckRecord(ruleset, scratch, messages[k], *job.format, check));
          }
          return done;
        },
        [&](size_t, std::vector<MessageReport>&& done) {
          if (record_threads > 1) progress.Messages(done.size(), i, jobs.size());
          for (MessageReport& m : done) report.messages.push_back(std::move(m));
        });
    return out;
  };
  OrderedParallel(jobs.size(), threads / record_threads, check_file,
                  [&](size_t i, CheckedFile&& file) {
                    FileReport& report = file.report;
                    report.text = file.text;
                    if (!file.parse_errors.empty()) PrintDiagnostics(file.parse_errors);
                    if (record_threads == 1)
                      progress.Messages(report.messages.size(), i, jobs.size());
                    ReportProblem(report);
                    ok &= !report.error.has_value();
                    sink(report, *jobs[i].engine);
                  });
  return ok;
}

}  // namespace

int RunCheck(const std::vector<std::string>& paths, const CommonOptions& options) {
  const std::optional<Format> format = ParseFormat(options.format);
  if (!format) {
    std::cerr << "voicelint: error: unknown --format '" << options.format
              << "' (expected text, json, jsonl, sarif, github, checkstyle, junit or rdjsonl)\n";
    return kExitError;
  }
  std::optional<Baseline> baseline;
  if (!options.baseline.empty()) {
    Expected<std::string> text = ReadFile(options.baseline);
    if (!text) {
      std::cerr << "voicelint: error: " << options.baseline << ": " << text.errors().front().message
                << " (create it with: voicelint baseline " << options.baseline << " PATHS)\n";
      return kExitError;
    }
    Expected<Baseline> parsed = Baseline::Parse(options.baseline, *text);
    if (!parsed) {
      PrintDiagnostics(parsed.errors());
      return kExitError;
    }
    baseline = std::move(*parsed);
  }
  PrinterOptions printer_options{UseColor(options, true), VOICELINT_VERSION, Threads(options.jobs)};
  auto printer = MakePrinter(*format, std::cout, printer_options);
  Summary summary;
  bool findings_fail = false;
  const bool ok = CheckInputs(paths, options, [&](FileReport& report, const Engine& engine) {
    if (baseline) summary.baselined += baseline->Absorb(&report);
    for (const MessageReport& m : report.messages) {
      findings_fail |= AtOrAbove(m.result, engine.fail_on);
    }
    summary.Add(report);
    printer->File(report);
  });
  if (baseline) {
    summary.baseline = true;
    summary.fixed = baseline->Fixed();
  }
  printer->Finish(summary);
  std::cout.flush();
  bool score_fails = false;
  if (options.min_score && summary.messages > 0 && summary.Score() < *options.min_score) {
    std::cerr << "voicelint: brand-voice score " << FormatScore(summary.Score())
              << " is below --min-score " << FormatScore(*options.min_score) << "\n";
    score_fails = true;
  }
  if (!ok) return kExitError;
  return (findings_fail || score_fails) && !options.exit_zero ? kExitFindings : kExitClean;
}

int RunBaseline(const std::string& baseline_path, const std::vector<std::string>& paths,
                const CommonOptions& options) {
  BaselineBuilder builder;
  const bool ok =
      CheckInputs(paths, options, [&](FileReport& report, const Engine&) { builder.Add(report); });
  if (!ok) {
    std::cerr << "voicelint: error: baseline not written: some inputs could not be checked\n";
    return kExitError;
  }
  if (std::string error = WriteAtomically(baseline_path, builder.ToJson()); !error.empty()) {
    std::cerr << "voicelint: error: " << baseline_path << ": " << error << "\n";
    return kExitError;
  }
  std::cerr << "voicelint: recorded " << builder.size()
            << (builder.size() == 1 ? " finding" : " findings") << " in " << baseline_path << "\n";
  return kExitClean;
}

int RunFix(const std::vector<std::string>& paths, const CommonOptions& options,
           const FixOptions& fix) {
  std::vector<Input> inputs;
  bool failed =
      !CollectInputs(paths.empty() ? std::vector<std::string>{"-"} : paths, options, &inputs);
  EngineCache engines(options);
  bool remaining_fail = false;
  bool pending = false;  // --diff: some file would change
  size_t total_held = 0;
  for (const Input& input : inputs) {
    FileReport report;
    report.path = input.display;
    if (options.input_type == "auto" && StructuredFormatOf(input.display)) {
      // Fixes of a structured file are in check's SARIF and JSON output; rewriting
      // it here as plain text could touch keys and markup.
      if (input.named) {
        std::cerr << "voicelint: note: " << input.display
                  << ": skipped: fix rewrites text and Markdown files (use --input-type text to "
                     "force)\n";
      }
      continue;
    }
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
    check.threads = inputs.size() == 1 ? Threads(options.jobs) : 1;
    const CheckResult result = Check(*engine->ruleset, *engine->scratch, text, check);
    const Applicability minimum = fix.unsafe_fixes ? Applicability::kUnsafe : Applicability::kSafe;
    const std::string fixed = ApplyFixes(text, result.findings, minimum);
    size_t applied = 0;
    size_t held = 0;  // unsafe fixes left out
    for (const Finding& f : result.findings) {
      applied += f.fix && f.applicability >= minimum ? 1 : 0;
      held += f.fix && f.applicability < minimum ? 1 : 0;
    }
    total_held += held;
    // What is left after fixing decides the exit code.
    const CheckResult after = Check(*engine->ruleset, *engine->scratch, fixed, check);
    remaining_fail |= AtOrAbove(after, engine->fail_on);
    if (fix.diff) {
      const std::string diff = FixDiff(input.display, text, result.findings, minimum);
      std::cout << diff;
      pending |= !diff.empty();
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
  if (total_held > 0) {
    std::cerr << "voicelint: " << total_held << (total_held == 1 ? " fix was" : " fixes were")
              << " not applied because it may change the meaning or read wrong; review with "
                 "`voicelint check` and apply with --unsafe-fixes\n";
  }
  if (failed) return kExitError;
  if (fix.diff) return pending && !options.exit_zero ? kExitFindings : kExitClean;
  return remaining_fail && !options.exit_zero ? kExitFindings : kExitClean;
}

}  // namespace voicelint::cli
