/*
 * fuzz/fuzz_url.c - the URL fuzz target: the input, split at its first NUL or newline into a
 * base and an href, through hd_url_normalize (both), hd_url_resolve (href against base),
 * hd_url_split of every URL they give, the crawl's scope checks (host, prefix and domain,
 * --include/--exclude, trap guards), the frontier's hosts, and hd_url_redact and
 * hd_url_userinfo of the raw strings.
 *
 * Built two ways (fuzz/CMakeLists.txt): with clang and -fsanitize=fuzzer as a libFuzzer
 * target, and with gcc linked to replay.c, which replays fuzz/corpus/url/ under ctest. The
 * ctx is made once and stays reachable; everything made for one input is freed before
 * returning (scopes and frontier too, so that no state carries over between inputs), so
 * LeakSanitizer sees a leak as a leak.
 *
 * Besides "no crash, no leak, no hang", each input checks what callers rely on and abort()s,
 * naming the broken invariant, when one does not hold:
 *   - a failure is EINVAL (ENOMEM cannot happen) with a one-line message and *out NULL;
 *   - a result starts with "http://" or "https://", is at most HD_URL_MAX bytes, and has no
 *     space, no C0 or C1 control and no DEL;
 *   - normalizing a result gives it back (normalization is idempotent);
 *   - hd_url_split() of a result succeeds, with a non-empty host, a path starting with '/',
 *     a port from 0 to 65535 and every part inside the string;
 *   - a scope decision is one of hd_skip's values with a NUL-terminated reason that fits its
 *     buffer, the same when asked again (for URLs without a query: the variant count moves);
 *   - a URL added as a start is never outside its own scope, in each mode;
 *   - the frontier's host of a result is its origin, and a second call gives the same host;
 *   - hd_url_redact()'s copy of any input is one line without controls.
 */
#include <hurdle.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/core/frontier.h"
#include "../src/core/scope.h"
#include "../src/net/url.h"
#include "../src/util/alloc.h"

#define WHY_SIZE 160

/* libFuzzer's entry point; its name is fixed. */
// NOLINTNEXTLINE(readability-identifier-naming)
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static hurdle_ctx *fuzz_ctx;

static void fail(const char *what, const char *url)
{
    (void)fprintf(stderr, "fuzz_url: %s: [%s] (%s)\n", what, url ? url : "",
                  fuzz_ctx ? hurdle_ctx_error(fuzz_ctx) : "");
    abort();
}

/* A space, a C0 control, DEL or a C1 control in UTF-8 (U+0080-U+009F). */
static bool has_control(const char *s, bool space_ok)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p < 0x20 || (*p == ' ' && !space_ok) || *p == 0x7f) ||
            (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)) {
            return true;
        }
    }
    return false;
}

static void check_failure(int rc, const char *out, const char *in)
{
    if (rc != HURDLE_EINVAL || out) {
        fail("a failure that is not EINVAL, or with a result", in);
    }
    if (hurdle_ctx_error(fuzz_ctx)[0] == '\0' || has_control(hurdle_ctx_error(fuzz_ctx), true)) {
        fail("a failure without a one-line message", in);
    }
    hd_clear_error(fuzz_ctx);
}

static void check_split(const char *url)
{
    size_t len = strlen(url);
    const char *end = url + len;
    hd_url_parts p;

    if (!hd_url_split(&p, url)) {
        fail("a result hd_url_split() refuses", url);
    }
    if (p.host_len == 0 || p.path_len == 0 || p.path[0] != '/') {
        fail("a result split without a host or with a path not starting with '/'", url);
    }
    if (p.port < 0 || p.port > 65535) { /* port 0 is a valid URL (RFC 3986, WHATWG) */
        fail("a result split with a port out of range", url);
    }
    if (p.scheme != url || p.origin != url || p.host + p.host_len > end || p.origin_len > len ||
        p.path + p.path_len > end || p.query + p.query_len > end ||
        p.host < url + p.scheme_len + 3) {
        fail("a part of a split result outside the string", url);
    }
    if ((p.scheme_len != 4 || memcmp(url, "http", 4) != 0) &&
        (p.scheme_len != 5 || memcmp(url, "https", 5) != 0)) {
        fail("a result split with a scheme that is not http(s)", url);
    }
}

