/*
 * core/offering.c - groups a scan's pages into offerings, then evaluates,
 * scores and estimates each.
 *
 * Entry pages are the rebate, signup and pricing pages. Taken in order of
 * how many pages of other kinds link to them (a home page links to an
 * offer, not to its claim form), then of how few pages of their own kind
 * do (a flow's first step has none unless the flow links back), then of
 * how few fields they have, then by URL, each entry page starts an offering
 * that follows links, breadth first, to pages not yet taken whose kind is
 * the same, is a flow's companion (terms, checkout), or is a page of no
 * particular kind with a form to fill (a flow's unnamed next step). What remains becomes an
 * offering of its own when it has visible form fields or a kind of interest, or when it is the
 * scan's only page; anything else is listed as another page.
 */
#include "offering.h"

#include <stdlib.h>
#include <string.h>

#include "../util/alloc.h"

#define MAX_FLOW_DEPTH 8

typedef struct url_ix {
    const char *url;
    size_t page;
} url_ix;

typedef struct grouper {
    hurdle_report *r;
    url_ix *index; /* pages by final URL, sorted */
    size_t *queue;
    size_t *depth;
} grouper;

static int by_url(const void *a, const void *b)
{
    const url_ix *x = a;
    const url_ix *y = b;
    int c = strcmp(x->url, y->url);

    return c ? c : (x->page > y->page) - (x->page < y->page);
}

