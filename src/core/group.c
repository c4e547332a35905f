/*
 * core/group.c - a scan's pages into offerings, from their kinds and their
 * ways out (links and form actions, as ids of the report's URL table).
 *
 * Real sites link every page to every other through a shared template (a
 * navigation bar, a header, a footer), so a flow cannot be read from all
 * links. Grouping follows only a page's *flow exits*: links outside <nav>,
 * <header> and <footer>, to a URL that not half the site links to (a
 * template without those elements), and the actions of forms a customer
 * fills in (not search, login, newsletter or contact forms).
 *
 *  1. A *listing* (a page of deals: of an entry kind, without a form to
 *     fill (or plans, for a pricing page) of its own, whose flow exits reach
 *     two or more pages of its kind without a form that lead on to pages of
 *     their own, or that shows them as two or more repeated cards) is not an
 *     offering and no flow takes it.
 *  2. Entry pages (rebate, signup, pricing, listings aside) are taken in
 *     order: pages no form's action leads to first (a later step is not a
 *     flow's start), then pages without a form (an offer page comes before
 *     its claim form), then those with fewest flow links from pages of their
 *     own kind (a flow's first step), then most from other pages, then
 *     fewest inputs, then by URL.
 *  3. Each entry page starts an offering that follows flow exits, breadth
 *     first and at most MAX_FLOW_DEPTH deep, to pages not yet taken of the
 *     same kind, companions (terms, checkout), pages of no kind with a form
 *     a customer fills in, and, through a form's action, any page with a
 *     form to fill (the flow's next step, whatever its words say).
 *  4. A page left over becomes an offering of its own when it is of an
 *     entry kind, or when the user named it (a file or start URL) or it is
 *     the scan's only page; anything else is listed among the other pages.
 * Offerings are listed in the order of their entry pages (sorted by target,
 * then URL), whatever order the pages came in.
 */
#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"
#include "../util/hset.h"
#include "offering.h"

#define MAX_FLOW_DEPTH     8
#define MAX_FLOW_PAGES     64 /* pages of one offering: a flow is short; more is a catalogue */
#define TEMPLATE_MIN_PAGES 8 /* a site this big can have a template without <nav> */
#define LISTING_MIN        2 /* pages of its kind a listing lists */

typedef struct grouper {
    hurdle_report *r;
    hd_hset page_of; /* URL hash -> 1 + the page whose final URL it is */
    hd_hset templ;   /* URL hashes linked from half the pages or more */
    bool *listing;   /* per page */
    bool *taken;     /* per page: in an offering */
    size_t *mark;    /* per page: scratch of is_listing */
    size_t *queue;
    size_t *depth;
} grouper;

static bool is(const char *s, const char *t)
{
    return s && strcmp(s, t) == 0;
}

static const char *offering_kind(const char *page_kind)
{
    static const char *const kinds[] = { "rebate", "signup", "pricing" };

    for (size_t i = 0; i < 3; i++) {
        if (is(page_kind, kinds[i])) {
            return kinds[i];
        }
    }
    return "other";
}

static bool is_entry_kind(const char *kind)
{
    return !is(offering_kind(kind), "other");
}

/* The page whose final URL (or the URL that redirected to it) hashes to `key`, else -1. */
static long page_of(const grouper *g, uint64_t key)
{
    uint32_t v;

    return hd_hset_get(&g->page_of, key, &v) ? (long)v - 1 : -1;
}

/* The page exit k leads to when it is a flow exit, else -1. */
static long flow_target(const grouper *g, size_t page, size_t k)
{
    const hd_page_info *in = &g->r->info[page];
    uint8_t f = in->flags[k];
    uint64_t key = in->exits[k];
    long to;

    if ((f & HD_EXIT_NAV) || ((f & HD_EXIT_ACTION) && !(f & HD_EXIT_FLOW)) ||
        (!(f & HD_EXIT_ACTION) && hd_hset_get(&g->templ, key, NULL))) {
        return -1;
    }
    to = page_of(g, key);
    return to == (long)page ? -1 : to;
}

/*
 * Links to a URL from half the pages or more of a site this big: its
 * template. Counts, per URL, the pages that link to it (`last` remembers the
 * page that counted it last, so a page counts once).
 */
