-- voicelint.positions: UTF-8 byte offsets into a buffer's text <-> buffer
-- positions.
--
--   local text, index = positions.buffer_text(bufnr)
--   local row, col = index:position(17)   -- 0-based row, 0-based BYTE column
--
-- The text handed to the engine is the buffer's lines joined with "\n" (plus a
-- final "\n"), so an offset into it maps to a line and a byte within that line
-- with no decoding at all: Neovim's columns are bytes too. A line of a CRLF
-- file read with 'fileformat' dos holds no "\r"; read as unix it ends in a
-- "\r" byte, which is part of the line and counted like any other byte.
local M = {}

local Index = {}
Index.__index = Index

-- An index over `lines` (a list of strings without their "\n").
function M.index(lines)
  local starts = {}
  local offset = 0
  for i, line in ipairs(lines) do
    starts[i] = offset
    offset = offset + #line + 1
  end
  if #lines == 0 then
    starts[1] = 0
  end
  return setmetatable({ starts = starts, lines = lines, size = offset }, Index)
end

-- The 0-based row and 0-based byte column of byte offset `offset`. An offset
-- on a line's "\n" is that line's end column; offsets past the text clamp to
-- the end of the last line.
function Index:position(offset)
  local starts = self.starts
  local lo, hi = 1, #starts
  while lo < hi do
    local mid = math.floor((lo + hi + 1) / 2)
    if starts[mid] <= offset then
      lo = mid
    else
      hi = mid - 1
    end
  end
  local line = self.lines[lo] or ''
  local col = offset - starts[lo]
  if col > #line then
    col = #line
  end
  return lo - 1, col
end

-- The byte offset of 0-based (row, col).
function Index:offset(row, col)
  return (self.starts[row + 1] or self.size) + col
end

-- The buffer's text as the engine sees it and an index over it.
function M.buffer_text(bufnr)
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, true)
  return table.concat(lines, '\n') .. '\n', M.index(lines)
end

return M
