// The C ABI over core (DESIGN section 8): opaque handles around the C++
// objects, status codes, and a try/catch at every entry point so that no C++
// exception crosses into C.
#include "voicelint/voicelint.h"

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <memory>
#include <new>
#include <string>
#include <type_traits>
#include <vector>

#include "core/lint/linter.h"
#include "core/rules/loader.h"
#include "core/rules/rule_parser.h"
#include "core/rules/ruleset.h"
#include "core/text/positions.h"
#include "report/result_json.h"

namespace {

// Tags that tell a live handle of the right type from a freed or foreign one.
constexpr uint32_t kRulesetMagic = 0x766c7273;  // "vlrs"
constexpr uint32_t kScratchMagic = 0x766c7363;  // "vlsc"
constexpr uint32_t kDead = 0xdeadbeef;

thread_local std::string last_error;

int Fail(int status, std::string message) {
  try {
    last_error = std::move(message);
  } catch (...) {
    last_error.clear();
  }
  return status;
}

int Succeed() {
  last_error.clear();
  return VL_OK;
}

// Runs `body` (which returns a vl_status) and turns any escaping exception
// into a status code.
template <typename Body>
int Guard(Body&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return Fail(VL_ERR_NOMEM, "out of memory");
  } catch (const std::exception& e) {
    return Fail(VL_ERR_INTERNAL, std::string("internal error: ") + e.what());
  } catch (...) {
    return Fail(VL_ERR_INTERNAL, "internal error");
  }
}

std::string Headlines(const voicelint::Diagnostics& diagnostics) {
  std::string out;
  for (const voicelint::Diagnostic& d : diagnostics) {
    if (!out.empty()) out += '\n';
    out += d.Headline();
  }
  return out;
}

// A malloc'd NUL-terminated copy, for buffers the caller frees with vl_free.
char* CopyOut(const std::string& s) {
  char* buffer = static_cast<char*>(std::malloc(s.size() + 1));
  if (buffer == nullptr) throw std::bad_alloc();
  std::memcpy(buffer, s.data(), s.size());
  buffer[s.size()] = '\0';
  return buffer;
}

}  // namespace

struct vl_ruleset {
  uint32_t magic = kRulesetMagic;
  std::shared_ptr<const voicelint::Ruleset> ruleset;
};

struct vl_scratch {
  uint32_t magic = kScratchMagic;
  const vl_ruleset* owner;  // checks with another ruleset are refused
  voicelint::Scratch scratch;
  explicit vl_scratch(const vl_ruleset* o) : owner(o), scratch(*o->ruleset) {}
};

struct vl_result {
  // The rules the findings point to stay alive as long as the result.
  std::shared_ptr<const voicelint::Ruleset> ruleset;
  std::string text;  // a copy of the checked text, for vl_result_to_json
  voicelint::CheckResult check;
  std::vector<std::vector<const char*>> suggestion_pointers;
  std::vector<vl_finding> findings;
  std::vector<vl_edit> edits;
  std::vector<vl_note> notes;
};

