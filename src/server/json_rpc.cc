#include "server/json_rpc.h"

#include <exception>
#include <new>
#include <utility>

namespace voicelint::server {
namespace {

Json ErrorJson(const Json& id, const RpcError& error) {
  Json e = {{"code", error.code}, {"message", error.message}};
  if (error.data) e["data"] = *error.data;
  return {{"jsonrpc", "2.0"}, {"id", id}, {"error", std::move(e)}};
}

}  // namespace

std::string Dump(const Json& json) {
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

void Dispatcher::OnRequest(std::string method, RequestHandler handler) {
  requests_[std::move(method)] = std::move(handler);
}

void Dispatcher::OnNotification(std::string method, NotificationHandler handler) {
  notifications_[std::move(method)] = std::move(handler);
}

std::string Dispatcher::ErrorResponse(int code, std::string_view message) {
  return Dump(ErrorJson(nullptr, {code, std::string(message), std::nullopt}));
}

std::optional<std::string> Dispatcher::Handle(std::string_view message) {
  try {
    Json parsed = Json::parse(message, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded()) return ErrorResponse(kParseError, "Parse error: not valid JSON");
    if (parsed.is_array()) {
      if (!allow_batches_) {
        return ErrorResponse(kInvalidRequest,
                             "Invalid Request: batches are not supported by this protocol version");
      }
      if (parsed.empty()) return ErrorResponse(kInvalidRequest, "Invalid Request: empty batch");
      Json responses = Json::array();
      for (const Json& item : parsed) {
        if (std::optional<Json> response = HandleOne(item)) responses.push_back(*response);
      }
      if (responses.empty()) return std::nullopt;
      return Dump(responses);
    }
    std::optional<Json> response = HandleOne(parsed);
    if (!response) return std::nullopt;
    return Dump(*response);
  } catch (const std::bad_alloc&) {
    return ErrorResponse(kInternalError, "Internal error: out of memory");
  } catch (const std::exception& e) {
    return ErrorResponse(kInternalError, std::string("Internal error: ") + e.what());
  }
}

std::optional<Json> Dispatcher::HandleOne(const Json& message) {
  if (!message.is_object()) {
    return ErrorJson(nullptr, {kInvalidRequest, "Invalid Request: not an object", std::nullopt});
  }
  const auto id_it = message.find("id");
  const bool has_id = id_it != message.end();
  // MCP (unlike plain JSON-RPC) forbids a null id; fractional ids are not ids.
  const bool id_ok = has_id && (id_it->is_string() || id_it->is_number_integer());
  const Json id = id_ok ? *id_it : Json(nullptr);
  const auto method_it = message.find("method");
  if (method_it == message.end()) {
    // A response to a request of ours (we send none) or garbage.
    if (message.contains("result") || message.contains("error")) return std::nullopt;
    return ErrorJson(id, {kInvalidRequest, "Invalid Request: no method", std::nullopt});
  }
  const auto version = message.find("jsonrpc");
  if (version == message.end() || *version != "2.0") {
    return ErrorJson(id,
                     {kInvalidRequest, "Invalid Request: jsonrpc must be \"2.0\"", std::nullopt});
  }
  if (!method_it->is_string()) {
    return ErrorJson(id,
                     {kInvalidRequest, "Invalid Request: method must be a string", std::nullopt});
  }
  if (has_id && !id_ok) {
    return ErrorJson(nullptr, {kInvalidRequest,
                               "Invalid Request: id must be a string or an integer", std::nullopt});
  }
  const std::string& method = method_it->get_ref<const std::string&>();
  Json params = Json::object();
  if (const auto p = message.find("params"); p != message.end()) {
    if (!p->is_object() && !p->is_array()) {
      if (!has_id) return std::nullopt;
      return ErrorJson(id, {kInvalidParams, "Invalid params: must be an object", std::nullopt});
    }
    params = *p;
  }

  if (!has_id) {
    const auto handler = notifications_.find(method);
    if (gate_ && gate_(method, nullptr, handler != notifications_.end())) return std::nullopt;
    if (handler != notifications_.end()) {
      try {
        handler->second(params);
      } catch (const std::exception&) {
        // A notification has nobody to tell.
      }
    }
    return std::nullopt;
  }

  const auto handler = requests_.find(method);
  if (gate_) {
    if (std::optional<RpcError> refused = gate_(method, id, handler != requests_.end())) {
      return ErrorJson(id, *refused);
    }
  }
  if (handler == requests_.end()) {
    return ErrorJson(id, {kMethodNotFound, "Method not found: " + method, std::nullopt});
  }
  Reply reply;
  try {
    reply = handler->second(params);
  } catch (const std::bad_alloc&) {
    reply = RpcError{kInternalError, "Internal error: out of memory", std::nullopt};
  } catch (const std::exception& e) {
    reply = RpcError{kInternalError, std::string("Internal error: ") + e.what(), std::nullopt};
  }
  if (const RpcError* error = std::get_if<RpcError>(&reply)) return ErrorJson(id, *error);
  return Json{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(std::get<Json>(reply))}};
}

}  // namespace voicelint::server
