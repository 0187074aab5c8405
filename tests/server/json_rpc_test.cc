#include "server/json_rpc.h"

#include <gtest/gtest.h>

#include <sstream>
#include <stdexcept>

#include "server/transport.h"

namespace voicelint::server {
namespace {

Json Parse(const std::optional<std::string>& response) {
  EXPECT_TRUE(response.has_value());
  return response ? Json::parse(*response) : Json();
}

Dispatcher MakeDispatcher(int* notified) {
  Dispatcher rpc;
  rpc.OnRequest("echo", [](const Json& params) -> Reply { return params; });
  rpc.OnRequest("fail", [](const Json&) -> Reply {
    return RpcError{kInvalidParams, "bad", Json{{"why", "test"}}};
  });
  rpc.OnRequest("throw", [](const Json&) -> Reply { throw std::runtime_error("boom"); });
  rpc.OnNotification("note", [notified](const Json&) { ++*notified; });
  return rpc;
}

TEST(Dispatcher, AnswersRequestsWithTheirIdAndResult) {
  int notified = 0;
  Dispatcher rpc = MakeDispatcher(&notified);
  Json r = Parse(rpc.Handle(R"({"jsonrpc":"2.0","id":"x","method":"echo","params":{"a":1}})"));
  EXPECT_EQ(r, Json::parse(R"({"jsonrpc":"2.0","id":"x","result":{"a":1}})"));
  r = Parse(rpc.Handle(R"({"jsonrpc":"2.0","id":3,"method":"echo"})"));
  EXPECT_EQ(r["result"], Json::object());
}

TEST(Dispatcher, ReportsHandlerErrorsAndExceptions) {
  int notified = 0;
  Dispatcher rpc = MakeDispatcher(&notified);
  Json r = Parse(rpc.Handle(R"({"jsonrpc":"2.0","id":1,"method":"fail"})"));
  EXPECT_EQ(r["error"]["code"], kInvalidParams);
  EXPECT_EQ(r["error"]["data"]["why"], "test");
  r = Parse(rpc.Handle(R"({"jsonrpc":"2.0","id":2,"method":"throw"})"));
  EXPECT_EQ(r["id"], 2);
  EXPECT_EQ(r["error"]["code"], kInternalError);
  EXPECT_NE(r["error"]["message"].get<std::string>().find("boom"), std::string::npos);
}

TEST(Dispatcher, RejectsMalformedAndInvalidMessages) {
  int notified = 0;
  Dispatcher rpc = MakeDispatcher(&notified);
  Json r = Parse(rpc.Handle("{\"jsonrpc\":"));
  EXPECT_EQ(r["error"]["code"], kParseError);
  EXPECT_TRUE(r["id"].is_null());
  for (const char* bad :
       {R"("text")", R"({"jsonrpc":"2.0","id":1})", R"({"jsonrpc":"1.0","id":1,"method":"echo"})",
        R"({"jsonrpc":"2.0","id":1.5,"method":"echo"})",
        R"({"jsonrpc":"2.0","id":null,"method":"echo"})"}) {
    EXPECT_EQ(Parse(rpc.Handle(bad))["error"]["code"], kInvalidRequest) << bad;
  }
  r = Parse(rpc.Handle(R"({"jsonrpc":"2.0","id":4,"method":"nope"})"));
  EXPECT_EQ(r["error"]["code"], kMethodNotFound);
  EXPECT_EQ(r["id"], 4);
  r = Parse(rpc.Handle(R"({"jsonrpc":"2.0","id":5,"method":"echo","params":3})"));
  EXPECT_EQ(r["error"]["code"], kInvalidParams);
}

TEST(Dispatcher, NeverAnswersNotificationsOrResponses) {
  int notified = 0;
  Dispatcher rpc = MakeDispatcher(&notified);
  EXPECT_FALSE(rpc.Handle(R"({"jsonrpc":"2.0","method":"note"})"));
  EXPECT_FALSE(rpc.Handle(R"({"jsonrpc":"2.0","method":"unknown"})"));
  EXPECT_FALSE(rpc.Handle(R"({"jsonrpc":"2.0","method":"throw"})"));
  EXPECT_FALSE(rpc.Handle(R"({"jsonrpc":"2.0","id":9,"result":{}})"));
  EXPECT_EQ(notified, 1);
}

TEST(Dispatcher, HandlesBatchesOnlyWhenAllowed) {
  int notified = 0;
  Dispatcher rpc = MakeDispatcher(&notified);
  const char* batch =
      R"([{"jsonrpc":"2.0","id":1,"method":"echo"},{"jsonrpc":"2.0","method":"note"},5])";
  EXPECT_EQ(Parse(rpc.Handle(batch))["error"]["code"], kInvalidRequest);
  EXPECT_EQ(notified, 0);
  rpc.set_allow_batches(true);
  Json r = Parse(rpc.Handle(batch));
  ASSERT_TRUE(r.is_array());
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0]["id"], 1);
  EXPECT_EQ(r[1]["error"]["code"], kInvalidRequest);
  EXPECT_EQ(notified, 1);
  EXPECT_FALSE(rpc.Handle(R"([{"jsonrpc":"2.0","method":"note"}])"));
  EXPECT_EQ(Parse(rpc.Handle("[]"))["error"]["code"], kInvalidRequest);
}

TEST(ServeLines, OneResponsePerLineSkippingBlankLinesAndCarriageReturns) {
  std::istringstream in("a\r\n\n   \nb\nlast-without-newline");
  std::ostringstream out;
  std::vector<std::string> seen;
  ServeLines(in, out, {}, [&](std::string_view m) -> std::optional<std::string> {
    seen.emplace_back(m);
    if (m == "b") return std::nullopt;
    return "<" + std::string(m) + ">";
  });
  EXPECT_EQ(seen, (std::vector<std::string>{"a", "b", "last-without-newline"}));
  EXPECT_EQ(out.str(), "<a>\n<last-without-newline>\n");
}

TEST(ServeLines, RefusesOversizedLinesAndGoesOn) {
  std::istringstream in(std::string(100, 'x') + "\nok\n");
  std::ostringstream out;
  std::vector<std::string> seen;
  ServeLines(in, out, {10}, [&](std::string_view m) -> std::optional<std::string> {
    seen.emplace_back(m);
    return "fine";
  });
  EXPECT_EQ(seen, std::vector<std::string>{"ok"});
  std::istringstream lines(out.str());
  std::string first, second;
  std::getline(lines, first);
  std::getline(lines, second);
  Json error = Json::parse(first);
  EXPECT_EQ(error["error"]["code"], kInvalidRequest);
  EXPECT_TRUE(error["id"].is_null());
  EXPECT_EQ(second, "fine");
}

}  // namespace
}  // namespace voicelint::server
