-- voicelint.capi: the C API of libvoicelint.so (include/voicelint/voicelint.h)
-- through LuaJIT's FFI, for the in-process mode.
--
--   local capi = require('voicelint.capi')
--   local linter = assert(capi.Linter.new({ library = nil, rules = nil }))
--   local result = linter:check('Hey, no problem!', { min_level = 'suggestion' })
--   -- result.findings[i].byte_begin / byte_end: UTF-8 byte offsets, half-open
--
-- Every offset this module returns is a 0-based UTF-8 byte offset into the
-- text that was checked, exactly as the library reports it; turning offsets
-- into buffer rows and columns is voicelint.positions' job.
--
-- M.cdef is the header's declarations, verbatim but for comments, the
-- preprocessor lines and VL_EXPORT. tests/nvim/cdef_test.lua compares it with
-- the header, so a change of the header that is not made here fails the tests.
local ffi = require('ffi')

local M = {}

M.cdef = [[
typedef struct vl_ruleset vl_ruleset;
typedef struct vl_scratch vl_scratch;
typedef struct vl_result vl_result;

typedef enum {
  VL_OK = 0,
  VL_ERR_ARG = -1,
  VL_ERR_NOMEM = -2,
  VL_ERR_IO = -3,
  VL_ERR_RULES = -4,
  VL_ERR_UTF8 = -5,
  VL_ERR_INTERNAL = -99
} vl_status;

typedef enum { VL_SUGGESTION = 1, VL_WARNING = 2, VL_ERROR = 3 } vl_level;

typedef enum { VL_INPUT_TEXT = 0, VL_INPUT_MARKDOWN = 1 } vl_input;

typedef struct {
  size_t begin, end;
} vl_span;

typedef struct {
  const char *rule;
  const char *message;
  const char *match;
  vl_level level;
  vl_span byte;
  vl_span utf16;
  vl_span codepoint;
  uint32_t line;
  uint32_t column;
  const char *const *suggestions;
  size_t suggestion_count;
} vl_finding;

typedef enum {
  VL_FIX_DISPLAY = 0,
  VL_FIX_UNSAFE = 1,
  VL_FIX_SAFE = 2
} vl_applicability;

typedef struct {
  vl_applicability applicability;
  vl_span byte, utf16, codepoint;
  const char *replacement;
  const char *note;
} vl_edit;

typedef struct {
  const char *message;
  size_t byte;
  uint32_t line;
  uint32_t column;
} vl_note;

typedef struct {
  uint32_t struct_size;
  vl_level min_level;
  vl_input input;
  int unsafe_fixes;
} vl_options;

const char *vl_version(void);
const char *vl_last_error(void);
void vl_free(void *buffer);

int vl_ruleset_default(vl_ruleset **out);
int vl_ruleset_load(vl_ruleset **out, const char *const *paths, size_t count);
int vl_ruleset_from_string(vl_ruleset **out, const char *yaml, size_t len,
                           const char *name);
size_t vl_ruleset_rule_count(const vl_ruleset *ruleset);
void vl_ruleset_free(vl_ruleset *ruleset);

int vl_scratch_new(vl_scratch **out, const vl_ruleset *ruleset);
void vl_scratch_free(vl_scratch *scratch);

int vl_check(const vl_ruleset *ruleset, vl_scratch *scratch, const char *utf8, size_t len,
             const vl_options *options, vl_result **out);
size_t vl_result_count(const vl_result *result);
const vl_finding *vl_result_at(const vl_result *result, size_t index);
const vl_edit *vl_result_fix_at(const vl_result *result, size_t index);
size_t vl_result_note_count(const vl_result *result);
const vl_note *vl_result_note_at(const vl_result *result, size_t index);
size_t vl_result_preferred_used(const vl_result *result);
int vl_result_to_json(const vl_result *result, char **json, size_t *len);
void vl_result_free(vl_result *result);

int vl_fix(const vl_ruleset *ruleset, vl_scratch *scratch, const char *utf8, size_t len,
           const vl_options *options, char **fixed, size_t *fixed_len);
]]

-- ffi.cdef may run once per Lua state: a second definition of the same
-- struct is an error, and a re-required module must not trip over it.
if not pcall(ffi.typeof, 'vl_options') then
  ffi.cdef(M.cdef)
end

M.levels = { suggestion = 1, warning = 2, error = 3 }
M.level_names = { [1] = 'suggestion', [2] = 'warning', [3] = 'error' }
M.applicability_names = { [0] = 'display', [1] = 'unsafe', [2] = 'safe' }

local status_names = {
  [-1] = 'VL_ERR_ARG',
  [-2] = 'VL_ERR_NOMEM',
  [-3] = 'VL_ERR_IO',
  [-4] = 'VL_ERR_RULES',
  [-5] = 'VL_ERR_UTF8',
  [-99] = 'VL_ERR_INTERNAL',
}

