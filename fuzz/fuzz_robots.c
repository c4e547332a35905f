/*
 * fuzz/fuzz_robots.c - the robots.txt fuzz target: any bytes, as a robots.txt, through
 * hd_robots_parse (for "hurdle", and again for no agent with half the byte limit) and
 * hd_robots_check on paths taken from the input itself (every line's value) and on fixed
 * ones; plus a differential check of the matcher against a simple reference.
 *
 * Built two ways (fuzz/CMakeLists.txt): with clang and -fsanitize=fuzzer as a libFuzzer
 * target, and with gcc linked to replay.c, which replays fuzz/corpus/robots/ under ctest.
 * The ctx is made once and stays reachable; everything made for one input is freed before
 * returning, so LeakSanitizer sees a leak as a leak.
 *
 * Besides "no crash, no leak, no hang", each input checks what a caller relies on and
 * abort()s when it is broken:
 *   - parsing succeeds (only ENOMEM may fail it, and the default allocator does not);
 *   - check() is deterministic and returns what its verdict says;
 *   - a verdict's line is 0 with the rule "" (or /robots.txt's reason), else a line within
 *     the file with a non-empty "key: value" rule;
 *   - crawl-delay is -1 or within [0, HD_ROBOTS_MAX_DELAY]; sitemaps are http(s) URLs or relative references and
 *     at most HD_ROBOTS_MAX_SITEMAPS;
 *   - a pattern over "ab/ *$" and a path over "ab/" built from the first bytes decide as a
 *     reference quadratic matcher (a table of prefix matches) says.
 */
#include <hurdle.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/net/robots.h"

#define MAX_PATHS    24
#define PATH_MAX_LEN 512
#define DIFF_LEN     20

/* libFuzzer's entry point; its name is fixed. */
// NOLINTNEXTLINE(readability-identifier-naming)
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static hurdle_ctx *fuzz_ctx;

static void fail(const char *what)
{
    (void)fprintf(stderr, "fuzz_robots: %s (%s)\n", what,
                  fuzz_ctx ? hurdle_ctx_error(fuzz_ctx) : "");
    abort();
}

static size_t count_lines(const uint8_t *data, size_t size)
{
    size_t lines = 1;

    for (size_t i = 0; i < size; i++) {
        lines += data[i] == '\n' || data[i] == '\r' ? 1 : 0;
    }
    return lines;
}

static void check_path(const hd_robots *r, const char *path, size_t lines)
{
    hd_robots_verdict v;
    hd_robots_verdict again;
    bool allowed = hd_robots_check(r, path, &v);

    if (allowed != v.allowed || hd_robots_check(r, path, NULL) != allowed) {
        fail("check() disagrees with its verdict or with itself");
    }
    (void)hd_robots_check(r, path, &again);
    if (again.allowed != v.allowed || again.line != v.line || again.rule != v.rule) {
        fail("two checks of the same path gave different verdicts");
    }
    if (!v.rule || v.line > lines) {
        fail("verdict without a rule, or with a line past the end of the file");
    }
    if (v.line > 0 && (v.rule[0] == '\0' || !strstr(v.rule, ": "))) {
        fail("a deciding line without its rule text");
    }
}

/* "http://" or "https://", in any case. */
static bool has_http_scheme(const char *url)
{
    static const char want[] = "https://";
    size_t j = 0;

    for (size_t i = 0; i < sizeof(want) - 1; i++) {
        char c = (char)(url[j] >= 'A' && url[j] <= 'Z' ? url[j] - 'A' + 'a' : url[j]);

        if (c == want[i]) {
            j++;
        } else if (want[i] != 's') {
            return false;
        }
    }
    return true;
}

static void check_state(const hd_robots *r)
{
    double delay = hd_robots_crawl_delay(r);
    size_t n = hd_robots_sitemap_count(r);

    if (delay != -1 && !(delay >= 0 && delay <= HD_ROBOTS_MAX_DELAY)) {
        fail("crawl-delay out of range");
    }
    if (n > HD_ROBOTS_MAX_SITEMAPS || hd_robots_sitemap(r, n) != NULL) {
        fail("too many sitemaps, or one past the end");
    }
    for (size_t i = 0; i < n; i++) {
        const char *url = hd_robots_sitemap(r, i);

        /* an http(s) URL, or a relative reference: a ':' before any '/' names a scheme */
        size_t colon = url ? strcspn(url, ":/?#") : 0;
        if (!url || !*url || (url[colon] == ':' && !has_http_scheme(url))) {
            fail("a sitemap that is neither an http(s) URL nor a relative reference");
        }
        for (const char *q = url; *q; q++) {
            if ((unsigned char)*q <= 0x20 || *q == 0x7f) {
                fail("a sitemap URL with a space or a control");
            }
        }
    }
}

