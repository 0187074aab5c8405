#include <algorithm>
#include <iomanip>
#include <iostream>

#include "cli/cli.h"

namespace voicelint::cli {
namespace {

size_t PhraseCount(const Rule& rule) {
  switch (rule.kind) {
    case RuleKind::kTerm:
      return rule.avoid.size();
    case RuleKind::kPattern:
      return 1;
    case RuleKind::kRequired:
      return rule.any.size();
    case RuleKind::kPreferred:
      return rule.prefer.size();
  }
  return 0;
}

std::string Where(const Rule& rule) { return rule.file + ":" + std::to_string(rule.pos.line); }

std::string Join(const std::vector<Located>& items) {
  std::string out;
  for (const Located& item : items) out += (out.empty() ? "" : ", ") + item.text;
  return out;
}

}  // namespace

int RunRulesList(const CommonOptions& options) {
  EngineCache engines(options);
  Engine* engine = engines.Default();
  if (engine == nullptr) return kExitError;
  const std::vector<Rule>& rules = engine->ruleset->rules();
  if (options.format == "json") {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const Rule& rule : rules) {
      list.push_back({{"id", rule.id},
                      {"kind", KindName(rule.kind)},
                      {"level", LevelName(rule.level)},
                      {"language", rule.language},
                      {"phrases", PhraseCount(rule)},
                      {"file", rule.file},
                      {"line", rule.pos.line}});
    }
    std::cout << list.dump(2) << "\n";
    return kExitClean;
  }
  size_t id_width = 2;
  for (const Rule& rule : rules) id_width = std::max(id_width, rule.id.size());
  std::cout << std::left << std::setw(static_cast<int>(id_width)) << "ID"
            << "  " << std::setw(10) << "LEVEL" << std::setw(10) << "KIND" << std::setw(6) << "LANG"
            << std::right << std::setw(7) << "PHRASES"
            << "  DEFINED AT\n";
  for (const Rule& rule : rules) {
    std::cout << std::left << std::setw(static_cast<int>(id_width)) << rule.id << "  "
              << std::setw(10) << LevelName(rule.level) << std::setw(10) << KindName(rule.kind)
              << std::setw(6) << rule.language << std::right << std::setw(7) << PhraseCount(rule)
              << "  " << Where(rule) << "\n";
  }
  std::cout << rules.size() << " rules\n";
  return kExitClean;
}

int RunRulesExplain(const std::string& id, const CommonOptions& options) {
  EngineCache engines(options);
  Engine* engine = engines.Default();
  if (engine == nullptr) return kExitError;
  const Rule* rule = engine->ruleset->Find(id);
  if (rule == nullptr) {
    for (const Rule& r : engine->ruleset->rules()) {
      if (r.local_id == id) rule = &r;
    }
  }
  if (rule == nullptr) {
    std::cerr << "voicelint: error: no rule '" << id << "'";
    std::vector<std::string> near;
    for (const Rule& r : engine->ruleset->rules()) {
      if (r.id.find(id) != std::string::npos || id.find(r.local_id) != std::string::npos) {
        near.push_back(r.id);
      }
    }
    if (!near.empty() && near.size() <= 8) {
      std::cerr << "; did you mean";
      for (size_t i = 0; i < near.size(); ++i) std::cerr << (i ? ", " : " ") << near[i];
      std::cerr << "?";
    }
    std::cerr << " (see 'voicelint rules list')\n";
    return kExitError;
  }
  std::cout << rule->id << " (" << LevelName(rule->level) << ", " << KindName(rule->kind) << ", "
            << rule->language << ")\n";
  std::cout << "  defined at  " << Where(*rule) << "\n";
  std::cout << "  message     " << rule->message << "\n";
  if (!rule->avoid.empty()) std::cout << "  avoid       " << Join(rule->avoid) << "\n";
  if (!rule->regex.text.empty()) std::cout << "  regex       " << rule->regex.text << "\n";
  if (!rule->when.empty()) std::cout << "  when        " << Join(rule->when) << "\n";
  if (!rule->any.empty()) std::cout << "  any of      " << Join(rule->any) << "\n";
  if (!rule->prefer.empty()) std::cout << "  prefer      " << Join(rule->prefer) << "\n";
  if (!rule->exceptions.empty()) std::cout << "  exceptions  " << Join(rule->exceptions) << "\n";
  std::cout << "  boundary    " << (rule->word_boundary ? "word" : "none") << "\n";
  std::cout << "  case        " << (rule->case_sensitive ? "sensitive" : "insensitive") << "\n";
  for (const Located& e : rule->flag_examples) std::cout << "  flags       " << e.text << "\n";
  for (const Located& e : rule->pass_examples) std::cout << "  passes      " << e.text << "\n";
  return kExitClean;
}

