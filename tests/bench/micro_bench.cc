// In-process micro-benchmarks of the engine's stages (Google Benchmark):
// normalization, the phrase automaton, boundary checks, one whole check per
// message, and rule compilation. The corpora and glossaries come from
// VOICELINT_CORPUS_DIR (../shared/corpus beside the checkout by default).
//
//   build/release/tests/bench/voicelint_micro_bench --benchmark_filter=Check
//
// Results and the commands that reproduce them are recorded in BENCHMARKS.md.
#include <benchmark/benchmark.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/lint/linter.h"
#include "core/rules/loader.h"
#include "core/rules/ruleset.h"
#include "core/text/normalizer.h"
#include "core/text/positions.h"
#include "core/text/word_boundaries.h"
#include "corpus.h"
#include "report/report.h"

namespace voicelint {
namespace {

using bench::CorpusPath;

const std::string& Corpus(const std::string& name) {
  static auto* cache = new std::vector<std::pair<std::string, std::string>>();
  for (const auto& [n, text] : *cache) {
    if (n == name) return text;
  }
  cache->emplace_back(name, bench::ReadCorpus(name));
  return cache->back().second;
}

// Messages of about `size` bytes: consecutive corpus lines joined by spaces,
// as an agent's multi-sentence reply would be.
std::vector<std::string> Messages(const std::string& corpus, size_t size, size_t count) {
  const std::string& text = Corpus(corpus);
  std::vector<std::string> out;
  std::string current;
  size_t pos = 0;
  while (out.size() < count && pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    if (!current.empty()) current += ' ';
    current.append(text, pos, nl - pos);
    pos = nl + 1;
    if (current.size() >= size) {
      current.resize(size);
      while (!current.empty() && (static_cast<unsigned char>(current.back()) & 0xC0) == 0x80) {
        current.pop_back();  // do not end inside a character
      }
      if (!current.empty() && static_cast<unsigned char>(current.back()) >= 0xC0)
        current.pop_back();
      out.push_back(std::move(current));
      current.clear();
    }
  }
  return out;
}

std::shared_ptr<const Ruleset> Compile(Expected<std::vector<RuleFile>> files) {
  if (!files) throw std::runtime_error(files.errors().front().ToString());
  auto ruleset = Ruleset::Compile(std::move(*files));
  if (!ruleset) throw std::runtime_error(ruleset.errors().front().ToString());
  return *ruleset;
}

std::shared_ptr<const Ruleset> Glossary(const std::string& name) {
  return Compile(LoadRulePaths({CorpusPath(name)}));
}

const std::shared_ptr<const Ruleset>& DefaultRuleset() {
  static const auto* ruleset = new std::shared_ptr<const Ruleset>(Compile(LoadDefaultRules()));
  return *ruleset;
}

// A prefix of a corpus of `bytes` bytes, cut at a line end.
std::string Prefix(const std::string& corpus, size_t bytes) {
  const std::string& text = Corpus(corpus);
  if (bytes >= text.size()) return text;
  const size_t nl = text.find('\n', bytes);
  return text.substr(0, nl == std::string::npos ? text.size() : nl + 1);
}

// The whole corpus (4-10 MB), on state.range(0) threads.
void BM_Normalize(benchmark::State& state, const std::string& corpus) {
  const std::string text = Prefix(corpus, size_t{16} << 20);
  Normalizer normalizer(CaseMode::kFold);
  NormalizedText out;
  for (auto _ : state) {
    normalizer.Normalize(text, {}, &out, static_cast<size_t>(state.range(0)));
    benchmark::DoNotOptimize(out.text.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK_CAPTURE(BM_Normalize, en, std::string("en_agent.txt"))
    ->Arg(1)
    ->Arg(2)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Normalize, zh, std::string("zh_agent.txt"))
    ->Arg(1)
    ->Arg(2)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

void BM_AutomatonScan(benchmark::State& state, const std::string& corpus,
                      const std::string& glossary) {
  const std::string text = Prefix(corpus, 1 << 20);
  const auto ruleset = Glossary(glossary);
  NormalizedText norm;
  ruleset->folding().Normalize(text, {}, &norm);
  size_t hits = 0;
  for (auto _ : state) {
    ruleset->automaton().Scan(norm.text, [&](uint32_t, size_t) { ++hits; });
  }
  benchmark::DoNotOptimize(hits);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * norm.text.size()));
  state.counters["phrases"] = static_cast<double>(ruleset->automaton().phrase_count());
  state.counters["automaton_KB"] =
      static_cast<double>(ruleset->automaton().memory_bytes()) / 1024.0;
}
BENCHMARK_CAPTURE(BM_AutomatonScan, small_en, std::string("en_agent.txt"),
                  std::string("small-en.yml"));
BENCHMARK_CAPTURE(BM_AutomatonScan, large_en, std::string("en_agent.txt"),
                  std::string("large-en.yml"));
BENCHMARK_CAPTURE(BM_AutomatonScan, small_zh, std::string("zh_agent.txt"),
                  std::string("small-zh.yml"));

// One boundary decision per candidate hit of the glossary's automaton.
void BM_Boundaries(benchmark::State& state, const std::string& corpus,
                   const std::string& glossary) {
  const std::string text = Prefix(corpus, 1 << 20);
  const auto ruleset = Glossary(glossary);
  NormalizedText norm;
  ruleset->folding().Normalize(text, {}, &norm);
  std::vector<std::pair<size_t, size_t>> spans;
  ruleset->automaton().Scan(norm.text, [&](uint32_t id, size_t end) {
    spans.emplace_back(end - ruleset->automaton().length(id), end);
  });
  size_t accepted = 0;
  for (auto _ : state) {
    // A fresh object each time: its cache of segmented windows starts empty,
    // as in one whole-process run.
    WordBoundaries words;
    words.Reset(norm.text);
    for (const auto& [begin, end] : spans) accepted += words.Accept(begin, end) ? 1 : 0;
  }
  benchmark::DoNotOptimize(accepted);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * spans.size()));
}
BENCHMARK_CAPTURE(BM_Boundaries, small_en, std::string("en_agent.txt"),
                  std::string("small-en.yml"));
