/* Time per vl_check of typical agent replies (a few hundred bytes each), with
 * one ruleset and one reused scratch: what an agent pays per message.
 *   capi_bench [ITERATIONS]     (use a release build) */
#define _POSIX_C_SOURCE 199309L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "voicelint/voicelint.h"

static const char *const kMessages[] = {
    "Hey, no problem! I'll look into your order right now and get back to you in a sec. "
    "Thanks for your patience, and sorry for the inconvenience.",
    "Good afternoon, Ms. Chen. Certainly, I'd be happy to help you change the delivery address. "
    "I have updated it, and the parcel will arrive on Thursday. Is there anything else I can do?",
    "您好，感谢您的耐心等待。您的订单已经发货，预计周四送达。如果还有其他问题，请随时联系我们，"
    "我们马上为您处理。",
    "喂，你们的订单我不知道在哪，没办法，你自己去查一下物流吧。",
    "Calm down, you people. As I said in my last email, that's our policy and there's nothing "
    "I can do. 我们这边也没办法。",
};
enum { kCount = sizeof kMessages / sizeof kMessages[0] };

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  const long iterations = argc > 1 ? atol(argv[1]) : 20000;
  vl_ruleset *rules = NULL;
  vl_scratch *scratch = NULL;
  size_t bytes = 0, findings = 0, i;
  long n;
  double start, elapsed;
  if (vl_ruleset_default(&rules) != VL_OK || vl_scratch_new(&scratch, rules) != VL_OK) {
    fprintf(stderr, "%s\n", vl_last_error());
    return 1;
  }
  for (i = 0; i < kCount; ++i) bytes += strlen(kMessages[i]);
  start = now();
  for (n = 0; n < iterations; ++n) {
    for (i = 0; i < kCount; ++i) {
      vl_result *result = NULL;
      if (vl_check(rules, scratch, kMessages[i], strlen(kMessages[i]), NULL, &result) != VL_OK) {
        return 1;
      }
      findings += vl_result_count(result);
      vl_result_free(result);
    }
  }
  elapsed = now() - start;
  printf(
      "%ld x %d messages (%zu bytes per round, %zu findings per round): %.2f us per message, "
      "%.1f MB/s\n",
      iterations, (int)kCount, bytes, findings / (size_t)iterations,
      elapsed * 1e6 / ((double)iterations * kCount),
      (double)bytes * (double)iterations / elapsed / 1e6);
  vl_scratch_free(scratch);
  vl_ruleset_free(rules);
  return 0;
}
