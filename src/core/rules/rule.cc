#include "core/rules/rule.h"

namespace voicelint {

std::string_view KindName(RuleKind kind) {
  switch (kind) {
    case RuleKind::kTerm:
      return "term";
    case RuleKind::kPattern:
      return "pattern";
    case RuleKind::kRequired:
      return "required";
    case RuleKind::kPreferred:
      return "preferred";
  }
  return "term";
}

std::string_view LevelName(Level level) {
  switch (level) {
    case Level::kSuggestion:
      return "suggestion";
    case Level::kWarning:
      return "warning";
    case Level::kError:
      return "error";
  }
  return "warning";
}

std::optional<Level> ParseLevel(std::string_view name) {
  if (name == "suggestion") return Level::kSuggestion;
  if (name == "warning") return Level::kWarning;
  if (name == "error") return Level::kError;
  return std::nullopt;
}

std::string_view ApplicabilityName(Applicability applicability) {
  switch (applicability) {
    case Applicability::kDisplay:
      return "display";
    case Applicability::kUnsafe:
      return "unsafe";
    case Applicability::kSafe:
      return "safe";
  }
  return "display";
}

std::string_view SentencePositionName(SentencePosition position) {
  switch (position) {
    case SentencePosition::kStart:
      return "start";
    case SentencePosition::kMiddle:
      return "middle";
    case SentencePosition::kEnd:
      return "end";
  }
  return "middle";
}

const std::string* FixText(const Rule& rule, SentencePosition position) {
  if (rule.kind != RuleKind::kTerm && rule.kind != RuleKind::kPattern) return nullptr;
  const auto& replace = rule.replace[static_cast<size_t>(position)];
  if (replace) return &replace->text;
  return rule.prefer.empty() ? nullptr : &rule.prefer.front().text;
}

std::string FormatMessage(const Rule& rule, std::string_view match) {
  const std::string_view prefer =
      rule.prefer.empty() ? std::string_view() : std::string_view(rule.prefer.front().text);
  std::string out;
  out.reserve(rule.message.size() + match.size() + prefer.size());
  const std::string& m = rule.message;
  for (size_t i = 0; i < m.size();) {
    if (m.compare(i, 7, "{match}") == 0) {
      out += match;
      i += 7;
    } else if (m.compare(i, 8, "{prefer}") == 0) {
      out += prefer;
      i += 8;
    } else {
      out += m[i++];
    }
  }
  return out;
}

}  // namespace voicelint
