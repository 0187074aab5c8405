#include "report/report.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "report/json_writer.h"

namespace voicelint {

int MessageScore(const CheckResult& result) {
  int score = 100;
  for (const Finding& f : result.findings) {
    switch (f.level) {
      case Level::kError:
        score -= 25;
        break;
      case Level::kWarning:
        score -= 10;
        break;
      case Level::kSuggestion:
        score -= 3;
        break;
    }
  }
  score += 5 * static_cast<int>(std::min<size_t>(result.preferred_used, 3));
  return std::clamp(score, 0, 100);
}

size_t FileReport::FindingCount() const {
  size_t n = 0;
  for (const MessageReport& m : messages) n += m.result.findings.size();
  return n;
}

double FileReport::Score() const {
  if (messages.empty()) return 100.0;
  double total = 0;
  for (const MessageReport& m : messages) total += m.score;
  return total / static_cast<double>(messages.size());
}

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
  for (const MessageReport& m : report.messages) {
    ++messages;
    score_total += m.score;
    for (const Finding& f : m.result.findings) {
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
      const auto [it, inserted] = rule_index.try_emplace(f.rule->id, rule_counts.size());
      if (inserted) {
        rule_counts.emplace_back(f.rule->id, 1);
      } else {
        ++rule_counts[it->second].second;
      }
    }
    if (!m.result.findings.empty()) {
      with_findings.push_back({report.path, m.record ? m.record->Label() : std::string(),
                               m.result.findings.size(), m.score});
    }
    suppressed += m.result.suppressed.size();
    preferred_used += m.result.preferred_used;
  }
}

std::vector<std::pair<std::string, size_t>> Summary::TopRules(size_t n) const {
  std::vector<std::pair<std::string, size_t>> top = rule_counts;
  std::stable_sort(top.begin(), top.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  if (top.size() > n) top.resize(n);
  return top;
}

std::vector<Summary::WorstMessage> Summary::WorstMessages(size_t n) const {
  std::vector<WorstMessage> worst = with_findings;
  std::stable_sort(worst.begin(), worst.end(),
                   [](const auto& a, const auto& b) { return a.findings > b.findings; });
  if (worst.size() > n) worst.resize(n);
  return worst;
}

std::string FormatScore(double score) {
  const double rounded = std::round(score * 10) / 10;
  char buffer[32];
  if (rounded == std::floor(rounded)) {
    std::snprintf(buffer, sizeof buffer, "%.0f", rounded);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.1f", rounded);
  }
  return buffer;
}

nlohmann::ordered_json ScoreJson(double score) {
  const double rounded = std::round(score * 10) / 10;
  if (rounded == std::floor(rounded)) return static_cast<int64_t>(rounded);
  return rounded;
}

std::optional<Format> ParseFormat(std::string_view name) {
  if (name == "text") return Format::kText;
  if (name == "json") return Format::kJson;
  if (name == "jsonl") return Format::kJsonLines;
  if (name == "sarif") return Format::kSarif;
  if (name == "github") return Format::kGithub;
  if (name == "checkstyle") return Format::kCheckstyle;
  if (name == "junit") return Format::kJunit;
  if (name == "rdjsonl") return Format::kRdjsonl;
  return std::nullopt;
}

nlohmann::ordered_json RecordJson(const RecordRef& record) {
  nlohmann::ordered_json j;
  j["id"] = record.id.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(record.id);
  j["path"] = record.path;
  return j;
}

std::string FindingFingerprint(std::string_view rule, std::string_view path,
                               std::string_view record, std::string_view match, size_t occurrence) {
  // FNV-1a over the fields, each followed by a separator byte that cannot
  // occur in UTF-8, so ("ab", "c") and ("a", "bc") differ.
  uint64_t h = 14695981039346656037ull;
  auto mix = [&](std::string_view s) {
    for (char c : s) {
      h ^= static_cast<unsigned char>(c);
      h *= 1099511628211ull;
    }
    h ^= 0xFF;
    h *= 1099511628211ull;
  };
  mix(rule);
  mix(path);
  mix(record);
  mix(match);
  mix(std::to_string(occurrence));
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(h));
  return buffer;
}

void AppendFindingJson(const Finding& f, PositionIndex& positions, std::string* out,
                       const RecordRef* record) {
  const Position begin = positions.At(f.span.begin);
  AppendFindingJson(f, begin, positions.At(f.span.end), out, record);
}

