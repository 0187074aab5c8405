// The compiled, immutable form of a set of rule files (DESIGN section 4).
//
// Every literal phrase of every rule — avoided phrases, exceptions, the allow
// list, encouraged phrases, required-rule triggers — goes into ONE
// PhraseAutomaton; every regex rule into one RE2::Set per case mode. Checking a
// message therefore costs one pass over its normalized text however many
// rules there are.
//
//   Expected<std::shared_ptr<const Ruleset>> rs = Ruleset::Compile(files, overrides);
//   Scratch scratch(**rs);
//   CheckResult r = Check(**rs, scratch, "Hey, no problem!", {});
//
// Thread-safety: immutable after Compile; share it across threads freely. Each
// thread brings its own Scratch (see lint/linter.h).
#ifndef VOICELINT_CORE_RULES_RULESET_H_
#define VOICELINT_CORE_RULES_RULESET_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/match/phrase_automaton.h"
#include "core/rules/rule.h"
#include "core/status.h"
#include "core/text/normalizer.h"

namespace re2 {
class RE2;
}

namespace voicelint {

// Project-level changes to the loaded rules (from .voicelint.yml or flags).
struct RuleOverrides {
  std::vector<std::string> disabled;                  // rule ids, local ids or glossary names
  std::vector<std::pair<std::string, Level>> levels;  // rule id or glossary -> level
  std::vector<std::string> allow;                     // phrases never reported
  std::string language;                               // "", "en" or "zh": keep matching packs
  std::string source;                                 // where these came from, for errors
};

// Whether a rule reference from a config or suppression comment names `rule`:
// its full id, its local id, or its glossary.
bool RuleReferenceMatches(std::string_view reference, const Rule& rule);

class RegexSet;

class Ruleset {
 public:
  enum class EntryKind : uint8_t { kAvoid, kException, kAllow, kPreferred, kWhen, kAny };
  // What one automaton phrase means to one rule.
  struct Entry {
    uint32_t rule;  // index into rules(); unused for kAllow
    EntryKind kind;
    uint32_t kept;  // kAvoid of a case-sensitive rule: index into kept_phrases(); else ~0u
  };

  static Expected<std::shared_ptr<const Ruleset>> Compile(std::vector<RuleFile> files,
                                                          const RuleOverrides& overrides = {});
  ~Ruleset();

  const std::vector<Rule>& rules() const { return rules_; }
  // Whether `reference` (a full rule id, a glossary, or a local id) names a
  // rule of the files compiled, disabled ones and other languages' included:
  // what configuration references are checked against.
  bool Knows(std::string_view reference) const;
  // The rule with this full id, or nullptr.
  const Rule* Find(std::string_view id) const;
  // Index of `rule` in rules().
  uint32_t IndexOf(const Rule& rule) const { return static_cast<uint32_t>(&rule - rules_.data()); }

  const PhraseAutomaton& automaton() const { return automaton_; }
  std::span<const Entry> entries(uint32_t phrase) const {
    return {entries_.data() + entry_begin_[phrase], entries_.data() + entry_begin_[phrase + 1]};
  }
  const std::string& kept_phrase(uint32_t index) const { return kept_phrases_[index]; }
  const Normalizer& folding() const { return folding_; }
  const Normalizer& keeping() const { return keeping_; }
  // Regex rules over case-folded text, and over text that keeps case.
  const RegexSet* folded_regexes() const { return folded_regexes_.get(); }
  const RegexSet* kept_regexes() const { return kept_regexes_.get(); }
  bool has_required() const { return has_required_; }

  // What a rule's candidates must be checked against besides word
  // boundaries and exceptions (context.h): set only for rules that need it.
  struct Context {
    bool any = false;                             // whether anything below applies
    uint8_t positions = 0b111;                    // SentencePosition bits where the rule fires
    uint8_t skip = 0;                             // SkipContext bits
    bool same_script = false;                     // not in a sentence of the other script
    std::vector<std::string> unless_followed_by;  // normalized like the text
    std::vector<std::string> unless_preceded_by;
  };
  const Context& context(uint32_t rule) const { return contexts_[rule]; }
  size_t phrase_count() const { return automaton_.phrase_count(); }

 private:
  Ruleset();
  // Every rule's names as written: full id, glossary, local id.
  struct Names {
    std::string id;
    std::string glossary;
    std::string local_id;
  };
  std::vector<Names> names_;
  std::vector<Rule> rules_;
  PhraseAutomaton automaton_;
  std::vector<Entry> entries_;
  std::vector<uint32_t> entry_begin_;
  std::vector<std::string> kept_phrases_;
  Normalizer folding_;
  Normalizer keeping_;
  std::unique_ptr<RegexSet> folded_regexes_;
  std::unique_ptr<RegexSet> kept_regexes_;
  bool has_required_ = false;
  std::vector<Context> contexts_;
};

// All the regex rules of one case mode: an RE2::Set to learn which rules match
// a text at all, and each rule's own RE2 to find where.
class RegexSet {
 public:
  RegexSet(const RegexSet&) = delete;
  RegexSet& operator=(const RegexSet&) = delete;
  ~RegexSet();

  // Calls `on_match(rule_index, begin, end)` for each non-overlapping match of
  // each rule (leftmost first), in byte offsets of `text`. `accept(rule, b, e)`
  // may reject a match (word boundaries); the search then goes on one code
  // point after its start. Returns false when RE2 ran out of memory.
  template <typename Accept, typename OnMatch>
  bool Scan(std::string_view text, Accept&& accept, OnMatch&& on_match) const;

 private:
  friend class Ruleset;
  RegexSet() = default;
  bool Matching(std::string_view text, std::vector<int>* which) const;
  bool Next(int index, std::string_view text, size_t from, size_t* begin, size_t* end) const;
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::vector<uint32_t> rules_;  // set index -> rule index
};

template <typename Accept, typename OnMatch>
bool RegexSet::Scan(std::string_view text, Accept&& accept, OnMatch&& on_match) const {
  std::vector<int> which;
  if (!Matching(text, &which)) return false;
  for (int index : which) {
    const uint32_t rule = rules_[static_cast<size_t>(index)];
    size_t from = 0;
    size_t begin;
    size_t end;
    while (from <= text.size() && Next(index, text, from, &begin, &end)) {
      if (end > begin && accept(rule, begin, end)) {
        on_match(rule, begin, end);
        from = end;
      } else {
        from = begin + 1;
        while (from < text.size() && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80)
          ++from;
      }
    }
  }
  return true;
}

}  // namespace voicelint

#endif  // VOICELINT_CORE_RULES_RULESET_H_
