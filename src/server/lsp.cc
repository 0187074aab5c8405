#include "server/lsp.h"

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <filesystem>
#include <mutex>
#include <thread>
#include <utility>

#include "core/inputs/html_text.h"
#include "core/text/positions.h"

namespace voicelint::server {

namespace fs = std::filesystem;

// LSP error codes beyond JSON-RPC's.
constexpr int kServerNotInitialized = -32002;
constexpr int kRequestCancelled = -32800;

// Message types of window/showMessage.
constexpr int kMessageError = 1;
constexpr int kMessageWarning = 2;

// One loaded configuration: the rules in use (the last that loaded) and the
// scratch to check with them.
struct LspServer::Setup {
  std::shared_ptr<const Ruleset> ruleset;  // null when it never loaded
  CheckOptions check;
  std::unique_ptr<Scratch> scratch;
};

struct LspServer::Document {
  std::string uri;
  std::optional<std::string> path;  // for file:// URIs
  std::string language;
  int64_t version = 0;
  TextDocument text;
  bool oversized = false;                // over max_document_bytes: not kept, not checked
  std::string config_key;                // the configuration path that applies ("" = none)
  std::optional<Clock::time_point> due;  // a check is waiting for the debounce
  // The last check, of `linted_version`; valid only while !stale.
  bool stale = true;
  int64_t linted_version = -1;
  std::shared_ptr<const Ruleset> linted_with;  // keeps the findings' Rule pointers alive
  std::vector<Finding> findings;
  std::vector<InputNote> notes;
  bool html = false;  // the findings' fixes are escaped for HTML
  std::string result_id;
};

namespace {

RpcError InvalidParams(std::string message) {
  return {kInvalidParams, "Invalid params: " + std::move(message), std::nullopt};
}

bool Checked(std::string_view language) {
  return language == "markdown" || language == "plaintext" || language == "git-commit" ||
         language == "html";
}

// Code units of one UTF-8 sequence starting with `lead`, in `encoding`.
uint32_t UnitsOf(unsigned char lead, PositionEncoding encoding) {
  if (encoding == PositionEncoding::kUtf32) return 1;
  const uint32_t bytes = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  if (encoding == PositionEncoding::kUtf8) return bytes;
  return bytes == 4 ? 2 : 1;
}

size_t SequenceLength(unsigned char lead) {
  return lead < 0x80 ? 1 : lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

// Converts ascending byte offsets of one text to LSP positions: the line and
// code-point column come from PositionIndex (the report layer's), UTF-16
// columns count the four-byte sequences of the line up to the offset, with
// the count kept per line so that many findings on one long line cost one
// walk.
class PositionConverter {
 public:
  PositionConverter(std::string_view text, PositionEncoding encoding)
      : text_(text), index_(text), encoding_(encoding) {}

  LspPosition At(size_t byte) {
    const Position p = index_.At(byte);
    LspPosition out;
    out.line = p.line - 1;
    if (encoding_ == PositionEncoding::kUtf8) {
      out.character = static_cast<uint32_t>(p.byte - p.line_begin);
    } else if (encoding_ == PositionEncoding::kUtf32) {
      out.character = p.column - 1;
    } else {
      if (p.line_begin != line_begin_ || p.byte < scanned_) {
        line_begin_ = p.line_begin;
        scanned_ = p.line_begin;
        astral_ = 0;
      }
      for (; scanned_ < p.byte; ++scanned_) {
        if (static_cast<unsigned char>(text_[scanned_]) >= 0xF0) ++astral_;
      }
      out.character = static_cast<uint32_t>(p.column - 1 + astral_);
    }
    return out;
  }

 private:
  std::string_view text_;
  PositionIndex index_;
  PositionEncoding encoding_;
  size_t line_begin_ = static_cast<size_t>(-1);
  size_t scanned_ = 0;
  size_t astral_ = 0;
};

Json PositionJson(LspPosition p) { return {{"line", p.line}, {"character", p.character}}; }

std::optional<LspPosition> ParsePosition(const Json& json) {
  if (!json.is_object()) return std::nullopt;
  const auto line = json.find("line");
  const auto character = json.find("character");
  if (line == json.end() || character == json.end() || !line->is_number_unsigned() ||
      !character->is_number_unsigned()) {
    return std::nullopt;
  }
  return LspPosition{
      static_cast<uint32_t>(std::min<uint64_t>(line->get<uint64_t>(), UINT32_MAX)),
      static_cast<uint32_t>(std::min<uint64_t>(character->get<uint64_t>(), UINT32_MAX))};
}

int Severity(Level level) {
  switch (level) {
    case Level::kError:
      return 1;
    case Level::kWarning:
      return 2;
    case Level::kSuggestion:
      return 3;
  }
  return 3;
}

std::string JoinQuoted(const std::vector<Located>& items) {
  std::string out;
  for (const Located& item : items) {
    if (!out.empty()) out += ", ";
    out += "\"" + item.text + "\"";
  }
  return out;
}

// A replacement written into HTML must read as text there.
std::string EscapeHtml(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else {
      out += c;
    }
  }
  return out;
}

// Where a rule is defined: a link for codeDescription, and "file:line" for
// people. Embedded rules (the default rulebook) have no file on disk: they
// link to voicelint-rule:ID, which clients resolve with voicelint/rule.
std::string RuleHref(const Rule& rule) {
  std::error_code ec;
  if (!rule.file.empty() && fs::is_regular_file(rule.file, ec)) {
    return FileUri(fs::absolute(rule.file, ec).lexically_normal().string()) + "#L" +
           std::to_string(rule.pos.line);
  }
  return "voicelint-rule:" + rule.id;
}

std::string RuleLocation(const Rule& rule) {
  return rule.file + ":" + std::to_string(rule.pos.line) + ":" + std::to_string(rule.pos.column);
}

std::string DumpId(const Json& id) { return Dump(id); }

}  // namespace

std::string_view PositionEncodingName(PositionEncoding encoding) {
  switch (encoding) {
    case PositionEncoding::kUtf8:
      return "utf-8";
    case PositionEncoding::kUtf16:
      return "utf-16";
    case PositionEncoding::kUtf32:
      return "utf-32";
  }
  return "utf-16";
}

// --- TextDocument ------------------------------------------------------------

TextDocument::TextDocument(std::string text) : text_(std::move(text)) {
  line_starts_.push_back(0);
  for (const char* p = text_.data(); (p = static_cast<const char*>(std::memchr(
                                          p, '\n', text_.data() + text_.size() - p))) != nullptr;) {
    ++p;
    line_starts_.push_back(static_cast<size_t>(p - text_.data()));
  }
}

size_t TextDocument::OffsetOf(LspPosition position, PositionEncoding encoding) const {
  if (position.line >= line_starts_.size()) return text_.size();
  const size_t begin = line_starts_[position.line];
  size_t end =
      position.line + 1 < line_starts_.size() ? line_starts_[position.line + 1] - 1 : text_.size();
  if (end > begin && text_[end - 1] == '\r' && end < text_.size() && text_[end] == '\n') --end;
  size_t at = begin;
  uint32_t units = 0;
  while (at < end) {
    const auto lead = static_cast<unsigned char>(text_[at]);
    const uint32_t width = UnitsOf(lead, encoding);
    if (units + width > position.character) break;
    units += width;
    at += SequenceLength(lead);
  }
  return std::min(at, end);
}

void TextDocument::Replace(size_t begin, size_t end, std::string_view replacement) {
  end = std::min(end, text_.size());
  begin = std::min(begin, end);
  text_.replace(begin, end - begin, replacement);
  // Line starts after `begin` up to `end` are gone; those after `end` move.
  auto first = std::upper_bound(line_starts_.begin(), line_starts_.end(), begin);
  auto last = std::upper_bound(first, line_starts_.end(), end);
  const auto shift =
      static_cast<std::ptrdiff_t>(replacement.size()) - static_cast<std::ptrdiff_t>(end - begin);
  for (auto it = last; it != line_starts_.end(); ++it) {
    *it = static_cast<size_t>(static_cast<std::ptrdiff_t>(*it) + shift);
  }
  std::vector<size_t> inserted;
  for (size_t i = 0; i < replacement.size(); ++i) {
    if (replacement[i] == '\n') inserted.push_back(begin + i + 1);
  }
  first = line_starts_.erase(first, last);
  line_starts_.insert(first, inserted.begin(), inserted.end());
}

// --- URIs --------------------------------------------------------------------

std::string FileUri(const std::string& path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "file://";
  if (path.empty() || path.front() != '/') out += '/';
  for (unsigned char c : path) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (plain) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::optional<std::string> PathOfUri(std::string_view uri) {
  constexpr std::string_view kScheme = "file://";
  if (uri.size() < kScheme.size()) return std::nullopt;
  for (size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(uri[i])) != kScheme[i]) return std::nullopt;
  }
  uri.remove_prefix(kScheme.size());
  // file://host/path: only the local host.
  const size_t slash = uri.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const std::string_view host = uri.substr(0, slash);
  if (!host.empty() && host != "localhost") return std::nullopt;
  uri.remove_prefix(slash);
  if (const size_t cut = uri.find_first_of("?#"); cut != std::string_view::npos) {
    uri = uri.substr(0, cut);
  }
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string path;
  for (size_t i = 0; i < uri.size(); ++i) {
    if (uri[i] == '%' && i + 2 < uri.size() && hex(uri[i + 1]) >= 0 && hex(uri[i + 2]) >= 0) {
      path += static_cast<char>(hex(uri[i + 1]) * 16 + hex(uri[i + 2]));
      i += 2;
    } else {
      path += uri[i];
    }
  }
  return path;
}

