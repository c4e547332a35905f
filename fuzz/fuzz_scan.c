/*
 * fuzz/fuzz_scan.c - the page-analysis fuzz target: any bytes, as a page,
 * through hurdle_scan_bytes and the JSON writer (the whole per-page
 * pipeline: parse, extract, rules, score, report).
 *
 * Built two ways (fuzz/CMakeLists.txt, STYLE.md Appendix C): with clang and
 * -fsanitize=fuzzer as a libFuzzer target, and with gcc linked to replay.c,
 * which feeds the seed corpus to it as a ctest regression test.
 *
 * The rule set is loaded once, on the first input, from $HURDLE_RULES or
 * else HURDLE_FUZZ_RULES_DIR (the source tree's rules/, set by CMake); it
 * and its ctx stay reachable for the process's lifetime by design. Everything
 * made for one input is freed before returning, so LeakSanitizer sees a leak
 * as a leak.
 *
 * Besides "no crash, no leak, no hang", each input checks the contracts a
 * caller relies on, and abort()s when one is broken:
 *   - a failure leaves a message in the ctx (STYLE.md §4);
 *   - the JSON report is NUL-free, its length is `len`, and it ends with a
 *     newline (include/hurdle/report.h);
 *   - analysis is a pure function of the bytes (DESIGN.md §1): a second scan
 *     of the same input gives the same JSON, byte for byte (checked for
 *     inputs up to 64 KB, to keep the fuzzer fast).
 */
#include <hurdle.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef HURDLE_FUZZ_RULES_DIR
#define HURDLE_FUZZ_RULES_DIR "rules"
#endif

#define RECHECK_MAX_BYTES ((size_t)64 << 10)

/* libFuzzer's entry point; its name is fixed. */
// NOLINTNEXTLINE(readability-identifier-naming)
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static hurdle_ctx *fuzz_ctx;
static const hurdle_ruleset *fuzz_rules;

static void fail(const char *what, int rc)
{
    (void)fprintf(stderr, "fuzz_scan: %s (%s): %s\n", what, hurdle_status_name(rc),
                  fuzz_ctx ? hurdle_ctx_error(fuzz_ctx) : "");
    abort();
}

static void init_once(void)
{
    const char *dir = getenv("HURDLE_RULES");
    hurdle_ruleset *rules = NULL;
    int rc;

    if (!dir || !*dir) {
        dir = HURDLE_FUZZ_RULES_DIR;
    }
    rc = hurdle_global_init();
    if (rc < 0) {
        fail("hurdle_global_init failed", rc);
    }
    rc = hurdle_ctx_new(&fuzz_ctx, NULL);
    if (rc < 0) {
        fail("hurdle_ctx_new failed", rc);
    }
    rc = hurdle_ruleset_load(&rules, fuzz_ctx, &dir, 1);
    if (rc < 0) {
        (void)fprintf(stderr, "fuzz_scan: cannot load rules from %s (set HURDLE_RULES)\n", dir);
        fail("hurdle_ruleset_load failed", rc);
    }
    fuzz_rules = rules;
}

/* One scan of the input to JSON; returns the status, `json` set on success. */
static int scan_once(hurdle_buf *json, const uint8_t *data, size_t size)
{
    hurdle_scan_options opts = HURDLE_SCAN_OPTIONS_INIT;
    hurdle_report *report = NULL;
    int rc;

    opts.timestamps = false;
    rc = hurdle_scan_bytes(&report, fuzz_ctx, fuzz_rules, "https://fuzz.example/offer/page.html",
                           (const char *)data, size, &opts);
    if (rc == HURDLE_OK) {
        rc = hurdle_report_write_json(json, fuzz_ctx, report, 0);
    } else if (report) {
        fail("hurdle_scan_bytes failed but set *out", rc);
    }
    if (rc < 0 && hurdle_ctx_error(fuzz_ctx)[0] == '\0') {
        fail("a failure without a message", rc);
    }
    hurdle_report_free(report);
    return rc;
}

static void check_json(const hurdle_buf *json)
{
    if (!json->ptr || json->len == 0) {
        fail("empty JSON report", HURDLE_OK);
    }
    if (strlen(json->ptr) != json->len) {
        fail("JSON report contains a NUL byte or a wrong length", HURDLE_OK);
    }
    if (json->ptr[json->len - 1] != '\n') {
        fail("JSON report does not end with a newline", HURDLE_OK);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    hurdle_buf first = HURDLE_BUF_INIT;
    hurdle_buf second = HURDLE_BUF_INIT;
    int rc;

    if (!fuzz_rules) {
        init_once();
    }
    rc = scan_once(&first, data, size);
    if (rc == HURDLE_OK) {
        check_json(&first);
        if (size <= RECHECK_MAX_BYTES) {
            rc = scan_once(&second, data, size);
            if (rc == HURDLE_OK &&
                (second.len != first.len || memcmp(first.ptr, second.ptr, first.len) != 0)) {
                fail("two scans of the same bytes gave different reports", rc);
            }
        }
    }
    hurdle_buf_dispose(&first);
    hurdle_buf_dispose(&second);
    return 0;
}
