#include "core/inputs/structured.h"

#include <gtest/gtest.h>

#include "core/inputs/html_text.h"
#include "core/inputs/source_map.h"

namespace voicelint {
namespace {

// The file bytes a decoded span maps to.
std::string_view Source(std::string_view file, const SourceMap& map, size_t begin, size_t end) {
  const size_t b = map.Begin(begin);
  return file.substr(b, map.End(end) - b);
}

// The file bytes under the first occurrence of `needle` in the message.
std::string_view SourceOf(std::string_view file, const StructuredMessage& m,
                          std::string_view needle) {
  const size_t at = m.text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle << " not in " << m.text;
  if (at == std::string::npos) return {};
  return Source(file, m.map, at, at + needle.size());
}

FieldSelection Select(std::string_view text, std::string_view id = "") {
  FieldSelection s{FieldPath::Parse(text).value(), std::nullopt, false};
  if (!id.empty()) s.id = FieldPath::Parse(id).value();
  return s;
}

TEST(SourceMap, MapsVerbatimAndUnitPieces) {
  SourceMapBuilder b;
  b.Verbatim(10, 3);
  b.Unit(1, 13, 2);
  b.Unit(0, 15, 4);
  b.Verbatim(19, 2);
  SourceMap map = b.Finish();
  EXPECT_EQ(map.Begin(0), 10u);
  EXPECT_EQ(map.Begin(3), 13u);
  EXPECT_EQ(map.End(3), 13u);
  EXPECT_EQ(map.End(4), 15u);
  EXPECT_EQ(map.Begin(4), 19u);  // the empty piece is skipped
  EXPECT_EQ(map.End(6), 21u);
  EXPECT_EQ(map.Begin(6), 21u);
}

TEST(JsonReader, MapsEscapesBackToTheFile) {
  const std::string file =
      R"({"body": "Line one\nHey \u00e9t\u00e9 \"no problem\" \ud83d\ude00 hey"})";
  Expected<StructuredDocument> doc = ParseJson("f.json", file);
  ASSERT_TRUE(doc.ok()) << doc.errors().front().ToString();
  std::vector<StructuredMessage> m = SelectMessages(*doc, Select("body"));
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].text, "Line one\nHey \xC3\xA9t\xC3\xA9 \"no problem\" \xF0\x9F\x98\x80 hey");
  EXPECT_EQ(SourceOf(file, m[0], "Hey"), "Hey");
  EXPECT_EQ(SourceOf(file, m[0], "\xC3\xA9t\xC3\xA9"), "\\u00e9t\\u00e9");
  EXPECT_EQ(SourceOf(file, m[0], "no problem"), "no problem");
  EXPECT_EQ(SourceOf(file, m[0], "\"no problem\""), "\\\"no problem\\\"");
  EXPECT_EQ(SourceOf(file, m[0], "\xF0\x9F\x98\x80"), "\\ud83d\\ude00");
  EXPECT_EQ(SourceOf(file, m[0], " hey"), " hey");
}

TEST(JsonReader, ReportsSyntaxErrorsWithLineAndColumn) {
  Expected<StructuredDocument> doc = ParseJson("f.json", "{\n  \"a\": 1,\n  \"b\" 2\n}");
  ASSERT_FALSE(doc.ok());
  const Diagnostic& d = doc.errors().front();
  EXPECT_EQ(d.file, "f.json");
  EXPECT_EQ(d.line, 3);
  EXPECT_EQ(d.column, 7);
  EXPECT_NE(d.message.find("expected ':'"), std::string::npos) << d.message;
  EXPECT_EQ(d.source_line, "  \"b\" 2");
}

TEST(JsonReader, RejectsWhatJsonDoesNotAllow) {
  for (const char* bad : {"[1,]", "{\"a\":1,}", "01", "[1 2]", "\"a\nb\"", "\"\\x\"", "tru", "[",
                          "{\"a\"}", "1.", "-", "[1] x", ""}) {
    EXPECT_FALSE(ParseJson("f.json", bad).ok()) << bad;
  }
  for (const char* good :
       {"[]", "{}", "0", "-1.5e+3", "\"\"", "[true,false,null]", " {\"a\":[{}]} "}) {
    EXPECT_TRUE(ParseJson("f.json", good).ok()) << good;
  }
}

TEST(JsonReader, RejectsDeepNestingInsteadOfOverflowing) {
  EXPECT_FALSE(ParseJson("f.json", std::string(100000, '[')).ok());
}

TEST(JsonLinesReader, ReadsEachLineAndReportsEveryBadLine) {
  const std::string file = "{\"id\":\"a\",\"text\":\"hey\"}\n\n{\"id\":\"b\",\"text\":\"yo\"}\n";
  Expected<StructuredDocument> doc = ParseJsonLines("f.jsonl", file);
  ASSERT_TRUE(doc.ok());
  std::vector<StructuredMessage> m = SelectMessages(*doc, Select("text", "id"));
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[1].id, "b");
  EXPECT_EQ(m[1].path, "[1].text");
  EXPECT_EQ(m[1].map.Begin(0), file.find("yo"));
  Expected<StructuredDocument> bad = ParseJsonLines("f.jsonl", "{\"a\":1}\n{\"a\":\n[1,]\n");
  ASSERT_FALSE(bad.ok());
  ASSERT_EQ(bad.errors().size(), 2u);
  EXPECT_EQ(bad.errors()[0].line, 2);
  EXPECT_EQ(bad.errors()[1].line, 3);
}

