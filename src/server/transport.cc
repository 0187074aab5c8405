#include "server/transport.h"

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
