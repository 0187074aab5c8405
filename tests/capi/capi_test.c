/* The C API, tested from C (C99): every function, its failure modes, and the
 * units of every position. Runs under ASan/UBSan in the asan preset. */
#define _XOPEN_SOURCE 700 /* mkdtemp, rmdir */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "voicelint/voicelint.h"

static int failures = 0;

#define EXPECT(cond)                                                      \
  do {                                                                    \
    if (!(cond)) {                                                        \
      fprintf(stderr, "%s:%d: expected %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                         \
    }                                                                     \
  } while (0)

#define EXPECT_STR(actual, expected)                                                  \
  do {                                                                                \
    const char *a_ = (actual);                                                        \
    const char *e_ = (expected);                                                      \
    if (a_ == NULL || strcmp(a_, e_) != 0) {                                          \
      fprintf(stderr, "%s:%d: expected \"%s\", got \"%s\"\n", __FILE__, __LINE__, e_, \
              a_ ? a_ : "(null)");                                                    \
      ++failures;                                                                     \
    }                                                                                 \
  } while (0)

#define EXPECT_SPAN(span, b, e) EXPECT((span).begin == (size_t)(b) && (span).end == (size_t)(e))

/* A small glossary whose behaviour the tests below rely on. */
static const char kRules[] =
    "glossary: t\n"
    "language: any\n"
    "terms:\n"
    "  - id: hey\n"
    "    avoid: [hey]\n"
    "    prefer: [Hello, Good morning]\n"
    "  - id: you-people\n"
    "    avoid: [you people]\n"
    "    prefer: [you]\n"
    "    level: error\n"
    "  - id: wei\n"
    "    avoid: [喂]\n"
    "    prefer: [您好]\n"
    "  - id: dont-know\n"
    "    avoid: [不知道]\n"
    "    level: suggestion\n"
    "  - id: courtesy\n"
    "    prefer: [certainly]\n";

static int starts_with(const char *s, const char *prefix) {
  return s != NULL && strncmp(s, prefix, strlen(prefix)) == 0;
}

static vl_ruleset *rules;
static vl_scratch *scratch;

static vl_result *check_opts(const char *text, size_t len, const vl_options *options) {
  vl_result *result = NULL;
  int status = vl_check(rules, scratch, text, len, options, &result);
  EXPECT(status == VL_OK);
  EXPECT(result != NULL);
  EXPECT_STR(vl_last_error(), "");
  return result;
}

static vl_result *check(const char *text) { return check_opts(text, strlen(text), NULL); }

static char *fix_opts(const char *text, const vl_options *options) {
  char *fixed = NULL;
  size_t len = 0;
  EXPECT(vl_fix(rules, scratch, text, strlen(text), options, &fixed, &len) == VL_OK);
  EXPECT(fixed != NULL && strlen(fixed) == len);
  return fixed;
}

static void test_version(void) {
  char expected[32];
  snprintf(expected, sizeof expected, "%d.%d.%d", VOICELINT_VERSION_MAJOR, VOICELINT_VERSION_MINOR,
           VOICELINT_VERSION_PATCH);
  EXPECT_STR(vl_version(), "0.2.0");
  EXPECT_STR(vl_version(), expected);
  EXPECT(vl_last_error() != NULL);
}

static void test_null_arguments(void) {
  vl_ruleset *r = (vl_ruleset *)1;
  vl_scratch *s = (vl_scratch *)1;
  vl_result *res = (vl_result *)1;
  char *buffer = (char *)1;
  size_t len = 7;
  const char *paths[] = {NULL};
  vl_options options = VL_OPTIONS_INIT;

  EXPECT(vl_ruleset_default(NULL) == VL_ERR_ARG);
  EXPECT(strlen(vl_last_error()) > 0);
  EXPECT(vl_ruleset_load(NULL, paths, 1) == VL_ERR_ARG);
  EXPECT(vl_ruleset_load(&r, NULL, 1) == VL_ERR_ARG && r == NULL);
  r = (vl_ruleset *)1;
  EXPECT(vl_ruleset_load(&r, paths, 0) == VL_ERR_ARG && r == NULL);
  r = (vl_ruleset *)1;
  EXPECT(vl_ruleset_load(&r, paths, 1) == VL_ERR_ARG && r == NULL);
  EXPECT(vl_ruleset_from_string(NULL, kRules, strlen(kRules), NULL) == VL_ERR_ARG);
  r = (vl_ruleset *)1;
  EXPECT(vl_ruleset_from_string(&r, NULL, 3, NULL) == VL_ERR_ARG && r == NULL);
  EXPECT(vl_ruleset_rule_count(NULL) == 0);

  EXPECT(vl_scratch_new(NULL, rules) == VL_ERR_ARG);
  EXPECT(vl_scratch_new(&s, NULL) == VL_ERR_ARG && s == NULL);

  EXPECT(vl_check(NULL, scratch, "hey", 3, NULL, &res) == VL_ERR_ARG && res == NULL);
  res = (vl_result *)1;
  EXPECT(vl_check(rules, NULL, "hey", 3, NULL, &res) == VL_ERR_ARG && res == NULL);
  EXPECT(vl_check(rules, scratch, "hey", 3, NULL, NULL) == VL_ERR_ARG);
  EXPECT(vl_check(rules, scratch, NULL, 3, NULL, &res) == VL_ERR_ARG);

  options.struct_size = 0;
  EXPECT(vl_check(rules, scratch, "hey", 3, &options, &res) == VL_ERR_ARG);
  options.struct_size = sizeof(vl_options);
  options.min_level = (vl_level)7;
  EXPECT(vl_check(rules, scratch, "hey", 3, &options, &res) == VL_ERR_ARG);
  options.min_level = VL_SUGGESTION;
  options.input = (vl_input)9;
  EXPECT(vl_check(rules, scratch, "hey", 3, &options, &res) == VL_ERR_ARG);
  EXPECT(strstr(vl_last_error(), "input") != NULL);

  EXPECT(vl_result_count(NULL) == 0);
  EXPECT(vl_result_at(NULL, 0) == NULL);
  EXPECT(vl_result_note_count(NULL) == 0);
  EXPECT(vl_result_note_at(NULL, 0) == NULL);
  EXPECT(vl_result_preferred_used(NULL) == 0);
  EXPECT(vl_result_to_json(NULL, &buffer, &len) == VL_ERR_ARG && buffer == NULL && len == 0);

  buffer = (char *)1;
  EXPECT(vl_fix(NULL, scratch, "hey", 3, NULL, &buffer, &len) == VL_ERR_ARG && buffer == NULL);
  EXPECT(vl_fix(rules, NULL, "hey", 3, NULL, &buffer, &len) == VL_ERR_ARG);
  EXPECT(vl_fix(rules, scratch, "hey", 3, NULL, NULL, &len) == VL_ERR_ARG);

  /* Every *_free accepts NULL. */
  vl_ruleset_free(NULL);
  vl_scratch_free(NULL);
  vl_result_free(NULL);
  vl_free(NULL);
}

static void test_scratch_of_another_ruleset(void) {
  vl_ruleset *other = NULL;
  vl_scratch *other_scratch = NULL;
  vl_result *result = (vl_result *)1;
  char *fixed = (char *)1;
  EXPECT(vl_ruleset_default(&other) == VL_OK);
  EXPECT(vl_scratch_new(&other_scratch, other) == VL_OK);
  EXPECT(vl_check(rules, other_scratch, "hey", 3, NULL, &result) == VL_ERR_ARG);
  EXPECT(result == NULL);
  EXPECT(strstr(vl_last_error(), "another ruleset") != NULL);
  EXPECT(vl_fix(other, scratch, "hey", 3, NULL, &fixed, NULL) == VL_ERR_ARG && fixed == NULL);
  vl_scratch_free(other_scratch);
  vl_ruleset_free(other);
}

static void test_findings_and_units(void) {
  /* 😀 is 4 bytes, 2 UTF-16 units, 1 code point; 喂 is 3 bytes, 1 unit. */
  const char *text = "Hi.\n\xF0\x9F\x98\x80喂, hey you people";
  vl_result *result = check(text);
  const vl_finding *f;
  EXPECT(vl_result_count(result) == 3);
  EXPECT(vl_result_at(result, 3) == NULL);

  f = vl_result_at(result, 0);
  EXPECT_STR(f->rule, "t.wei");
  EXPECT_STR(f->match, "喂");
  EXPECT(f->level == VL_WARNING);
  EXPECT_SPAN(f->byte, 8, 11);
  EXPECT_SPAN(f->utf16, 6, 7);
  EXPECT_SPAN(f->codepoint, 5, 6);
  EXPECT(f->line == 2 && f->column == 2);
  EXPECT(f->suggestion_count == 1);
  EXPECT_STR(f->suggestions[0], "您好");

  f = vl_result_at(result, 1);
  EXPECT_STR(f->rule, "t.hey");
  EXPECT_SPAN(f->byte, 13, 16);
  EXPECT_SPAN(f->utf16, 9, 12);
  EXPECT_SPAN(f->codepoint, 8, 11);
  EXPECT(f->line == 2 && f->column == 5);
  EXPECT(strncmp(text + f->byte.begin, f->match, f->byte.end - f->byte.begin) == 0);
  EXPECT(f->suggestion_count == 2);
  EXPECT_STR(f->suggestions[0], "hello");
  EXPECT_STR(f->suggestions[1], "good morning");
  EXPECT(strstr(f->message, "hey") != NULL);

  f = vl_result_at(result, 2);
  EXPECT_STR(f->rule, "t.you-people");
  EXPECT(f->level == VL_ERROR);
  EXPECT_STR(f->match, "you people");
  vl_result_free(result);
}

static void test_chinese_offsets(void) {
  const char *text = "您好，我不知道。喂！";
  vl_result *result = check(text);
  const vl_finding *f;
  EXPECT(vl_result_count(result) == 2);
  f = vl_result_at(result, 0);
  EXPECT_STR(f->rule, "t.dont-know");
  EXPECT(f->level == VL_SUGGESTION);
  EXPECT_SPAN(f->byte, 12, 21);
  EXPECT_SPAN(f->utf16, 4, 7);
  EXPECT_SPAN(f->codepoint, 4, 7);
  EXPECT(f->line == 1 && f->column == 5);
  EXPECT(f->suggestion_count == 0);
  f = vl_result_at(result, 1);
  EXPECT_STR(f->rule, "t.wei");
  EXPECT_SPAN(f->byte, 24, 27);
  EXPECT_SPAN(f->codepoint, 8, 9);
  vl_result_free(result);
}

static void test_case_carried_into_the_fix(void) {
  vl_result *result = check("HEY there. Hey.");
  const vl_edit *edit;
  vl_options options = VL_OPTIONS_INIT;
  char *fixed;
  EXPECT(vl_result_count(result) == 2);
  EXPECT_STR(vl_result_at(result, 0)->suggestions[0], "HELLO");
  EXPECT_STR(vl_result_at(result, 1)->suggestions[0], "Hello");
  /* The test rules do not say `fix: safe`: their fixes are unsafe. */
  edit = vl_result_fix_at(result, 1);
  EXPECT(edit != NULL && edit->applicability == VL_FIX_UNSAFE);
  EXPECT(edit != NULL && edit->byte.begin == 11 && edit->byte.end == 14);
  EXPECT_STR(edit->replacement, "Hello");
  EXPECT(edit != NULL && edit->note[0] != '\0');
  EXPECT(vl_result_fix_at(result, 2) == NULL);
  vl_result_free(result);
  fixed = fix_opts("HEY there. Hey.", NULL);
  EXPECT_STR(fixed, "HEY there. Hey.");
  vl_free(fixed);
  options.unsafe_fixes = 1;
  fixed = fix_opts("HEY there. Hey.", &options);
  EXPECT_STR(fixed, "HELLO there. Hello.");
  vl_free(fixed);
}

static void test_empty_text(void) {
  vl_result *result = NULL;
  EXPECT(vl_check(rules, scratch, NULL, 0, NULL, &result) == VL_OK);
  EXPECT(vl_result_count(result) == 0 && vl_result_note_count(result) == 0);
  vl_result_free(result);
  result = check("");
  EXPECT(vl_result_count(result) == 0);
  vl_result_free(result);
}

static void test_invalid_utf8_is_reported_and_the_rest_checked(void) {
  const char text[] = "\xFF hey \xC3 you people \xE5\x96";
  vl_result *result = check_opts(text, sizeof text - 1, NULL);
  const vl_note *note;
  EXPECT(vl_result_count(result) == 2);
  EXPECT_STR(vl_result_at(result, 0)->rule, "t.hey");
  EXPECT_SPAN(vl_result_at(result, 0)->byte, 2, 5);
  /* The bad byte counts as one code point. */
  EXPECT_SPAN(vl_result_at(result, 0)->codepoint, 2, 5);
  EXPECT_STR(vl_result_at(result, 1)->rule, "t.you-people");
  EXPECT(vl_result_note_count(result) >= 1);
  note = vl_result_note_at(result, 0);
  EXPECT(note != NULL && note->byte == 0 && note->line == 1 && note->column == 1);
  EXPECT(strstr(note->message, "UTF-8") != NULL);
  EXPECT(vl_result_note_at(result, vl_result_note_count(result)) == NULL);
  vl_result_free(result);
}

static void test_nul_bytes_inside_the_text(void) {
  const char text[] = "hey\0hey";
  vl_result *result = check_opts(text, sizeof text - 1, NULL);
  EXPECT(vl_result_count(result) == 2);
  EXPECT_SPAN(vl_result_at(result, 1)->byte, 4, 7);
  vl_result_free(result);
}

static void test_huge_text(void) {
  const char piece[] = "Hey, you people! 喂，我不知道。 ";
  const size_t piece_len = sizeof piece - 1;
  const size_t copies = 50000; /* ~2 MB */
  char *text = malloc(piece_len * copies);
  vl_result *result;
  const vl_finding *last;
  size_t i;
  EXPECT(text != NULL);
  if (text == NULL) return;
  for (i = 0; i < copies; ++i) memcpy(text + i * piece_len, piece, piece_len);
  result = check_opts(text, piece_len * copies, NULL);
  EXPECT(vl_result_count(result) == 4 * copies);
  last = vl_result_at(result, 4 * copies - 1);
  EXPECT(last != NULL);
  if (last != NULL) {
    /* Each piece is 39 bytes and 25 code points; 不知道 starts 26 bytes / 20
     * code points into it. */
    EXPECT_STR(last->rule, "t.dont-know");
    EXPECT(piece_len == 39);
    EXPECT(last->byte.begin == (copies - 1) * 39 + 26);
    EXPECT(last->codepoint.begin == (copies - 1) * 25 + 20);
    EXPECT(last->utf16.begin == last->codepoint.begin);
    EXPECT(last->line == 1);
  }
  vl_result_free(result);
  free(text);
}

static void test_markdown_option(void) {
  const char *text = "`hey` and hey\n\n```\nyou people\n```\n";
  vl_options options = VL_OPTIONS_INIT;
  vl_result *result = check(text);
  EXPECT(vl_result_count(result) == 3);
  vl_result_free(result);
  options.input = VL_INPUT_MARKDOWN;
  result = check_opts(text, strlen(text), &options);
  EXPECT(vl_result_count(result) == 1);
  EXPECT_SPAN(vl_result_at(result, 0)->byte, 10, 13);
  vl_result_free(result);
}

static void test_min_level(void) {
  const char *text = "hey you people, 不知道";
  vl_options options = VL_OPTIONS_INIT;
  vl_result *result = check(text);
  char *fixed;
  EXPECT(vl_result_count(result) == 3);
  vl_result_free(result);
  options.min_level = VL_WARNING;
  result = check_opts(text, strlen(text), &options);
  EXPECT(vl_result_count(result) == 2);
  vl_result_free(result);
  options.min_level = VL_ERROR;
  result = check_opts(text, strlen(text), &options);
  EXPECT(vl_result_count(result) == 1);
  EXPECT_STR(vl_result_at(result, 0)->rule, "t.you-people");
  vl_result_free(result);
  options.unsafe_fixes = 1;
  fixed = fix_opts(text, &options);
  EXPECT_STR(fixed, "hey you, 不知道");
  vl_free(fixed);
}

static void test_fix_is_idempotent_and_leaves_unfixable_findings(void) {
  vl_options unsafe = VL_OPTIONS_INIT;
  char *fixed;
  char *again;
  unsafe.unsafe_fixes = 1;
  fixed = fix_opts("Hey, you people! 喂，我不知道。", &unsafe);
  EXPECT_STR(fixed, "Hello, you! 您好，我不知道。");
  again = fix_opts(fixed, &unsafe);
  EXPECT_STR(again, fixed);
  vl_free(again);
  vl_free(fixed);
  fixed = fix_opts("", NULL);
  EXPECT_STR(fixed, "");
  vl_free(fixed);
}

static void test_json(void) {
  vl_result *result = check("Certainly. Hey 喂");
  char *json = NULL;
  size_t len = 0;
  EXPECT(vl_result_to_json(result, &json, &len) == VL_OK);
  EXPECT(json != NULL && strlen(json) == len);
  if (json != NULL) {
    EXPECT(starts_with(json, "{\"findings\":[{\"rule\":\"t.hey\",\"level\":\"warning\""));
    EXPECT(strstr(json, "\"offset\":{\"byte\":[11,14],\"utf16\":[11,14],\"codepoint\":[11,14]}") !=
           NULL);
    EXPECT(strstr(json, "\"offset\":{\"byte\":[15,18],\"utf16\":[15,16],\"codepoint\":[15,16]}") !=
           NULL);
    EXPECT(strstr(json, "\"suggestions\":[\"Hello\",\"Good morning\"]") != NULL);
    EXPECT(strstr(json,
                  "\"applicability\":\"unsafe\",\"fix\":{\"byte\":[11,14],"
                  "\"replacement\":\"Hello\",\"applicability\":\"unsafe\"") != NULL);
    EXPECT(strstr(json, "\"notes\":[]") != NULL);
    EXPECT(strstr(json,
                  "\"summary\":{\"findings\":2,\"error\":0,\"warning\":2,\"suggestion\":0,"
                  "\"preferred_used\":1}") != NULL);
  }
  EXPECT(vl_result_preferred_used(result) == 1);
  vl_free(json);
  /* len may be NULL. */
  EXPECT(vl_result_to_json(result, &json, NULL) == VL_OK && json != NULL);
  vl_free(json);
  vl_result_free(result);
}

static void test_rule_errors_name_file_line_column(void) {
  const char *bad_key = "glossary: brand\nterms:\n  - id: x\n    avoud: [a]\n";
  const char *bad_yaml = "glossary: [unclosed\n";
  vl_ruleset *r = (vl_ruleset *)1;
  EXPECT(vl_ruleset_from_string(&r, bad_key, strlen(bad_key), "brand.yml") == VL_ERR_RULES);
  EXPECT(r == NULL);
  EXPECT(starts_with(vl_last_error(), "brand.yml:4:5: "));
  EXPECT(strstr(vl_last_error(), "avoud") != NULL);
  EXPECT(vl_ruleset_from_string(&r, bad_yaml, strlen(bad_yaml), "brand.yml") == VL_ERR_RULES);
  EXPECT(starts_with(vl_last_error(), "brand.yml:2:1: "));
  EXPECT(vl_ruleset_from_string(&r, bad_yaml, strlen(bad_yaml), NULL) == VL_ERR_RULES);
  EXPECT(starts_with(vl_last_error(), "<string>:"));
  /* Success clears the message. */
  EXPECT(vl_ruleset_from_string(&r, kRules, strlen(kRules), "t.yml") == VL_OK);
  EXPECT_STR(vl_last_error(), "");
  EXPECT(vl_ruleset_rule_count(r) == 5);
  vl_ruleset_free(r);
}

static void test_load_files(void) {
  char dir[] = "/tmp/voicelint-capi-XXXXXX";
  char path[128];
  const char *paths[2];
  vl_ruleset *r = NULL;
  vl_scratch *s = NULL;
  vl_result *result = NULL;
  FILE *file;
  EXPECT(mkdtemp(dir) != NULL);
  snprintf(path, sizeof path, "%s/brand.yml", dir);
  file = fopen(path, "w");
  EXPECT(file != NULL);
  if (file == NULL) return;
  fputs(kRules, file);
  fclose(file);

  paths[0] = path;
  EXPECT(vl_ruleset_load(&r, paths, 1) == VL_OK);
  EXPECT(vl_ruleset_rule_count(r) == 5);
  EXPECT(vl_scratch_new(&s, r) == VL_OK);
  EXPECT(vl_check(r, s, "hey", 3, NULL, &result) == VL_OK);
  EXPECT(vl_result_count(result) == 1);
  vl_result_free(result);
  vl_scratch_free(s);
  vl_ruleset_free(r);

  /* A folder, plus the embedded rulebook by name. */
  paths[0] = dir;
  paths[1] = "default";
  EXPECT(vl_ruleset_load(&r, paths, 2) == VL_OK);
  EXPECT(vl_ruleset_rule_count(r) > 5);
  vl_ruleset_free(r);

  paths[0] = "/nonexistent/voicelint/rules.yml";
  r = (vl_ruleset *)1;
  EXPECT(vl_ruleset_load(&r, paths, 1) == VL_ERR_IO && r == NULL);
  EXPECT(strstr(vl_last_error(), "/nonexistent/voicelint/rules.yml") != NULL);

  file = fopen(path, "w");
  if (file != NULL) {
    fputs("glossary: t\nterms:\n  - id: x\n    level: loud\n    avoid: [a]\n", file);
    fclose(file);
  }
  paths[0] = path;
  EXPECT(vl_ruleset_load(&r, paths, 1) == VL_ERR_RULES);
  EXPECT(starts_with(vl_last_error(), path));
  EXPECT(strstr(vl_last_error(), ":4:") != NULL);
  remove(path);
  rmdir(dir);
}

static void test_default_rulebook(void) {
  vl_ruleset *r = NULL;
  vl_scratch *s = NULL;
  vl_result *result = NULL;
  const char *text = "Hey, no problem! 喂，你们不知道吗？";
  EXPECT(vl_ruleset_default(&r) == VL_OK);
  EXPECT(vl_scratch_new(&s, r) == VL_OK);
  EXPECT(vl_check(r, s, text, strlen(text), NULL, &result) == VL_OK);
  EXPECT(vl_result_count(result) == 5);
  EXPECT_STR(vl_result_at(result, 0)->rule, "ritz.casual-greeting");
  EXPECT_STR(vl_result_at(result, 4)->rule, "service-zh.dont-know");
  EXPECT_SPAN(vl_result_at(result, 4)->utf16, 21, 24);
  /* A result outlives its ruleset and scratch. */
  vl_scratch_free(s);
  vl_ruleset_free(r);
  EXPECT_STR(vl_result_at(result, 1)->rule, "ritz.no-problem");
  EXPECT_STR(vl_result_at(result, 1)->suggestions[0], "my pleasure");
  {
    char *json = NULL;
    EXPECT(vl_result_to_json(result, &json, NULL) == VL_OK);
    EXPECT(json != NULL && strstr(json, "\"rule\":\"service-zh.wei\"") != NULL);
    vl_free(json);
  }
  vl_result_free(result);
}

int main(void) {
  EXPECT(vl_ruleset_from_string(&rules, kRules, strlen(kRules), "t.yml") == VL_OK);
  EXPECT(vl_scratch_new(&scratch, rules) == VL_OK);
  if (rules == NULL || scratch == NULL) {
    fprintf(stderr, "cannot compile the test rules: %s\n", vl_last_error());
    return 1;
  }
  test_version();
  test_null_arguments();
  test_scratch_of_another_ruleset();
  test_findings_and_units();
  test_chinese_offsets();
  test_case_carried_into_the_fix();
  test_empty_text();
  test_invalid_utf8_is_reported_and_the_rest_checked();
  test_nul_bytes_inside_the_text();
  test_huge_text();
  test_markdown_option();
  test_min_level();
  test_fix_is_idempotent_and_leaves_unfixable_findings();
  test_json();
  test_rule_errors_name_file_line_column();
  test_load_files();
  test_default_rulebook();
  vl_scratch_free(scratch);
  vl_ruleset_free(rules);
  if (failures != 0) {
    fprintf(stderr, "%d expectation(s) failed\n", failures);
    return 1;
  }
  printf("capi_test: all expectations met\n");
  return 0;
}