local uv = vim.loop

local function is_file(path)
  local stat = uv.fs_stat(path)
  return stat ~= nil and stat.type == 'file'
end

-- The places a library is looked for, in order, each {path = ..., why = ...}.
-- `opts.library` (a path) and $VOICELINT_LIBRARY are taken as given; next to
-- the binary means the folder of the resolved `voicelint` executable (a build
-- tree keeps both side by side) and its ../lib (an installed prefix); last,
-- the dynamic loader's own search for the SONAME.
function M.library_candidates(opts)
  opts = opts or {}
  local candidates = {}
  local function add(path, why)
    table.insert(candidates, { path = path, why = why })
  end
  if opts.library and opts.library ~= '' then
    add(opts.library, "setup option 'library'")
    return candidates
  end
  local env = os.getenv('VOICELINT_LIBRARY')
  if env and env ~= '' then
    add(env, '$VOICELINT_LIBRARY')
    return candidates
  end
  local binary = opts.binary or 'voicelint'
  local exe = vim.fn.exepath(binary)
  if exe ~= '' then
    local real = uv.fs_realpath(exe) or exe
    local dirs = { vim.fn.fnamemodify(real, ':h') }
    if real ~= exe then
      table.insert(dirs, vim.fn.fnamemodify(exe, ':h'))
    end
    for _, dir in ipairs(dirs) do
      for _, sub in ipairs({ '', '/../lib', '/../lib64' }) do
        for _, name in ipairs({ 'libvoicelint.so', 'libvoicelint.so.0' }) do
          local path = vim.fn.simplify(dir .. sub .. '/' .. name)
          if is_file(path) then
            add(path, 'next to ' .. real)
          end
        end
      end
    end
  end
  add('libvoicelint.so.0', "the system's library path")
  return candidates
end

local loaded = {}

-- Loads libvoicelint. Returns the library namespace, or nil and a message
-- that lists every path tried with the loader's reason.
function M.load(opts)
  local candidates = M.library_candidates(opts)
  local tried = {}
  for _, candidate in ipairs(candidates) do
    if loaded[candidate.path] then
      return loaded[candidate.path], candidate.path
    end
    local ok, lib = pcall(ffi.load, candidate.path)
    if ok then
      local has_api, version = pcall(function()
        return ffi.string(lib.vl_version())
      end)
      if has_api then
        loaded[candidate.path] = lib
        M.version = version
        return lib, candidate.path
      end
      table.insert(tried, string.format('  %s (%s): not libvoicelint: %s', candidate.path,
        candidate.why, tostring(version)))
    else
      table.insert(tried, string.format('  %s (%s): %s', candidate.path, candidate.why,
        tostring(lib)))
    end
  end
  return nil, 'voicelint: cannot load libvoicelint for the in-process (ffi) mode. Tried:\n'
    .. table.concat(tried, '\n')
    .. "\nSet $VOICELINT_LIBRARY or the setup option 'library' to the path of libvoicelint.so,"
    .. " or use mode = 'lsp'."
end

local function failure(lib, status, what)
  local message = ffi.string(lib.vl_last_error())
  if message == '' then
    message = status_names[status] or tostring(status)
  end
  return string.format('voicelint: %s: %s', what, message)
end

local function level_value(name)
  local value = M.levels[name or 'suggestion']
  if not value then
    error(string.format("voicelint: level must be 'suggestion', 'warning' or 'error', not %s",
      vim.inspect(name)), 0)
  end
  return value
end

local function make_options(check_opts)
  check_opts = check_opts or {}
  local options = ffi.new('vl_options')
  options.struct_size = ffi.sizeof('vl_options')
  options.min_level = level_value(check_opts.min_level)
  options.input = check_opts.markdown and 1 or 0
  options.unsafe_fixes = check_opts.unsafe_fixes and 1 or 0
  return options
end

local Linter = {}
Linter.__index = Linter
M.Linter = Linter

