#include "core/lint/linter.h"

#include <algorithm>

#include "core/inputs/markdown.h"
#include "core/inputs/non_prose.h"
#include "core/lint/context.h"
#include "core/lint/overlaps.h"
#include "core/lint/suppressions.h"
#include "core/text/utf8.h"
#include "core/util/parts.h"

namespace voicelint {
namespace {

constexpr uint32_t kAllowAll = ~0u;
constexpr size_t kMaxInvalidNotes = 20;

struct Shield {    // an exception or allow-list occurrence
  ByteRange span;  // original text
  uint32_t rule;   // kAllowAll: any rule
};

bool IsAsciiWordByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

std::string HexByte(unsigned char b) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  return {'0', 'x', kHex[b >> 4], kHex[b & 15]};
}

// What the scan of one part of the normalized text found, judged.
struct Judged {
  std::vector<std::pair<ByteRange, uint32_t>> literal;  // normalized span, kept-phrase index
  std::vector<uint32_t> literal_rule;
  std::vector<Shield> shields;
  size_t preferred_used = 0;
  std::vector<ByteRange> when_seen;  // per rule: first trigger (empty: none)
  std::vector<uint8_t> any_seen;     // per rule

  void Clear(const Ruleset& ruleset) {
    literal.clear();
    literal_rule.clear();
    shields.clear();
    preferred_used = 0;
    if (ruleset.has_required()) {
      when_seen.assign(ruleset.rules().size(), ByteRange{});
      any_seen.assign(ruleset.rules().size(), 0);
    }
  }
};

// Reports the automaton's hits that end in (from, to] of the normalized text,
// judged (word boundaries) into `out`. Depends on nothing but its arguments,
// so parts of one text can be judged on different threads.
void JudgeRange(const Ruleset& ruleset, const NormalizedText& nt, size_t from, size_t to,
                WordBoundaries& words, Judged& out) {
  const std::vector<Rule>& rules = ruleset.rules();
  const OffsetMap& map = nt.map;
  ByteRange last_preferred{~size_t{0}, 0};
  // Hits are judged as the automaton reports them, so that the many hits of a
  // large glossary that cut words (its "ass" in "class") are never stored.
  ruleset.automaton().ScanRange(nt.text, from, to, [&](uint32_t id, size_t end) {
    const ByteRange span{end - ruleset.automaton().length(id), end};
    for (const Ruleset::Entry& entry : ruleset.entries(id)) {
      switch (entry.kind) {
        case Ruleset::EntryKind::kAvoid:
          if (!rules[entry.rule].word_boundary || words.Accept(span.begin, span.end)) {
            out.literal.emplace_back(span, entry.kept);
            out.literal_rule.push_back(entry.rule);
          }
          break;
        case Ruleset::EntryKind::kException:
          out.shields.push_back({map.ToOriginal(span), entry.rule});
          break;
        case Ruleset::EntryKind::kAllow:
          out.shields.push_back({map.ToOriginal(span), kAllowAll});
          break;
        case Ruleset::EntryKind::kPreferred:
          if (!(span == last_preferred) &&
              (!rules[entry.rule].word_boundary || words.Accept(span.begin, span.end))) {
            ++out.preferred_used;
            last_preferred = span;
          }
          break;
        case Ruleset::EntryKind::kWhen:
          if (out.when_seen[entry.rule].empty() && words.Accept(span.begin, span.end)) {
            out.when_seen[entry.rule] = map.ToOriginal(span);
          }
          break;
        case Ruleset::EntryKind::kAny:
          if (!out.any_seen[entry.rule] && words.Accept(span.begin, span.end)) {
            out.any_seen[entry.rule] = 1;
          }
          break;
      }
    }
  });
}

// Appends `later`, judged after `into` in text order, to `into`.
void Merge(Judged&& later, Judged& into) {
  into.literal.insert(into.literal.end(), later.literal.begin(), later.literal.end());
  into.literal_rule.insert(into.literal_rule.end(), later.literal_rule.begin(),
                           later.literal_rule.end());
  into.shields.insert(into.shields.end(), later.shields.begin(), later.shields.end());
  into.preferred_used += later.preferred_used;
  for (size_t r = 0; r < into.when_seen.size(); ++r) {
    if (into.when_seen[r].empty()) into.when_seen[r] = later.when_seen[r];
  }
  for (size_t r = 0; r < into.any_seen.size(); ++r) into.any_seen[r] |= later.any_seen[r];
}

// A normalized text at least this long is split between threads.
constexpr size_t kParallelMinimum = size_t{1} << 20;

}  // namespace