namespace {

bool Valid(const vl_ruleset* r) { return r != nullptr && r->magic == kRulesetMagic; }
bool Valid(const vl_scratch* s) { return s != nullptr && s->magic == kScratchMagic; }

int Compile(vl_ruleset** out, voicelint::Expected<std::vector<voicelint::RuleFile>> files) {
  if (!files) return Fail(VL_ERR_RULES, Headlines(files.errors()));
  auto compiled = voicelint::Ruleset::Compile(std::move(*files));
  if (!compiled) return Fail(VL_ERR_RULES, Headlines(compiled.errors()));
  auto handle = std::make_unique<vl_ruleset>();
  handle->ruleset = std::move(*compiled);
  *out = handle.release();
  return Succeed();
}

// The integer stored in an enum field, without loading it as the enum.
template <typename Enum>
std::underlying_type_t<Enum> RawEnum(const Enum& field) {
  std::underlying_type_t<Enum> raw;
  std::memcpy(&raw, &field, sizeof raw);
  return raw;
}

// Validates the arguments common to vl_check and vl_fix.
int CheckArguments(const vl_ruleset* ruleset, const vl_scratch* scratch, const char* utf8,
                   size_t len, const vl_options* options, voicelint::CheckOptions* check) {
  if (!Valid(ruleset)) return Fail(VL_ERR_ARG, "ruleset is NULL or not a live ruleset");
  if (!Valid(scratch)) return Fail(VL_ERR_ARG, "scratch is NULL or not a live scratch");
  if (scratch->owner != ruleset) {
    return Fail(VL_ERR_ARG, "scratch was made for another ruleset");
  }
  if (utf8 == nullptr && len != 0) return Fail(VL_ERR_ARG, "text is NULL but its length is not 0");
  if (options != nullptr) {
    if (options->struct_size < offsetof(vl_options, unsafe_fixes)) {
      return Fail(VL_ERR_ARG, "options->struct_size is smaller than the vl_options of 0.1");
    }
    // A C caller may store any integer in an enum field, and loading an
    // out-of-range value as a C++ enum is undefined: read the raw integers.
    const auto min_level = RawEnum(options->min_level);
    const auto input = RawEnum(options->input);
    if (min_level < VL_SUGGESTION || min_level > VL_ERROR) {
      return Fail(VL_ERR_ARG, "options->min_level is not a vl_level");
    }
    if (input != VL_INPUT_TEXT && input != VL_INPUT_MARKDOWN) {
      return Fail(VL_ERR_ARG, "options->input is not a vl_input");
    }
    check->min_level = static_cast<voicelint::Level>(min_level);
    check->input =
        input == VL_INPUT_MARKDOWN ? voicelint::InputKind::kMarkdown : voicelint::InputKind::kText;
  }
  return VL_OK;
}

vl_span Span(const voicelint::Position& begin, const voicelint::Position& end, size_t unit) {
  switch (unit) {
    case 0:
      return {begin.byte, end.byte};
    case 1:
      return {begin.utf16, end.utf16};
    default:
      return {begin.codepoint, end.codepoint};
  }
}

// Fills the C views of `result->check` (its strings stay where they are).
void BuildViews(vl_result* result) {
  const std::vector<voicelint::Finding>& findings = result->check.findings;
  result->suggestion_pointers.resize(findings.size());
  result->findings.resize(findings.size());
  result->edits.resize(findings.size());
  voicelint::PositionIndex positions(result->text);
  voicelint::PositionIndex fix_positions(result->text);  // fixes may begin before their finding
  for (size_t i = 0; i < findings.size(); ++i) {
    const voicelint::Finding& f = findings[i];
    std::vector<const char*>& pointers = result->suggestion_pointers[i];
    for (const std::string& s : f.suggestions) pointers.push_back(s.c_str());
    const voicelint::Position begin = positions.At(f.span.begin);
    const voicelint::Position end = positions.At(f.span.end);
    vl_finding& out = result->findings[i];
    out.rule = f.rule->id.c_str();
    out.message = f.message.c_str();
    out.match = f.match.c_str();
    out.level = static_cast<vl_level>(f.level);
    out.byte = Span(begin, end, 0);
    out.utf16 = Span(begin, end, 1);
    out.codepoint = Span(begin, end, 2);
    out.line = begin.line;
    out.column = begin.column;
    out.suggestions = pointers.empty() ? nullptr : pointers.data();
    out.suggestion_count = pointers.size();
    vl_edit& edit = result->edits[i];
    edit = vl_edit{};
    edit.applicability = static_cast<vl_applicability>(f.applicability);
    edit.note = f.fix_note.c_str();
    if (f.fix) {
      const voicelint::Position fb = fix_positions.At(f.fix->span.begin);
      const voicelint::Position fe = fix_positions.At(f.fix->span.end);
      edit.byte = Span(fb, fe, 0);
      edit.utf16 = Span(fb, fe, 1);
      edit.codepoint = Span(fb, fe, 2);
      edit.replacement = f.fix->replacement.c_str();
    }
  }
  voicelint::PositionIndex note_positions(result->text);
  for (const voicelint::InputNote& note : result->check.notes) {
    const voicelint::Position p = note_positions.At(note.offset);
    result->notes.push_back({note.message.c_str(), p.byte, p.line, p.column});
  }
}

}  // namespace

