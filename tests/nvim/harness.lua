-- A small test runner inside headless Neovim.
--
--   local T = dofile(dir .. '/harness.lua')
--   T.test('finds Hey', function() ... T.eq(3, col, 'end column') end)
--   T.run()
--
-- Each case runs in a coroutine. T.sleep and T.wait_for yield to Neovim's
-- main loop, so keys fed with T.type are processed, autocommands fire and
-- timers run exactly as they do for a user typing. T.run() prints one line
-- per case and quits Neovim with exit code 0 when all passed, 1 otherwise.
local T = {}

local cases = {}
local current

function T.test(name, fn)
  table.insert(cases, { name = name, fn = fn })
end

local function fail(message, level)
  error(message, (level or 1) + 1)
end

function T.eq(expected, actual, what)
  if not vim.deep_equal(expected, actual) then
    fail(string.format('%s:\n    expected: %s\n    actual:   %s', what or 'values differ',
      vim.inspect(expected), vim.inspect(actual)), 2)
  end
end

function T.truthy(value, what)
  if not value then
    fail((what or 'expected a true value') .. ', got ' .. vim.inspect(value), 2)
  end
end

function T.contains(haystack, needle, what)
  if type(haystack) ~= 'string' or not haystack:find(needle, 1, true) then
    fail(string.format('%s:\n    expected to contain: %s\n    in: %s', what or 'missing text',
      vim.inspect(needle), vim.inspect(haystack)), 2)
  end
end

-- Yields to the main loop for `ms` milliseconds.
function T.sleep(ms)
  local case = current
  vim.defer_fn(function()
    local ok, err = coroutine.resume(case.co)
    if not ok then
      case.error = err
      case.done = true
    end
  end, ms)
  coroutine.yield()
end

-- Yields until predicate() returns a true value (which is returned), or
-- fails after timeout_ms saying what did not happen. predicate errors
-- propagate.
function T.wait_for(what, predicate, timeout_ms)
  timeout_ms = timeout_ms or 5000
  local start = vim.loop.hrtime()
  while true do
    local value = predicate()
    if value then
      return value
    end
    if (vim.loop.hrtime() - start) / 1e6 > timeout_ms then
      fail(string.format('timed out after %d ms waiting for: %s', timeout_ms, what), 2)
    end
    T.sleep(10)
  end
end

-- Feeds keys as if typed (special keys in <> notation), then yields until
-- Neovim has processed them.
-- The diagnostics of `namespace` in a buffer as {row, col, end_row, end_col,
-- rule}, ordered by position.
function T.spans(bufnr, namespace)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr, { namespace = namespace })) do
    table.insert(out, { d.lnum, d.col, d.end_lnum, d.end_col, d.code })
  end
  table.sort(out, function(a, b)
    return a[1] < b[1] or (a[1] == b[1] and a[2] < b[2])
  end)
  return out
end

-- Waits until get() equals `expected`; fails with the last value seen.
function T.wait_equal(what, get, expected, timeout_ms)
  local last
  local ok = pcall(T.wait_for, what, function()
    last = get()
    return vim.deep_equal(last, expected)
  end, timeout_ms)
  if not ok then
    T.eq(expected, last, what)
  end
end

function T.type(keys)
  vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes(keys, true, false, true), 't', false)
  T.sleep(1)
  T.wait_for('typed keys to be processed', function()
    return vim.fn.getchar(1) == 0 and not vim.api.nvim_get_mode().blocking
  end)
  T.sleep(1)
end

local tmp = vim.fn.tempname()
vim.fn.mkdir(tmp, 'p')
T.tmp = tmp

-- Writes `bytes` to a file named `name` in a temporary folder and edits it
-- (`edit_options`, e.g. '++ff=unix'). Returns the buffer number.
function T.edit_file(name, bytes, edit_options)
  local path = tmp .. '/' .. name
  vim.fn.mkdir(vim.fn.fnamemodify(path, ':h'), 'p')
  local f = assert(io.open(path, 'wb'))
  f:write(bytes)
  f:close()
  vim.cmd('edit! ' .. (edit_options and (edit_options .. ' ') or '') .. vim.fn.fnameescape(path))
  return vim.api.nvim_get_current_buf()
end

function T.buffer_text(bufnr)
  return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, true), '\n')
end

local function run_case(case)
  local co
  co = coroutine.create(function()
    local ok, err = xpcall(case.fn, debug.traceback)
    case.done = true
    if not ok then
      case.error = err
    end
  end)
  case.co = co
  current = case
  local ok, err = coroutine.resume(co)
  if not ok then
    case.error = err
    case.done = true
  end
end

function T.run()
  local failed = 0
  local index = 0
  local function next_case()
    index = index + 1
    local case = cases[index]
    if not case then
      io.stdout:write(string.format('%d passed, %d failed\n', #cases - failed, failed))
      io.stdout:flush()
      vim.cmd(failed == 0 and 'qall!' or 'cquit 1')
      return
    end
    run_case(case)
    local function poll()
      if not case.done and not case.error then
        return vim.defer_fn(poll, 10)
      end
      if case.error then
        failed = failed + 1
        io.stdout:write(string.format('FAIL %s\n  %s\n', case.name,
          tostring(case.error):gsub('\n', '\n  ')))
      else
        io.stdout:write('ok   ' .. case.name .. '\n')
      end
      io.stdout:flush()
      -- Each case starts from a clean editor.
      pcall(vim.cmd, 'silent! %bwipeout!')
      vim.defer_fn(next_case, 0)
    end
    poll()
  end
  next_case()
end

return T
