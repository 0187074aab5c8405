#include "core/rules/loader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "core/rules/rule_parser.h"
#include "core/rules/yaml_reader.h"

namespace voicelint {
namespace fs = std::filesystem;

Expected<std::string> ReadFile(const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return Diagnostic{path, 0, 0, "is a directory", ""};
  // One read into a buffer of the file's size: a stream copy into an
  // ostringstream and out again cost two copies of a 10 MB file.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return Diagnostic{path, 0, 0, std::string("cannot open: ") + std::strerror(errno), ""};
  struct stat st {};
  const bool regular = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  std::string out(regular ? static_cast<size_t>(st.st_size) + 1 : size_t{1} << 16, '\0');
  size_t len = 0;
  while (true) {
    if (len == out.size()) out.resize(out.size() * 2);
    const ssize_t n = ::read(fd, out.data() + len, out.size() - len);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      return Diagnostic{path, 0, 0, std::string("read error: ") + std::strerror(error), ""};
    }
    if (n == 0) break;
    len += static_cast<size_t>(n);
  }
  ::close(fd);
  out.resize(len);
  return out;
}

Expected<std::vector<RuleFile>> LoadDefaultRules() {
  std::vector<RuleFile> files;
  Diagnostics errors;
  for (const EmbeddedFile& f : DefaultRuleSources()) {
    Expected<RuleFile> file = ParseRuleFile(f.path, std::string_view(f.text, f.size));
    if (file) {
      files.push_back(std::move(*file));
    } else {
      errors.insert(errors.end(), file.errors().begin(), file.errors().end());
    }
  }
  if (!errors.empty()) return errors;
  return files;
}

Expected<std::vector<RuleFile>> LoadRulePaths(const std::vector<std::string>& paths) {
  std::vector<RuleFile> files;
  Diagnostics errors;
  auto load_one = [&](const std::string& path) {
    Expected<std::string> text = ReadFile(path);
    if (!text) {
      errors.insert(errors.end(), text.errors().begin(), text.errors().end());
      return;
    }
    Expected<RuleFile> file = ParseRuleFile(path, *text);
    if (file) {
      files.push_back(std::move(*file));
    } else {
      errors.insert(errors.end(), file.errors().begin(), file.errors().end());
    }
  };
  for (const std::string& path : paths) {
    if (path == "default") {
      Expected<std::vector<RuleFile>> builtin = LoadDefaultRules();
      if (!builtin) return builtin.errors();
      for (RuleFile& f : *builtin) files.push_back(std::move(f));
      continue;
    }
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(path, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const std::string ext = it->path().extension().string();
        if (it->is_regular_file(ec) && (ext == ".yml" || ext == ".yaml") &&
            it->path().filename().string().rfind(".voicelint", 0) != 0) {
          found.push_back(it->path().string());
        }
      }
      if (ec) errors.push_back({path, 0, 0, "cannot read folder: " + ec.message(), ""});
      std::sort(found.begin(), found.end());
      if (found.empty() && !ec)
        errors.push_back({path, 0, 0, "no rule files (*.yml) in folder", ""});
      for (const std::string& f : found) load_one(f);
    } else if (!fs::exists(path, ec)) {
      errors.push_back({path, 0, 0, "no such rule file or folder", ""});
    } else {
      load_one(path);
    }
  }
  if (!errors.empty()) return errors;
  return files;
}

namespace {

// A field selector from the configuration; errors point into the YAML value.
std::optional<FieldPath> ParseSelector(YamlReader& reader, const yaml::Node& node,
                                       std::string_view key) {
  std::optional<std::string> text = reader.String(node, key);
  if (!text) return std::nullopt;
  Expected<FieldPath> path = FieldPath::Parse(*text);
  if (!path) {
    reader.Error(node, "'" + std::string(key) + "': " + path.errors().front().message +
                           " (at character " + std::to_string(path.errors().front().column) +
                           " of '" + *text + "')");
    return std::nullopt;
  }
  return *path;
}

void ParseInputs(YamlReader& reader, const yaml::Node& list, std::vector<InputSpec>* out) {
  if (!list.IsSequence()) {
    reader.Error(list, "'inputs' must be a list of {glob, text, id} or {glob, source}");
    return;
  }
  for (const yaml::Node& entry : list) {
    if (!reader.CheckKeys(entry, "an inputs entry", {"glob", "text", "id", "html", "source"})) {
      continue;
    }
    InputSpec spec;
    if (!entry["glob"]) {
      reader.Error(entry, "an inputs entry needs a 'glob'");
      continue;
    }
    spec.glob = reader.String(entry["glob"], "glob").value_or("");
    if (entry["source"]) {
      if (std::optional<std::string> name = reader.String(entry["source"], "source")) {
        spec.source = ParseHelpDeskSource(*name);
        if (!spec.source) {
          reader.Error(entry["source"],
                       "'source' must be zendesk, freshdesk, intercom or "
                       "helpscout, not '" +
                           *name + "'");
        }
      }
      if (entry["text"]) reader.Error(entry["text"], "give either 'source' or 'text', not both");
    } else if (entry["text"]) {
      std::optional<FieldPath> text = ParseSelector(reader, entry["text"], "text");
      if (text) {
        FieldSelection fields{std::move(*text), std::nullopt, false};
        if (entry["id"]) fields.id = ParseSelector(reader, entry["id"], "id");
        if (entry["html"]) {
          std::optional<std::string> html = reader.String(entry["html"], "html");
          if (html && *html != "true" && *html != "false") {
            reader.Error(entry["html"], "'html' must be true or false");
          }
          fields.html = html == "true";
        }
        spec.fields = std::move(fields);
      }
    } else {
      reader.Error(entry, "an inputs entry needs 'text' (a field path) or 'source' (a preset)");
    }
    out->push_back(std::move(spec));
  }
}

}  // namespace

