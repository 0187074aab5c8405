-- The LSP mode in a real headless Neovim against `voicelint lsp`
-- ($VOICELINT_BIN): the same buffers as ffi_test.lua, diagnostics published by
-- the server at their rows and byte columns (with utf-8 and with utf-16
-- positions), "fix all safe findings" (source.fixAll.voicelint) through
-- :VoicelintFix, and findings that go away when the text is edited.
local T = dofile(vim.env.VOICELINT_NVIM_TESTS .. '/harness.lua')
local voicelint = require('voicelint')
local lsp_mode = require('voicelint.lsp_mode')

vim.cmd('filetype on')
vim.o.showmode = false
vim.o.hidden = true
vim.o.swapfile = false

local function setup(extra)
  voicelint.setup(vim.tbl_extend('force', { mode = 'lsp', binary = vim.env.VOICELINT_BIN },
    extra or {}))
end

local function client_of(bufnr)
  return T.wait_for('the server to initialize', function()
    local client = lsp_mode.client(bufnr)
    return client and client.initialized and client
  end, 10000)
end

local function spans(bufnr)
  local client = lsp_mode.client(bufnr)
  if not client then
    return {}
  end
  return T.spans(bufnr, vim.lsp.diagnostic.get_namespace(client.id))
end

local function wait_spans(bufnr, expected, what)
  T.wait_equal(what, function() return spans(bufnr) end, expected, 10000)
end

local function fix(bufnr, unsafe)
  local outcome
  voicelint.fix(bufnr, unsafe, function(err, count)
    outcome = { err = err, count = count }
  end)
  T.wait_for('the fix to be applied', function() return outcome end, 10000)
  T.eq(nil, outcome.err, 'fix error')
  return outcome.count
end

local english = table.concat({
  '# Reply',
  '',
  'Hey Sam, thanks for writing in. `hey` is code.',
  "No problem at all: I don't know yet, but we have an awesome team.",
  '',
}, '\n')
local english_spans = {
  { 2, 0, 2, 3, 'ritz.casual-greeting' },
  { 3, 0, 3, 17, 'ritz.no-problem' },
  { 3, 19, 3, 31, 'ritz.i-dont-know' },
  { 3, 52, 3, 59, 'ritz.cool' },
}

local chinese = '您好，欢迎光临。\n喂，你们不知道吗？\n'
local chinese_spans = {
  { 1, 0, 1, 3, 'service-zh.wei' },
  { 1, 6, 1, 12, 'service-zh.honorific-plural' },
  { 1, 12, 1, 21, 'service-zh.dont-know' },
}

local emoji = '👋🏽🎉 Hey, 😀 no problem 😀\n👨‍👩‍👧 喂，你们好\n'
local emoji_spans = {
  { 0, 23, 0, 33, 'ritz.no-problem' },
  { 1, 19, 1, 22, 'service-zh.wei' },
  { 1, 25, 1, 34, 'service-zh.ni-hao' },
}

T.test('the server starts with a root from .voicelint.yml and picks utf-8', function()
  setup()
  local project = T.tmp .. '/project'
  vim.fn.mkdir(project .. '/replies', 'p')
  vim.fn.writefile({ 'packs: [default]' }, project .. '/.voicelint.yml')
  local buf = T.edit_file('project/replies/en.md', english)
  local client = client_of(buf)
  T.eq(project, client.config.root_dir, 'root folder')
  T.eq('utf-8', client.offset_encoding, 'negotiated position encoding')
  T.eq('markdown', vim.bo[buf].filetype, 'filetype')
  wait_spans(buf, english_spans, 'diagnostics of en.md')
  local d = vim.diagnostic.get(buf, { lnum = 2 })[1]
  T.eq('voicelint', d.source, 'source')
  T.eq(vim.diagnostic.severity.WARN, d.severity, 'a warning is WARN')
end)

for _, encoding in ipairs({ 'utf-8', 'utf-16' }) do
  T.test('Chinese, emoji and CRLF buffers at their byte columns with ' .. encoding, function()
    setup({
      lsp = {
        before_init = function(params)
          params.capabilities.general.positionEncodings = { encoding }
        end,
      },
    })
    local buf = T.edit_file('zh.txt', chinese)
    T.eq(encoding, client_of(buf).offset_encoding, 'position encoding')
    wait_spans(buf, chinese_spans, 'diagnostics of zh.txt')
    buf = T.edit_file('emoji.txt', emoji)
    wait_spans(buf, emoji_spans, 'diagnostics of emoji.txt')
    buf = T.edit_file('crlf.txt', 'Thanks.\r\nSorry.\rHey, no problem.\r\n')
    T.eq('dos', vim.bo[buf].fileformat, 'fileformat')
    wait_spans(buf, {
      { 1, 7, 1, 10, 'ritz.casual-greeting' },
      { 1, 12, 1, 22, 'ritz.no-problem' },
    }, 'diagnostics of crlf.txt')
  end)