// --- LspServer ---------------------------------------------------------------

LspServer::LspServer(RulesProvider& rules, LspOptions options, Send send, std::ostream& log)
    : rules_(rules), options_(std::move(options)), send_(std::move(send)), log_(log) {
  Register();
}

LspServer::~LspServer() = default;

void LspServer::Register() {
  rpc_.set_gate(
      [this](std::string_view method, const Json& id, bool known) -> std::optional<RpcError> {
        const bool request = !id.is_null();
        if (request && !cancelled_.empty()) {
          if (cancelled_.erase(DumpId(id)) > 0) {
            return RpcError{kRequestCancelled, "Request cancelled", std::nullopt};
          }
        }
        if (method == "exit") return std::nullopt;
        if (!initialized_ && method != "initialize") {
          if (request) {
            return RpcError{
                kServerNotInitialized,
                "Server not initialized: send initialize first (got " + std::string(method) + ")",
                std::nullopt};
          }
          return RpcError{kServerNotInitialized, "", std::nullopt};  // dropped
        }
        if (shutdown_) {
          if (request) {
            return RpcError{
                kInvalidRequest,
                "Invalid Request: the server is shut down (got " + std::string(method) + ")",
                std::nullopt};
          }
          return RpcError{kInvalidRequest, "", std::nullopt};  // dropped
        }
        if (!known && !request && !method.starts_with("$/")) {
          log_ << "voicelint lsp: ignoring the unknown notification " << method << "\n";
        }
        return std::nullopt;
      });
  rpc_.OnRequest("initialize", [this](const Json& params) { return Initialize(params); });
  rpc_.OnNotification("initialized", [](const Json&) {});
  rpc_.OnRequest("shutdown", [this](const Json&) -> Reply {
    shutdown_ = true;
    return Json(nullptr);
  });
  rpc_.OnNotification("exit", [this](const Json&) { exited_ = true; });
  rpc_.OnNotification("$/cancelRequest", [this](const Json& params) {
    // Reached in order: the request was answered already, or is ahead of us
    // in the queue (then NoteCancelled marked it). Either way, forget it.
    if (params.is_object() && params.contains("id")) cancelled_.erase(DumpId(params["id"]));
  });
  rpc_.OnNotification("$/setTrace", [this](const Json& params) {
    if (params.is_object() && params.value("value", Json()).is_string()) {
      trace_ = params["value"].get<std::string>();
    }
  });
  rpc_.OnNotification("textDocument/didOpen", [this](const Json& p) { DidOpen(p, now_); });
  rpc_.OnNotification("textDocument/didChange", [this](const Json& p) { DidChange(p, now_); });
  rpc_.OnNotification("textDocument/didSave", [](const Json&) {
    // The buffer is what is checked, saved or not: nothing changes on save.
  });
  rpc_.OnNotification("textDocument/didClose", [this](const Json& p) { DidClose(p); });
  rpc_.OnRequest("textDocument/diagnostic", [this](const Json& p) { return PullDiagnostics(p); });
  rpc_.OnRequest("textDocument/codeAction", [this](const Json& p) { return CodeActions(p); });
  rpc_.OnRequest("textDocument/hover", [this](const Json& p) { return Hover(p); });
  rpc_.OnRequest("voicelint/rule", [this](const Json& p) { return DescribeRule(p); });
  rpc_.OnNotification("workspace/didChangeConfiguration", [this](const Json& p) {
    if (p.is_object() && p.contains("settings")) ApplySettings(p["settings"]);
    Reload(now_);
  });
  rpc_.OnNotification("workspace/didChangeWatchedFiles", [this](const Json&) { Reload(now_); });
}

