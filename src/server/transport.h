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
// Content-Length framing (LSP's base protocol): each message is a header
// block of `Name: value` lines ended by CRLF (a bare LF is accepted), an empty
// line, then exactly Content-Length bytes of UTF-8 JSON. Content-Type is
// optional; a charset other than utf-8 is refused. Header lines are bounded
// (kMaxHeaderLine bytes, kMaxHeaders lines). A frame is rejected, never
// buffered beyond its limit, when:
//   - Content-Length is missing, not a decimal number, or given twice
//     differently: the block is answered with -32700 and the reader skips to
//     the next "Content-Length:" it sees, so that a client that lost track
//     can resynchronize;
//   - the body is longer than `max_message_bytes`: its bytes are read and
//     discarded, and it is answered with -32600.
// Input that ends inside a frame ends the stream.
//
//   ServeContentLength(std::cin, std::cout, {}, [&](std::string_view m) { return rpc.Handle(m); });
//
// Thread-safety: one call per stream pair.
#ifndef VOICELINT_SERVER_TRANSPORT_H_
#define VOICELINT_SERVER_TRANSPORT_H_

#include <cstddef>
#include <functional>
#include <istream>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace voicelint::server {

struct LineOptions {
  size_t max_message_bytes = size_t{64} << 20;
};

struct FrameOptions {
  size_t max_message_bytes = size_t{64} << 20;
};

constexpr size_t kMaxHeaderLine = 8192;
constexpr size_t kMaxHeaders = 32;

// One result of reading a Content-Length stream.
struct Frame {
  enum class Kind {
    kMessage,  // `body` holds the message
    kRefused,  // a malformed or oversized frame: `error` is the response to send, `reason` says why
    kEnd,      // end of input (possibly inside a frame: then `reason` says so)
  };
  Kind kind = Kind::kEnd;
  std::string body;
  std::string error;
  std::string reason;
};

// Reads Content-Length frames one after the other from a stream buffer
// (which must outlive it).
class FrameReader {
 public:
  FrameReader(std::streambuf& in, const FrameOptions& options) : in_(in), options_(options) {}
  // The next frame. Blocks until a whole frame, a refusal or the end of input.
  Frame Next();

 private:
  Frame Resynchronize(std::string problem);
  std::streambuf& in_;
  FrameOptions options_;
  bool resumed_ = false;  // the next header's "Content-Length:" was consumed while resynchronizing
};

// Writes `body` as one frame and flushes.
void WriteFrame(std::ostream& out, std::string_view body);

// Writes whole frames to one stream from any thread.
class FrameWriter {
 public:
  explicit FrameWriter(std::ostream& out) : out_(out) {}
  void Write(std::string_view body) {
    std::lock_guard<std::mutex> lock(mutex_);
    WriteFrame(out_, body);
  }

 private:
  std::mutex mutex_;
  std::ostream& out_;
};

using MessageHandler = std::function<std::optional<std::string>(std::string_view message)>;

// Reads messages until end of input; writes each response `handle` returns as
// one line and flushes it.
void ServeLines(std::istream& in, std::ostream& out, const LineOptions& options,
                const MessageHandler& handle);

// Reads frames until end of input; writes each response `handle` returns (and
// the error for every refused frame) as a frame.
void ServeContentLength(std::istream& in, std::ostream& out, const FrameOptions& options,
                        const MessageHandler& handle);

}  // namespace voicelint::server

#endif  // VOICELINT_SERVER_TRANSPORT_H_
