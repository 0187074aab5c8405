#include "server/lsp.h"

#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/rules/rule_parser.h"

namespace voicelint::server {
namespace {

using namespace std::chrono_literals;

constexpr const char* kRules = R"(
glossary: t
defaults: {fix: safe}
terms:
  - id: hey
    avoid: [hey]
    prefer: [Hello, Hi there]
  - id: no-problem
    avoid: [no problem]
    prefer: [my pleasure]
    level: error
  - id: wei
    avoid: [喂]
    prefer: [您好]
)";

// Rules held as text: configuration "path" -> rule file text. A text that
// does not parse makes Load fail with its located errors.
class TextRules : public RulesProvider {
 public:
  std::map<std::string, std::string> config_of_dir;  // folder -> configuration path
  std::map<std::string, std::string> rules_of_config = {{"", kRules}};
  int loads = 0;

  std::optional<std::string> ConfigFor(const std::string& dir) override {
    const auto it = config_of_dir.find(dir);
    if (it == config_of_dir.end()) return std::nullopt;
    return it->second;
  }
  Expected<RuleSetup> Load(const std::optional<std::string>& config,
                           const LspSettings& settings) override {
    ++loads;
    const std::string key = config.value_or("");
    Expected<RuleFile> file = ParseRuleFile(key.empty() ? "rules.yml" : key, rules_of_config[key]);
    if (!file) return file.errors();
    std::vector<RuleFile> files;
    files.push_back(std::move(*file));
    Expected<std::shared_ptr<const Ruleset>> ruleset = Ruleset::Compile(std::move(files));
    if (!ruleset) return ruleset.errors();
    RuleSetup setup{*ruleset, {}};
    if (settings.level) setup.check.min_level = *settings.level;
    return setup;
  }
};

// A server with a fake clock and the messages it sent.
class Client {
 public:
  explicit Client(Json capabilities = Json::object(), Json init_options = nullptr)
      : server_(
            rules_, {}, [this](std::string m) { sent_.push_back(Json::parse(m)); }, log_) {
    Json params = {{"capabilities", std::move(capabilities)}, {"rootUri", "file:///work"}};
    if (!init_options.is_null()) params["initializationOptions"] = std::move(init_options);
    initialize_result_ = Request("initialize", params);
    Notify("initialized", Json::object());
  }

