-- voicelint.config: the options of require('voicelint').setup(), their
-- defaults and their validation. See :help voicelint-options.
local M = {}

M.defaults = {
  -- 'lsp': run `voicelint lsp` with the built-in LSP client.
  -- 'ffi': check in process over libvoicelint with LuaJIT's FFI.
  mode = 'lsp',
  -- Filetypes voicelint is active for.
  filetypes = { 'markdown', 'text', 'gitcommit' },
  -- Of those, the ones read as Markdown (code, link targets, HTML comments,
  -- front matter and block quotes skipped). Used by the ffi mode; the server
  -- decides from the language id.
  markdown_filetypes = { 'markdown' },
  -- The voicelint executable: a name looked up on $PATH, or a path.
  binary = 'voicelint',
  -- ffi mode: the path of libvoicelint.so. nil: $VOICELINT_LIBRARY, else next
  -- to the binary (and its ../lib), else the system's library path.
  library = nil,
  -- Rule packs: rule files or folders ('default' names the embedded
  -- rulebook). nil: lsp mode uses .voicelint.yml like the CLI (and the
  -- embedded rulebook without one); ffi mode uses the embedded rulebook.
  rules = nil,
  -- lsp mode: a configuration file used instead of finding .voicelint.yml.
  config = nil,
  -- Minimum level shown: 'suggestion', 'warning' or 'error'.
  level = 'suggestion',
  -- :VoicelintFix also applies unsafe fixes (as :VoicelintFix! does).
  unsafe_fixes = false,
  -- ffi mode: milliseconds to wait after a change before checking again.
  debounce = 150,
  -- lsp mode: the root is the folder of the nearest of these, walking up
  -- from the buffer's file; else the file's folder.
  root_markers = { '.voicelint.yml', '.git' },
  -- lsp mode: extra fields of the vim.lsp.start_client() configuration
  -- (on_attach, capabilities, handlers, cmd_env, flags, ...).
  lsp = {},
}

M.level_severity = { suggestion = 3, warning = 2, error = 1 }

local function check_list_of_strings(name, value, allow_nil)
  if value == nil and allow_nil then
    return
  end
  if type(value) == 'string' then
    return
  end
  if type(value) ~= 'table' then
    error(string.format('voicelint: %s must be a list of strings, not %s', name, type(value)), 0)
  end
  for i, item in ipairs(value) do
    if type(item) ~= 'string' then
      error(string.format('voicelint: %s[%d] must be a string, not %s', name, i, type(item)), 0)
    end
  end
end

-- The defaults overridden by `opts`; raises a readable error for a bad option.
function M.resolve(opts)
  opts = opts or {}
  if type(opts) ~= 'table' then
    error('voicelint: setup() takes a table of options, not ' .. type(opts), 0)
  end
  for key in pairs(opts) do
    if M.defaults[key] == nil and key ~= 'library' and key ~= 'rules' and key ~= 'config' then
      error(string.format("voicelint: unknown option '%s' (see :help voicelint-options)", key), 0)
    end
  end
  local config = vim.tbl_extend('force', vim.deepcopy(M.defaults), opts)
  if config.mode ~= 'lsp' and config.mode ~= 'ffi' then
    error(string.format("voicelint: mode must be 'lsp' or 'ffi', not %s", vim.inspect(config.mode)), 0)
  end
  if M.level_severity[config.level] == nil then
    error(string.format("voicelint: level must be 'suggestion', 'warning' or 'error', not %s",
      vim.inspect(config.level)), 0)
  end
  check_list_of_strings('filetypes', config.filetypes)
  check_list_of_strings('markdown_filetypes', config.markdown_filetypes)
  check_list_of_strings('rules', config.rules, true)
  check_list_of_strings('root_markers', config.root_markers)
  if type(config.rules) == 'string' then
    config.rules = { config.rules }
  end
  if type(config.binary) ~= 'string' or config.binary == '' then
    error('voicelint: binary must be a command name or a path', 0)
  end
  if type(config.debounce) ~= 'number' or config.debounce < 0 then
    error('voicelint: debounce must be a number of milliseconds >= 0', 0)
  end
  if type(config.lsp) ~= 'table' then
    error('voicelint: lsp must be a table of vim.lsp.start_client() fields', 0)
  end
  return config
end

return M