static int find_template(grouper *g)
{
    hurdle_report *r = g->r;
    hd_hset count;
    hd_hset last;
    int rc = HURDLE_OK;

    if (r->npages < TEMPLATE_MIN_PAGES) {
        return HURDLE_OK;
    }
    hd_hset_init(&count, r->ctx, SIZE_MAX);
    hd_hset_init(&last, r->ctx, SIZE_MAX);
    for (size_t p = 0; p < r->npages && rc == HURDLE_OK; p++) {
        const hd_page_info *in = &r->info[p];
        for (size_t k = 0; k < in->nexits && rc == HURDLE_OK; k++) {
            uint64_t key = in->exits[k];
            uint32_t seen = 0;
            uint32_t n = 0;
            if ((in->flags[k] & HD_EXIT_ACTION) ||
                (hd_hset_get(&last, key, &seen) && seen == (uint32_t)p + 1)) {
                continue;
            }
            hd_hset_get(&count, key, &n);
            rc = hd_hset_set(&last, key, (uint32_t)p + 1);
            if (rc == HURDLE_OK) {
                rc = hd_hset_set(&count, key, n + 1);
            }
            if (rc == HURDLE_OK && (size_t)(n + 1) * 2 >= r->npages) {
                rc = hd_hset_put(&g->templ, key, 1, NULL);
            }
        }
    }
    hd_hset_dispose(&count);
    hd_hset_dispose(&last);
    return rc;
}

/* Page `t` leads on (a flow exit) to a page that page `p` does not link to itself. */
static bool leads_beyond(const grouper *g, size_t t, size_t p)
{
    for (size_t k = 0; k < g->r->info[t].nexits; k++) {
        long u = flow_target(g, t, k);
        if (u >= 0 && (size_t)u != p && g->mark[u] != p + 1) {
            return true;
        }
    }
    return false;
}

/*
 * A page of an entry kind with no form to fill and no plans, whose flow exits reach
 * LISTING_MIN pages of its kind without a form that each lead on to pages of their own (an
 * offer's claim form, its terms): a listing of offers, not one. An offer page's own companions
 * (its terms, a how-to page) lead only to pages the offer page links to itself.
 */
static bool is_listing(grouper *g, size_t p)
{
    const hurdle_report *r = g->r;
    const hd_page *pg = r->pages[p];
    size_t listed = 0;
    size_t offers = 0;

    if (!is_entry_kind(pg->kind) || r->info[p].inputs > 0 ||
        (is(pg->kind, "pricing") && pg->nplans > 0)) {
        return false;
    }
    for (size_t k = 0; k < r->info[p].nexits; k++) {
        long t = flow_target(g, p, k);
        if (t >= 0) {
            g->mark[t] = p + 1;
        }
    }
    for (size_t k = 0; k < r->info[p].nexits; k++) {
        long t = flow_target(g, p, k);
        if (t < 0 || g->mark[t] != p + 1 || !is(r->pages[t]->kind, pg->kind) ||
            r->info[t].inputs > 0) {
            continue;
        }
        g->mark[t] = 0; /* counted once */
        offers++;
        listed += leads_beyond(g, (size_t)t, p);
    }
    /* teasers shown as repeated cards say "a list of offers" as well as the flows do */
    return listed >= LISTING_MIN || (offers >= LISTING_MIN && pg->nplans >= LISTING_MIN);
}

/* A flow of `kind` goes on into pages of its kind, its companions, and unnamed form steps. */
static bool joins_flow(const grouper *g, const char *kind, size_t p)
{
    const hd_page *pg = g->r->pages[p];

    if (g->taken[p] || g->listing[p] || g->r->info[p].bare) {
        return false;
    }
    return is(kind, pg->kind) || is(pg->kind, "terms") || is(pg->kind, "checkout") ||
           (is(pg->kind, "other") && g->r->info[p].inputs > 0);
}

static int add_offering(hurdle_report *r, const char *kind, size_t *pages, size_t npages)
{
    hd_offering *o;
    hd_offering *grown;

    grown = hd_realloc(r->ctx, r->offerings, (r->nofferings + 1) * sizeof(*grown));
    if (!grown) {
        hd_free(r->ctx, pages);
        return HURDLE_ENOMEM;
    }
    r->offerings = grown;
    o = &r->offerings[r->nofferings++];
    memset(o, 0, sizeof(*o));
    o->kind = kind;
    o->pages = pages;
    o->npages = npages;
    return HURDLE_OK;
}