/* Paths from the input: each line's bytes after its first ':' (up to PATH_MAX_LEN). */
static void check_input_paths(const hd_robots *r, const uint8_t *data, size_t size, size_t lines)
{
    static const char *fixed[] = { "",          "/",         "/robots.txt", "/a",   "/a/b?c=d",
                                   "/%",        "/%2A",      "*",           "/$",   "/\xc3\xa4",
                                   "/%c3%a4x$", "?q=1#frag", "/a%2Fb",      "/a*b", NULL };
    char path[PATH_MAX_LEN + 1];
    size_t found = 0;

    for (size_t i = 0; fixed[i]; i++) {
        check_path(r, fixed[i], lines);
    }
    for (size_t i = 0; i < size && found < MAX_PATHS; i++) {
        size_t n = 0;

        if (data[i] != ':') {
            continue;
        }
        for (i++; i < size && data[i] == ' '; i++) {
        }
        while (i < size && n < PATH_MAX_LEN && data[i] != '\n' && data[i] != '\r' && data[i]) {
            path[n++] = (char)data[i++];
        }
        path[n] = '\0';
        check_path(r, path, lines);
        found++;
    }
}

/* The reference: a table of which pattern prefix matches which path prefix, quadratic and
   plainly right. A final '$' anchors; any other '$' is a literal (the paths have none). */
static bool ref_match(const char *pat, const char *path)
{
    size_t m = strlen(pat);
    size_t n = strlen(path);
    bool anchored = m > 0 && pat[m - 1] == '$';
    bool dp[DIFF_LEN + 2][DIFF_LEN + 2] = { { false } }; /* pat[0..i) matches path[0..j) */
    bool any = false;

    m -= anchored ? 1 : 0;
    dp[0][0] = true;
    for (size_t i = 1; i <= m; i++) {
        for (size_t j = 0; j <= n; j++) {
            bool star = pat[i - 1] == '*' && (dp[i - 1][j] || (j > 0 && dp[i][j - 1]));
            bool same = j > 0 && pat[i - 1] == path[j - 1] && dp[i - 1][j - 1];

            dp[i][j] = star || same;
        }
    }
    for (size_t j = anchored ? n : 0; j <= n; j++) {
        any = any || dp[m][j]; /* unanchored, the pattern need only match a prefix */
    }
    return any;
}

static void check_differential(const uint8_t *data, size_t size)
{
    static const char pat_chars[] = "ab/*$";
    static const char path_chars[] = "ab/";
    char pat[DIFF_LEN + 2] = "/";
    char path[DIFF_LEN + 2] = "/";
    char txt[64 + DIFF_LEN];
    hd_robots *r = NULL;
    size_t i;
    int n;

    for (i = 0; i < DIFF_LEN && i < size; i++) {
        pat[i + 1] = pat_chars[data[i] % 5];
        path[i + 1] = path_chars[(data[i] >> 3) % 3];
    }
    pat[i + 1] = '\0';
    path[(i + 1) / 2 + 1] = '\0';
    n = snprintf(txt, sizeof(txt), "User-agent: *\nDisallow: %s\n", pat);
    if (hd_robots_parse(&r, fuzz_ctx, txt, (size_t)n, "hurdle", 0) != HURDLE_OK) {
        fail("parsing the differential robots.txt failed");
    }
    if (hd_robots_check(r, path, NULL) == ref_match(pat, path)) {
        (void)fprintf(stderr, "pattern %s path %s: reference says %d\n", pat, path,
                      ref_match(pat, path));
        fail("the matcher disagrees with the reference");
    }
    hd_robots_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t lines = count_lines(data, size);
    hd_robots *r = NULL;

    if (!fuzz_ctx && hurdle_ctx_new(&fuzz_ctx, NULL) != HURDLE_OK) {
        fail("hurdle_ctx_new failed");
    }
    if (hd_robots_parse(&r, fuzz_ctx, (const char *)data, size, "hurdle", 0) != HURDLE_OK || !r) {
        fail("hd_robots_parse failed");
    }
    check_state(r);
    check_input_paths(r, data, size, lines);
    hd_robots_free(r);
    if (hd_robots_parse(&r, fuzz_ctx, (const char *)data, size, NULL, size / 2 + 1) != HURDLE_OK) {
        fail("hd_robots_parse without an agent failed");
    }
    check_state(r);
    check_input_paths(r, data, size, lines);
    hd_robots_free(r);
    check_differential(data, size);
    return 0;
}
