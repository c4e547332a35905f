/*
 * core/frontier.c - URL states by id (beside the report's URL table), and
 * hosts by origin, each with a binary heap of queued URL ids: the highest
 * priority first, then the earliest found, so the order is deterministic
 * for the same arrivals. libc only.
 */
#include "frontier.h"

#include <stdio.h>
#include <string.h>

#include "../net/url.h"
#include "../util/alloc.h"

void hd_frontier_init(hd_frontier *f, hurdle_ctx *ctx, hd_strmap *urls, size_t max_queue)
{
    memset(f, 0, sizeof(*f));
    f->ctx = ctx;
    f->urls = urls;
    f->max_queue = max_queue;
    hd_strmap_init(&f->origins, ctx, (size_t)1 << 20);
}

void hd_frontier_dispose(hd_frontier *f)
{
    size_t n = hd_strmap_count(&f->origins);

    for (size_t i = 0; i < n && i < f->hcap; i++) {
        hd_free(f->ctx, f->hosts[i].origin);
        hd_free(f->ctx, f->hosts[i].heap);
        hd_robots_free(f->hosts[i].robots);
    }
    hd_free(f->ctx, f->hosts);
    hd_free(f->ctx, f->u);
    hd_strmap_dispose(&f->origins);
    memset(f, 0, sizeof(*f));
}

hd_uinfo *hd_frontier_info(hd_frontier *f, uint32_t id)
{
    if (id >= f->ucap) {
        size_t cap = f->ucap ? f->ucap : 1024;
        hd_uinfo *u;
        while (cap <= id) {
            cap *= 2;
        }
        u = hd_realloc(f->ctx, f->u, cap * sizeof(*u));
        if (!u) {
            return NULL;
        }
        memset(u + f->ucap, 0, (cap - f->ucap) * sizeof(*u));
        for (size_t i = f->ucap; i < cap; i++) {
            u[i].parent = HD_NONE;
            u[i].from = HD_NONE;
            u[i].host = HD_NONE;
        }
        f->u = u;
        f->ucap = cap;
    }
    return &f->u[id];
}

/* Room for one more host, before its origin is interned (so that a failure leaves no trace). */
static int hosts_room(hd_frontier *f)
{
    size_t need = hd_strmap_count(&f->origins) + 1;
    size_t cap = f->hcap ? f->hcap : 16;
    hd_host *h;

    if (need <= f->hcap) {
        return HURDLE_OK;
    }
    while (cap < need) {
        cap *= 2;
    }
    h = hd_realloc(f->ctx, f->hosts, cap * sizeof(*h));
    if (!h) {
        return HURDLE_ENOMEM;
    }
    memset(h + f->hcap, 0, (cap - f->hcap) * sizeof(*h));
    f->hosts = h;
    f->hcap = cap;
    return HURDLE_OK;
}

hd_host *hd_frontier_host(hd_frontier *f, const char *url, uint32_t *index)
{
    char key[HD_URL_MAX + 8];
    hd_url_parts p;
    uint32_t id = 0;
    bool added = false;
    char *origin;
    long known;
    int n;

    if (!hd_url_split(&p, url)) {
        return NULL;
    }
    /* the origin without credentials: "scheme://host[:port]" */
    n = snprintf(key, sizeof(key), "%.*s://%.*s", (int)p.scheme_len, p.scheme,
                 (int)(p.origin + p.origin_len - p.host), p.host);
    if (n < 0 || (size_t)n >= sizeof(key)) {
        return NULL;
    }
    known = hd_strmap_find(&f->origins, key, (size_t)n);
    if (known >= 0) {
        *index = (uint32_t)known;
        return &f->hosts[known];
    }
    origin = hd_strndup(f->ctx, key, (size_t)n);
    if (!origin || hosts_room(f) < 0 ||
        hd_strmap_intern(&f->origins, key, (size_t)n, &id, &added) < 0) {
        hd_free(f->ctx, origin);
        return NULL;
    }
    f->hosts[id].origin = origin;
    f->hosts[id].crawl_delay = -1;
    f->hosts[id].rstatus = "";
    *index = id;
    return &f->hosts[id];
}

size_t hd_frontier_nhosts(const hd_frontier *f)
{
    return hd_strmap_count(&f->origins);
}

bool hd_qentry_before(const hd_qentry *a, const hd_qentry *b)
{
    if (a->prio != b->prio) {
        return a->prio > b->prio;
    }
    return a->depth != b->depth ? a->depth < b->depth : a->seq < b->seq;
}

static int push(hd_frontier *f, uint32_t id, float prio, bool counted);

int hd_frontier_push(hd_frontier *f, uint32_t id, float prio)
{
    return push(f, id, prio, false);
}

int hd_frontier_requeue(hd_frontier *f, uint32_t id, float prio)
{
    return push(f, id, prio, true);
}

bool hd_frontier_best(const hd_frontier *f, float *prio)
{
    size_t n = hd_strmap_count(&f->origins);
    bool any = false;

    for (size_t i = 0; i < n && i < f->hcap; i++) {
        const hd_host *h = &f->hosts[i];
        if (h->n > 0 && (!any || h->heap[0].prio > *prio)) {
            *prio = h->heap[0].prio;
            any = true;
        }
    }
    return any;
}

static int push(hd_frontier *f, uint32_t id, float prio, bool counted)
{
    hd_uinfo *u = &f->u[id];
    hd_host *h = &f->hosts[u->host];
    size_t i;

    if (f->queued >= f->max_queue && !counted) {
        return HURDLE_ELIMIT;
    }
    if (h->n == h->cap) {
        size_t cap = h->cap ? h->cap * 2 : 64;
        hd_qentry *q = hd_realloc(f->ctx, h->heap, cap * sizeof(*q));
        if (!q) {
            return HURDLE_ENOMEM;
        }
        h->heap = q;
        h->cap = cap;
    }
    i = h->n++;
    h->heap[i].prio = prio;
    h->heap[i].seq = f->seq++;
    h->heap[i].id = id;
    h->heap[i].depth = u->depth;
    while (i > 0 && hd_qentry_before(&h->heap[i], &h->heap[(i - 1) / 2])) {
        hd_qentry t = h->heap[i];
        h->heap[i] = h->heap[(i - 1) / 2];
        h->heap[(i - 1) / 2] = t;
        i = (i - 1) / 2;
    }
    u->state = HD_U_QUEUED;
    f->queued++;
    return HURDLE_OK;
}

bool hd_frontier_peek(const hd_host *h, hd_qentry *out)
{
    if (!h->n) {
        return false;
    }
    *out = h->heap[0];
    return true;
}

void hd_frontier_pop(hd_frontier *f, hd_host *h)
{
    size_t i = 0;

    if (!h->n) {
        return;
    }
    h->heap[0] = h->heap[--h->n];
    f->queued--;
    for (;;) {
        size_t l = 2 * i + 1;
        size_t r = l + 1;
        size_t m = i;
        hd_qentry t;
        if (l < h->n && hd_qentry_before(&h->heap[l], &h->heap[m])) {
            m = l;
        }
        if (r < h->n && hd_qentry_before(&h->heap[r], &h->heap[m])) {
            m = r;
        }
        if (m == i) {
            break;
        }
        t = h->heap[i];
        h->heap[i] = h->heap[m];
        h->heap[m] = t;
        i = m;
    }
}
