// A streaming JSON writer: values are appended to a string as they come, with
// the commas and escapes JSON needs, and no document tree in between.
//
// The JSON printers write tens of thousands of findings; building them as
// nlohmann::json objects first cost more than checking the text (one heap
// allocation per key and value, then a second pass to serialize). The output
// is byte for byte what nlohmann's compact dump() gives for valid UTF-8
// (ensure_ascii off, control characters as \uXXXX in lower case); an invalid
// UTF-8 sequence becomes U+FFFD.
//
//   std::string out;
//   JsonWriter w(&out);
//   w.BeginObject(); w.Key("rule"); w.String("ritz.hey"); w.Key("line"); w.Number(3);
//   w.EndObject();   // {"rule":"ritz.hey","line":3}
//
// Thread-safety: one writer per thread.
#ifndef VOICELINT_REPORT_JSON_WRITER_H_
#define VOICELINT_REPORT_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace voicelint {

class JsonWriter {
 public:
  explicit JsonWriter(std::string* out) : out_(*out) {}

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  // The key of the next member of the enclosing object.
  void Key(std::string_view key);
  void String(std::string_view value);
  template <typename T>
  requires std::is_integral_v<T>
  void Number(T value) {
    if constexpr (std::is_signed_v<T>) {
      Signed(static_cast<int64_t>(value));
    } else {
      Unsigned(static_cast<uint64_t>(value));
    }
  }
  void Bool(bool value);
  void Null();
  // An already encoded JSON value, inserted as it is.
  void Raw(std::string_view json);

  // Appends `text` as a quoted JSON string.
  static void AppendQuoted(std::string_view text, std::string* out);
  // Writes `text` as a quoted JSON string at `out`, which has room for
  // QuotedBound(text.size()) bytes; returns the end of what it wrote.
  static char* WriteQuoted(std::string_view text, char* out);
  static constexpr size_t QuotedBound(size_t bytes) { return 6 * bytes + 2; }

 private:
  void Open(char bracket);
  void Close(char bracket);
  void BeforeValue();
  void Signed(int64_t value);
  void Unsigned(uint64_t value);

  std::string& out_;
  std::vector<uint8_t> has_items_;  // per open container: something was written
  bool after_key_ = false;
};

}  // namespace voicelint

#endif  // VOICELINT_REPORT_JSON_WRITER_H_
