#include "core/rules/yaml_node.h"

#include <yaml.h>

#include <map>

namespace voicelint::yaml {
namespace {

const std::string kEmpty;

bool IsPlainNull(const yaml_event_t& e) {
  if (e.data.scalar.style != YAML_PLAIN_SCALAR_STYLE || e.data.scalar.tag != nullptr) return false;
  const std::string_view v(reinterpret_cast<const char*>(e.data.scalar.value),
                           e.data.scalar.length);
  return v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL";
}

// Byte offsets of marks: libyaml counts lines and characters, not bytes.
class ByteOffsets {
 public:
  explicit ByteOffsets(std::string_view text) : text_(text) {
    line_begins_.push_back(0);
    for (size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1)) {
      line_begins_.push_back(i + 1);
    }
  }
  Mark Of(const yaml_mark_t& m) const {
    Mark mark{static_cast<int>(m.line), static_cast<int>(m.column), -1};
    if (m.line >= line_begins_.size()) return mark;
    size_t pos = line_begins_[m.line];
    for (size_t column = 0; column < m.column && pos < text_.size() && text_[pos] != '\n';
         ++column) {
      ++pos;
      while (pos < text_.size() && (static_cast<unsigned char>(text_[pos]) & 0xC0) == 0x80) ++pos;
    }
    mark.pos = static_cast<int64_t>(pos);
    return mark;
  }

 private:
  std::string_view text_;
  std::vector<size_t> line_begins_;
};

// Owns a libyaml parser and event for the duration of a parse.
struct Parser {
  yaml_parser_t parser;
  yaml_event_t event;
  bool has_event = false;
  Parser() { yaml_parser_initialize(&parser); }
  ~Parser() {
    if (has_event) yaml_event_delete(&event);
    yaml_parser_delete(&parser);
  }
  bool Next() {
    if (has_event) yaml_event_delete(&event);
    has_event = yaml_parser_parse(&parser, &event) != 0;
    return has_event;
  }
};

}  // namespace

const std::string& Node::Scalar() const {
  return data_ != nullptr && data_->type == NodeType::kScalar ? data_->scalar : kEmpty;
}

size_t Node::size() const {
  if (data_ == nullptr) return 0;
  if (data_->type == NodeType::kMap) return data_->children.size() / 2;
  return data_->type == NodeType::kSequence ? data_->children.size() : 0;
}

Node Node::operator[](std::string_view key) const {
  if (!IsMap()) return {};
  for (size_t i = 0; i + 1 < data_->children.size(); i += 2) {
    const NodeData& k = nodes_[data_->children[i]];
    if (k.type == NodeType::kScalar && k.scalar == key) return Child(i + 1);
  }
  return {};
}

Node::iterator Node::begin() const { return {*this, 0}; }

Node::iterator Node::end() const {
  return {*this, (IsMap() || IsSequence()) ? data_->children.size() : 0};
}

void Node::iterator::Load() {
  if (node_.data_ == nullptr || pos_ >= node_.data_->children.size()) {
    value_ = IteratorValue{};
    return;
  }
  if (node_.IsMap()) {
    value_ = IteratorValue{};
    value_.first = node_.Child(pos_);
    value_.second = node_.Child(pos_ + 1);
  } else {
    value_ = IteratorValue{node_.Child(pos_), {}, {}};
  }
}

bool Parse(std::string_view text, Document* out, ParseError* error) {
  out->nodes_.clear();
  Parser p;
  yaml_parser_set_input_string(&p.parser, reinterpret_cast<const unsigned char*>(text.data()),
                               text.size());
  yaml_parser_set_encoding(&p.parser, YAML_UTF8_ENCODING);
  std::vector<NodeData>& nodes = out->nodes_;
  std::vector<uint32_t> open;  // collections being filled, innermost last
  std::map<std::string, uint32_t, std::less<>> anchors;
  const ByteOffsets offsets(text);
  bool done = false;
  auto add = [&](NodeData data, const unsigned char* anchor) {
    const auto index = static_cast<uint32_t>(nodes.size());
    if (!open.empty()) nodes[open.back()].children.push_back(index);
    nodes.push_back(std::move(data));
    if (anchor != nullptr) anchors[reinterpret_cast<const char*>(anchor)] = index;
    return index;
  };
  while (!done) {
    if (!p.Next()) {
      const yaml_parser_t& y = p.parser;
      error->line = static_cast<int>(y.problem_mark.line) + 1;
      error->column = static_cast<int>(y.problem_mark.column) + 1;
      error->message = y.problem != nullptr ? y.problem : "unreadable YAML";
      if (y.context != nullptr) {
        error->message += std::string(" (") + y.context + " that starts on line " +
                          std::to_string(y.context_mark.line + 1) + ")";
      }
      return false;
    }
    const yaml_event_t& e = p.event;
    switch (e.type) {
      case YAML_SCALAR_EVENT: {
        NodeData data;
        data.mark = offsets.Of(e.start_mark);
        if (!IsPlainNull(e)) {
          data.type = NodeType::kScalar;
          data.scalar.assign(reinterpret_cast<const char*>(e.data.scalar.value),
                             e.data.scalar.length);
        }
        add(std::move(data), e.data.scalar.anchor);
        break;
      }
      case YAML_SEQUENCE_START_EVENT:
      case YAML_MAPPING_START_EVENT: {
        NodeData data;
        data.mark = offsets.Of(e.start_mark);
        const bool map = e.type == YAML_MAPPING_START_EVENT;
        data.type = map ? NodeType::kMap : NodeType::kSequence;
        open.push_back(
            add(std::move(data), map ? e.data.mapping_start.anchor : e.data.sequence_start.anchor));
        break;
      }
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        if (!open.empty()) open.pop_back();
        break;
      case YAML_ALIAS_EVENT: {
        const auto it = anchors.find(reinterpret_cast<const char*>(e.data.alias.anchor));
        if (it == anchors.end()) {
          error->line = static_cast<int>(e.start_mark.line) + 1;
          error->column = static_cast<int>(e.start_mark.column) + 1;
          error->message = std::string("unknown alias '*") +
                           reinterpret_cast<const char*>(e.data.alias.anchor) + "'";
          return false;
        }
        if (!open.empty()) nodes[open.back()].children.push_back(it->second);
        break;
      }
      case YAML_DOCUMENT_END_EVENT:
      case YAML_STREAM_END_EVENT:
        done = true;  // only the first document is read
        break;
      default:
        break;
    }
  }
  if (nodes.empty()) nodes.push_back(NodeData{NodeType::kNull, {0, 0}, {}, {}});
  return true;
}

}  // namespace voicelint::yaml
