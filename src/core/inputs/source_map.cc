#include "core/inputs/source_map.h"

#include <algorithm>

namespace voicelint {

SourceMap SourceMap::Identity(size_t source, size_t size) {
  SourceMapBuilder b;
  b.Verbatim(source, size);
  b.SetSourceEnd(source + size);
  return b.Finish();
}

size_t SourceMap::Find(size_t decoded) const {
  // The last piece starting at or before `decoded` that is not empty there.
  auto it = std::upper_bound(pieces_.begin(), pieces_.end(), decoded,
                             [](size_t d, const Piece& p) { return d < p.decoded; });
  size_t i = static_cast<size_t>(it - pieces_.begin());
  return i == 0 ? 0 : i - 1;
}

size_t SourceMap::Begin(size_t decoded) const {
  if (pieces_.empty()) return source_end_;
  if (decoded >= decoded_size()) return source_end_;
  size_t i = Find(decoded);
  // Skip pieces that produce nothing (a tag): the byte comes from the next one.
  while (i + 1 < pieces_.size() && pieces_[i].decoded + pieces_[i].decoded_len <= decoded) ++i;
  const Piece& p = pieces_[i];
  return p.verbatim ? p.source + (decoded - p.decoded) : p.source;
}

size_t SourceMap::End(size_t decoded_end) const {
  if (pieces_.empty()) return source_end_;
  if (decoded_end == 0) return Begin(0);
  // The piece that holds the last decoded byte of the span.
  size_t i = Find(decoded_end - 1);
  while (i > 0 && pieces_[i].decoded_len == 0) --i;
  const Piece& p = pieces_[i];
  if (p.verbatim) return p.source + std::min(decoded_end - p.decoded, p.source_len);
  return p.source + p.source_len;
}

void SourceMap::AppendSlice(size_t begin, size_t end, SourceMapBuilder& out) const {
  if (begin >= end) return;
  for (size_t i = Find(begin); i < pieces_.size(); ++i) {
    const Piece& p = pieces_[i];
    if (p.decoded >= end) break;
    const size_t from = std::max(begin, p.decoded);
    const size_t to = std::min(end, p.decoded + p.decoded_len);
    if (to <= from) continue;
    if (p.verbatim) {
      out.Verbatim(p.source + (from - p.decoded), to - from);
    } else {
      out.Unit(to - from, p.source, p.source_len);
    }
  }
}

void SourceMapBuilder::Verbatim(size_t source, size_t len) {
  if (len == 0) return;
  auto& pieces = map_.pieces_;
  if (!pieces.empty() && pieces.back().verbatim &&
      pieces.back().source + pieces.back().source_len == source) {
    pieces.back().decoded_len += len;
    pieces.back().source_len += len;
  } else {
    pieces.push_back({decoded_, len, source, len, true});
  }
  decoded_ += len;
  map_.source_end_ = source + len;
}

void SourceMapBuilder::Unit(size_t decoded_len, size_t source, size_t source_len) {
  map_.pieces_.push_back({decoded_, decoded_len, source, source_len, false});
  decoded_ += decoded_len;
  map_.source_end_ = source + source_len;
}

SourceMap SourceMapBuilder::Finish() {
  SourceMap out = std::move(map_);
  map_ = SourceMap();
  decoded_ = 0;
  return out;
}

}  // namespace voicelint
