#include "report/findings_writer.h"
#include "report/json_writer.h"
#include "report/report.h"

namespace voicelint {

std::unique_ptr<Printer> MakeTextPrinter(std::ostream& out, const PrinterOptions& options);
std::unique_ptr<Printer> MakeSarifPrinter(std::ostream& out, const PrinterOptions& options);
std::unique_ptr<Printer> MakeGithubPrinter(std::ostream& out, const PrinterOptions& options);
std::unique_ptr<Printer> MakeCheckstylePrinter(std::ostream& out, const PrinterOptions& options);
std::unique_ptr<Printer> MakeJunitPrinter(std::ostream& out, const PrinterOptions& options);

namespace {

using Json = nlohmann::ordered_json;

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

Json NotesJson(const FileReport& report) {
  Json notes = Json::array();
  PositionIndex positions(report.text);
  for (const MessageReport& m : report.messages) {
    for (const InputNote& note : m.result.notes) {
      const Position p = positions.At(note.offset);
      notes.push_back(
          {{"message", note.message}, {"line", p.line}, {"column", p.column}, {"byte", p.byte}});
    }
  }
  return notes;
}

Json SummaryJson(const Summary& s) {
  Json j = {{"files", s.files},
            {"messages", s.messages},
            {"findings", s.findings},
            {"error", s.errors},
            {"warning", s.warnings},
            {"suggestion", s.suggestions},
            {"preferred_used", s.preferred_used},
            {"suppressed", s.suppressed},
            {"unreadable", s.unreadable},
            {"skipped", s.skipped},
            {"score", ScoreJson(s.Score())}};
  Json top = Json::array();
  for (const auto& [rule, count] : s.TopRules(5))
    top.push_back({{"rule", rule}, {"findings", count}});
  j["top_rules"] = std::move(top);
  if (s.baseline) {
    Json fixed = Json::array();
    for (const FixedFinding& f : s.fixed) {
      fixed.push_back({{"rule", f.rule},
                       {"path", f.path},
                       {"record", f.record},
                       {"match", f.match},
                       {"count", f.count}});
    }
    j["baseline"] = {{"known", s.baselined}, {"new", s.findings}, {"fixed", std::move(fixed)}};
  }
  return j;
}

// Every finding of a file (or every suppressed one), with its record.
std::vector<FindingRef> Refs(const FileReport& report, bool suppressed) {
  std::vector<FindingRef> refs;
  for (const MessageReport& m : report.messages) {
    const RecordRef* record = m.record ? &*m.record : nullptr;
    for (const Finding& f : suppressed ? m.result.suppressed : m.result.findings) {
      refs.push_back({&f, record});
    }
  }
  return refs;
}

// One document: {"version": 1, "files": [...], "summary": {...}}. Files are
// written as they come (JsonWriter, no document tree); the summary closes it.
class JsonPrinter : public Printer {
 public:
  JsonPrinter(std::ostream& out, size_t threads) : out_(out), threads_(threads), writer_(&buffer_) {
    writer_.BeginObject();
    writer_.Key("version");
    writer_.Number(1);
    writer_.Key("files");
    writer_.BeginArray();
  }

  void File(const FileReport& report) override {
    JsonWriter& w = writer_;
    w.BeginObject();
    w.Key("path");
    w.String(report.path);
    if (report.error) {
      w.Key("error");
      w.String(*report.error);
    } else if (report.skipped) {
      w.Key("skipped");
      w.String(*report.skipped);
    } else {
      w.Key("findings");
      Findings(report, false);
      size_t suppressed = 0;
      size_t preferred = 0;
      for (const MessageReport& m : report.messages) {
        suppressed += m.result.suppressed.size();
        preferred += m.result.preferred_used;
      }
      if (suppressed > 0) {
        w.Key("suppressed");
        Findings(report, true);
      }
      Json notes = NotesJson(report);
      if (!notes.empty()) {
        w.Key("notes");
        w.Raw(Dump(notes));
      }
      w.Key("preferred_used");
      w.Number(preferred);
      w.Key("score");
      w.Raw(Dump(ScoreJson(report.Score())));
      if (report.structured) {
        w.Key("messages");
        w.BeginArray();
        for (const MessageReport& m : report.messages) {
          w.BeginObject();
          if (m.record) {
            w.Key("id");
            if (m.record->id.empty()) {
              w.Null();
            } else {
              w.String(m.record->id);
            }
            w.Key("path");
            w.String(m.record->path);
          }
          w.Key("findings");
          w.Number(m.result.findings.size());
          w.Key("preferred_used");
          w.Number(m.result.preferred_used);
          w.Key("score");
          w.Number(m.score);
          w.EndObject();
        }
        w.EndArray();
      }
    }
    w.EndObject();
    Flush();
  }

  void Finish(const Summary& s) override {
    JsonWriter& w = writer_;
    w.EndArray();
    w.Key("summary");
    w.Raw(Dump(SummaryJson(s)));
    w.EndObject();
    buffer_ += '\n';
    Flush();
    out_.flush();
  }

