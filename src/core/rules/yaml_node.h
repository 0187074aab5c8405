// A parsed YAML document: an immutable tree of scalars, lists and mappings,
// each node carrying where it starts in the source.
//
// Built on libyaml's event parser (the C parser behind PyYAML): it reads rule
// files more than ten times faster than yaml-cpp did, which is most of the
// cost of compiling a large glossary and of a cold start.
//
//   Expected<yaml::Document> doc = yaml::Parse(text);
//   yaml::Node root = doc->root();
//   if (root["terms"].IsSequence()) for (yaml::Node term : root["terms"]) ...
//
// The Node interface follows yaml-cpp's (IsMap, Scalar, operator[], begin/end,
// iterator ->first/->second over mappings) so that readers of the rule parser
// need to learn nothing new. Plain scalars `~`, `null`, `Null`, `NULL` and
// empty values are null nodes, as YAML 1.2's core schema has them. Only the
// first document of a stream is read; aliases refer to their anchored node.
//
// Thread-safety: a Document is immutable; Nodes are views into it and must not
// outlive it.
#ifndef VOICELINT_CORE_RULES_YAML_NODE_H_
#define VOICELINT_CORE_RULES_YAML_NODE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace voicelint::yaml {

enum class NodeType { kUndefined, kNull, kScalar, kSequence, kMap };

// Where a node starts: 0-based line, 0-based column in code points (libyaml
// counts characters) and byte offset; -1 for a node that does not exist.
struct Mark {
  int line = -1;
  int column = -1;
  int64_t pos = -1;
};

struct NodeData {
  NodeType type = NodeType::kNull;
  yaml::Mark mark;
  std::string scalar;
  std::vector<uint32_t> children;  // sequence items; mappings: key, value, key, value, ...
};

class Node;

// One element of an iteration: a sequence item is the Node itself; a mapping
// entry has `first` (the key) and `second` (the value).
struct IteratorValue;

class Node {
 public:
  Node() = default;  // undefined: a key that is not there

  NodeType Type() const { return data_ ? data_->type : NodeType::kUndefined; }
  explicit operator bool() const { return data_ != nullptr; }
  bool IsDefined() const { return data_ != nullptr; }
  bool IsNull() const { return Type() == NodeType::kNull; }
  bool IsScalar() const { return Type() == NodeType::kScalar; }
  bool IsSequence() const { return Type() == NodeType::kSequence; }
  bool IsMap() const { return Type() == NodeType::kMap; }

  // The text of a scalar; empty for any other node.
  const std::string& Scalar() const;
  yaml::Mark Mark() const { return data_ ? data_->mark : yaml::Mark{}; }
  // Items of a sequence, entries of a mapping; 0 otherwise.
  size_t size() const;

  // The value of the first entry whose key is the scalar `key`; undefined if
  // there is none or this is not a mapping.
  Node operator[](std::string_view key) const;

  class iterator;
  iterator begin() const;
  iterator end() const;

 private:
  friend class Document;
  friend class iterator;
  Node(const NodeData* nodes, uint32_t index) : nodes_(nodes), data_(nodes + index) {}
  Node Child(size_t i) const { return {nodes_, data_->children[i]}; }

  const NodeData* nodes_ = nullptr;  // all nodes of the document (its heap buffer)
  const NodeData* data_ = nullptr;
};

struct IteratorValue : Node {
  Node first;
  Node second;
};

class Node::iterator {
 public:
  const IteratorValue& operator*() const { return value_; }
  const IteratorValue* operator->() const { return &value_; }
  iterator& operator++() {
    pos_ += step_;
    Load();
    return *this;
  }
  bool operator==(const iterator& other) const { return pos_ == other.pos_; }

 private:
  friend class Node;
  iterator(Node node, size_t pos) : node_(node), pos_(pos), step_(node.IsMap() ? 2 : 1) { Load(); }
  void Load();

  Node node_;
  size_t pos_;
  size_t step_;
  IteratorValue value_;
};

// A parse error: what went wrong and where (1-based line, code point column).
struct ParseError {
  int line = 0;
  int column = 0;
  std::string message;
};

class Document {
 public:
  // The root of the first document; a null node for an empty stream.
  Node root() const { return nodes_.empty() ? Node() : Node(nodes_.data(), 0); }

 private:
  friend bool Parse(std::string_view text, Document* out, ParseError* error);
  std::vector<NodeData> nodes_;
};

// Parses `text` (valid UTF-8) into `out`. On a syntax error returns false and
// fills `error`.
bool Parse(std::string_view text, Document* out, ParseError* error);

}  // namespace voicelint::yaml

#endif  // VOICELINT_CORE_RULES_YAML_NODE_H_
