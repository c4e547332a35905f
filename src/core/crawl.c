/*
 * core/crawl.c - the scan's event loop: start URLs crawled on libcurl's
 * multi interface (net/fetch.c), local targets read, every page analysed
 * on the analysis threads (pool.c) as it comes, and each page's record
 * added to the report, whose URL table the frontier shares.
 *
 * One loop turn: take the analyses that finished (their links join the
 * frontier), take the transfers that finished (crawl_net.c), start new
 * transfers while there is room (per host: robots.txt known, fewer than
 * per_host transfers, its politeness delay passed; across hosts: the best
 * queued link first), then wait on the transfers, at most until a host's
 * delay passes; an analysis thread wakes the wait when it finishes. The
 * loop ends when nothing runs and nothing can start; the early stop ends
 * it when offerings were found and no queued link scores min_score.
 * Fetching pauses while max_pending analyses wait, so memory holds a
 * bounded number of pages whatever the site's size.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../net/url.h"
#include "../util/alloc.h"
#include "crawl_int.h"
#include "target.h"

double hd_crawl_now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

uint32_t hd_crawl_head(const hd_crawl *c, uint32_t id)
{
    size_t guard = 0;

    while (c->fr.u[id].from != HD_NONE && guard++ < HD_MAX_REDIRECTS + 1) {
        id = c->fr.u[id].from;
    }
    return id;
}

int hd_crawl_fail(hd_crawl *c, uint32_t id, int code, const char *fmt, ...)
{
    uint32_t head = hd_crawl_head(c, id);
    char *shown = hd_url_redact(c->ctx, hd_strmap_get(&c->r->urls, head));
    char msg[1024];
    char why[700];
    va_list ap;
    size_t n;

    if (!shown) {
        return hd_oom(c->ctx);
    }
    /* the reason, then the URL cut to fit: both bounded, whatever a server sent */
    va_start(ap, fmt);
    vsnprintf(why, sizeof(why), fmt, ap);
    va_end(ap);
    n = (size_t)snprintf(msg, sizeof(msg), "%.300s: ", shown);
    n = n < sizeof(msg) ? n : sizeof(msg) - 1;
    snprintf(msg + n, sizeof(msg) - n, "%s", why);
    hd_url_flatten(msg);
    c->fr.u[id].state = HD_U_FAILED;
    c->r->crawl.failed++;
    hd_crawl_why_note(c, id, msg + n);
    if (head != id) {
        c->fr.u[head].state = HD_U_FAILED;
        hd_crawl_why_note(c, head, msg + n);
    }
    /* a start URL that fails is the user's business; a link that fails is in the report */
    HD_LOG(c->ctx, c->fr.u[head].start ? HURDLE_LOG_WARN : HURDLE_LOG_INFO, "%s", msg);
    if (hd_crawl_warc_error(c, shown, c->order_of_url, code, msg) < 0 ||
        hd_report_add_error_at(c->r, c->order_of_url, shown, code, msg) < 0) {
        hd_free(c->ctx, shown);
        return hd_oom(c->ctx);
    }
    hd_free(c->ctx, shown);
    hd_clear_error(c->ctx);
    return HURDLE_OK;
}

void hd_crawl_skip(hd_crawl *c, uint32_t id, hd_skip why, const char *text)
{
    hd_uinfo *u = &c->fr.u[id];

    u->state = HD_U_SKIPPED;
    u->why = (uint8_t)why;
    c->r->crawl.skipped[why]++;
    hd_crawl_why_note(c, id, text);
}

/*
 * A URL the crawl has not met: whether it is skipped (past the depth limit,
 * out of scope, the frontier full), decided before it is interned, so that a
 * link never fetched costs the crawl its hash (c->unkept), not its text.
 * Each such URL is counted once; one past the depth limit found again nearer
 * the start is no longer skipped.
 */
