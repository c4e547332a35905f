/*
 * core/crawl_net.c - what a finished transfer means for the crawl.
 *
 *  robots.txt (RFC 9309): 2xx is parsed; a redirect is followed up to
 *    HD_CRAWL_ROBOTS_HOPS hops; 4xx means no rules (everything allowed);
 *    429, 5xx or no answer is retried with backoff, then everything on that
 *    host is disallowed. Then the host's sitemaps are asked for.
 *  sitemaps: robots.txt's Sitemap lines and /sitemap.xml; gzip is opened
 *    (bounded); an index's sitemaps are asked for, HD_CRAWL_SITEMAP_NESTING
 *    deep and HD_CRAWL_MAX_SITEMAPS per host; the other locations join the
 *    frontier one link from the start.
 *  pages: a redirect is a new URL in the same chain (every hop checked
 *    against the scope; loops and more than max_redirects hops fail the
 *    chain; credentials never follow to another host, since each transfer
 *    decides its own); 429 and 5xx are retried after Retry-After (capped)
 *    or an exponential backoff that also holds back the host; other errors
 *    fail the page with the status; a 2xx of an HTML-like type (or of no
 *    type, sniffed) goes to the analysis threads; other types are skipped.
 * Every exchange is written to the WARC when one is kept.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "../html/page.h"
#include "../html/sitemap.h"
#include "../net/gz.h"
#include "../net/url.h"
#include "../util/alloc.h"
#include "crawl_int.h"

/* ---- robots.txt ---- */

int hd_crawl_robots_start(hd_crawl *c, uint32_t host)
{
    hd_host *h = &c->fr.hosts[host];
    hd_xtag *tag = hd_calloc(c->ctx, 1, sizeof(*tag));
    size_t n = strlen(h->origin) + 16;

    h->rstate = HD_R_FETCHING;
    if (!tag || !(tag->url = hd_malloc(c->ctx, n))) {
        hd_free(c->ctx, tag);
        return hd_oom(c->ctx);
    }
    snprintf(tag->url, n, "%s/robots.txt", h->origin);
    tag->kind = HD_X_ROBOTS;
    tag->host = host;
    return hd_crawl_start(c, tag, tag->url);
}

/* Seconds since 1970 of an HTTP date ("Sun, 06 Nov 1994 08:49:37 GMT"); -1 when it is not one. */
static double http_date(const char *s)
{
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    char mon[4] = "";
    int d = 0;
    int y = 0;
    int hh = 0;
    int mm = 0;
    int ss = 0;
    const char *m;
    long days;

    if (sscanf(s, "%*3s, %d %3s %d %d:%d:%d", &d, mon, &y, &hh, &mm, &ss) != 6 ||
        strlen(mon) != 3 || !(m = strstr(months, mon)) || (m - months) % 3 != 0 || d < 1 ||
        d > 31 || y < 1970 || y > 9999 || hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 ||
        ss > 60) {
        return -1;
    }
    /* days from the civil date (Howard Hinnant's algorithm), March-based years */
    {
        int mo = (int)(m - months) / 3 + 1;
        int yy = y - (mo <= 2);
        int era = (yy >= 0 ? yy : yy - 399) / 400;
        int yoe = yy - era * 400;
        int doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        days = (long)era * 146097 + doe - 719468;
    }
    return (double)days * 86400.0 + hh * 3600.0 + mm * 60.0 + ss;
}

/* Retry-After in milliseconds (seconds or an HTTP date), or the backoff for attempt `tries`. */
static double backoff_ms(const hd_crawl *c, const char *retry_after, unsigned tries, bool *too_long)
{
    double ms = 1000.0 * (double)(1u << (tries > 5 ? 5 : tries));
    double at = retry_after ? http_date(retry_after) : -1;

    *too_long = false;
    if (retry_after && isdigit((unsigned char)retry_after[0])) {
        ms = strtod(retry_after, NULL) * 1000.0;
    } else if (at >= 0) {
        ms = (at - (double)time(NULL)) * 1000.0;
        ms = ms < 0 ? 0 : ms;
    }
    if (ms > c->o->max_retry_after * 1000.0) {
        *too_long = true;
    }
    return ms > HD_CRAWL_MAX_BACKOFF_MS && !retry_after ? HD_CRAWL_MAX_BACKOFF_MS : ms;
}