void LspServer::Handle(std::string_view message, Clock::time_point now) {
  now_ = now;
  if (std::optional<std::string> response = rpc_.Handle(message)) send_(std::move(*response));
}

void LspServer::NoteCancelled(const Json& id) {
  if (id.is_string() || id.is_number_integer()) cancelled_.insert(DumpId(id));
}

void LspServer::Notify(std::string_view method, Json params) {
  Json message = {{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
  send_(Dump(message));
}

void LspServer::ShowMessage(int type, const std::string& message) {
  log_ << "voicelint lsp: " << message << "\n";
  Notify("window/showMessage", {{"type", type}, {"message", message}});
}

void LspServer::Trace(const std::string& message) {
  if (trace_ == "off") return;
  Notify("$/logTrace", {{"message", message}});
}

Reply LspServer::Initialize(const Json& params) {
  if (initialized_)
    return RpcError{kInvalidRequest, "Invalid Request: initialize was sent twice", std::nullopt};
  if (!params.is_object()) return InvalidParams("initialize takes an object");
  const Json capabilities = params.value("capabilities", Json::object());
  encoding_ = PositionEncoding::kUtf16;
  if (capabilities.is_object()) {
    const Json general = capabilities.value("general", Json::object());
    const Json offered =
        general.is_object() ? general.value("positionEncodings", Json::array()) : Json::array();
    bool utf8 = false;
    bool utf16 = false;
    bool utf32 = false;
    if (offered.is_array()) {
      for (const Json& e : offered) {
        utf8 |= e == "utf-8";
        utf16 |= e == "utf-16";
        utf32 |= e == "utf-32";
      }
    }
    // UTF-16 is mandatory for every client; utf-32 only when it is all
    // the client names.
    if (utf8) {
      encoding_ = PositionEncoding::kUtf8;
    } else if (utf32 && !utf16) {
      encoding_ = PositionEncoding::kUtf32;
    }
    const Json text_document = capabilities.value("textDocument", Json::object());
    pull_ = text_document.is_object() && text_document.contains("diagnostic");
    const Json workspace = capabilities.value("workspace", Json::object());
    if (workspace.is_object()) {
      const Json diagnostics = workspace.value("diagnostics", Json::object());
      refresh_support_ =
          diagnostics.is_object() && diagnostics.value("refreshSupport", false) == true;
    }
  }
  // The workspace folder, for documents without a path.
  std::optional<std::string> root;
  if (const auto folders = params.find("workspaceFolders");
      folders != params.end() && folders->is_array() && !folders->empty() &&
      (*folders)[0].is_object() && (*folders)[0].value("uri", Json()).is_string()) {
    root = PathOfUri((*folders)[0]["uri"].get<std::string>());
  }
  if (!root) {
    if (const auto uri = params.find("rootUri"); uri != params.end() && uri->is_string()) {
      root = PathOfUri(uri->get<std::string>());
    }
  }
  root_dir_ = root.value_or(options_.fallback_dir);
  if (const auto trace = params.find("trace"); trace != params.end() && trace->is_string()) {
    trace_ = trace->get<std::string>();
  }
  if (const auto init = params.find("initializationOptions");
      init != params.end() && init->is_object()) {
    ApplySettings(*init);
  }
  initialized_ = true;
  std::string client = "an unnamed client";
  if (const auto info = params.find("clientInfo"); info != params.end() && info->is_object()) {
    client = info->value("name", client);
  }
  log_ << "voicelint lsp: " << client << " connected; positions in "
       << PositionEncodingName(encoding_) << ", diagnostics " << (pull_ ? "pulled" : "pushed")
       << "\n";

  Json capabilities_out = {
      {"positionEncoding", PositionEncodingName(encoding_)},
      {"textDocumentSync",
       {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
      {"codeActionProvider",
       {{"codeActionKinds", {"quickfix", "source.fixAll.voicelint"}}, {"resolveProvider", false}}},
      {"hoverProvider", true},
      {"diagnosticProvider",
       {{"identifier", "voicelint"},
        {"interFileDependencies", false},
        {"workspaceDiagnostics", false}}},
  };
  return Json{{"capabilities", std::move(capabilities_out)},
              {"serverInfo", {{"name", "voicelint"}, {"version", "0.2.0"}}}};
}

void LspServer::ApplySettings(const Json& settings) {
  const Json* section = &settings;
  if (settings.is_object() && settings.contains("voicelint")) section = &settings["voicelint"];
  if (!section->is_object()) return;
  LspSettings next;
  if (const auto rules = section->find("rules"); rules != section->end() && !rules->is_null()) {
    if (!rules->is_array()) {
      ShowMessage(kMessageWarning, "voicelint.rules must be a list of rule files or folders");
    } else {
      for (const Json& r : *rules) {
        if (r.is_string() && !r.get_ref<const std::string&>().empty()) {
          next.rules.push_back(r.get<std::string>());
        }
      }
    }
  }
  if (const auto level = section->find("level"); level != section->end() && !level->is_null()) {
    std::optional<Level> parsed;
    if (level->is_string()) parsed = ParseLevel(level->get<std::string>());
    if (!parsed) {
      ShowMessage(kMessageWarning, "voicelint.level must be error, warning or suggestion (got " +
                                       Dump(*level) + ")");
    }
    next.level = parsed;
  }
  settings_ = std::move(next);
}

LspServer::Document* LspServer::Find(const Json& params, std::string* uri_out) {
  if (!params.is_object()) return nullptr;
  const auto td = params.find("textDocument");
  if (td == params.end() || !td->is_object()) return nullptr;
  const auto uri = td->find("uri");
  if (uri == td->end() || !uri->is_string()) return nullptr;
  *uri_out = uri->get<std::string>();
  const auto it = documents_.find(*uri_out);
  return it == documents_.end() ? nullptr : it->second.get();
}

void LspServer::DidOpen(const Json& params, Clock::time_point now) {
  const Json td = params.is_object() ? params.value("textDocument", Json()) : Json();
  if (!td.is_object() || !td.value("uri", Json()).is_string() ||
      !td.value("text", Json()).is_string()) {
    log_ << "voicelint lsp: didOpen without textDocument.uri and text: ignored\n";
    return;
  }
  auto doc = std::make_unique<Document>();
  doc->uri = td["uri"].get<std::string>();
  doc->path = PathOfUri(doc->uri);
  doc->language = td.value("languageId", "");
  doc->version =
      td.value("version", Json(0)).is_number_integer() ? td["version"].get<int64_t>() : 0;
  const std::string& text = td["text"].get_ref<const std::string&>();
  if (text.size() > options_.max_document_bytes) {
    doc->oversized = true;
    ShowMessage(kMessageWarning, doc->uri + " is " + std::to_string(text.size()) +
                                     " bytes, more than voicelint checks in an editor (" +
                                     std::to_string(options_.max_document_bytes) +
                                     "): not checked");
  } else {
    doc->text = TextDocument(text);
  }
  std::error_code ec;
  const std::string dir =
      doc->path ? fs::absolute(fs::path(*doc->path), ec).parent_path().string() : root_dir_;
  doc->config_key = rules_.ConfigFor(dir).value_or("");
  if (Checked(doc->language) && !doc->oversized) doc->due = now + options_.debounce;
  const std::string uri = doc->uri;
  documents_[uri] = std::move(doc);
}

void LspServer::DidChange(const Json& params, Clock::time_point now) {
  std::string uri;
  Document* doc = Find(params, &uri);
  if (doc == nullptr) {
    log_ << "voicelint lsp: didChange for a document that is not open (" << uri << "): ignored\n";
    return;
  }
  const Json td = params["textDocument"];
  if (td.value("version", Json()).is_number_integer()) {
    const auto version = td["version"].get<int64_t>();
    if (version <= doc->version) {
      log_ << "voicelint lsp: " << uri << ": version " << version << " after " << doc->version
           << "\n";
    }
    doc->version = version;
  }
  const Json changes = params.value("contentChanges", Json::array());
  if (!changes.is_array()) return;
  for (const Json& change : changes) {
    if (!change.is_object() || !change.value("text", Json()).is_string()) continue;
    const std::string& text = change["text"].get_ref<const std::string&>();
    if (!change.contains("range")) {
      if (text.size() > options_.max_document_bytes) {
        if (!doc->oversized) {
          ShowMessage(kMessageWarning,
                      uri + " grew to " + std::to_string(text.size()) + " bytes, more than " +
                          std::to_string(options_.max_document_bytes) + ": no longer checked");
        }
        doc->oversized = true;
        doc->text = TextDocument();
      } else {
        doc->oversized = false;
        doc->text = TextDocument(text);
      }
      continue;
    }
    if (doc->oversized) continue;  // the text is not kept: incremental edits cannot apply
    const Json& range = change["range"];
    std::optional<LspPosition> start;
    std::optional<LspPosition> end;
    if (range.is_object()) {
      start = ParsePosition(range.value("start", Json()));
      end = ParsePosition(range.value("end", Json()));
    }
    if (!start || !end) {
      log_ << "voicelint lsp: " << uri << ": a change with a malformed range: ignored\n";
      continue;
    }
    size_t begin = doc->text.OffsetOf(*start, encoding_);
    size_t stop = doc->text.OffsetOf(*end, encoding_);
    if (stop < begin) std::swap(begin, stop);
    const size_t size = doc->text.text().size() - (stop - begin) + text.size();
    if (size > options_.max_document_bytes) {
      ShowMessage(kMessageWarning, uri + " grew to " + std::to_string(size) + " bytes, more than " +
                                       std::to_string(options_.max_document_bytes) +
                                       ": no longer checked");
      doc->oversized = true;
      doc->text = TextDocument();
      continue;
    }
    doc->text.Replace(begin, stop, text);
  }
  doc->stale = true;
  if (!Checked(doc->language)) return;
  if (doc->oversized) {
    doc->due.reset();
    doc->findings.clear();
    doc->linted_with.reset();
    if (!pull_) {
      Notify("textDocument/publishDiagnostics",
             {{"uri", uri}, {"version", doc->version}, {"diagnostics", Json::array()}});
    }
    return;
  }
  doc->due = now + options_.debounce;
}

void LspServer::DidClose(const Json& params) {
  std::string uri;
  Document* doc = Find(params, &uri);
  if (doc == nullptr) {
    log_ << "voicelint lsp: didClose for a document that is not open (" << uri << "): ignored\n";
    return;
  }
  documents_.erase(uri);
  Notify("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", Json::array()}});
}

std::optional<LspServer::Clock::time_point> LspServer::NextDue() const {
  std::optional<Clock::time_point> next;
  for (const auto& [uri, doc] : documents_) {
    if (doc->due && (!next || *doc->due < *next)) next = doc->due;
  }
  return next;
}

void LspServer::LintDue(Clock::time_point now) {
  for (auto& [uri, doc] : documents_) {
    if (!doc->due || *doc->due > now) continue;
    doc->due.reset();
    if (pull_) continue;  // the client asks when it wants them
    Lint(*doc);
    Publish(*doc);
  }
}

LspServer::Setup* LspServer::LoadSetup(const std::string& key) {
  auto& slot = setups_[key];
  if (slot) return slot.get();
  slot = std::make_unique<Setup>();
  std::optional<std::string> config;
  if (!key.empty()) config = key;
  Expected<RuleSetup> loaded = rules_.Load(config, settings_);
  if (!loaded) {
    ReportConfigErrors(loaded.errors());
    return slot.get();
  }
  slot->ruleset = loaded->ruleset;
  slot->check = loaded->check;
  slot->scratch = std::make_unique<Scratch>(*slot->ruleset);
  return slot.get();
}

LspServer::Setup* LspServer::SetupFor(Document& doc) { return LoadSetup(doc.config_key); }

void LspServer::ReportConfigErrors(const Diagnostics& errors) {
  if (errors.empty()) return;
  // Each file with errors gets them as diagnostics; the first is also shown.
  std::map<std::string, Json> by_uri;
  for (const Diagnostic& d : errors) {
    std::error_code ec;
    const std::string path =
        d.file.empty() ? std::string() : fs::absolute(d.file, ec).lexically_normal().string();
    if (path.empty()) continue;
    const std::string uri = FileUri(path);
    // `column` counts code points of `source_line`.
    const uint32_t line = d.line > 0 ? static_cast<uint32_t>(d.line - 1) : 0;
    uint32_t character = 0;
    uint32_t end_character = 0;
    {
      const std::string& s = d.source_line;
      size_t at = 0;
      int column = 1;
      while (at < s.size() && column < d.column) {
        const auto lead = static_cast<unsigned char>(s[at]);
        character += UnitsOf(lead, encoding_);
        at += SequenceLength(lead);
        ++column;
      }
      end_character = character;
      while (at < s.size() && s[at] != ' ' && s[at] != '\t') {
        const auto lead = static_cast<unsigned char>(s[at]);
        end_character += UnitsOf(lead, encoding_);
        at += SequenceLength(lead);
      }
      if (end_character == character) end_character = character + 1;
    }
    by_uri[uri].push_back({{"range",
                            {{"start", PositionJson({line, character})},
                             {"end", PositionJson({line, end_character})}}},
                           {"severity", 1},
                           {"source", "voicelint"},
                           {"message", d.message}});
  }
  for (auto& [uri, diagnostics] : by_uri) {
    Notify("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", diagnostics}});
    config_error_uris_.insert(uri);
  }
  std::string shown = errors.front().Headline();
  if (errors.size() > 1) shown += " (and " + std::to_string(errors.size() - 1) + " more)";
  ShowMessage(kMessageError,
              "voicelint: the rules did not load, the last rules that did stay in use: " + shown);
}

