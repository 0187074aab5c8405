// Structured libraries of messages (DESIGN section 5): JSON, JSON Lines, YAML
// and CSV files read into one tree of values in which every string remembers
// where each of its decoded bytes is in the file, and field selectors that
// pick the messages (and their ids) out of that tree.
//
//   Expected<StructuredDocument> doc = ParseStructured(StructuredFormat::kJson, path, text);
//   Expected<FieldPath> text = FieldPath::Parse("macros[*].actions[*].value");
//   for (StructuredMessage& m : SelectMessages(*doc, {*text, FieldPath::Parse("id").value()}))
//     ... Check(ruleset, scratch, m.text, options), then m.map.Begin(span.begin) ...
//
// A syntax error is a Diagnostic at file:line:col (column in code points)
// with the line quoted: "expected ',' or '}' after an object member".
// Thread-safety: pure functions; the results are plain values.
#ifndef VOICELINT_CORE_INPUTS_STRUCTURED_H_
#define VOICELINT_CORE_INPUTS_STRUCTURED_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/inputs/source_map.h"
#include "core/status.h"

namespace voicelint {

struct StructuredValue {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  std::string text;  // a string decoded (UTF-8); a number, true, false or null as written
  SourceMap map;     // decoded `text` -> file bytes (strings and other scalars)
  size_t begin = 0;  // the value's span in the file, bytes, half-open
  size_t end = 0;
  std::vector<std::pair<std::string, StructuredValue>> members;  // kObject, in file order
  std::vector<StructuredValue> items;                            // kArray

  // The member named `key` (the first one), or nullptr.
  const StructuredValue* Member(std::string_view key) const;
  bool IsScalar() const { return kind != Kind::kArray && kind != Kind::kObject; }
};

enum class StructuredFormat { kJson, kJsonLines, kYaml, kCsv };

// By file extension: .json, .jsonl/.ndjson, .yaml/.yml, .csv.
std::optional<StructuredFormat> StructuredFormatOf(std::string_view path);

// One file's records. JSON and YAML have one root; JSON Lines has one root per
// non-blank line and CSV one per data row (an object keyed by the header).
struct StructuredDocument {
  StructuredFormat format = StructuredFormat::kJson;
  std::vector<StructuredValue> roots;
};

// `path` only names the file in diagnostics; offsets are into `text`.
Expected<StructuredDocument> ParseJson(const std::string& path, std::string_view text);
// Every malformed line is reported (each line is independent).
Expected<StructuredDocument> ParseJsonLines(const std::string& path, std::string_view text);
// RFC 4180 with a header row: quoted fields may hold commas, "" and line breaks.
Expected<StructuredDocument> ParseCsv(const std::string& path, std::string_view text);
// Through the rule reader's libyaml tree; a scalar's decoded bytes are aligned with the file from
// its mark (plain, single- and double-quoted, literal and folded block styles).
Expected<StructuredDocument> ParseYaml(const std::string& path, std::string_view text);
Expected<StructuredDocument> ParseStructured(StructuredFormat format, const std::string& path,
                                             std::string_view text);

// A field selector: dotted keys, `[N]` indexes and `[*]` / `*` wildcards,
// e.g. `macros[*].actions[*].value`, `body`, `data[0].text`. Keys with
// other characters can be quoted: `["comment value"]`.
class FieldPath {
 public:
  struct Step {
    enum class Kind { kKey, kIndex, kAnyKey, kAnyIndex };
    Kind kind = Kind::kKey;
    std::string key;
    size_t index = 0;
    bool operator==(const Step&) const = default;
  };
  // A syntax error has column = the offending character (1-based) and no file.
  static Expected<FieldPath> Parse(std::string_view text);
  const std::vector<Step>& steps() const { return steps_; }
  std::string ToString() const;
  static std::string StepsToString(const std::vector<Step>& steps);

 private:
  std::vector<Step> steps_;
};

// One message picked out of a structured file.
struct StructuredMessage {
  std::string text;  // decoded (and, for HTML, stripped) message text
  SourceMap map;     // text -> file bytes
  std::string id;    // the id field's value, or empty
  std::string path;  // where the text is: "macros[3].actions[0].value"; "[7].body" for a line/row
  size_t begin = 0;  // the text field's span in the file (bytes)
  size_t end = 0;
  bool html = false;  // `text` was stripped from HTML
};

struct FieldSelection {
  FieldPath text;
  std::optional<FieldPath> id;  // resolved with the text's wildcards bound, else upward
  bool html = false;            // strip HTML from the text (see html_text.h)
};

// Every scalar that `selection.text` reaches, in file order. Non-string
// scalars (numbers, booleans) are skipped; null and missing fields too.
std::vector<StructuredMessage> SelectMessages(const StructuredDocument& document,
                                              const FieldSelection& selection);

// Ready-made selections for help-desk exports (README "Structured libraries").
enum class HelpDeskSource { kZendesk, kFreshdesk, kIntercom, kHelpScout };
std::optional<HelpDeskSource> ParseHelpDeskSource(std::string_view name);
std::vector<StructuredMessage> SelectHelpDeskMessages(const StructuredDocument& document,
                                                      HelpDeskSource source);

}  // namespace voicelint

#endif  // VOICELINT_CORE_INPUTS_STRUCTURED_H_
