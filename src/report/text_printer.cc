// clang-style diagnostics:
//
//   drafts/refund.md:1:1: warning: Greet guests warmly; "Hey" is too casual. [ritz.casual-greeting]
//   Hey, thanks for writing in.
//   ^~~
//   Hello
#include <algorithm>

#include "core/text/utf8.h"
#include "report/report.h"

namespace voicelint {
namespace {

constexpr const char* kBold = "\x1b[1m";
constexpr const char* kReset = "\x1b[0m";
constexpr const char* kGreen = "\x1b[1;32m";
// Lines wider than this are shown as a window around the finding.
constexpr int kMaxShownWidth = 160;

const char* LevelColor(Level level) {
  switch (level) {
    case Level::kError:
      return "\x1b[1;31m";
    case Level::kWarning:
      return "\x1b[1;35m";
    case Level::kSuggestion:
      return "\x1b[1;36m";
  }
  return "";
}

// Advances `pos` over one code point of `text`.
size_t NextChar(std::string_view text, size_t pos) {
  size_t len;
  utf8::Decode(text, pos, &len);
  return pos + len;
}

int Width(std::string_view text) { return utf8::DisplayWidth(text); }

// Whether `text` is wider than `limit` columns; stops as soon as it is.
bool WidthExceeds(std::string_view text, int limit) {
  int width = 0;
  for (size_t i = 0; i < text.size();) {
    const size_t next = NextChar(text, i);
    width += Width(text.substr(i, next - i));
    if (width > limit) return true;
    i = next;
  }
  return false;
}

// The start of the code point before `pos` (not before `floor`); an invalid
// byte is a code point of its own, as Decode has it.
size_t PrevChar(std::string_view text, size_t pos, size_t floor) {
  size_t p = pos - 1;
  while (p > floor && pos - p < 4 && (static_cast<unsigned char>(text[p]) & 0xC0) == 0x80) --p;
  size_t len;
  utf8::Decode(text, p, &len);
  return p + len == pos ? p : pos - 1;
}

// Replaces bytes that would garble a terminal: invalid UTF-8 and controls other than tab.
std::string Printable(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    size_t len;
    const char32_t c = utf8::Decode(text, i, &len);
    if (c == utf8::kInvalid || (c < 0x20 && c != '\t') || c == 0x7F) {
      out += "\xEF\xBF\xBD";  // U+FFFD
    } else {
      out.append(text.substr(i, len));
    }
    i += len;
  }
  return out;
}

class TextPrinter : public Printer {
 public:
  TextPrinter(std::ostream& out, const PrinterOptions& options)
      : out_(out), color_(options.color) {}

  void File(const FileReport& report) override {
    if (report.error || report.skipped) return;  // the CLI reports these on stderr
    line_text_ = nullptr;                        // a new text: the cached line end is stale
    PositionIndex positions(report.text);
    for (const MessageReport& m : report.messages) {
      for (const InputNote& note : m.result.notes) {
        const Position p = positions.At(note.offset);
        Header(report.path, p, "note", "\x1b[1;34m");
        out_ << note.message << "\n";
      }
    }
    positions = PositionIndex(report.text);
    for (const MessageReport& m : report.messages) {
      for (const Finding& f : m.result.findings) Diagnostic(report, m, f, positions);
    }
  }

  // The count line (as before), then for a library (more than one message)
  // the score, the top rules and the messages with the most findings; then
  // what a baseline knew and what has been fixed since.
  void Finish(const Summary& s) override {
    if (s.findings > 0) {
      out_ << Plural(s.findings, s.baseline ? "new finding" : "finding") << " ("
           << Plural(s.errors, "error") << ", " << Plural(s.warnings, "warning") << ", "
           << Plural(s.suggestions, "suggestion") << ") in " << s.files
           << (s.files == 1 ? " file" : " files");
      if (s.suppressed > 0) out_ << "; " << s.suppressed << " suppressed";
      out_ << ".\n";
      if (s.messages > 1) {
        out_ << Plural(s.messages, "message") << " checked; brand-voice score "
             << FormatScore(s.Score()) << "/100 (" << s.preferred_used
             << " encouraged phrases used).\n";
        const char* sep = " ";
        out_ << "Top rules:";
        for (const auto& [rule, count] : s.TopRules(5)) {
          out_ << sep << rule << " (" << count << ")";
          sep = ", ";
        }
        sep = " ";
        out_ << "\nMost findings:";
        for (const Summary::WorstMessage& w : s.WorstMessages(5)) {
          out_ << sep << w.path;
          sep = ", ";
          if (!w.record.empty()) out_ << "#" << w.record;
          out_ << " (" << w.findings << ", score " << w.score << ")";
        }
        out_ << "\n";
      }
    }
    if (!s.baseline) return;
    if (s.findings == 0) out_ << "No new findings.\n";
    out_ << "Baseline: " << Plural(s.baselined, "known finding") << " not reported";
    size_t fixed = 0;
    for (const FixedFinding& f : s.fixed) fixed += f.count;
    out_ << "; " << fixed << " fixed since the baseline" << (fixed > 0 ? ":" : ".") << "\n";
    for (const FixedFinding& f : s.fixed) {
      out_ << "  fixed: " << f.path;
      if (!f.record.empty()) out_ << "#" << f.record;
      out_ << ": \"" << Printable(f.match) << "\" [" << f.rule << "]";
      if (f.count > 1) out_ << " x" << f.count;
      out_ << "\n";
    }
  }

