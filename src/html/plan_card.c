/*
 * html/plan_card.c - plan cards: repeated sibling elements of one tag, each
 * holding a heading (the plan's name). Found from element paths alone, after
 * hd_price_extract() (the DOM is gone by then): each price's ancestors are
 * candidate cards, grouped by their parent; a parent counts the cards below
 * it that hold a heading and share the tag of the first such card. Parents
 * with at least two are taken, most cards first, unless they overlap one
 * taken already. A taken parent's other children of that tag that hold a
 * heading but no price are plans without a price ("Contact sales").
 * Prices of tables that gave plans (plan.c) are left out. libc only.
 */
#include <stdlib.h>
#include <string.h>

#include <hurdle/common.h>

#include "internal.h"

#define DEPTH_CAP 48 /* ancestors of a price looked at as cards */
#define BODY      "/html/body"

/* ---- plan cards ---- */

typedef struct ref {
    const char *path;
    size_t len;  /* of path that counts */
    size_t span; /* TEXT span (headings), or the price (candidates) */
    size_t glen; /* candidates: the parent's length; the card is path[0..len) */
} ref;

typedef struct cards {
    ref *heads; /* heading spans, sorted by path */
    size_t nheads;
    ref *items; /* list items (span paths cut after their last li), sorted, unique */
    size_t nitems;
    ref *cands; /* (parent, card, price) for each price's ancestors, sorted */
    size_t ncands;
} cards;

static int cmp_str(const char *a, size_t an, const char *b, size_t bn)
{
    int c = memcmp(a, b, an < bn ? an : bn);

    return c ? c : (an > bn) - (an < bn);
}

static int cmp_ref(const void *a, const void *b)
{
    const ref *x = a;
    const ref *y = b;
    int c = cmp_str(x->path, x->glen, y->path, y->glen);

    c = c ? c : cmp_str(x->path, x->len, y->path, y->len);
    return c ? c : (x->span > y->span) - (x->span < y->span);
}

