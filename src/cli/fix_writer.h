// Writing fixed files safely, and showing fixes as a unified diff.
#ifndef VOICELINT_CLI_FIX_WRITER_H_
#define VOICELINT_CLI_FIX_WRITER_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/lint/linter.h"

namespace voicelint::cli {

// Replaces the file at `path` with `content` atomically: a temporary file in
// the same folder, the original's permissions (0666 less the umask for a new
// file), fsync, rename. On failure the
// original is untouched and the temporary file removed; returns the reason.
std::string WriteAtomically(const std::string& path, std::string_view content);

// A unified diff (3 lines of context) of applying the fixes of `findings`
// whose applicability is at least `minimum` to `text`, with headers naming
// `path`. Empty when nothing changes.
std::string FixDiff(const std::string& path, std::string_view text,
                    const std::vector<Finding>& findings, Applicability minimum);

}  // namespace voicelint::cli

#endif  // VOICELINT_CLI_FIX_WRITER_H_
