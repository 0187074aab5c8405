// The C header compiles as C++ (with the project's warnings) and links.
#include <cstdio>
#include <cstring>

#include "voicelint/voicelint.h"

int main() {
  vl_options options = VL_OPTIONS_INIT;
  vl_ruleset* rules = nullptr;
  if (vl_ruleset_default(&rules) != VL_OK) return 1;
  vl_scratch* scratch = nullptr;
  if (vl_scratch_new(&scratch, rules) != VL_OK) return 1;
  const char text[] = "Hey there";
  vl_result* result = nullptr;
  const int status = vl_check(rules, scratch, text, sizeof text - 1, &options, &result);
  const bool ok = status == VL_OK && vl_result_count(result) == 1 &&
                  std::strcmp(vl_result_at(result, 0)->rule, "ritz.casual-greeting") == 0;
  vl_result_free(result);
  vl_scratch_free(scratch);
  vl_ruleset_free(rules);
  std::printf("header_cxx_test: %s\n", ok ? "ok" : "FAILED");
  return ok ? 0 : 1;
}
