/*
 * core/scope.c - the crawl's scope, filters and link-trap guards.
 *
 * Scope is decided on normalized URLs (net/url.c):
 *   host   - the host and port of a start URL (http and https alike when
 *            both use their default port, since sites move to https);
 *   prefix - under a start URL's folder ("http://a/deals/" for
 *            "http://a/deals/index.html");
 *   domain - the start host's domain and its subdomains: the last two
 *            labels of the host name, or three when the second-level label
 *            is a common public one (co.uk, com.au...). No public suffix
 *            list is read; an address is its own domain.
 * Then --exclude (wins), then --include. Then the trap guards: paths of
 * more than HD_TRAP_MAX_SEGMENTS segments, a segment repeated
 * HD_TRAP_MAX_REPEAT times ("/events/next/next/next/"), more than
 * HD_TRAP_MAX_PARAMS query parameters, and more than HD_TRAP_MAX_VARIANTS
 * different queries on one path (an endless calendar: "?month=...").
 */
#include "scope.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../net/url.h"
#include "../util/alloc.h"
#include "../util/hset.h"
#include "../util/strmap.h"

#define MAX_STARTS           1024
#define HD_TRAP_MAX_VARIANTS 200 /* different queries on one path */

struct hd_scope_set {
    hurdle_ctx *ctx;
    hurdle_scope mode;
    char *starts[MAX_STARTS]; /* per mode: origin, folder prefix or domain */
    size_t nstarts;
    char *auth[MAX_STARTS]; /* where credentials go: start origins ("https://h:8443"), or the
                               --auth-host names ("h" any port, "h:8443" that port) */
    size_t nauth;
    bool auth_given;
    hd_url_filter *filter;
    const hurdle_scan_options *opts;
    hd_strmap paths;   /* origin + path of URLs with a query */
    hd_hset queried;   /* hashes of the URLs with a query counted so far (each once) */
    size_t *variants;  /* per path id */
    size_t variants_cap;
};

static bool same_host(const hd_url_parts *p, const char *host)
{
    return p->host_len == strlen(host) && strncasecmp(p->host, host, p->host_len) == 0;
}

int hd_scope_new(hd_scope_set **out, hurdle_ctx *ctx, const hurdle_scan_options *opts)
{
    hd_scope_set *s = hd_calloc(ctx, 1, sizeof(*s));
    int rc;

    *out = NULL;
    if (!s) {
        return hd_oom(ctx);
    }
    s->ctx = ctx;
    s->mode = opts->scope;
    s->opts = opts;
    hd_strmap_init(&s->paths, ctx, (size_t)1 << 24);
    hd_hset_init(&s->queried, ctx, (size_t)1 << 22);
    rc = hd_url_filter_new(&s->filter, ctx, opts->include, opts->ninclude, opts->exclude,
                           opts->nexclude);
    for (size_t i = 0; rc == HURDLE_OK && i < opts->nauth_hosts && i < MAX_STARTS; i++) {
        s->auth[s->nauth] = hd_strdup(ctx, opts->auth_hosts[i]);
        rc = s->auth[s->nauth++] ? HURDLE_OK : hd_oom(ctx);
        s->auth_given = true;
    }
    if (rc < 0) {
        hd_scope_free(s);
        return rc;
    }
    *out = s;
    return HURDLE_OK;
}

void hd_scope_free(hd_scope_set *s)
{
    if (!s) {
        return;
    }
    for (size_t i = 0; i < s->nstarts; i++) {
        hd_free(s->ctx, s->starts[i]);
    }
    for (size_t i = 0; i < s->nauth; i++) {
        hd_free(s->ctx, s->auth[i]);
    }
    hd_url_filter_free(s->filter);
    hd_strmap_dispose(&s->paths);
    hd_hset_dispose(&s->queried);
    hd_free(s->ctx, s->variants);
    hd_free(s->ctx, s);
}

