// The text of an HTML body (help-desk exports store replies as HTML), with a
// map from each byte of the text back to the file.
//
// Tags are dropped; block tags (p, div, br, li, h1-h6, tr, blockquote, ...)
// become a line break; comments and the content of script and style are
// dropped; character references (&amp; &nbsp; &#39; &#x2019; and the common
// named ones) are decoded. A dropped tag maps to an empty piece, so a finding
// next to `</b>` never stretches over it; a decoded entity maps to the whole
// reference (`&amp;`).
//
//   MappedText t = HtmlToText(field.text, field.map);   // "<p>Hey &amp; hi</p>"
//   t.text == "\nHey & hi\n"; t.map.Begin(1) is where "Hey" is in the file
//
// Thread-safety: a pure function.
#ifndef VOICELINT_CORE_INPUTS_HTML_TEXT_H_
#define VOICELINT_CORE_INPUTS_HTML_TEXT_H_

#include <string>
#include <string_view>

#include "core/inputs/source_map.h"

namespace voicelint {

struct MappedText {
  std::string text;
  SourceMap map;  // text -> file bytes
};

// `html` with `html_map` from its bytes to the file; the result's map goes
// from the text's bytes straight to the file.
MappedText HtmlToText(std::string_view html, const SourceMap& html_map);

}  // namespace voicelint

#endif  // VOICELINT_CORE_INPUTS_HTML_TEXT_H_