-- Compiles the rules: opts.rules is nil or {} for the embedded default
-- rulebook, else a list of rule files or folders ('default' names the
-- embedded rulebook). Returns a Linter, or nil and a message (for a broken
-- rule file: file:line:col and what is wrong, one line per error).
function Linter.new(opts)
  opts = opts or {}
  local lib, where = M.load(opts)
  if not lib then
    return nil, where
  end
  local out = ffi.new('vl_ruleset *[1]')
  local status
  local rules = opts.rules
  if type(rules) == 'string' then
    rules = { rules }
  end
  if rules == nil or #rules == 0 then
    status = lib.vl_ruleset_default(out)
  else
    local paths = ffi.new('const char *[?]', #rules)
    local keep = {}
    for i, path in ipairs(rules) do
      keep[i] = path == 'default' and path or vim.fn.fnamemodify(path, ':p')
      paths[i - 1] = keep[i]
    end
    status = lib.vl_ruleset_load(out, paths, #rules)
  end
  if status ~= 0 then
    return nil, failure(lib, status, 'cannot load the rules')
  end
  local ruleset = out[0]
  local scratch_out = ffi.new('vl_scratch *[1]')
  status = lib.vl_scratch_new(scratch_out, ruleset)
  if status ~= 0 then
    local message = failure(lib, status, 'cannot allocate a scratch')
    lib.vl_ruleset_free(ruleset)
    return nil, message
  end
  local self = setmetatable({
    lib = lib,
    library_path = where,
    ruleset = ruleset,
    -- One finalizer for both, as the library wants the scratch freed before
    -- its ruleset; close() does the same eagerly.
    scratch = ffi.gc(scratch_out[0], function(scratch)
      lib.vl_scratch_free(scratch)
      lib.vl_ruleset_free(ruleset)
    end),
  }, Linter)
  return self
end

function Linter:rule_count()
  return tonumber(self.lib.vl_ruleset_rule_count(self.ruleset))
end

-- Checks `text` (a Lua string of UTF-8). check_opts: min_level
-- ('suggestion' | 'warning' | 'error'), markdown (boolean). Returns
-- { findings = {...}, notes = {...} } or nil and a message. Each finding:
-- rule, level (name), message, match, byte_begin, byte_end, suggestions,
-- fix = nil or { applicability = 'safe'|'unsafe', byte_begin, byte_end,
-- replacement, note }. Each note: message, byte.
function Linter:check(text, check_opts)
  local lib = self.lib
  local options = make_options(check_opts)
  local out = ffi.new('vl_result *[1]')
  local status = lib.vl_check(self.ruleset, self.scratch, text, #text, options, out)
  if status ~= 0 then
    return nil, failure(lib, status, 'check failed')
  end
  local result = out[0]
  local findings, notes = {}, {}
  local ok, err = pcall(function()
    for i = 0, tonumber(lib.vl_result_count(result)) - 1 do
      local f = lib.vl_result_at(result, i)
      local e = lib.vl_result_fix_at(result, i)
      local suggestions = {}
      for k = 0, tonumber(f.suggestion_count) - 1 do
        suggestions[k + 1] = ffi.string(f.suggestions[k])
      end
      local fix
      if e ~= nil and e.replacement ~= nil and e.applicability ~= 0 then
        fix = {
          applicability = M.applicability_names[tonumber(e.applicability)],
          byte_begin = tonumber(e.byte.begin),
          byte_end = tonumber(e.byte['end']),
          replacement = ffi.string(e.replacement),
          note = ffi.string(e.note),
        }
      end
      findings[i + 1] = {
        rule = ffi.string(f.rule),
        level = M.level_names[tonumber(f.level)],
        message = ffi.string(f.message),
        match = ffi.string(f.match),
        byte_begin = tonumber(f.byte.begin),
        byte_end = tonumber(f.byte['end']),
        line = f.line,
        column = f.column,
        suggestions = suggestions,
        fix = fix,
      }
    end
    for i = 0, tonumber(lib.vl_result_note_count(result)) - 1 do
      local n = lib.vl_result_note_at(result, i)
      notes[i + 1] = { message = ffi.string(n.message), byte = tonumber(n.byte) }
    end
  end)
  lib.vl_result_free(result)
  if not ok then
    return nil, 'voicelint: reading the result failed: ' .. tostring(err)
  end
  return { findings = findings, notes = notes }
end

-- The text with the fixes applied by the library itself (vl_fix): safe ones,
-- and with check_opts.unsafe_fixes also the unsafe ones. Returns the fixed
-- string, or nil and a message.
function Linter:fix(text, check_opts)
  local lib = self.lib
  local options = make_options(check_opts)
  local fixed = ffi.new('char *[1]')
  local fixed_len = ffi.new('size_t[1]')
  local status = lib.vl_fix(self.ruleset, self.scratch, text, #text, options, fixed, fixed_len)
  if status ~= 0 then
    return nil, failure(lib, status, 'fix failed')
  end
  local s = ffi.string(fixed[0], fixed_len[0])
  lib.vl_free(fixed[0])
  return s
end

-- Frees the scratch, then the rules. The linter cannot be used afterwards.
function Linter:close()
  if self.scratch ~= nil then
    self.lib.vl_scratch_free(ffi.gc(self.scratch, nil))
    self.lib.vl_ruleset_free(self.ruleset)
    self.scratch = nil
    self.ruleset = nil
  end
end

return M
