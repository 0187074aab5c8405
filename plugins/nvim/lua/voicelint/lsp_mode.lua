-- voicelint.lsp_mode: runs `voicelint lsp` with Neovim's built-in client
-- (vim.lsp.start_client + vim.lsp.buf_attach_client; Neovim 0.7 has no
-- vim.lsp.start) for the configured filetypes.
--
-- One server per root folder: the folder of the nearest .voicelint.yml or
-- .git above the buffer's file (root_markers), else the file's folder. The
-- client offers the positionEncodings utf-8, utf-16 and utf-32 and uses what
-- the server picks, so with utf-8 diagnostics need no conversion at all.
-- Diagnostics arrive by textDocument/publishDiagnostics; the ones below the
-- configured level are dropped here, whatever the server sends.
local M = {}

local state = {
  config = nil,
  clients = {}, -- root folder -> client id
  buffers = {}, -- bufnr -> client id
}

-- LSP language ids (the specification's list) of Neovim filetypes.
M.language_ids = {
  markdown = 'markdown',
  text = 'plaintext',
  gitcommit = 'git-commit',
  html = 'html',
  yaml = 'yaml',
  json = 'json',
  csv = 'csv',
}

local uv = vim.loop

-- The root folder for a buffer: walking up from its file's folder, the first
-- folder holding one of `markers`; else the file's folder (the working
-- directory for a buffer without a file).
function M.find_root(bufnr, markers)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local start = name ~= '' and vim.fn.fnamemodify(name, ':p:h') or uv.cwd()
  local dir = start
  while true do
    for _, marker in ipairs(markers) do
      if uv.fs_stat(dir .. '/' .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then
      return start
    end
    dir = parent
  end
end

-- The server's command line.
function M.command(config)
  local cmd = { config.binary, 'lsp' }
  for _, pack in ipairs(config.rules or {}) do
    table.insert(cmd, '--rules')
    table.insert(cmd, pack == 'default' and pack or vim.fn.fnamemodify(pack, ':p'))
  end
  if config.config then
    table.insert(cmd, '--config')
    table.insert(cmd, vim.fn.fnamemodify(config.config, ':p'))
  end
  return cmd
end

local function settings(config)
  return {
    voicelint = {
      level = config.level,
      rules = config.rules,
      config = config.config,
      unsafeFixes = config.unsafe_fixes,
    },
  }
end

local severity_rank = { suggestion = 3, warning = 2, error = 1 }

-- publishDiagnostics, minus the diagnostics below the configured level (LSP
-- severity: 1 error, 2 warning, 3 information, 4 hint; a diagnostic without
-- a severity is kept).
local function publish_diagnostics(err, result, ctx, handler_config)
  if result and result.diagnostics and state.config then
    local keep = severity_rank[state.config.level]
    result.diagnostics = vim.tbl_filter(function(d)
      return d.severity == nil or d.severity <= keep
    end, result.diagnostics)
  end
  return vim.lsp.handlers['textDocument/publishDiagnostics'](err, result, ctx, handler_config)
end

local function start(config, root)
  local binary = vim.fn.exepath(config.binary)
  if binary == '' then
    return nil, string.format(
      "voicelint: cannot start the language server: '%s' is not an executable file%s. "
        .. "Set the setup option 'binary' to the path of voicelint.",
      config.binary,
      config.binary:find('/') and '' or ' on $PATH (' .. (os.getenv('PATH') or '') .. ')')
  end
  local user = config.lsp or {}
  local handlers = vim.tbl_extend('force',
    { ['textDocument/publishDiagnostics'] = publish_diagnostics }, user.handlers or {})
  local client_config = vim.tbl_extend('force', user, {
    name = 'voicelint',
    cmd = M.command(config),
    root_dir = root,
    handlers = handlers,
    settings = vim.tbl_deep_extend('force', settings(config), user.settings or {}),
    init_options = vim.tbl_deep_extend('force', settings(config).voicelint,
      user.init_options or {}),
    get_language_id = function(_, filetype)
      return M.language_ids[filetype] or filetype
    end,
    before_init = function(params, c)
      -- LSP 3.17 position encoding negotiation; Neovim 0.7 does not offer it
      -- itself and would assume utf-16.
      params.capabilities.general = params.capabilities.general or {}
      params.capabilities.general.positionEncodings = { 'utf-8', 'utf-16', 'utf-32' }
      if user.before_init then
        user.before_init(params, c)
      end
    end,
    on_init = function(client, result)
      local encoding = result.capabilities and result.capabilities.positionEncoding
      if encoding == 'utf-8' or encoding == 'utf-16' or encoding == 'utf-32' then
        client.offset_encoding = encoding
      else
        client.offset_encoding = 'utf-16'
      end
      client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
      if user.on_init then
        return user.on_init(client, result)
      end
    end,
    on_exit = function(code, signal, client_id)
      for key, id in pairs(state.clients) do
        if id == client_id then
          state.clients[key] = nil
        end
      end
      for bufnr, id in pairs(state.buffers) do
        if id == client_id then
          state.buffers[bufnr] = nil
        end
      end
      if code ~= 0 then
        vim.schedule(function()
          vim.notify(string.format(
            'voicelint: `%s` exited with code %d%s; its error output is in %s',
            table.concat(M.command(config), ' '), code,
            signal ~= 0 and (' (signal ' .. signal .. ')') or '',
            vim.lsp.get_log_path()), vim.log.levels.ERROR)
        end)
      end
      if user.on_exit then
        user.on_exit(code, signal, client_id)
      end
    end,
  })
  local id = vim.lsp.start_client(client_config)
  if not id then
    return nil, 'voicelint: vim.lsp.start_client failed for ' .. table.concat(client_config.cmd, ' ')
  end
  return id
end

-- Attaches the buffer to the server of its root, starting it if needed.
-- Returns the client id, or nil and a message.
function M.attach(bufnr)
  if bufnr == 0 then
    bufnr = vim.api.nvim_get_current_buf()
  end
  local config = state.config
  local root = M.find_root(bufnr, config.root_markers)
  local id = state.clients[root]
  if id and vim.lsp.client_is_stopped(id) then
    id = nil
  end
  if not id then
    local err
    id, err = start(config, root)
    if not id then
      vim.notify(err, vim.log.levels.ERROR)
      return nil, err
    end
    state.clients[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  state.buffers[bufnr] = id
  return id
end

function M.client(bufnr)
  local id = state.buffers[bufnr]
  return id and vim.lsp.get_client_by_id(id)
end

function M.is_attached(bufnr)
  local id = state.buffers[bufnr]
  return id ~= nil and vim.lsp.buf_is_attached(bufnr, id)
end

-- A position of the buffer in the client's encoding.
local function lsp_position(bufnr, row, col, encoding)
  if encoding == 'utf-8' then
    return { line = row, character = col }
  end
  local line = vim.api.nvim_buf_get_lines(bufnr, row, row + 1, false)[1] or ''
  col = math.min(col, #line)
  local utf32, utf16 = vim.str_utfindex(line, col)
  return { line = row, character = encoding == 'utf-32' and utf32 or utf16 }
end

-- The buffer's voicelint diagnostics as LSP diagnostics, for the context of a
-- code action request.
local function context_diagnostics(bufnr, client)
  local namespace = vim.lsp.diagnostic.get_namespace(client.id)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr, { namespace = namespace })) do
    local lsp = (d.user_data and d.user_data.lsp) or {}
    table.insert(out, {
      range = {
        start = lsp_position(bufnr, d.lnum, d.col, client.offset_encoding),
        ['end'] = lsp_position(bufnr, d.end_lnum or d.lnum, d.end_col or d.col,
          client.offset_encoding),
      },
      severity = d.severity,
      message = d.message,
      source = d.source,
      code = d.code,
      codeDescription = lsp.codeDescription,
      data = lsp.data,
    })
  end
  return out
end

local function apply_action(client, bufnr, action, done)
  local function finish(err)
    if done then
      done(err)
    end
  end
  local function run(resolved)
    if resolved.edit then
      -- Setting 'undolevels' to its own value closes the undo block (:help
      -- undo-break): the edit is one undo step of its own.
      local function break_undo()
        vim.api.nvim_buf_call(bufnr, function()
          vim.go.undolevels = vim.go.undolevels
        end)
      end
      break_undo()
      vim.lsp.util.apply_workspace_edit(resolved.edit, client.offset_encoding)
      break_undo()
    end
    local command = resolved.command
    if type(command) == 'table' then
      client.request('workspace/executeCommand', command, function(err)
        finish(err and ('voicelint: ' .. err.message) or nil)
      end, bufnr)
    else
      finish(nil)
    end
  end
  if not action.edit and not action.command and action.data ~= nil then
    client.request('codeAction/resolve', action, function(err, resolved)
      if err then
        return finish('voicelint: codeAction/resolve failed: ' .. err.message)
      end
      run(resolved or action)
    end, bufnr)
  else
    run(action)
  end
end

local fix_all_kind = 'source.fixAll.voicelint'

-- Fixes the buffer through the server. Without `unsafe`: the code action
-- "fix all safe findings" (kind source.fixAll.voicelint). With `unsafe`: the
-- preferred quick fix of every diagnostic, else its first one. `done(err,
-- count)` is called when the edit has been applied (count = actions applied).
function M.fix(bufnr, unsafe, done)
  done = done or function(err)
    if err then
      vim.notify(err, vim.log.levels.ERROR)
    end
  end
  if bufnr == 0 then
    bufnr = vim.api.nvim_get_current_buf()
  end
  local client = M.client(bufnr)
  if not client then
    return done('voicelint: no voicelint language server is attached to this buffer')
  end
  local line_count = vim.api.nvim_buf_line_count(bufnr)
  local last = vim.api.nvim_buf_get_lines(bufnr, line_count - 1, line_count, false)[1] or ''
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = {
      start = { line = 0, character = 0 },
      ['end'] = lsp_position(bufnr, line_count - 1, #last, client.offset_encoding),
    },
    context = {
      diagnostics = context_diagnostics(bufnr, client),
      only = unsafe and { 'quickfix' } or { fix_all_kind },
    },
  }
  client.request('textDocument/codeAction', params, function(err, actions)
    if err then
      return done('voicelint: textDocument/codeAction failed: ' .. err.message)
    end
    actions = actions or {}
    if not unsafe then
      for _, action in ipairs(actions) do
        if action.kind == fix_all_kind then
          return apply_action(client, bufnr, action, function(e)
            done(e, e == nil and 1 or 0)
          end)
        end
      end
      return done(nil, 0)
    end
    -- One quick fix per diagnostic: the preferred one, else the first; the
    -- edits of all of them go into one workspace edit, so they land as one
    -- undo step and none shifts another.
    local chosen, order = {}, {}
    for _, action in ipairs(actions) do
      if action.edit and (action.kind == nil or action.kind:find('^quickfix')) then
        local key = vim.inspect(action.diagnostics and action.diagnostics[1]
          and action.diagnostics[1].range or action.title)
        if not chosen[key] then
          table.insert(order, key)
          chosen[key] = action
        elseif action.isPreferred and not chosen[key].isPreferred then
          chosen[key] = action
        end
      end
    end
    local uri = params.textDocument.uri
    local edits = {}
    for _, key in ipairs(order) do
      local edit = chosen[key].edit
      for _, e in ipairs((edit.changes or {})[uri] or {}) do
        table.insert(edits, e)
      end
      for _, change in ipairs(edit.documentChanges or {}) do
        if change.textDocument and change.textDocument.uri == uri then
          vim.list_extend(edits, change.edits)
        end
      end
    end
    table.sort(edits, function(a, b)
      local sa, sb = a.range.start, b.range.start
      return sa.line < sb.line or (sa.line == sb.line and sa.character < sb.character)
    end)
    local merged, last_end = {}, nil
    for _, e in ipairs(edits) do
      local s = e.range.start
      if not last_end or s.line > last_end.line
        or (s.line == last_end.line and s.character >= last_end.character) then
        table.insert(merged, e)
        last_end = e.range['end']
      end
    end
    if #merged == 0 then
      return done(nil, 0)
    end
    apply_action(client, bufnr, { edit = { changes = { [uri] = merged } } }, function(e)
      done(e, e == nil and #merged or 0)
    end)
  end, bufnr)
end

function M.setup(config)
  state.config = config
end

-- Stops every server this plugin started.
function M.stop()
  for _, id in pairs(state.clients) do
    vim.lsp.stop_client(id)
  end
  state.clients = {}
  state.buffers = {}
end

return M