end

T.test(':VoicelintFix applies "fix all safe findings" as one undo step', function()
  setup()
  local buf = T.edit_file('fix.txt', chinese)
  wait_spans(buf, chinese_spans, 'diagnostics before the fix')
  T.eq(1, fix(buf, false), 'one fix-all action applied')
  T.eq('您好，欢迎光临。\n您好，您不知道吗？', T.buffer_text(buf), 'text after the fix')
  wait_spans(buf, { { 1, 12, 1, 21, 'service-zh.dont-know' } }, 'the unsafe finding is left')
  vim.cmd('undo')
  T.eq('您好，欢迎光临。\n喂，你们不知道吗？', T.buffer_text(buf), 'one undo restores the text')
  wait_spans(buf, chinese_spans, 'diagnostics after undo')
end)

T.test(':VoicelintFix! applies the preferred quick fix of every finding', function()
  setup()
  local buf = T.edit_file('unsafe.txt', chinese)
  wait_spans(buf, chinese_spans, 'diagnostics before the fix')
  T.eq(3, fix(buf, true), 'three quick fixes applied')
  T.eq('您好，欢迎光临。\n您好，您我帮您查询一下吗？', T.buffer_text(buf), 'text after the fix')
  wait_spans(buf, {}, 'no finding left')
end)

T.test(':VoicelintFix in an English Markdown buffer with emoji', function()
  setup()
  local buf = T.edit_file('fix.md', english .. '😀 We have an awesome team, no problem.\n')
  T.wait_for('diagnostics', function() return #spans(buf) == 6 end, 10000)
  vim.cmd('VoicelintFix')
  T.wait_for('the fix', function()
    return T.buffer_text(buf) == table.concat({
      '# Reply',
      '',
      'Hello Sam, thanks for writing in. `hey` is code.',
      "My pleasure: I don't know yet, but we have a wonderful team.",
      '😀 We have a wonderful team, my pleasure.',
    }, '\n')
  end, 10000)
  wait_spans(buf, { { 3, 13, 3, 25, 'ritz.i-dont-know' } }, 'only the unsafe finding is left')
end)

T.test('typing re-checks through didChange: findings go and come', function()
  setup()
  local buf = T.edit_file('edit.md', english)
  wait_spans(buf, english_spans, 'diagnostics before editing')
  vim.api.nvim_win_set_cursor(0, { 3, 0 })
  T.type('cwHello<Esc>')
  vim.api.nvim_win_set_cursor(0, { 4, 0 })
  T.type('dw')
  wait_spans(buf, {
    { 3, 16, 3, 28, 'ritz.i-dont-know' },
    { 3, 49, 3, 56, 'ritz.cool' },
  }, 'the greeting and "No problem" are gone, the rest moved with the text')
  T.type('o😀 你们好')
  wait_spans(buf, {
    { 3, 16, 3, 28, 'ritz.i-dont-know' },
    { 3, 49, 3, 56, 'ritz.cool' },
    { 4, 5, 4, 14, 'service-zh.ni-hao' },
  }, 'a finding typed in Insert mode appears')
  T.type('<Esc>')
end)

T.test('level = warning drops suggestions from what the server publishes', function()
  setup({ level = 'warning' })
  local buf = T.edit_file('level.txt', chinese)
  wait_spans(buf, {
    { 1, 0, 1, 3, 'service-zh.wei' },
    { 1, 12, 1, 21, 'service-zh.dont-know' },
  }, 'warnings only')
end)

T.test('rules: the server runs with the configured pack', function()
  local pack = T.tmp .. '/acme.yml'
  vim.fn.writefile({ 'glossary: acme', 'language: en', 'terms:', '  - id: synergy',
    '    avoid: [synergy]', '    prefer: [teamwork]' }, pack)
  setup({ rules = { pack } })
  local buf = T.edit_file('acme.txt', 'Hey, our synergy is great.\n')
  T.eq({ vim.env.VOICELINT_BIN, 'lsp', '--rules', pack }, lsp_mode.command(voicelint.config()),
    'command line')
  wait_spans(buf, { { 0, 9, 0, 16, 'acme.synergy' } }, 'only the pack\'s rule')
end)

T.run()