/* The checks of one scope: a valid decision, a reason that fits, the same when asked again. */
static void check_scope(hd_scope_set *s, const char *url)
{
    char why[WHY_SIZE];
    char again[WHY_SIZE];
    char tiny[6];
    hd_skip a;
    hd_skip b;
    bool query = strchr(url, '?') != NULL;

    memset(why, 'x', sizeof(why));
    a = hd_scope_check(s, url, why, sizeof(why));
    if ((unsigned)a >= HD_SKIP_COUNT || !memchr(why, '\0', sizeof(why))) {
        fail("a scope decision out of range, or a reason without its NUL", url);
    }
    if ((a == HD_SKIP_NONE) != (why[0] == '\0')) {
        fail("a scope decision whose reason is empty when it skips, or set when not", url);
    }
    b = hd_scope_check(s, url, again, sizeof(again));
    if (!query && (a != b || strcmp(why, again) != 0)) {
        fail("two scope decisions on one URL without a query differ", url);
    }
    memset(tiny, 'x', sizeof(tiny));
    (void)hd_scope_check(s, url, tiny, sizeof(tiny));
    if (!memchr(tiny, '\0', sizeof(tiny))) {
        fail("a scope reason overflows a small buffer", url);
    }
    (void)hd_scope_check(s, url, NULL, 0);
    (void)hd_scope_auth_host(s, url);
}

static hd_scope_set *new_scope(hurdle_scan_options *o, hurdle_scope mode)
{
    hd_scope_set *s = NULL;

    o->scope = mode;
    if (hd_scope_new(&s, fuzz_ctx, o) != HURDLE_OK) {
        fail("hd_scope_new failed", NULL);
    }
    return s;
}

/* The fixed scopes, and the URL as a start of its own in each mode. */
static void check_scopes(const char *url)
{
    static const char *const inc[] = { "^https?://", "/deals/" };
    static const char *const exc[] = { "/private/", "\\.pdf$" };
    static const char *const starts[] = { "http://a.example/deals/index.html",
                                          "https://www.example.co.uk/", "http://[::1]:8080/",
                                          NULL };
    hurdle_scan_options o = HURDLE_SCAN_OPTIONS_INIT;

    for (int mode = HURDLE_SCOPE_HOST; mode <= HURDLE_SCOPE_DOMAIN; mode++) {
        hd_scope_set *s;
        hd_skip own;
        o.include = mode == HURDLE_SCOPE_HOST ? inc : NULL;
        o.ninclude = mode == HURDLE_SCOPE_HOST ? 2 : 0;
        o.exclude = mode == HURDLE_SCOPE_HOST ? exc : NULL;
        o.nexclude = mode == HURDLE_SCOPE_HOST ? 2 : 0;
        s = new_scope(&o, (hurdle_scope)mode);
        for (size_t i = 0; starts[i]; i++) {
            if (hd_scope_add_start(s, starts[i]) != HURDLE_OK) {
                fail("a fixed start URL refused", starts[i]);
            }
        }
        check_scope(s, url);
        hd_scope_free(s);
        o.include = NULL;
        o.ninclude = 0;
        o.exclude = NULL;
        o.nexclude = 0;
        s = new_scope(&o, (hurdle_scope)mode);
        if (hd_scope_add_start(s, url) != HURDLE_OK ||
            hd_scope_add_auth_origin(s, url) != HURDLE_OK) {
            fail("a normalized URL refused as a start", url);
        }
        own = hd_scope_check(s, url, NULL, 0);
        if (own == HD_SKIP_SCOPE || !hd_scope_auth_host(s, url)) {
            fail("a start URL outside its own scope, or without its credentials", url);
        }
        check_scope(s, url);
        hd_scope_free(s);
    }
}

