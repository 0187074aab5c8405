// Error paths of `voicelint mcp`, with raw JSON-RPC lines over a pipe.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { test } from 'node:test';

import { VOICELINT } from './helpers.mjs';

// A server process with a queue of the lines it writes to stdout.
class Server {
  constructor(args = []) {
    this.proc = spawn(VOICELINT, ['mcp', '--no-config', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.lines = [];
    this.waiters = [];
    this.stderr = '';
    this.proc.stderr.on('data', (chunk) => { this.stderr += chunk; });
    createInterface({ input: this.proc.stdout }).on('line', (line) => {
      const waiter = this.waiters.shift();
      if (waiter) waiter(line); else this.lines.push(line);
    });
  }
  send(message) {
    this.proc.stdin.write((typeof message === 'string' ? message : JSON.stringify(message)) + '\n');
  }
  // The next line of stdout, parsed (every line must be JSON).
  async next() {
    const line = this.lines.length ? this.lines.shift()
      : await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no response within 10 s')), 10000);
        this.waiters.push((l) => { clearTimeout(timer); resolve(l); });
      });
    return JSON.parse(line);
  }
  async call(message) {
    this.send(message);
    return this.next();
  }
  async close() {
    this.proc.stdin.end();
    const code = await new Promise((resolve) => this.proc.on('close', resolve));
    assert.equal(code, 0, this.stderr);
    assert.deepEqual(this.lines, [], 'no unexpected output');
  }
}

const init = (id, protocolVersion) => ({
  jsonrpc: '2.0', id, method: 'initialize',
  params: { protocolVersion, capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
});
const check = (id, args) => ({
  jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'check_message', arguments: args },
});

test('protocol versions: echoed when supported, else the latest', async () => {
  for (const version of ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05']) {
    const server = new Server();
    const reply = await server.call(init(1, version));
    assert.equal(reply.result.protocolVersion, version);
    assert.equal(reply.result.serverInfo.name, 'voicelint');
    await server.close();
  }
  const server = new Server();
  const reply = await server.call(init('a', '2099-01-01'));
  assert.equal(reply.id, 'a');
  assert.equal(reply.result.protocolVersion, '2025-11-25');
  await server.close();
});

test('errors: parse, invalid request, unknown method, bad params; serving goes on', async () => {
  const server = new Server();
  assert.equal((await server.call(init(1, '2025-06-18'))).result.protocolVersion, '2025-06-18');
  server.send({ jsonrpc: '2.0', method: 'notifications/initialized' });

  let reply = await server.call('{"jsonrpc": "2.0", "id": 2, "method": ');
  assert.deepEqual(reply, { jsonrpc: '2.0', id: null, error: { code: -32700, message: reply.error.message } });

  reply = await server.call({ jsonrpc: '2.0', id: 3, method: 'resources/list' });
  assert.equal(reply.id, 3);
  assert.equal(reply.error.code, -32601);

  for (const bad of [{ jsonrpc: '1.0', id: 4, method: 'ping' }, { jsonrpc: '2.0', id: 4 },
    { jsonrpc: '2.0', id: 4, method: 7 }, { jsonrpc: '2.0', id: null, method: 'ping' }, 17]) {
    reply = await server.call(bad);
    assert.equal(reply.error.code, -32600, JSON.stringify(bad));
  }

  for (const args of [{ text: 1 }, {}, { text: 'x', markdown: 1 }, { text: 'x', extra: true }]) {
    reply = await server.call(check(5, args));
    assert.equal(reply.id, 5);
    assert.equal(reply.error.code, -32602, JSON.stringify(args));
  }
  reply = await server.call({ jsonrpc: '2.0', id: 6, method: 'tools/call', params: { name: 'nope' } });
  assert.equal(reply.error.code, -32602);
  reply = await server.call({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: 'check_message' });
  assert.equal(reply.error.code, -32602);

  // Notifications, known or not, get no answer: the next line answers the ping.
  server.send({ jsonrpc: '2.0', method: 'notifications/whatever' });
  server.send({ jsonrpc: '2.0', method: 'tools/call', params: { name: 'nope' } });
  server.send('');
  reply = await server.call({ jsonrpc: '2.0', id: 8, method: 'ping' });
  assert.deepEqual(reply, { jsonrpc: '2.0', id: 8, result: {} });

  // Batches were removed in 2025-06-18.
  reply = await server.call([{ jsonrpc: '2.0', id: 9, method: 'ping' }]);
  assert.equal(reply.error.code, -32600);

  reply = await server.call(check(10, { text: 'Hey. 喂' }));
  assert.equal(reply.id, 10);
  assert.deepEqual(reply.result.structuredContent.findings.map((f) => f.offset.utf16), [[0, 3], [5, 6]]);
  await server.close();
  assert.match(server.stderr, /speaking 2025-06-18/);
});

test('batches under 2025-03-26: an array of the responses, notifications left out', async () => {
  const server = new Server();
  await server.call(init(1, '2025-03-26'));
  const reply = await server.call([
    { jsonrpc: '2.0', id: 2, method: 'ping' },
    { jsonrpc: '2.0', method: 'notifications/initialized' },
    check(3, { text: 'you people' }),
    { jsonrpc: '2.0', id: 4, method: 'nope' },
  ]);
  assert.ok(Array.isArray(reply));
  assert.deepEqual(reply.map((r) => r.id), [2, 3, 4]);
  assert.equal(reply[1].result.structuredContent.findings[0].rule, 'ritz.you-people');
  assert.equal(reply[2].error.code, -32601);
  assert.equal((await server.call([])).error.code, -32600);
  await server.close();
});

test('a line over --max-message-bytes is refused without harm; big texts under it work', async () => {
  const server = new Server(['--max-message-bytes', '1000000']);
  await server.call(init(1, '2025-11-25'));
  let reply = await server.call(check(2, { text: 'hey '.repeat(1_000_000) }));
  assert.equal(reply.id, null);
  assert.equal(reply.error.code, -32600);
  assert.match(reply.error.message, /longer than 1000000 bytes/);

  const big = '您好，不知道。'.repeat(20_000); // 420 KB
  reply = await server.call(check(3, { text: big }));
  assert.equal(reply.id, 3);
  const findings = reply.result.structuredContent.findings;
  assert.equal(findings.length, 20_000);
  assert.deepEqual(findings.at(-1).offset.codepoint, [(20_000 - 1) * 7 + 3, (20_000 - 1) * 7 + 6]);
  await server.close();
});
