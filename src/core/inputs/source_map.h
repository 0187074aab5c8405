// A map from offsets in a decoded string back to offsets in the file it was
// decoded from: a JSON string with its escapes, a CSV field with its doubled
// quotes, a YAML scalar, an HTML body with its tags and entities.
//
// The map is a list of pieces in decoded order. A verbatim piece copies file
// bytes one for one; a unit piece is an escape, an entity or a tag that turns
// some file bytes into some decoded bytes as a whole (`\u00e9` -> "é",
// `&amp;` -> "&", `<br>` -> "\n", `</b>` -> ""). A decoded span that begins or
// ends inside a unit covers the whole unit in the file.
//
//   SourceMapBuilder b;
//   b.Verbatim(10, 3);        // decoded [0,3) = file [10,13)
//   b.Unit(1, 13, 2);         // decoded [3,4) = file [13,15), e.g. "\n"
//   SourceMap map = b.Finish();
//   map.Begin(3) == 13; map.End(4) == 15;
//
// All offsets are UTF-8 bytes. Thread-safety: immutable after Finish().
#ifndef VOICELINT_CORE_INPUTS_SOURCE_MAP_H_
#define VOICELINT_CORE_INPUTS_SOURCE_MAP_H_

#include <cstddef>
#include <vector>

namespace voicelint {

class SourceMap {
 public:
  struct Piece {
    size_t decoded = 0;      // where the piece starts in the decoded string
    size_t decoded_len = 0;  // decoded bytes it produces
    size_t source = 0;       // where it starts in the file
    size_t source_len = 0;   // file bytes it consumes
    bool verbatim = false;   // byte-for-byte copy (then decoded_len == source_len)
  };

  // An identity map of `size` bytes starting at file offset `source`.
  static SourceMap Identity(size_t source, size_t size);

  // The file offset where the decoded byte at `decoded` comes from; for the
  // end of the decoded string, the end of its last piece.
  size_t Begin(size_t decoded) const;
  // The file offset where a decoded span ending at `decoded_end` ends.
  size_t End(size_t decoded_end) const;

  // Appends to `out` the pieces that cover decoded [begin, end), shifted so
  // that `begin` lands at out's current decoded length. Used to compose maps
  // (an HTML body inside a JSON string).
  void AppendSlice(size_t begin, size_t end, class SourceMapBuilder& out) const;

  size_t decoded_size() const { return pieces_.empty() ? 0 : Last().decoded + Last().decoded_len; }
  const std::vector<Piece>& pieces() const { return pieces_; }

 private:
  friend class SourceMapBuilder;
  const Piece& Last() const { return pieces_.back(); }
  // The index of the piece containing decoded offset `decoded`.
  size_t Find(size_t decoded) const;
  std::vector<Piece> pieces_;
  size_t source_end_ = 0;  // where the mapped text ends in the file
};

class SourceMapBuilder {
 public:
  // `len` bytes copied from file offset `source`; merges with a verbatim
  // piece that ends exactly there.
  void Verbatim(size_t source, size_t len);
  // `decoded_len` bytes produced from file [source, source + source_len).
  void Unit(size_t decoded_len, size_t source, size_t source_len);
  // Where the mapped text ends in the file (e.g. before the closing quote).
  void SetSourceEnd(size_t source_end) { map_.source_end_ = source_end; }
  size_t decoded_size() const { return decoded_; }
  SourceMap Finish();

 private:
  SourceMap map_;
  size_t decoded_ = 0;
};

}  // namespace voicelint

#endif  // VOICELINT_CORE_INPUTS_SOURCE_MAP_H_
