#include "server/transport.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "server/json_rpc.h"

namespace voicelint::server {
namespace {

std::string Framed(const std::string& body) {
  return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

TEST(FrameReader, ReadsFramesOneAfterTheOther) {
  std::stringstream in(Framed(R"({"a":1})") +
                       "Content-Type: application/vscode-jsonrpc; "
                       "charset=utf-8\r\nContent-Length: 2\r\n\r\n{}");
  FrameReader reader(*in.rdbuf(), {});
  Frame f = reader.Next();
  EXPECT_EQ(f.kind, Frame::Kind::kMessage);
  EXPECT_EQ(f.body, R"({"a":1})");
  f = reader.Next();
  EXPECT_EQ(f.kind, Frame::Kind::kMessage);
  EXPECT_EQ(f.body, "{}");
  f = reader.Next();
  EXPECT_EQ(f.kind, Frame::Kind::kEnd);
  EXPECT_EQ(f.reason, "");
}

TEST(FrameReader, AcceptsBareLineFeedsAndAnyCaseHeaderNames) {
  std::stringstream in("content-length: 2\n\n{}");
  FrameReader reader(*in.rdbuf(), {});
  const Frame f = reader.Next();
  EXPECT_EQ(f.kind, Frame::Kind::kMessage);
  EXPECT_EQ(f.body, "{}");
}

TEST(FrameReader, RefusesAHeaderWithoutLengthAndResynchronizes) {
  std::stringstream in("Content-Type: x\r\n\r\n{\"lost\":true}" + Framed("[1]"));
  FrameReader reader(*in.rdbuf(), {});
  Frame f = reader.Next();
  ASSERT_EQ(f.kind, Frame::Kind::kRefused);
  EXPECT_NE(f.reason.find("without Content-Length"), std::string::npos) << f.reason;
  EXPECT_EQ(Json::parse(f.error)["error"]["code"], kParseError);
  f = reader.Next();
  EXPECT_EQ(f.kind, Frame::Kind::kMessage);
  EXPECT_EQ(f.body, "[1]");
}

TEST(FrameReader, RefusesGarbageAndANonNumericLength) {
  std::stringstream in("this is not a header\r\nContent-Length: 12abc\r\n\r\n" + Framed("{}"));
  FrameReader reader(*in.rdbuf(), {});
  Frame f = reader.Next();
  ASSERT_EQ(f.kind, Frame::Kind::kRefused);
  EXPECT_NE(f.reason.find("not 'Name: value'"), std::string::npos) << f.reason;
  f = reader.Next();
  ASSERT_EQ(f.kind, Frame::Kind::kRefused);
  EXPECT_NE(f.reason.find("not a number"), std::string::npos) << f.reason;
  f = reader.Next();
  EXPECT_EQ(f.kind, Frame::Kind::kMessage);
  EXPECT_EQ(f.body, "{}");
}

TEST(FrameReader, SkipsAnOversizedBodyAndKeepsTheFraming) {
  std::stringstream in(Framed(std::string(100, 'x')) + Framed("{}"));
  FrameReader reader(*in.rdbuf(), {.max_message_bytes = 10});
  Frame f = reader.Next();
  ASSERT_EQ(f.kind, Frame::Kind::kRefused);
  EXPECT_EQ(Json::parse(f.error)["error"]["code"], kInvalidRequest);
  EXPECT_NE(f.reason.find("100 bytes"), std::string::npos) << f.reason;
  f = reader.Next();
  EXPECT_EQ(f.kind, Frame::Kind::kMessage);
  EXPECT_EQ(f.body, "{}");
}

TEST(FrameReader, RefusesAnotherCharsetButKeepsTheFraming) {
  std::stringstream in(
      "Content-Length: 2\r\nContent-Type: application/json; charset=latin1\r\n\r\n{}" +
      Framed("[]"));
  FrameReader reader(*in.rdbuf(), {});
  Frame f = reader.Next();
  ASSERT_EQ(f.kind, Frame::Kind::kRefused);
  EXPECT_NE(f.reason.find("latin1"), std::string::npos);
  f = reader.Next();
  EXPECT_EQ(f.body, "[]");
}

TEST(FrameReader, BoundsHeaderLines) {
  std::stringstream in("X-Long: " + std::string(kMaxHeaderLine * 4, 'a') + "\r\n\r\n" +
                       Framed("{}"));
  FrameReader reader(*in.rdbuf(), {});
  Frame f = reader.Next();
  ASSERT_EQ(f.kind, Frame::Kind::kRefused);
  EXPECT_NE(f.reason.find("longer than"), std::string::npos) << f.reason;
  f = reader.Next();
  EXPECT_EQ(f.body, "{}");
}

TEST(FrameReader, EndsWhenInputStopsInsideAFrame) {
  std::stringstream body("Content-Length: 50\r\n\r\n{\"short\":");
  FrameReader reader(*body.rdbuf(), {});
  Frame f = reader.Next();
  EXPECT_EQ(f.kind, Frame::Kind::kEnd);
  EXPECT_NE(f.reason.find("inside a message body"), std::string::npos);
  std::stringstream header("Content-Len");
  FrameReader header_reader(*header.rdbuf(), {});
  f = header_reader.Next();
  EXPECT_EQ(f.kind, Frame::Kind::kEnd);
  EXPECT_NE(f.reason.find("inside a message header"), std::string::npos);
}

TEST(ServeContentLength, AnswersEachFrameAndEachRefusal) {
  Dispatcher rpc;
  rpc.OnRequest("echo", [](const Json& params) -> Reply { return params; });
  std::stringstream in(Framed(R"({"jsonrpc":"2.0","id":1,"method":"echo","params":{"é":"😀"}})") +
                       "garbage\r\n\r\n" + Framed("{not json"));
  std::stringstream out;
  ServeContentLength(in, out, {}, [&](std::string_view m) { return rpc.Handle(m); });
  FrameReader reader(*out.rdbuf(), {});
  Frame f = reader.Next();
  ASSERT_EQ(f.kind, Frame::Kind::kMessage);
  EXPECT_EQ(Json::parse(f.body)["result"]["é"], "😀");
  f = reader.Next();
  ASSERT_EQ(f.kind, Frame::Kind::kMessage);
  EXPECT_EQ(Json::parse(f.body)["error"]["code"], kParseError);  // the garbage header
  f = reader.Next();
  ASSERT_EQ(f.kind, Frame::Kind::kMessage);
  EXPECT_EQ(Json::parse(f.body)["error"]["code"], kParseError);  // the bad JSON
  EXPECT_EQ(reader.Next().kind, Frame::Kind::kEnd);
}

}  // namespace
}  // namespace voicelint::server