static bool retryable_status(long status)
{
    return status == 429 || (status >= 500 && status <= 599 && status != 501);
}

/* A transfer that failed without an answer worth retrying: reset, refused, cut. */
static bool retryable_error(const hd_fetch_done *d)
{
    return d->code == HURDLE_ENET && d->transient;
}

static int robots_ready(hd_crawl *c, hd_host *h, int rc_parse)
{
    h->rstate = HD_R_READY;
    if (rc_parse < 0) {
        return rc_parse;
    }
    h->crawl_delay = h->robots ? hd_robots_crawl_delay(h->robots) : -1;
    {
        /* robots.txt was a request to the host: the first page keeps the pace after it */
        double next = hd_crawl_now_ms() + hd_crawl_delay_ms(c, h);
        h->next_ms = next > h->next_ms ? next : h->next_ms;
    }
    HD_LOG(c->ctx, HURDLE_LOG_INFO, "crawl: %s/robots.txt: %s", h->origin, h->rstatus);
    return hd_crawl_sitemaps_start(c, (uint32_t)(h - c->fr.hosts));
}

static int robots_retry(hd_crawl *c, hd_xtag *tag, const hd_fetch_done *d, hd_host *h)
{
    bool too_long = false;
    double ms = backoff_ms(c, d->retry_after, tag->tries, &too_long);
    hd_xtag *again;

    if (tag->tries >= c->o->retries || too_long) {
        char why[256];
        if (d->status) {
            snprintf(why, sizeof(why), "robots.txt answered HTTP %ld: everything disallowed",
                     d->status);
        } else {
            snprintf(why, sizeof(why),
                     "robots.txt could not be fetched (%s): everything "
                     "disallowed",
                     d->error);
        }
        h->rstatus = "error";
        HD_LOG(c->ctx, HURDLE_LOG_WARN, "crawl: %s: %s", h->origin, why);
        return robots_ready(c, h, hd_robots_new_disallow_all(&h->robots, c->ctx, why));
    }
    again = hd_calloc(c->ctx, 1, sizeof(*again));
    if (!again || !(again->url = hd_strdup(c->ctx, tag->url))) {
        hd_free(c->ctx, again);
        return hd_oom(c->ctx);
    }
    again->kind = HD_X_ROBOTS;
    again->host = tag->host;
    again->hops = tag->hops;
    again->tries = tag->tries + 1;
    c->r->crawl.retries++;
    h->next_ms = hd_crawl_now_ms() + ms;
    return hd_crawl_retry_later(c, again, ms);
}

static int robots_done(hd_crawl *c, hd_xtag *tag, const hd_fetch_done *d)
{
    hd_host *h = &c->fr.hosts[tag->host];
    char why[300];

    if (d->code == HURDLE_OK && d->status >= 300 && d->status < 400 && d->location &&
        tag->hops < HD_CRAWL_ROBOTS_HOPS) {
        hd_xtag *next = hd_calloc(c->ctx, 1, sizeof(*next));
        if (!next || !(next->url = hd_strdup(c->ctx, d->location))) {
            hd_free(c->ctx, next);
            return hd_oom(c->ctx);
        }
        next->kind = HD_X_ROBOTS;
        next->host = tag->host;
        next->hops = tag->hops + 1;
        return hd_crawl_start(c, next, next->url);
    }
    if ((d->code != HURDLE_OK && retryable_error(d)) || retryable_status(d->status) ||
        d->code != HURDLE_OK) {
        return robots_retry(c, tag, d, h);
    }
    if (d->status >= 200 && d->status < 300) {
        h->rstatus = "ok";
        return robots_ready(c, h,
                            hd_robots_parse(&h->robots, c->ctx, d->body.ptr, d->body.len, "hurdle",
                                            HD_ROBOTS_DEFAULT_MAX_BYTES));
    }
    snprintf(why, sizeof(why), "robots.txt answered HTTP %ld: no rules", d->status);
    h->rstatus = "absent";
    return robots_ready(c, h, hd_robots_new_allow_all(&h->robots, c->ctx, why));
}

/* ---- sitemaps ---- */

int hd_crawl_sitemap_note(hd_crawl *c, const char *url, size_t urls, const char *error)
{
    hd_crawl_sitemap *s = hd_vec_push(&c->sitemaps);

    if (!s) {
        return HURDLE_OK; /* past the list's cap the sitemaps are still read */
    }
    s->url = hd_url_redact(c->ctx, url);
    s->urls = urls;
    s->error = error ? hd_strdup(c->ctx, error) : NULL;
    return s->url && (!error || s->error) ? HURDLE_OK : hd_oom(c->ctx);
}

