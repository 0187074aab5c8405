#include "cli/lsp_command.h"

#include <iostream>
#include <memory>

#include "server/lsp.h"
#include "server/transport.h"

namespace voicelint::cli {
namespace {

// The CLI's configuration lookup and rule loading, for the server.
class CliRules : public server::RulesProvider {
 public:
  explicit CliRules(const CommonOptions& options) : options_(options) {}

  std::optional<std::string> ConfigFor(const std::string& dir) override {
    return ConfigPathFor(options_, dir);
  }

  Expected<server::RuleSetup> Load(const std::optional<std::string>& config,
                                   const server::LspSettings& settings) override {
    CommonOptions options = options_;
    // Command-line flags win over the editor's settings.
    if (options.rules.empty()) options.rules = settings.rules;
    if (!options.level) options.level = settings.level;
    Expected<std::unique_ptr<Engine>> engine = BuildEngine(options, config);
    if (!engine) return engine.errors();
    return server::RuleSetup{(*engine)->ruleset, (*engine)->check};
  }

 private:
  const CommonOptions& options_;
};

}  // namespace

int RunLsp(const CommonOptions& options, const LspCommandOptions& lsp) {
  std::ios::sync_with_stdio(false);
  CliRules rules(options);
  auto writer = std::make_shared<server::FrameWriter>(std::cout);
  server::LspOptions server_options;
  server_options.max_document_bytes = lsp.max_document_bytes;
  server_options.debounce = std::chrono::milliseconds(lsp.debounce_ms);
  server::LspServer server(
      rules, server_options, [&](std::string message) { writer->Write(message); }, std::cerr);
  std::cerr << "voicelint lsp: serving the Language Server Protocol on stdin/stdout\n";
  return server::ServeLsp(server, std::cin, writer, {lsp.max_message_bytes}, std::cerr);
}

}  // namespace voicelint::cli
