// `voicelint lsp`: the Language Server Protocol server on standard input and
// output (see server/lsp.h). Each document's rules come from the
// .voicelint.yml found by walking up from it, exactly as `voicelint check`
// finds them (or from --config / --rules / --no-config, which win), with the
// client's settings (voicelint.rules, voicelint.level) on top.
#ifndef VOICELINT_CLI_LSP_COMMAND_H_
#define VOICELINT_CLI_LSP_COMMAND_H_

#include <cstddef>

#include "cli/cli.h"

namespace voicelint::cli {

struct LspCommandOptions {
  size_t max_message_bytes = size_t{64} << 20;   // --max-message-bytes
  size_t max_document_bytes = size_t{16} << 20;  // --max-document-bytes
  int debounce_ms = 150;                         // --debounce-ms
};

// Serves until `exit` or the end of input; returns 0 after shutdown + exit,
// 1 otherwise (LSP's rule).
int RunLsp(const CommonOptions& options, const LspCommandOptions& lsp);

}  // namespace voicelint::cli

#endif  // VOICELINT_CLI_LSP_COMMAND_H_
