// `voicelint mcp`: the Model Context Protocol server on standard input and
// output (see server/mcp.h), with the rules and settings of the usual options.
#ifndef VOICELINT_CLI_MCP_COMMAND_H_
#define VOICELINT_CLI_MCP_COMMAND_H_

#include <cstddef>

#include "cli/cli.h"

namespace voicelint::cli {

struct McpCommandOptions {
  size_t max_message_bytes = size_t{64} << 20;  // --max-message-bytes
};

// Serves until standard input ends; returns 0, or 2 when the rules cannot be
// loaded (errors on stderr).
int RunMcp(const CommonOptions& options, const McpCommandOptions& mcp);

}  // namespace voicelint::cli

#endif  // VOICELINT_CLI_MCP_COMMAND_H_