/* Breadth-first from `entry` along flow exits to pages that join its flow. */
static int follow_flow(grouper *g, size_t entry)
{
    hurdle_report *r = g->r;
    const char *kind = offering_kind(r->pages[entry]->kind);
    size_t head = 0;
    size_t tail = 0;
    size_t *pages;

    g->queue[tail] = entry;
    g->depth[tail++] = 0;
    g->taken[entry] = true;
    while (head < tail) {
        size_t p = g->queue[head];
        size_t d = g->depth[head++];
        for (size_t k = 0; k < r->info[p].nexits && d < MAX_FLOW_DEPTH; k++) {
            long t = flow_target(g, p, k);
            bool step = t >= 0 && (r->info[p].flags[k] & HD_EXIT_ACTION) && r->info[t].inputs > 0 &&
                        !g->taken[t] && !r->info[t].bare &&
                        hd_page_hits_cover(r->info[t].hits, kind);
            if (t < 0 || (!step && !joins_flow(g, kind, (size_t)t)) || tail >= MAX_FLOW_PAGES) {
                continue;
            }
            g->taken[t] = true;
            g->queue[tail] = (size_t)t;
            g->depth[tail++] = d + 1;
        }
    }
    pages = hd_malloc(r->ctx, tail * sizeof(*pages));
    if (!pages) {
        return HURDLE_ENOMEM;
    }
    memcpy(pages, g->queue, tail * sizeof(*pages));
    return add_offering(r, kind, pages, tail);
}

typedef struct entry {
    size_t page;
    size_t actions; /* forms whose action leads here: a flow's later step */
    size_t same;    /* flow links in from pages of its kind: few for a flow's start */
    size_t outside; /* flow links in from other pages */
    size_t inputs;  /* an offer page has fewer than its claim form */
    const char *url;
} entry;

static int by_entry(const void *a, const void *b)
{
    const entry *x = a;
    const entry *y = b;

    if ((x->actions > 0) != (y->actions > 0)) {
        return x->actions > 0 ? 1 : -1;
    }
    if ((x->inputs > 0) != (y->inputs > 0)) {
        return x->inputs > 0 ? 1 : -1;
    }
    if (x->same != y->same) {
        return x->same < y->same ? -1 : 1;
    }
    if (x->outside != y->outside) {
        return x->outside > y->outside ? -1 : 1;
    }
    if (x->inputs != y->inputs) {
        return x->inputs < y->inputs ? -1 : 1;
    }
    return strcmp(x->url, y->url);
}

/* Flow links into each entry candidate, from pages of its kind and from others. */
static void count_inlinks(const grouper *g, entry *entries, size_t n, const long *slot)
{
    const hurdle_report *r = g->r;

    for (size_t p = 0; p < r->npages; p++) {
        long last = -1;
        if (g->listing[p]) {
            continue;
        }
        for (size_t k = 0; k < r->info[p].nexits; k++) {
            long t = flow_target(g, p, k);
            entry *e;
            if (t < 0 || t == last || slot[t] < 0) {
                continue;
            }
            last = t;
            e = &entries[slot[t]];
            e->actions += (r->info[p].flags[k] & HD_EXIT_ACTION) != 0;
            if (is(r->pages[t]->kind, r->pages[p]->kind)) {
                e->same++;
            } else {
                e->outside++;
            }
        }
    }
    (void)n;
}

static int group_entries(grouper *g)
{
    hurdle_report *r = g->r;
    entry *entries = hd_calloc(r->ctx, r->npages, sizeof(*entries));
    long *slot = hd_malloc(r->ctx, r->npages * sizeof(*slot));
    size_t n = 0;
    int rc = HURDLE_OK;

    if (!entries || !slot) {
        hd_free(r->ctx, entries);
        hd_free(r->ctx, slot);
        return HURDLE_ENOMEM;
    }
    for (size_t p = 0; p < r->npages; p++) {
        slot[p] = -1;
        if (is_entry_kind(r->pages[p]->kind) && !g->listing[p]) {
            slot[p] = (long)n;
            entries[n].page = p;
            entries[n].inputs = r->info[p].inputs;
            entries[n++].url = r->pages[p]->url;
        }
    }
    count_inlinks(g, entries, n, slot);
    qsort(entries, n, sizeof(*entries), by_entry);
    for (size_t i = 0; i < n && rc == HURDLE_OK; i++) {
        HD_LOG(r->ctx, HURDLE_LOG_DEBUG,
               "core: entry candidate %s (%s): %zu flow links from its kind, %zu from others",
               entries[i].url, r->pages[entries[i].page]->kind, entries[i].same,
               entries[i].outside);
        if (!g->taken[entries[i].page]) {
            rc = follow_flow(g, entries[i].page);
        }
    }
    hd_free(r->ctx, entries);
    hd_free(r->ctx, slot);
    return rc;
}

