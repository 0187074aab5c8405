#include "server/transport.h"

#include <algorithm>
#include <utility>

#include "server/json_rpc.h"

namespace voicelint::server {

void ServeLines(std::istream& in, std::ostream& out, const LineOptions& options,
                const MessageHandler& handle) {
  std::streambuf* source = in.rdbuf();
  std::string line;
  bool too_long = false;
  bool more = true;
  while (more) {
    const int c = source->sbumpc();
    if (c != std::char_traits<char>::eof() && c != '\n') {
      if (line.size() < options.max_message_bytes) {
        line.push_back(static_cast<char>(c));
      } else {
        too_long = true;
      }
      continue;
    }
    more = c != std::char_traits<char>::eof();
    std::optional<std::string> response;
    if (too_long) {
      response = Dispatcher::ErrorResponse(
          kInvalidRequest, "Invalid Request: message longer than " +
                               std::to_string(options.max_message_bytes) + " bytes");
    } else {
      std::string_view message = line;
      if (!message.empty() && message.back() == '\r') message.remove_suffix(1);
      if (message.find_first_not_of(" \t") != std::string_view::npos) response = handle(message);
    }
    if (response) {
      out << *response << '\n';
      out.flush();
    }
    line.clear();
    too_long = false;
  }
}

}  // namespace voicelint::server

