/* One ruleset shared by many threads, one scratch per thread, many checks
 * each: every thread must get exactly the results of a single-threaded run.
 * Built and run under ThreadSanitizer by the tsan preset (label "threads"). */
#define _XOPEN_SOURCE 700

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "voicelint/voicelint.h"

enum { kThreads = 8, kRounds = 40 };

static const char *const kTexts[] = {
    "Hey, no problem! 喂，你们不知道吗？",
    "Good morning. Certainly, I'd be happy to help you right away.",
    "HEY you people, calm down. That's our policy.",
    "您好，我帮您查询一下。",
    "hang on a sec, I don't know, per my last email",
    "# Notes\n\n`hey` is code; you guys are not.\n\n> hey, quoted\n",
    "\xFF invalid \xC3 bytes, no worries \xE5\x96",
    "",
    "你們不知道嗎？餵！没办法",
    "Yeah nope, gotcha. OK? Is that OK?",
};
enum { kTextCount = sizeof kTexts / sizeof kTexts[0] };

static const vl_ruleset *shared_rules;
static char *expected_json[kTextCount];
static char *expected_fix[kTextCount];

/* The JSON of checking text i (Markdown for odd i), or NULL on failure. */
static char *run(vl_scratch *scratch, size_t i, char **fixed) {
  vl_options options = VL_OPTIONS_INIT;
  vl_result *result = NULL;
  char *json = NULL;
  options.input = (i % 2) ? VL_INPUT_MARKDOWN : VL_INPUT_TEXT;
  if (vl_check(shared_rules, scratch, kTexts[i], strlen(kTexts[i]), &options, &result) != VL_OK) {
    fprintf(stderr, "vl_check failed: %s\n", vl_last_error());
    return NULL;
  }
  if (vl_result_to_json(result, &json, NULL) != VL_OK) json = NULL;
  vl_result_free(result);
  if (vl_fix(shared_rules, scratch, kTexts[i], strlen(kTexts[i]), &options, fixed, NULL) != VL_OK) {
    vl_free(json);
    return NULL;
  }
  return json;
}

static void *worker(void *arg) {
  const size_t id = (size_t)arg;
  vl_scratch *scratch = NULL;
  size_t round, k, mismatches = 0;
  if (vl_scratch_new(&scratch, shared_rules) != VL_OK) return (void *)1;
  for (round = 0; round < kRounds; ++round) {
    for (k = 0; k < kTextCount; ++k) {
      const size_t i = (k + id + round) % kTextCount; /* threads interleave texts */
      char *fixed = NULL;
      char *json = run(scratch, i, &fixed);
      if (json == NULL || strcmp(json, expected_json[i]) != 0 || fixed == NULL ||
          strcmp(fixed, expected_fix[i]) != 0) {
        ++mismatches;
      }
      vl_free(json);
      vl_free(fixed);
    }
  }
  vl_scratch_free(scratch);
  return (void *)mismatches;
}

int main(void) {
  vl_ruleset *rules = NULL;
  vl_scratch *scratch = NULL;
  pthread_t threads[kThreads];
  size_t i, total = 0, findings = 0;
  if (vl_ruleset_default(&rules) != VL_OK || vl_scratch_new(&scratch, rules) != VL_OK) {
    fprintf(stderr, "setup failed: %s\n", vl_last_error());
    return 1;
  }
  shared_rules = rules;
  for (i = 0; i < kTextCount; ++i) {
    expected_json[i] = run(scratch, i, &expected_fix[i]);
    if (expected_json[i] == NULL) return 1;
    findings += (size_t)(strstr(expected_json[i], "\"findings\":[]") == NULL);
  }
  vl_scratch_free(scratch);
  /* The texts must exercise the engine, or equality would prove nothing. */
  if (findings < kTextCount - 3) {
    fprintf(stderr, "only %zu of the texts have findings\n", findings);
    return 1;
  }
  for (i = 0; i < kThreads; ++i) {
    if (pthread_create(&threads[i], NULL, worker, (void *)i) != 0) return 1;
  }
  for (i = 0; i < kThreads; ++i) {
    void *mismatches;
    pthread_join(threads[i], &mismatches);
    total += (size_t)mismatches;
  }
  for (i = 0; i < kTextCount; ++i) {
    vl_free(expected_json[i]);
    vl_free(expected_fix[i]);
  }
  vl_ruleset_free(rules);
  if (total != 0) {
    fprintf(stderr, "%zu checks differ from the single-threaded results\n", total);
    return 1;
  }
  printf("capi_threads_test: %d threads x %d rounds x %d texts agree\n", kThreads, kRounds,
         (int)kTextCount);
  return 0;
}
