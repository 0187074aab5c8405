#include "report/json_writer.h"
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

// One document: {"version": 1, "files": [...], "summary": {...}}. Files are
// written as they come (JsonWriter, no document tree); the summary closes it.
class JsonPrinter : public Printer {
 public:
  explicit JsonPrinter(std::ostream& out) : out_(out), writer_(&buffer_) {
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
      Findings(report, report.result.findings);
      if (!report.result.suppressed.empty()) {
        w.Key("suppressed");
        Findings(report, report.result.suppressed);
      }
      if (!report.result.notes.empty()) {
        w.Key("notes");
        w.Raw(Dump(NotesJson(report)));
      }
      w.Key("preferred_used");
      w.Number(report.result.preferred_used);
    }
    w.EndObject();
    Flush();
  }

  void Finish(const Summary& s) override {
    JsonWriter& w = writer_;
    w.EndArray();
    w.Key("summary");
    w.BeginObject();
    const std::pair<const char*, size_t> counts[] = {{"files", s.files},
                                                     {"messages", s.messages},
                                                     {"findings", s.findings},
                                                     {"error", s.errors},
                                                     {"warning", s.warnings},
                                                     {"suggestion", s.suggestions},
                                                     {"preferred_used", s.preferred_used},
                                                     {"suppressed", s.suppressed},
                                                     {"unreadable", s.unreadable},
                                                     {"skipped", s.skipped}};
    for (const auto& [key, value] : counts) {
      w.Key(key);
      w.Number(value);
    }
    w.EndObject();
    w.EndObject();
    buffer_ += '\n';
    Flush();
    out_.flush();
  }

 private:
  void Findings(const FileReport& report, const std::vector<Finding>& findings) {
    writer_.BeginArray();
    PositionIndex positions(report.text);
    for (const Finding& f : findings) {
      writer_.Raw("");  // the comma before the element
      AppendFindingJson(f, positions, &buffer_);
      if (buffer_.size() > kFlushAt) Flush();
    }
    writer_.EndArray();
  }

  void Flush() {
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
  }

  static constexpr size_t kFlushAt = 1 << 16;
  std::ostream& out_;
  std::string buffer_;
  JsonWriter writer_;
};

// JSON Lines: one finding per line, each with its "path" first.
class JsonLinesPrinter : public Printer {
 public:
  explicit JsonLinesPrinter(std::ostream& out) : out_(out) {}

  void File(const FileReport& report) override {
    if (report.error || report.skipped) return;
    PositionIndex positions(report.text);
    std::string path;
    JsonWriter::AppendQuoted(report.path, &path);
    for (const Finding& f : report.result.findings) {
      buffer_ += "{\"path\":";
      buffer_ += path;
      buffer_ += ',';
      const size_t at = buffer_.size();
      AppendFindingJson(f, positions, &buffer_);
      buffer_.erase(at, 1);  // the finding's own '{'
      buffer_ += '\n';
      if (buffer_.size() > (1 << 16)) Flush();
    }
    Flush();
  }

  void Finish(const Summary& /*summary*/) override {
    Flush();
    out_.flush();
  }

 private:
  void Flush() {
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
  }

  std::ostream& out_;
  std::string buffer_;
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
