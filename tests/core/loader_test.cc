#include "core/rules/loader.h"

#include <gtest/gtest.h>

#include "test_rules.h"

namespace voicelint {
namespace {

TEST(Config, ParsesEverySetting) {
  Expected<ProjectConfig> c = ParseConfig("/p/.voicelint.yml", R"(
packs: [default, brand]
disable: [ritz.ok]
levels: {ritz.casual-greeting: error}
allow: [OK Corral]
fail-on: error
level: warning
language: en
block-quotes: true
)");
  ASSERT_TRUE(c.ok()) << c.errors().front().ToString();
  EXPECT_EQ(c->packs, (std::vector<std::string>{"default", "/p/brand"}));
  EXPECT_EQ(c->overrides.disabled, std::vector<std::string>{"ritz.ok"});
  EXPECT_EQ(c->overrides.levels.at(0).second, Level::kError);
  EXPECT_EQ(c->fail_on, Level::kError);
  EXPECT_EQ(c->min_level, Level::kWarning);
  EXPECT_TRUE(c->check_block_quotes);
}

TEST(Config, ReportsUnknownKeysAndBadLevels) {
  Expected<ProjectConfig> c = ParseConfig(".voicelint.yml", "fail_on: error\nlevel: loud\n");
  ASSERT_FALSE(c.ok());
  ASSERT_EQ(c.errors().size(), 2u);
  EXPECT_EQ(c.errors()[0].line, 1);
  EXPECT_NE(c.errors()[0].message.find("unknown key 'fail_on'"), std::string::npos);
  EXPECT_EQ(c.errors()[1].line, 2);
}

TEST(Config, ReportsReferencesToUnknownRules) {
  Expected<ProjectConfig> c = ParseConfig(".voicelint.yml", "disable: [g.nope, g.a]\n");
  ASSERT_TRUE(c.ok());
  auto rs = testing::Compile({"glossary: g\nterms:\n  - id: a\n    avoid: [x]\n"}, c->overrides);
  ASSERT_TRUE(rs);
  const Diagnostics bad = CheckConfigReferences(*c, *rs);
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_EQ(bad[0].column, 11);
  EXPECT_TRUE(rs->rules().empty());  // g.a is disabled
}

TEST(Ruleset, AppliesLevelsAndLanguageFilter) {
  RuleOverrides o;
  o.levels = {{"g", Level::kSuggestion}, {"g.a", Level::kError}};
  o.language = "zh";
  auto rs = testing::Compile(
      {"glossary: g\nterms:\n  - id: a\n    avoid: [x]\n  - id: b\n    avoid: [y]\n",
       "glossary: e\nlanguage: en\nterms:\n  - id: c\n    avoid: [z]\n"},
      o);
  ASSERT_TRUE(rs);
  ASSERT_EQ(rs->rules().size(), 2u);
  EXPECT_EQ(rs->rules()[0].level, Level::kError);
  EXPECT_EQ(rs->rules()[1].level, Level::kSuggestion);
}

TEST(Ruleset, RejectsTheSameIdInTwoFiles) {
  std::vector<RuleFile> files;
  for (int i = 0; i < 2; ++i) {
    files.push_back(*ParseRuleFile("f" + std::to_string(i) + ".yml",
                                   "glossary: g\nterms:\n  - id: a\n    avoid: [x]\n"));
  }
  auto rs = Ruleset::Compile(std::move(files));
  ASSERT_FALSE(rs.ok());
  EXPECT_NE(rs.errors()[0].message.find("also defined at f0.yml:3"), std::string::npos);
}

TEST(DefaultRules, LoadAndCompile) {
  Expected<std::vector<RuleFile>> files = LoadDefaultRules();
  ASSERT_TRUE(files.ok()) << files.errors().front().ToString();
  auto rs = Ruleset::Compile(std::move(*files));
  ASSERT_TRUE(rs.ok()) << rs.errors().front().ToString();
  EXPECT_GE((*rs)->rules().size(), 80u);
}

TEST(Config, ParsesStructuredInputs) {
  Expected<ProjectConfig> c = ParseConfig(".voicelint.yml", R"(
inputs:
  - glob: "macros/*.json"
    text: macros[*].actions[*].value
    id: macros[*].id
  - {glob: "zendesk/*.json", source: zendesk}
  - {glob: "*.csv", text: body, html: true}
)");
  ASSERT_TRUE(c.ok()) << c.errors().front().ToString();
  ASSERT_EQ(c->inputs.size(), 3u);
  EXPECT_EQ(c->inputs[0].glob, "macros/*.json");
  ASSERT_TRUE(c->inputs[0].fields.has_value());
  EXPECT_EQ(c->inputs[0].fields->text.ToString(), "macros[*].actions[*].value");
  EXPECT_EQ(c->inputs[0].fields->id->ToString(), "macros[*].id");
  EXPECT_EQ(c->inputs[1].source, HelpDeskSource::kZendesk);
  EXPECT_TRUE(c->inputs[2].fields->html);
}

TEST(Config, ReportsBadInputsAtTheirPosition) {
  Expected<ProjectConfig> c = ParseConfig(".voicelint.yml",
                                          "inputs:\n"
                                          "  - {glob: a.json, text: \"a..b\"}\n"
                                          "  - {glob: b.json, source: zenddesk}\n"
                                          "  - {glob: c.json, txt: body}\n");
  ASSERT_FALSE(c.ok());
  ASSERT_EQ(c.errors().size(), 4u);  // the last entry: an unknown key, and no 'text'
  EXPECT_EQ(c.errors()[0].line, 2);
  EXPECT_NE(c.errors()[0].message.find("'text'"), std::string::npos);
  EXPECT_EQ(c.errors()[1].line, 3);
  EXPECT_NE(c.errors()[1].message.find("zenddesk"), std::string::npos);
  EXPECT_EQ(c.errors()[2].line, 4);
  EXPECT_NE(c.errors()[2].message.find("txt"), std::string::npos);
  EXPECT_EQ(c.errors()[3].line, 4);
}

}  // namespace
}  // namespace voicelint
