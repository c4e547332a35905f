/*
 * fuzz/fuzz_sitemap.c - the sitemap fuzz target: any bytes, as a sitemap (already
 * decompressed), through hd_sitemap_parse (src/html/sitemap.c, libxml2's xmlTextReader for
 * XML, libc for text sitemaps).
 *
 * Built two ways (fuzz/CMakeLists.txt, STYLE.md Appendix C): with clang and -fsanitize=fuzzer
 * as a libFuzzer target, and with gcc linked to replay.c, which feeds the seed corpus to it as
 * a ctest regression test. The fuzz targets see only include/, so the internal header is
 * included by its relative path; it names no libxml2 type.
 *
 * Each input gets its own ctx, freed before returning, so LeakSanitizer sees a leak as a leak.
 * Besides "no crash, no leak, no hang", each input checks the contracts of sitemap.h and
 * abort()s when one is broken:
 *   - every location is 1 to HD_SITEMAP_MAX_LOC bytes of valid UTF-8, starts with http:// or
 *     https://, and has no control character and no whitespace at either end;
 *   - stats.urls counts the callback's calls, and never passes max_urls;
 *   - the status is OK, EPARSE or ENOMEM, and a failure leaves a one-line message naming the
 *     sitemap;
 *   - parsing is a pure function of the bytes: a second parse delivers the same locations,
 *     and a parse cut at m locations (by max_urls or by the callback) delivers exactly the
 *     first m, ends OK, and says truncated only when cut by max_urls (inputs up to 64 KB).
 */
#include <hurdle.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../src/html/sitemap.h"

#define RECHECK_MAX_BYTES ((size_t)64 << 10)
#define FUZZ_NAME         "https://fuzz.example/sitemap.xml"

/* libFuzzer's entry point; its name is fixed. */
// NOLINTNEXTLINE(readability-identifier-naming)
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What one parse delivered. */
typedef struct run {
    size_t max_urls;   /* as passed; 0 is the default */
    size_t stop_after; /* the callback returns 1 after this many; 0: never */
    size_t watch;      /* record the hash after this many locations */
    size_t n;
    uint64_t hash; /* FNV-1a over the locations, each with its NUL */
    uint64_t hash_at_watch;
    hd_sitemap_stats stats;
    int rc;
} run;

static void fail(const char *what, const char *detail)
{
    (void)fprintf(stderr, "fuzz_sitemap: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    abort();
}

static bool valid_utf8_no_controls(const unsigned char *s, size_t n)
{
    size_t i = 0;

    while (i < n) {
        unsigned c = s[i];
        size_t k = c < 0x80 ? 1 : c < 0xC2 ? 0 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 0;
        if (k == 0 || k > n - i || c < 0x20 || c == 0x7F) {
            return false;
        }
        for (size_t j = 1; j < k; j++) {
            if ((s[i + j] & 0xC0) != 0x80) {
                return false;
            }
        }
        if ((c == 0xE0 && s[i + 1] < 0xA0) || (c == 0xED && s[i + 1] >= 0xA0) ||
            (c == 0xF0 && s[i + 1] < 0x90) || (c == 0xF4 && s[i + 1] >= 0x90)) {
            return false;
        }
        i += k;
    }
    return true;
}

static void check_loc(const char *loc)
{
    size_t n = strlen(loc);

    if (n == 0 || n > HD_SITEMAP_MAX_LOC) {
        fail("a location of a wrong length", loc);
    }
    if (strncasecmp(loc, "http://", 7) != 0 && strncasecmp(loc, "https://", 8) != 0) {
        fail("a location that is not http(s)", loc);
    }
    if (loc[0] == ' ' || loc[n - 1] == ' ') {
        fail("a location with whitespace at an end", loc);
    }
    if (!valid_utf8_no_controls((const unsigned char *)loc, n)) {
        fail("a location with invalid UTF-8 or a control character", loc);
    }
}

static int on_loc(const char *loc, void *payload)
{
    run *r = payload;
    size_t n;

    if (!loc) {
        fail("a NULL location", NULL);
    }
    check_loc(loc);
    n = strlen(loc);
    for (size_t i = 0; i <= n; i++) {
        r->hash = (r->hash ^ (unsigned char)loc[i]) * 0x100000001B3U;
    }
    r->n++;
    if (r->n == r->watch) {
        r->hash_at_watch = r->hash;
    }
    if (r->n > (r->max_urls ? r->max_urls : HD_SITEMAP_MAX_URLS)) {
        fail("more locations than max_urls", loc);
    }
    return r->stop_after && r->n >= r->stop_after ? 1 : 0;
}

static void parse_once(run *r, const uint8_t *data, size_t size)
{
    hurdle_ctx *ctx = NULL;

    r->n = 0;
    r->hash = 0xCBF29CE484222325U;
    r->hash_at_watch = r->hash;
    if (hurdle_ctx_new(&ctx, NULL) != HURDLE_OK) {
        fail("hurdle_ctx_new failed", NULL);
    }
    r->rc = hd_sitemap_parse(&r->stats, ctx, FUZZ_NAME, (const char *)data, size, r->max_urls,
                             on_loc, r);
    if (r->rc != HURDLE_OK && r->rc != HURDLE_EPARSE && r->rc != HURDLE_ENOMEM) {
        fail("an unexpected status", hurdle_status_name(r->rc));
    }
    if (r->rc < 0 && !strstr(hurdle_ctx_error(ctx), FUZZ_NAME) && r->rc != HURDLE_ENOMEM) {
        fail("a failure whose message does not name the sitemap", hurdle_ctx_error(ctx));
    }
    if (strchr(hurdle_ctx_error(ctx), '\n')) {
        fail("a message of more than one line", hurdle_ctx_error(ctx));
    }
    if (r->stats.urls != r->n) {
        fail("stats.urls differs from the callback's count", NULL);
    }
    if (r->stats.truncated && r->rc != HURDLE_OK) {
        fail("truncated but not OK", hurdle_ctx_error(ctx));
    }
    hurdle_ctx_free(ctx);
}

/* The same bytes again, whole and cut at m locations: the same locations, in order. */
static void recheck(const run *first, const uint8_t *data, size_t size)
{
    run again = { 0 };
    run cut = { 0 };
    size_t m = first->n / 2;

    again.watch = m;
    parse_once(&again, data, size);
    if (again.rc != first->rc || again.n != first->n || again.hash != first->hash ||
        again.stats.skipped != first->stats.skipped ||
        again.stats.truncated != first->stats.truncated) {
        fail("two parses of the same bytes differ", NULL);
    }
    if (m == 0) {
        return;
    }
    cut.max_urls = size % 2 ? m : 0;
    cut.stop_after = size % 2 ? 0 : m;
    parse_once(&cut, data, size);
    if (cut.rc != HURDLE_OK || cut.n != m || cut.hash != again.hash_at_watch) {
        fail("a parse cut at m locations did not deliver the first m", NULL);
    }
    if (cut.stats.truncated != (cut.max_urls != 0)) {
        fail("truncated is wrong after a cut", NULL);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool ready;
    run first = { 0 };

    if (!ready) {
        if (hurdle_global_init() != HURDLE_OK) {
            fail("hurdle_global_init failed", NULL);
        }
        ready = true;
    }
    parse_once(&first, data, size);
    if (first.stats.truncated && first.n != HD_SITEMAP_MAX_URLS) {
        fail("truncated below the default cap", NULL);
    }
    if (size <= RECHECK_MAX_BYTES) {
        recheck(&first, data, size);
    }
    return 0;
}