  Json Request(const std::string& method, Json params) {
    const int id = next_id_++;
    Send({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}});
    for (auto it = sent_.begin(); it != sent_.end(); ++it) {
      if (it->contains("id") && (*it)["id"] == id) {
        Json response = *it;
        sent_.erase(it);
        return response;
      }
    }
    ADD_FAILURE() << "no response to " << method;
    return Json();
  }
  void Notify(const std::string& method, Json params) {
    Send({{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
  }
  void Send(const Json& message) { server_.Handle(Dump(message), now_); }
  void Advance(std::chrono::milliseconds by) {
    now_ += by;
    server_.LintDue(now_);
  }
  // The notifications of `method` sent since the last call, in order.
  std::vector<Json> Take(const std::string& method) {
    std::vector<Json> out;
    for (auto it = sent_.begin(); it != sent_.end();) {
      if (it->value("method", "") == method) {
        out.push_back((*it)["params"]);
        it = sent_.erase(it);
      } else {
        ++it;
      }
    }
    return out;
  }

  void Open(const std::string& uri, const std::string& language, const std::string& text,
            int version = 1) {
    Notify("textDocument/didOpen",
           {{"textDocument",
             {{"uri", uri}, {"languageId", language}, {"version", version}, {"text", text}}}});
  }

  TextRules rules_;
  std::ostringstream log_;
  std::vector<Json> sent_;
  LspServer server_;
  LspServer::Clock::time_point now_{};
  int next_id_ = 1;
  Json initialize_result_;
};

Json Position(uint32_t line, uint32_t character) {
  return {{"line", line}, {"character", character}};
}
Json Range(uint32_t l0, uint32_t c0, uint32_t l1, uint32_t c1) {
  return {{"start", Position(l0, c0)}, {"end", Position(l1, c1)}};
}

// Applies LSP text edits to `text` (the client's side of a WorkspaceEdit).
std::string ApplyEdits(const std::string& text, const Json& edits, PositionEncoding encoding) {
  TextDocument doc(text);
  std::vector<std::tuple<size_t, size_t, std::string>> spans;
  for (const Json& e : edits) {
    const Json& r = e["range"];
    spans.emplace_back(doc.OffsetOf({r["start"]["line"], r["start"]["character"]}, encoding),
                       doc.OffsetOf({r["end"]["line"], r["end"]["character"]}, encoding),
                       e["newText"]);
  }
  std::sort(spans.begin(), spans.end());
  for (auto it = spans.rbegin(); it != spans.rend(); ++it) {
    doc.Replace(std::get<0>(*it), std::get<1>(*it), std::get<2>(*it));
  }
  return doc.text();
}

TEST(TextDocument, ConvertsPositionsInEachEncoding) {
  // 😀 is 4 bytes, 2 UTF-16 units, 1 code point; 喂 is 3 bytes; e + U+0301 is two code points.
  const TextDocument doc("a😀b\r\n喂e\u0301x\nlast");
  EXPECT_EQ(doc.line_count(), 3u);
  EXPECT_EQ(doc.OffsetOf({0, 3}, PositionEncoding::kUtf16), 5u);  // before b
  EXPECT_EQ(doc.OffsetOf({0, 5}, PositionEncoding::kUtf8), 5u);
  EXPECT_EQ(doc.OffsetOf({0, 2}, PositionEncoding::kUtf32), 5u);
  EXPECT_EQ(doc.OffsetOf({0, 2}, PositionEncoding::kUtf16), 1u);      // inside the pair: its start
  EXPECT_EQ(doc.OffsetOf({0, 99}, PositionEncoding::kUtf16), 6u);     // line end, before CRLF
  EXPECT_EQ(doc.OffsetOf({1, 1}, PositionEncoding::kUtf16), 8u + 3);  // after 喂
  EXPECT_EQ(doc.OffsetOf({1, 3}, PositionEncoding::kUtf16), 8u + 6);  // after the combining mark
  EXPECT_EQ(doc.OffsetOf({1, 4}, PositionEncoding::kUtf8), 8u + 4);   // after e
  EXPECT_EQ(doc.OffsetOf({9, 0}, PositionEncoding::kUtf16), doc.text().size());
}

TEST(TextDocument, KeepsLineStartsThroughEdits) {
  TextDocument doc("one\ntwo\nthree\n");
  doc.Replace(2, 9, "X\nY\nZ");  // "onX\nY\nZhree\n"
  EXPECT_EQ(doc.text(), "onX\nY\nZhree\n");
  const TextDocument fresh(doc.text());
  ASSERT_EQ(doc.line_count(), fresh.line_count());
  for (uint32_t line = 0; line < fresh.line_count(); ++line) {
    EXPECT_EQ(doc.OffsetOf({line, 0}, PositionEncoding::kUtf8),
              fresh.OffsetOf({line, 0}, PositionEncoding::kUtf8));
  }
  doc.Replace(0, doc.text().size(), "");
  EXPECT_EQ(doc.line_count(), 1u);
}

TEST(LspServer, NegotiatesThePositionEncoding) {
  auto negotiated = [](Json encodings) {
    Client c(Json{{"general", {{"positionEncodings", std::move(encodings)}}}});
    return c.initialize_result_["result"]["capabilities"]["positionEncoding"].get<std::string>();
  };
  EXPECT_EQ(negotiated({"utf-16", "utf-8"}), "utf-8");
  EXPECT_EQ(negotiated({"utf-16"}), "utf-16");
  EXPECT_EQ(negotiated({"utf-32"}), "utf-32");
  EXPECT_EQ(negotiated({"utf-32", "utf-16"}), "utf-16");
  EXPECT_EQ(negotiated(Json::array()), "utf-16");
}

TEST(LspServer, RefusesRequestsBeforeInitializeAndAfterShutdown) {
  TextRules rules;
  std::ostringstream log;
  std::vector<Json> sent;
  LspServer server(
      rules, {}, [&](std::string m) { sent.push_back(Json::parse(m)); }, log);
  server.Handle(R"({"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{}})", {});
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0]["error"]["code"], -32002);
  server.Handle(R"({"jsonrpc":"2.0","id":2,"method":"initialize","params":{"capabilities":{}}})",
                {});
  server.Handle(R"({"jsonrpc":"2.0","id":3,"method":"shutdown"})", {});
  EXPECT_TRUE(sent.back()["result"].is_null());
  server.Handle(R"({"jsonrpc":"2.0","id":4,"method":"textDocument/hover","params":{}})", {});
  EXPECT_EQ(sent.back()["error"]["code"], kInvalidRequest);
  EXPECT_FALSE(server.exited());
  server.Handle(R"({"jsonrpc":"2.0","method":"exit"})", {});
  EXPECT_TRUE(server.exited());
  EXPECT_EQ(server.exit_code(), 0);
}

