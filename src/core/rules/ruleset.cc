#include "core/rules/ruleset.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <unordered_map>

#include "core/text/utf8.h"

namespace voicelint {

struct RegexSet::Impl {
  explicit Impl(const RE2::Options& options) : set(options, RE2::UNANCHORED) {}
  RE2::Set set;
  std::vector<std::unique_ptr<RE2>> each;
};

RegexSet::~RegexSet() = default;

bool RegexSet::Matching(std::string_view text, std::vector<int>* which) const {
  which->clear();
  RE2::Set::ErrorInfo info{};
  if (!impl_->set.Match(re2::StringPiece(text.data(), text.size()), which, &info)) {
    return info.kind == RE2::Set::kNoError;
  }
  std::sort(which->begin(), which->end());
  return true;
}

bool RegexSet::Next(int index, std::string_view text, size_t from, size_t* begin,
                    size_t* end) const {
  const RE2& re = *impl_->each[static_cast<size_t>(index)];
  re2::StringPiece match;
  const re2::StringPiece input(text.data(), text.size());
  if (!re.Match(input, from, text.size(), RE2::UNANCHORED, &match, 1)) return false;
  *begin = static_cast<size_t>(match.data() - text.data());
  *end = *begin + match.size();
  return true;
}

namespace {

// Regex patterns see text whose Han characters were folded to Simplified; fold
// the pattern's own Han characters the same way (they are never metacharacters).
std::string FoldPatternHan(std::string_view pattern) {
  std::string out;
  out.reserve(pattern.size());
  for (size_t i = 0; i < pattern.size();) {
    size_t len;
    const char32_t c = utf8::Decode(pattern, i, &len);
    if (c != utf8::kInvalid && utf8::IsHan(c)) {
      utf8::Append(FoldHan(c), &out);
    } else {
      out.append(pattern.substr(i, len));
    }
    i += len;
  }
  return out;
}

RE2::Options RegexOptions(bool case_sensitive) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(case_sensitive);
  options.set_max_mem(int64_t{64} << 20);
  return options;
}

}  // namespace

bool RuleReferenceMatches(std::string_view reference, const Rule& rule) {
  return reference == rule.id || reference == rule.glossary ||
         (reference == rule.local_id && reference.find('.') == std::string_view::npos);
}

Ruleset::Ruleset() : folding_(CaseMode::kFold), keeping_(CaseMode::kKeep) {}
Ruleset::~Ruleset() = default;

bool Ruleset::Knows(std::string_view reference) const {
  if (reference.empty()) return false;
  return std::any_of(names_.begin(), names_.end(), [&](const Names& n) {
    return reference == n.id || reference == n.glossary ||
           (reference == n.local_id && reference.find('.') == std::string_view::npos);
  });
}

const Rule* Ruleset::Find(std::string_view id) const {
  for (const Rule& rule : rules_) {
    if (rule.id == id) return &rule;
  }
  return nullptr;
}

