// An LSP exchange as the extension makes it (its server command, settings,
// pull diagnostics like VS Code, its fix-all request and "Show rule"), over
// stdio with vscode-languageserver-protocol. VOICELINT_BIN names the binary
// (else voicelint on PATH).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import * as lsp from 'vscode-languageserver-protocol/node';

const require = createRequire(import.meta.url);
const s = require('../out/settings.js');

function applyEdits(text, edits) {
  const offset = ({ line, character }) => {
    let at = 0;
    for (let l = 0; l < line; l++) at = text.indexOf('\n', at) + 1;
    return at + character;
  };
  const spans = edits.map((e) => [offset(e.range.start), offset(e.range.end), e.newText]).sort((a, b) => b[0] - a[0]);
  for (const [b, e, t] of spans) text = text.slice(0, b) + t + text.slice(e);
  return text;
}

test('the extension\'s exchange with voicelint lsp', async () => {
  const settings = s.normalizeSettings({ path: process.env.VOICELINT_BIN ?? '', level: 'warning' });
  const { command, args } = s.serverCommand(settings);
  const child = spawn(command, [...args, '--no-config'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const connection = lsp.createProtocolConnection(
    new lsp.StreamMessageReader(child.stdout), new lsp.StreamMessageWriter(child.stdin));
  connection.listen();
  const init = await connection.sendRequest(lsp.InitializeRequest.type, {
    processId: process.pid, rootUri: null,
    capabilities: { textDocument: { diagnostic: { dynamicRegistration: true } }, general: { positionEncodings: ['utf-16'] } },
    initializationOptions: s.serverSettings(settings),
  });
  assert.ok(init.capabilities.diagnosticProvider);
  await connection.sendNotification(lsp.InitializedNotification.type, {});
  const uri = 'untitled:Untitled-1';
  const text = 'Hey 😀, no problem! 你们好\n';
  await connection.sendNotification(lsp.DidOpenTextDocumentNotification.type,
    { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  const report = await connection.sendRequest(lsp.DocumentDiagnosticRequest.type, { textDocument: { uri } });
  assert.equal(report.kind, 'full');
  const codes = report.items.map((d) => d.code);
  assert.ok(codes.includes('ritz.no-problem'), codes.join());
  assert.ok(!report.items.some((d) => d.severity === 3), 'level warning leaves suggestions out');
  const problem = report.items.find((d) => d.code === 'ritz.no-problem');
  assert.equal(text.slice(problem.range.start.character, problem.range.end.character), 'no problem');
  assert.equal(s.ruleAt(report.items, problem.range.start), 'ritz.no-problem');
  const actions = await connection.sendRequest(lsp.CodeActionRequest.type, s.fixAllParams(uri, 2));
  assert.equal(actions.length, 1);
  assert.match(applyEdits(text, actions[0].edit.changes[uri]), /my pleasure/);
  const rule = await connection.sendRequest('voicelint/rule', { id: 'ritz.no-problem' });
  assert.match(s.describeRule(rule), /Prefer: "my pleasure"/);
  await connection.sendRequest(lsp.ShutdownRequest.type);
  await connection.sendNotification(lsp.ExitNotification.type);
  assert.equal(await exited, 0);
  connection.dispose();
});