static hd_skip decide_new(hd_crawl *c, const char *url, size_t len, unsigned depth)
{
    char why[512];
    uint64_t key = hd_hash64(url, len);
    uint32_t was = 0;
    hd_skip s;

    if (hd_hset_get(&c->unkept, key, &was)) {
        if (was != HD_SKIP_DEPTH || depth > c->o->crawl_depth) {
            return (hd_skip)was;
        }
        hd_hset_del(&c->unkept, key);
        c->r->crawl.skipped[HD_SKIP_DEPTH]--; /* found again, nearer the start */
    }
    if (depth > c->o->crawl_depth) {
        s = HD_SKIP_DEPTH;
    } else if ((s = hd_scope_check(c->scope, url, why, sizeof(why))) == HD_SKIP_NONE &&
               c->fr.queued >= c->fr.max_queue) {
        s = HD_SKIP_LIMIT;
    }
    if (s != HD_SKIP_NONE) {
        c->r->crawl.skipped[s]++;
        /* past HD_CRAWL_MAX_UNKEPT URLs a skipped one may be counted again */
        (void)hd_hset_put(&c->unkept, key, (uint32_t)s, NULL);
    }
    return s;
}

void hd_crawl_unkeep(hd_crawl *c, const char *url)
{
    uint64_t key = hd_hash64(url, strlen(url));
    uint32_t was = 0;

    if (hd_hset_get(&c->unkept, key, &was)) {
        hd_hset_del(&c->unkept, key);
        c->r->crawl.skipped[was]--;
    }
}

int hd_crawl_found(
    hd_crawl *c, const char *url, uint32_t parent, unsigned depth, float score, int how)
{
    char why[512];
    size_t len = strlen(url);
    long known = hd_strmap_find(&c->r->urls, url, len);
    uint32_t id = 0;
    uint32_t host = 0;
    hd_uinfo *u;
    hd_skip s;
    int rc;

    if (known < 0 && decide_new(c, url, len, depth) != HD_SKIP_NONE) {
        return HURDLE_OK;
    }
    rc = hd_strmap_intern(&c->r->urls, url, len, &id, NULL);
    if (rc < 0) {
        return rc == HURDLE_ELIMIT ? HURDLE_OK : hd_oom(c->ctx);
    }
    u = hd_frontier_info(&c->fr, id);
    if (!u) {
        return hd_oom(c->ctx);
    }
    if (u->state != HD_U_NEW && how != HD_FOUND_ACTION) {
        u->action = false; /* also a link: a page, whatever a GET of it answers */
    }
    if (u->state == HD_U_NEW && known >= 0) {
        hd_crawl_unkeep(c, url);
    }
    if (u->state != HD_U_NEW &&
        !(u->state == HD_U_SKIPPED && u->why == HD_SKIP_DEPTH && depth < u->depth)) {
        return HURDLE_OK;
    }
    if (u->state == HD_U_SKIPPED) {
        c->r->crawl.skipped[HD_SKIP_DEPTH]--; /* found again, nearer the start */
    }
    u->parent = parent;
    u->depth = (uint16_t)(depth > UINT16_MAX ? UINT16_MAX : depth);
    u->score = score;
    u->sitemap = how == HD_FOUND_SITEMAP;
    u->action = how == HD_FOUND_ACTION;
    /* a URL met before (--why's, one a redirect named) is decided here, with its reason */
    if (depth > c->o->crawl_depth) {
        snprintf(why, sizeof(why), "%u links from the start, past --max-depth %zu", depth,
                 c->o->crawl_depth);
        hd_crawl_skip(c, id, HD_SKIP_DEPTH, why);
        return HURDLE_OK;
    }
    s = known >= 0 ? hd_scope_check(c->scope, url, why, sizeof(why)) : HD_SKIP_NONE;
    if (s != HD_SKIP_NONE) {
        hd_crawl_skip(c, id, s, why);
        return HURDLE_OK;
    }
    if (!hd_frontier_host(&c->fr, url, &host)) {
        return hd_oom(c->ctx);
    }
    u->host = host;
    rc = hd_frontier_push(&c->fr, id, score);
    if (rc == HURDLE_ELIMIT) {
        hd_crawl_skip(c, id, HD_SKIP_LIMIT, "the frontier is full (--max-queue)");
        return HURDLE_OK;
    }
    return rc < 0 ? hd_oom(c->ctx) : HURDLE_OK;
}