 private:
  static std::string Plural(size_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
  }

  void Header(const std::string& path, const Position& p, std::string_view level,
              const char* level_color) {
    if (color_) out_ << kBold;
    out_ << path << ":" << p.line << ":" << p.column << ": ";
    if (color_) out_ << level_color;
    out_ << level << ":";
    if (color_) out_ << kReset;
    out_ << " ";
  }

  void Diagnostic(const FileReport& report, const MessageReport& m, const Finding& f,
                  PositionIndex& positions) {
    const Position begin = positions.At(f.span.begin);
    const std::string_view text = report.text;
    Header(report.path, begin, LevelName(f.level), LevelColor(f.level));
    if (color_) out_ << kBold;
    out_ << Printable(f.message) << " [" << f.rule->id << "]";
    if (m.record) out_ << " (record " << Printable(m.record->Label()) << ")";
    if (color_) out_ << kReset;
    out_ << "\n";

    // The source line, cut to a window around the match when it is very wide.
    // Findings on one line share its end: a single-line JSON export has
    // thousands of them on a line of megabytes.
    if (text.data() != line_text_ || begin.line_begin != line_begin_) {
      line_text_ = text.data();
      line_begin_ = begin.line_begin;
      line_end_ = text.find('\n', begin.line_begin);
    }
    size_t line_end = line_end_;
    if (line_end == std::string_view::npos) line_end = text.size();
    if (line_end > begin.line_begin && text[line_end - 1] == '\r') --line_end;
    size_t shown_begin = begin.line_begin;
    size_t shown_end = line_end;
    const size_t match_end = std::min(f.span.end, line_end);
    std::string prefix;
    std::string suffix;
    if (WidthExceeds(text.substr(shown_begin, shown_end - shown_begin), kMaxShownWidth)) {
      // A window around the match, found by walking out from it, so a very
      // long line (a minified JSON library) costs the window, not the line.
      int before = 0;
      shown_begin = f.span.begin;
      while (shown_begin > begin.line_begin) {
        const size_t prev = PrevChar(text, shown_begin, begin.line_begin);
        const int w = Width(text.substr(prev, shown_begin - prev));
        if (before + w > kMaxShownWidth / 2) break;
        before += w;
        shown_begin = prev;
      }
      if (shown_begin > begin.line_begin) prefix = "...";
      size_t end = match_end;
      int width = Width(text.substr(shown_begin, end - shown_begin));
      while (end < line_end && width < kMaxShownWidth) {
        const size_t next = NextChar(text, end);
        width += Width(text.substr(end, next - end));
        end = next;
      }
      if (end < line_end) suffix = "...";
      shown_end = end;
    }
    out_ << prefix << Printable(text.substr(shown_begin, shown_end - shown_begin)) << suffix
         << "\n";

    // The caret line: tabs copied so that it lines up, wide characters two columns.
    std::string pad(prefix.size(), ' ');
    for (size_t i = shown_begin; i < f.span.begin;) {
      if (text[i] == '\t') {
        pad += '\t';
        ++i;
        continue;
      }
      const size_t next = NextChar(text, i);
      pad.append(static_cast<size_t>(Width(text.substr(i, next - i))), ' ');
      i = next;
    }
    const int width = std::max(1, Width(text.substr(f.span.begin, match_end - f.span.begin)));
    if (color_) out_ << kGreen;
    out_ << pad << '^' << std::string(static_cast<size_t>(width - 1), '~');
    if (color_) out_ << kReset;
    out_ << "\n";
    if (!f.suggestions.empty()) {
      // A safe fix is printed as it is; any other suggestion says why it is
      // not applied by `voicelint fix`.
      if (color_) out_ << kGreen;
      out_ << pad << Printable(f.suggestions.front());
      if (color_) out_ << kReset;
      if (f.applicability == Applicability::kUnsafe) {
        out_ << "  (unsafe fix" << (f.fix_note.empty() ? "" : ": " + f.fix_note) << ")";
      } else if (f.applicability == Applicability::kDisplay) {
        out_ << "  (suggestion, not applied by fix)";
      }
      out_ << "\n";
    }
  }

  std::ostream& out_;
  bool color_;
  const char* line_text_ = nullptr;  // the text, line start and line end of the last finding
  size_t line_begin_ = 0;
  size_t line_end_ = 0;
};

}  // namespace

std::unique_ptr<Printer> MakeTextPrinter(std::ostream& out, const PrinterOptions& options) {
  return std::make_unique<TextPrinter>(out, options);
}

}  // namespace voicelint