/* A sitemap to fetch, politely (as a page) and only where robots.txt allows. */
/*
 * A sitemap to fetch (`from`: the host whose robots.txt or sitemap named it, which has at most
 * HD_CRAWL_MAX_SITEMAPS): in the crawl's scope, then on its own host's terms (that host's
 * robots.txt first, its pace and its transfer limit: crawl_sched.c starts it).
 */
static int sitemap_fetch(hd_crawl *c, uint32_t from, const char *url, unsigned nest,
                         unsigned hops)
{
    char why[512];
    uint32_t host = 0;
    hd_xtag *tag;

    if (c->fr.hosts[from].sitemaps >= HD_CRAWL_MAX_SITEMAPS || nest > HD_CRAWL_SITEMAP_NESTING) {
        return HURDLE_OK;
    }
    if (hops > (unsigned)c->o->max_redirects) {
        return hd_crawl_sitemap_note(c, url, 0, "too many redirects");
    }
    if (hd_scope_check(c->scope, url, why, sizeof(why)) != HD_SKIP_NONE) {
        return hd_crawl_sitemap_note(c, url, 0, why);
    }
    if (!hd_frontier_host(&c->fr, url, &host)) {
        return hd_oom(c->ctx);
    }
    tag = hd_calloc(c->ctx, 1, sizeof(*tag));
    if (!tag || !(tag->url = hd_strdup(c->ctx, url))) {
        hd_free(c->ctx, tag);
        return hd_oom(c->ctx);
    }
    c->fr.hosts[from].sitemaps++;
    tag->kind = HD_X_SITEMAP;
    tag->host = host;
    tag->from = from;
    tag->nest = nest;
    tag->hops = hops;
    return hd_crawl_retry_later(c, tag, 0);
}

int hd_crawl_sitemaps_start(hd_crawl *c, uint32_t host)
{
    hd_host *h = &c->fr.hosts[host];
    char dflt[HD_URL_MAX + 32];
    char robots_url[HD_URL_MAX + 32];
    bool listed = false;
    int rc = HURDLE_OK;

    if (!c->o->sitemaps || c->o->crawl_depth == 0 || h->sitemaps_started) {
        return HURDLE_OK;
    }
    h->sitemaps_started = true;
    snprintf(dflt, sizeof(dflt), "%s/sitemap.xml", h->origin);
    snprintf(robots_url, sizeof(robots_url), "%s/robots.txt", h->origin);
    for (size_t i = 0; rc == HURDLE_OK && h->robots && i < hd_robots_sitemap_count(h->robots);
         i++) {
        char *norm = NULL;
        /* a relative Sitemap line resolves against robots.txt's URL, as a link would */
        if (hd_url_resolve(&norm, c->ctx, robots_url, hd_robots_sitemap(h->robots, i)) < 0) {
            hd_clear_error(c->ctx);
            continue;
        }
        listed = listed || strcmp(norm, dflt) == 0;
        rc = sitemap_fetch(c, host, norm, 0, 0);
        hd_free(c->ctx, norm);
    }
    return rc == HURDLE_OK && !listed ? sitemap_fetch(c, host, dflt, 0, 0) : rc;
}

typedef struct sitemap_walk {
    hd_crawl *c;
    uint32_t from;
    unsigned nest;
    const hd_sitemap_stats *stats;
    int rc;
} sitemap_walk;

static int on_loc(const char *loc, void *payload)
{
    sitemap_walk *w = payload;
    hd_crawl *c = w->c;
    char *norm = NULL;

    if (hd_url_normalize(&norm, c->ctx, loc) < 0) {
        hd_clear_error(c->ctx);
        return 0;
    }
    if (w->stats->kind == HD_SITEMAP_INDEX) {
        w->rc = sitemap_fetch(c, w->from, norm, w->nest + 1, 0);
    } else {
        w->rc = hd_crawl_found(c, norm, HD_NONE, 1,
                               (float)hd_rules_link_score(c->r->rules, "", norm, NULL),
                               HD_FOUND_SITEMAP);
    }
    hd_free(c->ctx, norm);
    return w->rc < 0;
}