/* A start URL that is not one: an error named without its credentials, in the WARC too. */
static int bad_start(hd_crawl *c, const char *target, size_t order, int code)
{
    char msg[HD_ERRMSG_MAX];
    char *shown = hd_url_redact(c->ctx, target);
    int rc;

    snprintf(msg, sizeof(msg), "%s", hurdle_ctx_error(c->ctx));
    hd_clear_error(c->ctx);
    if (!shown) {
        return hd_oom(c->ctx);
    }
    rc = hd_crawl_warc_error(c, shown, order, code, msg);
    if (rc == HURDLE_OK) {
        rc = hd_report_add_error_at(c->r, order, shown, code, msg);
    }
    hd_free(c->ctx, shown);
    return rc == HURDLE_ENOMEM ? hd_oom(c->ctx) : rc;
}

/* A start URL: normalized, in the scope, queued first. */
static int seed(hd_crawl *c, const char *target, size_t order)
{
    char *url = NULL;
    uint32_t id = 0;
    uint32_t host = 0;
    hd_uinfo *u;
    int rc = hd_url_normalize(&url, c->ctx, target);

    if (rc == HURDLE_ENOMEM) {
        return rc;
    }
    if (rc == HURDLE_OK && !c->url_userpwd && !c->o->userpwd) {
        /* "user:pw@" of a start URL: basic auth for that URL's origin alone */
        rc = hd_url_userinfo(&c->url_userpwd, c->ctx, target);
        c->url_userpwd_url = c->url_userpwd ? hd_strdup(c->ctx, url) : NULL;
        rc = rc == HURDLE_OK && c->url_userpwd && !c->url_userpwd_url ? HURDLE_ENOMEM : rc;
    }
    if (rc < 0 && rc != HURDLE_ENOMEM) {
        return bad_start(c, target, order, rc);
    }
    if (rc < 0) {
        return rc;
    }
    c->r->crawl.crawled = true;
    rc = hd_scope_add_start(c->scope, url);
    if (rc == HURDLE_OK) {
        rc = hd_scope_add_auth_origin(c->scope, url);
    }
    if (rc == HURDLE_OK) {
        rc = hd_strmap_intern(&c->r->urls, url, strlen(url), &id, NULL);
    }
    u = rc == HURDLE_OK ? hd_frontier_info(&c->fr, id) : NULL;
    if (u && u->state == HD_U_NEW && hd_frontier_host(&c->fr, url, &host)) {
        u->start = true;
        u->host = host;
        u->score = HD_CRAWL_START_SCORE;
        rc = hd_frontier_push(&c->fr, id, HD_CRAWL_START_SCORE);
    } else if (!u) {
        rc = rc < 0 ? rc : HURDLE_ENOMEM;
    }
    hd_free(c->ctx, url);
    return rc;
}

/* The links of an analysed page join the frontier, one link further from the start. */
static int follow_exits(hd_crawl *c, uint32_t id, const hd_page_record *rec)
{
    const hd_uinfo *u = &c->fr.u[id];
    unsigned depth = (unsigned)u->depth + 1;

    for (size_t k = 0; k < rec->nexits && c->o->crawl_depth > 0; k++) {
        const char *x = rec->exit_urls[k];
        uint8_t f = rec->exit_flags[k];
        int rc;
        if (strncmp(x, "http", 4) != 0 || ((f & HD_EXIT_ACTION) && !(f & HD_EXIT_FLOW))) {
            continue; /* a search or login form's action is not a page to fetch */
        }
        rc = hd_crawl_found(c, x, id, depth, rec->exit_scores[k],
                            (f & HD_EXIT_ACTION) ? HD_FOUND_ACTION : HD_FOUND_LINK);
        if (rc < 0) {
            return rc;
        }
    }
    return HURDLE_OK;
}

