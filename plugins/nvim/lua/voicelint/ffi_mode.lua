-- voicelint.ffi_mode: checks buffers in process over libvoicelint (no
-- server) and keeps their vim.diagnostic entries current.
--
-- A buffer is checked when it is attached, on BufEnter when its text changed
-- since the last check (e.g. by a plugin while it was hidden), and `debounce`
-- milliseconds after the last TextChanged / TextChangedI. A check reads the
-- whole buffer, so what is shown always belongs to the text it was computed
-- from. Fixes are computed from a fresh check of the buffer, never from
-- diagnostics that may be stale.
local capi = require('voicelint.capi')
local positions = require('voicelint.positions')

local M = {}

M.namespace = vim.api.nvim_create_namespace('voicelint')

local severity = vim.diagnostic.severity
local level_severity = {
  error = severity.ERROR,
  warning = severity.WARN,
  suggestion = severity.INFO,
}

local state = {
  config = nil,
  linter = nil,
  linter_error = nil,
  buffers = {}, -- bufnr -> { timer = uv timer }
}

local augroup = vim.api.nvim_create_augroup('voicelint_ffi', { clear = true })

local function notify_error(message)
  vim.schedule(function()
    vim.notify(message, vim.log.levels.ERROR)
  end)
end

-- The linter for the current configuration, built on first use. A failure
-- (library not found, a broken rule file) is reported once and remembered.
function M.linter()
  if state.linter then
    return state.linter
  end
  if state.linter_error then
    return nil, state.linter_error
  end
  local config = state.config or require('voicelint.config').resolve({ mode = 'ffi' })
  local linter, err = capi.Linter.new({
    library = config.library,
    binary = config.binary,
    rules = config.rules,
  })
  if not linter then
    state.linter_error = err
    notify_error(err)
    return nil, err
  end
  state.linter = linter
  return linter
end

local function check_options(bufnr, extra)
  local config = state.config
  local options = {
    min_level = config.level,
    markdown = vim.tbl_contains(config.markdown_filetypes, vim.bo[bufnr].filetype),
  }
  return vim.tbl_extend('force', options, extra or {})
end

-- vim.diagnostic entries for `result` over the text indexed by `index`.
function M.to_diagnostics(bufnr, result, index)
  local diagnostics = {}
  for _, f in ipairs(result.findings) do
    local lnum, col = index:position(f.byte_begin)
    local end_lnum, end_col = index:position(f.byte_end)
    table.insert(diagnostics, {
      bufnr = bufnr,
      lnum = lnum,
      col = col,
      end_lnum = end_lnum,
      end_col = end_col,
      severity = level_severity[f.level],
      message = f.message,
      source = 'voicelint',
      code = f.rule,
      user_data = {
        voicelint = {
          rule = f.rule,
          level = f.level,
          match = f.match,
          suggestions = f.suggestions,
          fix = f.fix,
        },
      },
    })
  end
  for _, note in ipairs(result.notes) do
    local lnum, col = index:position(note.byte)
    table.insert(diagnostics, {
      bufnr = bufnr,
      lnum = lnum,
      col = col,
      end_lnum = lnum,
      end_col = col + 1,
      severity = severity.WARN,
      message = note.message,
      source = 'voicelint',
    })
  end
  return diagnostics
end

-- Checks the buffer's text. Returns the result and the buffer's position
-- index; or nil, the index when the check itself failed (nil when the
-- library could not be loaded), and a message.
local function check_buffer(bufnr)
  local linter, err = M.linter()
  if not linter then
    return nil, nil, err
  end
  local text, index = positions.buffer_text(bufnr)
  local result
  result, err = linter:check(text, check_options(bufnr))
  if not result then
    return nil, index, err
  end
  return result, index
end

-- Checks the buffer now and replaces its diagnostics. Returns the number of
-- diagnostics, or nil and a message.
function M.lint(bufnr)
  if not vim.api.nvim_buf_is_loaded(bufnr) then
    return nil, 'buffer not loaded'
  end
  local result, index, err = check_buffer(bufnr)
  if not result then
    if index then
      notify_error(err)
    end
    return nil, err
  end
  local diagnostics = M.to_diagnostics(bufnr, result, index)
  vim.diagnostic.set(M.namespace, bufnr, diagnostics)
  return #diagnostics
end