static int sitemap_read(hd_crawl *c, hd_xtag *tag, const hd_fetch_done *d)
{
    hd_buf plain = HD_BUF_INIT(c->ctx, HD_CRAWL_SITEMAP_BYTES);
    const char *bytes = d->body.ptr;
    size_t len = d->body.len;
    hd_sitemap_stats st;
    sitemap_walk w = { c, tag->from, tag->nest, &st, HURDLE_OK };
    bool cut = false;
    int rc = HURDLE_OK;

    memset(&st, 0, sizeof(st));
    if (hd_gz_is_gzip(bytes, len)) {
        rc = hd_gz_inflate(&plain, c->ctx, bytes, len, &cut);
        bytes = plain.ptr;
        len = plain.len;
    }
    if (rc == HURDLE_OK) {
        rc = hd_sitemap_parse(&st, c->ctx, tag->url, bytes, len, HD_CRAWL_SITEMAP_URLS, on_loc, &w);
    }
    hd_buf_dispose(&plain);
    if (w.rc < 0 || rc == HURDLE_ENOMEM) {
        return hd_oom(c->ctx);
    }
    if (rc < 0) {
        char msg[HD_ERRMSG_MAX];
        snprintf(msg, sizeof(msg), "%s", hurdle_ctx_error(c->ctx));
        hd_clear_error(c->ctx);
        return hd_crawl_sitemap_note(c, tag->url, st.urls, msg);
    }
    return hd_crawl_sitemap_note(c, tag->url, st.urls, cut ? "cut at 50 MB" : NULL);
}

static int sitemap_done(hd_crawl *c, hd_xtag *tag, const hd_fetch_done *d)
{
    char msg[320];

    if (d->code == HURDLE_OK && d->status >= 300 && d->status < 400 && d->location &&
        tag->hops < (unsigned)c->o->max_redirects) {
        char *norm = NULL;
        int rc;
        if (hd_url_normalize(&norm, c->ctx, d->location) < 0) {
            hd_clear_error(c->ctx);
            return hd_crawl_sitemap_note(c, tag->url, 0, "redirected to a URL hurdle cannot follow");
        }
        if (hd_scope_check(c->scope, norm, NULL, 0) != HD_SKIP_NONE) {
            hd_free(c->ctx, norm);
            return hd_crawl_sitemap_note(c, tag->url, 0, "redirected out of the crawl's scope");
        }
        rc = sitemap_fetch(c, tag->from, norm, tag->nest, tag->hops + 1);
        hd_free(c->ctx, norm);
        return rc;
    }
    if (d->code != HURDLE_OK) {
        return hd_crawl_sitemap_note(c, tag->url, 0, d->error);
    }
    if (d->status < 200 || d->status >= 300) {
        snprintf(msg, sizeof(msg), "HTTP status %ld", d->status);
        return hd_crawl_sitemap_note(c, tag->url, 0, msg);
    }
    return sitemap_read(c, tag, d);
}

/* ---- pages ---- */

/* A type the crawl analyses: HTML, XHTML, plain text, or none (then the bytes are sniffed). */
static bool page_type(const char *type, const hd_fetch_done *d)
{
    if (!type || !*type) {
        return hd_html_sniff(d->body.ptr, d->body.len) == HD_SNIFF_HTML;
    }
    return hd_fetch_type_is_page(type);
}

