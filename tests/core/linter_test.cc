#include "core/lint/linter.h"

#include <gtest/gtest.h>

#include "core/text/positions.h"
#include "test_rules.h"

namespace voicelint {
namespace {

using testing::Checker;
using testing::Compile;
using testing::kChinese;
using testing::kEnglish;
using Strings = std::vector<std::string>;

class LinterTest : public ::testing::Test {
 protected:
  Checker en_{Compile({kEnglish})};
  Checker zh_{Compile({kChinese})};
};

TEST_F(LinterTest, MatchesWholeWordsOnly) {
  EXPECT_EQ(en_.Matches("Hey, they said ok to the token."), (Strings{"greeting@Hey", "ok@ok"}));
  EXPECT_EQ(en_.Matches("hey_code"), Strings{});
}

TEST_F(LinterTest, FoldsCaseAndWidth) {
  EXPECT_EQ(en_.Matches("ＨＥＹ there"), Strings{"greeting@ＨＥＹ"});
  EXPECT_EQ(en_.Matches("HEY there"), Strings{"greeting@HEY"});
}

TEST_F(LinterTest, MatchesAcrossWhiteSpaceRuns) {
  EXPECT_EQ(en_.Matches("Thank you\n   people."), Strings{"you-people@you\n   people"});
  EXPECT_EQ(zh_.Matches("我不\n知道。"), Strings{"bu-zhi-dao@不\n知道"});
}

TEST_F(LinterTest, FoldsTraditionalChinese) {
  EXPECT_EQ(zh_.Matches("你們好"), Strings{"nimen@你們"});
  EXPECT_EQ(zh_.Matches("餵，在嗎"), Strings{"wei@餵"});
}

TEST_F(LinterTest, AppliesChineseBoundaryRule) {
  EXPECT_EQ(zh_.Matches("请按时喂养宠物。"), Strings{});
  EXPECT_EQ(zh_.Matches("迷你裙已售罄。"), Strings{});
  EXPECT_EQ(zh_.Matches("你着急什么时候能到"), Strings{"ni@你"});
  EXPECT_EQ(zh_.Matches("我们也没办法"), Strings{"mei-banfa@没办法"});
  EXPECT_EQ(zh_.Matches("喂，你的订单"), (Strings{"wei@喂", "ni@你"}));
}

TEST_F(LinterTest, LongestMatchWins) {
  EXPECT_EQ(en_.Matches("Thanks, you guys."), Strings{"you-people@you guys"});
  EXPECT_EQ(en_.Matches("No problem at all"), Strings{"no-problem@No problem"});
  EXPECT_EQ(zh_.Matches("你们好"), Strings{"nimen@你们"});
}

TEST_F(LinterTest, TieGoesToTheRuleDefinedFirst) {
  Checker c(
      Compile({"glossary: g\nterms:\n  - id: first\n    avoid: [hey]\n  - id: second\n    avoid: "
               "[hey]\n"}));
  EXPECT_EQ(c.Matches("hey"), Strings{"first@hey"});
}

TEST_F(LinterTest, HonoursExceptionsAndTheAllowList) {
  EXPECT_EQ(en_.Matches("Hey Jude is a song. Hey!"), Strings{"greeting@Hey"});
  RuleOverrides overrides;
  overrides.allow = {"ok corral"};
  Checker c(Compile({kEnglish}, overrides));
  EXPECT_EQ(c.Matches("The OK Corral, ok?"), Strings{"ok@ok"});
}

TEST_F(LinterTest, CaseSensitiveTermsCompareCase) {
  EXPECT_EQ(en_.Matches("acme and Acme"), Strings{"brand@Acme"});
}

TEST_F(LinterTest, RegexRulesObeyBoundaries) {
  EXPECT_EQ(en_.Matches("Wait a sec, please."), Strings{"wait@Wait a sec"});
  EXPECT_EQ(en_.Matches("await a second"), Strings{});
}

TEST_F(LinterTest, RequiredPhrasesWhenTriggered) {
  EXPECT_EQ(en_.Matches("There is a delay."), Strings{"apology@delay"});
  EXPECT_EQ(en_.Matches("Sorry, there is a delay."), Strings{});
  EXPECT_EQ(en_.Matches("All good."), Strings{});
}

TEST_F(LinterTest, CountsEncouragedPhrases) {
  EXPECT_EQ(en_.Run("Certainly, it is my pleasure.").preferred_used, 2u);
}

TEST_F(LinterTest, NeverMatchesUrlsEmailsPathsOrPlaceholders) {
  EXPECT_EQ(en_.Matches("See https://hey.example.com/ok and hey@ok.com or /tmp/ok/hey.txt"),
            Strings{});
  EXPECT_EQ(en_.Matches("Hi {{hey}} and %s {0} ${ok} {% if ok %}"), Strings{});
}

TEST_F(LinterTest, PlaceholdersNeverJoinAPhrase) {
  EXPECT_EQ(en_.Matches("you {{name}} people"), Strings{});
}

TEST_F(LinterTest, SkipsMarkdownCodeLinksQuotesCommentsAndFrontMatter) {
  const std::string md =
      "---\ntitle: hey\n---\n"
      "Use `hey` here.\n\n"
      "```\nok\n```\n\n"
      "> hey, quoted\n\n"
      "<!-- ok -->\n"
      "[link text](https://ok.example.com/hey) and **hey** ok\n";
  EXPECT_EQ(en_.Matches(md, InputKind::kMarkdown), (Strings{"greeting@hey", "ok@ok"}));
}

TEST_F(LinterTest, MarkdownJoinsSoftLineBreaks) {
  EXPECT_EQ(en_.Matches("Thank you\npeople.\n", InputKind::kMarkdown),
            Strings{"you-people@you\npeople"});
}

TEST_F(LinterTest, SuppressionCommentsCarryTheirReason) {
  const std::string text =
      "<!-- voicelint-disable-next-line en.ok -- quoting the customer -->\n"
      "They said ok.\nok again\n";
  const CheckResult r = en_.Run(text, InputKind::kMarkdown);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].span.begin, text.rfind("ok again"));
  ASSERT_EQ(r.suppressed.size(), 1u);
  EXPECT_EQ(*r.suppressed[0].suppressed, "quoting the customer");
}

