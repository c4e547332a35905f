/*
 * core/crawl_sched.c - which transfer starts next. A host is ready when its
 * robots.txt is known (or ignored), it has fewer than per_host transfers
 * and its politeness delay has passed (--delay with +-50% jitter, never
 * below robots.txt's Crawl-delay); among ready hosts the best queued URL
 * goes first. robots.txt decides each URL as it is taken; the early stop,
 * --max-pages and --max-bytes end the scheduling. Retries of robots.txt and
 * sitemap fetches wait in a list until their time (sitemaps also keep the
 * host's pace). Credentials go only to their hosts, per transfer, so a
 * redirect to another host never carries them.
 */
#include <stdio.h>
#include <string.h>

#include "../net/url.h"
#include "../util/alloc.h"
#include "crawl_int.h"

/* true when two URLs have the same scheme, host and port. */
static bool same_origin(const char *a, const char *b)
{
    hd_url_parts x;
    hd_url_parts y;

    return hd_url_split(&x, a) && hd_url_split(&y, b) && x.scheme_len == y.scheme_len &&
           strncmp(x.scheme, y.scheme, x.scheme_len) == 0 &&
           (size_t)(x.origin + x.origin_len - x.host) == (size_t)(y.origin + y.origin_len - y.host) &&
           strncmp(x.host, y.host, (size_t)(x.origin + x.origin_len - x.host)) == 0;
}

/*
 * Credentials go only to their origins (the start URLs' own scheme, host and port, or the
 * --auth-host names), decided for each transfer: a redirect to another host never has them. A
 * start URL's "user:pw@" goes to that URL's origin alone.
 */
static void credentials(hd_crawl *c, hd_fetch_req *req, const char *url)
{
    if (c->url_userpwd && same_origin(url, c->url_userpwd_url)) {
        req->userpwd = c->url_userpwd;
    }
    if (!hd_scope_auth_host(c->scope, url)) {
        return;
    }
    req->headers = c->cred;
    req->nheaders = c->ncred;
    req->userpwd = c->userpwd ? c->userpwd : req->userpwd;
}

int hd_crawl_start(hd_crawl *c, hd_xtag *tag, const char *url)
{
    hd_fetch_req req;
    int rc;

    memset(&req, 0, sizeof(req));
    req.url = url;
    req.max_bytes = tag->kind == HD_X_SITEMAP ? HD_CRAWL_SITEMAP_BYTES : c->o->max_page_bytes;
    req.payload = tag;
    req.pages_only = tag->kind == HD_X_PAGE;
    credentials(c, &req, url);
    rc = hd_fetcher_add(c->fetch, &req);
    if (rc < 0) {
        hd_free(c->ctx, tag->url);
        hd_free(c->ctx, tag);
        return rc;
    }
    c->fr.hosts[tag->host].active++;
    c->r->crawl.requests++;
    return HURDLE_OK;
}

/* The host's delay before its next request: --delay or Crawl-delay, with jitter. */
double hd_crawl_delay_ms(hd_crawl *c, const hd_host *h)
{
    double d = c->o->delay * 1000.0;
    double floor = h->crawl_delay > 0 ? h->crawl_delay * 1000.0 : 0;

    c->rng ^= c->rng << 13;
    c->rng ^= c->rng >> 7;
    c->rng ^= c->rng << 17;
    d *= 0.5 + (double)(c->rng % 1000) / 1000.0; /* +-50%, as wget --random-wait */
    return d > floor ? d : floor;
}

int hd_crawl_retry_later(hd_crawl *c, hd_xtag *tag, double ms)
{
    hd_later *l = hd_vec_push(&c->later);

    if (!l) {
        hd_free(c->ctx, tag->url);
        hd_free(c->ctx, tag);
        return hd_oom(c->ctx);
    }
    l->tag = tag;
    l->at_ms = hd_crawl_now_ms() + ms;
    return HURDLE_OK;
}

/*
 * Whether a waiting transfer may start now (1), must wait (0), or is dropped (-1). A robots.txt
 * retry starts when its time comes; a sitemap waits for its own host's robots.txt (asked for
 * here), may be disallowed by it, and keeps that host's pace and transfer limit; nothing new
 * starts once the crawl stops.
 */
static int due(hd_crawl *c, hd_xtag *tag, double now, size_t per)
{
    hd_host *h = &c->fr.hosts[tag->host];
    hd_url_parts p;

    if (tag->kind != HD_X_SITEMAP) {
        return 1;
    }
    if (c->stop) {
        return -1;
    }
    if (c->o->robots && h->rstate == HD_R_UNKNOWN) {
        c->err = hd_crawl_robots_start(c, tag->host) < 0 ? HURDLE_ENOMEM : c->err;
        return 0;
    }
    if (c->o->robots && h->rstate != HD_R_READY) {
        return 0;
    }
    if (c->o->robots && h->robots && hd_url_split(&p, tag->url) &&
        !hd_robots_check(h->robots, p.path, NULL)) {
        c->err = hd_crawl_sitemap_note(c, tag->url, 0, "disallowed by robots.txt") < 0
                     ? HURDLE_ENOMEM
                     : c->err;
        return -1;
    }
    if (h->next_ms > now || h->active >= per) {
        return 0;
    }
    h->next_ms = now + hd_crawl_delay_ms(c, h);
    return 1;
}

