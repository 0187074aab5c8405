// A Model Context Protocol server (DESIGN section 8) over the JSON-RPC
// dispatcher: `initialize`, `ping`, `tools/list` and `tools/call` with the
// tools check_message, fix_message and list_rules.
//
//   McpServer server(ruleset, check_options, Level::kWarning, std::cerr);
//   ServeLines(std::cin, std::cout, {}, [&](std::string_view m) { return server.Handle(m); });
//
// Protocol versions 2025-11-25, 2025-06-18, 2025-03-26 and 2024-11-05: the
// client's version is echoed when supported, else the latest is offered.
// JSON-RPC batches are accepted only under 2025-03-26, the one revision that
// had them. Tool results carry the findings twice, as `structuredContent`
// (valid against the tool's `outputSchema`) and serialized in a text block for
// clients older than structured output. Schema-invalid arguments and unknown
// tools are -32602 errors.
//
// Thread-safety: one server per connection, used from one thread.
#ifndef VOICELINT_SERVER_MCP_H_
#define VOICELINT_SERVER_MCP_H_

#include <memory>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>

#include "core/lint/linter.h"
#include "core/rules/ruleset.h"
#include "server/json_rpc.h"

namespace voicelint::server {

// Newest first.
std::span<const std::string_view> McpProtocolVersions();

class McpServer {
 public:
  // `log` receives diagnostics (stderr: stdout belongs to the protocol).
  McpServer(std::shared_ptr<const Ruleset> ruleset, const CheckOptions& check, Level fail_on,
            std::ostream& log);

  // Handles one message; returns the response to send, if any.
  std::optional<std::string> Handle(std::string_view message) { return rpc_.Handle(message); }

  // The version agreed in `initialize`, empty before it.
  const std::string& protocol_version() const { return protocol_version_; }

 private:
  Reply Initialize(const Json& params);
  Reply ListTools() const;
  Reply CallTool(const Json& params);
  Json CheckMessage(std::string_view text, bool markdown);
  Json FixMessage(std::string_view text, bool markdown, bool unsafe_fixes);
  Json ListRules() const;
  CheckResult Run(std::string_view text, bool markdown);
  bool Passes(const CheckResult& result) const;

  std::shared_ptr<const Ruleset> ruleset_;
  Scratch scratch_;
  CheckOptions check_;
  Level fail_on_;
  std::ostream& log_;
  Dispatcher rpc_;
  std::string protocol_version_;
};

}  // namespace voicelint::server

#endif  // VOICELINT_SERVER_MCP_H_
