#include "core/rules/yaml_node.h"

#include <gtest/gtest.h>

namespace voicelint::yaml {
namespace {

TEST(YamlNode, ReadsMappingsListsAndScalarsWithMarks) {
  Document doc;
  ParseError error;
  ASSERT_TRUE(Parse("glossary: g\nterms:\n  - id: 你好\n    avoid: [hey, \"yo\"]\n", &doc, &error));
  const Node root = doc.root();
  ASSERT_TRUE(root.IsMap());
  EXPECT_EQ(root["glossary"].Scalar(), "g");
  const Node terms = root["terms"];
  ASSERT_TRUE(terms.IsSequence());
  ASSERT_EQ(terms.size(), 1u);
  const Node avoid = (*terms.begin())["avoid"];
  ASSERT_EQ(avoid.size(), 2u);
  EXPECT_EQ((*avoid.begin()).Scalar(), "hey");
  // Columns count code points: "yo" starts after "    avoid: [hey, ".
  auto it = avoid.begin();
  ++it;
  EXPECT_EQ(it->Mark().line, 3);
  EXPECT_EQ(it->Mark().column, 17);
  // ... and its byte offset counts the three bytes of each Han character.
  const std::string_view text = "glossary: g\nterms:\n  - id: 你好\n    avoid: [hey, \"yo\"]\n";
  EXPECT_EQ(text.substr(static_cast<size_t>(it->Mark().pos), 4), "\"yo\"");
  EXPECT_FALSE(root["missing"]);
}

TEST(YamlNode, IteratesMappingEntriesInOrderWithDuplicates) {
  Document doc;
  ParseError error;
  ASSERT_TRUE(Parse("b: 1\na: 2\nb: 3\n", &doc, &error));
  std::string keys;
  for (auto it = doc.root().begin(); it != doc.root().end(); ++it) {
    keys += it->first.Scalar() + "=" + it->second.Scalar() + ";";
  }
  EXPECT_EQ(keys, "b=1;a=2;b=3;");
  EXPECT_EQ(doc.root()["b"].Scalar(), "1");  // the first entry wins
}

TEST(YamlNode, PlainNullsAreNullButQuotedOnesAreStrings) {
  Document doc;
  ParseError error;
  ASSERT_TRUE(Parse("a:\nb: ~\nc: null\nd: \"\"\ne: 'null'\n", &doc, &error));
  EXPECT_TRUE(doc.root()["a"].IsNull());
  EXPECT_TRUE(doc.root()["b"].IsNull());
  EXPECT_TRUE(doc.root()["c"].IsNull());
  EXPECT_TRUE(doc.root()["d"].IsScalar());
  EXPECT_EQ(doc.root()["e"].Scalar(), "null");
}

TEST(YamlNode, EmptyStreamIsNull) {
  Document doc;
  ParseError error;
  ASSERT_TRUE(Parse("# only a comment\n", &doc, &error));
  EXPECT_TRUE(doc.root().IsNull());
}

TEST(YamlNode, AliasesReferToTheirAnchor) {
  Document doc;
  ParseError error;
  ASSERT_TRUE(Parse("x: &greet [hey, hiya]\ny: *greet\n", &doc, &error));
  EXPECT_EQ(doc.root()["y"].size(), 2u);
  EXPECT_FALSE(Parse("y: *nowhere\n", &doc, &error));
  EXPECT_EQ(error.line, 1);
  EXPECT_NE(error.message.find("nowhere"), std::string::npos);
}

TEST(YamlNode, SyntaxErrorsAreLocated) {
  Document doc;
  ParseError error;
  EXPECT_FALSE(Parse("a: [x, y\nb: 1\n", &doc, &error));
  EXPECT_EQ(error.line, 2);
  EXPECT_NE(error.message.find("flow sequence"), std::string::npos) << error.message;
}

}  // namespace
}  // namespace voicelint::yaml