/* The domain of a host name: its last two labels, or three after a public second level. */
static size_t domain_start(const char *host, size_t len)
{
    static const char *const second[] = { "co",  "com", "org", "net", "ac",  "gov",
                                          "edu", "ne",  "or",  "go",  "gob", "nic" };
    size_t dots[3] = { 0, 0, 0 };
    size_t nd = 0;
    bool digits = true;

    for (size_t i = len; i-- > 0;) {
        digits = digits && ((host[i] >= '0' && host[i] <= '9') || host[i] == '.');
        if (host[i] == '.' && nd < 3) {
            dots[nd++] = i;
        }
    }
    if (digits || host[0] == '[' || nd < 2) {
        return 0; /* an address, or already a domain */
    }
    if (len - dots[0] - 1 == 2) {
        for (size_t k = 0; k < sizeof(second) / sizeof(second[0]); k++) {
            size_t n = dots[0] - dots[1] - 1;
            if (n == strlen(second[k]) && strncmp(host + dots[1] + 1, second[k], n) == 0) {
                return nd >= 3 ? dots[2] + 1 : 0;
            }
        }
    }
    return dots[1] + 1;
}

static char *start_key(hd_scope_set *s, const hd_url_parts *p)
{
    if (s->mode == HURDLE_SCOPE_PREFIX) {
        const char *slash = p->path;
        for (size_t i = 0; i < p->path_len; i++) {
            slash = p->path[i] == '/' ? p->path + i : slash;
        }
        return hd_strndup(s->ctx, p->origin, (size_t)(slash + 1 - p->origin));
    }
    if (s->mode == HURDLE_SCOPE_DOMAIN) {
        size_t d = domain_start(p->host, p->host_len);
        return hd_strndup(s->ctx, p->host + d, p->host_len - d);
    }
    return hd_strndup(s->ctx, p->host, (size_t)(p->origin + p->origin_len - p->host));
}

/* Adds a start's key (takes it) unless the scope has it already. */
static int add_key(hd_scope_set *s, char *key, const char *url)
{
    if (!key) {
        return hd_oom(s->ctx);
    }
    for (size_t i = 0; i < s->nstarts; i++) {
        if (strcmp(s->starts[i], key) == 0) {
            hd_free(s->ctx, key);
            return HURDLE_OK;
        }
    }
    if (s->nstarts >= MAX_STARTS) {
        hd_free(s->ctx, key);
        return hd_fail(s->ctx, HURDLE_ELIMIT, "%.300s: more than %d start URLs", url, MAX_STARTS);
    }
    s->starts[s->nstarts++] = key;
    return HURDLE_OK;
}

int hd_scope_add_start(hd_scope_set *s, const char *url)
{
    hd_url_parts p;

    if (!hd_url_split(&p, url)) {
        return hd_fail(s->ctx, HURDLE_EINVAL, "%.300s: not a start URL", url);
    }
    return add_key(s, start_key(s, &p), url);
}

int hd_scope_add_moved_start(hd_scope_set *s, const char *from, const char *to)
{
    hd_url_parts f;
    hd_url_parts t;
    char *kf;
    char *kt;
    size_t ff;
    size_t ft;

    if (!hd_url_split(&t, to)) {
        return hd_fail(s->ctx, HURDLE_EINVAL, "%.300s: not a start URL", to);
    }
    if (s->mode != HURDLE_SCOPE_PREFIX || !hd_url_split(&f, from)) {
        return hd_scope_add_start(s, to);
    }
    kf = start_key(s, &f);
    kt = start_key(s, &t);
    if (!kf || !kt) {
        hd_free(s->ctx, kf);
        hd_free(s->ctx, kt);
        return hd_oom(s->ctx);
    }
    ff = strlen(kf) - f.origin_len; /* the folders, from their '/' */
    ft = strlen(kt) - t.origin_len;
    if (ft < ff && strncmp(kt + t.origin_len, kf + f.origin_len, ft) == 0) {
        /* "/deals/" moved to "/": the folder the user named, on the origin it moved to */
        char *k = hd_malloc(s->ctx, t.origin_len + ff + 1);
        if (k) {
            memcpy(k, t.origin, t.origin_len);
            memcpy(k + t.origin_len, kf + f.origin_len, ff + 1);
        }
        hd_free(s->ctx, kt);
        kt = k;
    }
    hd_free(s->ctx, kf);
    return add_key(s, kt, to);
}

