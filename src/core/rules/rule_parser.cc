#include "core/rules/rule_parser.h"

#include <re2/re2.h>

#include <array>
#include <map>

#include "core/rules/yaml_reader.h"

namespace voicelint {
namespace {

struct Defaults {
  Level level = Level::kWarning;
  bool word_boundary = true;
  bool case_sensitive = false;
  std::array<Applicability, kSentencePositions> fix{Applicability::kUnsafe, Applicability::kUnsafe,
                                                    Applicability::kUnsafe};
  uint8_t skip = 0;
  bool other_scripts = false;
};

constexpr std::string_view kPositionNames[kSentencePositions] = {"start", "middle", "end"};

std::optional<size_t> ParsePosition(std::string_view name) {
  for (size_t i = 0; i < kSentencePositions; ++i) {
    if (name == kPositionNames[i]) return i;
  }
  return std::nullopt;
}

bool IsIdentifier(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

class RuleFileParser {
 public:
  RuleFileParser(const std::string& path, std::string_view text) : reader_(path, text) {
    file_.path = path;
  }

  Expected<RuleFile> Parse() {
    std::optional<yaml::Node> root = reader_.Load();
    if (!root) return reader_.errors();
    if (root->IsNull()) {
      reader_.Error(SourcePos{1, 1}, "the rule file is empty (expected 'glossary' and 'terms')");
      return reader_.errors();
    }
    if (!reader_.CheckKeys(
            *root, "the rule file",
            {"glossary", "language", "description", "defaults", "terms", "patterns", "required"})) {
      return reader_.errors();
    }
    const yaml::Node& r = *root;
    if (!r["glossary"]) {
      reader_.Error(r, "missing 'glossary' (the pack name that prefixes rule ids)");
    } else if (auto g = reader_.String(r["glossary"], "glossary")) {
      if (!IsIdentifier(*g)) {
        reader_.Error(r["glossary"],
                      "'glossary' must be letters, digits, '-' or '_', not '" + *g + "'");
      }
      file_.glossary = *g;
    }
    file_.language = "any";
    if (r["language"]) {
      if (auto lang = reader_.String(r["language"], "language")) {
        if (*lang != "en" && *lang != "zh" && *lang != "zh-Hans" && *lang != "zh-Hant" &&
            *lang != "any") {
          reader_.Error(r["language"],
                        "'language' must be en, zh, zh-Hans, zh-Hant or any, not '" + *lang + "'");
        }
        file_.language = *lang;
      }
    }
    if (r["description"]) {
      if (auto d = reader_.String(r["description"], "description")) file_.description = *d;
    }
    if (r["defaults"]) ParseDefaults(r["defaults"]);
    if (r["terms"]) ParseList(r["terms"], "terms", RuleKind::kTerm);
    if (r["patterns"]) ParseList(r["patterns"], "patterns", RuleKind::kPattern);
    if (r["required"]) ParseList(r["required"], "required", RuleKind::kRequired);
    if (!reader_.errors().empty()) return reader_.errors();
    return std::move(file_);
  }

 private:
  void ParseDefaults(const yaml::Node& node) {
    if (!reader_.CheckKeys(node, "defaults",
                           {"level", "boundary", "case", "fix", "skip", "scripts"})) {
      return;
    }
    ParseSettings(node, &defaults_.level, &defaults_.word_boundary, &defaults_.case_sensitive);
    ParseFixSettings(node, &defaults_.fix, &defaults_.skip, &defaults_.other_scripts);
  }

  // `fix`, `skip` and `scripts`: keys of a term, a pattern or the defaults.
  void ParseFixSettings(const yaml::Node& node, std::array<Applicability, kSentencePositions>* fix,
                        uint8_t* skip, bool* other_scripts) {
    if (const yaml::Node f = node["fix"]) {
      auto applicability = [&](const yaml::Node& value) -> std::optional<Applicability> {
        const std::optional<std::string> v = reader_.String(value, "fix");
        if (!v) return std::nullopt;
        if (*v == "safe") return Applicability::kSafe;
        if (*v == "unsafe") return Applicability::kUnsafe;
        if (*v == "none") return Applicability::kDisplay;
        reader_.Error(value, "'fix' must be safe, unsafe or none, not '" + *v + "'");
        return std::nullopt;
      };
      if (f.IsMap()) {
        if (reader_.CheckKeys(f, "fix", {"start", "middle", "end"})) {
          for (size_t i = 0; i < kSentencePositions; ++i) {
            if (const yaml::Node p = f[kPositionNames[i]]) {
              if (auto a = applicability(p)) (*fix)[i] = *a;
            }
          }
        }
      } else if (auto a = applicability(f)) {
        fix->fill(*a);
      }
    }
    if (const yaml::Node k = node["skip"]) {
      *skip = 0;
      for (const Located& name : reader_.StringList(k, "skip")) {
        if (name.text == "names") {
          *skip |= kSkipNames;
        } else if (name.text == "quoted") {
          *skip |= kSkipQuoted;
        } else if (name.text == "questions") {
          *skip |= kSkipQuestions;
        } else {
          reader_.Error(name.pos,
                        "'skip' takes names, quoted or questions, not '" + name.text + "'");
        }
      }
    }
    if (const yaml::Node sc = node["scripts"]) {
      if (auto v = reader_.String(sc, "scripts")) {
        if (*v == "own" || *v == "any") {
          *other_scripts = *v == "any";
        } else {
          reader_.Error(sc, "'scripts' must be own or any, not '" + *v + "'");
        }
      }
    }
  }

  // `replace`, `at`, `unless-followed-by` and `unless-preceded-by` of a term
  // or a pattern.
  void ParseContext(const yaml::Node& node, Rule* rule) {
    if (const yaml::Node r = node["replace"]) {
      if (!r.IsMap()) {
        reader_.Error(r, "'replace' must be a map of start, middle and end to replacements");
      } else if (reader_.CheckKeys(r, "replace", {"start", "middle", "end"})) {
        for (size_t i = 0; i < kSentencePositions; ++i) {
          if (const yaml::Node p = r[kPositionNames[i]]) {
            if (p.IsNull()) {
              rule->replace[i] = Located{"", reader_.PositionOf(p)};
            } else if (auto text = reader_.String(p, "replace")) {
              rule->replace[i] = Located{*text, reader_.PositionOf(p)};
            }
          }
        }
      }
    }
    if (const yaml::Node at = node["at"]) {
      rule->positions = 0;
      for (const Located& name : reader_.StringList(at, "at")) {
        if (auto i = ParsePosition(name.text)) {
          rule->positions = static_cast<uint8_t>(rule->positions | (1u << *i));
        } else {
          reader_.Error(name.pos, "'at' takes start, middle or end, not '" + name.text + "'");
        }
      }
      if (rule->positions == 0) reader_.Error(at, "'at' is empty");
    }
    if (node["unless-followed-by"]) {
      rule->unless_followed_by = Phrases(node["unless-followed-by"], "unless-followed-by");
    }
    if (node["unless-preceded-by"]) {
      rule->unless_preceded_by = Phrases(node["unless-preceded-by"], "unless-preceded-by");
    }
  }

  // After `prefer` and `replace` are known: no fix where there is nothing to
  // write, and a safe fix needs something to write.
  void SettleFix(const yaml::Node& node, Rule* rule) {
    for (size_t i = 0; i < kSentencePositions; ++i) {
      if (FixText(*rule, static_cast<SentencePosition>(i)) == nullptr) {
        if (rule->fix[i] == Applicability::kSafe && node["fix"]) {
          reader_.Error(node["fix"],
                        "'fix' is safe but the rule has no 'prefer' or 'replace' for " +
                            std::string(kPositionNames[i]));
        }
        rule->fix[i] = Applicability::kDisplay;
      }
    }
  }

  void ParseSettings(const yaml::Node& node, Level* level, bool* word, bool* case_sensitive) {
    if (node["level"]) {
      if (auto v = reader_.String(node["level"], "level")) {
        if (auto l = ParseLevel(*v)) {
          *level = *l;
        } else {
          reader_.Error(node["level"],
                        "'level' must be error, warning or suggestion, not '" + *v + "'");
        }
      }
    }
    if (node["boundary"]) {
      if (auto v = reader_.String(node["boundary"], "boundary")) {
        if (*v == "word" || *v == "none") {
          *word = *v == "word";
        } else {
          reader_.Error(node["boundary"], "'boundary' must be word or none, not '" + *v + "'");
        }
      }
    }
    if (node["case"]) {
      if (auto v = reader_.String(node["case"], "case")) {
        if (*v == "insensitive" || *v == "sensitive") {
          *case_sensitive = *v == "sensitive";
        } else {
          reader_.Error(node["case"], "'case' must be insensitive or sensitive, not '" + *v + "'");
        }
      }
    }
  }

  void ParseList(const yaml::Node& list, std::string_view section, RuleKind kind) {
    if (!list.IsSequence()) {
      if (!list.IsNull()) reader_.Error(list, "'" + std::string(section) + "' must be a list");
      return;
    }
    for (const yaml::Node& entry : list) ParseRule(entry, section, kind);
  }

  void ParseRule(const yaml::Node& node, std::string_view section, RuleKind kind) {
    const std::string what = "an entry of '" + std::string(section) + "'";
    bool ok;
    switch (kind) {
      case RuleKind::kPattern:
        ok = reader_.CheckKeys(node, what,
                               {"id", "regex", "prefer", "message", "level", "boundary", "case",
                                "exceptions", "examples", "fix", "replace", "at", "skip", "scripts",
                                "unless-followed-by", "unless-preceded-by"});
        break;
      case RuleKind::kRequired:
        ok = reader_.CheckKeys(node, what, {"id", "when", "any", "message", "level", "examples"});
        break;
      default:
        ok = reader_.CheckKeys(node, what,
                               {"id", "avoid", "prefer", "message", "level", "boundary", "case",
                                "exceptions", "examples", "fix", "replace", "at", "skip", "scripts",
                                "unless-followed-by", "unless-preceded-by"});
        break;
    }
    if (!ok) return;
    Rule rule;
    rule.kind = kind;
    rule.file = file_.path;
    rule.pos = reader_.PositionOf(node);
    rule.glossary = file_.glossary;
    rule.language = file_.language;
    rule.level = defaults_.level;
    rule.word_boundary = defaults_.word_boundary;
    rule.case_sensitive = defaults_.case_sensitive;
    rule.fix = defaults_.fix;
    rule.skip = defaults_.skip;
    rule.other_scripts = defaults_.other_scripts;
    if (!node["id"]) {
      reader_.Error(node, what + " has no 'id'");
    } else if (auto id = reader_.String(node["id"], "id")) {
      if (!IsIdentifier(*id)) {
        reader_.Error(node["id"], "'id' must be letters, digits, '-' or '_', not '" + *id + "'");
      }
      auto [it, inserted] = ids_.emplace(*id, reader_.PositionOf(node["id"]).line);
      if (!inserted) {
        reader_.Error(node["id"], "duplicate id '" + *id + "' (first defined on line " +
                                      std::to_string(it->second) + ")");
      }
      rule.local_id = *id;
      rule.id = file_.glossary + "." + *id;
    }
    ParseSettings(node, &rule.level, &rule.word_boundary, &rule.case_sensitive);
    if (kind != RuleKind::kRequired) {
      ParseFixSettings(node, &rule.fix, &rule.skip, &rule.other_scripts);
      ParseContext(node, &rule);
    }
    if (node["prefer"]) rule.prefer = Phrases(node["prefer"], "prefer");
    if (node["exceptions"]) rule.exceptions = Phrases(node["exceptions"], "exceptions");
    if (kind == RuleKind::kTerm) {
      if (node["avoid"]) {
        rule.avoid = Phrases(node["avoid"], "avoid");
        if (rule.avoid.empty()) reader_.Error(node["avoid"], "'avoid' is empty");
      } else if (rule.prefer.empty()) {
        reader_.Error(node,
                      "a term needs 'avoid' (phrases to flag) or 'prefer' (encouraged phrases)");
      } else {
        rule.kind = RuleKind::kPreferred;
      }
    } else if (kind == RuleKind::kPattern) {
      if (!node["regex"]) {
        reader_.Error(node, "a pattern needs 'regex'");
      } else if (auto re = reader_.String(node["regex"], "regex")) {
        rule.regex = {*re, reader_.PositionOf(node["regex"])};
        CheckRegex(node["regex"], *re, rule.case_sensitive);
      }
    } else if (kind == RuleKind::kRequired) {
      if (node["when"]) rule.when = Phrases(node["when"], "when");
      if (!node["any"]) {
        reader_.Error(node, "a required rule needs 'any' (phrases of which one must appear)");
      } else {
        rule.any = Phrases(node["any"], "any");
        if (rule.any.empty()) reader_.Error(node["any"], "'any' is empty");
      }
    }
    if (node["message"]) {
      if (auto m = reader_.String(node["message"], "message")) {
        CheckMessage(node["message"], *m, !rule.prefer.empty());
        rule.message = *m;
      }
    } else {
      rule.message = DefaultMessage(rule);
    }
    SettleFix(node, &rule);
    if (node["examples"]) ParseExamples(node["examples"], &rule);
    file_.rules.push_back(std::move(rule));
  }

  std::vector<Located> Phrases(const yaml::Node& node, std::string_view key) {
    std::vector<Located> phrases = reader_.StringList(node, key);
    for (const Located& p : phrases) {
      if (p.text.find_first_not_of(" \t\r\n") == std::string::npos) {
        reader_.Error(p.pos, "empty phrase in '" + std::string(key) + "'");
      }
    }
    return phrases;
  }

  void CheckRegex(const yaml::Node& node, const std::string& pattern, bool case_sensitive) {
    RE2::Options options;
    options.set_log_errors(false);
    options.set_case_sensitive(case_sensitive);
    RE2 re(pattern, options);
    if (!re.ok()) {
      reader_.Error(node, "invalid regex: " + re.error());
    } else if (RE2::FullMatch("", re)) {
      reader_.Error(node, "regex matches the empty string");
    }
  }

  void CheckMessage(const yaml::Node& node, const std::string& message, bool has_prefer) {
    for (size_t open = message.find('{'); open != std::string::npos;
         open = message.find('{', open + 1)) {
      const size_t close = message.find('}', open);
      if (close == std::string::npos) break;
      const std::string name = message.substr(open + 1, close - open - 1);
      if (name == "prefer" && !has_prefer) {
        reader_.Error(node, "message uses {prefer} but the rule has no 'prefer'");
      } else if (name != "match" && name != "prefer" && IsIdentifier(name)) {
        reader_.Error(node,
                      "unknown placeholder {" + name + "} in message (use {match} or {prefer})");
      }
    }
  }

  static std::string DefaultMessage(const Rule& rule) {
    switch (rule.kind) {
      case RuleKind::kRequired: {
        std::string any;
        for (const Located& p : rule.any) any += (any.empty() ? "\"" : ", \"") + p.text + "\"";
        return "The message should include one of " + any + ".";
      }
      case RuleKind::kPreferred:
        return "Encouraged phrase.";
      default:
        return rule.prefer.empty() ? "Avoid \"{match}\"."
                                   : "Avoid \"{match}\"; prefer \"{prefer}\".";
    }
  }

  void ParseExamples(const yaml::Node& node, Rule* rule) {
    if (!reader_.CheckKeys(node, "examples", {"flag", "pass", "fix"})) return;
    if (node["flag"]) rule->flag_examples = reader_.StringList(node["flag"], "flag");
    if (node["pass"]) rule->pass_examples = reader_.StringList(node["pass"], "pass");
    if (const yaml::Node fix = node["fix"]) {
      if (!fix.IsSequence()) {
        reader_.Error(fix, "'fix' examples must be a list of {from, to}");
        return;
      }
      for (const yaml::Node& example : fix) {
        if (!example.IsMap()) {
          reader_.Error(example, "a 'fix' example must be a map {from: ..., to: ...}");
          continue;
        }
        if (!reader_.CheckKeys(example, "a fix example", {"from", "to"})) continue;
        if (!example["from"] || !example["to"]) {
          reader_.Error(example, "a 'fix' example needs both 'from' and 'to'");
          continue;
        }
        auto from = reader_.String(example["from"], "from");
        auto to = example["to"].IsNull() ? std::optional<std::string>("")
                                         : reader_.String(example["to"], "to");
        if (from && to) {
          rule->fix_examples.push_back({{*from, reader_.PositionOf(example["from"])},
                                        {*to, reader_.PositionOf(example["to"])}});
        }
      }
    }
  }

  YamlReader reader_;
  RuleFile file_;
  Defaults defaults_;
  std::map<std::string, int> ids_;
};

}  // namespace

Expected<RuleFile> ParseRuleFile(const std::string& path, std::string_view text) {
  return RuleFileParser(path, text).Parse();
}

}  // namespace voicelint
