#include "server/mcp.h"

#include <algorithm>
#include <array>
#include <utility>

#include "report/result_json.h"

namespace voicelint::server {
namespace {

constexpr std::array<std::string_view, 4> kVersions = {"2025-11-25", "2025-06-18", "2025-03-26",
                                                       "2024-11-05"};
// The only revision with JSON-RPC batching (added in 2025-03-26, removed in 2025-06-18).
constexpr std::string_view kBatchVersion = "2025-03-26";

Json SpanSchema() {
  return {{"type", "array"}, {"items", {{"type", "integer"}}}, {"minItems", 2}, {"maxItems", 2}};
}

// A finding as report::FindingJson writes it (DESIGN section 6).
Json FindingSchema() {
  Json offset = {{"type", "object"},
                 {"properties",
                  {{"byte", SpanSchema()}, {"utf16", SpanSchema()}, {"codepoint", SpanSchema()}}},
                 {"required", {"byte", "utf16", "codepoint"}}};
  Json applicability = {{"type", "string"},
                        {"enum", {"safe", "unsafe", "display"}},
                        {"description",
                         "safe: fix_message applies it; unsafe: it may change the meaning or read "
                         "wrong, applied only with unsafe_fixes; display: no machine edit"}};
  Json fix = {{"type", {"object", "null"}},
              {"properties",
               {{"byte", SpanSchema()},
                {"replacement", {{"type", "string"}}},
                {"applicability", applicability},
                {"note", {{"type", "string"}}}}}};
  return {{"type", "object"},
          {"properties",
           {{"rule", {{"type", "string"}}},
            {"level", {{"type", "string"}, {"enum", {"error", "warning", "suggestion"}}}},
            {"message", {{"type", "string"}}},
            {"match", {{"type", "string"}}},
            {"line", {{"type", "integer"}}},
            {"column", {{"type", "integer"}, {"description", "1-based, in code points"}}},
            {"end_line", {{"type", "integer"}}},
            {"end_column", {{"type", "integer"}}},
            {"offset", offset},
            {"suggestions", {{"type", "array"}, {"items", {{"type", "string"}}}}},
            {"applicability", applicability},
            {"fix", fix}}},
          {"required",
           {"rule", "level", "message", "match", "line", "column", "offset", "suggestions",
            "applicability", "fix"}}};
}

Json FindingsSchema() { return {{"type", "array"}, {"items", FindingSchema()}}; }

Json NotesSchema() {
  return {{"type", "array"},
          {"items",
           {{"type", "object"},
            {"properties",
             {{"message", {{"type", "string"}}},
              {"line", {{"type", "integer"}}},
              {"column", {{"type", "integer"}}},
              {"byte", {{"type", "integer"}}}}},
            {"required", {"message", "line", "column", "byte"}}}}};
}

Json SummarySchema() {
  Json count = {{"type", "integer"}};
  return {{"type", "object"},
          {"properties",
           {{"findings", count},
            {"error", count},
            {"warning", count},
            {"suggestion", count},
            {"preferred_used", count}}},
          {"required", {"findings", "error", "warning", "suggestion", "preferred_used"}}};
}

Json TextInputSchema(std::string_view what, bool fixing) {
  Json properties = {{"text", {{"type", "string"}, {"description", what}}},
                     {"markdown",
                      {{"type", "boolean"},
                       {"description",
                        "Read the text as Markdown: code, link targets, HTML comments and block "
                        "quotes are not checked (default false)"}}}};
  if (fixing) {
    properties["unsafe_fixes"] = {
        {"type", "boolean"},
        {"description",
         "Also apply fixes marked unsafe (they may change the meaning or read wrong; default "
         "false: only safe fixes)"}};
  }
  return {{"type", "object"},
          {"properties", std::move(properties)},
          {"required", {"text"}},
          {"additionalProperties", false}};
}

Json Annotations(std::string_view title) {
  return {{"title", title},
          {"readOnlyHint", true},
          {"destructiveHint", false},
          {"idempotentHint", true},
          {"openWorldHint", false}};
}

Json ToolList() {
  Json check_output = {{"type", "object"},
                       {"properties",
                        {{"passed", {{"type", "boolean"}}},
                         {"fail_on", {{"type", "string"}}},
                         {"findings", FindingsSchema()},
                         {"notes", NotesSchema()},
                         {"summary", SummarySchema()}}},
                       {"required", {"passed", "fail_on", "findings", "notes", "summary"}}};
  Json fix_output = {{"type", "object"},
                     {"properties",
                      {{"text", {{"type", "string"}}},
                       {"changed", {{"type", "boolean"}}},
                       {"fixed", FindingsSchema()},
                       {"remaining", FindingsSchema()},
                       {"passed", {{"type", "boolean"}}}}},
                     {"required", {"text", "changed", "fixed", "remaining", "passed"}}};
  Json rule = {{"type", "object"},
               {"properties",
                {{"id", {{"type", "string"}}},
                 {"kind", {{"type", "string"}}},
                 {"level", {{"type", "string"}}},
                 {"language", {{"type", "string"}}},
                 {"avoid", {{"type", "array"}, {"items", {{"type", "string"}}}}},
                 {"prefer", {{"type", "array"}, {"items", {{"type", "string"}}}}},
                 {"message", {{"type", "string"}}}}},
               {"required", {"id", "kind", "level", "language", "avoid", "prefer", "message"}}};
  Json list_output = {{"type", "object"},
                      {"properties", {{"rules", {{"type", "array"}, {"items", rule}}}}},
                      {"required", {"rules"}}};
  return Json::array(
      {{{"name", "check_message"},
        {"title", "Check a message against the brand voice"},
        {"description",
         "Checks a draft message (English or Chinese) for taboo phrases of the brand's voice "
         "glossary. Returns every finding with its rule, level, message, exact position and "
         "preferred replacements, and whether the message passes (no finding at or above the "
         "fail-on level). Call it before sending a reply."},
        {"inputSchema", TextInputSchema("The message to check", false)},
        {"outputSchema", check_output},
        {"annotations", Annotations("Check message")}},
       {{"name", "fix_message"},
        {"title", "Rewrite a message with the preferred phrases"},
        {"description",
         "Applies the safe fixes (a preferred phrase fitted to its sentence; never one that may "
         "change the meaning unless unsafe_fixes is true) and returns the fixed text, the findings "
         "it fixed, the findings that remain (they need rewording by hand; their fix, if any, "
         "says why it was not applied) and whether the fixed text passes. Nothing is written "
         "anywhere."},
        {"inputSchema", TextInputSchema("The message to fix", true)},
        {"outputSchema", fix_output},
        {"annotations", Annotations("Fix message")}},
       {{"name", "list_rules"},
        {"title", "List the brand voice rules"},
        {"description",
         "Lists the rules in effect: id, kind, level, language, the phrases to avoid and the "
         "preferred phrases."},
        {"inputSchema",
         {{"type", "object"}, {"properties", Json::object()}, {"additionalProperties", false}}},
        {"outputSchema", list_output},
        {"annotations", Annotations("List rules")}}});
}

Json Texts(const std::vector<Located>& items) {
  Json array = Json::array();
  for (const Located& item : items) array.push_back(item.text);
  return array;
}

// A tools/call result: the structured content, and the same serialized in a
// text block.
Json ToolResult(Json structured) {
  Json result;
  result["content"] = Json::array({{{"type", "text"}, {"text", Dump(structured)}}});
  result["structuredContent"] = std::move(structured);
  result["isError"] = false;
  return result;
}

RpcError InvalidParams(std::string message) {
  return {kInvalidParams, "Invalid params: " + std::move(message), std::nullopt};
}

}  // namespace

std::span<const std::string_view> McpProtocolVersions() { return kVersions; }

McpServer::McpServer(std::shared_ptr<const Ruleset> ruleset, const CheckOptions& check,
                     Level fail_on, std::ostream& log)
    : ruleset_(std::move(ruleset)),
      scratch_(*ruleset_),
      check_(check),
      fail_on_(fail_on),
      log_(log) {
  rpc_.OnRequest("initialize", [this](const Json& params) { return Initialize(params); });
  rpc_.OnRequest("ping", [](const Json&) -> Reply { return Json::object(); });
  rpc_.OnRequest("tools/list", [this](const Json&) { return ListTools(); });
  rpc_.OnRequest("tools/call", [this](const Json& params) { return CallTool(params); });
  rpc_.OnNotification("notifications/initialized", [](const Json&) {});
  rpc_.OnNotification("notifications/cancelled", [](const Json&) {});
}

Reply McpServer::Initialize(const Json& params) {
  if (!params.is_object()) return InvalidParams("initialize takes an object");
  const auto requested = params.find("protocolVersion");
  if (requested == params.end() || !requested->is_string()) {
    return InvalidParams("protocolVersion (a string) is required");
  }
  const std::string& version = requested->get_ref<const std::string&>();
  const bool supported = std::find(kVersions.begin(), kVersions.end(), version) != kVersions.end();
  protocol_version_ = supported ? version : std::string(kVersions.front());
  rpc_.set_allow_batches(protocol_version_ == kBatchVersion);
  std::string client = "an unnamed client";
  if (const auto info = params.find("clientInfo"); info != params.end() && info->is_object()) {
    client = info->value("name", client);
  }
  log_ << "voicelint mcp: " << client << " asked for protocol " << version << ", speaking "
       << protocol_version_ << "\n";
  return Json{
      {"protocolVersion", protocol_version_},
      {"capabilities", {{"tools", {{"listChanged", false}}}}},
      {"serverInfo", {{"name", "voicelint"}, {"title", "voicelint"}, {"version", "0.2.0"}}},
      {"instructions",
       "Check every customer-facing draft with check_message before sending it. If it does not "
       "pass, apply fix_message and reword what remains by hand."}};
}

Reply McpServer::ListTools() const { return Json{{"tools", ToolList()}}; }

Reply McpServer::CallTool(const Json& params) {
  if (!params.is_object()) return InvalidParams("tools/call takes an object");
  const auto name_it = params.find("name");
  if (name_it == params.end() || !name_it->is_string()) {
    return InvalidParams("the tool name is required");
  }
  const std::string& name = name_it->get_ref<const std::string&>();
  Json arguments = Json::object();
  if (const auto a = params.find("arguments"); a != params.end() && !a->is_null()) {
    if (!a->is_object()) return InvalidParams("arguments must be an object");
    arguments = *a;
  }
  if (name == "list_rules") {
    if (!arguments.empty()) return InvalidParams("list_rules takes no arguments");
    return ToolResult(ListRules());
  }
  if (name != "check_message" && name != "fix_message") {
    return InvalidParams("unknown tool '" + name + "'");
  }
  for (const auto& [key, value] : arguments.items()) {
    if (key != "text" && key != "markdown" && !(key == "unsafe_fixes" && name == "fix_message")) {
      return InvalidParams("unknown argument '" + key + "' of " + name);
    }
  }
  const auto text = arguments.find("text");
  if (text == arguments.end() || !text->is_string()) {
    return InvalidParams(name + " needs 'text', a string");
  }
  bool markdown = false;
  if (const auto m = arguments.find("markdown"); m != arguments.end()) {
    if (!m->is_boolean()) return InvalidParams("'markdown' must be a boolean");
    markdown = m->get<bool>();
  }
  bool unsafe_fixes = false;
  if (const auto u = arguments.find("unsafe_fixes"); u != arguments.end()) {
    if (!u->is_boolean()) return InvalidParams("'unsafe_fixes' must be a boolean");
    unsafe_fixes = u->get<bool>();
  }
  const std::string& message = text->get_ref<const std::string&>();
  return ToolResult(name == "check_message" ? CheckMessage(message, markdown)
                                            : FixMessage(message, markdown, unsafe_fixes));
}

CheckResult McpServer::Run(std::string_view text, bool markdown) {
  CheckOptions options = check_;
  options.input = markdown ? InputKind::kMarkdown : InputKind::kText;
  return Check(*ruleset_, scratch_, text, options);
}

bool McpServer::Passes(const CheckResult& result) const {
  return std::none_of(result.findings.begin(), result.findings.end(),
                      [&](const Finding& f) { return f.level >= fail_on_; });
}

Json McpServer::CheckMessage(std::string_view text, bool markdown) {
  const CheckResult result = Run(text, markdown);
  Json message = MessageJson(result, text);
  Json out;
  out["passed"] = Passes(result);
  out["fail_on"] = LevelName(fail_on_);
  out["findings"] = std::move(message["findings"]);
  out["notes"] = std::move(message["notes"]);
  out["summary"] = std::move(message["summary"]);
  return out;
}

Json McpServer::FixMessage(std::string_view text, bool markdown, bool unsafe_fixes) {
  const CheckResult before = Run(text, markdown);
  const Applicability minimum = unsafe_fixes ? Applicability::kUnsafe : Applicability::kSafe;
  std::vector<Finding> fixed;
  for (const Finding& f : before.findings) {
    if (f.fix && f.applicability >= minimum) fixed.push_back(f);
  }
  const std::string rewritten = ApplyFixes(text, before.findings, minimum);
  const CheckResult after = Run(rewritten, markdown);
  Json out;
  out["text"] = rewritten;
  out["changed"] = rewritten != text;
  out["fixed"] = FindingsJson(fixed, text);
  out["remaining"] = FindingsJson(after.findings, rewritten);
  out["passed"] = Passes(after);
  return out;
}

Json McpServer::ListRules() const {
  Json rules = Json::array();
  for (const Rule& rule : ruleset_->rules()) {
    Json avoid =
        rule.kind == RuleKind::kPattern ? Json::array({rule.regex.text}) : Texts(rule.avoid);
    rules.push_back({{"id", rule.id},
                     {"kind", KindName(rule.kind)},
                     {"level", LevelName(rule.level)},
                     {"language", rule.language},
                     {"avoid", std::move(avoid)},
                     {"prefer", Texts(rule.prefer)},
                     {"message", rule.message}});
  }
  return Json{{"rules", std::move(rules)}};
}

}  // namespace voicelint::server