BENCHMARK_CAPTURE(BM_Boundaries, small_zh, std::string("zh_agent.txt"),
                  std::string("small-zh.yml"));

// The whole check of one ~300-byte message against the default rulebook,
// cycling through 1,000 different messages with one Scratch, as an agent
// process checks message after message.
void BM_CheckMessage(benchmark::State& state, const std::string& corpus) {
  const auto messages = Messages(corpus, 300, 1000);
  const auto& ruleset = DefaultRuleset();
  Scratch scratch(*ruleset);
  size_t i = 0;
  size_t findings = 0;
  size_t bytes = 0;
  for (auto _ : state) {
    const std::string& m = messages[i++ % messages.size()];
    CheckResult r = Check(*ruleset, scratch, m, {});
    findings += r.findings.size();
    bytes += m.size();
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["findings_per_message"] =
      static_cast<double>(findings) / static_cast<double>(state.iterations());
}
BENCHMARK_CAPTURE(BM_CheckMessage, en_300B, std::string("en_agent.txt"));
BENCHMARK_CAPTURE(BM_CheckMessage, zh_300B, std::string("zh_agent.txt"));

// Checking a text of state.range(0) bytes: how cost grows with text size.
// The Scratch is reused across iterations (its boundary cache stays warm);
// whole-process runs (compare.sh) measure the cold case.
void BM_CheckText(benchmark::State& state, const std::string& corpus, const std::string& glossary) {
  const std::string text = Prefix(corpus, static_cast<size_t>(state.range(0)));
  const auto ruleset = Glossary(glossary);
  Scratch scratch(*ruleset);
  for (auto _ : state) {
    CheckResult r = Check(*ruleset, scratch, text, {});
    benchmark::DoNotOptimize(r.findings.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK_CAPTURE(BM_CheckText, small_en, std::string("en_agent.txt"), std::string("small-en.yml"))
    ->RangeMultiplier(10)
    ->Range(1000, 10000000)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_CheckText, large_en, std::string("en_agent.txt"), std::string("large-en.yml"))
    ->RangeMultiplier(10)
    ->Range(1000, 10000000)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_CheckText, small_zh, std::string("zh_agent.txt"), std::string("small-zh.yml"))
    ->RangeMultiplier(10)
    ->Range(1000, 10000000)
    ->Unit(benchmark::kMicrosecond);

// The findings of a whole corpus, with the ruleset their rules live in.
struct CorpusFindings {
  std::shared_ptr<const Ruleset> ruleset;
  CheckResult result;
};
CorpusFindings FindAll(const std::string& corpus, const std::string& glossary) {
  CorpusFindings out{Glossary(glossary), {}};
  Scratch scratch(*out.ruleset);
  out.result = Check(*out.ruleset, scratch, Corpus(corpus), {});
  return out;
}

// Line, column and UTF-16/code point offsets of every finding of a whole
// corpus, in order, as a printer asks for them (both ends of each span).
void BM_Positions(benchmark::State& state, const std::string& corpus, const std::string& glossary) {
  const std::string& text = Corpus(corpus);
  const CorpusFindings found = FindAll(corpus, glossary);
  const CheckResult& result = found.result;
  size_t sum = 0;
  for (auto _ : state) {
    PositionIndex index(text);
    for (const Finding& f : result.findings) {
      sum += index.At(f.span.begin).column;
      sum += index.At(f.span.end).utf16;
    }
  }
  benchmark::DoNotOptimize(sum);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["findings"] = static_cast<double>(result.findings.size());
}
BENCHMARK_CAPTURE(BM_Positions, small_en, std::string("en_agent.txt"), std::string("small-en.yml"))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Positions, small_zh, std::string("zh_agent.txt"), std::string("small-zh.yml"))
    ->Unit(benchmark::kMillisecond);

// The JSON of every finding of a whole corpus (positions included), as
// `check --format json` writes it.
void BM_FindingsJson(benchmark::State& state, const std::string& corpus,
                     const std::string& glossary) {
  const std::string& text = Corpus(corpus);
  const CorpusFindings found = FindAll(corpus, glossary);
  const CheckResult& result = found.result;
  std::string out;
  for (auto _ : state) {
    out.clear();
    PositionIndex index(text);
    for (const Finding& f : result.findings) AppendFindingJson(f, index, &out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * out.size()));
  state.counters["findings"] = static_cast<double>(result.findings.size());
}
BENCHMARK_CAPTURE(BM_FindingsJson, small_zh, std::string("zh_agent.txt"),
                  std::string("small-zh.yml"))
    ->Unit(benchmark::kMillisecond);

// The whole check of a whole corpus (4-10 MB) on state.range(0) threads, the
// Scratch reused: what `check` does for one large file, before printing.
void BM_CheckCorpus(benchmark::State& state, const std::string& corpus,
                    const std::string& glossary) {
  const std::string& text = Corpus(corpus);
  const auto ruleset = Glossary(glossary);
  Scratch scratch(*ruleset);
  CheckOptions options;
  options.threads = static_cast<size_t>(state.range(0));
  size_t findings = 0;
  for (auto _ : state) {
    CheckResult r = Check(*ruleset, scratch, text, options);
    findings = r.findings.size();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["findings"] = static_cast<double>(findings);
}
BENCHMARK_CAPTURE(BM_CheckCorpus, small_zh, std::string("zh_agent.txt"),
                  std::string("small-zh.yml"))
    ->Arg(1)
    ->Arg(2)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

// Loading and compiling a glossary (YAML parse, normalization of every phrase,
// automaton and regex construction).
void BM_CompileRules(benchmark::State& state, const std::string& glossary) {
  for (auto _ : state) {
    auto ruleset = Glossary(glossary);
    benchmark::DoNotOptimize(ruleset.get());
  }
}
BENCHMARK_CAPTURE(BM_CompileRules, small_en, std::string("small-en.yml"))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_CompileRules, large_en, std::string("large-en.yml"))
    ->Unit(benchmark::kMillisecond);

// Only the YAML reading and rule parsing part of the above.
void BM_ParseRules(benchmark::State& state, const std::string& glossary) {
  for (auto _ : state) {
    auto files = LoadRulePaths({CorpusPath(glossary)});
    benchmark::DoNotOptimize(files);
  }
}
BENCHMARK_CAPTURE(BM_ParseRules, large_en, std::string("large-en.yml"))
    ->Unit(benchmark::kMillisecond);

void BM_CompileDefaultRules(benchmark::State& state) {
  for (auto _ : state) {
    auto ruleset = Compile(LoadDefaultRules());
    benchmark::DoNotOptimize(ruleset.get());
  }
}
BENCHMARK(BM_CompileDefaultRules)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace voicelint

BENCHMARK_MAIN();