/* A redirect: the next URL of the chain, checked and fetched next. */
static int redirect(hd_crawl *c, uint32_t id, const char *location)
{
    hd_uinfo *u = &c->fr.u[id];
    char why[512];
    char *norm = NULL;
    uint32_t to = 0;
    uint32_t host = 0;
    hd_uinfo *t;
    hd_skip s;
    int rc;

    u->state = HD_U_MOVED;
    if (u->hops + 1 > c->o->max_redirects) {
        return hd_crawl_fail(c, id, HURDLE_ENET, "too many redirects (more than %ld)",
                             c->o->max_redirects);
    }
    if (!location || hd_url_normalize(&norm, c->ctx, location) < 0) {
        hd_clear_error(c->ctx);
        return hd_crawl_fail(c, id, HURDLE_ENET, "redirect to a URL hurdle cannot follow");
    }
    rc = hd_strmap_intern(&c->r->urls, norm, strlen(norm), &to, NULL);
    if (rc == HURDLE_ELIMIT) {
        hd_free(c->ctx, norm);
        return hd_crawl_fail(c, id, HURDLE_ELIMIT, "redirect past the scan's limit of %zu URLs",
                             c->r->urls.max);
    }
    t = rc == HURDLE_OK ? hd_frontier_info(&c->fr, to) : NULL;
    u = &c->fr.u[id]; /* the states may have moved as they grew */
    for (uint32_t k = id; t && k != HD_NONE; k = c->fr.u[k].from) {
        if (k == to) {
            hd_free(c->ctx, norm);
            return hd_crawl_fail(c, id, HURDLE_ENET, "redirect loop (back to %s)",
                                 hd_strmap_get(&c->r->urls, to));
        }
    }
    if (!t) {
        hd_free(c->ctx, norm);
        return hd_oom(c->ctx);
    }
    if (t->state != HD_U_NEW) {
        hd_free(c->ctx, norm);
        hd_crawl_why_note(c, id, "redirected to a URL the crawl already has");
        return HURDLE_OK; /* the page is, or will be, in the report under its own URL */
    }
    hd_crawl_unkeep(c, norm);
    if (u->start) {
        /* a start URL's redirect (to www., https) joins the scope */
        rc = hd_scope_add_moved_start(c->scope, hd_strmap_get(&c->r->urls, id), norm);
        if (rc == HURDLE_ENOMEM) {
            hd_free(c->ctx, norm);
            return rc;
        }
        hd_clear_error(c->ctx); /* past the limit of starts: its scope decides it */
        rc = HURDLE_OK;
    }
    s = hd_scope_check(c->scope, norm, why, sizeof(why));
    if (s != HD_SKIP_NONE) {
        hd_free(c->ctx, norm);
        t->state = HD_U_SKIPPED;
        t->why = (uint8_t)s;
        c->r->crawl.skipped[s]++;
        hd_crawl_why_note(c, id, why);
        return HURDLE_OK;
    }
    if (rc == HURDLE_OK && !hd_frontier_host(&c->fr, norm, &host)) {
        rc = HURDLE_ENOMEM;
    }
    hd_free(c->ctx, norm);
    if (rc < 0) {
        return hd_oom(c->ctx);
    }
    t->from = id;
    t->parent = u->parent;
    t->depth = u->depth;
    t->start = u->start;
    t->hops = (uint8_t)(u->hops + 1);
    t->host = host;
    t->score = u->score;
    rc = hd_frontier_push(&c->fr, to, HD_CRAWL_START_SCORE * 2);
    if (rc == HURDLE_ELIMIT) {
        hd_crawl_skip(c, to, HD_SKIP_LIMIT, "the frontier is full (--max-queue)");
        return HURDLE_OK;
    }
    return rc < 0 ? hd_oom(c->ctx) : HURDLE_OK;
}

static int page_retry(hd_crawl *c, uint32_t id, const hd_fetch_done *d)
{
    hd_uinfo *u = &c->fr.u[id];
    hd_host *h = &c->fr.hosts[u->host];
    bool too_long = false;
    double ms = backoff_ms(c, d->retry_after, u->tries, &too_long);
    double until = hd_crawl_now_ms() + ms;

    if (too_long) {
        return hd_crawl_fail(c, id, HURDLE_ENET,
                             "HTTP status %ld: Retry-After %s is longer "
                             "than --max-retry-after %.0f s",
                             d->status, d->retry_after, c->o->max_retry_after);
    }
    if (u->tries > c->o->retries) {
        if (d->status) {
            return hd_crawl_fail(c, id, HURDLE_ENET, "HTTP status %ld after %u attempts", d->status,
                                 u->tries);
        }
        return hd_crawl_fail(c, id, HURDLE_ENET, "%s (after %u attempts)", d->error, u->tries);
    }
    c->r->crawl.retries++;
    h->next_ms = until > h->next_ms ? until : h->next_ms;
    return hd_frontier_requeue(&c->fr, id, u->score + HD_CRAWL_START_SCORE) < 0 ? hd_oom(c->ctx)
                                                                                : HURDLE_OK;
}