void AppendFindingJson(const Finding& f, const Position& begin, const Position& end,
                       std::string* out, const RecordRef* record) {
  // Written with fixed fragments rather than with JsonWriter calls: this runs
  // once per finding, tens of thousands of times for a large library, and the
  // keys never need escaping. A finding that surely fits is written on the
  // stack and appended; a longer one straight into `out`, with room for the
  // longest it can be made first and what is left over given back.
  const std::string_view level = LevelName(f.level);
  size_t text_bytes = f.rule->id.size() + level.size() + f.message.size() + f.match.size();
  for (const std::string& p : f.suggestions) text_bytes += p.size();
  if (f.fix) text_bytes += f.fix->replacement.size() + f.fix_note.size();
  if (f.suppressed) text_bytes += f.suppressed->size();
  if (record != nullptr) text_bytes += record->id.size() + record->path.size();
  // Keys and punctuation (under 300 bytes), four line and column numbers of
  // at most 10 digits and eight offsets of at most 20, and a comma and two
  // quotes per suggestion.
  const size_t fixed_bytes = 640 + 3 * f.suggestions.size();
  const size_t bound = fixed_bytes + JsonWriter::QuotedBound(text_bytes) + 2 * 8;
  constexpr size_t kLocal = 2048;
  char local[kLocal];
  const size_t at = out->size();
  if (bound > kLocal) out->resize(at + bound);
  char* const start = bound > kLocal ? out->data() + at : local;
  char* o = start;
  auto literal = [&](std::string_view s) {
    std::memcpy(o, s.data(), s.size());
    o += s.size();
  };
  auto quoted = [&](std::string_view text) { o = JsonWriter::WriteQuoted(text, o); };
  auto number = [&](size_t n) { o = std::to_chars(o, o + 24, n).ptr; };
  auto pair = [&](std::string_view key, size_t a, size_t b) {
    literal(key);
    number(a);
    *o++ = ',';
    number(b);
    *o++ = ']';
  };
  literal("{\"rule\":");
  quoted(f.rule->id);
  literal(",\"level\":");
  quoted(level);
  literal(",\"message\":");
  quoted(f.message);
  literal(",\"match\":");
  quoted(f.match);
  literal(",\"line\":");
  number(begin.line);
  literal(",\"column\":");
  number(begin.column);
  literal(",\"end_line\":");
  number(end.line);
  literal(",\"end_column\":");
  number(end.column);
  pair(",\"offset\":{\"byte\":[", begin.byte, end.byte);
  pair(",\"utf16\":[", begin.utf16, end.utf16);
  pair(",\"codepoint\":[", begin.codepoint, end.codepoint);
  literal("},\"suggestions\":[");
  for (size_t k = 0; k < f.suggestions.size(); ++k) {
    if (k > 0) *o++ = ',';
    quoted(f.suggestions[k]);
  }
  literal("],\"applicability\":");
  quoted(ApplicabilityName(f.applicability));
  literal(",\"fix\":");
  if (f.fix) {
    pair("{\"byte\":[", f.fix->span.begin, f.fix->span.end);
    literal(",\"replacement\":");
    quoted(f.fix->replacement);
    literal(",\"applicability\":");
    quoted(ApplicabilityName(f.applicability));
    if (!f.fix_note.empty()) {
      literal(",\"note\":");
      quoted(f.fix_note);
    }
    *o++ = '}';
  } else {
    literal("null");
  }
  if (f.suppressed) {
    literal(",\"suppressed\":{\"reason\":");
    quoted(*f.suppressed);
    *o++ = '}';
  }
  if (record != nullptr) {
    literal(",\"record\":{\"id\":");
    if (record->id.empty()) {
      literal("null");
    } else {
      quoted(record->id);
    }
    literal(",\"path\":");
    quoted(record->path);
    *o++ = '}';
  }
  *o++ = '}';
  if (start == local) {
    out->append(local, static_cast<size_t>(o - local));
  } else {
    out->resize(at + static_cast<size_t>(o - start));
  }
}

nlohmann::ordered_json FindingJson(const Finding& f, PositionIndex& positions) {
  std::string text;
  AppendFindingJson(f, positions, &text);
  return nlohmann::ordered_json::parse(text);
}

}  // namespace voicelint
