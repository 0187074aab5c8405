// A long text checked by several threads gives exactly what one thread gives
// (CheckOptions::threads), wherever the parts happen to be cut.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "core/lint/linter.h"
#include "test_rules.h"

namespace voicelint {
namespace {

// Pieces that exercise every stage: hits on both sides of word boundaries,
// exceptions, case, patterns, suppressions, URLs, white space runs that join
// Han characters, invalid UTF-8, and Han clauses longer than a boundary
// window (no punctuation for well over a hundred bytes).
const std::vector<std::string>& Pieces() {
  static const std::vector<std::string> pieces = {
      "Hey, no problem! ",
      "They said hey jude. ",
      "You guys and you people, ACME and Acme. ",
      "Wait a sec, certainly. ",
      "See https://example.com/hey/no-problem for more. ",
      "<!-- voicelint-disable-next-line -->\nhey there\n",
      "喂，你们不知道吗？",
      "请按时喂养宠物。",
      "我们也没办法",
      "你着急什么时候能到",
      "您好，马上为您处理。",
      "不\n知道",
      "\xff\xfe bad bytes ",
      "我们的客服团队正在为你查询订单物流信息请你耐心等待我们会尽快给你回复你们的问题我们都非常重视"
      "不知道"
      "的地方可以随时问我们没办法马上处理的也会记录下来",
      "\n\n",
      "   ",
      "delay ",
  };
  return pieces;
}

std::string Describe(const CheckResult& r) {
  std::string s;
  auto add = [&](const Finding& f) {
    s += f.rule->id + "@" + std::to_string(f.span.begin) + "-" + std::to_string(f.span.end) + ":" +
         f.message + "|" + (f.fix ? f.fix->replacement : "-") + "|" + f.suppressed.value_or("-") +
         "\n";
  };
  for (const Finding& f : r.findings) add(f);
  s += "suppressed:\n";
  for (const Finding& f : r.suppressed) add(f);
  for (const InputNote& n : r.notes) s += std::to_string(n.offset) + " " + n.message + "\n";
  s += "preferred " + std::to_string(r.preferred_used) + "\n";
  return s;
}

// Where two descriptions part, for a readable failure on megabytes of text.
std::string FirstDifference(const std::string& a, const std::string& b) {
  size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  const size_t line = a.rfind('\n', i) == std::string::npos ? 0 : a.rfind('\n', i) + 1;
  return "one thread: " + a.substr(line, 200) + "\nthreads:    " + b.substr(line, 200);
}

TEST(ParallelCheck, SameResultWithAnyNumberOfThreads) {
  const auto ruleset = testing::Compile({testing::kEnglish, testing::kChinese});
  ASSERT_NE(ruleset, nullptr);
  Scratch one(*ruleset);
  Scratch many(*ruleset);
  std::mt19937 rng(7);
  for (size_t threads : {2, 3}) {
    std::string text;
    const size_t size = (size_t{3} << 19) + rng() % 300000;  // long enough once normalized
    while (text.size() < size) text += Pieces()[rng() % Pieces().size()];
    CheckOptions options;
    const std::string expected = Describe(Check(*ruleset, one, text, options));
    ASSERT_GT(expected.size(), 100000u);  // many findings, all kinds
    options.threads = threads;
    const std::string got = Describe(Check(*ruleset, many, text, options));
    EXPECT_TRUE(got == expected) << threads << " threads\n" << FirstDifference(expected, got);
  }
}

// A required phrase is looked for in every part; its trigger is the first.
TEST(ParallelCheck, RequiredPhrasesSeeTheWholeText) {
  const auto ruleset = testing::Compile({testing::kEnglish, testing::kChinese});
  ASSERT_NE(ruleset, nullptr);
  Scratch scratch(*ruleset);
  const std::string filler(3 << 19, 'x');
  CheckOptions options;
  options.threads = 2;
  // The trigger in the first part, the apology in the second: no finding.
  CheckResult r = Check(*ruleset, scratch, "delay " + filler + " sorry", options);
  for (const Finding& f : r.findings) EXPECT_NE(f.rule->local_id, "apology");
  // Only the trigger, late in the text: one finding, at the trigger.
  r = Check(*ruleset, scratch, filler + " delay", options);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].rule->local_id, "apology");
  EXPECT_EQ(r.findings[0].span.begin, filler.size() + 1);
}

}  // namespace
}  // namespace voicelint
