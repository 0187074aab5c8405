#include "report/report.h"

#include "report/json_writer.h"

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

void AppendFindingJson(const Finding& f, PositionIndex& positions, std::string* out) {
  const Position begin = positions.At(f.span.begin);
  const Position end = positions.At(f.span.end);
  JsonWriter w(out);
  w.BeginObject();
  w.Key("rule");
  w.String(f.rule->id);
  w.Key("level");
  w.String(LevelName(f.level));
  w.Key("message");
  w.String(f.message);
  w.Key("match");
  w.String(f.match);
  w.Key("line");
  w.Number(begin.line);
  w.Key("column");
  w.Number(begin.column);
  w.Key("end_line");
  w.Number(end.line);
  w.Key("end_column");
  w.Number(end.column);
  auto pair = [&](const char* key, size_t a, size_t b) {
    w.Key(key);
    w.BeginArray();
    w.Number(a);
    w.Number(b);
    w.EndArray();
  };
  w.Key("offset");
  w.BeginObject();
  pair("byte", begin.byte, end.byte);
  pair("utf16", begin.utf16, end.utf16);
  pair("codepoint", begin.codepoint, end.codepoint);
  w.EndObject();
  w.Key("suggestions");
  w.BeginArray();
  for (const Located& p : f.rule->prefer) w.String(p.text);
  w.EndArray();
  w.Key("fix");
  if (f.replacement) {
    w.BeginObject();
    pair("byte", begin.byte, end.byte);
    w.Key("replacement");
    w.String(*f.replacement);
    w.EndObject();
  } else {
    w.Null();
  }
  if (f.suppressed) {
    w.Key("suppressed");
    w.BeginObject();
    w.Key("reason");
    w.String(*f.suppressed);
    w.EndObject();
  }
  w.EndObject();
}

nlohmann::ordered_json FindingJson(const Finding& f, PositionIndex& positions) {
  std::string text;
  AppendFindingJson(f, positions, &text);
  return nlohmann::ordered_json::parse(text);
}

}  // namespace voicelint