/* The first of `n` sorted refs whose path is at or after s[0..len). */
static size_t lower(const ref *r, size_t n, const char *s, size_t len)
{
    size_t lo = 0;
    size_t hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cmp_str(r[mid].path, r[mid].len, s, len) < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

/* Length of the path up to the end of its last "/li[n]" component, 0 when none. */
static size_t li_len(const char *p)
{
    const char *li = NULL;

    for (const char *s = strstr(p, "/li["); s; s = strstr(s + 1, "/li[")) {
        li = s;
    }
    return li ? (size_t)(strchr(li, ']') - p) + 1 : 0;
}

static int collect_spans(cards *cs, const hd_text *t, hurdle_ctx *ctx)
{
    cs->heads = hd_calloc(ctx, t->nspans + 1, sizeof(ref));
    cs->items = hd_calloc(ctx, t->nspans + 1, sizeof(ref));
    if (!cs->heads || !cs->items) {
        return HURDLE_ENOMEM;
    }
    for (size_t i = 0; i < t->nspans; i++) {
        const char *p = t->spans[i].path;
        size_t li = p ? li_len(p) : 0;
        if (p && t->spans[i].role == HD_ROLE_HEADING) {
            cs->heads[cs->nheads++] = (ref){ p, strlen(p), i, strlen(p) };
        }
        if (li) {
            cs->items[cs->nitems++] = (ref){ p, li, 0, li };
        }
    }
    qsort(cs->heads, cs->nheads, sizeof(ref), cmp_ref);
    qsort(cs->items, cs->nitems, sizeof(ref), cmp_ref);
    return HURDLE_OK;
}

static int collect_cands(cards *cs, const hd_plan_finder *fd, hurdle_ctx *ctx)
{
    const hd_page *pg = fd->page;
    size_t blen = strlen(BODY);

    cs->cands = pg->nprices ? hd_calloc(ctx, pg->nprices * DEPTH_CAP, sizeof(ref)) : NULL;
    if (pg->nprices && !cs->cands) {
        return HURDLE_ENOMEM;
    }
    for (size_t i = 0; i < pg->nprices; i++) {
        const char *p = pg->prices[i].path;
        size_t depth = 0;
        if (fd->used[i] || pg->prices[i].struck || !hd_plan_under(p, BODY, blen)) {
            continue;
        }
        for (const char *s = strchr(p + blen, '/'); s && depth < DEPTH_CAP; depth++) {
            const char *e = strchr(s + 1, '/');
            size_t len = e ? (size_t)(e - p) : strlen(p);
            cs->cands[cs->ncands++] = (ref){ p, len, i, (size_t)(s - p) };
            s = e;
        }
    }
    qsort(cs->cands, cs->ncands, sizeof(ref), cmp_ref);
    return HURDLE_OK;
}

/* The tag of the card path[0..len) below its parent of length glen ("div" of ".../div[3]"). */
static size_t tag_len(const char *path, size_t glen, size_t len)
{
    size_t n = 0;

    while (glen + 1 + n < len && path[glen + 1 + n] != '[') {
        n++;
    }
    return n;
}

static bool same_tag(const ref *a, const char *path, size_t glen, size_t len)
{
    size_t n = tag_len(a->path, a->glen, a->len);

    return n == tag_len(path, glen, len) && memcmp(a->path + a->glen, path + glen, n + 1) == 0;
}

/* The first heading span (in document order) below the card s[0..len), or (size_t)-1. */
static size_t card_heading(const cards *cs, const char *s, size_t len)
{
    size_t best = (size_t)-1;

    for (size_t h = lower(cs->heads, cs->nheads, s, len);
         h < cs->nheads && hd_plan_under(cs->heads[h].path, s, len); h++) {
        best = cs->heads[h].span < best ? cs->heads[h].span : best;
    }
    return best;
}

static size_t card_items(const cards *cs, const char *s, size_t len)
{
    size_t n = 0;
    size_t i = lower(cs->items, cs->nitems, s, len);

    for (; i < cs->nitems && hd_plan_under(cs->items[i].path, s, len); i++) {
        n += i == 0 || cmp_str(cs->items[i].path, cs->items[i].len, cs->items[i - 1].path,
                               cs->items[i - 1].len) != 0;
    }
    return n;
}

/* Whether cands[i] is the first candidate of its card (they are sorted by card, then price). */
static bool card_first(const cards *cs, size_t i, size_t a)
{
    const ref *c = &cs->cands[i];

    return i == a || cmp_str(c->path, c->len, cs->cands[i - 1].path, cs->cands[i - 1].len) != 0;
}

typedef struct group {
    size_t a, b;    /* cands[a..b) share the parent */
    size_t score;   /* cards with a heading of the tag of `tag` */
    const ref *tag; /* the first card with a heading */
} group;

static void score_group(group *g, const cards *cs)
{
    g->score = 0;
    g->tag = NULL;
    for (size_t i = g->a; i < g->b; i++) {
        const ref *c = &cs->cands[i];
        if (!card_first(cs, i, g->a) || card_heading(cs, c->path, c->len) == (size_t)-1) {
            continue;
        }
        g->tag = g->tag ? g->tag : c;
        g->score += same_tag(g->tag, c->path, c->glen, c->len);
    }
}

static bool known_card(const hd_plan_finder *fd, const char *p, size_t len)
{
    const hd_plan_item *it = fd->items.ptr;

    for (size_t i = 0; i < fd->items.len; i++) {
        if (strncmp(it[i].plan.path, p, len) == 0 && it[i].plan.path[len] == '\0') {
            return true;
        }
    }
    return false;
}

static int add_card(hd_plan_finder *fd, const cards *cs, const char *p, size_t len, long price)
{
    const hd_text *t = fd->text;
    size_t span = card_heading(cs, p, len);
    size_t n;
    const char *name = hd_plan_line(t, t->spans[span].off, t->len, &n);
    hd_plan pl;

    if (n == 0 || known_card(fd, p, len)) {
        return HURDLE_OK;
    }
    pl.name = hd_text_squeeze(&fd->page->arena, name, n, 80);
    pl.path = hd_arena_strndup(&fd->page->arena, p, len);
    pl.source = "card";
    pl.price = price;
    pl.nfeatures = card_items(cs, p, len);
    return hd_plan_add(fd, &pl, t->spans[span].off);
}

/* The group's cards with a price, then its other children of the same tag with a heading. */
static int add_group(hd_plan_finder *fd, const cards *cs, const group *g)
{
    const ref *c0 = &cs->cands[g->a];
    int rc = HURDLE_OK;

    for (size_t i = g->a; i < g->b && rc == HURDLE_OK; i++) {
        const ref *c = &cs->cands[i];
        if (card_first(cs, i, g->a) && card_heading(cs, c->path, c->len) != (size_t)-1 &&
            same_tag(g->tag, c->path, c->glen, c->len)) {
            rc = add_card(fd, cs, c->path, c->len, (long)c->span);
        }
    }
    for (size_t h = lower(cs->heads, cs->nheads, c0->path, c0->glen);
         h < cs->nheads && rc == HURDLE_OK && hd_plan_under(cs->heads[h].path, c0->path, c0->glen);
         h++) {
        const char *p = cs->heads[h].path;
        const char *e = p[c0->glen] ? strchr(p + c0->glen + 1, '/') : NULL;
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len > c0->glen && same_tag(g->tag, p, c0->glen, len)) {
            rc = add_card(fd, cs, p, len, -1);
        }
    }
    return rc;
}