static void check_frontier(const char *url)
{
    hd_strmap urls;
    hd_frontier f;
    uint32_t a = 0;
    uint32_t b = 1;
    hd_host *h;

    hd_strmap_init(&urls, fuzz_ctx, 16);
    hd_frontier_init(&f, fuzz_ctx, &urls, 16);
    h = hd_frontier_host(&f, url, &a);
    if (!h || !h->origin || strncmp(url, h->origin, strlen(h->origin)) != 0 ||
        !strchr("/?", url[strlen(h->origin)])) {
        fail("the frontier's host of a URL is not its origin", url);
    }
    if (hd_frontier_host(&f, url, &b) != h || a != b || hd_frontier_nhosts(&f) != 1) {
        fail("the frontier gave a URL two hosts", url);
    }
    hd_frontier_dispose(&f);
    hd_strmap_dispose(&urls);
}

/* Every check of a URL that normalize or resolve gave. */
static void check_result(const char *url, bool deep)
{
    char *again = NULL;

    if (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0) {
        fail("a result that is not an http(s) URL", url);
    }
    if (strlen(url) > HD_URL_MAX) {
        fail("a result longer than HD_URL_MAX", url);
    }
    if (has_control(url, false)) {
        fail("a result with a space or a control character", url);
    }
    check_split(url);
    if (hd_url_normalize(&again, fuzz_ctx, url) != HURDLE_OK) {
        fail("a result that does not normalize", url);
    }
    if (strcmp(again, url) != 0) {
        (void)fprintf(stderr, "fuzz_url: normalized again: [%s]\n", again);
        fail("normalization is not idempotent", url);
    }
    hd_free(fuzz_ctx, again);
    if (deep) {
        check_scopes(url);
        check_frontier(url);
    }
}

/* Normalizes `in`; checks the result or the failure. Returns the result (caller frees). */
static char *normalize(const char *in)
{
    char *out = NULL;
    int rc = hd_url_normalize(&out, fuzz_ctx, in);

    if (rc == HURDLE_OK) {
        if (!out) {
            fail("success without a result", in);
        }
        check_result(out, true);
    } else {
        check_failure(rc, out, in);
    }
    return out;
}

/* A canonical absolute URL resolves to itself against any base. */
static void check_absolute(const char *url)
{
    char *res = NULL;

    if (hd_url_resolve(&res, fuzz_ctx, "http://other.example/x/", url) != HURDLE_OK ||
        strcmp(res, url) != 0) {
        (void)fprintf(stderr, "fuzz_url: resolved: [%s]\n", res ? res : "");
        fail("a normalized URL does not resolve to itself", url);
    }
    hd_free(fuzz_ctx, res);
}

static void check_raw(const char *s)
{
    char *r = hd_url_redact(fuzz_ctx, s);
    char *ui = NULL;

    if (!r || has_control(r, true)) {
        fail("a redacted URL with a control character", s);
    }
    hd_free(fuzz_ctx, r);
    if (hd_url_userinfo(&ui, fuzz_ctx, s) != HURDLE_OK) {
        fail("hd_url_userinfo failed", s);
    }
    hd_free(fuzz_ctx, ui);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t cut = 0;
    char *base;
    char *href;
    char *nbase;
    char *nhref;
    char *res = NULL;
    int rc;

    if (!fuzz_ctx && hurdle_ctx_new(&fuzz_ctx, NULL) != HURDLE_OK) {
        fail("hurdle_ctx_new failed", NULL);
    }
    while (cut < size && data[cut] != '\0' && data[cut] != '\n') {
        cut++;
    }
    base = malloc(cut + 1);
    href = malloc(size - cut + 1);
    if (!base || !href) {
        abort();
    }
    memcpy(base, data, cut);
    base[cut] = '\0';
    if (cut < size) {
        memcpy(href, data + cut + 1, size - cut - 1);
    }
    href[cut < size ? size - cut - 1 : 0] = '\0'; /* it ends at its first NUL, if any */

    check_raw(base);
    check_raw(href);
    nbase = normalize(base);
    nhref = normalize(href);
    rc = hd_url_resolve(&res, fuzz_ctx, base, href);
    if (rc == HURDLE_OK) {
        check_result(res, nbase == NULL || strcmp(res, nbase) != 0);
    } else {
        check_failure(rc, res, href);
    }
    if (nhref) {
        check_absolute(nhref);
    }
    hd_clear_error(fuzz_ctx);
    hd_free(fuzz_ctx, res);
    hd_free(fuzz_ctx, nbase);
    hd_free(fuzz_ctx, nhref);
    free(base);
    free(href);
    return 0;
}
