#include "cli/mcp_command.h"

#include <iostream>

#include "server/mcp.h"
#include "server/transport.h"

namespace voicelint::cli {

int RunMcp(const CommonOptions& options, const McpCommandOptions& mcp) {
  // The rules of --rules / --config / .voicelint.yml of the working directory.
  EngineCache engines(options);
  Engine* engine = engines.Default();
  if (engine == nullptr) return kExitError;
  std::ios::sync_with_stdio(false);
  server::McpServer server(engine->ruleset, engine->check, engine->fail_on, std::cerr);
  std::cerr << "voicelint mcp: " << engine->ruleset->rules().size()
            << " rules loaded; serving MCP on stdin/stdout\n";
  server::ServeLines(std::cin, std::cout, {mcp.max_message_bytes},
                     [&](std::string_view message) { return server.Handle(message); });
  return kExitClean;
}

}  // namespace voicelint::cli