int RunRulesTest(const std::vector<std::string>& paths, const CommonOptions& options) {
  CommonOptions with_paths = options;
  if (!paths.empty()) with_paths.rules = paths;
  EngineCache engines(with_paths);
  Engine* engine = engines.Default();
  if (engine == nullptr) return kExitError;
  const Ruleset& ruleset = *engine->ruleset;
  CheckOptions check;
  check.min_level = Level::kSuggestion;
  size_t examples = 0;
  size_t failures = 0;
  auto fail = [&](const Rule& rule, const Located& example, const std::string& what) {
    ++failures;
    std::cerr << rule.file << ":" << example.pos.line << ":" << example.pos.column
              << ": error: " << what << " [" << rule.id << "]\n  " << example.text << "\n";
  };
  auto describe = [](const CheckResult& r) {
    std::string out;
    for (const Finding& f : r.findings)
      out += (out.empty() ? "" : ", ") + f.rule->id + " on \"" + f.match + "\"";
    return out.empty() ? std::string("no finding") : out;
  };
  for (const Rule& rule : ruleset.rules()) {
    for (const Located& example : rule.flag_examples) {
      ++examples;
      const CheckResult r = Check(ruleset, *engine->scratch, example.text, check);
      const bool flagged = std::any_of(r.findings.begin(), r.findings.end(),
                                       [&](const Finding& f) { return f.rule == &rule; });
      if (!flagged) {
        fail(rule, example, "flag example was not flagged (got " + describe(r) + ")");
        continue;
      }
      const std::string fixed = ApplyFixes(example.text, r.findings, Applicability::kUnsafe);
      const CheckResult again = Check(ruleset, *engine->scratch, fixed, check);
      const std::string twice = ApplyFixes(fixed, again.findings, Applicability::kUnsafe);
      if (twice != fixed) {
        fail(rule, example,
             "fixing twice changes the text again: \"" + fixed + "\" -> \"" + twice + "\"");
      }
    }
    // A fix example: `from` is flagged, and this rule's own fixes (safe or
    // not) turn it into exactly `to`.
    for (const FixExample& example : rule.fix_examples) {
      ++examples;
      const CheckResult r = Check(ruleset, *engine->scratch, example.from.text, check);
      std::vector<Finding> own;
      for (const Finding& f : r.findings) {
        if (f.rule == &rule) own.push_back(f);
      }
      if (own.empty()) {
        fail(rule, example.from, "fix example was not flagged (got " + describe(r) + ")");
        continue;
      }
      const std::string fixed = ApplyFixes(example.from.text, own, Applicability::kUnsafe);
      if (fixed != example.to.text) {
        fail(rule, example.to, "fix example gives \"" + fixed + "\"");
      }
    }
    for (const Located& example : rule.pass_examples) {
      ++examples;
      const CheckResult r = Check(ruleset, *engine->scratch, example.text, check);
      const bool flagged = std::any_of(r.findings.begin(), r.findings.end(),
                                       [&](const Finding& f) { return f.rule == &rule; });
      if (flagged) fail(rule, example, "pass example was flagged (" + describe(r) + ")");
    }
  }
  std::cout << examples << " examples of " << ruleset.rules().size()
            << " rules: " << examples - failures << " passed, " << failures << " failed\n";
  return failures == 0 ? kExitClean : kExitFindings;
}

}  // namespace voicelint::cli