namespace voicelint::server {
namespace {

constexpr int kEof = std::char_traits<char>::eof();

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// A token of RFC 7230 (a header name).
bool IsToken(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    const bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

enum class LineRead { kLine, kTooLong, kEnd };

// One header line without its CRLF (or LF). A line longer than the limit is
// consumed up to its end and reported as too long.
LineRead ReadHeaderLine(std::streambuf& in, std::string* line) {
  line->clear();
  bool too_long = false;
  for (;;) {
    const int c = in.sbumpc();
    if (c == kEof) return LineRead::kEnd;
    if (c == '\n') break;
    if (line->size() < kMaxHeaderLine) {
      line->push_back(static_cast<char>(c));
    } else {
      too_long = true;
    }
  }
  if (!line->empty() && line->back() == '\r') line->pop_back();
  return too_long ? LineRead::kTooLong : LineRead::kLine;
}

// Discards input up to the next "Content-Length:" (any case) and leaves that
// header's name already consumed. False at end of input.
bool SkipToContentLength(std::streambuf& in) {
  static constexpr std::string_view kName = "content-length:";
  size_t matched = 0;
  for (;;) {
    const int c = in.sbumpc();
    if (c == kEof) return false;
    const char lower = Lower(static_cast<char>(c));
    if (lower == kName[matched]) {
      if (++matched == kName.size()) return true;
    } else {
      matched = lower == kName[0] ? 1 : 0;
    }
  }
}

Frame Refuse(int code, std::string reason) {
  Frame frame;
  frame.kind = Frame::Kind::kRefused;
  frame.error = Dispatcher::ErrorResponse(code, reason);
  frame.reason = std::move(reason);
  return frame;
}

Frame End(std::string reason) {
  Frame frame;
  frame.reason = std::move(reason);
  return frame;
}

}  // namespace

Frame FrameReader::Next() {
  std::optional<size_t> length;
  std::string problem;
  std::string line;
  size_t headers = 0;
  for (;;) {
    const LineRead read = ReadHeaderLine(in_, &line);
    if (read == LineRead::kEnd) {
      if (!resumed_ && headers == 0 && line.empty()) return End("");
      return End("input ended inside a message header");
    }
    if (resumed_) {
      line.insert(0, "Content-Length:");
      resumed_ = false;
    }
    if (read == LineRead::kLine && line.empty()) {
      if (headers == 0) continue;  // stray blank lines between frames
      break;
    }
    ++headers;
    std::string bad;
    const size_t colon = line.find(':');
    if (read == LineRead::kTooLong) {
      bad = "a header line longer than " + std::to_string(kMaxHeaderLine) + " bytes";
    } else if (headers > kMaxHeaders) {
      bad = "more than " + std::to_string(kMaxHeaders) + " header lines";
    } else if (colon == std::string::npos || !IsToken(std::string_view(line).substr(0, colon))) {
      bad = "a line that is not 'Name: value': '" + line.substr(0, 80) + "'";
    }
    if (!bad.empty()) return Resynchronize("Parse error: malformed message header (" + bad + ")");
    const std::string_view name = std::string_view(line).substr(0, colon);
    const std::string_view value = Trim(std::string_view(line).substr(colon + 1));
    if (EqualsNoCase(name, "Content-Length")) {
      size_t n = 0;
      bool digits = !value.empty() && value.size() <= 18;
      for (char c : value) {
        if (c < '0' || c > '9') {
          digits = false;
          break;
        }
        n = n * 10 + static_cast<size_t>(c - '0');
      }
      if (!digits) {
        return Resynchronize("Parse error: Content-Length is not a number: '" +
                             std::string(value.substr(0, 40)) + "'");
      }
      if (length && *length != n) {
        return Resynchronize("Parse error: two different Content-Length headers");
      }
      length = n;
    } else if (EqualsNoCase(name, "Content-Type")) {
      std::string lower;
      for (char c : value) lower.push_back(Lower(c));
      if (const size_t at = lower.find("charset="); at != std::string::npos) {
        std::string charset(Trim(std::string_view(lower).substr(at + 8)));
        if (!charset.empty() && charset.front() == '"') charset.erase(0, 1);
        if (!charset.empty() && charset.back() == '"') charset.pop_back();
        if (charset != "utf-8" && charset != "utf8") {
          problem = "Parse error: unsupported charset '" + charset + "' (only utf-8)";
        }
      }
    }
  }
  if (!length) return Resynchronize("Parse error: message header without Content-Length");
  if (*length > options_.max_message_bytes || !problem.empty()) {
    // The length is known, so skipping the body keeps the framing.
    size_t left = *length;
    char sink[4096];
    while (left > 0) {
      const std::streamsize got =
          in_.sgetn(sink, static_cast<std::streamsize>(std::min(left, sizeof sink)));
      if (got <= 0) return End("input ended inside a message body");
      left -= static_cast<size_t>(got);
    }
    if (!problem.empty()) return Refuse(kParseError, problem);
    return Refuse(kInvalidRequest, "Invalid Request: a message of " + std::to_string(*length) +
                                       " bytes is longer than the limit of " +
                                       std::to_string(options_.max_message_bytes));
  }
  Frame frame;
  frame.kind = Frame::Kind::kMessage;
  frame.body.resize(*length);
  size_t got = 0;
  while (got < *length) {
    const std::streamsize n =
        in_.sgetn(frame.body.data() + got, static_cast<std::streamsize>(*length - got));
    if (n <= 0) return End("input ended inside a message body");
    got += static_cast<size_t>(n);
  }
  return frame;
}

Frame FrameReader::Resynchronize(std::string problem) {
  if (!SkipToContentLength(in_)) return End(problem + "; input ended");
  resumed_ = true;
  return Refuse(kParseError, std::move(problem));
}

void WriteFrame(std::ostream& out, std::string_view body) {
  out << "Content-Length: " << body.size() << "\r\n\r\n";
  out.write(body.data(), static_cast<std::streamsize>(body.size()));
  out.flush();
}

void ServeContentLength(std::istream& in, std::ostream& out, const FrameOptions& options,
                        const MessageHandler& handle) {
  FrameReader reader(*in.rdbuf(), options);
  for (;;) {
    Frame frame = reader.Next();
    if (frame.kind == Frame::Kind::kEnd) return;
    if (frame.kind == Frame::Kind::kRefused) {
      WriteFrame(out, frame.error);
      continue;
    }
    if (std::optional<std::string> response = handle(frame.body)) WriteFrame(out, *response);
  }
}

}  // namespace voicelint::server
