-- The in-process (ffi) mode in a real headless Neovim: buffers in English,
-- Chinese and emoji, CRLF files, diagnostics at their rows and byte columns,
-- :VoicelintFix, and findings that go away when the text is edited.
-- Run by tests/nvim/run_tests.sh with VOICELINT_LIBRARY and VOICELINT_BIN set.
local T = dofile(vim.env.VOICELINT_NVIM_TESTS .. '/harness.lua')
local voicelint = require('voicelint')
local ffi_mode = require('voicelint.ffi_mode')
local capi = require('voicelint.capi')

vim.cmd('filetype on')
vim.o.showmode = false
vim.o.hidden = true
vim.o.swapfile = false

local function setup(extra)
  voicelint.setup(vim.tbl_extend('force', { mode = 'ffi', debounce = 20 }, extra or {}))
end

local function spans(bufnr)
  return T.spans(bufnr, ffi_mode.namespace)
end

local function wait_spans(bufnr, expected, what)
  T.wait_equal(what, function() return spans(bufnr) end, expected, 3000)
end

-- The text each diagnostic covers, read back from the buffer by its byte
-- columns.
local function covered(bufnr)
  local out = {}
  for _, s in ipairs(spans(bufnr)) do
    table.insert(out, table.concat(vim.api.nvim_buf_get_text(bufnr, s[1], s[2], s[3], s[4], {}), '\n'))
  end
  return out
end

local english = table.concat({
  '# Reply',
  '',
  'Hey Sam, thanks for writing in. `hey` is code.',
  "No problem at all: I don't know yet, but we have an awesome team.",
  '',
}, '\n')

local chinese = '您好，欢迎光临。\n喂，你们不知道吗？\n'

local emoji = '👋🏽🎉 Hey, 😀 no problem 😀\n👨‍👩‍👧 喂，你们好\n'

T.test('English Markdown: rows and byte columns, code spans skipped', function()
  setup()
  local buf = T.edit_file('en.md', english)
  T.eq('markdown', vim.bo[buf].filetype, 'filetype')
  wait_spans(buf, {
    { 2, 0, 2, 3, 'ritz.casual-greeting' },
    { 3, 0, 3, 17, 'ritz.no-problem' },
    { 3, 19, 3, 31, 'ritz.i-dont-know' },
    { 3, 52, 3, 59, 'ritz.cool' },
  }, 'diagnostics of en.md')
  T.eq({ 'Hey', 'No problem at all', "I don't know", 'awesome' }, covered(buf), 'covered text')
  local d = vim.diagnostic.get(buf, { namespace = ffi_mode.namespace, lnum = 2 })[1]
  T.eq('voicelint', d.source, 'source')
  T.eq(vim.diagnostic.severity.WARN, d.severity, 'a warning is WARN')
  T.contains(d.message, 'too casual', 'message')
  local cool = vim.diagnostic.get(buf, { namespace = ffi_mode.namespace, lnum = 3 })
  table.sort(cool, function(a, b) return a.col < b.col end)
  T.eq(vim.diagnostic.severity.INFO, cool[3].severity, 'a suggestion is INFO')
  T.eq('a wonderful', cool[3].user_data.voicelint.fix.replacement, 'fix carried in user_data')
end)

T.test('Chinese: byte columns of three-byte characters', function()
  setup()
  local buf = T.edit_file('zh.txt', chinese)
  T.eq('text', vim.bo[buf].filetype, 'filetype')
  wait_spans(buf, {
    { 1, 0, 1, 3, 'service-zh.wei' },
    { 1, 6, 1, 12, 'service-zh.honorific-plural' },
    { 1, 12, 1, 21, 'service-zh.dont-know' },
  }, 'diagnostics of zh.txt')
  T.eq({ '喂', '你们', '不知道' }, covered(buf), 'covered text')
end)

T.test('emoji: skin tones, ZWJ sequences and four-byte characters before findings', function()
  setup()
  local buf = T.edit_file('emoji.txt', emoji)
  wait_spans(buf, {
    { 0, 23, 0, 33, 'ritz.no-problem' },
    { 1, 19, 1, 22, 'service-zh.wei' },
    { 1, 25, 1, 34, 'service-zh.ni-hao' },
  }, 'diagnostics of emoji.txt')
  T.eq({ 'no problem', '喂', '你们好' }, covered(buf), 'covered text')
end)

