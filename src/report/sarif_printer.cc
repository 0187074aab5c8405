// SARIF 2.1.0 (OASIS), as GitHub code scanning and other CI dashboards read it.
//
// Columns count Unicode code points (run.columnKind "unicodeCodePoints"), as
// every other voicelint column does; charOffset and charLength are in the
// same unit. partialFingerprints hash rule, file, record, matched text and
// the occurrence among equal findings, never the line, so they survive edits
// elsewhere in the file.
//
// Results are written as they come, one per line, before the rules they use
// (JSON members have no order), so a library of a million messages needs no
// document tree in memory.
#include <map>

#include "report/report.h"

namespace voicelint {
namespace {

using Json = nlohmann::ordered_json;

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

const char* SarifLevel(Level level) {
  switch (level) {
    case Level::kError:
      return "error";
    case Level::kWarning:
      return "warning";
    case Level::kSuggestion:
      return "note";
  }
  return "warning";
}

// A relative URI reference for a path: unreserved characters and '/' as they
// are, everything else percent-encoded byte by byte.
std::string PathToUri(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : path) {
    const auto b = static_cast<unsigned char>(c);
    const bool keep = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) {
      out += c;
    } else {
      out += '%';
      out += kHex[b >> 4];
      out += kHex[b & 15];
    }
  }
  if (out.starts_with("./")) out.erase(0, 2);
  return out;
}

Json RuleDescriptor(const Rule& rule) {
  std::string avoid;
  for (const Located& a : rule.avoid) avoid += (avoid.empty() ? "\"" : ", \"") + a.text + "\"";
  std::string prefer;
  for (const Located& p : rule.prefer) prefer += (prefer.empty() ? "\"" : ", \"") + p.text + "\"";
  std::string short_text;
  if (!avoid.empty()) {
    short_text = "Avoid " + avoid;
  } else if (rule.kind == RuleKind::kPattern) {
    short_text = "Avoid phrasing matching /" + rule.regex.text + "/";
  } else {
    short_text = "Brand-voice rule " + rule.id;
  }
  // The message template, filled in with the rule's first phrase and replacement.
  std::string help = rule.message.empty() ? short_text + "." : rule.message;
  const std::string example_match = rule.avoid.empty() ? "..." : rule.avoid.front().text;
  const std::string example_prefer = rule.prefer.empty() ? "..." : rule.prefer.front().text;
  for (const auto& [key, value] : {std::pair<std::string, std::string>{"{match}", example_match},
                                   {"{prefer}", example_prefer}}) {
    for (size_t at = help.find(key); at != std::string::npos;
         at = help.find(key, at + value.size())) {
      help.replace(at, key.size(), value);
    }
  }
  if (!prefer.empty()) help += " Preferred: " + prefer + ".";
  Json d;
  d["id"] = rule.id;
  d["shortDescription"] = {{"text", short_text}};
  d["fullDescription"] = {{"text", help}};
  d["help"] = {{"text", help}};
  d["defaultConfiguration"] = {{"level", SarifLevel(rule.level)}};
  d["properties"] = {{"definedIn", rule.file + ":" + std::to_string(rule.pos.line)}};
  return d;
}

class SarifPrinter : public Printer {
 public:
  SarifPrinter(std::ostream& out, const PrinterOptions& options)
      : out_(out), version_(options.tool_version) {
    out_ << "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\","
            "\"runs\":[{\"columnKind\":\"unicodeCodePoints\",\"results\":[";
  }

  void File(const FileReport& report) override {
    const std::string uri = PathToUri(report.path);
    if (report.error) {
      notifications_.push_back(
          {{"level", "error"},
           {"message", {{"text", report.path + ": " + *report.error}}},
           {"locations", {{{"physicalLocation", {{"artifactLocation", {{"uri", uri}}}}}}}}});
      return;
    }
    if (report.skipped) return;
    PositionIndex positions(report.text);
    PositionIndex fix_positions(report.text);  // fixes may begin before their finding
    for (const MessageReport& m : report.messages) {
      for (const Finding& f : m.result.findings)
        Result(report, uri, m, f, positions, fix_positions);
    }
  }