int hd_scope_add_auth_origin(hd_scope_set *s, const char *url)
{
    hd_url_parts p;

    if (s->auth_given || !hd_url_split(&p, url)) {
        return HURDLE_OK; /* --auth-host decides, or it is not a URL */
    }
    if (s->nauth >= MAX_STARTS) {
        return hd_fail(s->ctx, HURDLE_ELIMIT, "more than %d start URLs", MAX_STARTS);
    }
    s->auth[s->nauth] = hd_origin(s->ctx, &p);
    return s->auth[s->nauth++] ? HURDLE_OK : hd_oom(s->ctx);
}

/* host:port of a URL against a start's "host[:port]" (default ports left out). */
static bool host_in(const hd_url_parts *p, const char *start)
{
    const char *hp = p->host;
    size_t n = (size_t)(p->origin + p->origin_len - hp);
    size_t sl = strlen(start);

    return n == sl && strncasecmp(hp, start, n) == 0;
}

static bool in_scope(const hd_scope_set *s, const char *url, const hd_url_parts *p)
{
    for (size_t i = 0; i < s->nstarts; i++) {
        const char *k = s->starts[i];
        size_t kl = strlen(k);
        if (s->mode == HURDLE_SCOPE_PREFIX && strncmp(url, k, kl) == 0) {
            return true;
        }
        if (s->mode == HURDLE_SCOPE_HOST && host_in(p, k)) {
            return true;
        }
        if (s->mode == HURDLE_SCOPE_DOMAIN && p->host_len >= kl &&
            strncasecmp(p->host + p->host_len - kl, k, kl) == 0 &&
            (p->host_len == kl || p->host[p->host_len - kl - 1] == '.')) {
            return true;
        }
    }
    return false;
}

static void scope_why(const hd_scope_set *s, char *why, size_t size)
{
    static const char *const modes[] = { "host", "prefix", "domain" };
    size_t n =
        (size_t)snprintf(why, size, "outside the crawl's scope (--scope %s: ", modes[s->mode]);

    for (size_t i = 0; i < s->nstarts && n < size; i++) {
        n += (size_t)snprintf(why + n, size - n, "%s%s", i ? ", " : "", s->starts[i]);
    }
    if (n < size) {
        snprintf(why + n, size - n, ")");
    }
}

/* A path segment that repeats HD_TRAP_MAX_REPEAT times, or too many segments: its name. */
static hd_skip path_trap(const hd_url_parts *p, char *why, size_t size)
{
    const char *seg[HD_TRAP_MAX_SEGMENTS + 1];
    size_t len[HD_TRAP_MAX_SEGMENTS + 1];
    size_t n = 0;

    for (size_t i = 0; i < p->path_len; i++) {
        if (p->path[i] != '/' || i + 1 >= p->path_len || p->path[i + 1] == '/') {
            continue;
        }
        if (n > HD_TRAP_MAX_SEGMENTS - 1) {
            snprintf(why, size, "a link trap: more than %d path segments", HD_TRAP_MAX_SEGMENTS);
            return HD_SKIP_TRAP;
        }
        seg[n] = p->path + i + 1;
        len[n] = strcspn(seg[n], "/?");
        for (size_t k = 0, same = 1; k < n; k++) {
            same += len[k] == len[n] && memcmp(seg[k], seg[n], len[n]) == 0;
            if (same >= HD_TRAP_MAX_REPEAT) {
                snprintf(why, size, "a link trap: the path segment '%.*s' repeats %d times",
                         (int)(len[n] > 60 ? 60 : len[n]), seg[n], HD_TRAP_MAX_REPEAT);
                return HD_SKIP_TRAP;
            }
        }
        n++;
    }
    return HD_SKIP_NONE;
}

