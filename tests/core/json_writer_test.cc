#include "report/json_writer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>

namespace voicelint {
namespace {

TEST(JsonWriter, WritesNestedContainersWithCommas) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("a");
  w.BeginArray();
  w.Number(1);
  w.Number(-2);
  w.BeginObject();
  w.EndObject();
  w.EndArray();
  w.Key("b");
  w.Null();
  w.Key("c");
  w.Bool(true);
  w.EndObject();
  EXPECT_EQ(out, R"({"a":[1,-2,{}],"b":null,"c":true})");
}

// Strings come out exactly as nlohmann's compact dump writes them, for every
// kind of character: ASCII, controls, quotes, multi-byte, supplementary.
TEST(JsonWriter, EscapesStringsAsNlohmannDoes) {
  const std::vector<std::string> pieces = {"a",
                                           "\"",
                                           "\\",
                                           "\n",
                                           "\t",
                                           "\x01",
                                           "\x1f",
                                           "\x7f",
                                           "/",
                                           "\xE4\xBD\xA0",
                                           "\xF0\x9F\x98\x80",
                                           "\xC3\xA9",
                                           "\b",
                                           "\f",
                                           "\r",
                                           " "};
  std::mt19937 random(3);
  for (int round = 0; round < 500; ++round) {
    std::string text;
    for (int k = 0; k < 12; ++k) text += pieces[random() % pieces.size()];
    std::string out;
    JsonWriter::AppendQuoted(text, &out);
    EXPECT_EQ(out, nlohmann::json(text).dump()) << text;
  }
}

TEST(JsonWriter, ReplacesInvalidUtf8AndStaysParseable) {
  for (const std::string bad :
       {"\xFF", "a\xE4\xBD", "\xED\xA0\x80", "\xC0\xAF", "\xF4\x90\x80\x80"}) {
    std::string out;
    JsonWriter::AppendQuoted(bad, &out);
    EXPECT_TRUE(nlohmann::json::accept(out)) << out;
    EXPECT_NE(out.find("\xEF\xBF\xBD"), std::string::npos) << out;
  }
}

}  // namespace
}  // namespace voicelint
