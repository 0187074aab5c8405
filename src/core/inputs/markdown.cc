#include "core/inputs/markdown.h"

#include <md4c.h>

namespace voicelint {
namespace {

struct Piece {
  size_t begin;
  size_t end;
  unsigned block;
};

struct ParseState {
  const char* base;
  size_t size;
  size_t offset;  // where the parsed text starts in the document
  MarkdownOptions options;
  unsigned block = 0;
  int quote_depth = 0;
  int code_depth = 0;
  int html_depth = 0;
  std::vector<Piece> pieces;
};

int EnterBlock(MD_BLOCKTYPE type, void* /*detail*/, void* user) {
  auto* st = static_cast<ParseState*>(user);
  ++st->block;
  if (type == MD_BLOCK_QUOTE) ++st->quote_depth;
  if (type == MD_BLOCK_CODE) ++st->code_depth;
  if (type == MD_BLOCK_HTML) ++st->html_depth;
  return 0;
}

int LeaveBlock(MD_BLOCKTYPE type, void* /*detail*/, void* user) {
  auto* st = static_cast<ParseState*>(user);
  ++st->block;
  if (type == MD_BLOCK_QUOTE) --st->quote_depth;
  if (type == MD_BLOCK_CODE) --st->code_depth;
  if (type == MD_BLOCK_HTML) --st->html_depth;
  return 0;
}

int Span(MD_SPANTYPE /*type*/, void* /*detail*/, void* /*user*/) { return 0; }

int Text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* user) {
  auto* st = static_cast<ParseState*>(user);
  if (type != MD_TEXT_NORMAL || st->code_depth > 0 || st->html_depth > 0) return 0;
  if (st->quote_depth > 0 && !st->options.check_block_quotes) return 0;
  // md4c hands out pointers into the document for normal text.
  if (text < st->base || text + size > st->base + st->size) return 0;
  const size_t begin = st->offset + static_cast<size_t>(text - st->base);
  if (!st->pieces.empty() && st->pieces.back().end == begin &&
      st->pieces.back().block == st->block) {
    st->pieces.back().end = begin + size;
  } else {
    st->pieces.push_back({begin, begin + size, st->block});
  }
  return 0;
}

bool AllSpace(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
  }
  return true;
}

}  // namespace

size_t FrontMatterEnd(std::string_view text) {
  for (std::string_view fence : {std::string_view("---"), std::string_view("+++")}) {
    if (text.rfind(fence, 0) != 0) continue;
    size_t line_end = text.find('\n');
    if (line_end == std::string_view::npos) return 0;
    std::string_view first = text.substr(0, line_end);
    if (!first.empty() && first.back() == '\r') first.remove_suffix(1);
    if (first != fence) return 0;
    for (size_t pos = line_end + 1; pos < text.size();) {
      size_t end = text.find('\n', pos);
      const size_t next = end == std::string_view::npos ? text.size() : end + 1;
      std::string_view line =
          text.substr(pos, (end == std::string_view::npos ? text.size() : end) - pos);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line == fence || (fence == "---" && line == "...")) return next;
      pos = next;
    }
    return 0;
  }
  return 0;
}

void FindMarkdownNonProse(std::string_view text, const MarkdownOptions& options,
                          std::vector<ByteRange>* out) {
  const size_t front = FrontMatterEnd(text);
  const std::string_view body = text.substr(front);
  ParseState st{body.data(), body.size(), front, options, 0, 0, 0, 0, {}};
  MD_PARSER parser{};
  parser.abi_version = 0;
  parser.flags =
      MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_TASKLISTS | MD_FLAG_PERMISSIVEAUTOLINKS;
  parser.enter_block = EnterBlock;
  parser.leave_block = LeaveBlock;
  parser.enter_span = Span;
  parser.leave_span = Span;
  parser.text = Text;
  md_parse(body.data(), static_cast<MD_SIZE>(body.size()), &parser, &st);

  size_t cursor = 0;
  unsigned block = ~0u;
  for (const Piece& p : st.pieces) {
    if (p.begin > cursor) {
      const bool joined = p.block == block && AllSpace(text.substr(cursor, p.begin - cursor));
      if (!joined) out->push_back({cursor, p.begin});
    }
    cursor = p.end;
    block = p.block;
  }
  if (cursor < text.size()) out->push_back({cursor, text.size()});
}

}  // namespace voicelint
