// Fixes that read right where they land (DESIGN section 3, item 5).
//
// A rule says what replaces a match (prefer[0], or `replace` per sentence
// position) and how far that fix may be trusted (`fix`). FixWriter fits the
// replacement into its sentence:
//   - case by position: a capital only at the start of a sentence ("Hey, …" ->
//     "Hello, …"; "…, hey" -> "…, hello"); shouting carries over (HEY ->
//     HELLO); "I" and acronyms keep their capitals;
//   - English articles agree with the new first word ("an awesome day" ->
//     "a wonderful day": the edit then covers the article too);
//   - punctuation is not doubled at the seams ("one moment, please," + ","),
//     and a deletion takes its space or comma with it ("Thanks, buddy!" ->
//     "Thanks!"; "Um, let me" -> "Let me");
//   - Chinese replacements keep the script of the text they land in
//     (Traditional in, Traditional out, through ICU's Hans-Hant
//     transliterator).
// When the result would still read wrong (a word repeated at a seam: "thank
// you you"; a deletion that leaves nothing of the sentence), a safe fix is
// demoted to unsafe and the reason given.
//
//   FixWriter writer;
//   FixOutcome out = writer.Write(rule, "Have an awesome day", {8, 15},
//                                 SentencePosition::kMiddle);
//   // out.edit = {{5, 15}, "a wonderful"}, out.applicability = kSafe
//
// Thread-safety: a FixWriter is used by one thread at a time (it keeps an ICU
// transliterator); keep one per Scratch.
#ifndef VOICELINT_CORE_LINT_FIXES_H_
#define VOICELINT_CORE_LINT_FIXES_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/rules/rule.h"
#include "core/text/normalizer.h"

U_NAMESPACE_BEGIN
class Transliterator;
U_NAMESPACE_END

namespace voicelint {

// One change of the original text: `span` (UTF-8 bytes, half-open) is
// replaced by `replacement`. The span covers the finding's match and may
// reach beyond it (an article before it, a comma or space a deletion takes).
struct Edit {
  ByteRange span;
  std::string replacement;
};

struct FixOutcome {
  std::optional<Edit> edit;  // none when display-only
  Applicability applicability = Applicability::kDisplay;
  std::string note;                      // why the fix is not safe (empty when it is)
  std::vector<std::string> suggestions;  // the preferred phrases fitted to the place
};

class FixWriter {
 public:
  FixWriter();
  ~FixWriter();
  FixWriter(const FixWriter&) = delete;
  FixWriter& operator=(const FixWriter&) = delete;

  // The fix of `rule`'s match at `span` of `text` (which stands at
  // `position` in its sentence).
  FixOutcome Write(const Rule& rule, std::string_view text, ByteRange span,
                   SentencePosition position);

 private:
  // `simplified` in Traditional characters; nullopt when ICU has no
  // transliterator.
  std::optional<std::string> ToTraditional(std::string_view simplified);

  std::unique_ptr<icu::Transliterator> hant_;
  bool hant_failed_ = false;
  // Replacements seen and their Traditional forms: a long text repeats the
  // same few, and most (您) are the same in both scripts, so the text's
  // script is looked at only for those that differ.
  std::unordered_map<std::string, std::optional<std::string>> hant_cache_;
};

// `replacement` in the case its place asks for: the whole of it in capitals
// when `match` is shouted (HEY, NO PROBLEM; not a two-letter spelling like
// OK, nor one word in capitals replaced by several, an abbreviation like
// IDK); else its first letter upper case at the start of a sentence and
// lower case elsewhere, except "I" ("I'd", "I'm") and acronyms (FAQ).
std::string FitCase(std::string_view match, std::string_view replacement,
                    SentencePosition position);

// "an" or "a" for the English word `word` ("an hour", "a unique", "an FAQ").
std::string_view IndefiniteArticle(std::string_view word);

// `text` with every edit applied. `edits` must be ordered by span and not
// overlap; an edit that overlaps the one before it is skipped.
std::string ApplyEdits(std::string_view text, const std::vector<const Edit*>& edits);

}  // namespace voicelint

#endif  // VOICELINT_CORE_LINT_FIXES_H_
