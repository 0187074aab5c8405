// The JSON of one checked message, shared by the C API (vl_result_to_json)
// and the MCP server: {"findings": [...], "notes": [...], "summary": {...}}.
// Each finding is FindingJson (DESIGN section 6), so every front end speaks
// the same finding schema.
//
//   nlohmann::ordered_json j = MessageJson(result, text);
//
// Thread-safety: a pure function.
#ifndef VOICELINT_REPORT_RESULT_JSON_H_
#define VOICELINT_REPORT_RESULT_JSON_H_

#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "core/lint/linter.h"

namespace voicelint {

// The findings of `findings` (ordered by span) over `text`, as a JSON array.
nlohmann::ordered_json FindingsJson(const std::vector<Finding>& findings, std::string_view text);

// Notes about the input: [{"message", "line", "column", "byte"}].
nlohmann::ordered_json NotesJson(const std::vector<InputNote>& notes, std::string_view text);

// {"findings", "notes", "summary": {"findings", "error", "warning",
// "suggestion", "preferred_used"}} of one message.
nlohmann::ordered_json MessageJson(const CheckResult& result, std::string_view text);

// Serializes without throwing on invalid UTF-8 inside strings (replaced by U+FFFD).
std::string DumpJson(const nlohmann::ordered_json& json);

}  // namespace voicelint

#endif  // VOICELINT_REPORT_RESULT_JSON_H_
