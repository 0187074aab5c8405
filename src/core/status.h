// voicelint core: error values.
//
// Core never throws across its API and never prints: a failure is a `Diagnostic`
// (file:line:col, message, the quoted source line) carried in an `Expected<T>`.
//
//   Expected<RuleFile> file = ParseRuleFile(path, text);
//   if (!file) for (const Diagnostic& d : file.errors()) std::cerr << d.ToString();
//
// Thread-safety: plain values; safe to copy and move between threads.
#ifndef VOICELINT_CORE_STATUS_H_
#define VOICELINT_CORE_STATUS_H_

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace voicelint {

// A located message about a user's input (rule file, config, text).
// `line` and `column` are 1-based; 0 means "unknown". `column` counts code points.
struct Diagnostic {
  std::string file;
  int line = 0;
  int column = 0;
  std::string message;
  std::string source_line;  // the quoted line, without its line break; may be empty

  // "file:line:col: message" (parts that are unknown are left out), and when
  // `source_line` is set, the line itself and a caret under the column.
  std::string ToString(bool with_source = true) const;
  // "file:line:col: message" only.
  std::string Headline() const { return ToString(false); }
};

using Diagnostics = std::vector<Diagnostic>;

// A value or the diagnostics that explain why there is none.
template <typename T>
class Expected {
 public:
  Expected(T value) : value_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Expected(Diagnostics errors) : errors_(std::move(errors)) {}  // NOLINT
  Expected(Diagnostic error) : errors_{std::move(error)} {}     // NOLINT

  explicit operator bool() const { return value_.has_value(); }
  bool ok() const { return value_.has_value(); }
  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& value() { return *value_; }
  const T& value() const { return *value_; }
  const Diagnostics& errors() const { return errors_; }

 private:
  std::optional<T> value_;
  Diagnostics errors_;
};

// Returns the `line_number`-th line (1-based) of `text`, without its line break.
std::string LineOf(std::string_view text, int line_number);

}  // namespace voicelint

#endif  // VOICELINT_CORE_STATUS_H_