  void Finish(const Summary& s) override {
    Json driver;
    driver["name"] = "voicelint";
    driver["version"] = version_;
    driver["rules"] = std::move(rules_);
    Json invocation = {{"executionSuccessful", notifications_.empty()}};
    if (!notifications_.empty()) invocation["toolExecutionNotifications"] = notifications_;
    const Json properties = {
        {"messages", s.messages}, {"score", ScoreJson(s.Score())}, {"baselined", s.baselined}};
    out_ << (results_ > 0 ? "\n" : "") << "],\n\"tool\":" << Dump({{"driver", std::move(driver)}})
         << ",\n\"invocations\":" << Dump(Json::array({std::move(invocation)}))
         << ",\n\"properties\":" << Dump(properties) << "}]}\n";
  }

 private:
  size_t RuleIndex(const Rule& rule) {
    auto [it, inserted] = rule_index_.emplace(rule.id, rules_.size());
    if (inserted) rules_.push_back(RuleDescriptor(rule));
    return it->second;
  }

  void Result(const FileReport& report, const std::string& uri, const MessageReport& m,
              const Finding& f, PositionIndex& positions, PositionIndex& fix_positions) {
    const Position begin = positions.At(f.span.begin);
    const Position end = positions.At(f.span.end);
    const Json region = {
        {"startLine", begin.line},       {"startColumn", begin.column},
        {"endLine", end.line},           {"endColumn", end.column},
        {"charOffset", begin.codepoint}, {"charLength", end.codepoint - begin.codepoint}};
    const std::string record = m.record ? m.record->Label() : std::string();
    const std::string key = f.rule->id + '\x1f' + report.path + '\x1f' + record + '\x1f' + f.match;
    const size_t occurrence = occurrences_[key]++;
    Json r;
    r["ruleId"] = f.rule->id;
    r["ruleIndex"] = RuleIndex(*f.rule);
    r["level"] = SarifLevel(f.level);
    std::string text = f.message;
    if (m.record) text += " (record " + m.record->Label() + ")";
    r["message"] = {{"text", text}};
    r["locations"] = Json::array(
        {{{"physicalLocation", {{"artifactLocation", {{"uri", uri}}}, {"region", region}}}}});
    r["partialFingerprints"] = {
        {"voicelintFinding/v1",
         FindingFingerprint(f.rule->id, report.path, record, f.match, occurrence)}};
    if (f.fix) {
      const Position fb = fix_positions.At(f.fix->span.begin);
      const Position fe = fix_positions.At(f.fix->span.end);
      const Json fix_region = {
          {"startLine", fb.line},       {"startColumn", fb.column},
          {"endLine", fe.line},         {"endColumn", fe.column},
          {"charOffset", fb.codepoint}, {"charLength", fe.codepoint - fb.codepoint}};
      const std::string replaced(report.text.substr(f.fix->span.begin, f.fix->span.size()));
      Json replacement = {{"deletedRegion", fix_region},
                          {"insertedContent", {{"text", f.fix->replacement}}}};
      Json fix_properties = {{"applicability", ApplicabilityName(f.applicability)}};
      if (!f.fix_note.empty()) fix_properties["note"] = f.fix_note;
      r["fixes"] = Json::array(
          {{{"description",
             {{"text", "Replace \"" + replaced + "\" with \"" + f.fix->replacement + "\"" +
                           (f.applicability == Applicability::kSafe ? "" : " (unsafe)")}}},
            {"artifactChanges",
             Json::array({{{"artifactLocation", {{"uri", uri}}},
                           {"replacements", Json::array({std::move(replacement)})}}})},
            {"properties", std::move(fix_properties)}}});
    }
    Json properties = {{"match", f.match}, {"messageScore", m.score}};
    if (m.record) properties["record"] = RecordJson(*m.record);
    r["properties"] = std::move(properties);
    out_ << (results_++ > 0 ? ",\n" : "\n") << Dump(r);
  }

  std::ostream& out_;
  std::string version_;
  Json rules_ = Json::array();
  size_t results_ = 0;  // written so far
  Json notifications_ = Json::array();
  std::map<std::string, size_t> rule_index_;
  std::map<std::string, size_t> occurrences_;
};

}  // namespace

std::unique_ptr<Printer> MakeSarifPrinter(std::ostream& out, const PrinterOptions& options) {
  return std::make_unique<SarifPrinter>(out, options);
}

}  // namespace voicelint