/* Starts the retries and sitemaps whose time has come (and whose host is free). */
void hd_crawl_start_due(hd_crawl *c)
{
    double now = hd_crawl_now_ms();
    size_t per = c->o->per_host ? c->o->per_host : 1;
    size_t k = 0;

    for (size_t i = 0; i < c->later.len; i++) {
        hd_later *l = hd_vec_at(&c->later, i);
        int r = l->at_ms <= now && !c->err ? due(c, l->tag, now, per) : 0;
        if (r > 0) {
            if (hd_crawl_start(c, l->tag, l->tag->url) < 0) {
                c->err = HURDLE_ENOMEM;
            }
        } else if (r < 0) {
            hd_free(c->ctx, l->tag->url);
            hd_free(c->ctx, l->tag);
        } else {
            *(hd_later *)hd_vec_at(&c->later, k++) = *l;
        }
    }
    c->later.len = k;
}

/* A host met for the first time with --ignore-robots: said once, then crawled. */
static int no_robots(hd_crawl *c, hd_host *h, uint32_t i)
{
    if (!c->robots_said) {
        HD_LOG(c->ctx, HURDLE_LOG_WARN, "crawl: robots.txt is ignored (--ignore-robots)");
        c->robots_said = true;
    }
    h->rstate = HD_R_READY;
    h->rstatus = "ignored";
    return hd_crawl_sitemaps_start(c, i);
}

static bool host_ready(const hd_crawl *c, const hd_host *h, double now)
{
    size_t per = c->o->per_host ? c->o->per_host : 1;

    return h->n > 0 && h->active < per && h->next_ms <= now &&
           (h->rstate == HD_R_READY || !c->o->robots);
}

/* The host whose best queued URL is best overall, among those ready now; -1 none. */
static long best_host(hd_crawl *c, double now)
{
    size_t n = hd_frontier_nhosts(&c->fr);
    long best = -1;
    hd_qentry top = { 0, 0, 0, 0 };
    hd_qentry b = { 0, 0, 0, 0 };

    for (size_t i = 0; i < n; i++) {
        hd_host *h = &c->fr.hosts[i];
        if (h->rstate == HD_R_UNKNOWN && h->n > 0) {
            int rc =
                c->o->robots ? hd_crawl_robots_start(c, (uint32_t)i) : no_robots(c, h, (uint32_t)i);
            if (rc < 0) {
                c->err = rc;
                return -1;
            }
        }
        if (!host_ready(c, h, now) || !hd_frontier_peek(h, &top)) {
            continue;
        }
        if (best < 0 || hd_qentry_before(&top, &b)) {
            best = (long)i;
            b = top;
        }
    }
    return best;
}

static bool may_fetch(hd_crawl *c, uint32_t id, hd_host *h)
{
    hd_uinfo *u = &c->fr.u[id];
    hd_url_parts p;
    hd_robots_verdict v;
    char why[700];

    if (!c->o->robots || !h->robots || !hd_url_split(&p, hd_strmap_get(&c->r->urls, id))) {
        return true;
    }
    if (hd_robots_check(h->robots, p.path, &v)) {
        if (v.line && id == c->why_id) {
            snprintf(why, sizeof(why), "allowed by robots.txt of %s (line %zu: %s)", h->origin,
                     v.line, v.rule);
            hd_crawl_why_note(c, id, why);
        }
        return true;
    }
    if (v.line) {
        snprintf(why, sizeof(why), "disallowed by robots.txt of %s (line %zu: %s)", h->origin,
                 v.line, v.rule);
    } else {
        snprintf(why, sizeof(why), "disallowed by robots.txt of %s (%s)", h->origin, v.rule);
    }
    if (!u->start) {
        hd_crawl_skip(c, id, HD_SKIP_ROBOTS, why);
    } else if (hd_crawl_fail(c, id, HURDLE_ENOTFOUND, "%s", why) < 0) {
        c->err = HURDLE_ENOMEM; /* a URL the user named: an error, counted as failed only */
    }
    return false;
}

/*
 * true when the early stop applies to a URL of priority `prio`: offerings were found, the URL
 * scores under min_score, and nothing under way could still add a better link (*wait: not yet).
 */
