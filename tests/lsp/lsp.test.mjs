// `voicelint lsp` driven over stdio by vscode-languageserver-protocol.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { VOICELINT, startServer, applyEdits, rangeText, lsp } from './helpers.mjs';

const TEXT = '😀 Thanks! Hey, no problem.\r\n喂，你们好 é\u0301 no problem\n';

function cliFindings(text, markdown = false) {
  let out;
  try {
    out = execFileSync(VOICELINT, ['check', '--no-config', '--format', 'json',
      '--input-type', markdown ? 'markdown' : 'text', '-'], { input: text, encoding: 'utf8' });
  } catch (error) {
    out = error.stdout;
  }
  return JSON.parse(out).files[0].findings;
}

test('utf-16 ranges select exactly what the CLI finds (emoji, CJK, combining marks, CRLF)', async () => {
  const server = startServer(['--no-config']);
  const init = await server.initialize({ general: { positionEncodings: ['utf-16'] } });
  assert.equal(init.capabilities.positionEncoding, 'utf-16');
  const uri = 'file:///tmp/voicelint-lsp/a.txt';
  const published = server.diagnostics(uri);
  await server.open(uri, 'plaintext', TEXT);
  const { diagnostics, version } = await published;
  assert.equal(version, 1);
  const expected = cliFindings(TEXT);
  assert.ok(expected.length >= 3);
  assert.deepEqual(diagnostics.map((d) => d.code), expected.map((f) => f.rule));
  for (const [i, d] of diagnostics.entries()) {
    assert.equal(rangeText(TEXT, d.range), expected[i].match);
    assert.equal(d.source, 'voicelint');
    assert.equal(d.range.start.line, expected[i].line - 1);
    assert.ok(d.codeDescription.href.length > 0);
    assert.ok(['safe', 'unsafe', 'display'].includes(d.data.applicability));
  }
  assert.equal(await server.stop(), 0);
});

test('utf-8 is chosen when offered and counts bytes', async () => {
  const server = startServer(['--no-config']);
  const init = await server.initialize({ general: { positionEncodings: ['utf-16', 'utf-8'] } });
  assert.equal(init.capabilities.positionEncoding, 'utf-8');
  const uri = 'file:///tmp/voicelint-lsp/b.txt';
  const published = server.diagnostics(uri);
  await server.open(uri, 'plaintext', TEXT);
  const { diagnostics } = await published;
  const lines = TEXT.split('\n').map((l) => Buffer.from(l, 'utf8'));
  const expected = cliFindings(TEXT);
  for (const [i, d] of diagnostics.entries()) {
    const line = lines[d.range.start.line];
    assert.equal(line.subarray(d.range.start.character, d.range.end.character).toString('utf8'),
      expected[i].match);
  }
  assert.equal(await server.stop(), 0);
});

test('incremental edits are published in version order and closing clears', async () => {
  const server = startServer(['--no-config']);
  await server.initialize({});
  const uri = 'file:///tmp/voicelint-lsp/c.md';
  let text = '# Reply\n\nHello, no problem at all.\n';
  const first = server.diagnostics(uri);
  await server.open(uri, 'markdown', text);
  assert.equal((await first).diagnostics.length, 1);
  // Three quick keystrokes: only the newest version may be published after them.
  const after = server.diagnostics(uri);
  const edits = [
    { range: { start: { line: 2, character: 7 }, end: { line: 2, character: 17 } }, text: 'my pleasure' },
    { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: '喂\n' },
    { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 1 } }, text: '您好' },
  ];
  for (const [i, change] of edits.entries()) {
    await server.connection.sendNotification(lsp.DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: i + 2 }, contentChanges: [change],
    });
    text = applyEdits(text, [{ range: change.range, newText: change.text }]);
  }
  const latest = await after;
  assert.equal(latest.version, 4);
  assert.deepEqual(latest.diagnostics, []);
  const versions = server.published.filter((p) => p.uri === uri).map((p) => p.version);
  assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'versions never go back');
  const cleared = server.diagnostics(uri);
  await server.connection.sendNotification(lsp.DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  assert.deepEqual((await cleared).diagnostics, []);
  assert.equal(await server.stop(), 0);
});

test('code actions applied give the fixed text, and hover explains the rule', async () => {
  const server = startServer(['--no-config']);
  await server.initialize({});
  const uri = 'file:///tmp/voicelint-lsp/d.md';
  const text = 'Sure, no problem. 喂，请稍等。\n';
  const published = server.diagnostics(uri);
  await server.open(uri, 'markdown', text);
  const { diagnostics } = await published;
  const problem = diagnostics.find((d) => d.code === 'ritz.no-problem');
  const actions = await server.connection.sendRequest(lsp.CodeActionRequest.type, {
    textDocument: { uri }, range: problem.range, context: { diagnostics: [problem] },
  });
  const preferred = actions.find((a) => a.isPreferred);
  assert.equal(applyEdits(text, preferred.edit.changes[uri]), 'Sure, my pleasure. 喂，请稍等。\n');
  const disable = actions.find((a) => a.title === 'Disable ritz.no-problem for this line');
  const disabled = applyEdits(text, disable.edit.changes[uri]);
  assert.equal(disabled, '<!-- voicelint-disable-next-line ritz.no-problem -->\n' + text);
  assert.deepEqual(cliFindings(disabled, true).map((f) => f.rule), ['service-zh.wei']);
  const fixAll = (await server.connection.sendRequest(lsp.CodeActionRequest.type, {
    textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll'] },
  }))[0];
  assert.equal(fixAll.kind, 'source.fixAll.voicelint');
  const fixed = execFileSync(VOICELINT, ['fix', '--no-config', '--stdin-filename', 'd.md', '-'],
    { input: text, encoding: 'utf8' });
  assert.equal(applyEdits(text, fixAll.edit.changes[uri]), fixed);
  const hover = await server.connection.sendRequest(lsp.HoverRequest.type, {
    textDocument: { uri }, position: { line: 0, character: 8 },
  });
  assert.match(hover.contents.value, /ritz\.no-problem/);
  assert.match(hover.contents.value, /Prefer: "my pleasure"/);
  assert.match(hover.contents.value, /rules\/ritz\/en\.yml:\d+:\d+/);
  const rule = await server.connection.sendRequest('voicelint/rule', { id: 'ritz.no-problem' });
  assert.equal(rule.id, 'ritz.no-problem');
  assert.equal(await server.stop(), 0);
});

