// Parsing glossary files (DESIGN section 2) into `RuleFile`s.
//
//   Expected<RuleFile> file = ParseRuleFile("rules/ritz/en.yml", text);
//
// Every mistake is reported with file:line:col and the quoted line: YAML
// syntax, unknown or duplicate keys, wrong types, bad values, duplicate ids,
// empty phrases, invalid regexes, unknown {placeholders}. All errors of a file
// are collected, not just the first.
//
// Thread-safety: a pure function.
#ifndef VOICELINT_CORE_RULES_RULE_PARSER_H_
#define VOICELINT_CORE_RULES_RULE_PARSER_H_

#include <string>
#include <string_view>

#include "core/rules/rule.h"
#include "core/status.h"

namespace voicelint {

Expected<RuleFile> ParseRuleFile(const std::string& path, std::string_view text);

}  // namespace voicelint

#endif  // VOICELINT_CORE_RULES_RULE_PARSER_H_
