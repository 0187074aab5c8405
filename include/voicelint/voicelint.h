/* voicelint — the C API.
 *
 * voicelint checks a message (a customer reply, a chat draft) against a brand's
 * voice glossary: it finds every taboo phrase ("hey", "no problem", 喂, 不知道)
 * in English and Chinese text, with its exact position, a message and the
 * preferred replacements, and can rewrite the message with the fixes applied.
 * The rules are YAML glossaries (see DESIGN.md section 2 and README.md).
 *
 * Three objects:
 *   vl_ruleset  compiled rules. Build once (slow: milliseconds), immutable,
 *               share it between any number of threads.
 *   vl_scratch  working memory for checks against one ruleset. One per thread;
 *               reuse it for every check on that thread (that is what makes a
 *               check fast).
 *   vl_result   the findings of one check, owned by the caller.
 *
 * Example:
 *
 *   vl_ruleset *rules;  vl_scratch *scratch;  vl_result *result;
 *   if (vl_ruleset_default(&rules) != VL_OK) die(vl_last_error());
 *   vl_scratch_new(&scratch, rules);
 *   const char *text = "Hey, no problem!";
 *   if (vl_check(rules, scratch, text, strlen(text), NULL, &result) == VL_OK) {
 *     for (size_t i = 0; i < vl_result_count(result); i++) {
 *       const vl_finding *f = vl_result_at(result, i);
 *       printf("%u:%u %s: %s\n", f->line, f->column, f->rule, f->message);
 *     }
 *     vl_result_free(result);
 *   }
 *   vl_scratch_free(scratch);  vl_ruleset_free(rules);
 *
 * Conventions (like LevelDB's c.h and tree-sitter's api.h):
 *   - Functions are named vl_<object>_<verb>; the object comes first.
 *   - A function returns a vl_status (VL_OK = 0, errors negative) unless it
 *     returns a value. On failure the out-parameters are set to NULL / 0 and
 *     vl_last_error() describes the failure.
 *   - A NULL or otherwise invalid argument returns VL_ERR_ARG; it never
 *     crashes. Out of memory returns VL_ERR_NOMEM. No C++ exception ever
 *     leaves the library.
 *   - Every *_free function accepts NULL. Strings the library returns are
 *     UTF-8 and NUL-terminated; whoever owns them is stated per function.
 *   - Texts are UTF-8 given as pointer + length in bytes; they need no NUL
 *     terminator and may contain NUL bytes. Invalid UTF-8 is tolerated: the
 *     bad bytes are reported as notes (vl_result_note_at) and the rest of the
 *     text is checked as usual. VL_ERR_UTF8 is reserved and not returned by
 *     this version.
 *   - Positions in the checked text are half-open spans [begin, end) given in
 *     three units at once: UTF-8 bytes, UTF-16 code units (what JavaScript,
 *     Java, C# and LSP count) and Unicode code points (what Python counts). An
 *     invalid UTF-8 byte counts as one code point and one UTF-16 unit (it
 *     reads as U+FFFD). Lines and columns are 1-based; a column counts code
 *     points from the start of its line.
 *
 * Thread-safety: a vl_ruleset may be used by any number of threads at once. A
 * vl_scratch must be used by one thread at a time (give each thread its own).
 * A vl_result is a plain value: read it from any thread, free it once.
 * vl_last_error() is per thread. Everything else is a pure function.
 *
 * The library is libvoicelint.so (SONAME libvoicelint.so.0); build against it
 * with `find_package(voicelint)` (target voicelint::voicelint) or with
 * `pkg-config --cflags --libs voicelint`. This header compiles as C99 and as
 * C++.
 */
#ifndef VOICELINT_VOICELINT_H_
#define VOICELINT_VOICELINT_H_

#include <stddef.h>
#include <stdint.h>

/* Marks the API: libvoicelint.so is built with hidden visibility, so only these
 * symbols are exported. */
#if defined(__GNUC__)
#define VL_EXPORT __attribute__((visibility("default")))
#else
#define VL_EXPORT
#endif

