// Helpers to compile rule files written inline in tests.
#ifndef VOICELINT_TESTS_CORE_TEST_RULES_H_
#define VOICELINT_TESTS_CORE_TEST_RULES_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/lint/linter.h"
#include "core/rules/rule_parser.h"
#include "core/rules/ruleset.h"

namespace voicelint::testing {

// Glossaries shared by the linter tests: English terms, a pattern and a
// required phrase; Chinese terms.
inline constexpr const char* kEnglish = R"(
glossary: en
terms:
  - id: greeting
    avoid: [hey]
    prefer: [Hello]
    exceptions: [hey jude]
  - id: you-people
    avoid: [you people, you guys]
    prefer: [you]
  - id: guys
    avoid: [guys]
    prefer: [everyone]
  - id: ok
    avoid: [ok]
    prefer: [certainly]
  - id: no-problem
    avoid: [no problem]
    prefer: [my pleasure]
  - id: problem
    avoid: [problem]
  - id: brand
    avoid: [Acme]
    prefer: [ACME Corp]
    case: sensitive
  - id: courtesy
    prefer: [certainly, my pleasure]
patterns:
  - id: wait
    regex: 'wait (?:a )?(?:sec|min)s?'
    prefer: [one moment]
required:
  - id: apology
    when: [delay]
    any: [sorry]
)";

inline constexpr const char* kChinese = R"(
glossary: zh
language: zh
terms:
  - id: wei
    avoid: [喂]
    prefer: [您好]
  - id: ni
    avoid: [你]
    prefer: [您]
  - id: nimen
    avoid: [你们]
    prefer: [您]
  - id: bu-zhi-dao
    avoid: [不知道]
    prefer: [我帮您查询一下]
  - id: mei-banfa
    avoid: [没办法]
  - id: ji
    avoid: [急什么]
)";

inline std::shared_ptr<const Ruleset> Compile(const std::vector<std::string>& yamls,
                                              const RuleOverrides& overrides = {}) {
  std::vector<RuleFile> files;
  int n = 0;
  for (const std::string& yaml : yamls) {
    Expected<RuleFile> file = ParseRuleFile("test" + std::to_string(n++) + ".yml", yaml);
    if (!file) {
      for (const Diagnostic& d : file.errors()) ADD_FAILURE() << d.ToString();
      return nullptr;
    }
    files.push_back(std::move(*file));
  }
  Expected<std::shared_ptr<const Ruleset>> rs = Ruleset::Compile(std::move(files), overrides);
  if (!rs) {
    for (const Diagnostic& d : rs.errors()) ADD_FAILURE() << d.ToString();
    return nullptr;
  }
  return *rs;
}

// Checks `text` and returns "rule@match" for each finding, in order.
class Checker {
 public:
  explicit Checker(std::shared_ptr<const Ruleset> rs) : rs_(std::move(rs)), scratch_(*rs_) {}
  CheckResult Run(std::string_view text, InputKind kind = InputKind::kText) {
    CheckOptions options;
    options.input = kind;
    return Check(*rs_, scratch_, text, options);
  }
  std::vector<std::string> Matches(std::string_view text, InputKind kind = InputKind::kText) {
    std::vector<std::string> out;
    for (const Finding& f : Run(text, kind).findings)
      out.push_back(f.rule->local_id + "@" + f.match);
    return out;
  }
  const Ruleset& ruleset() const { return *rs_; }

 private:
  std::shared_ptr<const Ruleset> rs_;
  Scratch scratch_;
};

}  // namespace voicelint::testing

#endif  // VOICELINT_TESTS_CORE_TEST_RULES_H_