TEST_F(LinterTest, DisableEnableRegions) {
  const std::string text = "hey\nvoicelint-disable greeting\nhey ok\nvoicelint-enable\nhey\n";
  EXPECT_EQ(en_.Matches(text), (Strings{"greeting@hey", "ok@ok", "greeting@hey"}));
  EXPECT_EQ(en_.Run(text).suppressed.size(), 1u);
}

TEST_F(LinterTest, SpansAreOriginalOffsetsInEveryUnit) {
  const std::string text = "😀 你好\nＨＥＹ you";
  const CheckResult r = en_.Run(text);
  ASSERT_EQ(r.findings.size(), 1u);
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.match, "ＨＥＹ");
  PositionIndex index(text);
  const Position begin = index.At(f.span.begin);
  const Position end = index.At(f.span.end);
  EXPECT_EQ(begin.byte, 12u);
  EXPECT_EQ(end.byte, 21u);
  EXPECT_EQ(begin.utf16, 6u);  // 😀 is two UTF-16 units
  EXPECT_EQ(begin.codepoint, 5u);
  EXPECT_EQ(end.codepoint, 8u);
  EXPECT_EQ(begin.line, 2u);
  EXPECT_EQ(begin.column, 1u);
}

TEST_F(LinterTest, InvalidUtf8IsReportedAndTheRestChecked) {
  const CheckResult r = en_.Run("ok \xC3\x28 hey");
  EXPECT_EQ(r.findings.size(), 2u);
  ASSERT_EQ(r.notes.size(), 1u);
  EXPECT_EQ(r.notes[0].offset, 3u);
}

TEST_F(LinterTest, MinLevelFiltersFindings) {
  Checker c(Compile({"glossary: g\nterms:\n  - id: a\n    avoid: [hey]\n    level: suggestion\n"}));
  CheckOptions options;
  options.min_level = Level::kWarning;
  Scratch scratch(c.ruleset());
  EXPECT_TRUE(Check(c.ruleset(), scratch, "hey", options).findings.empty());
}

TEST_F(LinterTest, FixesAreIdempotent) {
  const std::string text = "Hey you guys, no problem! OK? 等";
  const CheckResult r = en_.Run(text);
  const std::string fixed = ApplyFixes(text, r.findings, Applicability::kUnsafe);
  EXPECT_EQ(fixed, "Hello you, my pleasure! Certainly? 等");
  EXPECT_EQ(ApplyFixes(fixed, en_.Run(fixed).findings, Applicability::kUnsafe), fixed);
}