struct Scratch::Buffers {
  NormalizedText folded;
  NormalizedText kept;
  WordBoundaries folded_words;
  WordBoundaries kept_words;
  std::vector<ByteRange> masks;
  std::vector<Candidate> candidates;
  Judged judged;
  // Working memory for one long text judged in parts: a WordBoundaries for
  // each thread that helps, a Judged for each part after the first.
  std::vector<std::unique_ptr<WordBoundaries>> helper_words;
  std::vector<Judged> part_judged;
  OverlapBuffers overlaps;
  // Per rule: the message and fix last made for a match, since a long text
  // repeats the same few matches ("你" thousands of times). An entry is valid
  // in the check numbered `check`.
  struct Made {
    uint64_t check = 0;
    std::string match;
    std::string message;
  };
  std::vector<Made> made;
  uint64_t checks = 0;
  FixWriter fixes;
};

Scratch::Scratch(const Ruleset&) : buffers_(std::make_unique<Buffers>()) {}

Scratch::~Scratch() = default;

CheckResult Check(const Ruleset& ruleset, Scratch& scratch, std::string_view text,
                  const CheckOptions& options) {
  Scratch::Buffers& b = *scratch.buffers_;
  const std::vector<Rule>& rules = ruleset.rules();
  CheckResult result;

  // What is not prose.
  b.masks.clear();
  const Suppressions suppressions = Suppressions::Parse(text, &b.masks);
  if (options.input == InputKind::kMarkdown) {
    FindMarkdownNonProse(text, MarkdownOptions{options.check_block_quotes}, &b.masks);
  }
  FindNonProse(text, &b.masks);
  MergeRanges(&b.masks);

  // Normalize and scan.
  ruleset.folding().Normalize(text, b.masks, &b.folded, options.threads);
  for (size_t i = 0; i < b.folded.invalid_utf8.size(); ++i) {
    const size_t offset = b.folded.invalid_utf8[i];
    if (i > 0 && b.folded.invalid_utf8[i - 1] + 1 == offset) continue;  // one note per run
    if (result.notes.size() == kMaxInvalidNotes) {
      result.notes.push_back({offset, "more invalid UTF-8 follows; not reported one by one"});
      break;
    }
    result.notes.push_back({offset, "invalid UTF-8 (byte " +
                                        HexByte(static_cast<unsigned char>(text[offset])) +
                                        "); the rest of the text is still checked"});
  }
  const OffsetMap& map = b.folded.map;
  WordBoundaries& words = b.folded_words;
  words.Reset(b.folded.text);
  b.candidates.clear();
  Judged& judged = b.judged;
  judged.Clear(ruleset);
  const size_t n = b.folded.text.size();
  const size_t parts = std::max<size_t>(1, std::min(options.threads, n / (kParallelMinimum / 2)));
  if (parts == 1) {
    JudgeRange(ruleset, b.folded, 0, n, words, judged);
  } else {
    // A part per thread, each judged by whichever thread is free (RunParts)
    // into a Judged of its own; the parts' findings are merged in text
    // order, as one scan would have reported them.
    const size_t workers = std::min(options.threads, parts);
    while (b.helper_words.size() + 1 < workers)
      b.helper_words.push_back(std::make_unique<WordBoundaries>());
    for (size_t w = 0; w + 1 < workers; ++w) b.helper_words[w]->Reset(b.folded.text);
    if (b.part_judged.size() + 1 < parts) b.part_judged.resize(parts - 1);
    for (size_t k = 0; k + 1 < parts; ++k) b.part_judged[k].Clear(ruleset);
    RunParts(parts, workers, [&](size_t k, size_t worker) {
      WordBoundaries& part_words = worker == 0 ? words : *b.helper_words[worker - 1];
      Judged& part_judged = k == 0 ? judged : b.part_judged[k - 1];
      JudgeRange(ruleset, b.folded, n * k / parts, n * (k + 1) / parts, part_words, part_judged);
    });
    for (size_t k = 1; k < parts; ++k) Merge(std::move(b.part_judged[k - 1]), judged);
  }
  std::vector<std::pair<ByteRange, uint32_t>>& literal = judged.literal;
  std::vector<uint32_t>& literal_rule = judged.literal_rule;
  std::vector<Shield>& shields = judged.shields;
  result.preferred_used = judged.preferred_used;
  std::sort(shields.begin(), shields.end(),
            [](const Shield& x, const Shield& y) { return x.span.begin < y.span.begin; });
  size_t longest_shield = 0;
  for (const Shield& s : shields) longest_shield = std::max(longest_shield, s.span.size());
  auto shielded = [&](const ByteRange& span, uint32_t rule) {
    if (shields.empty()) return false;
    const size_t from = span.end > longest_shield ? span.end - longest_shield : 0;
    auto it = std::lower_bound(shields.begin(), shields.end(), from,
                               [](const Shield& s, size_t v) { return s.span.begin < v; });
    for (; it != shields.end() && it->span.begin <= span.begin; ++it) {
      if ((it->rule == rule || it->rule == kAllowAll) && it->span.Contains(span)) return true;
    }
    return false;
  };

  // Contexts a rule opts out of (context.h), judged on the normalized span
  // (phrases around it) and the original one (case, quotes, script).
  auto out_of_context = [&](uint32_t r, const NormalizedText& nt, ByteRange normalized,
                            ByteRange original) {
    const Ruleset::Context& ctx = ruleset.context(r);
    if (!ctx.any) return false;
    for (const std::string& p : ctx.unless_followed_by) {
      size_t at = normalized.end;
      if (at < nt.text.size() && nt.text[at] == ' ') ++at;
      if (nt.text.compare(at, p.size(), p) == 0 &&
          (at + p.size() >= nt.text.size() || !IsAsciiWordByte(nt.text[at + p.size()]) ||
           !IsAsciiWordByte(p.back()))) {
        return true;
      }
    }
    for (const std::string& p : ctx.unless_preceded_by) {
      size_t at = normalized.begin;
      if (at > 0 && nt.text[at - 1] == ' ') --at;
      if (at >= p.size() && nt.text.compare(at - p.size(), p.size(), p) == 0 &&
          (at == p.size() || !IsAsciiWordByte(nt.text[at - p.size() - 1]) ||
           !IsAsciiWordByte(p.front()))) {
        return true;
      }
    }
    if (ctx.same_script && InOtherScript(text, original)) return true;
    if (ctx.positions != 0b111 || (ctx.skip & kSkipNames)) {
      const SentencePosition position = FindSentencePosition(text, original);
      if (!(ctx.positions & (1u << static_cast<unsigned>(position)))) return true;
      if ((ctx.skip & kSkipNames) && LooksLikeName(text, original, position)) return true;
    }
    if ((ctx.skip & kSkipQuoted) && InQuotes(text, original)) return true;
    if ((ctx.skip & kSkipQuestions) && InQuestion(text, original)) return true;
    return false;
  };

  // Literal candidates (boundaries already checked): exceptions, then case.
  size_t hint = 0;
  for (size_t i = 0; i < literal.size(); ++i) {
    const auto& [span, kept] = literal[i];
    const uint32_t r = literal_rule[i];
    const ByteRange original = map.ToOriginal(span, &hint);
    if (shielded(original, r)) continue;
    if (kept != ~0u && ruleset.keeping().NormalizePhrase(text.substr(
                           original.begin, original.size())) != ruleset.kept_phrase(kept)) {
      continue;
    }
    if (out_of_context(r, b.folded, span, original)) continue;
    b.candidates.push_back({original, r});
  }

  // Regex candidates.
  auto scan_regexes = [&](const RegexSet* set, const NormalizedText& nt, WordBoundaries& wb) {
    if (set == nullptr) return;
    const bool complete = set->Scan(
        nt.text,
        [&](uint32_t r, size_t begin, size_t end) {
          return !rules[r].word_boundary || wb.Accept(begin, end);
        },
        [&](uint32_t r, size_t begin, size_t end) {
          const ByteRange original = nt.map.ToOriginal({begin, end});
          if (!shielded(original, r) && !out_of_context(r, nt, {begin, end}, original)) {
            b.candidates.push_back({original, r});
          }
        });
    if (!complete) result.notes.push_back({0, "regex rules ran out of memory on this text"});
  };
  scan_regexes(ruleset.folded_regexes(), b.folded, words);
  if (ruleset.kept_regexes() != nullptr) {
    ruleset.keeping().Normalize(text, b.masks, &b.kept, options.threads);
    b.kept_words.Reset(b.kept.text);
    scan_regexes(ruleset.kept_regexes(), b.kept, b.kept_words);
  }

  // At most one finding per span: the longest wins, then the rule defined first.
  std::vector<Candidate> accepted;
  SettleOverlaps(&b.candidates, text.size(), &b.overlaps, &accepted);

  // Required phrases.
  if (ruleset.has_required()) {
    for (uint32_t r = 0; r < rules.size(); ++r) {
      const Rule& rule = rules[r];
      if (rule.kind != RuleKind::kRequired || judged.any_seen[r]) continue;
      if (!rule.when.empty() && judged.when_seen[r].empty()) continue;
      accepted.push_back({rule.when.empty() ? ByteRange{0, 0} : judged.when_seen[r], r});
    }
  }
  auto in_text_order = [](const Candidate& x, const Candidate& y) {
    return x.span.begin != y.span.begin ? x.span.begin < y.span.begin : x.rule < y.rule;
  };
  if (!std::is_sorted(accepted.begin(), accepted.end(), in_text_order)) {
    std::sort(accepted.begin(), accepted.end(), in_text_order);
  }

  result.findings.reserve(accepted.size());
  if (b.made.size() < rules.size()) b.made.resize(rules.size());
  ++b.checks;
  for (const Candidate& c : accepted) {
    const Rule& rule = rules[c.rule];
    if (rule.level < options.min_level) continue;
    Finding f;
    f.rule = &rule;
    f.level = rule.level;
    f.span = c.span;
    f.match = std::string(text.substr(c.span.begin, c.span.size()));
    Scratch::Buffers::Made& made = b.made[c.rule];
    if (made.check != b.checks || made.match != f.match) {
      made.check = b.checks;
      made.match = f.match;
      made.message = FormatMessage(rule, f.match);
    }
    f.message = made.message;
    if (rule.kind == RuleKind::kTerm || rule.kind == RuleKind::kPattern) {
      f.position = FindSentencePosition(text, c.span);
      FixOutcome fix = b.fixes.Write(rule, text, c.span, f.position);
      f.suggestions = std::move(fix.suggestions);
      f.fix = std::move(fix.edit);
      f.applicability = fix.applicability;
      f.fix_note = std::move(fix.note);
    }
    if (const std::string* reason = suppressions.Find(rule, c.span.begin)) {
      f.suppressed = *reason;
      result.suppressed.push_back(std::move(f));
    } else {
      result.findings.push_back(std::move(f));
    }
  }
  return result;
}

std::string ApplyFixes(std::string_view text, const std::vector<Finding>& findings,
                       Applicability minimum) {
  std::vector<const Edit*> edits;
  for (const Finding& f : findings) {
    if (f.fix && f.applicability >= minimum) edits.push_back(&*f.fix);
  }
  return ApplyEdits(text, edits);
}

}  // namespace voicelint