TEST(LspServer, ExitWithoutShutdownExitsWithOne) {
  Client c;
  c.Notify("exit", Json::object());
  EXPECT_TRUE(c.server_.exited());
  EXPECT_EQ(c.server_.exit_code(), 1);
}

TEST(LspServer, PublishesAfterTheDebounceWithExactRanges) {
  for (const auto& [name, character] :
       std::vector<std::pair<std::string, uint32_t>>{{"utf-16", 3}, {"utf-8", 5}, {"utf-32", 2}}) {
    Client c(Json{{"general", {{"positionEncodings", {name}}}}});
    c.Open("file:///work/a.txt", "plaintext", "😀 hey there\r\n喂，你好");
    c.Advance(100ms);
    EXPECT_TRUE(c.Take("textDocument/publishDiagnostics").empty())
        << "published before the debounce";
    c.Advance(60ms);
    const std::vector<Json> published = c.Take("textDocument/publishDiagnostics");
    ASSERT_EQ(published.size(), 1u);
    EXPECT_EQ(published[0]["version"], 1);
    const Json& d = published[0]["diagnostics"];
    ASSERT_EQ(d.size(), 2u);
    EXPECT_EQ(d[0]["range"], Range(0, character, 0, character + 3)) << name;
    EXPECT_EQ(d[0]["code"], "t.hey");
    EXPECT_EQ(d[0]["source"], "voicelint");
    EXPECT_EQ(d[0]["severity"], 2);
    EXPECT_EQ(d[0]["data"]["applicability"], "safe");
    EXPECT_EQ(d[0]["data"]["fix"]["replacement"], "hello");
    const uint32_t wei_end = name == "utf-8" ? 3 : 1;
    EXPECT_EQ(d[1]["range"], Range(1, 0, 1, wei_end)) << name;
  }
}

TEST(LspServer, PublishesOnlyTheNewestVersion) {
  Client c;
  c.Open("file:///work/a.md", "markdown", "hey\n");
  c.Advance(50ms);
  c.Notify("textDocument/didChange",
           {{"textDocument", {{"uri", "file:///work/a.md"}, {"version", 2}}},
            {"contentChanges", {{{"range", Range(1, 0, 1, 0)}, {"text", "no problem\n"}}}}});
  c.Advance(120ms);  // the first version's debounce has passed, but it was superseded
  EXPECT_TRUE(c.Take("textDocument/publishDiagnostics").empty());
  c.Advance(40ms);
  const std::vector<Json> published = c.Take("textDocument/publishDiagnostics");
  ASSERT_EQ(published.size(), 1u);
  EXPECT_EQ(published[0]["version"], 2);
  ASSERT_EQ(published[0]["diagnostics"].size(), 2u);
  EXPECT_EQ(published[0]["diagnostics"][1]["range"], Range(1, 0, 1, 10));
  EXPECT_EQ(published[0]["diagnostics"][1]["severity"], 1);
}

TEST(LspServer, IncrementalEditsRemoveAFinding) {
  Client c;
  c.Open("file:///work/a.txt", "plaintext", "Well, hey 😀 you, no problem.");
  c.Advance(200ms);
  ASSERT_EQ(c.Take("textDocument/publishDiagnostics").at(0)["diagnostics"].size(), 2u);
  // "no problem" starts at UTF-16 unit 19 (the emoji is two units).
  const Json changes = Json::array({Json{{"range", Range(0, 19, 0, 29)}, {"text", "my pleasure"}},
                                    Json{{"range", Range(0, 6, 0, 9)}, {"text", "hello"}}});
  c.Notify("textDocument/didChange",
           {{"textDocument", {{"uri", "file:///work/a.txt"}, {"version", 2}}},
            {"contentChanges", changes}});
  c.Advance(200ms);
  const std::vector<Json> published = c.Take("textDocument/publishDiagnostics");
  ASSERT_EQ(published.size(), 1u);
  EXPECT_EQ(published[0]["version"], 2);
  EXPECT_EQ(published[0]["diagnostics"], Json::array());
  const Json pulled =
      c.Request("textDocument/diagnostic", {{"textDocument", {{"uri", "file:///work/a.txt"}}}});
  EXPECT_EQ(pulled["result"]["items"], Json::array());
}

