#include <filesystem>
#include <iostream>

#include "cli/cli.h"

namespace voicelint::cli {

Engine* EngineCache::For(const std::string& dir) {
  std::optional<std::string> config_path;
  if (!options_.config.empty()) {
    config_path = options_.config;
  } else if (!options_.no_config) {
    config_path = FindConfig(dir);
  }
  const std::string key = config_path.value_or("");
  for (auto& [path, engine] : engines_) {
    if (path == key) return engine.get();
  }
  if (std::find(failed_.begin(), failed_.end(), key) != failed_.end()) return nullptr;
  Engine* engine = Build(config_path);
  if (engine == nullptr) failed_.push_back(key);
  return engine;
}

Engine* EngineCache::Build(const std::optional<std::string>& config_path) {
  ProjectConfig config;
  if (config_path) {
    Expected<ProjectConfig> loaded = LoadConfig(*config_path);
    if (!loaded) {
      PrintDiagnostics(loaded.errors());
      return nullptr;
    }
    config = std::move(*loaded);
  }
  // Packs: --rules, else the config's, else the embedded default rulebook.
  std::vector<std::string> packs = options_.rules;
  if (packs.empty()) packs = config.packs;
  if (packs.empty()) packs.push_back("default");
  Expected<std::vector<RuleFile>> files = LoadRulePaths(packs);
  if (!files) {
    PrintDiagnostics(files.errors());
    return nullptr;
  }
  RuleOverrides overrides = config.overrides;
  if (!options_.lang.empty()) overrides.language = options_.lang;
  Expected<std::shared_ptr<const Ruleset>> ruleset = Ruleset::Compile(std::move(*files), overrides);
  if (!ruleset) {
    PrintDiagnostics(ruleset.errors());
    return nullptr;
  }
  if (Diagnostics bad = CheckConfigReferences(config, **ruleset); !bad.empty()) {
    PrintDiagnostics(bad);
    return nullptr;
  }
  auto engine = std::make_unique<Engine>();
  engine->ruleset = *ruleset;
  engine->scratch = std::make_unique<Scratch>(*engine->ruleset);
  engine->check.min_level = options_.level.value_or(config.min_level.value_or(Level::kSuggestion));
  engine->check.check_block_quotes = config.check_block_quotes;
  engine->fail_on = options_.fail_on.value_or(config.fail_on.value_or(Level::kWarning));
  engine->inputs = config.inputs;
  if (config_path) {
    const std::string dir = std::filesystem::path(*config_path).parent_path().string();
    engine->config_dir = dir.empty() ? "." : dir;
  }
  engines_.emplace_back(config_path.value_or(""), std::move(engine));
  return engines_.back().second.get();
}

}  // namespace voicelint::cli
