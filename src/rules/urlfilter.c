/*
 * rules/urlfilter.c - the crawl's --include and --exclude regexes over
 * URLs, on regex.c (the only PCRE2 user). Case-sensitive, unanchored, with
 * the rule set's match limits; a URL that is not UTF-8 matches nothing.
 * One filter is used from one thread (it holds match data).
 */
#include <string.h>

#include "internal.h"

#define MAX_FILTERS 256

struct hd_url_filter {
    hurdle_ctx *ctx;
    hd_matcher *m;
    hd_regex **inc;
    size_t ninc;
    hd_regex **exc;
    size_t nexc;
};

static int
compile(hd_url_filter *f, hd_regex ***out, const char *const *pats, size_t n, const char *opt)
{
    char err[300];

    *out = n ? hd_calloc(f->ctx, n, sizeof(hd_regex *)) : NULL;
    if (n && !*out) {
        return hd_oom(f->ctx);
    }
    for (size_t i = 0; i < n; i++) {
        int rc =
            strlen(pats[i]) > HD_RULES_MAX_PATTERN
                ? HURDLE_ELIMIT
                : hd_regex_compile(&(*out)[i], pats[i], HD_RE_CASE_SENSITIVE, err, sizeof(err));
        if (rc == HURDLE_ENOMEM) {
            return hd_oom(f->ctx);
        }
        if (rc < 0) {
            return hd_fail(f->ctx, HURDLE_EINVAL, "%s '%.200s': %s", opt, pats[i],
                           rc == HURDLE_ELIMIT ? "regex too long" : err);
        }
    }
    return HURDLE_OK;
}

int hd_url_filter_new(hd_url_filter **out,
                      hurdle_ctx *ctx,
                      const char *const *include,
                      size_t ninclude,
                      const char *const *exclude,
                      size_t nexclude)
{
    hd_url_filter *f;
    int rc;

    *out = NULL;
    if (ninclude > MAX_FILTERS || nexclude > MAX_FILTERS) {
        return hd_fail(ctx, HURDLE_ELIMIT, "more than %d --include or --exclude regexes",
                       MAX_FILTERS);
    }
    f = hd_calloc(ctx, 1, sizeof(*f));
    if (!f) {
        return hd_oom(ctx);
    }
    f->ctx = ctx;
    f->ninc = ninclude;
    f->nexc = nexclude;
    rc = hd_matcher_new(&f->m, ctx, 100000, 1000);
    if (rc == HURDLE_OK) {
        rc = compile(f, &f->inc, include, ninclude, "--include");
    }
    if (rc == HURDLE_OK) {
        rc = compile(f, &f->exc, exclude, nexclude, "--exclude");
    }
    if (rc < 0) {
        hd_url_filter_free(f);
        return rc;
    }
    *out = f;
    return HURDLE_OK;
}

void hd_url_filter_free(hd_url_filter *f)
{
    if (!f) {
        return;
    }
    for (size_t i = 0; f->inc && i < f->ninc; i++) {
        hd_regex_free(f->inc[i]);
    }
    for (size_t i = 0; f->exc && i < f->nexc; i++) {
        hd_regex_free(f->exc[i]);
    }
    hd_free(f->ctx, f->inc);
    hd_free(f->ctx, f->exc);
    hd_matcher_free(f->m);
    hd_free(f->ctx, f);
}

static bool matches(hd_url_filter *f, const hd_regex *re, const char *url, size_t len)
{
    size_t a = 0;
    size_t b = 0;

    return hd_regex_find(f->m, re, url, len, 0, true, &a, &b) == 1;
}

int hd_url_filter_check(hd_url_filter *f, const char *url, size_t *which)
{
    size_t len = strlen(url);

    *which = 0;
    if (!f || !hd_utf8_valid(url, len)) {
        return f && (f->ninc || f->nexc) ? HD_URL_EXCLUDED : HD_URL_ALLOWED;
    }
    for (size_t i = 0; i < f->nexc; i++) {
        if (matches(f, f->exc[i], url, len)) {
            *which = i;
            return HD_URL_EXCLUDED;
        }
    }
    for (size_t i = 0; i < f->ninc; i++) {
        if (matches(f, f->inc[i], url, len)) {
            return HD_URL_ALLOWED;
        }
    }
    return f->ninc ? HD_URL_NOT_INCLUDED : HD_URL_ALLOWED;
}
