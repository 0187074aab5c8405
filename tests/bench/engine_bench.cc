// The multi-pattern engine, chosen by measurement: voicelint's Aho-Corasick
// DFA against Vectorscan (the portable Hyperscan, Debian's libvectorscan-dev)
// in literal mode, on the same normalized text and the same phrases.
// Built only when libhs is installed; not a dependency of voicelint.
//
//   build/release/tests/bench/voicelint_engine_bench
#include <benchmark/benchmark.h>
#include <hs/hs.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/match/phrase_automaton.h"
#include "core/rules/loader.h"
#include "core/text/normalizer.h"
#include "corpus.h"

namespace voicelint {
namespace {

using bench::CorpusPath;

// The normalized avoid phrases of a glossary, as the ruleset compiles them.
std::vector<std::string> Phrases(const std::string& glossary) {
  auto files = LoadRulePaths({CorpusPath(glossary)});
  if (!files) throw std::runtime_error(files.errors().front().ToString());
  Normalizer fold(CaseMode::kFold);
  std::vector<std::string> out;
  for (const RuleFile& f : *files) {
    for (const Rule& r : f.rules) {
      for (const Located& p : r.avoid) out.push_back(fold.NormalizePhrase(p.text));
    }
  }
  return out;
}

std::string NormalizedCorpus(const std::string& name) {
  NormalizedText out;
  Normalizer(CaseMode::kFold).Normalize(bench::ReadCorpus(name), {}, &out);
  return out.text;
}

struct Database {
  hs_database_t* db = nullptr;
  ~Database() { hs_free_database(db); }
};

void Compile(const std::vector<std::string>& phrases, Database* out) {
  std::vector<const char*> ptrs;
  std::vector<size_t> lens;
  std::vector<unsigned> flags(phrases.size(), 0);  // every occurrence, like the automaton
  std::vector<unsigned> ids;
  for (size_t i = 0; i < phrases.size(); ++i) {
    ptrs.push_back(phrases[i].data());
    lens.push_back(phrases[i].size());
    ids.push_back(static_cast<unsigned>(i));
  }
  hs_compile_error_t* error = nullptr;
  if (hs_compile_lit_multi(ptrs.data(), flags.data(), ids.data(), lens.data(),
                           static_cast<unsigned>(phrases.size()), HS_MODE_BLOCK, nullptr, &out->db,
                           &error) != HS_SUCCESS) {
    const std::string message = error != nullptr ? error->message : "hs_compile_lit_multi failed";
    hs_free_compile_error(error);
    throw std::runtime_error(message);
  }
}

void BM_CompileAhoCorasick(benchmark::State& state, const std::string& glossary) {
  const auto phrases = Phrases(glossary);
  for (auto _ : state) {
    PhraseAutomaton ac = PhraseAutomaton::Build(phrases);
    benchmark::DoNotOptimize(ac.state_count());
  }
  const PhraseAutomaton ac = PhraseAutomaton::Build(phrases);
  state.counters["KB"] = static_cast<double>(ac.memory_bytes()) / 1024.0;
}
BENCHMARK_CAPTURE(BM_CompileAhoCorasick, small_en, std::string("small-en.yml"))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_CompileAhoCorasick, large_en, std::string("large-en.yml"))
    ->Unit(benchmark::kMillisecond);

void BM_CompileVectorscan(benchmark::State& state, const std::string& glossary) {
  const auto phrases = Phrases(glossary);
  for (auto _ : state) {
    Database db;
    Compile(phrases, &db);
    benchmark::DoNotOptimize(db.db);
  }
  Database db;
  Compile(phrases, &db);
  size_t size = 0;
  hs_database_size(db.db, &size);
  state.counters["KB"] = static_cast<double>(size) / 1024.0;
}
BENCHMARK_CAPTURE(BM_CompileVectorscan, small_en, std::string("small-en.yml"))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_CompileVectorscan, large_en, std::string("large-en.yml"))
    ->Unit(benchmark::kMillisecond);

void BM_ScanAhoCorasick(benchmark::State& state, const std::string& corpus,
                        const std::string& glossary) {
  const std::string text = NormalizedCorpus(corpus);
  const PhraseAutomaton ac = PhraseAutomaton::Build(Phrases(glossary));
  size_t hits = 0;
  for (auto _ : state) {
    ac.Scan(text, [&](uint32_t, size_t) { ++hits; });
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["hits"] = static_cast<double>(hits) / static_cast<double>(state.iterations());
}
BENCHMARK_CAPTURE(BM_ScanAhoCorasick, small_en, std::string("en_agent.txt"),
                  std::string("small-en.yml"))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ScanAhoCorasick, large_en, std::string("en_agent.txt"),
                  std::string("large-en.yml"))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ScanAhoCorasick, small_zh, std::string("zh_agent.txt"),
                  std::string("small-zh.yml"))
    ->Unit(benchmark::kMillisecond);

int CountHit(unsigned, unsigned long long, unsigned long long, unsigned, void* context) {
  ++*static_cast<size_t*>(context);
  return 0;
}

void BM_ScanVectorscan(benchmark::State& state, const std::string& corpus,
                       const std::string& glossary) {
  const std::string text = NormalizedCorpus(corpus);
  Database db;
  Compile(Phrases(glossary), &db);
  hs_scratch_t* scratch = nullptr;
  hs_alloc_scratch(db.db, &scratch);
  size_t hits = 0;
  for (auto _ : state) {
    hs_scan(db.db, text.data(), static_cast<unsigned>(text.size()), 0, scratch, CountHit, &hits);
  }
  hs_free_scratch(scratch);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["hits"] = static_cast<double>(hits) / static_cast<double>(state.iterations());
}
BENCHMARK_CAPTURE(BM_ScanVectorscan, small_en, std::string("en_agent.txt"),
                  std::string("small-en.yml"))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ScanVectorscan, large_en, std::string("en_agent.txt"),
                  std::string("large-en.yml"))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ScanVectorscan, small_zh, std::string("zh_agent.txt"),
                  std::string("small-zh.yml"))
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace voicelint

BENCHMARK_MAIN();
