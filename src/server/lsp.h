// A Language Server Protocol 3.17 server (DESIGN section 1, "an editor
// underlining phrasing as you type") over the JSON-RPC dispatcher of
// json_rpc.h, framed with Content-Length headers (transport.h).
//
//   LspServer server(rules, {}, [&](std::string m) { writer.Write(m); }, std::cerr);
//   server.Handle(message, LspServer::Clock::now());   // for every message read
//   server.LintDue(LspServer::Clock::now());           // when NextDue() has come
//
// What it serves:
//   - lifecycle: initialize (position encoding: utf-8 when the client offers
//     it, else utf-16; utf-32 when it is the only one offered), initialized,
//     shutdown, exit (exit_code() 0 after shutdown, 1 without), $/setTrace,
//     $/cancelRequest (a request still waiting is answered -32800);
//   - text sync, full and incremental; diagnostics pushed with their version
//     once a document has been still for `debounce`, or pulled
//     (textDocument/diagnostic) by a client that announces pull support, in
//     which case nothing is pushed;
//   - textDocument/codeAction: a quick fix per suggestion (the safe fix is
//     preferred), source.fixAll.voicelint (every safe fix of the document)
//     and, in Markdown, inserting `<!-- voicelint-disable-next-line RULE -->`;
//   - textDocument/hover: the rule's message, phrases and where it is defined;
//   - voicelint/rule {id}: one rule's description, for clients' "show rule";
//   - configuration found per document through a RulesProvider; a rule file
//     or configuration that does not load is reported as a diagnostic on that
//     file and a window/showMessage, and the last rules that loaded stay.
// Language ids: markdown, plaintext, git-commit (plain text), html (tags and
// entities skipped, positions in the HTML). Other documents are kept in sync
// but not checked.
//
// All offsets inside are UTF-8 bytes of the document; LSP positions are
// converted at the edge in the negotiated encoding, lines ending at LF (a
// CRLF's CR belongs to its line, a lone CR does not end one).
//
// Thread-safety: one server per connection, used from one thread. `send` is
// called from that thread.
#ifndef VOICELINT_SERVER_LSP_H_
#define VOICELINT_SERVER_LSP_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <istream>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/lint/linter.h"
#include "core/rules/ruleset.h"
#include "core/status.h"
#include "server/json_rpc.h"
#include "server/transport.h"

namespace voicelint::server {

enum class PositionEncoding { kUtf8, kUtf16, kUtf32 };

// "utf-8", "utf-16" or "utf-32".
std::string_view PositionEncodingName(PositionEncoding encoding);

// An LSP position: 0-based line, character in the negotiated encoding's units.
struct LspPosition {
  uint32_t line = 0;
  uint32_t character = 0;
  friend bool operator==(const LspPosition&, const LspPosition&) = default;
};

// The text of an open document with the byte offset of each line, kept up
// to date through edits so that LSP positions convert without rescanning.
class TextDocument {
 public:
  explicit TextDocument(std::string text = {});

  const std::string& text() const { return text_; }
  size_t line_count() const { return line_starts_.size(); }

  // The byte offset of `position`. A line past the end is the end of the
  // text; a character past the end of its line is the end of the line (its
  // line break excluded); a character inside a UTF-8 sequence or a surrogate
  // pair is the start of that character.
  size_t OffsetOf(LspPosition position, PositionEncoding encoding) const;

  // Replaces bytes [begin, end) (clamped to the text) with `replacement`.
  void Replace(size_t begin, size_t end, std::string_view replacement);

 private:
  std::string text_;
  std::vector<size_t> line_starts_;  // byte offset of each line; [0] == 0
};

// Client settings, from `initializationOptions` and
// workspace/didChangeConfiguration (`{"voicelint": {...}}`):
//   rules: ["default", "/path/to/brand"]   rule packs, replacing the configuration's
//   level: "warning"                       the minimum level reported
struct LspSettings {
  std::vector<std::string> rules;
  std::optional<Level> level;
  friend bool operator==(const LspSettings&, const LspSettings&) = default;
};

// The rules and check settings for documents under one configuration.
struct RuleSetup {
  std::shared_ptr<const Ruleset> ruleset;
  CheckOptions check;
};

// Where the server gets rules: `voicelint lsp` uses the CLI's own lookup
// (cli/lsp_command.cc); tests use rules given as text.
class RulesProvider {
 public:
  virtual ~RulesProvider() = default;
  // The configuration file that applies to a document in folder `dir`
  // (absolute), or none when the defaults apply.
  virtual std::optional<std::string> ConfigFor(const std::string& dir) = 0;
  // The rules of `config` (none: the defaults) with `settings` applied; the
  // errors of the configuration or of a rule file, located at file:line:col.
  virtual Expected<RuleSetup> Load(const std::optional<std::string>& config,
                                   const LspSettings& settings) = 0;
};

struct LspOptions {
  std::chrono::milliseconds debounce{150};
  // A document larger than this is not kept nor checked (a window/showMessage
  // says so); memory per document is bounded by it.
  size_t max_document_bytes = size_t{16} << 20;
  // Folder for documents without a file path (untitled buffers) when the
  // client gives no workspace folder.
  std::string fallback_dir = ".";
};

class LspServer {
 public:
  using Clock = std::chrono::steady_clock;
  // Sends one message (a response or a notification) to the client.
  using Send = std::function<void(std::string message)>;