test('.voicelint.yml is found by walking up, reloaded on change, and a broken one is reported', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'voicelint-lsp-'));
  try {
    writeFileSync(join(dir, '.voicelint.yml'), 'packs: [./brand.yml]\n');
    writeFileSync(join(dir, 'brand.yml'), 'glossary: brand\nterms:\n  - id: widget\n    avoid: [widget]\n    prefer: [gadget]\n');
    const server = startServer();
    await server.initialize({});
    const uri = pathToFileURL(join(dir, 'sub', 'note.txt')).href;
    const first = server.diagnostics(uri);
    await server.open(uri, 'plaintext', 'The widget, no problem.');
    assert.deepEqual((await first).diagnostics.map((d) => d.code), ['brand.widget']);
    // Break the rule file: the error lands on it, the last rules stay.
    writeFileSync(join(dir, 'brand.yml'), 'glossary: brand\nterms:\n  - id: widget\n    avoud: [widget]\n');
    const brandUri = pathToFileURL(join(dir, 'brand.yml')).href;
    const onRules = server.diagnostics(brandUri);
    const again = server.diagnostics(uri);
    await server.connection.sendNotification(lsp.DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: brandUri, type: 2 }],
    });
    const broken = await onRules;
    assert.equal(broken.diagnostics[0].range.start.line, 3);
    assert.match(broken.diagnostics[0].message, /avoud/);
    assert.deepEqual((await again).diagnostics.map((d) => d.code), ['brand.widget']);
    assert.equal(server.messages.at(-1).type, 1);
    // Repaired, with the default rulebook added: the new rules apply.
    writeFileSync(join(dir, 'brand.yml'), 'glossary: brand\nterms:\n  - id: gizmo\n    avoid: [widget]\n');
    writeFileSync(join(dir, '.voicelint.yml'), 'packs: [default, ./brand.yml]\n');
    const cleared = server.diagnostics(brandUri);
    const reloaded = server.diagnostics(uri);
    await server.connection.sendNotification(lsp.DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: brandUri, type: 2 }],
    });
    assert.deepEqual((await cleared).diagnostics, []);
    assert.deepEqual((await reloaded).diagnostics.map((d) => d.code), ['brand.gizmo', 'ritz.no-problem']);
    assert.equal(await server.stop(), 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('exit without shutdown exits with 1', async () => {
  const server = startServer(['--no-config']);
  await server.initialize({});
  await server.connection.sendNotification(lsp.ExitNotification.type);
  assert.equal(await server.exited, 1);
});

test('garbage, bad JSON, unknown methods and a huge document get answers, not a crash', async () => {
  const child = spawn(VOICELINT, ['lsp', '--no-config', '--max-document-bytes', '1000000'],
    { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (c) => { out += c; });
  child.stderr.on('data', (c) => { err += c; });
  const frame = (body) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  const big = 'a'.repeat(50 * 1024 * 1024);
  child.stdin.write('this is not a header\r\n\r\n');
  child.stdin.write(frame('{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}'));
  child.stdin.write(frame('{not json'));
  child.stdin.write(frame('{"jsonrpc":"2.0","id":2,"method":"no/such/method"}'));
  child.stdin.write(frame('{"jsonrpc":"2.0","id":3,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///nowhere"},"position":{"line":0,"character":0}}}'));
  child.stdin.write(frame(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen',
    params: { textDocument: { uri: 'file:///big.txt', languageId: 'plaintext', version: 1, text: big } } })));
  child.stdin.write(frame('{"jsonrpc":"2.0","id":4,"method":"shutdown"}'));
  child.stdin.end(frame('{"jsonrpc":"2.0","method":"exit"}'));
  const code = await new Promise((resolve) => child.on('exit', resolve));
  assert.equal(code, 0, err);
  const bodies = out.split(/Content-Length: \d+\r\n\r\n/).filter(Boolean).map((b) => JSON.parse(b));
  const byId = (id) => bodies.find((b) => b.id === id);
  assert.equal(bodies[0].error.code, -32700);  // the garbage header
  assert.ok(byId(1).result.capabilities);
  assert.ok(bodies.some((b) => b.error && b.error.code === -32700 && b.id === null && b !== bodies[0]));
  assert.equal(byId(2).error.code, -32601);
  assert.equal(byId(3).error.code, -32602);
  assert.ok(bodies.some((b) => b.method === 'window/showMessage' && /not checked/.test(b.params.message)));
  assert.equal(byId(4).result, null);
});
