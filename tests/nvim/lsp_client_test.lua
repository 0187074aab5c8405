-- The parts of the LSP mode that do not need a running server: the root
-- folder, the server's command line, the language ids, and the error for a
-- binary that is not there. (lsp_test.lua drives a real `voicelint lsp`.)
local T = dofile(vim.env.VOICELINT_NVIM_TESTS .. '/harness.lua')
local voicelint = require('voicelint')
local lsp_mode = require('voicelint.lsp_mode')

vim.cmd('filetype on')
vim.o.hidden = true
vim.o.swapfile = false

T.test('the root is the nearest folder with .voicelint.yml or .git', function()
  local base = T.tmp .. '/roots'
  vim.fn.mkdir(base .. '/repo/.git', 'p')
  vim.fn.mkdir(base .. '/repo/team/replies/deep', 'p')
  vim.fn.writefile({ 'packs: [default]' }, base .. '/repo/team/.voicelint.yml')
  vim.fn.mkdir(base .. '/loose', 'p')
  local markers = { '.voicelint.yml', '.git' }
  local buf = T.edit_file('roots/repo/team/replies/deep/a.md', 'text\n')
  T.eq(base .. '/repo/team', lsp_mode.find_root(buf, markers), 'nearest .voicelint.yml')
  buf = T.edit_file('roots/repo/b.md', 'text\n')
  T.eq(base .. '/repo', lsp_mode.find_root(buf, markers), '.git')
  buf = T.edit_file('roots/loose/c.md', 'text\n')
  T.eq(base .. '/loose', lsp_mode.find_root(buf, { 'no-such-marker-anywhere' }),
    'the file\'s folder without a marker')
end)

T.test('the command line carries rules and config as absolute paths', function()
  local cwd = vim.loop.cwd()
  vim.cmd('cd ' .. vim.fn.fnameescape(T.tmp))
  local command = lsp_mode.command(require('voicelint.config').resolve({
    binary = '/opt/voicelint/bin/voicelint', rules = { 'default', 'brand' }, config = 'team.yml',
  }))
  vim.cmd('cd ' .. vim.fn.fnameescape(cwd))
  T.eq({ '/opt/voicelint/bin/voicelint', 'lsp', '--rules', 'default', '--rules', T.tmp .. '/brand',
    '--config', T.tmp .. '/team.yml' }, command, 'command')
end)

T.test('language ids follow the LSP specification', function()
  T.eq('plaintext', lsp_mode.language_ids.text, 'text')
  T.eq('git-commit', lsp_mode.language_ids.gitcommit, 'gitcommit')
  T.eq('markdown', lsp_mode.language_ids.markdown, 'markdown')
end)

T.test('a missing binary is reported with where it was looked for', function()
  local messages = {}
  local notify = vim.notify
  vim.notify = function(message) table.insert(messages, message) end
  voicelint.setup({ mode = 'lsp', binary = T.tmp .. '/no/voicelint' })
  local buf = T.edit_file('nobin.txt', 'Hey\n')
  voicelint.setup({ mode = 'lsp', binary = 'voicelint-not-installed-here', filetypes = { 'text' } })
  vim.notify = notify
  T.contains(messages[1], T.tmp .. "/no/voicelint' is not an executable file.", 'path given')
  T.contains(messages[2], "'voicelint-not-installed-here' is not an executable file on $PATH (",
    'name looked up on PATH')
  T.eq(false, lsp_mode.is_attached(buf), 'nothing attached')
  local outcome
  voicelint.fix(buf, false, function(err) outcome = err end)
  T.contains(outcome, 'no voicelint language server is attached', ':VoicelintFix without a server')
end)

T.run()
