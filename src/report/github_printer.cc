// GitHub Actions workflow commands, one annotation per finding:
//
//   ::warning file=a.md,line=1,col=1,endLine=1,endColumn=4,title=ritz.casual-greeting::Greet ...
//
// Escaping as the Actions runner decodes it: in the message, % -> %25,
// CR -> %0D, LF -> %0A; in property values also : -> %3A and , -> %2C.
// Columns are code points, like every other voicelint column.
#include "report/report.h"

namespace voicelint {
namespace {

std::string EscapeData(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string EscapeProperty(std::string_view s) {
  std::string out;
  for (char c : EscapeData(s)) {
    if (c == ':') {
      out += "%3A";
    } else if (c == ',') {
      out += "%2C";
    } else {
      out += c;
    }
  }
  return out;
}

const char* Command(Level level) {
  switch (level) {
    case Level::kError:
      return "error";
    case Level::kWarning:
      return "warning";
    case Level::kSuggestion:
      return "notice";
  }
  return "warning";
}

class GithubPrinter : public Printer {
 public:
  explicit GithubPrinter(std::ostream& out) : out_(out) {}

  void File(const FileReport& report) override {
    if (report.error) {
      out_ << "::error file=" << EscapeProperty(report.path)
           << ",title=voicelint::" << EscapeData(*report.error) << "\n";
      return;
    }
    if (report.skipped) return;
    PositionIndex positions(report.text);
    for (const MessageReport& m : report.messages) {
      for (const Finding& f : m.result.findings) {
        const Position begin = positions.At(f.span.begin);
        const Position end = positions.At(f.span.end);
        std::string message = f.message;
        if (!f.suggestions.empty()) message += " Suggested: \"" + f.suggestions.front() + "\".";
        if (m.record) message += " (record " + m.record->Label() + ")";
        out_ << "::" << Command(f.level) << " file=" << EscapeProperty(report.path)
             << ",line=" << begin.line << ",col=" << begin.column << ",endLine=" << end.line
             << ",endColumn=" << end.column << ",title=" << EscapeProperty(f.rule->id)
             << "::" << EscapeData(message) << "\n";
      }
    }
  }

  void Finish(const Summary& /*summary*/) override { out_.flush(); }

 private:
  std::ostream& out_;
};

}  // namespace

std::unique_ptr<Printer> MakeGithubPrinter(std::ostream& out, const PrinterOptions& /*options*/) {
  return std::make_unique<GithubPrinter>(out);
}

}  // namespace voicelint
