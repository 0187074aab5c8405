// `voicelint mcp` driven by the official MCP TypeScript SDK client over stdio.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';

import { VOICELINT, cli, spanTexts } from './helpers.mjs';

const DRAFT = 'Hey, no problem! 喂，你们不知道吗？\n😀 Calm down, you people.';
let client;
let stderr = '';

before(async () => {
  const transport = new StdioClientTransport({ command: VOICELINT, args: ['mcp', '--no-config'], stderr: 'pipe' });
  transport.stderr.on('data', (chunk) => { stderr += chunk; });
  client = new Client({ name: 'voicelint-sdk-test', version: '1.0.0' });
  await client.connect(transport);
  // listTools caches the output schemas; callTool then validates
  // structuredContent against them.
  await client.listTools();
});

after(async () => {
  await client.close();
});

test('initialize: server info, tools capability, logs on stderr only', () => {
  assert.equal(client.getServerVersion().name, 'voicelint');
  assert.equal(client.getServerVersion().version, cli(['--version']).trim().split(' ')[1]);
  assert.ok(client.getServerCapabilities().tools);
  assert.match(client.getInstructions(), /check_message/);
  assert.match(stderr, /rules loaded/);
});

test('tools/list: three read-only, idempotent tools with schemas', async () => {
  const { tools } = await client.listTools();
  assert.deepEqual(tools.map((t) => t.name).sort(), ['check_message', 'fix_message', 'list_rules']);
  for (const tool of tools) {
    assert.equal(tool.annotations.readOnlyHint, true, tool.name);
    assert.equal(tool.annotations.idempotentHint, true, tool.name);
    assert.equal(tool.inputSchema.type, 'object', tool.name);
    assert.equal(tool.outputSchema.type, 'object', tool.name);
    assert.ok(tool.description.length > 20, tool.name);
  }
  const check = tools.find((t) => t.name === 'check_message');
  assert.deepEqual(check.inputSchema.required, ['text']);
  assert.equal(check.inputSchema.properties.markdown.type, 'boolean');
});

test('check_message: the CLI\'s findings, spans exact in all three units', async () => {
  const result = await client.callTool({ name: 'check_message', arguments: { text: DRAFT } });
  assert.equal(result.isError, false);
  const data = result.structuredContent;
  assert.equal(data.passed, false);
  assert.equal(data.fail_on, 'warning');
  // The same findings as `voicelint check --format json`.
  const expected = JSON.parse(cli(['check', '--no-config', '--format', 'json', '-'], DRAFT));
  const strip = ({ path, ...finding }) => finding;
  assert.deepEqual(data.findings, expected.files[0].findings.map(strip));
  assert.ok(data.findings.length >= 6);
  for (const finding of data.findings) {
    assert.deepEqual(spanTexts(DRAFT, finding),
      { byte: finding.match, utf16: finding.match, codepoint: finding.match }, finding.rule);
  }
  const people = data.findings.find((f) => f.rule === 'ritz.you-people');
  assert.equal(people.level, 'error');
  assert.equal(people.line, 2);
  // 😀 is two UTF-16 units but one code point.
  assert.equal(people.offset.utf16[0] - people.offset.codepoint[0], 1);
  assert.equal(data.summary.findings, data.findings.length);
  assert.equal(data.summary.error, data.findings.filter((f) => f.level === 'error').length);
  // The text block carries the same data for clients without structured output.
  assert.equal(result.content[0].type, 'text');
  assert.deepEqual(JSON.parse(result.content[0].text), data);
});

test('check_message: a clean message passes', async () => {
  const result = await client.callTool({
    name: 'check_message', arguments: { text: "Certainly, I'd be happy to help right away." } });
  assert.equal(result.structuredContent.passed, true);
  assert.deepEqual(result.structuredContent.findings, []);
  assert.ok(result.structuredContent.summary.preferred_used >= 2);
});

test('check_message: markdown skips code', async () => {
  const text = 'Use `hey` in code, but hey.';
  const plain = await client.callTool({ name: 'check_message', arguments: { text } });
  const md = await client.callTool({ name: 'check_message', arguments: { text, markdown: true } });
  assert.equal(plain.structuredContent.findings.length, 2);
  assert.equal(md.structuredContent.findings.length, 1);
  assert.deepEqual(md.structuredContent.findings[0].offset.byte, [23, 26]);
});

test('fix_message: the same text as `voicelint fix -`, and what it fixed', async () => {
  const result = await client.callTool({ name: 'fix_message', arguments: { text: DRAFT } });
  const data = result.structuredContent;
  assert.equal(data.text, cli(['fix', '--no-config', '-'], DRAFT));
  assert.ok(data.text.startsWith('Hello, my pleasure! 您好，'));
  assert.equal(data.changed, true);
  assert.ok(data.fixed.length >= 4);
  for (const finding of data.fixed) assert.equal(finding.fix.applicability, 'safe', finding.rule);
  // What may change the meaning is left for a person, with the reason.
  assert.ok(data.remaining.length >= 2);
  for (const finding of data.remaining) assert.notEqual(finding.applicability, 'safe', finding.rule);
  assert.equal(data.passed, false);
  const unsafe = await client.callTool({
    name: 'fix_message', arguments: { text: DRAFT, unsafe_fixes: true } });
  assert.ok(unsafe.structuredContent.fixed.length > data.fixed.length);
  assert.ok(unsafe.structuredContent.fixed.some((f) => f.fix.applicability === 'unsafe'));
  // Idempotent: fixing the fixed text changes nothing.
  const again = await client.callTool({ name: 'fix_message', arguments: { text: data.text } });
  assert.equal(again.structuredContent.text, data.text);
  assert.equal(again.structuredContent.changed, false);
});

test('list_rules: the rules of `voicelint rules list`', async () => {
  const result = await client.callTool({ name: 'list_rules', arguments: {} });
  const expected = JSON.parse(cli(['rules', 'list', '--no-config', '--format', 'json']));
  assert.deepEqual(result.structuredContent.rules.map((r) => r.id), expected.map((r) => r.id));
  const greeting = result.structuredContent.rules.find((r) => r.id === 'ritz.casual-greeting');
  assert.ok(greeting.avoid.includes('hey'));
  assert.equal(greeting.prefer[0], 'Hello');
});

test('bad arguments and unknown tools are -32602, and the server keeps serving', async () => {
  const calls = [
    { name: 'check_message', arguments: { text: 42 } },
    { name: 'check_message', arguments: {} },
    { name: 'check_message', arguments: { text: 'hi', markdown: 'yes' } },
    { name: 'fix_message', arguments: { text: 'hi', colour: 'red' } },
    { name: 'no_such_tool', arguments: {} },
  ];
  for (const call of calls) {
    await assert.rejects(client.callTool(call), (error) => {
      assert.ok(error instanceof McpError, String(error));
      assert.equal(error.code, ErrorCode.InvalidParams);
      return true;
    }, JSON.stringify(call));
  }
  const result = await client.callTool({ name: 'check_message', arguments: { text: 'hey' } });
  assert.equal(result.structuredContent.findings[0].fix.replacement, 'Hello');
  await client.ping();
});