static bool stop_early(hd_crawl *c, float prio, bool *wait)
{
    float best = prio;

    *wait = false;
    (void)hd_frontier_best(&c->fr, &best); /* a host waiting out its delay may hold better */
    if (c->o->min_score <= 0 || c->entries == 0 || best >= (float)c->o->min_score) {
        return false;
    }
    if (hd_fetcher_running(c->fetch) > 0 || hd_pool_pending(c->pool) > 0) {
        *wait = true;
        return false;
    }
    if (!c->r->crawl.stopped) {
        char msg[256];
        snprintf(msg, sizeof(msg),
                 "stopped early: offerings were found and no queued link "
                 "scores %.3g or more (--min-score)",
                 c->o->min_score);
        c->r->crawl.stopped = hd_strdup(c->ctx, msg);
        HD_LOG(c->ctx, HURDLE_LOG_INFO, "crawl: %s", msg);
    }
    return true;
}

static bool limits_hit(hd_crawl *c)
{
    const char *why = NULL;
    char msg[160];

    if (c->r->crawl.bytes >= c->o->max_bytes) {
        snprintf(msg, sizeof(msg), "stopped: %zu bytes downloaded (--max-bytes)",
                 c->r->crawl.bytes);
        why = msg;
    }
    if (why && !c->r->crawl.stopped) {
        c->r->crawl.stopped = hd_strdup(c->ctx, why);
        HD_LOG(c->ctx, HURDLE_LOG_WARN, "crawl: %s", why);
    }
    return why != NULL;
}

/* Starts transfers while there is room, a host is ready and the crawl has not stopped. */
void hd_crawl_schedule(hd_crawl *c)
{
    size_t conns = c->o->connections ? c->o->connections : 1;

    while (!c->stop && !c->err && hd_fetcher_running(c->fetch) < conns &&
           hd_pool_pending(c->pool) < c->max_pending) {
        double now = hd_crawl_now_ms();
        long hi = best_host(c, now);
        hd_host *h;
        hd_qentry e;
        hd_xtag *tag;
        bool wait = false;
        if (hi < 0) {
            return;
        }
        h = &c->fr.hosts[hi];
        hd_frontier_peek(h, &e);
        if (stop_early(c, e.prio, &wait) || limits_hit(c)) {
            c->stop = true;
            return;
        }
        if (wait) {
            return; /* what is under way may find a better link */
        }
        hd_frontier_pop(&c->fr, h);
        if (!may_fetch(c, e.id, h)) {
            continue;
        }
        if (c->fr.u[e.id].tries == 0 && c->fr.u[e.id].hops == 0) {
            if (c->room == 0) {
                hd_crawl_skip(c, e.id, HD_SKIP_LIMIT, "the scan has --max-pages pages");
                continue;
            }
            c->room--;
        }
        tag = hd_calloc(c->ctx, 1, sizeof(*tag));
        if (!tag) {
            c->err = HURDLE_ENOMEM;
            return;
        }
        tag->kind = HD_X_PAGE;
        tag->id = e.id;
        tag->host = (uint32_t)hi;
        c->fr.u[e.id].state = HD_U_FETCHING;
        c->fr.u[e.id].tries++;
        h->next_ms = now + hd_crawl_delay_ms(c, h);
        if (hd_crawl_start(c, tag, hd_strmap_get(&c->r->urls, e.id)) < 0) {
            c->err = HURDLE_ENOMEM;
        }
    }
}

/* How long to wait for something to happen: until a host's delay passes, at most 250 ms. */
long hd_crawl_wait_ms(hd_crawl *c)
{
    double now = hd_crawl_now_ms();
    double best = 250;
    size_t n = hd_frontier_nhosts(&c->fr);

    for (size_t i = 0; i < n; i++) {
        const hd_host *h = &c->fr.hosts[i];
        if (h->n > 0 && h->next_ms > now && h->next_ms - now < best) {
            best = h->next_ms - now;
        }
    }
    for (size_t i = 0; i < c->later.len; i++) {
        const hd_later *l = hd_vec_at(&c->later, i);
        const hd_host *h = &c->fr.hosts[l->tag->host];
        double at = l->at_ms;
        if (l->tag->kind == HD_X_SITEMAP) {
            if (h->rstate == HD_R_FETCHING || h->active > 0) {
                continue; /* it waits for a transfer, whose end wakes the loop */
            }
            at = h->next_ms > at ? h->next_ms : at; /* and for its host's pace */
        }
        best = at - now < best ? (at > now ? at - now : 0) : best;
    }
    return (long)best + 1;
}

bool hd_crawl_more_later(const hd_crawl *c)
{
    size_t n = hd_frontier_nhosts(&c->fr);

    if (c->later.len > 0) {
        return true;
    }
    for (size_t i = 0; !c->stop && i < n; i++) {
        const hd_host *h = &c->fr.hosts[i];
        if (h->n > 0 && (h->rstate != HD_R_FETCHING || !c->o->robots)) {
            return true;
        }
    }
    return false;
}
