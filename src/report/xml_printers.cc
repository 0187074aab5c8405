// XML reports for CI servers: checkstyle (one <file> per file, one <error>
// per finding) and JUnit (one <testcase> per message; a message with
// findings fails, the findings in the failure body).
//
// Text is escaped for XML 1.0: the five special characters as entities, line
// breaks in attributes as &#10;, and characters XML cannot carry (other
// controls, invalid UTF-8) as U+FFFD.
#include "core/text/utf8.h"
#include "report/report.h"

namespace voicelint {
namespace {

std::string XmlEscape(std::string_view text, bool attribute) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    size_t len;
    const char32_t c = utf8::Decode(text, i, &len);
    const std::string_view bytes = text.substr(i, len);
    i += len;
    switch (c) {
      case '&':
        out += "&amp;";
        continue;
      case '<':
        out += "&lt;";
        continue;
      case '>':
        out += "&gt;";
        continue;
      case '"':
        out += attribute ? "&quot;" : "\"";
        continue;
      case '\'':
        out += attribute ? "&apos;" : "'";
        continue;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        continue;
      case '\r':
        out += "&#13;";
        continue;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        continue;
      default:
        break;
    }
    const bool allowed = c != utf8::kInvalid && c >= 0x20 && c != 0xFFFE && c != 0xFFFF;
    if (allowed) {
      out.append(bytes);
    } else {
      out += "\xEF\xBF\xBD";
    }
  }
  return out;
}

std::string Attr(std::string_view text) { return XmlEscape(text, true); }
std::string Body(std::string_view text) { return XmlEscape(text, false); }

const char* CheckstyleSeverity(Level level) {
  switch (level) {
    case Level::kError:
      return "error";
    case Level::kWarning:
      return "warning";
    case Level::kSuggestion:
      return "info";
  }
  return "warning";
}

class CheckstylePrinter : public Printer {
 public:
  explicit CheckstylePrinter(std::ostream& out) : out_(out) {
    out_ << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n";
  }

  void File(const FileReport& report) override {
    if (report.skipped) return;
    out_ << "  <file name=\"" << Attr(report.path) << "\">\n";
    if (report.error) {
      out_ << "    <error line=\"" << std::max(1, report.error_line) << "\" column=\""
           << std::max(1, report.error_column) << "\" severity=\"error\" message=\""
           << Attr(*report.error) << "\" source=\"voicelint.input\"/>\n";
    } else {
      PositionIndex positions(report.text);
      for (const MessageReport& m : report.messages) {
        for (const Finding& f : m.result.findings) {
          const Position p = positions.At(f.span.begin);
          std::string message = f.message;
          if (m.record) message += " (record " + m.record->Label() + ")";
          out_ << "    <error line=\"" << p.line << "\" column=\"" << p.column << "\" severity=\""
               << CheckstyleSeverity(f.level) << "\" message=\"" << Attr(message)
               << "\" source=\"voicelint." << Attr(f.rule->id) << "\"/>\n";
        }
      }
    }
    out_ << "  </file>\n";
  }

  void Finish(const Summary& /*summary*/) override { out_ << "</checkstyle>\n"; }

 private:
  std::ostream& out_;
};

class JunitPrinter : public Printer {
 public:
  explicit JunitPrinter(std::ostream& out) : out_(out) {}

  void File(const FileReport& report) override {
    if (report.skipped) return;
    std::string cases;
    size_t tests = 0;
    size_t failures = 0;
    size_t errors = 0;
    const std::string classname = Attr(report.path);
    if (report.error) {
      ++tests;
      ++errors;
      cases += "    <testcase classname=\"" + classname + "\" name=\"" + classname +
               "\">\n      <error message=\"" + Attr(*report.error) + "\" type=\"input\">" +
               Body(*report.error) + "</error>\n    </testcase>\n";
    } else {
      PositionIndex positions(report.text);
      for (const MessageReport& m : report.messages) {
        ++tests;
        std::string name = report.path;
        if (m.record) {
          name = m.record->id.empty() ? m.record->path : m.record->id + " (" + m.record->path + ")";
        }
        cases += "    <testcase classname=\"" + classname + "\" name=\"" + Attr(name) + "\">\n";
        if (!m.result.findings.empty()) {
          ++failures;
          std::string body;
          for (const Finding& f : m.result.findings) {
            const Position p = positions.At(f.span.begin);
            body += report.path + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) +
                    ": " + std::string(LevelName(f.level)) + ": " + f.message + " [" + f.rule->id +
                    "]";
            if (!f.suggestions.empty()) body += " -> \"" + f.suggestions.front() + "\"";
            body += "\n";
          }
          const size_t n = m.result.findings.size();
          cases += "      <failure message=\"" + std::to_string(n) +
                   (n == 1 ? " finding" : " findings") + " (score " + std::to_string(m.score) +
                   ")\" type=\"voicelint\">" + Body(body) + "</failure>\n";
        }
        cases += "    </testcase>\n";
      }
    }
    total_tests_ += tests;
    total_failures_ += failures;
    total_errors_ += errors;
    suites_ += "  <testsuite name=\"" + classname + "\" tests=\"" + std::to_string(tests) +
               "\" failures=\"" + std::to_string(failures) + "\" errors=\"" +
               std::to_string(errors) + "\">\n" + cases + "  </testsuite>\n";
  }

  void Finish(const Summary& /*summary*/) override {
    out_ << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"voicelint\" tests=\""
         << total_tests_ << "\" failures=\"" << total_failures_ << "\" errors=\"" << total_errors_
         << "\">\n"
         << suites_ << "</testsuites>\n";
  }

 private:
  std::ostream& out_;
  std::string suites_;
  size_t total_tests_ = 0;
  size_t total_failures_ = 0;
  size_t total_errors_ = 0;
};

}  // namespace

std::unique_ptr<Printer> MakeCheckstylePrinter(std::ostream& out,
                                               const PrinterOptions& /*options*/) {
  return std::make_unique<CheckstylePrinter>(out);
}

std::unique_ptr<Printer> MakeJunitPrinter(std::ostream& out, const PrinterOptions& /*options*/) {
  return std::make_unique<JunitPrinter>(out);
}

}  // namespace voicelint