static bool is_offer_kind(const char *k)
{
    return strcmp(k, "rebate") == 0 || strcmp(k, "signup") == 0 || strcmp(k, "pricing") == 0;
}

/* One finished analysis: its page into the report, its links into the frontier. */
static int take_result(hd_crawl *c, hd_job_result *res)
{
    bool crawled = res->tag != HD_NONE;
    int rc = HURDLE_OK;

    if (res->rc == HURDLE_ENOMEM) {
        return hd_oom(c->ctx);
    }
    if (res->not_page) {
        if (c->r->crawl.crawled) {
            c->r->crawl.skipped[HD_SKIP_NOT_HTML]++; /* a crawl's statistics count it */
        }
        return HURDLE_OK;
    }
    if (res->rc < 0) {
        if (crawled) {
            c->fr.u[res->tag].state = HD_U_FAILED;
            c->r->crawl.failed++;
            hd_crawl_why_note(c, (uint32_t)res->tag, res->error);
        }
        HD_LOG(c->ctx, HURDLE_LOG_WARN, "%s", res->error ? res->error : "");
        if (rc == HURDLE_OK && hd_report_add_error_at(c->r, res->order, res->display, res->rc,
                                                      res->error ? res->error : "") < 0) {
            rc = HURDLE_ENOMEM;
        }
        return rc < 0 ? hd_oom(c->ctx) : HURDLE_OK;
    }
    c->pages++;
    if (!res->rec.bare && is_offer_kind(res->rec.page->kind)) {
        c->entries++;
    }
    if (crawled) {
        uint32_t head = hd_crawl_head(c, (uint32_t)res->tag);
        c->fr.u[res->tag].state = HD_U_DONE;
        res->rec.alias = head != res->tag ? hd_strmap_get(&c->r->urls, head) : NULL;
        rc = follow_exits(c, (uint32_t)res->tag, &res->rec);
    } else if (res->replayed && strcmp(res->display, res->rec.page->final_url) != 0) {
        res->rec.alias = res->display; /* the URL asked for, which redirected */
    }
    if (rc == HURDLE_OK) {
        rc = hd_report_add_page(c->r, &res->rec);
    }
    return rc;
}

static int take_results(hd_crawl *c)
{
    hd_job_result res;
    int rc = HURDLE_OK;

    while (rc == HURDLE_OK && hd_pool_take(c->pool, &res) == 1) {
        rc = take_result(c, &res);
        hd_job_result_dispose(&res, c->ctx);
    }
    return rc;
}

/* Hands a job to the analysis threads, waiting for results while too many are pending. */
static int submit(void *payload, hd_job *job)
{
    hd_crawl *c = payload;
    int rc = HURDLE_OK;

    while (rc == HURDLE_OK && hd_pool_pending(c->pool) >= c->max_pending) {
        hd_pool_wait(c->pool);
        rc = take_results(c);
    }
    if (rc < 0) {
        hd_job_dispose(job, c->ctx);
        return rc;
    }
    if (job->tag == HD_NONE && c->room == 0) {
        char msg[512];
        snprintf(msg, sizeof(msg), "%s: skipped, the scan already has %zu pages (--max-pages)",
                 job->display, c->o->max_pages);
        rc = hd_report_add_error_at(c->r, job->order, job->display, HURDLE_ELIMIT, msg);
        hd_job_dispose(job, c->ctx);
        return rc < 0 ? hd_oom(c->ctx) : HURDLE_OK;
    }
    if (job->tag == HD_NONE) {
        c->room--;
    }
    return hd_pool_submit(c->pool, job);
}

int hd_crawl_submit(hd_crawl *c, hd_job *job)
{
    return submit(c, job);
}