Expected<ProjectConfig> ParseConfig(const std::string& path, std::string_view text) {
  YamlReader reader(path, text);
  ProjectConfig config;
  config.path = path;
  config.text = std::string(text);
  config.overrides.source = path;
  std::optional<yaml::Node> root = reader.Load();
  if (!root) return reader.errors();
  if (root->IsNull()) return config;
  if (!reader.CheckKeys(*root, "the configuration",
                        {"packs", "disable", "levels", "allow", "fail-on", "level", "language",
                         "block-quotes", "inputs"})) {
    return reader.errors();
  }
  const yaml::Node& r = *root;
  const fs::path base = fs::path(path).parent_path();
  auto level_of = [&](const yaml::Node& node, std::string_view key) -> std::optional<Level> {
    std::optional<std::string> v = reader.String(node, key);
    if (!v) return std::nullopt;
    std::optional<Level> level = ParseLevel(*v);
    if (!level)
      reader.Error(node, "'" + std::string(key) + "' must be error, warning or suggestion, not '" +
                             *v + "'");
    return level;
  };
  if (r["packs"]) {
    for (const Located& p : reader.StringList(r["packs"], "packs")) {
      config.packs.push_back(p.text == "default" || fs::path(p.text).is_absolute()
                                 ? p.text
                                 : (base / p.text).lexically_normal().string());
    }
  }
  if (r["disable"]) {
    for (Located& ref : reader.StringList(r["disable"], "disable")) {
      config.overrides.disabled.push_back(ref.text);
      config.references.push_back(std::move(ref));
    }
  }
  if (r["levels"]) {
    const yaml::Node& levels = r["levels"];
    if (!levels.IsMap()) {
      reader.Error(levels, "'levels' must map rule ids to levels");
    } else {
      for (auto it = levels.begin(); it != levels.end(); ++it) {
        std::optional<std::string> id = reader.String(it->first, "levels");
        std::optional<Level> level = level_of(it->second, "levels");
        if (id && level) {
          config.overrides.levels.emplace_back(*id, *level);
          config.references.push_back({*id, reader.PositionOf(it->first)});
        }
      }
    }
  }
  if (r["allow"]) {
    for (const Located& p : reader.StringList(r["allow"], "allow"))
      config.overrides.allow.push_back(p.text);
  }
  if (r["fail-on"]) config.fail_on = level_of(r["fail-on"], "fail-on");
  if (r["level"]) config.min_level = level_of(r["level"], "level");
  if (r["language"]) {
    if (auto lang = reader.String(r["language"], "language")) {
      if (*lang != "en" && *lang != "zh") {
        reader.Error(r["language"], "'language' must be en or zh, not '" + *lang + "'");
      }
      config.overrides.language = *lang;
    }
  }
  if (r["block-quotes"]) {
    if (auto v = reader.String(r["block-quotes"], "block-quotes")) {
      if (*v != "true" && *v != "false")
        reader.Error(r["block-quotes"], "'block-quotes' must be true or false");
      config.check_block_quotes = *v == "true";
    }
  }
  if (r["inputs"]) ParseInputs(reader, r["inputs"], &config.inputs);
  if (!reader.errors().empty()) return reader.errors();
  return config;
}

Expected<ProjectConfig> LoadConfig(const std::string& path) {
  Expected<std::string> text = ReadFile(path);
  if (!text) return text.errors();
  return ParseConfig(path, *text);
}

std::optional<std::string> FindConfig(const std::string& dir) {
  std::error_code ec;
  fs::path current = fs::absolute(dir.empty() ? "." : dir, ec);
  if (ec) return std::nullopt;
  for (;;) {
    for (const char* name : {".voicelint.yml", ".voicelint.yaml"}) {
      const fs::path candidate = current / name;
      if (fs::is_regular_file(candidate, ec)) return candidate.string();
    }
    if (!current.has_parent_path() || current.parent_path() == current) return std::nullopt;
    current = current.parent_path();
  }
}

Diagnostics CheckConfigReferences(const ProjectConfig& config, const Ruleset& ruleset) {
  Diagnostics errors;
  for (const Located& ref : config.references) {
    if (!ruleset.Knows(ref.text)) {
      errors.push_back({config.path, ref.pos.line, ref.pos.column,
                        "no rule or glossary named '" + ref.text + "'",
                        LineOf(config.text, ref.pos.line)});
    }
  }
  return errors;
}

}  // namespace voicelint