void LspServer::Reload(Clock::time_point now) {
  // Configurations may have appeared or gone: find each document's again,
  // then load every configuration afresh, keeping the last good rules where
  // one no longer loads.
  std::error_code ec;
  for (auto& [uri, doc] : documents_) {
    const std::string dir =
        doc->path ? fs::absolute(fs::path(*doc->path), ec).parent_path().string() : root_dir_;
    doc->config_key = rules_.ConfigFor(dir).value_or("");
  }
  std::map<std::string, std::unique_ptr<Setup>> previous = std::move(setups_);
  setups_.clear();
  const std::set<std::string> previous_error_uris = std::move(config_error_uris_);
  config_error_uris_.clear();
  std::set<std::string> keys;
  for (auto& [uri, doc] : documents_) keys.insert(doc->config_key);
  for (const std::string& key : keys) {
    Setup* setup = LoadSetup(key);
    if (setup->ruleset) continue;
    if (auto old = previous.find(key); old != previous.end() && old->second->ruleset) {
      setups_[key] = std::move(old->second);
    }
  }
  for (const std::string& uri : previous_error_uris) {
    if (config_error_uris_.count(uri) == 0) {
      Notify("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", Json::array()}});
    }
  }
  for (auto& [uri, doc] : documents_) {
    doc->stale = true;
    if (Checked(doc->language) && !doc->oversized) doc->due = now;
  }
  if (pull_ && refresh_support_) {
    send_(Dump({{"jsonrpc", "2.0"},
                {"id", "voicelint-refresh-" + std::to_string(next_request_id_++)},
                {"method", "workspace/diagnostic/refresh"}}));
  }
}