Expected<std::shared_ptr<const Ruleset>> Ruleset::Compile(std::vector<RuleFile> files,
                                                          const RuleOverrides& overrides) {
  std::shared_ptr<Ruleset> rs(new Ruleset());
  Diagnostics errors;
  auto language_kept = [&](const std::string& language) {
    if (overrides.language.empty() || language == "any") return true;
    return language.rfind(overrides.language, 0) == 0;
  };
  std::unordered_map<std::string, const Rule*> seen;
  for (RuleFile& file : files) {
    rs->names_.push_back({"", file.glossary, ""});  // a glossary without rules is known too
    for (Rule& rule : file.rules) {                 // `files` is ours: the kept rules move out
      rs->names_.push_back({rule.id, rule.glossary, rule.local_id});
      if (!language_kept(rule.language)) continue;
      const bool disabled =
          std::any_of(overrides.disabled.begin(), overrides.disabled.end(),
                      [&](const std::string& ref) { return RuleReferenceMatches(ref, rule); });
      if (disabled) continue;
      // A glossary-wide level first, then a rule's own.
      for (const auto& [ref, level] : overrides.levels) {
        if (ref == rule.glossary) rule.level = level;
      }
      for (const auto& [ref, level] : overrides.levels) {
        if (ref != rule.glossary && RuleReferenceMatches(ref, rule)) rule.level = level;
      }
      rs->rules_.push_back(std::move(rule));
    }
  }
  rs->rules_.shrink_to_fit();
  for (const Rule& rule : rs->rules_) {
    auto [it, inserted] = seen.emplace(rule.id, &rule);
    if (!inserted) {
      errors.push_back({rule.file, rule.pos.line, rule.pos.column,
                        "rule '" + rule.id + "' is also defined at " + it->second->file + ":" +
                            std::to_string(it->second->pos.line),
                        ""});
    }
  }

  rs->contexts_.resize(rs->rules_.size());
  for (size_t r = 0; r < rs->rules_.size(); ++r) {
    const Rule& rule = rs->rules_[r];
    Context& c = rs->contexts_[r];
    if (rule.kind != RuleKind::kTerm && rule.kind != RuleKind::kPattern) continue;
    c.positions = rule.positions;
    c.skip = rule.skip;
    c.same_script = !rule.other_scripts && rule.language != "any";
    for (const Located& p : rule.unless_followed_by) {
      c.unless_followed_by.push_back(rs->folding_.NormalizePhrase(p.text));
    }
    for (const Located& p : rule.unless_preceded_by) {
      c.unless_preceded_by.push_back(rs->folding_.NormalizePhrase(p.text));
    }
    c.any = c.positions != 0b111 || c.skip != 0 || c.same_script || !c.unless_followed_by.empty() ||
            !c.unless_preceded_by.empty();
  }

  // Literal phrases, deduplicated, each with what it means to which rule.
  std::vector<std::string> phrases;
  std::vector<std::vector<Entry>> meanings;
  std::unordered_map<std::string, uint32_t> phrase_ids;
  auto add = [&](const Rule* rule, const Located& phrase, EntryKind kind) {
    std::string normalized = rs->folding_.NormalizePhrase(phrase.text);
    if (normalized.empty() || normalized.find('\n') != std::string::npos) {
      errors.push_back({rule ? rule->file : overrides.source, phrase.pos.line, phrase.pos.column,
                        "phrase \"" + phrase.text + "\" is empty after normalization", ""});
      return;
    }
    Entry entry{rule ? rs->IndexOf(*rule) : 0, kind, ~0u};
    if (kind == EntryKind::kAvoid && rule->case_sensitive) {
      entry.kept = static_cast<uint32_t>(rs->kept_phrases_.size());
      rs->kept_phrases_.push_back(rs->keeping_.NormalizePhrase(phrase.text));
    }
    auto [it, inserted] = phrase_ids.emplace(normalized, static_cast<uint32_t>(phrases.size()));
    if (inserted) {
      phrases.push_back(std::move(normalized));
      meanings.emplace_back();
    }
    meanings[it->second].push_back(entry);
  };
  std::vector<std::string> folded_patterns;
  std::vector<std::string> kept_patterns;
  std::vector<uint32_t> folded_rules;
  std::vector<uint32_t> kept_rules;
  for (const Rule& rule : rs->rules_) {
    switch (rule.kind) {
      case RuleKind::kTerm:
        for (const Located& p : rule.avoid) add(&rule, p, EntryKind::kAvoid);
        break;
      case RuleKind::kPreferred:
        for (const Located& p : rule.prefer) add(&rule, p, EntryKind::kPreferred);
        break;
      case RuleKind::kRequired:
        for (const Located& p : rule.when) add(&rule, p, EntryKind::kWhen);
        for (const Located& p : rule.any) add(&rule, p, EntryKind::kAny);
        rs->has_required_ = true;
        break;
      case RuleKind::kPattern:
        (rule.case_sensitive ? kept_patterns : folded_patterns)
            .push_back(FoldPatternHan(rule.regex.text));
        (rule.case_sensitive ? kept_rules : folded_rules).push_back(rs->IndexOf(rule));
        break;
    }
    for (const Located& p : rule.exceptions) add(&rule, p, EntryKind::kException);
  }
  for (const std::string& phrase : overrides.allow) {
    add(nullptr, Located{phrase, {}}, EntryKind::kAllow);
  }

  auto build_set = [&](const std::vector<std::string>& patterns, const std::vector<uint32_t>& rules,
                       bool case_sensitive) -> std::unique_ptr<RegexSet> {
    if (patterns.empty()) return nullptr;
    std::unique_ptr<RegexSet> set(new RegexSet());
    set->impl_ = std::make_unique<RegexSet::Impl>(RegexOptions(case_sensitive));
    set->rules_ = rules;
    for (size_t i = 0; i < patterns.size(); ++i) {
      const Rule& rule = rs->rules_[rules[i]];
      std::string error;
      auto re = std::make_unique<RE2>(patterns[i], RegexOptions(case_sensitive));
      if (!re->ok() || set->impl_->set.Add(patterns[i], &error) < 0) {
        errors.push_back({rule.file, rule.regex.pos.line, rule.regex.pos.column,
                          "invalid regex: " + (re->ok() ? error : re->error()), ""});
        return nullptr;
      }
      set->impl_->each.push_back(std::move(re));
    }
    if (!set->impl_->set.Compile()) {
      errors.push_back({rs->rules_[rules[0]].file, 0, 0, "regex rules too large to compile", ""});
      return nullptr;
    }
    return set;
  };
  rs->folded_regexes_ = build_set(folded_patterns, folded_rules, false);
  rs->kept_regexes_ = build_set(kept_patterns, kept_rules, true);
  if (!errors.empty()) return errors;

  rs->automaton_ = PhraseAutomaton::Build(phrases);
  rs->entry_begin_.reserve(meanings.size() + 1);
  for (const auto& m : meanings) {
    rs->entry_begin_.push_back(static_cast<uint32_t>(rs->entries_.size()));
    rs->entries_.insert(rs->entries_.end(), m.begin(), m.end());
  }
  rs->entry_begin_.push_back(static_cast<uint32_t>(rs->entries_.size()));
  return std::shared_ptr<const Ruleset>(std::move(rs));
}

}  // namespace voicelint
