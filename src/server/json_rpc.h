// JSON-RPC 2.0 dispatch, independent of how messages are framed on the wire
// (one per line for MCP, Content-Length headers for LSP: see transport.h).
//
//   Dispatcher rpc;
//   rpc.OnRequest("ping", [](const Json&) -> Reply { return Json::object(); });
//   std::optional<std::string> response =
//   rpc.Handle(R"({"jsonrpc":"2.0","id":1,"method":"ping"})");
//
// Handle never throws: malformed JSON gets -32700, a message that is not a
// valid request -32600, an unknown method -32601, and an exception escaping a
// handler -32603; notifications (no id) never get a response, not even an
// error. Batches (arrays) are answered with an array when allowed, else
// rejected with -32600.
//
// Thread-safety: one Dispatcher per connection, used from one thread.
#ifndef VOICELINT_SERVER_JSON_RPC_H_
#define VOICELINT_SERVER_JSON_RPC_H_

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace voicelint::server {

using Json = nlohmann::ordered_json;

// Error codes of JSON-RPC 2.0.
enum RpcCode {
  kParseError = -32700,
  kInvalidRequest = -32600,
  kMethodNotFound = -32601,
  kInvalidParams = -32602,
  kInternalError = -32603,
};

struct RpcError {
  int code = kInternalError;
  std::string message;
  std::optional<Json> data;
};

// What a request handler returns: the `result`, or an error.
using Reply = std::variant<Json, RpcError>;

class Dispatcher {
 public:
  // `params` is the request's params (an empty object when absent).
  using RequestHandler = std::function<Reply(const Json& params)>;
  using NotificationHandler = std::function<void(const Json& params)>;

  void OnRequest(std::string method, RequestHandler handler);
  void OnNotification(std::string method, NotificationHandler handler);
  void set_allow_batches(bool allow) { allow_batches_ = allow; }

  // Consulted before each valid request or notification is dispatched, with
  // its method, its id (null for a notification) and whether a handler is
  // registered for it. An error it returns answers a request instead of the
  // handler; for a notification, any error drops it. Servers use it for
  // protocol states (LSP's "not initialized yet", cancelled requests).
  using Gate =
      std::function<std::optional<RpcError>(std::string_view method, const Json& id, bool known)>;
  void set_gate(Gate gate) { gate_ = std::move(gate); }

  // Handles one framed message; returns the response to send, if any.
  std::optional<std::string> Handle(std::string_view message);

  // An error response with a null id, for a message the framing already
  // rejected (e.g. one larger than the transport accepts).
  static std::string ErrorResponse(int code, std::string_view message);

 private:
  std::optional<Json> HandleOne(const Json& message);
  std::map<std::string, RequestHandler, std::less<>> requests_;
  std::map<std::string, NotificationHandler, std::less<>> notifications_;
  bool allow_batches_ = false;
  Gate gate_;
};

// Serializes compactly; invalid UTF-8 inside strings becomes U+FFFD instead of
// throwing.
std::string Dump(const Json& json);

}  // namespace voicelint::server

#endif  // VOICELINT_SERVER_JSON_RPC_H_
