#include "report/result_json.h"

#include "report/report.h"

namespace voicelint {

using Json = nlohmann::ordered_json;

Json FindingsJson(const std::vector<Finding>& findings, std::string_view text) {
  Json array = Json::array();
  PositionIndex positions(text);
  for (const Finding& f : findings) array.push_back(FindingJson(f, positions));
  return array;
}

Json NotesJson(const std::vector<InputNote>& notes, std::string_view text) {
  Json array = Json::array();
  PositionIndex positions(text);
  for (const InputNote& note : notes) {
    const Position p = positions.At(note.offset);
    array.push_back(
        {{"message", note.message}, {"line", p.line}, {"column", p.column}, {"byte", p.byte}});
  }
  return array;
}

Json MessageJson(const CheckResult& result, std::string_view text) {
  size_t by_level[4] = {0, 0, 0, 0};
  for (const Finding& f : result.findings) ++by_level[static_cast<size_t>(f.level)];
  Json j;
  j["findings"] = FindingsJson(result.findings, text);
  j["notes"] = NotesJson(result.notes, text);
  j["summary"] = {{"findings", result.findings.size()},
                  {"error", by_level[static_cast<size_t>(Level::kError)]},
                  {"warning", by_level[static_cast<size_t>(Level::kWarning)]},
                  {"suggestion", by_level[static_cast<size_t>(Level::kSuggestion)]},
                  {"preferred_used", result.preferred_used}};
  return j;
}

std::string DumpJson(const Json& json) {
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace voicelint
