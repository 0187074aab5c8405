/* Prints the layout of the C API's structs as the C compiler sees them, one
 * "name value" per line, for tests/nvim/cdef_test.lua to compare with what
 * LuaJIT makes of the plugin's ffi.cdef. */
#include <stddef.h>
#include <stdio.h>
#include <voicelint/voicelint.h>

#define SIZE(type) printf("sizeof %s %zu\n", #type, sizeof(type))
#define OFFSET(type, field) printf("offsetof %s.%s %zu\n", #type, #field, offsetof(type, field))

int main(void) {
  SIZE(vl_span);
  OFFSET(vl_span, begin);
  OFFSET(vl_span, end);
  SIZE(vl_finding);
  OFFSET(vl_finding, rule);
  OFFSET(vl_finding, message);
  OFFSET(vl_finding, match);
  OFFSET(vl_finding, level);
  OFFSET(vl_finding, byte);
  OFFSET(vl_finding, utf16);
  OFFSET(vl_finding, codepoint);
  OFFSET(vl_finding, line);
  OFFSET(vl_finding, column);
  OFFSET(vl_finding, suggestions);
  OFFSET(vl_finding, suggestion_count);
  SIZE(vl_edit);
  OFFSET(vl_edit, applicability);
  OFFSET(vl_edit, byte);
  OFFSET(vl_edit, utf16);
  OFFSET(vl_edit, codepoint);
  OFFSET(vl_edit, replacement);
  OFFSET(vl_edit, note);
  SIZE(vl_note);
  OFFSET(vl_note, message);
  OFFSET(vl_note, byte);
  OFFSET(vl_note, line);
  OFFSET(vl_note, column);
  SIZE(vl_options);
  OFFSET(vl_options, struct_size);
  OFFSET(vl_options, min_level);
  OFFSET(vl_options, input);
  OFFSET(vl_options, unsafe_fixes);
  SIZE(vl_level);
  SIZE(vl_applicability);
  return 0;
}