TEST(CsvReader, MapsQuotedMultiLineFields) {
  const std::string file =
      "id,body\r\nm-1,\"Thanks, \"\"friend\"\"!\nHey there\"\r\nm-2,plain hey\r\n";
  Expected<StructuredDocument> doc = ParseCsv("f.csv", file);
  ASSERT_TRUE(doc.ok()) << doc.errors().front().ToString();
  std::vector<StructuredMessage> m = SelectMessages(*doc, Select("body", "id"));
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].text, "Thanks, \"friend\"!\nHey there");
  EXPECT_EQ(m[0].id, "m-1");
  EXPECT_EQ(m[0].path, "[0].body");
  EXPECT_EQ(SourceOf(file, m[0], "\"friend\""), "\"\"friend\"\"");
  EXPECT_EQ(m[0].map.Begin(m[0].text.find("Hey")), file.find("Hey"));
  EXPECT_EQ(SourceOf(file, m[1], "hey"), "hey");
  EXPECT_EQ(m[1].map.Begin(6), file.find("hey"));
}

TEST(CsvReader, ReportsBadQuotingAndRaggedRows) {
  Expected<StructuredDocument> open = ParseCsv("f.csv", "id,body\n1,\"never closed\n");
  ASSERT_FALSE(open.ok());
  EXPECT_EQ(open.errors()[0].line, 2);
  EXPECT_EQ(open.errors()[0].column, 3);
  Expected<StructuredDocument> ragged = ParseCsv("f.csv", "id,body\n1,a,b\n2,c\n3\n");
  ASSERT_FALSE(ragged.ok());
  ASSERT_EQ(ragged.errors().size(), 2u);
  EXPECT_EQ(ragged.errors()[0].line, 2);
  EXPECT_EQ(ragged.errors()[1].line, 4);
  EXPECT_FALSE(ParseCsv("f.csv", "id,body\n1,a\"b\n").ok());
  EXPECT_FALSE(ParseCsv("f.csv", "id,body\n1,\"a\"b\n").ok());
}

TEST(YamlReader, AlignsQuotedPlainAndBlockScalars) {
  const std::string file =
      "replies:\n"
      "  - id: r1\n"
      "    text: \"Hey \\u00e9 you\"\n"
      "  - id: r2\n"
      "    text: 'It''s hey'\n"
      "  - id: r3\n"
      "    text: |\n"
      "      First line\n"
      "      no problem here\n"
      "  - id: r4\n"
      "    text: plain hey\n"
      "      folded yo\n";
  Expected<StructuredDocument> doc = ParseYaml("f.yml", file);
  ASSERT_TRUE(doc.ok()) << doc.errors().front().ToString();
  std::vector<StructuredMessage> m = SelectMessages(*doc, Select("replies[*].text", "id"));
  ASSERT_EQ(m.size(), 4u);
  EXPECT_EQ(m[0].id, "r1");
  EXPECT_EQ(SourceOf(file, m[0], "Hey"), "Hey");
  EXPECT_EQ(SourceOf(file, m[0], "\xC3\xA9"), "\\u00e9");
  EXPECT_EQ(SourceOf(file, m[0], "you"), "you");
  EXPECT_EQ(SourceOf(file, m[1], "It's"), "It''s");
  EXPECT_EQ(m[1].map.Begin(m[1].text.find("hey")), file.find("hey'"));
  EXPECT_EQ(m[2].map.Begin(m[2].text.find("no problem")), file.find("no problem"));
  EXPECT_EQ(m[3].text, "plain hey folded yo");
  EXPECT_EQ(m[3].map.Begin(m[3].text.find("yo")), file.find("yo\n"));
}

TEST(YamlReader, ReportsSyntaxErrors) {
  Expected<StructuredDocument> doc = ParseYaml("f.yml", "a: [1, 2\nb: c\n");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.errors()[0].file, "f.yml");
  EXPECT_GT(doc.errors()[0].line, 0);
}

TEST(FieldPath, ParsesAndPrintsSelectors) {
  Expected<FieldPath> p = FieldPath::Parse("macros[*].actions[0][\"the value\"]");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->steps().size(), 5u);
  EXPECT_EQ(p->ToString(), "macros[*].actions[0][\"the value\"]");
  for (const char* bad : {"", "a.", ".a", "a..b", "a[", "a[x]", "a b"}) {
    EXPECT_FALSE(FieldPath::Parse(bad).ok()) << bad;
  }
}