void LspServer::Lint(Document& doc) {
  if (!doc.stale) return;
  doc.stale = false;
  doc.findings.clear();
  doc.notes.clear();
  doc.linted_with.reset();
  doc.linted_version = doc.version;
  doc.result_id = std::to_string(doc.version) + "-" + std::to_string(next_request_id_++);
  doc.html = false;
  if (!Checked(doc.language) || doc.oversized) return;
  Setup* setup = SetupFor(doc);
  if (setup->ruleset == nullptr) return;
  const auto started = Clock::now();
  CheckOptions check = setup->check;
  const std::string& text = doc.text.text();
  if (doc.language == "html") {
    const MappedText plain = HtmlToText(text, SourceMap::Identity(0, text.size()));
    check.input = InputKind::kText;
    CheckResult result = Check(*setup->ruleset, *setup->scratch, plain.text, check);
    for (Finding& f : result.findings) {
      f.span = ByteRange{plain.map.Begin(f.span.begin), plain.map.End(f.span.end)};
      f.match = text.substr(f.span.begin, f.span.size());
      if (f.fix) {
        f.fix->span = ByteRange{plain.map.Begin(f.fix->span.begin), plain.map.End(f.fix->span.end)};
        f.fix->replacement = EscapeHtml(f.fix->replacement);
      }
    }
    for (InputNote& note : result.notes) note.offset = plain.map.Begin(note.offset);
    doc.findings = std::move(result.findings);
    doc.notes = std::move(result.notes);
    doc.html = true;
  } else {
    check.input = doc.language == "markdown" ? InputKind::kMarkdown : InputKind::kText;
    CheckResult result = Check(*setup->ruleset, *setup->scratch, text, check);
    doc.findings = std::move(result.findings);
    doc.notes = std::move(result.notes);
  }
  doc.linted_with = setup->ruleset;
  Trace("checked " + doc.uri + " version " + std::to_string(doc.version) + " in " +
        std::to_string(
            std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started).count()) +
        " us: " + std::to_string(doc.findings.size()) + " findings");
}