static int cmp_group(const void *a, const void *b)
{
    const group *x = a;
    const group *y = b;

    if (x->score != y->score) {
        return x->score < y->score ? 1 : -1;
    }
    return (x->a > y->a) - (x->a < y->a);
}

static bool overlaps(const cards *cs, const group *x, const group *y)
{
    const ref *a = &cs->cands[x->a];
    const ref *b = &cs->cands[y->a];

    return hd_plan_under(a->path, b->path, b->glen) || hd_plan_under(b->path, a->path, a->glen);
}

/* Groups of candidates by parent, those with two cards or more, best first. */
static size_t find_groups(group *gs, const cards *cs)
{
    size_t ng = 0;

    for (size_t a = 0, b; a < cs->ncands; a = b) {
        const ref *c = &cs->cands[a];
        for (b = a + 1;
             b < cs->ncands && cmp_str(cs->cands[b].path, cs->cands[b].glen, c->path, c->glen) == 0;
             b++) {
        }
        gs[ng] = (group){ a, b, 0, NULL };
        score_group(&gs[ng], cs);
        ng += gs[ng].score >= 2;
    }
    qsort(gs, ng, sizeof(group), cmp_group);
    return ng;
}

int hd_plan_card_find(hd_plan_finder *fd)
{
    hurdle_ctx *ctx = fd->w->ctx;
    cards cs;
    group *gs = NULL;
    size_t ng = 0;
    size_t taken = 0;
    int rc;

    memset(&cs, 0, sizeof(cs));
    rc = collect_spans(&cs, fd->text, ctx);
    if (rc == HURDLE_OK && fd->page->nprices) {
        rc = collect_cands(&cs, fd, ctx);
    }
    gs = rc == HURDLE_OK && cs.ncands ? hd_calloc(ctx, cs.ncands, sizeof(group)) : NULL;
    if (rc == HURDLE_OK && gs) {
        ng = find_groups(gs, &cs);
    }
    for (size_t i = 0; i < ng && rc == HURDLE_OK && fd->items.len < HD_PAGE_MAX_PLANS; i++) {
        bool clash = false;
        for (size_t k = 0; k < taken && !clash; k++) {
            clash = overlaps(&cs, &gs[i], &gs[k]);
        }
        if (!clash) {
            rc = add_group(fd, &cs, &gs[i]);
            gs[taken++] = gs[i];
        }
    }
    rc = rc == HURDLE_OK && cs.ncands && !gs ? HURDLE_ENOMEM : rc;
    hd_free(ctx, gs);
    hd_free(ctx, cs.heads);
    hd_free(ctx, cs.items);
    hd_free(ctx, cs.cands);
    return rc;
}