static void wake(void *payload)
{
    hd_crawl *c = payload;

    if (c->fetch) {
        hd_fetcher_wakeup(c->fetch);
    }
}

static void progress(hd_crawl *c, bool done)
{
    hurdle_progress p;
    double now = hd_crawl_now_ms();

    if (!c->o->progress || (!done && now - c->last_progress < 250)) {
        return;
    }
    c->last_progress = now;
    memset(&p, 0, sizeof(p));
    p.pages = c->pages;
    p.queued = c->fr.queued;
    p.fetching = (c->fetch ? hd_fetcher_running(c->fetch) : 0) + hd_pool_pending(c->pool);
    p.failed = c->r->crawl.failed;
    p.bytes = c->r->crawl.bytes;
    p.seconds = (now - c->t0) / 1000.0;
    p.done = done;
    c->o->progress(&p, c->o->progress_payload);
}

static int loop(hd_crawl *c)
{
    hd_fetch_done d;

    for (;;) {
        int rc = take_results(c);
        while (rc == HURDLE_OK && hd_fetcher_next(c->fetch, &d) == 1) {
            rc = hd_crawl_done(c, &d);
            hd_fetch_done_dispose(&d);
        }
        if (rc < 0 || c->err) {
            return rc < 0 ? rc : c->err;
        }
        hd_crawl_start_due(c);
        hd_crawl_schedule(c);
        progress(c, false);
        if (hd_fetcher_running(c->fetch) == 0 && hd_pool_pending(c->pool) == 0 &&
            !hd_crawl_more_later(c)) {
            return c->err;
        }
        if (hd_fetcher_running(c->fetch) == 0 && hd_pool_pending(c->pool) > 0 &&
            !hd_crawl_more_later(c)) {
            hd_pool_wait(c->pool);
            continue;
        }
        rc = hd_fetcher_poll(c->fetch, hd_crawl_wait_ms(c));
        if (rc < 0) {
            return rc;
        }
    }
}

static int setup(hd_crawl *c, hurdle_report *r, const hurdle_scan_options *o, bool urls)
{
    size_t jobs = o->jobs ? o->jobs : hd_pool_cores();
    hd_fetcher_options fo;
    int rc;

    memset(c, 0, sizeof(*c));
    c->r = r;
    c->ctx = r->ctx;
    c->o = o;
    c->t0 = hd_crawl_now_ms();
    c->rng = (uint64_t)c->t0 | 1;
    c->room = o->max_pages;
    c->why_id = HD_NONE;
    c->max_pending = 2 * jobs + 2;
    hd_frontier_init(&c->fr, r->ctx, &r->urls, o->max_queue);
    hd_hset_init(&c->unkept, r->ctx, HD_CRAWL_MAX_UNKEPT);
    hd_vec_init(&c->sitemaps, r->ctx, sizeof(hd_crawl_sitemap), 100000);
    hd_vec_init(&c->later, r->ctx, sizeof(hd_later), 100000);
    rc = hd_pool_new(&c->pool, r->ctx, r->rules, o, jobs > 1 ? jobs : 0, wake, c);
    if (rc == HURDLE_OK) {
        rc = hd_scope_new(&c->scope, r->ctx, o);
    }
    if (rc == HURDLE_OK && urls) {
        rc = hd_crawl_credentials(c);
    }
    if (rc == HURDLE_OK && urls) {
        memset(&fo, 0, sizeof(fo));
        fo.connections = o->connections ? o->connections : 1;
        fo.host_connections = o->per_host ? o->per_host : 1;
        fo.connect_timeout_ms = o->connect_timeout_ms;
        fo.timeout_ms = o->timeout_ms;
        fo.max_header_bytes = o->max_header_bytes;
        fo.user_agent = c->ua;
        fo.resolve = o->resolve;
        fo.nresolve = o->nresolve;
        rc = hd_fetcher_new(&c->fetch, r->ctx, &fo);
    }
    if (rc == HURDLE_OK && urls && o->warc) {
        rc = hd_crawl_warc_open(c);
    }
    return rc;
}