Json LspServer::RangeJson(const Document& doc, size_t begin, size_t end) const {
  PositionConverter positions(doc.text.text(), encoding_);
  const LspPosition start = positions.At(begin);
  return {{"start", PositionJson(start)}, {"end", PositionJson(positions.At(end))}};
}

namespace {

// Builds the diagnostics of one check with one walk over the text.
Json DiagnosticsJson(const std::vector<Finding>& findings, const std::vector<InputNote>& notes,
                     std::string_view text, PositionEncoding encoding) {
  Json out = Json::array();
  PositionConverter positions(text, encoding);
  std::map<const Rule*, std::string> hrefs;  // one file-system look-up per rule, not per finding
  for (const Finding& f : findings) {
    const LspPosition start = positions.At(f.span.begin);
    const LspPosition end = positions.At(f.span.end);
    Json d;
    d["range"] = {{"start", PositionJson(start)}, {"end", PositionJson(end)}};
    d["severity"] = Severity(f.level);
    d["code"] = f.rule->id;
    auto href = hrefs.find(f.rule);
    if (href == hrefs.end()) href = hrefs.emplace(f.rule, RuleHref(*f.rule)).first;
    d["codeDescription"] = {{"href", href->second}};
    d["source"] = "voicelint";
    d["message"] = f.message;
    Json data;
    data["rule"] = f.rule->id;
    data["applicability"] = ApplicabilityName(f.applicability);
    data["suggestions"] = f.suggestions;
    if (f.fix) {
      data["fix"] = {{"byte", {f.fix->span.begin, f.fix->span.end}},
                     {"replacement", f.fix->replacement}};
    } else {
      data["fix"] = nullptr;
    }
    if (!f.fix_note.empty()) data["fix_note"] = f.fix_note;
    d["data"] = std::move(data);
    out.push_back(std::move(d));
  }
  if (!notes.empty()) {
    PositionConverter note_positions(text, encoding);
    for (const InputNote& note : notes) {
      const LspPosition at = note_positions.At(note.offset);
      out.push_back({{"range", {{"start", PositionJson(at)}, {"end", PositionJson(at)}}},
                     {"severity", 2},
                     {"source", "voicelint"},
                     {"message", note.message}});
    }
  }
  return out;
}

}  // namespace

void LspServer::Publish(Document& doc) {
  Json params = {
      {"uri", doc.uri},
      {"version", doc.linted_version},
      {"diagnostics", DiagnosticsJson(doc.findings, doc.notes, doc.text.text(), encoding_)}};
  Notify("textDocument/publishDiagnostics", std::move(params));
}

Reply LspServer::PullDiagnostics(const Json& params) {
  std::string uri;
  Document* doc = Find(params, &uri);
  if (doc == nullptr) return InvalidParams("not an open document: " + uri);
  Lint(*doc);
  doc->due.reset();
  const Json previous = params.value("previousResultId", Json());
  if (previous.is_string() && previous.get<std::string>() == doc->result_id) {
    return Json{{"kind", "unchanged"}, {"resultId", doc->result_id}};
  }
  return Json{{"kind", "full"},
              {"resultId", doc->result_id},
              {"items", DiagnosticsJson(doc->findings, doc->notes, doc->text.text(), encoding_)}};
}

