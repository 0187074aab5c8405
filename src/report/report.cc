#include "report/report.h"

namespace voicelint {

void Summary::Add(const FileReport& report) {
  if (report.error) {
    ++unreadable;
    return;
  }
  if (report.skipped) {
    ++skipped;
    return;
  }
  ++files;
  ++messages;
  for (const Finding& f : report.result.findings) {
    ++findings;
    switch (f.level) {
      case Level::kError:
        ++errors;
        break;
      case Level::kWarning:
        ++warnings;
        break;
      case Level::kSuggestion:
        ++suggestions;
        break;
    }
  }
  suppressed += report.result.suppressed.size();
  preferred_used += report.result.preferred_used;
}

std::optional<Format> ParseFormat(std::string_view name) {
  if (name == "text") return Format::kText;
  if (name == "json") return Format::kJson;
  if (name == "jsonl") return Format::kJsonLines;
  return std::nullopt;
}

nlohmann::ordered_json FindingJson(const Finding& f, PositionIndex& positions) {
  const Position begin = positions.At(f.span.begin);
  const Position end = positions.At(f.span.end);
  nlohmann::ordered_json j;
  j["rule"] = f.rule->id;
  j["level"] = LevelName(f.level);
  j["message"] = f.message;
  j["match"] = f.match;
  j["line"] = begin.line;
  j["column"] = begin.column;
  j["end_line"] = end.line;
  j["end_column"] = end.column;
  j["offset"] = {{"byte", {begin.byte, end.byte}},
                 {"utf16", {begin.utf16, end.utf16}},
                 {"codepoint", {begin.codepoint, end.codepoint}}};
  nlohmann::ordered_json suggestions = nlohmann::ordered_json::array();
  for (const Located& p : f.rule->prefer) suggestions.push_back(p.text);
  j["suggestions"] = std::move(suggestions);
  if (f.replacement) {
    j["fix"] = {{"byte", {begin.byte, end.byte}}, {"replacement", *f.replacement}};
  } else {
    j["fix"] = nullptr;
  }
  if (f.suppressed) j["suppressed"] = {{"reason", *f.suppressed}};
  return j;
}

}  // namespace voicelint