TEST(SelectMessages, BindsIdWildcardsToTheTextsRecord) {
  const std::string file = R"({"macros": [
    {"id": 1, "actions": [{"field": "x", "value": "a"}, {"field": "y", "value": "b"}]},
    {"id": 2, "actions": [{"field": "x", "value": "c"}]}]})";
  Expected<StructuredDocument> doc = ParseJson("f.json", file);
  ASSERT_TRUE(doc.ok());
  std::vector<StructuredMessage> m =
      SelectMessages(*doc, Select("macros[*].actions[*].value", "macros[*].id"));
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m[1].id, "1");
  EXPECT_EQ(m[1].path, "macros[0].actions[1].value");
  EXPECT_EQ(m[2].id, "2");
  // Without wildcards the id is looked up in the nearest enclosing object.
  std::vector<StructuredMessage> up =
      SelectMessages(*doc, Select("macros[*].actions[*].value", "id"));
  EXPECT_EQ(up[2].id, "2");
}

TEST(HtmlToText, StripsTagsAndDecodesEntitiesWithExactOffsets) {
  const std::string html =
      "<p>Hey &amp; <b>no problem</b>&nbsp;it&#39;s<br>done</p>"
      "<script>hey()</script><!-- hey -->";
  MappedText t = HtmlToText(html, SourceMap::Identity(0, html.size()));
  EXPECT_EQ(t.text, "\nHey & no problem\xC2\xA0it's\ndone\n");
  auto source = [&](std::string_view needle) {
    const size_t at = t.text.find(needle);
    return Source(html, t.map, at, at + needle.size());
  };
  EXPECT_EQ(source("Hey"), "Hey");
  EXPECT_EQ(source("no problem"), "no problem");
  EXPECT_EQ(source("&"), "&amp;");
  EXPECT_EQ(source("it's"), "it&#39;s");
  EXPECT_EQ(source("done"), "done");
}

TEST(HtmlToText, ComposesWithAJsonStringsMap) {
  const std::string file = R"({"body": "<p>Caf\u00e9 hey<\/p>"})";
  Expected<StructuredDocument> doc = ParseJson("f.json", file);
  ASSERT_TRUE(doc.ok());
  FieldSelection s = Select("body");
  s.html = true;
  std::vector<StructuredMessage> m = SelectMessages(*doc, s);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].text, "\nCaf\xC3\xA9 hey\n");
  EXPECT_EQ(SourceOf(file, m[0], "Caf\xC3\xA9"), "Caf\\u00e9");
  EXPECT_EQ(SourceOf(file, m[0], "hey"), "hey");
}

TEST(HelpDeskPresets, ZendeskReadsCommentActionsOfActiveMacros) {
  const std::string file = R"({"macros": [
    {"id": 11, "active": true, "actions": [{"field": "status", "value": "solved"},
                                            {"field": "comment_value", "value": "Hey there"}]},
    {"id": 12, "active": false, "actions": [{"field": "comment_value", "value": "yo"}]},
    {"id": 13, "actions": [{"field": "comment_value_html", "value": "<p>Hi &amp; bye</p>"}]}]})";
  Expected<StructuredDocument> doc = ParseJson("f.json", file);
  ASSERT_TRUE(doc.ok());
  std::vector<StructuredMessage> m = SelectHelpDeskMessages(*doc, HelpDeskSource::kZendesk);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].id, "11");
  EXPECT_EQ(m[0].path, "macros[0].actions[1].value");
  EXPECT_EQ(m[0].text, "Hey there");
  EXPECT_EQ(m[1].id, "13");
  EXPECT_EQ(m[1].text, "\nHi & bye\n");
}

TEST(HelpDeskPresets, FreshdeskIntercomAndHelpScout) {
  Expected<StructuredDocument> fd = ParseJson(
      "f.json", R"([{"id": 1, "content": "hey"}, {"id": 2, "content_html": "<b>yo</b>"}])");
  ASSERT_TRUE(fd.ok());
  std::vector<StructuredMessage> f = SelectHelpDeskMessages(*fd, HelpDeskSource::kFreshdesk);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].path, "[0].content");
  EXPECT_EQ(f[1].text, "yo");
  Expected<StructuredDocument> ic =
      ParseJson("f.json", R"({"type": "list", "data": [{"id": "7", "body": "<p>hey</p>"}]})");
  std::vector<StructuredMessage> i = SelectHelpDeskMessages(*ic, HelpDeskSource::kIntercom);
  ASSERT_EQ(i.size(), 1u);
  EXPECT_EQ(i[0].path, "data[0].body");
  EXPECT_EQ(i[0].id, "7");
  Expected<StructuredDocument> hs =
      ParseJson("f.json", R"({"_embedded": {"replies": [{"id": 5, "text": "Hi &amp; hey"}]}})");
  std::vector<StructuredMessage> h = SelectHelpDeskMessages(*hs, HelpDeskSource::kHelpScout);
  ASSERT_EQ(h.size(), 1u);
  EXPECT_EQ(h[0].path, "_embedded.replies[0].text");
  EXPECT_EQ(h[0].text, "Hi & hey");
}

}  // namespace
}  // namespace voicelint