TEST(LspServer, ClosingClearsDiagnostics) {
  Client c;
  c.Open("file:///work/a.txt", "plaintext", "hey");
  c.Advance(200ms);
  c.Take("textDocument/publishDiagnostics");
  c.Notify("textDocument/didClose", {{"textDocument", {{"uri", "file:///work/a.txt"}}}});
  const std::vector<Json> published = c.Take("textDocument/publishDiagnostics");
  ASSERT_EQ(published.size(), 1u);
  EXPECT_EQ(published[0]["diagnostics"], Json::array());
  const Json r = c.Request("textDocument/hover", {{"textDocument", {{"uri", "file:///work/a.txt"}}},
                                                  {"position", Position(0, 0)}});
  EXPECT_EQ(r["error"]["code"], kInvalidParams);
}

TEST(LspServer, PullDiagnosticsAnswersUnchangedForTheSameResult) {
  Client c(Json{{"textDocument", {{"diagnostic", Json::object()}}}});
  c.Open("file:///work/a.txt", "plaintext", "hey");
  c.Advance(500ms);
  EXPECT_TRUE(c.Take("textDocument/publishDiagnostics").empty()) << "a pull client gets no push";
  const Json doc = {{"uri", "file:///work/a.txt"}};
  const Json first = c.Request("textDocument/diagnostic", {{"textDocument", doc}});
  EXPECT_EQ(first["result"]["kind"], "full");
  EXPECT_EQ(first["result"]["items"].size(), 1u);
  const Json second =
      c.Request("textDocument/diagnostic",
                {{"textDocument", doc}, {"previousResultId", first["result"]["resultId"]}});
  EXPECT_EQ(second["result"]["kind"], "unchanged");
}

TEST(LspServer, QuickFixesAndFixAllGiveTheFixedText) {
  Client c;
  const std::string text = "hey, no problem.\n";
  c.Open("file:///work/a.txt", "plaintext", text);
  const Json actions = c.Request("textDocument/codeAction",
                                 {{"textDocument", {{"uri", "file:///work/a.txt"}}},
                                  {"range", Range(0, 1, 0, 1)},
                                  {"context", {{"diagnostics", Json::array()}}}})["result"];
  std::vector<std::string> titles;
  for (const Json& a : actions) titles.push_back(a["title"]);
  ASSERT_GE(actions.size(), 3u) << Dump(actions);
  EXPECT_EQ(actions[0]["title"], "Replace \"hey\" with \"Hello\"");
  EXPECT_EQ(actions[0]["isPreferred"], true);
  EXPECT_EQ(
      ApplyEdits(text, actions[0]["edit"]["changes"]["file:///work/a.txt"], c.server_.encoding()),
      "Hello, no problem.\n");
  EXPECT_EQ(actions[1]["isPreferred"], false);
  EXPECT_EQ(
      ApplyEdits(text, actions[1]["edit"]["changes"]["file:///work/a.txt"], c.server_.encoding()),
      "Hi there, no problem.\n");
  for (const std::string& title : titles) {
    EXPECT_EQ(title.find("Disable"), std::string::npos) << "no suppression comment in plain text";
  }
  const Json& fix_all = actions.back();
  EXPECT_EQ(fix_all["kind"], "source.fixAll.voicelint");
  EXPECT_EQ(
      ApplyEdits(text, fix_all["edit"]["changes"]["file:///work/a.txt"], c.server_.encoding()),
      "Hello, my pleasure.\n");
  const Json only = c.Request(
      "textDocument/codeAction",
      {{"textDocument", {{"uri", "file:///work/a.txt"}}},
       {"range", Range(0, 0, 0, 0)},
       {"context", {{"diagnostics", Json::array()}, {"only", {"source.fixAll"}}}}})["result"];
  ASSERT_EQ(only.size(), 1u);
  EXPECT_EQ(only[0]["kind"], "source.fixAll.voicelint");
}

