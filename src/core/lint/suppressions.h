// Suppression comments inside checked text (DESIGN section 5):
//
//   <!-- voicelint-disable ritz.ok -- quoting the customer -->
//   ...
//   <!-- voicelint-enable -->
//   voicelint-disable-next-line service-zh.wei
//   voicelint-disable-line
//
// With no rule named, every rule is disabled. A rule is named by its full id,
// its local id or its glossary. The text after `--` is the reason, carried
// into the output with each suppressed finding. The comment itself is never
// checked.
//
// Thread-safety: plain values.
#ifndef VOICELINT_CORE_LINT_SUPPRESSIONS_H_
#define VOICELINT_CORE_LINT_SUPPRESSIONS_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/rules/rule.h"
#include "core/text/normalizer.h"

namespace voicelint {

class Suppressions {
 public:
  // Finds the directives of `text`; appends the spans of the comments that
  // hold them to `comments` (they are not prose).
  static Suppressions Parse(std::string_view text, std::vector<ByteRange>* comments);

  // The reason a finding of `rule` starting at byte `offset` is suppressed:
  // nullptr when it is not; an empty string when no reason was given.
  const std::string* Find(const Rule& rule, size_t offset) const;

  bool empty() const { return regions_.empty(); }

 private:
  struct Region {
    ByteRange span;
    std::vector<std::string> rules;  // empty: all rules
    std::string reason;
  };
  std::vector<Region> regions_;
};

}  // namespace voicelint

#endif  // VOICELINT_CORE_LINT_SUPPRESSIONS_H_