 private:
  void Findings(const FileReport& report, bool suppressed) {
    writer_.BeginArray();
    const std::vector<FindingRef> refs = Refs(report, suppressed);
    if (!refs.empty()) {
      writer_.Raw("");  // the element count, for JsonWriter; commas are written below
      WriteFindings(
          report.text, refs, threads_,
          [first = refs.front().finding](const FindingRef& f, const Position& begin,
                                         const Position& end, std::string* out) {
            if (f.finding != first) out->push_back(',');
            AppendFindingJson(*f.finding, begin, end, out, f.record);
          },
          [&](std::string& made) { Write(made); });
    }
    writer_.EndArray();
  }

  void Flush() {
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
  }

  // Appends `made` to what is to be written; a long piece is written as it
  // is, after what is waiting, rather than copied.
  void Write(std::string_view made) {
    if (buffer_.size() + made.size() <= kFlushAt) {
      buffer_ += made;
      return;
    }
    Flush();
    out_.write(made.data(), static_cast<std::streamsize>(made.size()));
  }

  static constexpr size_t kFlushAt = 1 << 16;
  std::ostream& out_;
  size_t threads_;
  std::string buffer_;
  JsonWriter writer_;
};

// JSON Lines: one finding per line, each with its "path" first.
class JsonLinesPrinter : public Printer {
 public:
  JsonLinesPrinter(std::ostream& out, size_t threads) : out_(out), threads_(threads) {}

  void File(const FileReport& report) override {
    if (report.error || report.skipped) return;
    std::string path;
    JsonWriter::AppendQuoted(report.path, &path);
    WriteFindings(
        report.text, Refs(report, false), threads_,
        [&path](const FindingRef& f, const Position& begin, const Position& end, std::string* out) {
          *out += "{\"path\":";
          *out += path;
          *out += ',';
          const size_t at = out->size();
          AppendFindingJson(*f.finding, begin, end, out, f.record);
          out->erase(at, 1);  // the finding's own '{'
          *out += '\n';
        },
        [&](std::string& made) {
          out_.write(made.data(), static_cast<std::streamsize>(made.size()));
        });
  }

  void Finish(const Summary& /*summary*/) override { out_.flush(); }

 private:
  std::ostream& out_;
  size_t threads_;
};

// reviewdog's Diagnostic Format, one diagnostic per line (rdjsonl). Columns
// are 1-based UTF-8 byte counts, as reviewdog's rdf.proto defines them.
class RdjsonlPrinter : public Printer {
 public:
  explicit RdjsonlPrinter(std::ostream& out) : out_(out) {}

  void File(const FileReport& report) override {
    if (report.error || report.skipped) return;
    PositionIndex positions(report.text);
    PositionIndex fix_positions(report.text);  // fixes may begin before their finding
    for (const MessageReport& m : report.messages) {
      for (const Finding& f : m.result.findings) {
        const Position begin = positions.At(f.span.begin);
        const Position end = positions.At(f.span.end);
        const Json range = {
            {"start", {{"line", begin.line}, {"column", begin.byte - begin.line_begin + 1}}},
            {"end", {{"line", end.line}, {"column", end.byte - end.line_begin + 1}}}};
        Json d;
        std::string message = f.message;
        if (m.record) message += " (record " + m.record->Label() + ")";
        d["message"] = message;
        d["location"] = {{"path", report.path}, {"range", range}};
        d["severity"] = f.level == Level::kError     ? "ERROR"
                        : f.level == Level::kWarning ? "WARNING"
                                                     : "INFO";
        d["source"] = {{"name", "voicelint"}};
        d["code"] = {{"value", f.rule->id}};
        Json suggestions = Json::array();
        if (f.fix && f.applicability == Applicability::kSafe) {
          const Position fb = fix_positions.At(f.fix->span.begin);
          const Position fe = fix_positions.At(f.fix->span.end);
          const Json fix_range = {
              {"start", {{"line", fb.line}, {"column", fb.byte - fb.line_begin + 1}}},
              {"end", {{"line", fe.line}, {"column", fe.byte - fe.line_begin + 1}}}};
          suggestions.push_back({{"range", fix_range}, {"text", f.fix->replacement}});
        }
        d["suggestions"] = std::move(suggestions);
        out_ << Dump(d) << "\n";
      }
    }
  }

  void Finish(const Summary& /*summary*/) override { out_.flush(); }

 private:
  std::ostream& out_;
};

}  // namespace

std::unique_ptr<Printer> MakePrinter(Format format, std::ostream& out,
                                     const PrinterOptions& options) {
  switch (format) {
    case Format::kJson:
      return std::make_unique<JsonPrinter>(out, options.threads);
    case Format::kJsonLines:
      return std::make_unique<JsonLinesPrinter>(out, options.threads);
    case Format::kRdjsonl:
      return std::make_unique<RdjsonlPrinter>(out);
    case Format::kSarif:
      return MakeSarifPrinter(out, options);
    case Format::kGithub:
      return MakeGithubPrinter(out, options);
    case Format::kCheckstyle:
      return MakeCheckstylePrinter(out, options);
    case Format::kJunit:
      return MakeJunitPrinter(out, options);
    case Format::kText:
      break;
  }
  return MakeTextPrinter(out, options);
}

}  // namespace voicelint
