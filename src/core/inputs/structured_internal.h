// Shared by the structured-input readers; not part of core's API.
#ifndef VOICELINT_CORE_INPUTS_STRUCTURED_INTERNAL_H_
#define VOICELINT_CORE_INPUTS_STRUCTURED_INTERNAL_H_

#include <string>
#include <string_view>

#include "core/status.h"

namespace voicelint::structured_internal {

// A Diagnostic at byte `offset` of `text`: 1-based line, column in code
// points, the line quoted.
Diagnostic ErrorAt(const std::string& path, std::string_view text, size_t offset,
                   std::string message);

// `text` quoted for a message: 'x', "end of file" or "line break".
std::string Describe(std::string_view text, size_t offset);

}  // namespace voicelint::structured_internal

#endif  // VOICELINT_CORE_INPUTS_STRUCTURED_INTERNAL_H_
