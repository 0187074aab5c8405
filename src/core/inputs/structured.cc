#include "core/inputs/structured.h"

#include <filesystem>

#include "core/inputs/html_text.h"
#include "core/inputs/structured_internal.h"
#include "core/text/positions.h"
#include "core/text/utf8.h"

namespace voicelint {

namespace structured_internal {

Diagnostic ErrorAt(const std::string& path, std::string_view text, size_t offset,
                   std::string message) {
  PositionIndex positions(text);
  const Position p = positions.At(offset);
  return Diagnostic{path, static_cast<int>(p.line), static_cast<int>(p.column), std::move(message),
                    LineOf(text, static_cast<int>(p.line))};
}

std::string Describe(std::string_view text, size_t offset) {
  if (offset >= text.size()) return "end of file";
  const char c = text[offset];
  if (c == '\n' || c == '\r') return "a line break";
  size_t len;
  const char32_t cp = utf8::Decode(text, offset, &len);
  if (cp == utf8::kInvalid) return "an invalid UTF-8 byte";
  return "'" + std::string(text.substr(offset, len)) + "'";
}

}  // namespace structured_internal

const StructuredValue* StructuredValue::Member(std::string_view key) const {
  for (const auto& [name, value] : members) {
    if (name == key) return &value;
  }
  return nullptr;
}

std::optional<StructuredFormat> StructuredFormatOf(std::string_view path) {
  const std::string ext = std::filesystem::path(path).extension().string();
  if (ext == ".json") return StructuredFormat::kJson;
  if (ext == ".jsonl" || ext == ".ndjson") return StructuredFormat::kJsonLines;
  if (ext == ".yaml" || ext == ".yml") return StructuredFormat::kYaml;
  if (ext == ".csv") return StructuredFormat::kCsv;
  return std::nullopt;
}

Expected<StructuredDocument> ParseStructured(StructuredFormat format, const std::string& path,
                                             std::string_view text) {
  switch (format) {
    case StructuredFormat::kJson:
      return ParseJson(path, text);
    case StructuredFormat::kJsonLines:
      return ParseJsonLines(path, text);
    case StructuredFormat::kYaml:
      return ParseYaml(path, text);
    case StructuredFormat::kCsv:
      return ParseCsv(path, text);
  }
  return ParseJson(path, text);
}

// --- Field paths ---------------------------------------------------------------

namespace {

using Step = FieldPath::Step;

bool IsPlainKeyChar(char c) {
  return c != '.' && c != '[' && c != ']' && c != '"' && c != ' ' && c != '*';
}

Diagnostic PathError(size_t at, std::string message) {
  Diagnostic d;
  d.column = static_cast<int>(at + 1);
  d.message = std::move(message);
  return d;
}

}  // namespace

Expected<FieldPath> FieldPath::Parse(std::string_view text) {
  FieldPath path;
  size_t i = 0;
  if (text.empty()) return PathError(0, "empty field path");
  bool need_key = true;  // at the start or after '.'
  while (i < text.size()) {
    const char c = text[i];
    if (c == '[') {
      const size_t close = text.find(']', i);
      if (close == std::string_view::npos) return PathError(i, "'[' without ']'");
      const std::string_view inside = text.substr(i + 1, close - i - 1);
      Step step;
      if (inside == "*") {
        step.kind = Step::Kind::kAnyIndex;
      } else if (inside.size() >= 2 && inside.front() == '"' && inside.back() == '"') {
        step.kind = Step::Kind::kKey;
        step.key = std::string(inside.substr(1, inside.size() - 2));
      } else if (!inside.empty() && inside.find_first_not_of("0123456789") == std::string::npos &&
                 inside.size() < 10) {
        step.kind = Step::Kind::kIndex;
        step.index = std::stoul(std::string(inside));
      } else {
        return PathError(i + 1, "expected [*], [N] or [\"key\"]");
      }
      path.steps_.push_back(std::move(step));
      i = close + 1;
      need_key = false;
      continue;
    }
    if (c == '.') {
      if (need_key) return PathError(i, "expected a key before '.'");
      need_key = true;
      ++i;
      continue;
    }
    if (!need_key) return PathError(i, "expected '.' or '[' between steps");
    Step step;
    if (c == '*') {
      step.kind = Step::Kind::kAnyKey;
      ++i;
    } else {
      const size_t start = i;
      while (i < text.size() && IsPlainKeyChar(text[i])) ++i;
      if (i == start) return PathError(i, "unexpected '" + std::string(1, c) + "'");
      step.key = std::string(text.substr(start, i - start));
    }
    path.steps_.push_back(std::move(step));
    need_key = false;
  }
  if (need_key) return PathError(text.size(), "the path ends with '.'");
  return path;
}

std::string FieldPath::StepsToString(const std::vector<Step>& steps) {
  std::string out;
  for (const Step& s : steps) {
    switch (s.kind) {
      case Step::Kind::kKey: {
        bool plain = !s.key.empty();
        for (char c : s.key) plain &= IsPlainKeyChar(c);
        if (plain) {
          if (!out.empty()) out += '.';
          out += s.key;
        } else {
          out += "[\"" + s.key + "\"]";
        }
        break;
      }
      case Step::Kind::kIndex:
        out += "[" + std::to_string(s.index) + "]";
        break;
      case Step::Kind::kAnyKey:
        if (!out.empty()) out += '.';
        out += '*';
        break;
      case Step::Kind::kAnyIndex:
        out += "[*]";
        break;
    }
  }
  return out;
}

std::string FieldPath::ToString() const { return StepsToString(steps_); }

// --- Selecting messages --------------------------------------------------------------

namespace {

struct Hit {
  const StructuredValue* value;
  std::vector<Step> concrete;  // the steps that led there, wildcards bound
};

// Every value `steps[k..]` reaches from `value`, in document order.
void Walk(const StructuredValue& value, const std::vector<Step>& steps, size_t k,
          std::vector<Step>* trail, std::vector<Hit>* out, bool first_only) {
  if (first_only && !out->empty()) return;
  if (k == steps.size()) {
    out->push_back({&value, *trail});
    return;
  }
  const Step& s = steps[k];
  auto descend = [&](const StructuredValue& child, Step bound) {
    trail->push_back(std::move(bound));
    Walk(child, steps, k + 1, trail, out, first_only);
    trail->pop_back();
  };
  switch (s.kind) {
    case Step::Kind::kKey:
      if (value.kind == StructuredValue::Kind::kObject) {
        if (const StructuredValue* child = value.Member(s.key)) descend(*child, s);
      }
      break;
    case Step::Kind::kAnyKey:
      for (const auto& [name, child] : value.members) {
        descend(child, Step{Step::Kind::kKey, name, 0});
      }
      break;
    case Step::Kind::kIndex:
      if (value.kind == StructuredValue::Kind::kArray && s.index < value.items.size()) {
        descend(value.items[s.index], s);
      }
      break;
    case Step::Kind::kAnyIndex:
      for (size_t i = 0; i < value.items.size(); ++i) {
        descend(value.items[i], Step{Step::Kind::kIndex, "", i});
      }
      break;
  }
}

const StructuredValue* At(const StructuredValue& root, const std::vector<Step>& steps) {
  std::vector<Hit> hits;
  std::vector<Step> trail;
  Walk(root, steps, 0, &trail, &hits, true);
  return hits.empty() ? nullptr : hits.front().value;
}

bool IsWildcard(const Step& s) {
  return s.kind == Step::Kind::kAnyIndex || s.kind == Step::Kind::kAnyKey;
}

std::string ScalarText(const StructuredValue* v) {
  if (v == nullptr || !v->IsScalar() || v->kind == StructuredValue::Kind::kNull) return "";
  return v->text;
}

// The id of the message at `text_steps`: an id path with wildcards takes the
// text's bindings (macros[*].id for macros[3].actions[0].value is macros[3].id);
// one without is looked up in the nearest enclosing object that has it.
std::string ResolveId(const StructuredValue& root, const std::vector<Step>& text_steps,
                      const FieldPath& id) {
  const std::vector<Step>& steps = id.steps();
  bool has_wildcard = false;
  for (const Step& s : steps) has_wildcard |= IsWildcard(s);
  if (has_wildcard) {
    std::vector<Step> bound;
    bool same_prefix = true;
    for (size_t k = 0; k < steps.size(); ++k) {
      if (same_prefix && k < text_steps.size() && IsWildcard(steps[k])) {
        bound.push_back(text_steps[k]);
      } else {
        bound.push_back(steps[k]);
      }
      same_prefix &= k < text_steps.size() && bound.back() == text_steps[k];
    }
    return ScalarText(At(root, bound));
  }
  for (size_t depth = text_steps.size(); depth-- > 0;) {
    const std::vector<Step> parent(text_steps.begin(),
                                   text_steps.begin() + static_cast<std::ptrdiff_t>(depth));
    const StructuredValue* container = At(root, parent);
    if (container == nullptr || container->kind != StructuredValue::Kind::kObject) continue;
    if (const StructuredValue* v = At(*container, steps); v != nullptr && v->IsScalar()) {
      return ScalarText(v);
    }
  }
  return "";
}

// "[7]." before the path of a record of a JSON Lines or CSV file.
std::string RecordPrefix(const StructuredDocument& doc, size_t root) {
  return doc.roots.size() == 1 &&
                 (doc.format == StructuredFormat::kJson || doc.format == StructuredFormat::kYaml)
             ? ""
             : "[" + std::to_string(root) + "]";
}

std::string JoinPath(const std::string& prefix, const std::vector<Step>& steps) {
  std::string rest = FieldPath::StepsToString(steps);
  if (prefix.empty()) return rest;
  if (rest.empty() || rest[0] == '[') return prefix + rest;
  return prefix + "." + rest;
}

StructuredMessage MakeMessage(const StructuredValue& value, bool html) {
  StructuredMessage m;
  m.begin = value.begin;
  m.end = value.end;
  m.html = html;
  if (html) {
    MappedText t = HtmlToText(value.text, value.map);
    m.text = std::move(t.text);
    m.map = std::move(t.map);
  } else {
    m.text = value.text;
    m.map = value.map;
  }
  return m;
}

}  // namespace

std::vector<StructuredMessage> SelectMessages(const StructuredDocument& document,
                                              const FieldSelection& selection) {
  std::vector<StructuredMessage> out;
  for (size_t r = 0; r < document.roots.size(); ++r) {
    const StructuredValue& root = document.roots[r];
    std::vector<Hit> hits;
    std::vector<Step> trail;
    Walk(root, selection.text.steps(), 0, &trail, &hits, false);
    for (const Hit& hit : hits) {
      if (hit.value->kind != StructuredValue::Kind::kString) continue;
      StructuredMessage m = MakeMessage(*hit.value, selection.html);
      m.path = JoinPath(RecordPrefix(document, r), hit.concrete);
      if (selection.id) m.id = ResolveId(root, hit.concrete, *selection.id);
      out.push_back(std::move(m));
    }
  }
  return out;
}

// --- Help-desk presets -------------------------------------------------------------

std::optional<HelpDeskSource> ParseHelpDeskSource(std::string_view name) {
  if (name == "zendesk") return HelpDeskSource::kZendesk;
  if (name == "freshdesk") return HelpDeskSource::kFreshdesk;
  if (name == "intercom") return HelpDeskSource::kIntercom;
  if (name == "helpscout") return HelpDeskSource::kHelpScout;
  return std::nullopt;
}

namespace {

struct Entry {
  const StructuredValue* value;
  std::string path;
};

// The records of an export: the root when it is an array, else the first of
// `keys` (dotted) that holds an array; a single record object as a last resort.
std::vector<Entry> RecordsOf(const StructuredDocument& doc,
                             std::initializer_list<std::string_view> keys,
                             std::string_view single_key) {
  std::vector<Entry> out;
  for (size_t r = 0; r < doc.roots.size(); ++r) {
    const StructuredValue& root = doc.roots[r];
    const std::string prefix = RecordPrefix(doc, r);
    if (root.kind == StructuredValue::Kind::kArray) {
      for (size_t i = 0; i < root.items.size(); ++i) {
        out.push_back({&root.items[i], prefix + "[" + std::to_string(i) + "]"});
      }
      continue;
    }
    bool found = false;
    for (std::string_view key : keys) {
      Expected<FieldPath> path = FieldPath::Parse(key);
      const StructuredValue* list = path ? At(root, path->steps()) : nullptr;
      if (list == nullptr || list->kind != StructuredValue::Kind::kArray) continue;
      for (size_t i = 0; i < list->items.size(); ++i) {
        out.push_back(
            {&list->items[i], JoinPath(prefix, path->steps()) + "[" + std::to_string(i) + "]"});
      }
      found = true;
      break;
    }
    if (found) continue;
    if (!single_key.empty()) {
      if (const StructuredValue* one = root.Member(single_key);
          one != nullptr && one->kind == StructuredValue::Kind::kObject) {
        out.push_back(
            {one, JoinPath(prefix, {Step{Step::Kind::kKey, std::string(single_key), 0}})});
        continue;
      }
    }
    if (root.kind == StructuredValue::Kind::kObject) out.push_back({&root, prefix});
  }
  return out;
}

std::string Sub(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

void AddField(const Entry& record, std::string_view key, bool html,
              std::vector<StructuredMessage>* out) {
  const StructuredValue* v = record.value->Member(key);
  if (v == nullptr || v->kind != StructuredValue::Kind::kString) return;
  StructuredMessage m = MakeMessage(*v, html);
  m.path = Sub(record.path, key);
  m.id = ScalarText(record.value->Member("id"));
  out->push_back(std::move(m));
}

}  // namespace

std::vector<StructuredMessage> SelectHelpDeskMessages(const StructuredDocument& document,
                                                      HelpDeskSource source) {
  std::vector<StructuredMessage> out;
  switch (source) {
    case HelpDeskSource::kZendesk:
      // Macros: {"macros": [{"id", "active", "actions": [{"field", "value"}]}]}; the reply
      // text is the value of a comment_value (plain) or comment_value_html action.
      for (const Entry& macro : RecordsOf(document, {"macros"}, "macro")) {
        const StructuredValue* active = macro.value->Member("active");
        if (active != nullptr && active->kind == StructuredValue::Kind::kBool &&
            active->text == "false") {
          continue;
        }
        const StructuredValue* actions = macro.value->Member("actions");
        if (actions == nullptr || actions->kind != StructuredValue::Kind::kArray) continue;
        for (size_t i = 0; i < actions->items.size(); ++i) {
          const StructuredValue& action = actions->items[i];
          const std::string field = ScalarText(action.Member("field"));
          if (field != "comment_value" && field != "comment_value_html") continue;
          const StructuredValue* value = action.Member("value");
          std::string path = Sub(macro.path, "actions") + "[" + std::to_string(i) + "].value";
          // Some exports give ["channel:all", "text"]: the text is the last string.
          if (value != nullptr && value->kind == StructuredValue::Kind::kArray &&
              !value->items.empty()) {
            path += "[" + std::to_string(value->items.size() - 1) + "]";
            value = &value->items.back();
          }
          if (value == nullptr || value->kind != StructuredValue::Kind::kString) continue;
          StructuredMessage m = MakeMessage(*value, field == "comment_value_html");
          m.path = std::move(path);
          m.id = ScalarText(macro.value->Member("id"));
          out.push_back(std::move(m));
        }
      }
      break;
    case HelpDeskSource::kFreshdesk:
      // Canned responses: [{"id", "title", "content", "content_html"}]; the plain
      // `content` when present (exact positions), else `content_html`.
      for (const Entry& r : RecordsOf(document, {"canned_responses", "responses"}, "")) {
        const StructuredValue* content = r.value->Member("content");
        if (content != nullptr && content->kind == StructuredValue::Kind::kString) {
          AddField(r, "content", false, &out);
        } else {
          AddField(r, "content_html", true, &out);
        }
      }
      break;
    case HelpDeskSource::kIntercom:
      // Saved replies and macros: {"data": [{"id", "name", "body"}]}; body is HTML.
      for (const Entry& r :
           RecordsOf(document, {"data", "saved_replies", "macros", "replies"}, "")) {
        AddField(r, "body", true, &out);
      }
      break;
    case HelpDeskSource::kHelpScout:
      // Saved replies: [{"id", "name", "text"}] or {"_embedded": {"replies": [...]}}; HTML.
      for (const Entry& r :
           RecordsOf(document, {"_embedded.replies", "replies", "saved_replies"}, "")) {
        AddField(r, "text", true, &out);
      }
      break;
  }
  return out;
}

}  // namespace voicelint
