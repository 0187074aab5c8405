-- voicelint for Neovim (>= 0.7): brand-voice findings as diagnostics while
-- you type, and one command to apply the fixes.
--
--   require('voicelint').setup({ mode = 'lsp' })   -- `voicelint lsp`
--   require('voicelint').setup({ mode = 'ffi' })   -- in process, libvoicelint
--
-- See :help voicelint for every option.
local config_module = require('voicelint.config')

local M = {}

local state = { config = nil }

local augroup = vim.api.nvim_create_augroup('voicelint', { clear = true })

local function backend()
  if not state.config then
    return nil
  end
  if state.config.mode == 'ffi' then
    return require('voicelint.ffi_mode')
  end
  return require('voicelint.lsp_mode')
end

local function wants(bufnr)
  return vim.api.nvim_buf_is_loaded(bufnr) and vim.bo[bufnr].buftype == ''
    and vim.tbl_contains(state.config.filetypes, vim.bo[bufnr].filetype)
end

-- Starts voicelint for the configured filetypes. Calling it again replaces
-- the previous configuration (buffers are attached anew).
function M.setup(opts)
  local config = config_module.resolve(opts)
  M.stop()
  state.config = config
  local mode = backend()
  mode.setup(config)
  vim.api.nvim_create_autocmd('FileType', {
    group = augroup,
    pattern = config.filetypes,
    callback = function(args)
      if wants(args.buf) then
        mode.attach(args.buf)
      end
    end,
  })
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if wants(bufnr) then
      mode.attach(bufnr)
    end
  end
end

-- Detaches every buffer and stops what setup() started.
function M.stop()
  vim.api.nvim_clear_autocmds({ group = augroup })
  if state.config then
    backend().stop()
  end
  state.config = nil
end

-- The resolved configuration, or nil before setup().
function M.config()
  return state.config
end

-- Applies the fixes to the buffer (0: the current one): the safe ones, and
-- with `unsafe` (or the option unsafe_fixes) also the unsafe ones. In ffi
-- mode synchronously; in lsp mode when the server has answered. `done(err,
-- count)` is called at the end; without it the outcome is reported with
-- vim.notify.
function M.fix(bufnr, unsafe, done)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local report = done or function(err, count, unsafe_left)
    if err then
      vim.notify(err, vim.log.levels.ERROR)
    elseif state.config.mode == 'ffi' then
      local message = string.format('voicelint: %d fix%s applied', count, count == 1 and '' or 'es')
      if unsafe_left and unsafe_left > 0 then
        message = message .. string.format(
          '; %d unsafe fix%s left (:VoicelintFix! applies them)', unsafe_left,
          unsafe_left == 1 and '' or 'es')
      end
      vim.notify(message, vim.log.levels.INFO)
    end
  end
  if not state.config then
    return report("voicelint: call require('voicelint').setup() first")
  end
  unsafe = unsafe or state.config.unsafe_fixes
  if state.config.mode == 'ffi' then
    local count, unsafe_left = require('voicelint.ffi_mode').fix(bufnr, unsafe)
    if not count then
      return report(unsafe_left)
    end
    return report(nil, count, unsafe_left)
  end
  return require('voicelint.lsp_mode').fix(bufnr, unsafe, report)
end

-- Checks the buffer again now (ffi mode; the server re-checks by itself).
function M.lint(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  if state.config and state.config.mode == 'ffi' then
    return require('voicelint.ffi_mode').lint(bufnr)
  end
end

-- A few lines on what is running, for :VoicelintInfo.
function M.info()
  if not state.config then
    return "voicelint: not set up (call require('voicelint').setup())"
  end
  local lines = { 'voicelint: mode ' .. state.config.mode,
    '  filetypes: ' .. table.concat(state.config.filetypes, ', '),
    '  level: ' .. state.config.level }
  local bufnr = vim.api.nvim_get_current_buf()
  if state.config.mode == 'ffi' then
    local ffi_mode = require('voicelint.ffi_mode')
    local linter, err = ffi_mode.linter()
    if linter then
      table.insert(lines, string.format('  library: %s (%s), %d rules', linter.library_path,
        require('voicelint.capi').version, linter:rule_count()))
    else
      table.insert(lines, '  ' .. err)
    end
    table.insert(lines, '  this buffer: ' .. (ffi_mode.is_attached(bufnr) and 'attached' or 'not attached'))
  else
    local lsp_mode = require('voicelint.lsp_mode')
    table.insert(lines, '  command: ' .. table.concat(lsp_mode.command(state.config), ' '))
    local client = lsp_mode.client(bufnr)
    if client then
      table.insert(lines, string.format('  this buffer: client %d, root %s, encoding %s', client.id,
        client.config.root_dir, client.offset_encoding))
    else
      table.insert(lines, '  this buffer: not attached')
    end
  end
  return table.concat(lines, '\n')
end

return M
