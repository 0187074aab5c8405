#include "core/rules/rule_parser.h"

#include <gtest/gtest.h>

namespace voicelint {
namespace {

Diagnostics Errors(std::string_view yaml) {
  Expected<RuleFile> file = ParseRuleFile("pack.yml", yaml);
  EXPECT_FALSE(file.ok()) << "expected errors for:\n" << yaml;
  return file.errors();
}

void ExpectError(const std::string& yaml, int line, int column, std::string_view fragment) {
  const Diagnostics errors = Errors(yaml);
  ASSERT_FALSE(errors.empty());
  bool found = false;
  for (const Diagnostic& d : errors) {
    if (d.line == line && d.column == column && d.message.find(fragment) != std::string::npos) {
      found = true;
      EXPECT_EQ(d.file, "pack.yml");
      EXPECT_EQ(d.source_line, LineOf(yaml, line));
    }
  }
  std::string all;
  for (const Diagnostic& d : errors) all += d.ToString() + "\n";
  EXPECT_TRUE(found) << "wanted " << line << ":" << column << " '" << fragment << "', got:\n"
                     << all;
}

TEST(RuleParser, ParsesTheFullFormat) {
  Expected<RuleFile> file = ParseRuleFile("pack.yml", R"(
glossary: ritz
language: en
description: Test pack.
defaults: {level: suggestion, boundary: word, case: insensitive}
terms:
  - id: casual-greeting
    avoid: [hey, hiya]
    prefer: [Hello]
    message: Greet warmly; "{match}" -> "{prefer}".
    level: warning
    exceptions: [hey jude]
    examples: {flag: ["Hey there"], pass: ["They said"]}
  - id: courtesy
    prefer: [certainly]
patterns:
  - id: wait
    regex: 'wait (?:a )?sec'
    prefer: [one moment]
    case: sensitive
required:
  - id: apology
    when: [delay]
    any: [sorry]
)");
  ASSERT_TRUE(file.ok()) << file.errors().front().ToString();
  ASSERT_EQ(file->rules.size(), 4u);
  const Rule& greeting = file->rules[0];
  EXPECT_EQ(greeting.id, "ritz.casual-greeting");
  EXPECT_EQ(greeting.kind, RuleKind::kTerm);
  EXPECT_EQ(greeting.level, Level::kWarning);
  EXPECT_EQ(greeting.avoid.size(), 2u);
  EXPECT_EQ(greeting.avoid[1].pos.line, 8);
  EXPECT_EQ(greeting.flag_examples.at(0).text, "Hey there");
  EXPECT_EQ(file->rules[1].kind, RuleKind::kPreferred);
  EXPECT_EQ(file->rules[1].level, Level::kSuggestion);
  EXPECT_EQ(file->rules[2].kind, RuleKind::kPattern);
  EXPECT_TRUE(file->rules[2].case_sensitive);
  EXPECT_EQ(file->rules[3].kind, RuleKind::kRequired);
  EXPECT_EQ(FormatMessage(greeting, "Hey"), "Greet warmly; \"Hey\" -> \"Hello\".");
}

TEST(RuleParser, ReportsYamlSyntaxErrorsWithPosition) {
  ExpectError("glossary: g\nterms:\n  - id: a\n    avoid: [x, y\n", 5, 1, "YAML syntax error");
}

TEST(RuleParser, ReportsUnknownKeys) {
  ExpectError("glossary: g\nterms:\n  - id: a\n    avoid: [x]\n    prefr: [y]\n", 5, 5,
              "unknown key 'prefr'");
  ExpectError("glossary: g\nterm: []\n", 2, 1, "unknown key 'term'");
}

TEST(RuleParser, ReportsWrongTypes) {
  ExpectError("glossary: g\nterms:\n  - id: a\n    avoid: {x: 1}\n", 4, 12,
              "must be a list of strings");
  ExpectError("glossary: g\nterms:\n  - id: [a]\n    avoid: [x]\n", 3, 9, "'id' must be a string");
}

TEST(RuleParser, ReportsDuplicateIds) {
  ExpectError("glossary: g\nterms:\n  - id: a\n    avoid: [x]\n  - id: a\n    avoid: [y]\n", 5, 9,
              "duplicate id 'a' (first defined on line 3)");
}

TEST(RuleParser, ReportsEmptyAvoid) {
  ExpectError("glossary: g\nterms:\n  - id: a\n    avoid: []\n", 4, 12, "'avoid' is empty");
  ExpectError("glossary: g\nterms:\n  - id: a\n    avoid: ['  ']\n", 4, 13, "empty phrase");
}

TEST(RuleParser, ReportsInvalidRegex) {
  ExpectError("glossary: g\npatterns:\n  - id: a\n    regex: 'wait (sec'\n", 4, 12,
              "invalid regex");
  ExpectError("glossary: g\npatterns:\n  - id: a\n    regex: 'x*'\n", 4, 12,
              "matches the empty string");
}

TEST(RuleParser, ReportsBadValues) {
  ExpectError("glossary: g\nterms:\n  - id: a\n    avoid: [x]\n    level: fatal\n", 5, 12,
              "'level' must be error, warning or suggestion");
  ExpectError("glossary: g\ndefaults:\n  boundary: sentence\n", 3, 13,
              "'boundary' must be word or none");
  ExpectError("glossary: g\nlanguage: fr\n", 2, 11, "'language' must be");
}

TEST(RuleParser, ReportsUnknownPlaceholders) {
  ExpectError("glossary: g\nterms:\n  - id: a\n    avoid: [x]\n    message: Use {prefered}\n", 5,
              14, "unknown placeholder {prefered}");
  ExpectError("glossary: g\nterms:\n  - id: a\n    avoid: [x]\n    message: Use {prefer}\n", 5, 14,
              "no 'prefer'");
}

TEST(RuleParser, ReportsMissingPieces) {
  ExpectError("terms: []\n", 1, 1, "missing 'glossary'");
  ExpectError("glossary: g\nterms:\n  - avoid: [x]\n", 3, 5, "has no 'id'");
  ExpectError("glossary: g\nterms:\n  - id: a\n", 3, 5, "needs 'avoid'");
  ExpectError("", 1, 1, "empty");
}

TEST(RuleParser, ReportsInvalidUtf8WithPosition) {
  ExpectError("glossary: g\nterms:\n  - id: a\n    avoid: [\xE4\xBD\xA0\xFF]\n", 4, 14,
              "invalid UTF-8");
}

TEST(RuleParser, CollectsAllErrorsOfAFile) {
  const Diagnostics errors = Errors(
      "glossary: g\nterms:\n  - id: a\n    avoid: []\n  - id: b\n    avoid: [x]\n    level: loud\n"
      "patterns:\n  - id: c\n    regex: '('\n");
  EXPECT_EQ(errors.size(), 3u);
}

TEST(RuleParser, ColumnsCountCodePoints) {
  ExpectError("glossary: g\nterms:\n  - id: a\n    avoid: [你好, {}]\n", 4, 17, "must be strings");
}

}  // namespace
}  // namespace voicelint