T.test('CRLF file read as dos, and as unix with a carriage return ending each line', function()
  setup()
  local bytes = 'Thanks.\r\nSorry.\rHey, no problem.\r\n'
  local buf = T.edit_file('crlf.txt', bytes)
  T.eq('dos', vim.bo[buf].fileformat, 'fileformat')
  T.eq({ 'Thanks.', 'Sorry.\rHey, no problem.' }, vim.api.nvim_buf_get_lines(buf, 0, -1, true), 'lines')
  wait_spans(buf, {
    { 1, 7, 1, 10, 'ritz.casual-greeting' },
    { 1, 12, 1, 22, 'ritz.no-problem' },
  }, 'diagnostics, fileformat=dos')
  vim.cmd('bwipeout!')
  buf = T.edit_file('crlf.txt', bytes, '++ff=unix')
  T.eq('unix', vim.bo[buf].fileformat, 'fileformat')
  T.eq({ 'Thanks.\r', 'Sorry.\rHey, no problem.\r' }, vim.api.nvim_buf_get_lines(buf, 0, -1, true), 'lines')
  wait_spans(buf, {
    { 1, 7, 1, 10, 'ritz.casual-greeting' },
    { 1, 12, 1, 22, 'ritz.no-problem' },
  }, 'diagnostics, fileformat=unix')
end)

T.test(':VoicelintFix applies the safe fixes as one undo step; ! the unsafe ones too', function()
  setup()
  local buf = T.edit_file('fix.txt', chinese)
  wait_spans(buf, {
    { 1, 0, 1, 3, 'service-zh.wei' },
    { 1, 6, 1, 12, 'service-zh.honorific-plural' },
    { 1, 12, 1, 21, 'service-zh.dont-know' },
  }, 'diagnostics before the fix')
  -- An edit right before the fix, with no key typed in between: the fix must
  -- still be an undo step of its own.
  vim.api.nvim_buf_set_lines(buf, 0, 1, true, { '您好，欢迎光临！' })
  vim.cmd('VoicelintFix')
  T.eq('您好，欢迎光临！\n您好，您不知道吗？', T.buffer_text(buf), 'text after :VoicelintFix')
  wait_spans(buf, { { 1, 12, 1, 21, 'service-zh.dont-know' } }, 'the unsafe finding is left')
  vim.cmd('undo')
  T.eq('您好，欢迎光临！\n喂，你们不知道吗？', T.buffer_text(buf), 'one undo restores the text')
  vim.cmd('VoicelintFix!')
  T.eq('您好，欢迎光临！\n您好，您我帮您查询一下吗？', T.buffer_text(buf), 'text after :VoicelintFix!')
  wait_spans(buf, {}, 'no finding left')
end)