static void free_tag(void *payload, void *arg)
{
    hd_crawl *c = arg;
    hd_xtag *tag = payload;

    hd_free(c->ctx, tag->url);
    hd_free(c->ctx, tag);
}

static void teardown(hd_crawl *c)
{
    hd_pool_free(c->pool);
    hd_fetcher_each_payload(c->fetch, free_tag, c); /* transfers an error left behind */
    hd_fetcher_free(c->fetch);
    if (c->warc) {
        hd_warc_writer_free(c->warc);
    }
    hd_scope_free(c->scope);
    hd_frontier_dispose(&c->fr);
    hd_hset_dispose(&c->unkept);
    HD_VEC_FOREACH (&c->sitemaps, hd_crawl_sitemap, sm) {
        hd_free(c->ctx, sm->url);
        hd_free(c->ctx, sm->error);
    }
    hd_vec_dispose(&c->sitemaps);
    HD_VEC_FOREACH (&c->later, hd_later, l) {
        hd_free(c->ctx, l->tag->url);
        hd_free(c->ctx, l->tag);
    }
    hd_vec_dispose(&c->later);
    hd_free(c->ctx, c->ua);
    hd_free(c->ctx, c->why_text);
    hd_free(c->ctx, c->cookie_header);
    hd_free(c->ctx, c->url_userpwd);
    hd_free(c->ctx, c->url_userpwd_url);
    hd_free(c->ctx, c->userpwd);
    for (size_t i = 0; i < c->ncred; i++) {
        hd_free(c->ctx, (char *)(uintptr_t)c->cred[i]);
    }
}

/* Local targets become jobs now; URL targets become the crawl's start URLs. */
static int targets_in(hd_crawl *c, const char *const *targets, size_t n, bool *urls)
{
    int rc = HURDLE_OK;

    for (size_t i = 0; rc == HURDLE_OK && i < n; i++) {
        if (hd_target_is_url(targets[i])) {
            c->order_of_url = *urls ? c->order_of_url : i;
            *urls = true;
            rc = seed(c, targets[i], i);
        } else {
            hd_target_ctx t = { c->r, c->o, i, &c->room, submit, c };
            rc = hd_target_local(&t, targets[i]);
        }
    }
    return rc;
}

static bool any_url(const char *const *targets, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (hd_target_is_url(targets[i])) {
            return true;
        }
    }
    return false;
}

static int drain(hd_crawl *c)
{
    int rc = HURDLE_OK;

    while (rc == HURDLE_OK && hd_pool_pending(c->pool) > 0) {
        hd_pool_wait(c->pool);
        rc = take_results(c);
    }
    return rc;
}

int hd_crawl_run(hurdle_report *r,
                 const char *const *targets,
                 size_t ntargets,
                 const hurdle_scan_options *opts)
{
    bool urls = any_url(targets, ntargets) && !opts->from_warc;
    bool seeded = false;
    hd_crawl c;
    int rc = setup(&c, r, opts, urls);

    if (rc == HURDLE_OK && opts->why) {
        rc = hd_crawl_why_start(&c);
    }
    if (rc == HURDLE_OK && opts->from_warc) {
        rc = hd_crawl_replay(&c);
    } else if (rc == HURDLE_OK) {
        rc = targets_in(&c, targets, ntargets, &seeded);
    }
    if (rc == HURDLE_OK && urls) {
        rc = loop(&c);
    }
    if (rc == HURDLE_OK) {
        rc = drain(&c);
    }
    progress(&c, true);
    if (rc == HURDLE_OK && urls) {
        rc = hd_crawl_finish_report(&c);
    }
    if (rc == HURDLE_OK && c.warc) {
        rc = hd_crawl_stats_write(&c);
        rc = rc == HURDLE_OK ? hd_crawl_warc_close(&c) : rc;
    }
    teardown(&c);
    return rc;
}
