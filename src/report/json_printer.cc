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

// A finding's JSON with the record it belongs to, if any.
Json FindingWithRecord(const Finding& f, const MessageReport& m, PositionIndex& positions) {
  Json j = FindingJson(f, positions);
  if (m.record) j["record"] = RecordJson(*m.record);
  return j;
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

// One document: {"version": 1, "files": [...], "summary": {...}}.
class JsonPrinter : public Printer {
 public:
  explicit JsonPrinter(std::ostream& out) : out_(out) {}

  void File(const FileReport& report) override {
    Json file;
    file["path"] = report.path;
    if (report.error) {
      file["error"] = *report.error;
    } else if (report.skipped) {
      file["skipped"] = *report.skipped;
    } else {
      Json findings = Json::array();
      Json suppressed = Json::array();
      PositionIndex positions(report.text);
      PositionIndex p2(report.text);
      size_t preferred = 0;
      for (const MessageReport& m : report.messages) {
        for (const Finding& f : m.result.findings) {
          findings.push_back(FindingWithRecord(f, m, positions));
        }
        for (const Finding& f : m.result.suppressed) {
          suppressed.push_back(FindingWithRecord(f, m, p2));
        }
        preferred += m.result.preferred_used;
      }
      file["findings"] = std::move(findings);
      if (!suppressed.empty()) file["suppressed"] = std::move(suppressed);
      Json notes = NotesJson(report);
      if (!notes.empty()) file["notes"] = std::move(notes);
      file["preferred_used"] = preferred;
      file["score"] = ScoreJson(report.Score());
      if (report.structured) {
        Json messages = Json::array();
        for (const MessageReport& m : report.messages) {
          Json jm = m.record ? RecordJson(*m.record) : Json::object();
          jm["findings"] = m.result.findings.size();
          jm["preferred_used"] = m.result.preferred_used;
          jm["score"] = m.score;
          messages.push_back(std::move(jm));
        }
        file["messages"] = std::move(messages);
      }
    }
    files_.push_back(std::move(file));
  }

  void Finish(const Summary& s) override {
    Json doc;
    doc["version"] = 1;
    doc["files"] = std::move(files_);
    doc["summary"] = SummaryJson(s);
    out_ << Dump(doc) << "\n";
  }

 private:
  std::ostream& out_;
  Json files_ = Json::array();
};

// JSON Lines: one finding per line, each with its "path".
class JsonLinesPrinter : public Printer {
 public:
  explicit JsonLinesPrinter(std::ostream& out) : out_(out) {}

  void File(const FileReport& report) override {
    if (report.error || report.skipped) return;
    PositionIndex positions(report.text);
    for (const MessageReport& m : report.messages) {
      for (const Finding& f : m.result.findings) {
        Json line;
        line["path"] = report.path;
        const Json finding = FindingWithRecord(f, m, positions);
        for (const auto& [key, value] : finding.items()) line[key] = value;
        out_ << Dump(line) << "\n";
      }
    }
  }

  void Finish(const Summary& /*summary*/) override { out_.flush(); }

 private:
  std::ostream& out_;
};

// reviewdog's Diagnostic Format, one diagnostic per line (rdjsonl). Columns
// are 1-based UTF-8 byte counts, as reviewdog's rdf.proto defines them.
class RdjsonlPrinter : public Printer {
 public:
  explicit RdjsonlPrinter(std::ostream& out) : out_(out) {}

  void File(const FileReport& report) override {
    if (report.error || report.skipped) return;
    PositionIndex positions(report.text);
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
        if (f.replacement) suggestions.push_back({{"range", range}, {"text", *f.replacement}});
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
      return std::make_unique<JsonPrinter>(out);
    case Format::kJsonLines:
      return std::make_unique<JsonLinesPrinter>(out);
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
