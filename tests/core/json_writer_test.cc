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

// A long string is escaped in pieces: the same as one piece would give, with
// characters, escapes and invalid bytes at every place a piece may end.
TEST(JsonWriter, LongStringsEscapeAsShortOnesDo) {
  const std::vector<std::string> pieces = {"abcdefg",          "\"",   "\n",       "\xE4\xBD\xA0",
                                           "\xF0\x9F\x98\x80", "\xFF", "\xE4\xBD", "\x80\x80",
                                           "\xC3\xA9"};
  std::mt19937 random(11);
  for (int round = 0; round < 20; ++round) {
    std::string text;
    while (text.size() < 70000) text += pieces[random() % pieces.size()];
    std::string whole;
    JsonWriter::AppendQuoted(text, &whole);
    std::string bytewise = "\"";
    for (size_t i = 0; i < text.size();) {
      // Escaped a character (or an invalid byte) at a time, by the same
      // function on short strings.
      size_t len = 1;
      std::string one;
      for (size_t k = 4; k >= 2; --k) {
        if (i + k > text.size()) continue;
        one.clear();
        JsonWriter::AppendQuoted(text.substr(i, k), &one);
        if (one.size() == k + 2 && one.substr(1, k) == text.substr(i, k)) {
          len = k;
          break;
        }
      }
      one.clear();
      JsonWriter::AppendQuoted(text.substr(i, len), &one);
      bytewise += one.substr(1, one.size() - 2);
      i += len;
    }
    bytewise += '"';
    ASSERT_EQ(whole, bytewise);
    ASSERT_TRUE(nlohmann::json::accept(whole));
  }
}

}  // namespace
}  // namespace voicelint
