#include "report/report.h"

namespace voicelint {

std::unique_ptr<Printer> MakeTextPrinter(std::ostream& out, const PrinterOptions& options);

namespace {

using Json = nlohmann::ordered_json;

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

Json NotesJson(const FileReport& report) {
  Json notes = Json::array();
  PositionIndex positions(report.text);
  for (const InputNote& note : report.result.notes) {
    const Position p = positions.At(note.offset);
    notes.push_back(
        {{"message", note.message}, {"line", p.line}, {"column", p.column}, {"byte", p.byte}});
  }
  return notes;
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
      PositionIndex positions(report.text);
      for (const Finding& f : report.result.findings) findings.push_back(FindingJson(f, positions));
      file["findings"] = std::move(findings);
      if (!report.result.suppressed.empty()) {
        Json suppressed = Json::array();
        PositionIndex p2(report.text);
        for (const Finding& f : report.result.suppressed) suppressed.push_back(FindingJson(f, p2));
        file["suppressed"] = std::move(suppressed);
      }
      if (!report.result.notes.empty()) file["notes"] = NotesJson(report);
      file["preferred_used"] = report.result.preferred_used;
    }
    files_.push_back(std::move(file));
  }

  void Finish(const Summary& s) override {
    Json doc;
    doc["version"] = 1;
    doc["files"] = std::move(files_);
    doc["summary"] = {{"files", s.files},
                      {"messages", s.messages},
                      {"findings", s.findings},
                      {"error", s.errors},
                      {"warning", s.warnings},
                      {"suggestion", s.suggestions},
                      {"preferred_used", s.preferred_used},
                      {"suppressed", s.suppressed},
                      {"unreadable", s.unreadable},
                      {"skipped", s.skipped}};
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
    for (const Finding& f : report.result.findings) {
      Json line;
      line["path"] = report.path;
      const Json finding = FindingJson(f, positions);
      for (const auto& [key, value] : finding.items()) line[key] = value;
      out_ << Dump(line) << "\n";
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
    case Format::kText:
      break;
  }
  return MakeTextPrinter(out, options);
}

}  // namespace voicelint
