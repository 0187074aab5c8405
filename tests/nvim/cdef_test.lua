-- plugins/nvim/lua/voicelint/capi.lua declares the C API to LuaJIT with
-- ffi.cdef. These cases fail when include/voicelint/voicelint.h changes and
-- the declarations there are not changed with it, and check that LuaJIT lays
-- the structs out as the header documents them.
local T = dofile(vim.env.VOICELINT_NVIM_TESTS .. '/harness.lua')
local ffi = require('ffi')
local capi = require('voicelint.capi')

-- The declarations of C source as a list of statements: comments, the
-- preprocessor (and what #ifdef __cplusplus encloses), VL_EXPORT and white
-- space dropped, split at each ';'.
local function declarations(source)
  source = source:gsub('/%*.-%*/', ' '):gsub('//[^\n]*', ' ')
  local kept, skip_depth, depth = {}, nil, 0
  local continued = false
  for line in (source .. '\n'):gmatch('([^\n]*)\n') do
    local directive = line:match('^%s*#%s*(%a+)')
    if continued then
      continued = line:match('\\%s*$') ~= nil
    elseif directive then
      continued = line:match('\\%s*$') ~= nil
      if directive == 'if' or directive == 'ifdef' or directive == 'ifndef' then
        depth = depth + 1
        if not skip_depth and line:find('__cplusplus', 1, true) then
          skip_depth = depth
        end
      elseif directive == 'endif' then
        if skip_depth == depth then
          skip_depth = nil
        end
        depth = depth - 1
      end
    elseif not skip_depth then
      table.insert(kept, line)
    end
  end
  local text = table.concat(kept, ' '):gsub('VL_EXPORT', ' '):gsub('%s+', ' ')
  text = text:gsub('%s*([%(%)%[%]{},;%*=])%s*', '%1')
  local out = {}
  for statement in text:gmatch('([^;]+);') do
    statement = vim.trim(statement)
    if statement ~= '' then
      table.insert(out, statement)
    end
  end
  return out
end

local header_path = vim.env.VOICELINT_SOURCE_DIR .. '/include/voicelint/voicelint.h'

T.test('ffi.cdef declares exactly what voicelint.h declares', function()
  local f = assert(io.open(header_path, 'rb'))
  local header = declarations(f:read('*a'))
  f:close()
  local ours = declarations(capi.cdef)
  T.truthy(#header > 30, 'the header has its declarations (' .. #header .. ' found)')
  local missing, extra = {}, {}
  local in_ours, in_header = {}, {}
  for _, s in ipairs(ours) do in_ours[s] = true end
  for _, s in ipairs(header) do in_header[s] = true end
  for _, s in ipairs(header) do
    if not in_ours[s] then table.insert(missing, s) end
  end
  for _, s in ipairs(ours) do
    if not in_header[s] then table.insert(extra, s) end
  end
  if #missing > 0 or #extra > 0 then
    error(string.format('capi.lua M.cdef is out of sync with %s\n  in the header only:\n    %s\n'
      .. '  in capi.lua only:\n    %s', header_path, table.concat(missing, ';\n    '),
      table.concat(extra, ';\n    ')))
  end
  T.eq(header, ours, 'the same declarations in the same order')
end)

T.test('the normalization sees a changed declaration', function()
  local changed = capi.cdef:gsub('int unsafe_fixes;', 'int unsafe_fixes;\n  int new_field;')
  T.truthy(not vim.deep_equal(declarations(capi.cdef), declarations(changed)), 'a new field differs')
  local reordered = capi.cdef:gsub('size_t begin, end;', 'size_t end, begin;')
  T.truthy(not vim.deep_equal(declarations(capi.cdef), declarations(reordered)), 'a swap differs')
end)

T.test('LuaJIT lays out every struct as the C compiler does', function()
  local probe = assert(vim.env.VOICELINT_LAYOUT_PROBE, 'VOICELINT_LAYOUT_PROBE is not set')
  local lines = vim.fn.systemlist({ probe })
  T.eq(0, vim.v.shell_error, 'exit code of ' .. probe)
  T.truthy(#lines > 30, 'the probe printed the layout')
  for _, line in ipairs(lines) do
    local what, name, value = line:match('^(%S+) (%S+) (%d+)$')
    local ours
    if what == 'sizeof' then
      ours = ffi.sizeof(name)
    else
      local struct, field = name:match('^([^.]+)%.(.+)$')
      ours = ffi.offsetof(struct, field)
    end
    T.eq(tonumber(value), ours, what .. ' ' .. name)
  end
end)

T.test('the library loaded is the one of this build, of the header\'s version', function()
  local lib = assert(capi.load({}))
  local f = assert(io.open(header_path, 'rb'))
  local header = f:read('*a')
  f:close()
  local version = table.concat({
    header:match('VOICELINT_VERSION_MAJOR (%d+)'),
    header:match('VOICELINT_VERSION_MINOR (%d+)'),
    header:match('VOICELINT_VERSION_PATCH (%d+)'),
  }, '.')
  T.eq(version, ffi.string(lib.vl_version()), 'vl_version()')
end)

T.run()
