// Framing of JSON-RPC messages on a byte stream, kept apart from dispatch
// (json_rpc.h) so that servers with different framings share it.
//
//   ServeLines(std::cin, std::cout, {}, [&](std::string_view m) { return rpc.Handle(m); });
//
// Line framing (MCP's stdio transport): one message per line, UTF-8, no
// embedded newlines; a trailing "\r" is ignored and blank lines are skipped.
// A line longer than `max_message_bytes` is skipped without being buffered
// and answered with a -32600 error, so a huge line cannot exhaust memory.
//
// Thread-safety: one call per stream pair.
#ifndef VOICELINT_SERVER_TRANSPORT_H_
#define VOICELINT_SERVER_TRANSPORT_H_

#include <cstddef>
#include <functional>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace voicelint::server {

struct LineOptions {
  size_t max_message_bytes = size_t{64} << 20;
};

using MessageHandler = std::function<std::optional<std::string>(std::string_view message)>;

// Reads messages until end of input; writes each response `handle` returns as
// one line and flushes it.
void ServeLines(std::istream& in, std::ostream& out, const LineOptions& options,
                const MessageHandler& handle);

}  // namespace voicelint::server

#endif  // VOICELINT_SERVER_TRANSPORT_H_