static hd_skip query_trap(hd_scope_set *s, const hd_url_parts *p, char *why, size_t size)
{
    size_t params = 1;
    uint32_t id = 0;
    bool added = false;

    if (!p->query_len) {
        return HD_SKIP_NONE;
    }
    for (size_t i = 0; i < p->query_len; i++) {
        params += p->query[i] == '&' || p->query[i] == ';';
    }
    if (params > HD_TRAP_MAX_PARAMS) {
        snprintf(why, size, "a link trap: more than %d query parameters", HD_TRAP_MAX_PARAMS);
        return HD_SKIP_TRAP;
    }
    if (hd_hset_put(&s->queried, hd_hash64(p->origin, strlen(p->origin)), 1, &added) < 0) {
        return HD_SKIP_NONE; /* no memory for the guard: the depth limit still holds */
    }
    if (!added) {
        /* a URL checked again (a redirect, --why) counts once; past the limit it stays out */
        long pid =
            hd_strmap_find(&s->paths, p->origin, (size_t)(p->path + p->path_len - p->origin));
        if (pid >= 0 && (size_t)pid < s->variants_cap && s->variants[pid] > HD_TRAP_MAX_VARIANTS) {
            snprintf(why, size, "a link trap: more than %d different queries on %.*s",
                     HD_TRAP_MAX_VARIANTS, (int)(p->path + p->path_len - p->origin), p->origin);
            return HD_SKIP_TRAP;
        }
        return HD_SKIP_NONE;
    }
    if (hd_strmap_intern(&s->paths, p->origin, (size_t)(p->path + p->path_len - p->origin), &id,
                         &added) < 0) {
        return HD_SKIP_NONE;
    }
    if (id >= s->variants_cap) {
        size_t cap = s->variants_cap ? s->variants_cap * 2 : 256;
        size_t *v = hd_realloc(s->ctx, s->variants, cap * sizeof(*v));
        if (!v) {
            return HD_SKIP_NONE;
        }
        memset(v + s->variants_cap, 0, (cap - s->variants_cap) * sizeof(*v));
        s->variants = v;
        s->variants_cap = cap;
    }
    if (++s->variants[id] > HD_TRAP_MAX_VARIANTS) {
        snprintf(why, size, "a link trap: more than %d different queries on %.*s",
                 HD_TRAP_MAX_VARIANTS, (int)(p->path + p->path_len - p->origin), p->origin);
        return HD_SKIP_TRAP;
    }
    return HD_SKIP_NONE;
}

hd_skip hd_scope_check(hd_scope_set *s, const char *url, char *why, size_t whysize)
{
    char scratch[512];
    hd_url_parts p;
    size_t which = 0;
    int f;

    if (!why || !whysize) {
        why = scratch;
        whysize = sizeof(scratch);
    }
    why[0] = '\0';
    if (!hd_url_split(&p, url) || !in_scope(s, url, &p)) {
        scope_why(s, why, whysize);
        return HD_SKIP_SCOPE;
    }
    f = hd_url_filter_check(s->filter, url, &which);
    if (f == HD_URL_EXCLUDED) {
        snprintf(why, whysize, "excluded by --exclude '%.200s'", s->opts->exclude[which]);
        return HD_SKIP_EXCLUDED;
    }
    if (f == HD_URL_NOT_INCLUDED) {
        snprintf(why, whysize, "matches no --include regex");
        return HD_SKIP_EXCLUDED;
    }
    if (path_trap(&p, why, whysize) != HD_SKIP_NONE) {
        return HD_SKIP_TRAP;
    }
    return query_trap(s, &p, why, whysize);
}

bool hd_scope_auth_host(const hd_scope_set *s, const char *url)
{
    hd_url_parts p;
    char *origin;
    bool ok = false;

    if (!hd_url_split(&p, url)) {
        return false;
    }
    if (s->auth_given) {
        for (size_t i = 0; i < s->nauth && !ok; i++) {
            ok = same_host(&p, s->auth[i]) || host_in(&p, s->auth[i]);
        }
        return ok;
    }
    origin = hd_origin(s->ctx, &p);
    for (size_t i = 0; origin && i < s->nauth && !ok; i++) {
        ok = strcmp(origin, s->auth[i]) == 0; /* the exact scheme, host and port */
    }
    hd_free(s->ctx, origin);
    return ok;
}