TEST_F(LinterTest, FixesAreUnsafeUnlessTheRuleSaysSafe) {
  const std::string text = "Hey, no problem.";
  const CheckResult r = en_.Run(text);
  ASSERT_EQ(r.findings.size(), 2u);
  EXPECT_EQ(r.findings[0].applicability, Applicability::kUnsafe);
  EXPECT_EQ(ApplyFixes(text, r.findings), text);
  Checker c(
      Compile({"glossary: g\nterms:\n  - id: a\n    avoid: [pls]\n    prefer: [please]\n"
               "    fix: safe\n  - id: b\n    avoid: [idk]\n    prefer: [let me check]\n"
               "  - id: c\n    avoid: [hmm]\n    prefer: [well]\n    fix: none\n"}));
  const std::string draft = "pls wait, idk, hmm";
  const CheckResult d = c.Run(draft);
  ASSERT_EQ(d.findings.size(), 3u);
  EXPECT_EQ(d.findings[0].applicability, Applicability::kSafe);
  EXPECT_EQ(d.findings[1].applicability, Applicability::kUnsafe);
  EXPECT_FALSE(d.findings[1].fix_note.empty());
  EXPECT_EQ(d.findings[2].applicability, Applicability::kDisplay);
  EXPECT_FALSE(d.findings[2].fix.has_value());
  EXPECT_EQ(d.findings[2].suggestions, Strings{"well"});
  EXPECT_EQ(ApplyFixes(draft, d.findings), "Please wait, idk, hmm");
  EXPECT_EQ(ApplyFixes(draft, d.findings, Applicability::kUnsafe),
            "Please wait, let me check, hmm");
}

// Messages are made once per rule and match within a check and reused: each
// occurrence still gets its own fix, fitted to its place, and the next check
// its own.
TEST_F(LinterTest, RepeatedMatchesGetTheirOwnFix) {
  Checker c(
      Compile({"glossary: g\nterms:\n  - id: a\n    avoid: [hey]\n    prefer: [Hello]\n"
               "    message: 'Not \"{match}\".'\n"}));
  const CheckResult r = c.Run("hey Hey hey HEY Hey");
  Strings got;
  for (const Finding& f : r.findings) got.push_back(f.message + " " + f.fix->replacement);
  EXPECT_EQ(got, (Strings{"Not \"hey\". Hello", "Not \"Hey\". hello", "Not \"hey\". hello",
                          "Not \"HEY\". HELLO", "Not \"Hey\". hello"}));
  EXPECT_EQ(c.Run("HEY").findings.at(0).fix->replacement, "HELLO");
  EXPECT_EQ(c.Run("hey").findings.at(0).message, "Not \"hey\".");
}

// Overlaps are settled by a sort on packed keys, or, for a span of 64 KB or
// more, on the candidates themselves: the longest match wins either way.
TEST_F(LinterTest, LongestMatchWinsForMatchesOfAnyLength) {
  Checker c(
      Compile({"glossary: g\npatterns:\n  - id: run\n    regex: 'z{3,}'\n"
               "  - id: greeting-run\n    regex: 'hi z+'\n"}));
  for (const size_t length : {size_t{5}, size_t{70000}}) {
    const std::string text = "hi " + std::string(length, 'z') + " and zzz";
    const CheckResult r = c.Run(text);
    ASSERT_EQ(r.findings.size(), 2u) << length;
    EXPECT_EQ(r.findings[0].rule->local_id, "greeting-run") << length;
    EXPECT_EQ(r.findings[0].span, (ByteRange{0, 3 + length}));
    EXPECT_EQ(r.findings[1].rule->local_id, "run");
    EXPECT_EQ(r.findings[1].span, (ByteRange{8 + length, 11 + length}));
  }
}

TEST_F(LinterTest, MessagesFillPlaceholders) {
  Checker c(
      Compile({"glossary: g\nterms:\n  - id: a\n    avoid: [hey]\n    prefer: [Hello]\n"
               "    message: '\"{match}\" is casual; try \"{prefer}\".'\n"}));
  EXPECT_EQ(c.Run("Hey!").findings.at(0).message, "\"Hey\" is casual; try \"Hello\".");
}

}  // namespace
}  // namespace voicelint