TEST(LspServer, DisablingARuleInMarkdownSilencesTheLine) {
  Client c;
  const std::string text = "# Reply\r\n\r\n  hey there\r\n";
  c.Open("file:///work/a.md", "markdown", text);
  const Json actions = c.Request("textDocument/codeAction",
                                 {{"textDocument", {{"uri", "file:///work/a.md"}}},
                                  {"range", Range(2, 2, 2, 5)},
                                  {"context", {{"diagnostics", Json::array()}}}})["result"];
  const Json* disable = nullptr;
  for (const Json& a : actions) {
    if (a["title"] == "Disable t.hey for this line") disable = &a;
  }
  ASSERT_NE(disable, nullptr) << Dump(actions);
  const std::string fixed =
      ApplyEdits(text, (*disable)["edit"]["changes"]["file:///work/a.md"], c.server_.encoding());
  EXPECT_EQ(fixed,
            "# Reply\r\n\r\n  <!-- voicelint-disable-next-line t.hey -->\r\n  hey there\r\n");
  c.Notify("textDocument/didChange",
           {{"textDocument", {{"uri", "file:///work/a.md"}, {"version", 2}}},
            {"contentChanges", {{{"text", fixed}}}}});
  c.Advance(200ms);
  EXPECT_EQ(c.Take("textDocument/publishDiagnostics").at(0)["diagnostics"], Json::array());
}

TEST(LspServer, HoverShowsTheRule) {
  Client c;
  c.Open("file:///work/a.txt", "plaintext", "喂 hey");
  const Json hover = c.Request(
      "textDocument/hover",
      {{"textDocument", {{"uri", "file:///work/a.txt"}}}, {"position", Position(0, 3)}})["result"];
  const std::string md = hover["contents"]["value"];
  EXPECT_NE(md.find("`t.hey`"), std::string::npos) << md;
  EXPECT_NE(md.find("Prefer: \"Hello\", \"Hi there\""), std::string::npos) << md;
  EXPECT_NE(md.find("rules.yml:5:"), std::string::npos) << md;
  EXPECT_EQ(hover["range"], Range(0, 2, 0, 5));
  const Json nothing =
      c.Request("textDocument/hover",
                {{"textDocument", {{"uri", "file:///work/a.txt"}}}, {"position", Position(0, 1)}});
  EXPECT_TRUE(nothing["result"].is_null());
}

TEST(LspServer, ABrokenConfigurationIsADiagnosticAndTheLastRulesStay) {
  Client c;
  c.rules_.config_of_dir["/work"] = "/work/.voicelint.yml";
  c.rules_.rules_of_config["/work/.voicelint.yml"] = kRules;
  c.Open("file:///work/a.txt", "plaintext", "hey");
  c.Advance(200ms);
  ASSERT_EQ(c.Take("textDocument/publishDiagnostics").at(0)["diagnostics"].size(), 1u);
  c.rules_.rules_of_config["/work/.voicelint.yml"] =
      "glossary: t\nterms:\n  - id: x\n    avoud: [a]\n";
  c.Notify("workspace/didChangeWatchedFiles",
           {{"changes", {{{"uri", "file:///work/.voicelint.yml"}, {"type", 2}}}}});
  c.Advance(0ms);
  const std::vector<Json> published = c.Take("textDocument/publishDiagnostics");
  ASSERT_EQ(published.size(), 2u);
  EXPECT_EQ(published[0]["uri"], "file:///work/.voicelint.yml");
  EXPECT_EQ(published[0]["diagnostics"][0]["range"]["start"], Position(3, 4));
  EXPECT_NE(published[0]["diagnostics"][0]["message"].get<std::string>().find("avoud"),
            std::string::npos);
  EXPECT_EQ(published[1]["uri"], "file:///work/a.txt");
  EXPECT_EQ(published[1]["diagnostics"].size(), 1u) << "the last good rules stay";
  const std::vector<Json> shown = c.Take("window/showMessage");
  ASSERT_EQ(shown.size(), 1u);
  EXPECT_EQ(shown[0]["type"], 1);
  // Fixed: the file's diagnostic is cleared and the new rules apply.
  c.rules_.rules_of_config["/work/.voicelint.yml"] =
      "glossary: t\nterms:\n  - id: x\n    avoid: [hey]\n";
  c.Notify("workspace/didChangeWatchedFiles",
           {{"changes", {{{"uri", "file:///work/.voicelint.yml"}, {"type", 2}}}}});
  c.Advance(0ms);
  const std::vector<Json> after = c.Take("textDocument/publishDiagnostics");
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[0]["uri"], "file:///work/.voicelint.yml");
  EXPECT_EQ(after[0]["diagnostics"], Json::array());
  EXPECT_EQ(after[1]["diagnostics"].at(0)["code"], "t.x");
}

