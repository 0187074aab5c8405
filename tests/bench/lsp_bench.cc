// A keystroke in a 1 MB Markdown document, as `voicelint lsp` serves it: the
// incremental didChange is applied, the document re-checked with the default
// rulebook once the debounce has passed, and its publishDiagnostics written
// (serialized JSON, every range in UTF-16). Target: under 20 ms.
//
//   build/release/tests/bench/voicelint_lsp_bench
#include <benchmark/benchmark.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "core/rules/loader.h"
#include "corpus.h"
#include "server/lsp.h"

namespace voicelint {
namespace {

class DefaultRules : public server::RulesProvider {
 public:
  std::optional<std::string> ConfigFor(const std::string&) override { return std::nullopt; }
  Expected<server::RuleSetup> Load(const std::optional<std::string>&,
                                   const server::LspSettings&) override {
    Expected<std::vector<RuleFile>> files = LoadDefaultRules();
    if (!files) return files.errors();
    Expected<std::shared_ptr<const Ruleset>> ruleset = Ruleset::Compile(std::move(*files));
    if (!ruleset) return ruleset.errors();
    return server::RuleSetup{*ruleset, {}};
  }
};

// About 1 MB of Markdown: English and Chinese agent replies (the shared
// corpora), one paragraph each, under headings.
std::string MarkdownDocument() {
  const std::string en = bench::ReadCorpus("en_agent.txt");
  const std::string zh = bench::ReadCorpus("zh_agent.txt");
  std::string doc = "# Replies\n\n";
  auto add = [&](const std::string& text, size_t budget) {
    size_t at = 0;
    size_t added = 0;
    while (added < budget && at < text.size()) {
      size_t eol = text.find('\n', at);
      if (eol == std::string::npos) eol = text.size();
      if (added % 50000 < 200) doc += "## Section\n\n";
      doc.append(text, at, eol - at);
      doc += "\n\n";
      added += eol - at + 2;
      at = eol + 1;
    }
  };
  add(en, 800'000);
  add(zh, 248'000);
  return doc;
}

void BM_KeystrokeIn1MbMarkdown(benchmark::State& state) {
  DefaultRules rules;
  std::string last;
  size_t published = 0;
  std::ostringstream log;
  server::LspOptions options;
  server::LspServer server(
      rules, options,
      [&](std::string message) {
        ++published;
        last = std::move(message);
      },
      log);
  const std::string text = MarkdownDocument();
  auto now = server::LspServer::Clock::time_point{};
  server.Handle(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}})",
                now);
  server::Json open = {{"jsonrpc", "2.0"},
                       {"method", "textDocument/didOpen"},
                       {"params",
                        {{"textDocument",
                          {{"uri", "file:///bench/replies.md"},
                           {"languageId", "markdown"},
                           {"version", 1},
                           {"text", text}}}}}};
  server.Handle(server::Dump(open), now);
  now += options.debounce;
  server.LintDue(now);
  // Keystrokes in the middle of the document: type a letter, then delete it.
  const uint32_t line = static_cast<uint32_t>(
      std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(text.size() / 2), '\n'));
  int64_t version = 1;
  size_t bytes = 0;
  for (auto _ : state) {
    const bool insert = version % 2 == 1;
    server::Json change = {
        {"jsonrpc", "2.0"},
        {"method", "textDocument/didChange"},
        {"params",
         {{"textDocument", {{"uri", "file:///bench/replies.md"}, {"version", ++version}}},
          {"contentChanges",
           {{{"range",
              {{"start", {{"line", line}, {"character", 0}}},
               {"end", {{"line", line}, {"character", insert ? 0 : 1}}}}},
             {"text", insert ? "x" : ""}}}}}}};
    const std::string message = server::Dump(change);
    const size_t before = published;
    server.Handle(message, now);
    now += options.debounce;
    server.LintDue(now);
    if (published != before + 1) state.SkipWithError("no diagnostics published");
    bytes += last.size();
    benchmark::DoNotOptimize(last.data());
  }
  state.counters["document_bytes"] = static_cast<double>(text.size());
  state.counters["diagnostics_json_bytes"] =
      benchmark::Counter(static_cast<double>(bytes), benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_KeystrokeIn1MbMarkdown)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace voicelint

BENCHMARK_MAIN();