-- Checks the buffer `delay` ms from now unless it changes again before;
-- with `if_changed`, only when the text differs from the one last checked.
local function schedule_lint(bufnr, delay, if_changed)
  local entry = state.buffers[bufnr]
  if not entry then
    return
  end
  entry.timer:stop()
  entry.timer:start(delay, 0, vim.schedule_wrap(function()
    if state.buffers[bufnr] ~= entry or not vim.api.nvim_buf_is_loaded(bufnr) then
      return
    end
    local tick = vim.api.nvim_buf_get_changedtick(bufnr)
    if if_changed and entry.checked_tick == tick then
      return
    end
    if M.lint(bufnr) then
      entry.checked_tick = tick
    end
  end))
end

function M.attach(bufnr)
  if bufnr == 0 then
    bufnr = vim.api.nvim_get_current_buf()
  end
  if state.buffers[bufnr] then
    return
  end
  state.buffers[bufnr] = { timer = vim.loop.new_timer() }
  vim.api.nvim_create_autocmd({ 'TextChanged', 'TextChangedI' }, {
    group = augroup,
    buffer = bufnr,
    callback = function()
      schedule_lint(bufnr, state.config.debounce)
    end,
  })
  vim.api.nvim_create_autocmd('BufEnter', {
    group = augroup,
    buffer = bufnr,
    callback = function()
      schedule_lint(bufnr, 0, true)
    end,
  })
  vim.api.nvim_create_autocmd({ 'BufUnload', 'BufWipeout' }, {
    group = augroup,
    buffer = bufnr,
    callback = function()
      M.detach(bufnr)
    end,
  })
  schedule_lint(bufnr, 0)
end

function M.detach(bufnr)
  local entry = state.buffers[bufnr]
  if not entry then
    return
  end
  state.buffers[bufnr] = nil
  entry.timer:stop()
  entry.timer:close()
  vim.api.nvim_clear_autocmds({ group = augroup, buffer = bufnr })
  if vim.api.nvim_buf_is_valid(bufnr) then
    vim.diagnostic.reset(M.namespace, bufnr)
  end
end

function M.is_attached(bufnr)
  return state.buffers[bufnr] ~= nil
end

-- The edits to make for the buffer's current text: the fix of every finding
-- whose fix is safe (or, with `unsafe`, unsafe too), ordered by position and
-- never overlapping (of two that would, the first wins). Each edit has
-- byte_begin, byte_end, replacement. Returns edits, the number of findings
-- whose fix was left out for being unsafe, and the index; or nil and a
-- message.
function M.fix_edits(bufnr, unsafe)
  local result, index, err = check_buffer(bufnr)
  if not result then
    return nil, err
  end
  local edits, unsafe_left = {}, 0
  local last_end = -1
  for _, f in ipairs(result.findings) do
    local fix = f.fix
    if fix and (fix.applicability == 'safe' or unsafe) then
      if fix.byte_begin >= last_end then
        table.insert(edits, fix)
        last_end = fix.byte_end
      end
    elseif fix and fix.applicability == 'unsafe' then
      unsafe_left = unsafe_left + 1
    end
  end
  return edits, unsafe_left, index
end

-- Applies the fixes to the buffer as one undo step. Returns the number of
-- edits made and the number of unsafe fixes left, or nil and a message.
function M.fix(bufnr, unsafe)
  if bufnr == 0 then
    bufnr = vim.api.nvim_get_current_buf()
  end
  if not vim.bo[bufnr].modifiable then
    return nil, 'voicelint: the buffer is not modifiable'
  end
  local edits, unsafe_left, index = M.fix_edits(bufnr, unsafe)
  if not edits then
    return nil, unsafe_left
  end
  -- Setting 'undolevels' to its own value closes the undo block (:help
  -- undo-break), so the fixes are one undo step of their own even right
  -- after another change made without a key typed in between.
  local function break_undo()
    vim.api.nvim_buf_call(bufnr, function()
      vim.go.undolevels = vim.go.undolevels
    end)
  end
  if #edits > 0 then
    break_undo()
  end
  -- From the last edit to the first, so that the offsets of the edits still
  -- to make stay valid.
  for i = #edits, 1, -1 do
    local edit = edits[i]
    local row, col = index:position(edit.byte_begin)
    local end_row, end_col = index:position(edit.byte_end)
    vim.api.nvim_buf_set_text(bufnr, row, col, end_row, end_col,
      vim.split(edit.replacement, '\n', { plain = true }))
  end
  if #edits > 0 then
    break_undo()
  end
  if state.buffers[bufnr] then
    M.lint(bufnr)
  end
  return #edits, unsafe_left
end

function M.setup(config)
  M.stop()
  state.config = config
end

-- Detaches every buffer and frees the linter.
function M.stop()
  for bufnr in pairs(state.buffers) do
    M.detach(bufnr)
  end
  if state.linter then
    state.linter:close()
  end
  state.linter = nil
  state.linter_error = nil
end

return M
