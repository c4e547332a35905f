/*
 * core/scan.c - the main job: targets -> pages -> offerings -> findings ->
 * scores, in one report. Analysis of a page depends only on its bytes, its
 * URL and the rule set, so the same input always gives the same report.
 */
#include <string.h>
#include <time.h>

#include <hurdle/scan.h>

#include "../util/alloc.h"
#include "analyse.h"
#include "crawl.h"
#include "offering.h"

static int check_options(hurdle_ctx *ctx, const hurdle_scan_options *opts)
{
    if (opts->version != HURDLE_SCAN_OPTIONS_VERSION) {
        return hd_fail(ctx, HURDLE_EINVAL, "scan options version %u is not %u", opts->version,
                       HURDLE_SCAN_OPTIONS_VERSION);
    }
    if (opts->max_page_bytes == 0 || opts->max_pages == 0 || opts->max_fields == 0 ||
        opts->max_depth == 0 || opts->max_bytes == 0 || opts->max_header_bytes == 0 ||
        opts->max_queue == 0 || opts->connections == 0 || opts->per_host == 0) {
        return hd_fail(ctx, HURDLE_EINVAL, "scan limits must be positive");
    }
    if (!(opts->delay >= 0 && opts->delay <= 86400) || !(opts->min_score >= 0) ||
        !(opts->max_retry_after >= 0) || (unsigned)opts->scope > HURDLE_SCOPE_DOMAIN ||
        opts->retries > 100 || opts->max_redirects < 0 || opts->max_redirects > 64) {
        return hd_fail(ctx, HURDLE_EINVAL, "scan options out of range");
    }
    return HURDLE_OK;
}

void hurdle_scan_options_init(hurdle_scan_options *opts)
{
    hurdle_scan_options def = HURDLE_SCAN_OPTIONS_INIT;

    if (opts) {
        *opts = def;
    }
}

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static void stamp(hurdle_report *r)
{
    time_t t = time(NULL);
    struct tm tm;

    if (gmtime_r(&t, &tm)) {
        strftime(r->started, sizeof(r->started), "%Y-%m-%dT%H:%M:%SZ", &tm);
    }
}

/* Groups, evaluates and scores what the report holds; hands it over. */
static int finish(hurdle_report **out, hurdle_ctx *ctx, hurdle_report *r, double t0)
{
    int rc;

    hd_report_sort_pages(r);
    hd_report_sort_errors(r);
    rc = hd_offerings_group(r);

    if (rc == HURDLE_OK) {
        rc = hd_offerings_evaluate(r);
    }
    if (rc < 0) {
        hd_fail(ctx, rc, "%s", hurdle_ctx_error(r->ctx));
        hurdle_report_free(r);
        return rc;
    }
    if (r->timestamps) {
        r->duration_ms = now_ms() - t0;
    }
    *out = r;
    return HURDLE_OK;
}

static int start(hurdle_report **r,
                 hurdle_ctx *ctx,
                 const hurdle_ruleset *rules,
                 const hurdle_scan_options *opts)
{
    int rc;

    rc = check_options(ctx, opts);
    if (rc < 0) {
        return rc;
    }
    rc = hd_report_new(r, ctx, rules);
    if (rc < 0) {
        return rc;
    }
    (*r)->timestamps = opts->timestamps;
    (*r)->max_pages = opts->max_pages;
    if (opts->timestamps) {
        stamp(*r);
    }
    return HURDLE_OK;
}

int hurdle_scan(hurdle_report **out,
                hurdle_ctx *ctx,
                const hurdle_ruleset *rules,
                const char *const *targets,
                size_t ntargets,
                const hurdle_scan_options *opts)
{
    hurdle_scan_options def = HURDLE_SCAN_OPTIONS_INIT;
    hurdle_report *r = NULL;
    double t0 = now_ms();
    size_t i;
    int rc;


    if (out) {
        *out = NULL;
    }
    if (!ctx) {
        return HURDLE_EINVAL;
    }
    hd_clear_error(ctx);
    if (!out || !rules || (!targets && ntargets)) {
        return hd_fail(ctx, HURDLE_EINVAL, "hurdle_scan: missing argument");
    }
    for (i = 0; i < ntargets; i++) {
        if (!targets[i]) {
            return hd_fail(ctx, HURDLE_EINVAL, "hurdle_scan: target %zu is NULL", i);
        }
    }
    rc = start(&r, ctx, rules, opts ? opts : &def);
    if (rc == HURDLE_OK) {
        rc = hd_crawl_run(r, targets, ntargets, opts ? opts : &def);
        if (rc < 0) {
            hd_fail(ctx, rc, "%s", hurdle_ctx_error(r->ctx));
        }
    }
    if (rc < 0) {
        hurdle_report_free(r);
        return rc;
    }
    return finish(out, ctx, r, t0);
}

int hurdle_scan_bytes(hurdle_report **out,
                      hurdle_ctx *ctx,
                      const hurdle_ruleset *rules,
                      const char *url,
                      const char *bytes,
                      size_t len,
                      const hurdle_scan_options *opts)
{
    hurdle_scan_options def = HURDLE_SCAN_OPTIONS_INIT;
    const hurdle_scan_options *o = opts ? opts : &def;
    hd_analyse_in in;
    hd_page_record rec;
    hurdle_report *r = NULL;
    double t0 = now_ms();
    int rc;

    if (out) {
        *out = NULL;
    }
    if (!ctx) {
        return HURDLE_EINVAL;
    }
    hd_clear_error(ctx);
    if (!out || !rules || !url || (!bytes && len)) {
        return hd_fail(ctx, HURDLE_EINVAL, "hurdle_scan_bytes: missing argument");
    }
    rc = start(&r, ctx, rules, o);
    if (rc < 0) {
        return rc;
    }
    memset(&in, 0, sizeof(in));
    in.display = url;
    in.url = url;
    in.bytes = bytes ? bytes : "";
    in.len = len;
    in.start = true;
    in.named = true;
    rc = hd_analyse(&rec, r->ctx, r->rules, o, &in);
    if (rc == HURDLE_OK) {
        rc = hd_report_add_page(r, &rec);
    } else if (rc != HURDLE_ENOMEM) {
        rc = hd_report_add_error(r, url, rc, hurdle_ctx_error(r->ctx));
        hd_clear_error(r->ctx);
    }
    if (rc < 0) {
        hd_fail(ctx, rc, "%s", hurdle_ctx_error(r->ctx));
        hurdle_report_free(r);
        return rc;
    }
    return finish(out, ctx, r, t0);
}
