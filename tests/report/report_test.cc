#include "report/report.h"

#include <gtest/gtest.h>

#include <sstream>

#include "../core/test_rules.h"
#include "report/baseline.h"

namespace voicelint {
namespace {

constexpr const char* kRules = R"(
glossary: g
terms:
  - id: greeting
    avoid: [hey]
    prefer: [Hello]
  - id: rude
    avoid: [you people]
    prefer: [you]
    level: error
  - id: polite
    prefer: [certainly]
)";

class ReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    rules_ = testing::Compile({kRules});
    ASSERT_NE(rules_, nullptr);
    scratch_ = std::make_unique<Scratch>(*rules_);
  }

  // A file of one message per text, each a record with id "r<i>".
  FileReport Library(const std::string& path, const std::vector<std::string>& texts) {
    FileReport report;
    report.path = path;
    report.structured = true;
    for (size_t i = 0; i < texts.size(); ++i) {
      MessageReport m;
      m.record = RecordRef{"r" + std::to_string(i), "[" + std::to_string(i) + "].text"};
      m.result = Check(*rules_, *scratch_, texts[i], {});
      m.score = MessageScore(m.result);
      report.messages.push_back(std::move(m));
    }
    return report;
  }

  std::shared_ptr<const Ruleset> rules_;
  std::unique_ptr<Scratch> scratch_;
};

TEST_F(ReportTest, ScoreFollowsTheDocumentedFormula) {
  FileReport r = Library("f", {"Hello.", "hey", "hey, you people", "Certainly, hey",
                               "hey hey hey hey hey hey hey hey hey hey hey"});
  EXPECT_EQ(r.messages[0].score, 100);
  EXPECT_EQ(r.messages[1].score, 90);  // one warning
  EXPECT_EQ(r.messages[2].score, 65);  // a warning and an error
  EXPECT_EQ(r.messages[3].score, 95);  // a warning, one encouraged phrase
  EXPECT_EQ(r.messages[4].score, 0);   // clamped
  EXPECT_DOUBLE_EQ(r.Score(), (100 + 90 + 65 + 95 + 0) / 5.0);
  EXPECT_EQ(FormatScore(r.Score()), "70");
  EXPECT_EQ(FormatScore(87.46), "87.5");
}

TEST_F(ReportTest, SummaryCountsTopRulesAndWorstMessages) {
  Summary s;
  s.Add(Library("a", {"hey", "hey you people hey"}));
  s.Add(Library("b", {"fine"}));
  EXPECT_EQ(s.messages, 3u);
  EXPECT_EQ(s.findings, 4u);
  EXPECT_EQ(s.errors, 1u);
  const auto top = s.TopRules(5);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0], (std::pair<std::string, size_t>{"g.greeting", 3}));
  const auto worst = s.WorstMessages(1);
  ASSERT_EQ(worst.size(), 1u);
  EXPECT_EQ(worst[0].record, "r1");
  EXPECT_EQ(worst[0].findings, 3u);
}

TEST_F(ReportTest, BaselineAbsorbsKnownFindingsByCountAndListsFixedOnes) {
  BaselineBuilder builder;
  builder.Add(Library("lib.json", {"hey hey", "you people"}));
  EXPECT_EQ(builder.size(), 3u);
  Expected<Baseline> baseline = Baseline::Parse("base.json", builder.ToJson());
  ASSERT_TRUE(baseline.ok()) << baseline.errors().front().message;
  // Record 0 now has three "hey" (one new); record 1 was fixed.
  FileReport now = Library("lib.json", {"hey hey hey", "you"});
  EXPECT_EQ(baseline->Absorb(&now), 2u);
  ASSERT_EQ(now.messages[0].result.findings.size(), 1u);
  const std::vector<FixedFinding> fixed = baseline->Fixed();
  ASSERT_EQ(fixed.size(), 1u);
  EXPECT_EQ(fixed[0].rule, "g.rude");
  EXPECT_EQ(fixed[0].record, "r1");
  EXPECT_EQ(fixed[0].match, "you people");
}

TEST_F(ReportTest, BaselineIgnoresFilesNotCheckedThisRun) {
  BaselineBuilder builder;
  builder.Add(Library("other.json", {"hey"}));
  Expected<Baseline> baseline = Baseline::Parse("base.json", builder.ToJson());
  ASSERT_TRUE(baseline.ok());
  FileReport now = Library("lib.json", {"hey"});
  EXPECT_EQ(baseline->Absorb(&now), 0u);
  EXPECT_TRUE(baseline->Fixed().empty());
}

TEST(Baseline, RejectsMalformedFiles) {
  EXPECT_FALSE(Baseline::Parse("b", "{").ok());
  EXPECT_FALSE(Baseline::Parse("b", R"({"version": 2, "findings": []})").ok());
  EXPECT_FALSE(Baseline::Parse("b", R"({"version": 1, "findings": [{"rule": 1}]})").ok());
  EXPECT_TRUE(Baseline::Parse("b", R"({"version": 1, "findings": []})").ok());
}

TEST(Fingerprint, DependsOnEveryFieldButNotOnLines) {
  const std::string a = FindingFingerprint("r", "p", "rec", "hey", 0);
  EXPECT_EQ(a, FindingFingerprint("r", "p", "rec", "hey", 0));
  EXPECT_EQ(a.size(), 16u);
  EXPECT_NE(a, FindingFingerprint("r", "p", "rec", "hey", 1));
  EXPECT_NE(a, FindingFingerprint("r", "p", "re", "chey", 0));
  EXPECT_NE(a, FindingFingerprint("r2", "p", "rec", "hey", 0));
}

}  // namespace
}  // namespace voicelint