extern "C" {

const char* vl_version(void) { return "0.2.0"; }

const char* vl_last_error(void) { return last_error.c_str(); }

void vl_free(void* buffer) { std::free(buffer); }

int vl_ruleset_default(vl_ruleset** out) {
  return Guard([&] {
    if (out == nullptr) return Fail(VL_ERR_ARG, "out is NULL");
    *out = nullptr;
    return Compile(out, voicelint::LoadDefaultRules());
  });
}

int vl_ruleset_load(vl_ruleset** out, const char* const* paths, size_t count) {
  return Guard([&] {
    if (out == nullptr) return Fail(VL_ERR_ARG, "out is NULL");
    *out = nullptr;
    if (paths == nullptr || count == 0) return Fail(VL_ERR_ARG, "no rule paths given");
    std::vector<std::string> list;
    for (size_t i = 0; i < count; ++i) {
      if (paths[i] == nullptr) return Fail(VL_ERR_ARG, "a rule path is NULL");
      list.emplace_back(paths[i]);
    }
    std::string unreadable;
    for (const std::string& path : list) {
      std::error_code error;
      if (path != "default" && !std::filesystem::exists(path, error)) {
        if (!unreadable.empty()) unreadable += '\n';
        unreadable += path + ": " + (error ? error.message() : "no such file or directory");
      }
    }
    if (!unreadable.empty()) return Fail(VL_ERR_IO, unreadable);
    voicelint::Expected<std::vector<voicelint::RuleFile>> files = voicelint::LoadRulePaths(list);
    if (!files) {
      // A file that exists but cannot be read is an I/O error too; its
      // diagnostic has no line.
      bool io = false;
      for (const voicelint::Diagnostic& d : files.errors()) io = io || d.line == 0;
      return Fail(io ? VL_ERR_IO : VL_ERR_RULES, Headlines(files.errors()));
    }
    return Compile(out, std::move(files));
  });
}

int vl_ruleset_from_string(vl_ruleset** out, const char* yaml, size_t len, const char* name) {
  return Guard([&] {
    if (out == nullptr) return Fail(VL_ERR_ARG, "out is NULL");
    *out = nullptr;
    if (yaml == nullptr) return Fail(VL_ERR_ARG, "yaml is NULL");
    voicelint::Expected<voicelint::RuleFile> file =
        voicelint::ParseRuleFile(name != nullptr ? name : "<string>", std::string_view(yaml, len));
    if (!file) return Fail(VL_ERR_RULES, Headlines(file.errors()));
    std::vector<voicelint::RuleFile> files;
    files.push_back(std::move(*file));
    return Compile(out, std::move(files));
  });
}

size_t vl_ruleset_rule_count(const vl_ruleset* ruleset) {
  return Valid(ruleset) ? ruleset->ruleset->rules().size() : 0;
}

void vl_ruleset_free(vl_ruleset* ruleset) {
  if (!Valid(ruleset)) return;
  ruleset->magic = kDead;
  delete ruleset;
}

int vl_scratch_new(vl_scratch** out, const vl_ruleset* ruleset) {
  return Guard([&] {
    if (out == nullptr) return Fail(VL_ERR_ARG, "out is NULL");
    *out = nullptr;
    if (!Valid(ruleset)) return Fail(VL_ERR_ARG, "ruleset is NULL or not a live ruleset");
    *out = new vl_scratch(ruleset);
    return Succeed();
  });
}

void vl_scratch_free(vl_scratch* scratch) {
  if (!Valid(scratch)) return;
  scratch->magic = kDead;
  delete scratch;
}

int vl_check(const vl_ruleset* ruleset, vl_scratch* scratch, const char* utf8, size_t len,
             const vl_options* options, vl_result** out) {
  return Guard([&] {
    if (out == nullptr) return Fail(VL_ERR_ARG, "out is NULL");
    *out = nullptr;
    voicelint::CheckOptions check;
    if (int status = CheckArguments(ruleset, scratch, utf8, len, options, &check);
        status != VL_OK) {
      return status;
    }
    auto result = std::make_unique<vl_result>();
    result->ruleset = ruleset->ruleset;
    if (len != 0) result->text.assign(utf8, len);
    result->check = voicelint::Check(*ruleset->ruleset, scratch->scratch, result->text, check);
    BuildViews(result.get());
    *out = result.release();
    return Succeed();
  });
}

size_t vl_result_count(const vl_result* result) {
  return result != nullptr ? result->findings.size() : 0;
}

const vl_finding* vl_result_at(const vl_result* result, size_t index) {
  if (result == nullptr || index >= result->findings.size()) return nullptr;
  return &result->findings[index];
}

const vl_edit* vl_result_fix_at(const vl_result* result, size_t index) {
  if (result == nullptr || index >= result->edits.size()) return nullptr;
  return &result->edits[index];
}

size_t vl_result_note_count(const vl_result* result) {
  return result != nullptr ? result->notes.size() : 0;
}

const vl_note* vl_result_note_at(const vl_result* result, size_t index) {
  if (result == nullptr || index >= result->notes.size()) return nullptr;
  return &result->notes[index];
}

size_t vl_result_preferred_used(const vl_result* result) {
  return result != nullptr ? result->check.preferred_used : 0;
}

int vl_result_to_json(const vl_result* result, char** json, size_t* len) {
  return Guard([&] {
    if (json != nullptr) *json = nullptr;
    if (len != nullptr) *len = 0;
    if (result == nullptr || json == nullptr) return Fail(VL_ERR_ARG, "result or json is NULL");
    const std::string text =
        voicelint::DumpJson(voicelint::MessageJson(result->check, result->text));
    *json = CopyOut(text);
    if (len != nullptr) *len = text.size();
    return Succeed();
  });
}

void vl_result_free(vl_result* result) { delete result; }

int vl_fix(const vl_ruleset* ruleset, vl_scratch* scratch, const char* utf8, size_t len,
           const vl_options* options, char** fixed, size_t* fixed_len) {
  return Guard([&] {
    if (fixed != nullptr) *fixed = nullptr;
    if (fixed_len != nullptr) *fixed_len = 0;
    if (fixed == nullptr) return Fail(VL_ERR_ARG, "fixed is NULL");
    voicelint::CheckOptions check;
    if (int status = CheckArguments(ruleset, scratch, utf8, len, options, &check);
        status != VL_OK) {
      return status;
    }
    const std::string_view text = len != 0 ? std::string_view(utf8, len) : std::string_view();
    const voicelint::CheckResult result =
        voicelint::Check(*ruleset->ruleset, scratch->scratch, text, check);
    const bool unsafe = options != nullptr &&
                        options->struct_size >= offsetof(vl_options, unsafe_fixes) + sizeof(int) &&
                        options->unsafe_fixes != 0;
    const std::string out = voicelint::ApplyFixes(
        text, result.findings,
        unsafe ? voicelint::Applicability::kUnsafe : voicelint::Applicability::kSafe);
    *fixed = CopyOut(out);
    if (fixed_len != nullptr) *fixed_len = out.size();
    return Succeed();
  });
}

}  // extern "C"