static long find_page(const grouper *g, const char *url)
{
    size_t lo = 0;
    size_t hi = g->r->npages;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(g->index[mid].url, url);
        if (c == 0) {
            return (long)g->index[mid].page;
        }
        if (c < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return -1;
}

/* A page's ways out: its links, then its forms' actions (a flow's next step). */
static size_t nexits(const hd_page *p)
{
    return p->nlinks + p->nforms;
}

static const char *exit_url(const hd_page *p, size_t i)
{
    return i < p->nlinks ? p->links[i].href : p->forms[i - p->nlinks].action;
}

static const char *offering_kind(const char *page_kind)
{
    static const char *const kinds[] = { "rebate", "signup", "pricing" };
    size_t i;

    for (i = 0; i < 3; i++) {
        if (strcmp(page_kind, kinds[i]) == 0) {
            return kinds[i];
        }
    }
    return "other";
}

static bool is_entry_kind(const char *kind)
{
    return strcmp(offering_kind(kind), "other") != 0;
}

/* Visible controls that take input, in forms or not (buttons do not count). */
static size_t visible_inputs(const hd_page *p)
{
    size_t i;
    size_t n = 0;

    for (i = 0; i < p->nforms; i++) {
        n += p->forms[i].nvisible;
    }
    for (i = 0; i < p->nfields; i++) {
        const hd_field *f = &p->fields[i];
        n += f->form < 0 && f->visible && strcmp(f->purpose, "submit") != 0 &&
             strcmp(f->tag, "button") != 0;
    }
    return n;
}

/* A flow goes on into pages of its kind, its companions, and unnamed form steps. */
static bool joins_flow(const char *flow_kind, const hd_page *p)
{
    return strcmp(flow_kind, p->kind) == 0 || strcmp(p->kind, "terms") == 0 ||
           strcmp(p->kind, "checkout") == 0 ||
           (strcmp(p->kind, "other") == 0 && visible_inputs(p) > 0);
}

/*
 * For each page, how many pages of its own kind link to it (`same`), and how
 * many of other kinds (`outside`), in one pass over the links.
 */
static int count_inlinks(const grouper *g, size_t *same, size_t *outside)
{
    const hurdle_report *r = g->r;
    size_t *last = hd_malloc(r->ctx, r->npages * sizeof(*last));
    size_t i;
    size_t j;

    if (!last) {
        return HURDLE_ENOMEM;
    }
    for (i = 0; i < r->npages; i++) {
        last[i] = (size_t)-1;
        same[i] = 0;
        outside[i] = 0;
    }
    for (i = 0; i < r->npages; i++) {
        const hd_page *p = r->pages[i];
        for (j = 0; j < nexits(p); j++) {
            long t = find_page(g, exit_url(p, j));
            if (t < 0 || (size_t)t == i || last[t] == i) {
                continue;
            }
            last[t] = i;
            if (strcmp(r->pages[t]->kind, p->kind) == 0) {
                same[t]++;
            } else {
                outside[t]++;
            }
        }
    }
    hd_free(r->ctx, last);
    return HURDLE_OK;
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

/* Breadth-first from `entry` along links to pages that join its flow. */
static int follow_flow(grouper *g, size_t entry)
{
    hurdle_report *r = g->r;
    const char *kind = offering_kind(r->pages[entry]->kind);
    size_t head = 0;
    size_t tail = 0;
    size_t *pages;

    g->queue[tail] = entry;
    g->depth[tail++] = 0;
    r->in_offering[entry] = true;
    while (head < tail) {
        const hd_page *p = r->pages[g->queue[head]];
        size_t d = g->depth[head++];
        size_t j;
        for (j = 0; j < nexits(p) && d < MAX_FLOW_DEPTH; j++) {
            long t = find_page(g, exit_url(p, j));
            if (t < 0 || r->in_offering[t] || !joins_flow(kind, r->pages[t])) {
                continue;
            }
            r->in_offering[t] = true;
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
    size_t same;    /* links in from pages of its kind: few for a flow's start */
    size_t outside; /* links in from other pages: many for a flow's start */
    size_t inputs;  /* visible inputs: an offer page has fewer than its claim form */
    const char *url;
} entry;

static int by_entry(const void *a, const void *b)
{
    const entry *x = a;
    const entry *y = b;

    if (x->outside != y->outside) {
        return x->outside > y->outside ? -1 : 1;
    }
    if (x->same != y->same) {
        return x->same < y->same ? -1 : 1;
    }
    if (x->inputs != y->inputs) {
        return x->inputs < y->inputs ? -1 : 1;
    }
    return strcmp(x->url, y->url);
}

static int group_entries(grouper *g, const size_t *same, const size_t *outside)
{
    hurdle_report *r = g->r;
    entry *entries = hd_calloc(r->ctx, r->npages, sizeof(*entries));
    size_t n = 0;
    size_t i;
    int rc = HURDLE_OK;

    if (!entries) {
        return HURDLE_ENOMEM;
    }
    for (i = 0; i < r->npages; i++) {
        if (is_entry_kind(r->pages[i]->kind)) {
            entries[n].page = i;
            entries[n].same = same[i];
            entries[n].outside = outside[i];
            entries[n].inputs = visible_inputs(r->pages[i]);
            entries[n++].url = r->pages[i]->url;
        }
    }
    qsort(entries, n, sizeof(*entries), by_entry);
    for (i = 0; i < n; i++) {
        HD_LOG(r->ctx, HURDLE_LOG_DEBUG,
               "core: entry candidate %s (%s): %zu links from its kind, %zu from others",
               entries[i].url, r->pages[entries[i].page]->kind, entries[i].same,
               entries[i].outside);
    }
    for (i = 0; i < n && rc == HURDLE_OK; i++) {
        if (!r->in_offering[entries[i].page]) {
            rc = follow_flow(g, entries[i].page);
        }
    }
    hd_free(r->ctx, entries);
    return rc;
}

static int group_rest(hurdle_report *r)
{
    size_t i;
    int rc = HURDLE_OK;

    for (i = 0; i < r->npages && rc == HURDLE_OK; i++) {
        const hd_page *p = r->pages[i];
        size_t *one;
        if (r->in_offering[i] ||
            (r->npages > 1 && visible_inputs(p) == 0 && strcmp(p->kind, "other") == 0)) {
            continue;
        }
        one = hd_malloc(r->ctx, sizeof(*one));
        if (!one) {
            return HURDLE_ENOMEM;
        }
        *one = i;
        r->in_offering[i] = true;
        rc = add_offering(r, offering_kind(p->kind), one, 1);
    }
    return rc;
}

int hd_offerings_group(hurdle_report *r)
{
    grouper g;
    size_t *same = NULL;
    size_t *outside = NULL;
    size_t i;
    int rc = HURDLE_ENOMEM;

    memset(&g, 0, sizeof(g));
    g.r = r;
    if (r->npages == 0) {
        return HURDLE_OK;
    }
    r->in_offering = hd_calloc(r->ctx, r->npages, sizeof(*r->in_offering));
    g.index = hd_calloc(r->ctx, r->npages, sizeof(*g.index));
    g.queue = hd_calloc(r->ctx, r->npages, sizeof(*g.queue));
    g.depth = hd_calloc(r->ctx, r->npages, sizeof(*g.depth));
    same = hd_calloc(r->ctx, r->npages, sizeof(*same));
    outside = hd_calloc(r->ctx, r->npages, sizeof(*outside));
    if (!r->in_offering || !g.index || !g.queue || !g.depth || !same || !outside) {
        goto done;
    }
    for (i = 0; i < r->npages; i++) {
        g.index[i].url = r->pages[i]->final_url;
        g.index[i].page = i;
    }
    qsort(g.index, r->npages, sizeof(*g.index), by_url);
    rc = count_inlinks(&g, same, outside);
    if (rc == HURDLE_OK) {
        rc = group_entries(&g, same, outside);
    }
    if (rc == HURDLE_OK) {
        rc = group_rest(r);
    }
done:
    hd_free(r->ctx, g.index);
    hd_free(r->ctx, g.queue);
    hd_free(r->ctx, g.depth);
    hd_free(r->ctx, same);
    hd_free(r->ctx, outside);
    return rc < 0 ? hd_oom(r->ctx) : HURDLE_OK;
}

/* The offering's name: its entry page's first heading, else its title, else its URL. */
static char *offering_name(hurdle_ctx *ctx, const hd_page *p)
{
    const hd_text *h = &p->scopes[HD_SCOPE_HEADINGS];
    const char *s = p->url;
    size_t n = strlen(s);

    if (h->len) {
        const char *nl = memchr(h->text, '\n', h->len);
        s = h->text;
        n = nl ? (size_t)(nl - h->text) : h->len;
    } else if (*p->title) {
        s = p->title;
        n = strlen(s);
    }
    if (n > 120) {
        n = 120;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) {
            n--; /* never cut a UTF-8 sequence */
        }
    }
    return hd_strndup(ctx, s, n);
}

int hd_offerings_evaluate(hurdle_report *r)
{
    const hd_scoring *sc = hd_ruleset_scoring(r->rules);
    const hd_page **pages = NULL;
    size_t i;
    size_t j;
    int rc = HURDLE_OK;

    for (i = 0; i < r->nofferings && rc == HURDLE_OK; i++) {
        hd_offering *o = &r->offerings[i];
        const hd_page **grown = hd_realloc(r->ctx, pages, o->npages * sizeof(*pages));
        if (!grown) {
            rc = HURDLE_ENOMEM;
            break;
        }
        pages = grown;
        for (j = 0; j < o->npages; j++) {
            pages[j] = r->pages[o->pages[j]];
        }
        o->name = offering_name(r->ctx, pages[0]);
        rc = o->name ? hd_rules_eval(&o->eval, r->ctx, r->rules, pages, o->npages, o->kind)
                     : HURDLE_ENOMEM;
        if (rc == HURDLE_OK) {
            rc = hd_score_offering(&o->scores, r->ctx, sc, &o->eval);
        }
        if (rc == HURDLE_OK) {
            rc = hd_effort_estimate(&o->effort, r->ctx, pages, o->npages, &o->eval);
        }
    }
    hd_free(r->ctx, pages);
    return rc;
}
