/* Checks one message with the installed library and prints what it found. */
#include <stdio.h>
#include <string.h>
#include <voicelint/voicelint.h>

int main(void) {
  const char *text = "Hey, no problem! 喂";
  vl_ruleset *rules = NULL;
  vl_scratch *scratch = NULL;
  vl_result *result = NULL;
  size_t i;
  if (vl_ruleset_default(&rules) != VL_OK || vl_scratch_new(&scratch, rules) != VL_OK ||
      vl_check(rules, scratch, text, strlen(text), NULL, &result) != VL_OK) {
    fprintf(stderr, "voicelint: %s\n", vl_last_error());
    return 1;
  }
  printf("voicelint %s\n", vl_version());
  for (i = 0; i < vl_result_count(result); i++) {
    const vl_finding *f = vl_result_at(result, i);
    printf("%u:%u %s -> %s\n", f->line, f->column, f->match,
           f->suggestion_count ? f->suggestions[0] : "");
  }
  vl_result_free(result);
  vl_scratch_free(scratch);
  vl_ruleset_free(rules);
  return 0;
}