TEST(LspServer, SettingsChangeTheMinimumLevel) {
  Client c;
  c.Open("file:///work/a.txt", "plaintext", "hey, no problem");
  c.Advance(200ms);
  ASSERT_EQ(c.Take("textDocument/publishDiagnostics").at(0)["diagnostics"].size(), 2u);
  c.Notify("workspace/didChangeConfiguration",
           {{"settings", {{"voicelint", {{"level", "error"}}}}}});
  c.Advance(0ms);
  const Json d = c.Take("textDocument/publishDiagnostics").at(0)["diagnostics"];
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0]["code"], "t.no-problem");
}

TEST(LspServer, HtmlPositionsPointIntoTheMarkup) {
  Client c;
  c.Open("file:///work/a.html", "html", "<p>Tom &amp; <b>hey</b></p>");
  c.Advance(200ms);
  const Json d = c.Take("textDocument/publishDiagnostics").at(0)["diagnostics"];
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0]["range"], Range(0, 16, 0, 19));
}

TEST(LspServer, SurvivesBadInput) {
  Client c;
  std::vector<Json> before = c.sent_;
  c.server_.Handle("{not json", {});
  EXPECT_EQ(c.sent_.back()["error"]["code"], kParseError);
  EXPECT_EQ(c.Request("no/such/method", Json::object())["error"]["code"], kMethodNotFound);
  EXPECT_EQ(c.Request("textDocument/codeAction",
                      {{"textDocument", {{"uri", "file:///nowhere"}}}})["error"]["code"],
            kInvalidParams);
  c.Notify("textDocument/didChange", {{"textDocument", {{"uri", "file:///nowhere"}}}});
  c.Notify("textDocument/didOpen", {{"textDocument", 7}});
  EXPECT_NE(c.log_.str().find("not open"), std::string::npos);
  c.server_.NoteCancelled(99);
  c.next_id_ = 99;
  EXPECT_EQ(c.Request("textDocument/hover", Json::object())["error"]["code"], -32800);
}

TEST(LspServer, DoesNotKeepADocumentOverTheLimit) {
  TextRules rules;
  std::ostringstream log;
  std::vector<Json> sent;
  LspOptions options;
  options.max_document_bytes = 1000;
  LspServer server(
      rules, options, [&](std::string m) { sent.push_back(Json::parse(m)); }, log);
  server.Handle(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}})",
                {});
  const Json open = {{"jsonrpc", "2.0"},
                     {"method", "textDocument/didOpen"},
                     {"params",
                      {{"textDocument",
                        {{"uri", "file:///big.txt"},
                         {"languageId", "plaintext"},
                         {"version", 1},
                         {"text", std::string(2000, 'a') + " hey"}}}}}};
  server.Handle(Dump(open), {});
  server.LintDue(LspServer::Clock::time_point{} + 1s);
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[1]["method"], "window/showMessage");
  EXPECT_FALSE(server.NextDue().has_value());
}

TEST(ServeLsp, ServesFramesUntilExit) {
  auto framed = [](const std::string& body) {
    return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  };
  std::stringstream in(
      framed(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}})") +
      "Content-Length: nope\r\n\r\n" + framed(R"({"jsonrpc":"2.0","id":2,"method":"shutdown"})") +
      framed(R"({"jsonrpc":"2.0","method":"exit"})"));
  std::stringstream out;
  std::ostringstream log;
  TextRules rules;
  auto writer = std::make_shared<FrameWriter>(out);
  LspServer server(
      rules, {}, [&](std::string m) { writer->Write(m); }, log);
  EXPECT_EQ(ServeLsp(server, in, writer, {}, log), 0);
  FrameReader reader(*out.rdbuf(), {});
  std::vector<Json> responses;
  for (Frame f = reader.Next(); f.kind == Frame::Kind::kMessage; f = reader.Next()) {
    responses.push_back(Json::parse(f.body));
  }
  ASSERT_EQ(responses.size(), 3u);
  EXPECT_EQ(responses[0]["id"], 1);
  EXPECT_EQ(responses[1]["error"]["code"], kParseError);
  EXPECT_EQ(responses[2]["id"], 2);
  EXPECT_NE(log.str().find("not a number"), std::string::npos);
}

TEST(Uris, RoundTripPaths) {
  EXPECT_EQ(FileUri("/a b/ü#.md"), "file:///a%20b/%C3%BC%23.md");
  EXPECT_EQ(PathOfUri("file:///a%20b/%C3%BC%23.md"), "/a b/ü#.md");
  EXPECT_EQ(PathOfUri("untitled:Untitled-1"), std::nullopt);
}

}  // namespace
}  // namespace voicelint::server
