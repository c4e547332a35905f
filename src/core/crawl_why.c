/*
 * core/crawl_why.c - --why's answer (why one URL was, or was not, crawled,
 * and which rule decided), and the crawl's statistics put into the report
 * when it ends.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../net/url.h"
#include "../util/alloc.h"
#include "crawl_int.h"

int hd_crawl_why_start(hd_crawl *c)
{
    char *norm = NULL;
    int rc = hd_url_normalize(&norm, c->ctx, c->o->why);

    if (rc == HURDLE_ENOMEM) {
        return rc;
    }
    if (rc < 0) {
        hd_clear_error(c->ctx);
        return HURDLE_OK; /* the answer will say it is not a URL a crawl follows */
    }
    rc = hd_strmap_intern(&c->r->urls, norm, strlen(norm), &c->why_id, NULL);
    hd_free(c->ctx, norm);
    if (rc == HURDLE_OK && !hd_frontier_info(&c->fr, c->why_id)) {
        rc = HURDLE_ENOMEM;
    }
    return rc < 0 ? hd_oom(c->ctx) : HURDLE_OK;
}

void hd_crawl_why_note(hd_crawl *c, uint32_t id, const char *why)
{
    if (id != c->why_id || !why) {
        return;
    }
    hd_free(c->ctx, c->why_text);
    c->why_text = hd_strdup(c->ctx, why);
}

/* How it was found: a start URL, a sitemap, a redirect, or a link on a page. */
static void found(hd_buf *b, const hd_crawl *c, const hd_uinfo *u)
{
    if (u->start && u->from == HD_NONE) {
        hd_buf_puts(b, "a start URL");
    } else if (u->from != HD_NONE) {
        hd_buf_printf(b, "redirected from %s", hd_strmap_get(&c->r->urls, u->from));
    } else if (u->sitemap) {
        hd_buf_puts(b, "listed in a sitemap");
    } else if (u->parent != HD_NONE) {
        hd_buf_printf(b, "linked from %s (%u links from the start, link score %.1f)",
                      hd_strmap_get(&c->r->urls, u->parent), (unsigned)u->depth, u->score);
    } else {
        hd_buf_puts(b, "never linked from a page the crawl fetched");
    }
}

static const char *verdict(const hd_uinfo *u)
{
    switch (u->state) {
    case HD_U_DONE:
        return "fetched";
    case HD_U_SKIPPED:
        return "not fetched";
    case HD_U_FAILED:
        return "failed";
    case HD_U_MOVED:
        return "redirected";
    case HD_U_QUEUED:
        return "queued, not fetched when the crawl ended";
    default:
        return "not fetched";
    }
}

static int answer(hd_crawl *c)
{
    hd_buf b = HD_BUF_INIT(c->ctx, 8192);
    const hd_uinfo *u = c->why_id != HD_NONE ? &c->fr.u[c->why_id] : NULL;
    char text[700];

    char *shown = hd_url_redact(c->ctx, c->o->why);

    hd_buf_printf(&b, "%s: ", shown ? shown : "");
    hd_free(c->ctx, shown);
    if (!u) {
        hd_buf_puts(&b, "not an http(s) URL a crawl follows");
    } else if (u->state == HD_U_NEW) {
        hd_skip s =
            hd_scope_check(c->scope, hd_strmap_get(&c->r->urls, c->why_id), text, sizeof(text));
        hd_buf_puts(&b, "not fetched: never linked from a page the crawl fetched");
        if (s != HD_SKIP_NONE) {
            hd_buf_printf(&b, "; it would be skipped anyway: %s", text);
        }
    } else {
        hd_buf_printf(&b, "%s: ", verdict(u));
        found(&b, c, u);
        if (c->why_text) {
            hd_buf_printf(&b, "; %s", c->why_text);
        }
        if (u->state == HD_U_QUEUED && c->r->crawl.stopped) {
            hd_buf_printf(&b, "; %s", c->r->crawl.stopped);
        }
    }
    c->r->why = hd_buf_err(&b) ? NULL : hd_strndup(c->ctx, b.ptr, b.len);
    hd_buf_dispose(&b);
    return c->r->why ? HURDLE_OK : hd_oom(c->ctx);
}

static int hosts(hd_crawl *c)
{
    size_t n = hd_frontier_nhosts(&c->fr);
    hd_crawl_stats *s = &c->r->crawl;

    s->hosts = n ? hd_calloc(c->ctx, n, sizeof(*s->hosts)) : NULL;
    if (n && !s->hosts) {
        return hd_oom(c->ctx);
    }
    for (size_t i = 0; i < n; i++) {
        const hd_host *h = &c->fr.hosts[i];
        const char *hp = strstr(h->origin, "://");
        if (h->rstate == HD_R_UNKNOWN && c->o->robots) {
            continue; /* never asked: no page of it was fetched */
        }
        s->hosts[s->nhosts].host = hd_strdup(c->ctx, hp ? hp + 3 : h->origin);
        s->hosts[s->nhosts].status = c->o->robots ? h->rstatus : "ignored";
        s->hosts[s->nhosts].crawl_delay = h->crawl_delay;
        if (!s->hosts[s->nhosts++].host) {
            return hd_oom(c->ctx);
        }
    }
    return HURDLE_OK;
}

static int by_host(const void *a, const void *b)
{
    return strcmp(((const hd_crawl_host *)a)->host, ((const hd_crawl_host *)b)->host);
}

static int by_sitemap(const void *a, const void *b)
{
    const hd_crawl_sitemap *x = a;
    const hd_crawl_sitemap *y = b;
    int d = strcmp(x->url, y->url);

    if (d || (!x->error && !y->error)) {
        return d;
    }
    return !x->error ? -1 : !y->error ? 1 : strcmp(x->error, y->error);
}

int hd_crawl_finish_report(hd_crawl *c)
{
    hd_crawl_stats *s = &c->r->crawl;
    int rc = hosts(c);

    s->queued = c->fr.queued;
    s->sitemaps = c->sitemaps.ptr;
    s->nsitemaps = c->sitemaps.len;
    c->sitemaps.ptr = NULL;
    c->sitemaps.len = c->sitemaps.cap = 0;
    /* in the order of their names, not of their arrival: the report must not depend on it */
    if (s->nhosts > 1) {
        qsort(s->hosts, s->nhosts, sizeof(*s->hosts), by_host);
    }
    if (s->nsitemaps > 1) {
        qsort(s->sitemaps, s->nsitemaps, sizeof(*s->sitemaps), by_sitemap);
    }
    if (rc == HURDLE_OK && c->o->why) {
        rc = answer(c);
    }
    return rc;
}