  // `rules` must outlive the server; `log` receives diagnostics (stderr:
  // stdout belongs to the protocol).
  LspServer(RulesProvider& rules, LspOptions options, Send send, std::ostream& log);
  ~LspServer();

  // Handles one message received at `now`; responses and notifications go
  // through `send`.
  void Handle(std::string_view message, Clock::time_point now);

  // Marks request `id` as cancelled by a $/cancelRequest the transport saw
  // ahead of it: when it is handled it gets a -32800 error instead.
  void NoteCancelled(const Json& id);

  // When the next debounced check is due, if any.
  std::optional<Clock::time_point> NextDue() const;
  // Checks and publishes every document whose debounce has passed by `now`.
  void LintDue(Clock::time_point now);

  bool exited() const { return exited_; }
  // 0 when `exit` came after `shutdown`, else 1.
  int exit_code() const { return shutdown_ ? 0 : 1; }
  PositionEncoding encoding() const { return encoding_; }

 private:
  struct Setup;
  struct Document;

  void Register();
  Reply Initialize(const Json& params);
  void DidOpen(const Json& params, Clock::time_point now);
  void DidChange(const Json& params, Clock::time_point now);
  void DidClose(const Json& params);
  Reply PullDiagnostics(const Json& params);
  Reply CodeActions(const Json& params);
  Reply Hover(const Json& params);
  Reply DescribeRule(const Json& params) const;
  void ApplySettings(const Json& settings);
  void Reload(Clock::time_point now);

  Document* Find(const Json& params, std::string* uri_out);
  Setup* SetupFor(Document& doc);
  Setup* LoadSetup(const std::string& key);
  void Lint(Document& doc);
  void Publish(Document& doc);
  Json DiagnosticJson(const Document& doc, size_t index) const;
  Json RangeJson(const Document& doc, size_t begin, size_t end) const;
  void ReportConfigErrors(const Diagnostics& errors);
  void ShowMessage(int type, const std::string& message);
  void Notify(std::string_view method, Json params);
  void Trace(const std::string& message);

  RulesProvider& rules_;
  LspOptions options_;
  Send send_;
  std::ostream& log_;
  Dispatcher rpc_;
  Clock::time_point now_;

  bool initialized_ = false;
  bool shutdown_ = false;
  bool exited_ = false;
  bool pull_ = false;  // the client pulls diagnostics: nothing is pushed
  bool refresh_support_ = false;
  PositionEncoding encoding_ = PositionEncoding::kUtf16;
  std::string trace_ = "off";
  std::string root_dir_;
  LspSettings settings_;
  std::set<std::string> cancelled_;  // ids (dumped JSON) of requests cancelled ahead of time
  int64_t next_request_id_ = 1;

  std::map<std::string, std::unique_ptr<Document>, std::less<>> documents_;  // by URI
  std::map<std::string, std::unique_ptr<Setup>> setups_;  // by configuration path ("" = none)
  std::set<std::string> config_error_uris_;  // files that carry a configuration diagnostic
};

// Runs `server` until `exit` or the end of input: a reader thread frames
// `in` (refused frames are answered and logged there), this thread handles
// the messages in order and runs the debounced checks. Messages go out
// through `writer`, which the server's Send must also use. Returns the exit
// code (LspServer::exit_code).
int ServeLsp(LspServer& server, std::istream& in, const std::shared_ptr<FrameWriter>& writer,
             const FrameOptions& options, std::ostream& log);

// A file path as a file:// URI, and back (percent-decoded; none for another
// scheme).
std::string FileUri(const std::string& path);
std::optional<std::string> PathOfUri(std::string_view uri);

}  // namespace voicelint::server

#endif  // VOICELINT_SERVER_LSP_H_
