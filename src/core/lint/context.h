// What surrounds a match in the original text: where it stands in its
// sentence, and the contexts rules can opt out of (names and titles, quoted
// text, questions, text in another script). Used by the linter to drop
// candidates and by the fix writer to make a replacement fit its sentence.
//
//   SentencePosition p = FindSentencePosition("Thanks, buddy!", {8, 13});  // kEnd
//   bool name = LooksLikeName("tickets to Buddy Guy", {11, 16}, p);        // true
//
// Every function reads a bounded window around the span (at most a few
// hundred bytes), so its cost does not grow with the text. Offsets are UTF-8
// bytes of the original text; invalid bytes count as punctuation-free
// letters of no script. Thread-safety: pure functions.
#ifndef VOICELINT_CORE_LINT_CONTEXT_H_
#define VOICELINT_CORE_LINT_CONTEXT_H_

#include <string_view>

#include "core/rules/rule.h"
#include "core/text/normalizer.h"

namespace voicelint {

// Where `span` stands in its sentence (rule.h explains the three positions).
SentencePosition FindSentencePosition(std::string_view text, ByteRange span);

// A name or a title rather than the speaker's own words: the match begins
// with a capital letter followed by a lower-case one ("Buddy", "Hey") and
// either stands mid-sentence, or is part of a run of three or more
// capitalised words ("Hey Hey Hey", "You Need To Calm Down"); or it is
// preceded by @ or # (a handle or a hashtag).
bool LooksLikeName(std::string_view text, ByteRange span, SentencePosition position);

// Inside a pair of quotation marks ("…", “…”, ‘…’, «…», 「…」, 『…』) or title
// marks (《…》〈…〉) on the same line.
bool InQuotes(std::string_view text, ByteRange span);

// In a sentence that ends with a question mark (? or ？).
bool InQuestion(std::string_view text, ByteRange span);

// A match without Han characters in a sentence that is mostly Han: Han
// characters outnumber Latin letters around it, the match itself left out
// ("All right，电话是…"). A match with Han is never in another script.
bool InOtherScript(std::string_view text, ByteRange span);

// Whether the text around `span` is written in Traditional Chinese: more
// characters that only Traditional text uses than ones only Simplified text
// uses, in the match and the sentence around it.
bool InTraditionalText(std::string_view text, ByteRange span);

}  // namespace voicelint

#endif  // VOICELINT_CORE_LINT_CONTEXT_H_
