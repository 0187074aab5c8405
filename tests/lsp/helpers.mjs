// Shared by the LSP tests: start `voicelint lsp` and talk to it with
// vscode-languageserver-protocol over stdio, as an editor would.
import { spawn } from 'node:child_process';
import * as lsp from 'vscode-languageserver-protocol/node';

export const VOICELINT = process.env.VOICELINT_BIN;
if (!VOICELINT) {
  throw new Error('set VOICELINT_BIN to the voicelint executable (CTest does)');
}

// A server process with a protocol connection. `diagnostics(uri)` waits for
// the next publishDiagnostics of `uri`; `published` keeps them all in order.
export function startServer(args = [], options = {}) {
  const child = spawn(VOICELINT, ['lsp', '--debounce-ms', '30', ...args], {
    cwd: options.cwd,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  const connection = lsp.createProtocolConnection(
    new lsp.StreamMessageReader(child.stdout),
    new lsp.StreamMessageWriter(child.stdin),
  );
  const published = [];
  const waiting = [];
  const messages = [];
  connection.onNotification(lsp.PublishDiagnosticsNotification.type, (params) => {
    published.push(params);
    for (let i = 0; i < waiting.length; i++) {
      if (waiting[i].uri === params.uri) {
        waiting.splice(i, 1)[0].resolve(params);
        break;
      }
    }
  });
  connection.onNotification(lsp.ShowMessageNotification.type, (params) => messages.push(params));
  connection.listen();
  return {
    child,
    connection,
    published,
    messages,
    exited,
    stderr: () => stderr,
    diagnostics(uri) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri}; stderr: ${stderr}`)), 5000);
        waiting.push({ uri, resolve: (p) => { clearTimeout(timer); resolve(p); } });
      });
    },
    async initialize(capabilities = {}, initializationOptions = undefined, rootUri = null) {
      const result = await connection.sendRequest(lsp.InitializeRequest.type, {
        processId: process.pid,
        rootUri,
        capabilities,
        initializationOptions,
        clientInfo: { name: 'voicelint-tests' },
      });
      await connection.sendNotification(lsp.InitializedNotification.type, {});
      return result;
    },
    open(uri, languageId, text, version = 1) {
      return connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId, version, text },
      });
    },
    async stop() {
      await connection.sendRequest(lsp.ShutdownRequest.type);
      await connection.sendNotification(lsp.ExitNotification.type);
      const code = await exited;
      connection.dispose();
      return code;
    },
  };
}

// The client's side of a WorkspaceEdit: applies TextEdits given in UTF-16
// positions (what JavaScript strings index) to `text`.
export function applyEdits(text, edits) {
  const offsetOf = ({ line, character }) => {
    let at = 0;
    for (let l = 0; l < line; l++) {
      const next = text.indexOf('\n', at);
      if (next < 0) return text.length;
      at = next + 1;
    }
    return at + character;
  };
  const spans = edits.map((e) => [offsetOf(e.range.start), offsetOf(e.range.end), e.newText]);
  spans.sort((a, b) => b[0] - a[0]);
  let out = text;
  for (const [begin, end, newText] of spans) out = out.slice(0, begin) + newText + out.slice(end);
  return out;
}

// The text a UTF-16 range selects (ranges on one line).
export function rangeText(text, range) {
  const lines = text.split('\n');
  return lines[range.start.line].slice(range.start.character, range.end.character);
}

export { lsp };
