// CSV as RFC 4180 describes it: a header row naming the columns, fields
// separated by commas, records by CRLF or LF; a field in double quotes may
// hold commas, line breaks and doubled quotes (""), which the offset map of
// the field accounts for. Every row becomes an object keyed by the header.
#include "core/inputs/structured.h"
#include "core/inputs/structured_internal.h"

namespace voicelint {
namespace {

using structured_internal::Describe;
using structured_internal::ErrorAt;

struct Field {
  std::string text;
  SourceMap map;
  size_t begin = 0;
  size_t end = 0;
};

class CsvParser {
 public:
  CsvParser(const std::string& path, std::string_view text) : path_(path), text_(text) {
    if (text_.starts_with("\xEF\xBB\xBF")) pos_ = 3;
  }

  bool AtEnd() const { return pos_ >= text_.size(); }

  // Reads one record into `fields`; false on a syntax error (in `error`).
  bool Record(std::vector<Field>* fields, std::optional<Diagnostic>* error) {
    fields->clear();
    for (;;) {
      Field field;
      if (!ReadField(&field, error)) return false;
      fields->push_back(std::move(field));
      if (AtEnd()) return true;
      const char c = text_[pos_];
      if (c == ',') {
        ++pos_;
        continue;
      }
      if (c == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') {
        pos_ += 2;
        return true;
      }
      if (c == '\n') {
        ++pos_;
        return true;
      }
      *error = ErrorAt(
          path_, text_, pos_,
          "expected ',' or a line break after a quoted field, found " + Describe(text_, pos_));
      return false;
    }
  }

 private:
  bool ReadField(Field* field, std::optional<Diagnostic>* error) {
    field->begin = pos_;
    SourceMapBuilder b;
    if (!AtEnd() && text_[pos_] == '"') {
      const size_t open = pos_;
      ++pos_;
      size_t run = pos_;
      for (;;) {
        if (AtEnd()) {
          *error = ErrorAt(path_, text_, open, "unterminated quoted field (no closing '\"')");
          return false;
        }
        if (text_[pos_] != '"') {
          ++pos_;
          continue;
        }
        field->text.append(text_.substr(run, pos_ - run));
        b.Verbatim(run, pos_ - run);
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
          field->text.push_back('"');
          b.Unit(1, pos_, 2);
          pos_ += 2;
          run = pos_;
          continue;
        }
        b.SetSourceEnd(pos_);
        ++pos_;  // the closing quote
        break;
      }
    } else {
      const size_t start = pos_;
      while (!AtEnd() && text_[pos_] != ',' && text_[pos_] != '\n' &&
             !(text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n')) {
        if (text_[pos_] == '"') {
          *error = ErrorAt(path_, text_, pos_,
                           "a '\"' inside an unquoted field (quote the whole field and double "
                           "the quote: \"\")");
          return false;
        }
        ++pos_;
      }
      field->text = std::string(text_.substr(start, pos_ - start));
      b.Verbatim(start, pos_ - start);
      b.SetSourceEnd(pos_);
    }
    field->map = b.Finish();
    field->end = pos_;
    return true;
  }

  const std::string& path_;
  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

Expected<StructuredDocument> ParseCsv(const std::string& path, std::string_view text) {
  StructuredDocument doc;
  doc.format = StructuredFormat::kCsv;
  CsvParser parser(path, text);
  std::optional<Diagnostic> error;
  std::vector<Field> header;
  if (parser.AtEnd())
    return structured_internal::ErrorAt(path, text, 0, "empty CSV file: expected a header row");
  if (!parser.Record(&header, &error)) return *error;
  std::vector<Field> fields;
  Diagnostics errors;
  while (!parser.AtEnd()) {
    if (!parser.Record(&fields, &error)) {
      errors.push_back(*error);
      break;  // after a quoting error the rest of the file cannot be trusted
    }
    if (fields.size() == 1 && fields[0].text.empty() && fields[0].begin == fields[0].end) {
      continue;  // a blank line
    }
    if (fields.size() != header.size()) {
      errors.push_back(structured_internal::ErrorAt(
          path, text, fields.front().begin,
          "this row has " + std::to_string(fields.size()) + " fields, the header has " +
              std::to_string(header.size())));
      continue;
    }
    StructuredValue row;
    row.kind = StructuredValue::Kind::kObject;
    row.begin = fields.front().begin;
    row.end = fields.back().end;
    for (size_t i = 0; i < fields.size(); ++i) {
      StructuredValue value;
      value.kind = StructuredValue::Kind::kString;
      value.text = std::move(fields[i].text);
      value.map = std::move(fields[i].map);
      value.begin = fields[i].begin;
      value.end = fields[i].end;
      row.members.emplace_back(header[i].text, std::move(value));
    }
    doc.roots.push_back(std::move(row));
  }
  if (!errors.empty()) return errors;
  return doc;
}

}  // namespace voicelint