Reply LspServer::CodeActions(const Json& params) {
  std::string uri;
  Document* doc = Find(params, &uri);
  if (doc == nullptr) return InvalidParams("not an open document: " + uri);
  const Json range = params.value("range", Json());
  std::optional<LspPosition> start;
  std::optional<LspPosition> end;
  if (range.is_object()) {
    start = ParsePosition(range.value("start", Json()));
    end = ParsePosition(range.value("end", Json()));
  }
  if (!start || !end) return InvalidParams("codeAction needs a range");
  Lint(*doc);
  const std::string& text = doc->text.text();
  const size_t begin = doc->text.OffsetOf(*start, encoding_);
  const size_t stop = std::max(begin, doc->text.OffsetOf(*end, encoding_));

  // Which kinds the client wants (none given: all).
  std::vector<std::string> only;
  if (const Json context = params.value("context", Json()); context.is_object()) {
    if (const Json o = context.value("only", Json()); o.is_array()) {
      for (const Json& kind : o) {
        if (kind.is_string()) only.push_back(kind.get<std::string>());
      }
    }
  }
  auto wanted = [&](std::string_view kind) {
    if (only.empty()) return true;
    return std::any_of(only.begin(), only.end(), [&](const std::string& o) {
      return kind == o || (kind.starts_with(o) && kind[o.size()] == '.');
    });
  };

  Json actions = Json::array();
  const Json diagnostics = DiagnosticsJson(doc->findings, {}, text, encoding_);
  auto edit_of = [&](const std::vector<std::pair<ByteRange, std::string>>& edits) {
    Json text_edits = Json::array();
    PositionConverter at(text, encoding_);
    for (const auto& [span, replacement] : edits) {
      const LspPosition s = at.At(span.begin);
      const LspPosition e = at.At(span.end);
      text_edits.push_back({{"range", {{"start", PositionJson(s)}, {"end", PositionJson(e)}}},
                            {"newText", replacement}});
    }
    return Json{{"changes", {{doc->uri, std::move(text_edits)}}}};
  };

  std::set<std::string> disabled_rules;
  for (size_t i = 0; i < doc->findings.size(); ++i) {
    const Finding& f = doc->findings[i];
    // A finding touches the range when they overlap, or the cursor is in it.
    const bool touches = f.span.begin < stop ? f.span.end > begin : f.span.begin == begin;
    const bool cursor_inside = begin == stop && f.span.begin <= begin && begin <= f.span.end;
    if (!touches && !cursor_inside) continue;
    if (wanted("quickfix") && f.fix) {
      // The fix itself first: it is fitted to its sentence.
      const bool safe = f.applicability == Applicability::kSafe;
      std::string title = "Replace \"" + f.match + "\" with \"" + f.fix->replacement + "\"";
      if (!safe) title += " (check the meaning: " + f.fix_note + ")";
      actions.push_back({{"title", title},
                         {"kind", "quickfix"},
                         {"diagnostics", Json::array({diagnostics[i]})},
                         {"isPreferred", safe},
                         {"edit", edit_of({{f.fix->span, f.fix->replacement}})}});
      for (size_t k = 1; k < f.suggestions.size(); ++k) {
        std::string replacement =
            doc->html ? EscapeHtml(f.suggestions[k]) : std::string(f.suggestions[k]);
        actions.push_back(
            {{"title", "Replace \"" + f.match + "\" with \"" + f.suggestions[k] + "\""},
             {"kind", "quickfix"},
             {"diagnostics", Json::array({diagnostics[i]})},
             {"isPreferred", false},
             {"edit", edit_of({{f.span, replacement}})}});
      }
    }
    if (wanted("quickfix") && doc->language == "markdown" &&
        disabled_rules.insert(f.rule->id).second) {
      // A comment line above the finding's line, indented like it.
      const Position p = PositionIndex(text).At(f.span.begin);
      size_t indent_end = p.line_begin;
      while (indent_end < text.size() && (text[indent_end] == ' ' || text[indent_end] == '\t')) {
        ++indent_end;
      }
      const size_t eol = text.find('\n', p.line_begin);
      const bool crlf = eol != std::string::npos && eol > 0 && text[eol - 1] == '\r';
      const std::string insert = text.substr(p.line_begin, indent_end - p.line_begin) +
                                 "<!-- voicelint-disable-next-line " + f.rule->id + " -->" +
                                 (crlf ? "\r\n" : "\n");
      actions.push_back({{"title", "Disable " + f.rule->id + " for this line"},
                         {"kind", "quickfix"},
                         {"diagnostics", Json::array({diagnostics[i]})},
                         {"isPreferred", false},
                         {"edit", edit_of({{ByteRange{p.line_begin, p.line_begin}, insert}})}});
    }
  }
  if (wanted("source.fixAll.voicelint")) {
    // The same fixes as ApplyFixes(kSafe), as separate edits so that the
    // editor keeps the cursor and the undo history readable.
    std::vector<std::pair<ByteRange, std::string>> edits;
    size_t applied_end = 0;
    bool any = false;
    for (const Finding& f : doc->findings) {
      if (!f.fix || f.applicability < Applicability::kSafe) continue;
      if (any && f.fix->span.begin < applied_end) continue;
      edits.emplace_back(f.fix->span, f.fix->replacement);
      applied_end = f.fix->span.end;
      any = true;
    }
    if (!edits.empty()) {
      actions.push_back(
          {{"title", "Fix all safe voicelint findings (" + std::to_string(edits.size()) + ")"},
           {"kind", "source.fixAll.voicelint"},
           {"edit", edit_of(edits)}});
    }
  }
  return actions;
}

