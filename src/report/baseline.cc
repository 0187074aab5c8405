#include "report/baseline.h"

#include <algorithm>

namespace voicelint {
namespace {

BaselineKey KeyOf(const FileReport& report, const MessageReport& m, const Finding& f) {
  return {f.rule->id, report.path, m.record ? m.record->Label() : std::string(), f.match};
}

}  // namespace

void BaselineBuilder::Add(const FileReport& report) {
  for (const MessageReport& m : report.messages) {
    for (const Finding& f : m.result.findings) ++counts_[KeyOf(report, m, f)];
  }
}

size_t BaselineBuilder::size() const {
  size_t n = 0;
  for (const auto& [key, count] : counts_) n += count;
  return n;
}

std::string BaselineBuilder::ToJson() const {
  nlohmann::ordered_json findings = nlohmann::ordered_json::array();
  for (const auto& [key, count] : counts_) {
    const auto& [rule, path, record, match] = key;
    findings.push_back(
        {{"rule", rule}, {"path", path}, {"record", record}, {"match", match}, {"count", count}});
  }
  nlohmann::ordered_json doc;
  doc["version"] = 1;
  doc["tool"] = "voicelint";
  doc["findings"] = std::move(findings);
  return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

Expected<Baseline> Baseline::Parse(const std::string& path, std::string_view text) {
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded()) {
    return Diagnostic{path, 0, 0, "not a voicelint baseline: malformed JSON", ""};
  }
  const auto bad = [&](const std::string& why) {
    return Diagnostic{path, 0, 0, "not a voicelint baseline: " + why, ""};
  };
  if (!doc.is_object() || !doc.contains("version") || doc["version"] != 1) {
    return bad("expected {\"version\": 1, \"findings\": [...]}");
  }
  if (!doc.contains("findings") || !doc["findings"].is_array()) return bad("no \"findings\" list");
  Baseline baseline;
  size_t index = 0;
  for (const nlohmann::json& f : doc["findings"]) {
    const std::string where = "findings[" + std::to_string(index++) + "]";
    if (!f.is_object()) return bad(where + " is not an object");
    for (const char* key : {"rule", "path", "record", "match"}) {
      if (!f.contains(key) || !f[key].is_string())
        return bad(where + "." + key + " is not a string");
    }
    size_t count = 1;
    if (f.contains("count")) {
      if (!f["count"].is_number_unsigned()) return bad(where + ".count is not a positive number");
      count = f["count"].get<size_t>();
    }
    baseline.remaining_[{f["rule"].get<std::string>(), f["path"].get<std::string>(),
                         f["record"].get<std::string>(), f["match"].get<std::string>()}] += count;
  }
  return baseline;
}

size_t Baseline::Absorb(FileReport* report) {
  seen_paths_.insert(report->path);
  size_t absorbed = 0;
  for (MessageReport& m : report->messages) {
    std::vector<Finding>& findings = m.result.findings;
    auto known = [&](const Finding& f) {
      auto it = remaining_.find(KeyOf(*report, m, f));
      if (it == remaining_.end() || it->second == 0) return false;
      --it->second;
      ++absorbed;
      return true;
    };
    findings.erase(std::remove_if(findings.begin(), findings.end(), known), findings.end());
  }
  return absorbed;
}

std::vector<FixedFinding> Baseline::Fixed() const {
  std::vector<FixedFinding> fixed;
  for (const auto& [key, count] : remaining_) {
    const auto& [rule, path, record, match] = key;
    if (count == 0 || !seen_paths_.contains(path)) continue;
    fixed.push_back({rule, path, record, match, count});
  }
  return fixed;
}

}  // namespace voicelint