#ifdef __cplusplus
extern "C" {
#endif

#define VOICELINT_VERSION_MAJOR 0
#define VOICELINT_VERSION_MINOR 2
#define VOICELINT_VERSION_PATCH 0

/* ------------------------------------------------------------------------ */
/* Types                                                                    */
/* ------------------------------------------------------------------------ */

typedef struct vl_ruleset vl_ruleset; /* compiled rules: immutable, share across threads */
typedef struct vl_scratch vl_scratch; /* per-thread working memory for one ruleset */
typedef struct vl_result vl_result;   /* findings of one check, owned by the caller */

typedef enum {
  VL_OK = 0,
  VL_ERR_ARG = -1,      /* NULL or invalid argument (also: a scratch of another ruleset) */
  VL_ERR_NOMEM = -2,    /* out of memory */
  VL_ERR_IO = -3,       /* a rule file could not be read */
  VL_ERR_RULES = -4,    /* a rule file is invalid; vl_last_error() says where */
  VL_ERR_UTF8 = -5,     /* reserved: invalid UTF-8 is tolerated (see above) */
  VL_ERR_INTERNAL = -99 /* a bug in voicelint; vl_last_error() has details */
} vl_status;

/* How serious a finding is. Ordered: a minimum level keeps findings >= it. */
typedef enum { VL_SUGGESTION = 1, VL_WARNING = 2, VL_ERROR = 3 } vl_level;

/* How to read the text. Markdown skips code spans and blocks, link targets,
 * HTML comments, front matter and block quotes (DESIGN.md section 5). */
typedef enum { VL_INPUT_TEXT = 0, VL_INPUT_MARKDOWN = 1 } vl_input;

/* A half-open range [begin, end) in one unit (see the conventions above). */
typedef struct {
  size_t begin, end;
} vl_span;

/* One taboo phrase found in the text. Every pointer is owned by the vl_result
 * it came from and lives until vl_result_free. */
typedef struct {
  const char *rule;    /* "<glossary>.<id>", e.g. "ritz.casual-greeting" */
  const char *message; /* the rule's message with the match filled in */
  const char *match;   /* the original text of the span (its bytes, verbatim) */
  vl_level level;
  vl_span byte;      /* UTF-8 byte offsets into the checked text */
  vl_span utf16;     /* UTF-16 code-unit offsets */
  vl_span codepoint; /* code-point offsets */
  uint32_t line;     /* 1-based line of span begin */
  uint32_t column;   /* 1-based column of span begin, in code points */
  /* Replacements of the match, best first: the rule's preferred phrases
   * fitted to where the match stands (a capital only at the start of a
   * sentence, HEY -> HELLO, Traditional characters in Traditional text).
   * When the rule has a fix that replaces just the match, suggestions[0] is
   * what it writes; the fix itself, which may reach beyond the match (an
   * article that must agree: "an awesome" -> "a wonderful"), and whether it
   * is safe, are in vl_result_fix_at. Empty when the rule has none. */
  const char *const *suggestions;
  size_t suggestion_count;
} vl_finding;

/* How far a finding's fix may be trusted (as ruff's safe / unsafe /
 * display-only fixes). Ordered: a higher value is more trustworthy. */
typedef enum {
  VL_FIX_DISPLAY = 0, /* no machine edit: suggestions for a person only */
  VL_FIX_UNSAFE = 1,  /* an edit that may change the meaning or read wrong; vl_fix applies it
                         only with options.unsafe_fixes */
  VL_FIX_SAFE = 2     /* an edit vl_fix applies */
} vl_applicability;

/* The machine edit of one finding. Owned by the vl_result. */
typedef struct {
  vl_applicability applicability;
  /* The text the edit replaces, in three units (all empty for
   * VL_FIX_DISPLAY); it covers the finding's span and may reach beyond it. */
  vl_span byte, utf16, codepoint;
  const char *replacement; /* UTF-8; NULL for VL_FIX_DISPLAY; "" deletes the span */
  const char *note;        /* why the fix is not safe; "" when it is safe or there is none */
} vl_edit;

/* Something about the input itself rather than the brand voice, e.g. an
 * invalid UTF-8 byte. Owned by the vl_result. */
typedef struct {
  const char *message;
  size_t byte;     /* byte offset into the checked text */
  uint32_t line;   /* 1-based */
  uint32_t column; /* 1-based, in code points */
} vl_note;

/* Options of one check. Initialize with VL_OPTIONS_INIT, then change fields:
 *   vl_options options = VL_OPTIONS_INIT;  options.input = VL_INPUT_MARKDOWN;
 * struct_size lets later versions add fields without breaking callers; it
 * must cover at least the fields of 0.1 (struct_size, min_level, input), and
 * fields beyond it read as their defaults. */
typedef struct {
  uint32_t struct_size;
  vl_level min_level; /* findings below this level are left out (default VL_SUGGESTION) */
  vl_input input;     /* default VL_INPUT_TEXT */
  /* vl_fix: 0 (default) applies safe fixes only; non-zero also unsafe ones.
   * Added in 0.2; a caller built against 0.1 passes a struct_size without
   * it, which reads as 0. */
  int unsafe_fixes;
} vl_options;
#define VL_OPTIONS_INIT \
  { sizeof(vl_options), VL_SUGGESTION, VL_INPUT_TEXT, 0 }

/* ------------------------------------------------------------------------ */
/* Library                                                                  */
/* ------------------------------------------------------------------------ */

/* The library's version, "MAJOR.MINOR.PATCH" ("0.2.0"). Static storage; do not
 * free. Thread-safe. */
VL_EXPORT const char *vl_version(void);

/* Why the last failing call on this thread failed: for rule-file errors one
 * line per error, "file:line:col: message" (line and column 1-based, column in
 * code points). Every function that returns a vl_status resets it to "" when
 * it succeeds. Never NULL; valid until the next voicelint call on this thread;
 * do not free. Thread-safe (each thread has its own). */
VL_EXPORT const char *vl_last_error(void);

/* Frees a buffer returned by vl_result_to_json or vl_fix. Accepts NULL. */
VL_EXPORT void vl_free(void *buffer);

/* ------------------------------------------------------------------------ */
/* Rulesets                                                                 */
/* ------------------------------------------------------------------------ */

/* Compiles the default rulebook embedded in the library (the rules/ folder of
 * the source tree: Ritz-style English and Chinese service language).
 * On VL_OK, *out is a new ruleset the caller frees with vl_ruleset_free.
 * Returns VL_ERR_ARG if out is NULL. Thread-safe. */
VL_EXPORT int vl_ruleset_default(vl_ruleset **out);

/* Reads and compiles rule files: `paths` holds `count` (>= 1) paths of YAML
 * rule files or folders of them (*.yml, *.yaml, recursively); the name
 * "default" stands for the embedded rulebook. Errors of all files are
 * collected into vl_last_error(), one "file:line:col: message" per line.
 * Returns VL_ERR_IO when a path does not exist or cannot be read,
 * VL_ERR_RULES when a file is invalid, VL_ERR_ARG for NULL arguments or
 * count == 0. On VL_OK, *out is a new ruleset (free with vl_ruleset_free).
 * Thread-safe. */
VL_EXPORT int vl_ruleset_load(vl_ruleset **out, const char *const *paths, size_t count);

/* Compiles one rule file given as text: `yaml` is `len` bytes of UTF-8 YAML.
 * `name` (NULL = "<string>") names the file in error messages, e.g.
 * "brand.yml:3:5: unknown key 'avoud'". Returns VL_ERR_RULES when the text is
 * not a valid rule file, VL_ERR_ARG for NULL out or yaml. On VL_OK, *out is a
 * new ruleset (free with vl_ruleset_free). Thread-safe. */
VL_EXPORT int vl_ruleset_from_string(vl_ruleset **out, const char *yaml, size_t len,
                                     const char *name);

/* The number of rules in the ruleset (0 for NULL). Thread-safe. */
VL_EXPORT size_t vl_ruleset_rule_count(const vl_ruleset *ruleset);

/* Frees a ruleset. Accepts NULL. Every scratch made for it must be freed
 * first, and no thread may still use it; results stay valid. */
VL_EXPORT void vl_ruleset_free(vl_ruleset *ruleset);

/* ------------------------------------------------------------------------ */
/* Scratch                                                                  */
/* ------------------------------------------------------------------------ */

/* Allocates working memory for checks against `ruleset`. Cheap, but keep it
 * and reuse it: buffers grow to the largest text checked and stay. Use it
 * from one thread at a time, and only with the ruleset it was made for
 * (another ruleset returns VL_ERR_ARG). On VL_OK, *out is a new scratch the
 * caller frees with vl_scratch_free before freeing the ruleset. */
VL_EXPORT int vl_scratch_new(vl_scratch **out, const vl_ruleset *ruleset);

/* Frees a scratch. Accepts NULL. */
VL_EXPORT void vl_scratch_free(vl_scratch *scratch);

/* ------------------------------------------------------------------------ */
/* Checking                                                                 */
/* ------------------------------------------------------------------------ */

/* Checks `len` bytes of UTF-8 at `utf8` (utf8 may be NULL when len is 0).
 * `options` NULL means VL_OPTIONS_INIT. `scratch` must have been made for
 * `ruleset`. On VL_OK, *out is a new result (findings ordered by position,
 * never overlapping) that the caller frees with vl_result_free; it does not
 * point into `utf8` and may outlive the ruleset. Invalid UTF-8 is not an
 * error: see vl_result_note_at. Returns VL_ERR_ARG for NULL handles or out,
 * a scratch of another ruleset, or invalid options. Thread-safe with respect
 * to the ruleset; the scratch is used exclusively during the call. */
VL_EXPORT int vl_check(const vl_ruleset *ruleset, vl_scratch *scratch, const char *utf8, size_t len,
                       const vl_options *options, vl_result **out);

/* The number of findings (0 for NULL). */
VL_EXPORT size_t vl_result_count(const vl_result *result);

/* The index-th finding, or NULL when result is NULL or index >= count. Owned
 * by the result. */
VL_EXPORT const vl_finding *vl_result_at(const vl_result *result, size_t index);

/* The fix of the index-th finding, or NULL when result is NULL or index >=
 * count. Owned by the result. */
VL_EXPORT const vl_edit *vl_result_fix_at(const vl_result *result, size_t index);

/* The number of notes about the input (e.g. invalid UTF-8), 0 for NULL. */
VL_EXPORT size_t vl_result_note_count(const vl_result *result);

/* The index-th note, or NULL when result is NULL or index >= count. Owned by
 * the result. */
VL_EXPORT const vl_note *vl_result_note_at(const vl_result *result, size_t index);

/* How often the text used the rules' encouraged phrases ("certainly", 您好). */
VL_EXPORT size_t vl_result_preferred_used(const vl_result *result);

/* The result as one JSON object, UTF-8, NUL-terminated:
 *   {"findings": [...], "notes": [...], "summary": {...}}
 * Each finding has exactly the shape of a finding in `voicelint check
 * --format json` (DESIGN.md section 6): rule, level, message, match, line,
 * column, end_line, end_column, offset {byte, utf16, codepoint}, suggestions
 * (the rule's preferred phrases as written), fix {byte, replacement} or null.
 * A note is {message, line, column, byte}; the summary counts findings by
 * level and preferred_used. On VL_OK, *json is a new buffer the caller frees
 * with vl_free, and *len (if len is not NULL) is its length without the NUL.
 * Returns VL_ERR_ARG for a NULL result or json. Thread-safe. */
VL_EXPORT int vl_result_to_json(const vl_result *result, char **json, size_t *len);

/* Frees a result. Accepts NULL. */
VL_EXPORT void vl_result_free(vl_result *result);

/* Checks the text like vl_check and rewrites it with the fix of every finding
 * (at or above options->min_level) whose fix is VL_FIX_SAFE, or also
 * VL_FIX_UNSAFE when options->unsafe_fixes is set (see vl_result_fix_at).
 * Fixing a fixed text changes nothing. Findings without such a fix are left
 * as they are (check the fixed text to see them). On VL_OK,
 * *fixed is a new NUL-terminated buffer the caller frees with vl_free and
 * *fixed_len (if not NULL) its length in bytes without the NUL. Errors as
 * vl_check. */
VL_EXPORT int vl_fix(const vl_ruleset *ruleset, vl_scratch *scratch, const char *utf8, size_t len,
                     const vl_options *options, char **fixed, size_t *fixed_len);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* VOICELINT_VOICELINT_H_ */