Reply LspServer::Hover(const Json& params) {
  std::string uri;
  Document* doc = Find(params, &uri);
  if (doc == nullptr) return InvalidParams("not an open document: " + uri);
  const std::optional<LspPosition> position = ParsePosition(params.value("position", Json()));
  if (!position) return InvalidParams("hover needs a position");
  Lint(*doc);
  const size_t at = doc->text.OffsetOf(*position, encoding_);
  for (const Finding& f : doc->findings) {
    if (f.span.begin > at) break;
    if (at >= f.span.end && !(at == f.span.end && f.span.empty())) continue;
    const Rule& rule = *f.rule;
    std::string md =
        "**" + std::string(LevelName(f.level)) + "** `" + rule.id + "`: " + f.message + "\n\n";
    if (!rule.avoid.empty()) md += "- Avoid: " + JoinQuoted(rule.avoid) + "\n";
    if (rule.kind == RuleKind::kPattern) md += "- Avoid (pattern): `" + rule.regex.text + "`\n";
    if (!rule.prefer.empty()) md += "- Prefer: " + JoinQuoted(rule.prefer) + "\n";
    if (f.fix) {
      md += "- Fix (" + std::string(ApplicabilityName(f.applicability)) + "): \"" +
            f.fix->replacement + "\"";
      if (!f.fix_note.empty()) md += " — " + f.fix_note;
      md += "\n";
    }
    md += "\nDefined in [" + RuleLocation(rule) + "](" + RuleHref(rule) + ")";
    return Json{{"contents", {{"kind", "markdown"}, {"value", md}}},
                {"range", RangeJson(*doc, f.span.begin, f.span.end)}};
  }
  return Json(nullptr);
}

Reply LspServer::DescribeRule(const Json& params) const {
  if (!params.is_object() || !params.value("id", Json()).is_string()) {
    return InvalidParams("voicelint/rule needs {\"id\": RULE}");
  }
  const std::string id = params["id"].get<std::string>();
  for (const auto& [key, setup] : setups_) {
    if (!setup->ruleset) continue;
    const Rule* rule = setup->ruleset->Find(id);
    if (rule == nullptr) continue;
    auto texts = [](const std::vector<Located>& items) {
      Json a = Json::array();
      for (const Located& item : items) a.push_back(item.text);
      return a;
    };
    return Json{{"id", rule->id},
                {"kind", KindName(rule->kind)},
                {"level", LevelName(rule->level)},
                {"language", rule->language},
                {"message", rule->message},
                {"avoid", rule->kind == RuleKind::kPattern ? Json::array({rule->regex.text})
                                                           : texts(rule->avoid)},
                {"prefer", texts(rule->prefer)},
                {"file", rule->file},
                {"line", rule->pos.line},
                {"column", rule->pos.column},
                {"href", RuleHref(*rule)}};
  }
  return InvalidParams("no rule '" + id + "' in the rules loaded");
}

// --- ServeLsp ----------------------------------------------------------------

namespace {

// What the reader thread hands to the serving thread.
struct Inbox {
  std::mutex mutex;
  std::condition_variable ready;
  std::deque<Frame> frames;
  bool ended = false;
};

}  // namespace

int ServeLsp(LspServer& server, std::istream& in, const std::shared_ptr<FrameWriter>& writer,
             const FrameOptions& options, std::ostream& log) {
  auto inbox = std::make_shared<Inbox>();
  std::streambuf* source = in.rdbuf();
  std::thread reader([inbox, source, options] {
    FrameReader frames(*source, options);
    for (;;) {
      Frame frame = frames.Next();
      const bool end = frame.kind == Frame::Kind::kEnd;
      {
        std::lock_guard<std::mutex> lock(inbox->mutex);
        inbox->frames.push_back(std::move(frame));
        if (end) inbox->ended = true;
      }
      inbox->ready.notify_one();
      if (end) return;
    }
  });

  bool input_ended = false;
  while (!server.exited() && !input_ended) {
    std::deque<Frame> batch;
    {
      std::unique_lock<std::mutex> lock(inbox->mutex);
      const auto has_work = [&] { return !inbox->frames.empty(); };
      if (const auto due = server.NextDue()) {
        inbox->ready.wait_until(lock, *due, has_work);
      } else {
        inbox->ready.wait(lock, has_work);
      }
      batch.swap(inbox->frames);
    }
    // A cancellation that arrived behind its request is seen before the
    // request is handled.
    for (const Frame& frame : batch) {
      if (frame.kind != Frame::Kind::kMessage ||
          frame.body.find("$/cancelRequest") == std::string::npos) {
        continue;
      }
      const Json message = Json::parse(frame.body, nullptr, false);
      if (message.is_object() && message.value("method", Json()) == "$/cancelRequest" &&
          message.value("params", Json()).is_object()) {
        server.NoteCancelled(message["params"].value("id", Json()));
      }
    }
    for (Frame& frame : batch) {
      if (frame.kind == Frame::Kind::kEnd) {
        if (!frame.reason.empty()) log << "voicelint lsp: " << frame.reason << "\n";
        input_ended = true;
        break;
      }
      if (frame.kind == Frame::Kind::kRefused) {
        log << "voicelint lsp: " << frame.reason << "\n";
        writer->Write(frame.error);
        continue;
      }
      server.Handle(frame.body, LspServer::Clock::now());
      if (server.exited()) break;
    }
    if (!server.exited()) server.LintDue(LspServer::Clock::now());
  }
  if (input_ended || [&] {
        // After `exit` the client closes its end; wait a moment for the
        // reader to see it, else leave it blocked in its read.
        std::unique_lock<std::mutex> lock(inbox->mutex);
        return inbox->ready.wait_for(lock, std::chrono::milliseconds(200),
                                     [&] { return inbox->ended; });
      }()) {
    reader.join();
  } else {
    reader.detach();
  }
  if (input_ended && !server.exited()) {
    log << "voicelint lsp: input ended without exit\n";
  }
  return server.exit_code();
}

}  // namespace voicelint::server