T.test('a fix that reaches beyond the match, in a Markdown buffer with emoji', function()
  setup()
  local buf = T.edit_file('fix.md', english .. '😀 We have an awesome team, no problem.\n')
  T.wait_for('diagnostics', function() return #spans(buf) == 6 end)
  vim.cmd('VoicelintFix')
  T.eq(table.concat({
    '# Reply',
    '',
    'Hello Sam, thanks for writing in. `hey` is code.',
    "My pleasure: I don't know yet, but we have a wonderful team.",
    '😀 We have a wonderful team, my pleasure.',
  }, '\n'), T.buffer_text(buf), 'text after :VoicelintFix')
  wait_spans(buf, { { 3, 13, 3, 25, 'ritz.i-dont-know' } }, 'only the unsafe finding is left')
end)

T.test('the buffer fixed by :VoicelintFix is what vl_fix makes of its text', function()
  setup()
  local linter = assert(ffi_mode.linter())
  for _, case in ipairs({
    { 'a.txt', chinese, false }, { 'b.txt', emoji, false }, { 'c.md', english, true },
    { 'd.md', english, false }, { 'e.txt', 'an awesome day\n\nHey,\nno problem!\n', true },
  }) do
    local buf = T.edit_file(case[1], case[2])
    local expected = assert(linter:fix(case[2], {
      markdown = vim.endswith(case[1], '.md'), unsafe_fixes = case[3] }))
    voicelint.fix(buf, case[3], function() end)
    T.eq(expected, T.buffer_text(buf) .. '\n', 'fixed ' .. case[1] .. (case[3] and ' (unsafe)' or ''))
  end
end)

T.test('typing in Normal and Insert mode re-checks: findings go and come', function()
  setup()
  local buf = T.edit_file('edit.md', english)
  wait_spans(buf, {
    { 2, 0, 2, 3, 'ritz.casual-greeting' },
    { 3, 0, 3, 17, 'ritz.no-problem' },
    { 3, 19, 3, 31, 'ritz.i-dont-know' },
    { 3, 52, 3, 59, 'ritz.cool' },
  }, 'diagnostics before editing')
  vim.api.nvim_win_set_cursor(0, { 3, 0 })
  T.type('cwHello<Esc>')
  T.eq('Hello Sam, thanks for writing in. `hey` is code.', vim.api.nvim_get_current_line(), 'edited line')
  vim.api.nvim_win_set_cursor(0, { 4, 0 })
  T.type('dw')
  wait_spans(buf, {
    { 3, 16, 3, 28, 'ritz.i-dont-know' },
    { 3, 49, 3, 56, 'ritz.cool' },
  }, 'the greeting and "No problem" are gone, the rest moved with the text')
  T.type('o😀 你们好')
  T.eq('i', vim.api.nvim_get_mode().mode, 'still in Insert mode')
  wait_spans(buf, {
    { 3, 16, 3, 28, 'ritz.i-dont-know' },
    { 3, 49, 3, 56, 'ritz.cool' },
    { 4, 5, 4, 14, 'service-zh.ni-hao' },
  }, 'a finding typed in Insert mode appears')
  T.type('<Esc>')
end)

T.test('BufEnter re-checks a buffer changed while it was hidden', function()
  setup()
  local hidden = T.edit_file('hidden.txt', 'Thanks for writing in.\n')
  T.wait_for('first check', function() return ffi_mode.is_attached(hidden) end)
  T.sleep(50)
  T.eq({}, spans(hidden), 'no finding at first')
  local other = T.edit_file('other.txt', 'Hello.\n')
  T.sleep(50)
  local lint, checks = ffi_mode.lint, 0
  ffi_mode.lint = function(bufnr)
    checks = checks + 1
    return lint(bufnr)
  end
  vim.cmd('buffer ' .. hidden)
  T.sleep(50)
  vim.cmd('buffer ' .. other)
  T.sleep(50)
  ffi_mode.lint = lint
  T.eq(0, checks, 'entering buffers whose text did not change checks nothing')
  vim.api.nvim_buf_set_lines(hidden, 0, -1, true, { 'Hey, thanks for writing in.' })
  T.sleep(100)
  T.eq({}, spans(hidden), 'a hidden buffer is not re-checked by an API change')
  vim.cmd('buffer ' .. hidden)
  wait_spans(hidden, { { 0, 0, 0, 3, 'ritz.casual-greeting' } }, 're-checked on BufEnter')
end)

T.test('only configured filetypes are checked', function()
  setup({ filetypes = { 'markdown' } })
  local buf = T.edit_file('skip.txt', 'Hey, no problem.\n')
  T.sleep(100)
  T.eq(false, ffi_mode.is_attached(buf), 'a text buffer is not attached')
  T.eq({}, spans(buf), 'no diagnostics')
  buf = T.edit_file('take.md', 'Hey, no problem.\n')
  wait_spans(buf, { { 0, 0, 0, 3, 'ritz.casual-greeting' }, { 0, 5, 0, 15, 'ritz.no-problem' } },
    'markdown is checked')
end)

T.test('a git commit message is checked by default', function()
  setup()
  local buf = T.edit_file('repo/.git/COMMIT_EDITMSG', 'Hey, no problem\n')
  T.eq('gitcommit', vim.bo[buf].filetype, 'filetype')
  wait_spans(buf, { { 0, 0, 0, 3, 'ritz.casual-greeting' }, { 0, 5, 0, 15, 'ritz.no-problem' } },
    'diagnostics of COMMIT_EDITMSG')
end)

T.test('level = warning leaves suggestions out', function()
  setup({ level = 'warning' })
  local buf = T.edit_file('level.txt', chinese)
  wait_spans(buf, {
    { 1, 0, 1, 3, 'service-zh.wei' },
    { 1, 12, 1, 21, 'service-zh.dont-know' },
  }, 'warnings only')
end)

T.test('rules: a pack of its own, and a broken one reported at file:line:col', function()
  local pack = T.tmp .. '/acme.yml'
  vim.fn.writefile({ 'glossary: acme', 'language: en', 'terms:', '  - id: synergy',
    '    avoid: [synergy]', '    prefer: [teamwork]' }, pack)
  setup({ rules = { pack } })
  local buf = T.edit_file('acme.txt', 'Hey, our synergy is great.\n')
  wait_spans(buf, { { 0, 9, 0, 16, 'acme.synergy' } }, 'only the pack\'s rule')
  local bad = T.tmp .. '/bad.yml'
  vim.fn.writefile({ 'glossary: bad', 'terms:', '  - id: synergy', '    avoud: [synergy]' }, bad)
  setup({ rules = { bad } })
  local linter, err = ffi_mode.linter()
  T.eq(nil, linter, 'no linter from a broken pack')
  T.contains(err, bad .. ':4:5: unknown key', 'error names file:line:col')
end)

T.test('invalid UTF-8 in the buffer is a diagnostic at its byte', function()
  setup()
  local buf = T.edit_file('utf8.txt', 'placeholder\n')
  vim.api.nvim_buf_set_lines(buf, 0, -1, true, { 'ok \xff Hey, no problem.' })
  T.sleep(1)
  voicelint.lint(buf)
  local got = {}
  for _, d in ipairs(vim.diagnostic.get(buf, { namespace = ffi_mode.namespace })) do
    table.insert(got, { d.col, d.end_col, d.code or 'note' })
  end
  table.sort(got, function(a, b) return a[1] < b[1] end)
  T.eq({ { 0, 2, 'ritz.ok' }, { 3, 4, 'note' }, { 10, 20, 'ritz.no-problem' } }, got,
    'note and findings')
end)

T.test('library lookup: next to the binary, and every path tried when none loads', function()
  local saved = vim.env.VOICELINT_LIBRARY
  vim.env.VOICELINT_LIBRARY = nil
  local candidates = capi.library_candidates({ binary = vim.env.VOICELINT_BIN })
  local real_dir = vim.fn.fnamemodify(vim.loop.fs_realpath(vim.env.VOICELINT_BIN), ':h')
  T.eq(real_dir .. '/libvoicelint.so', candidates[1].path, 'first candidate')
  T.eq('libvoicelint.so.0', candidates[#candidates].path, 'last candidate')
  local none = capi.library_candidates({ binary = 'voicelint-not-installed-here' })
  T.eq({ { path = 'libvoicelint.so.0', why = "the system's library path" } }, none, 'no binary')
  vim.env.VOICELINT_LIBRARY = saved
  local lib, err = capi.load({ library = T.tmp .. '/missing/libvoicelint.so' })
  T.eq(nil, lib, 'nothing loaded')
  T.contains(err, T.tmp .. "/missing/libvoicelint.so (setup option 'library')", 'path tried')
  T.contains(err, 'VOICELINT_LIBRARY', 'how to fix it')
  setup({ library = T.tmp .. '/missing/libvoicelint.so' })
  local buf = T.edit_file('nolib.txt', 'Hey\n')
  T.eq(nil, voicelint.lint(buf), 'lint without a library')
  T.eq({}, spans(buf), 'no diagnostics without a library')
end)

T.test('setup rejects bad options with a readable message', function()
  local ok, err = pcall(voicelint.setup, { mode = 'server' })
  T.eq(false, ok, 'bad mode')
  T.contains(err, "mode must be 'lsp' or 'ffi'", 'message')
  ok, err = pcall(voicelint.setup, { levle = 'error' })
  T.eq(false, ok, 'unknown key')
  T.contains(err, "unknown option 'levle'", 'message')
end)

T.run()