static int group_rest(grouper *g)
{
    hurdle_report *r = g->r;
    int rc = HURDLE_OK;

    for (size_t p = 0; p < r->npages && rc == HURDLE_OK; p++) {
        const hd_page *pg = r->pages[p];
        size_t *one;
        bool own =
            (is_entry_kind(pg->kind) && !g->listing[p]) || r->info[p].named || r->npages == 1;
        if (g->taken[p] || !own || r->info[p].bare) {
            continue;
        }
        one = hd_malloc(r->ctx, sizeof(*one));
        if (!one) {
            return HURDLE_ENOMEM;
        }
        *one = p;
        g->taken[p] = true;
        rc = add_offering(r, offering_kind(pg->kind), one, 1);
    }
    return rc;
}

static int prepare(grouper *g)
{
    hurdle_report *r = g->r;
    int rc = HURDLE_OK;

    g->listing = hd_calloc(r->ctx, r->npages, sizeof(bool));
    g->queue = hd_calloc(r->ctx, r->npages, sizeof(size_t));
    g->depth = hd_calloc(r->ctx, r->npages, sizeof(size_t));
    g->mark = hd_calloc(r->ctx, r->npages, sizeof(size_t));
    if (!g->listing || !g->queue || !g->depth || !g->mark) {
        return HURDLE_ENOMEM;
    }
    /* the first page of a URL wins; a link to the URL that redirected leads to its page */
    for (size_t p = 0; p < r->npages && rc == HURDLE_OK; p++) {
        rc = hd_hset_put(&g->page_of, r->info[p].self, (uint32_t)p + 1, NULL);
        if (rc == HURDLE_OK && r->info[p].alias) {
            rc = hd_hset_put(&g->page_of, r->info[p].alias, (uint32_t)p + 1, NULL);
        }
    }
    return rc == HURDLE_OK ? find_template(g) : rc;
}

static int by_entry_page(const void *a, const void *b)
{
    size_t x = ((const hd_offering *)a)->pages[0];
    size_t y = ((const hd_offering *)b)->pages[0];

    return (x > y) - (x < y);
}

int hd_offerings_group(hurdle_report *r)
{
    grouper g;
    int rc;

    memset(&g, 0, sizeof(g));
    g.r = r;
    hd_hset_init(&g.page_of, r->ctx, SIZE_MAX);
    hd_hset_init(&g.templ, r->ctx, SIZE_MAX);
    if (r->npages == 0) {
        return HURDLE_OK;
    }
    r->in_offering = hd_calloc(r->ctx, r->npages, sizeof(*r->in_offering));
    g.taken = r->in_offering;
    rc = g.taken ? prepare(&g) : HURDLE_ENOMEM;
    for (size_t p = 0; rc == HURDLE_OK && p < r->npages; p++) {
        g.listing[p] = is_listing(&g, p);
    }
    if (rc == HURDLE_OK) {
        rc = group_entries(&g);
    }
    if (rc == HURDLE_OK) {
        rc = group_rest(&g);
    }
    if (rc == HURDLE_OK && r->nofferings > 1) {
        qsort(r->offerings, r->nofferings, sizeof(hd_offering), by_entry_page);
    }
    hd_hset_dispose(&g.page_of);
    hd_hset_dispose(&g.templ);
    hd_free(r->ctx, g.listing);
    hd_free(r->ctx, g.queue);
    hd_free(r->ctx, g.depth);
    hd_free(r->ctx, g.mark);
    return rc < 0 ? hd_oom(r->ctx) : HURDLE_OK;
}