/* A 2xx: a page for the analysis threads, or a response that is not one. */
static int page_body(hd_crawl *c, uint32_t id, hd_fetch_done *d)
{
    hd_uinfo *u = &c->fr.u[id];
    uint32_t head = hd_crawl_head(c, id);
    hd_job job;

    if (d->type_refused || !page_type(d->content_type, d)) {
        u->state = HD_U_DONE;
        c->r->crawl.skipped[HD_SKIP_NOT_HTML]++;
        hd_crawl_why_note(c, id, "not a page (its content type is not HTML)");
        if (u->start) {
            return hd_crawl_fail(c, id, HURDLE_EPARSE, "not a page (content type %s)",
                                 *d->content_type ? d->content_type : "none, and not HTML");
        }
        return hd_crawl_warc_exchange(c, d, "skipped", NULL);
    }
    memset(&job, 0, sizeof(job));
    job.display = hd_url_redact(c->ctx, hd_strmap_get(&c->r->urls, head));
    job.url = hd_strdup(c->ctx, hd_strmap_get(&c->r->urls, id));
    job.content_type = *d->content_type ? hd_strdup(c->ctx, d->content_type) : NULL;
    job.body = hd_strndup(c->ctx, d->body.ptr, d->body.len);
    job.len = d->body.len;
    job.status = d->status;
    job.cut_at = d->truncated ? c->o->max_page_bytes : 0;
    job.order = c->order_of_url;
    job.tag = id;
    job.start = u->start;
    job.named = u->start && c->o->crawl_depth == 0;
    if (!job.display || !job.url || !job.body || (*d->content_type && !job.content_type)) {
        hd_job_dispose(&job, c->ctx);
        return hd_oom(c->ctx);
    }
    if (hd_crawl_warc_page(c, d, &job) < 0) {
        hd_job_dispose(&job, c->ctx);
        return HURDLE_EIO;
    }
    return hd_crawl_submit(c, &job);
}

static int page_done(hd_crawl *c, hd_xtag *tag, hd_fetch_done *d)
{
    uint32_t id = tag->id;

    if (d->code != HURDLE_OK) {
        if (retryable_error(d) && c->fr.u[id].tries <= c->o->retries) {
            return page_retry(c, id, d);
        }
        if (c->fr.u[id].tries > 1) {
            return hd_crawl_fail(c, id, d->code, "%s (after %u attempts)", d->error,
                                 c->fr.u[id].tries);
        }
        return hd_crawl_fail(c, id, d->code, "%s", d->error);
    }
    if (hd_crawl_warc_exchange(c, d, d->status >= 200 && d->status < 300 ? NULL : "response",
                               NULL) < 0) {
        return HURDLE_EIO;
    }
    if (d->status >= 300 && d->status < 400 && d->location) {
        return redirect(c, id, d->location);
    }
    if (retryable_status(d->status)) {
        return page_retry(c, id, d);
    }
    if (d->status >= 400 && d->status < 500 && c->fr.u[id].action) {
        /* a form's action that a GET cannot have (405, 404...): an endpoint, not a page */
        c->fr.u[id].state = HD_U_DONE;
        c->r->crawl.skipped[HD_SKIP_NOT_HTML]++;
        hd_crawl_why_note(c, id, "a form's action that answers a GET with an error: not a page");
        return HURDLE_OK;
    }
    if (d->status < 200 || d->status >= 300) {
        return hd_crawl_fail(c, id, HURDLE_ENET, "HTTP status %ld", d->status);
    }
    return page_body(c, id, d);
}

int hd_crawl_done(hd_crawl *c, hd_fetch_done *d)
{
    hd_xtag *tag = d->payload;
    hd_host *h = &c->fr.hosts[tag->host];
    int rc;

    h->active--;
    if (d->code == HURDLE_ENOMEM) {
        hd_free(c->ctx, tag->url);
        hd_free(c->ctx, tag);
        return hd_oom(c->ctx);
    }
    c->r->crawl.bytes += d->body.len;
    c->r->crawl.fetched += d->code == HURDLE_OK;
    switch (tag->kind) {
    case HD_X_ROBOTS:
        rc = hd_crawl_warc_exchange(c, d, "robots", NULL);
        rc = rc == HURDLE_OK ? robots_done(c, tag, d) : rc;
        break;
    case HD_X_SITEMAP:
        rc = hd_crawl_warc_exchange(c, d, "sitemap", NULL);
        rc = rc == HURDLE_OK ? sitemap_done(c, tag, d) : rc;
        break;
    default:
        rc = page_done(c, tag, d);
        break;
    }
    hd_free(c->ctx, tag->url);
    hd_free(c->ctx, tag);
    return rc;
}
