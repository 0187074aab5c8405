#include <filesystem>
#include <iostream>

#include "cli/cli.h"

namespace voicelint::cli {

std::optional<std::string> ConfigPathFor(const CommonOptions& options, const std::string& dir) {
  if (!options.config.empty()) return options.config;
  if (options.no_config) return std::nullopt;
  return FindConfig(dir);
}

Engine* EngineCache::For(const std::string& dir) {
  const std::optional<std::string> config_path = ConfigPathFor(options_, dir);
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
  Expected<std::unique_ptr<Engine>> engine = BuildEngine(options_, config_path);
  if (!engine) {
    PrintDiagnostics(engine.errors());
    return nullptr;
  }
  engines_.emplace_back(config_path.value_or(""), std::move(*engine));
  return engines_.back().second.get();
}

Expected<std::unique_ptr<Engine>> BuildEngine(const CommonOptions& options,
                                              const std::optional<std::string>& config_path) {
  ProjectConfig config;
  if (config_path) {
    Expected<ProjectConfig> loaded = LoadConfig(*config_path);
    if (!loaded) return loaded.errors();
    config = std::move(*loaded);
  }
  // Packs: --rules, else the config's, else the embedded default rulebook.
  std::vector<std::string> packs = options.rules;
  if (packs.empty()) packs = config.packs;
  if (packs.empty()) packs.push_back("default");
  Expected<std::vector<RuleFile>> files = LoadRulePaths(packs);
  if (!files) return files.errors();
  RuleOverrides overrides = config.overrides;
  if (!options.lang.empty()) overrides.language = options.lang;
  Expected<std::shared_ptr<const Ruleset>> ruleset = Ruleset::Compile(std::move(*files), overrides);
  if (!ruleset) return ruleset.errors();
  if (Diagnostics bad = CheckConfigReferences(config, **ruleset); !bad.empty()) return bad;
  auto engine = std::make_unique<Engine>();
  engine->ruleset = *ruleset;
  engine->scratch = std::make_unique<Scratch>(*engine->ruleset);
  engine->check.min_level = options.level.value_or(config.min_level.value_or(Level::kSuggestion));
  engine->check.check_block_quotes = config.check_block_quotes;
  engine->fail_on = options.fail_on.value_or(config.fail_on.value_or(Level::kWarning));
  engine->inputs = config.inputs;
  if (config_path) {
    const std::string dir = std::filesystem::path(*config_path).parent_path().string();
    engine->config_dir = dir.empty() ? "." : dir;
  }
  return engine;
}

}  // namespace voicelint::cli
