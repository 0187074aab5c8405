// What of a Markdown document is prose (DESIGN section 5), found with md4c.
//
// Code spans and blocks, raw HTML (comments included), link destinations,
// front matter and block quotes (quoted customer text) are not checked. Prose
// pieces of one block that are separated only by a line break stay joined, so
// a phrase wrapped across lines still matches; anything else between two
// pieces (emphasis markers, a code span, a block edge) is a barrier.
//
// Thread-safety: a pure function.
#ifndef VOICELINT_CORE_INPUTS_MARKDOWN_H_
#define VOICELINT_CORE_INPUTS_MARKDOWN_H_

#include <string_view>
#include <vector>

#include "core/text/normalizer.h"

namespace voicelint {

struct MarkdownOptions {
  bool check_block_quotes = false;
};

// Appends to `out` the ranges of `text` that are NOT prose, sorted and disjoint.
void FindMarkdownNonProse(std::string_view text, const MarkdownOptions& options,
                          std::vector<ByteRange>* out);

// The end of a leading front-matter block (--- YAML --- or +++ TOML +++), or 0.
size_t FrontMatterEnd(std::string_view text);

}  // namespace voicelint

#endif  // VOICELINT_CORE_INPUTS_MARKDOWN_H_
