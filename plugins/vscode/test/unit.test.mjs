// The extension's settings logic, without VS Code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const s = require('../out/settings.js');

test('settings fall back to the defaults on wrong types', () => {
  const settings = s.normalizeSettings({ path: 3, rules: ['default', '', 7, './brand'], level: 'loud' });
  assert.deepEqual(settings, {
    path: '', rules: ['default', './brand'], level: 'suggestion',
    languages: ['markdown', 'plaintext', 'git-commit', 'html'],
  });
});

test('the server is voicelint on PATH unless a path is set', () => {
  assert.deepEqual(s.serverCommand(s.normalizeSettings({})), { command: 'voicelint', args: ['lsp'] });
  assert.equal(s.serverCommand(s.normalizeSettings({ path: ' /opt/vl/bin/voicelint ' })).command,
    '/opt/vl/bin/voicelint');
});

test('the selector covers files and unsaved buffers of each language', () => {
  assert.deepEqual(s.documentSelector(s.normalizeSettings({ languages: ['markdown'] })),
    [{ scheme: 'file', language: 'markdown' }, { scheme: 'untitled', language: 'markdown' }]);
});

test('ruleAt finds the voicelint diagnostic under the cursor only', () => {
  const range = { start: { line: 1, character: 4 }, end: { line: 1, character: 7 } };
  const diagnostics = [
    { source: 'other', code: 'x', range },
    { source: 'voicelint', code: { value: 'ritz.ok', target: 'file:///r.yml' }, range },
  ];
  assert.equal(s.ruleAt(diagnostics, { line: 1, character: 5 }), 'ritz.ok');
  assert.equal(s.ruleAt(diagnostics, { line: 1, character: 8 }), undefined);
  assert.equal(s.ruleAt(diagnostics, { line: 0, character: 5 }), undefined);
});

test('describeRule lists the phrases and where the rule is', () => {
  const md = s.describeRule({ id: 'a.b', level: 'warning', message: 'Be kind.', avoid: ['hey'],
    prefer: ['Hello'], file: 'rules/a.yml', line: 4 });
  assert.match(md, /^# a\.b\n/);
  assert.match(md, /Avoid: "hey"/);
  assert.match(md, /Prefer: "Hello"/);
  assert.match(md, /Defined in rules\/a\.yml:4/);
});
