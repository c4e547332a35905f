/*
 * html/price_page.c - a page's prices: every price in each block of the
 * visible text (price.c, price_meaning.c), then the prices that markup gives
 * and the text does not (microdata, JSON-LD, meta tags: price_markup.c).
 * Within a block, prices are read together: a struck-through or "was" price
 * lends its amount to the current price beside it (was_amount), and a
 * promotional price takes the next price as its regular amount when words
 * like "then" join them. The page's currency (markup, else the language's
 * region) settles ambiguous symbols: "$" on a page that says CAD is CAD.
 */
#include <math.h>
#include <string.h>
#include <strings.h>

#include <hurdle/common.h>

#include "internal.h"
#include "price_int.h"

#define CONTEXT_MAX  200
#define BLOCK_PRICES 64
#define FREE_BLOCK   40

/* The block's text around the price, at most CONTEXT_MAX bytes. */
static const char *context(hd_arena *arena, const char *b, size_t len, size_t at)
{
    size_t from = 0;

    if (len > CONTEXT_MAX && at > CONTEXT_MAX / 3) {
        from = at - CONTEXT_MAX / 3;
        while (from < len && ((unsigned char)b[from] & 0xC0) == 0x80) {
            from++;
        }
    }
    return hd_text_squeeze(arena, b + from, len - from, CONTEXT_MAX);
}

/* "Free" as a price, inserted among the block's `n` prices in order: in a short block
   ("Free", "Free forever") or as a promotion ("Free for 3 months, then $8/mo"); never
   "free trial", "free shipping", "gluten-free" (hd_price_free_at). Returns the new count. */
static size_t free_price(const char *b, size_t len, hd_price_found *f, size_t n)
{
    size_t at = hd_price_free_at(b, len, 0);
    size_t k = n;

    if (at >= len || n >= BLOCK_PRICES ||
        (len > FREE_BLOCK && (len - at < 9 || strncasecmp(b + at + 4, " for ", 5) != 0))) {
        return n;
    }
    while (k > 0 && f[k - 1].start > at) {
        k--;
    }
    if (k > 0 && f[k - 1].end > at) {
        return n;
    }
    memmove(f + k + 1, f + k, (n - k) * sizeof(*f));
    memset(&f[k], 0, sizeof(f[k]));
    f[k].start = at;
    f[k].end = at + 4;
    f[k].free = true;
    return n + 1;
}

/* Words that join a promotional price to the regular one after it. */
static bool joins_regular(const char *b, size_t from, size_t to)
{
    static const char *const words[] = { "then",         "thereafter",  "after that",
                                         "afterwards",   "regularly",   "reg.",
                                         "increases to", "goes up to",  "standard rate",
                                         "danach",       "puis",        "ensuite",
                                         "luego",        "after promo", NULL };
    char low[96];

    if (to <= from) {
        return false;
    }
    hd_price_lower(low, sizeof(low), b + from, to - from);
    for (size_t i = 0; words[i]; i++) {
        if (strstr(low, words[i])) {
            return true;
        }
    }
    return false;
}

/* Prices of one block, read together: promotions take their regular amount, struck prices
   lend theirs to the current one; a "was" price by words alone ("Regular price: $X") with
   no other price beside it is the price. */
static void relate(hd_price *p,
                   const hd_price_found *f,
                   const size_t *ends,
                   const bool *marked,
                   size_t n,
                   const char *b)
{
    for (size_t i = 0; i + 1 < n; i++) {
        if (!p[i].struck && !p[i + 1].struck && p[i].regular_amount <= 0 &&
            (p[i].promo_months > 0 || p[i].free) && joins_regular(b, ends[i], f[i + 1].start)) {
            p[i].regular_amount = p[i + 1].amount;
            if (!*p[i].period || p[i].free) {
                p[i].period = p[i + 1].period;
            }
            hd_price_equivalents(&p[i]);
        }
    }
    for (size_t i = 0; i < n; i++) {
        size_t j = i + 1 < n && !p[i + 1].struck ? i + 1 : (i > 0 && !p[i - 1].struck ? i - 1 : n);
        if (p[i].struck && j < n && p[j].was_amount <= 0) {
            p[j].was_amount = p[i].amount;
        } else if (p[i].struck && j == n && !marked[i]) {
            p[i].struck = false;
        }
    }
}

typedef struct bctx {
    hd_walk *w;
    const hd_text *t;
    hd_vec *out;
    const char *hint;   /* the page's currency, or NULL */
    size_t struck_at;   /* cursor into w->struck */
    double pending_was; /* a struck price with no partner in its block, for the next block */
    bool full;
} bctx;

static bool in_struck(const bctx *c, size_t off)
{
    const size_t *r = c->w->struck.ptr;

    for (size_t i = 0; i + 1 < c->w->struck.len; i += 2) {
        if (off >= r[i] && off < r[i + 1]) {
            return true;
        }
    }
    return false;
}

static int push(
    bctx *c, const hd_price *p, const char *b, size_t blen, size_t start, size_t end, size_t bstart)
{
    hd_page *page = c->w->page;
    hd_price *q;
    const hd_span *sp;

    sp = hd_text_span_at(c->t, bstart + start);
    if (p->free && p->regular_amount <= 0 && sp && sp->role == HD_ROLE_HEADING) {
        return HURDLE_OK; /* a heading that says "Free" names a plan; it is not its price */
    }
    if (c->out->len >= c->w->lim.max_prices) {
        if (!c->full) {
            hd_page_warn(page, "more than %zu prices; the rest were not kept",
                         c->w->lim.max_prices);
        }
        c->full = true;
        return HURDLE_OK;
    }
    q = hd_vec_push(c->out);
    if (!q) {
        return HURDLE_ENOMEM;
    }
    *q = *p;
    q->raw = hd_text_squeeze(&page->arena, b + start, end - start, 120);
    q->context = context(&page->arena, b, blen, start);
    q->path = sp ? sp->path : "";
    return q->raw && q->context ? HURDLE_OK : HURDLE_ENOMEM;
}

static int block_prices(bctx *c, size_t bstart, size_t blen)
{
    const char *b = c->t->text + bstart;
    hd_price_found f[BLOCK_PRICES];
    hd_price p[BLOCK_PRICES];
    size_t ends[BLOCK_PRICES];
    bool marked[BLOCK_PRICES];
    size_t n = 0;
    int rc = HURDLE_OK;

    while (n < BLOCK_PRICES && hd_price_next(&f[n], b, blen, n ? f[n - 1].end : 0, true)) {
        n++;
    }
    n = free_price(b, blen, f, n);
    for (size_t i = 0; i < n; i++) {
        memset(&p[i], 0, sizeof(p[i]));
        marked[i] = in_struck(c, bstart + f[i].start);
        p[i].struck = marked[i];
        hd_price_fill(&p[i], &f[i], b, blen, i + 1 < n ? f[i + 1].start : blen, c->hint, &ends[i]);
    }
    relate(p, f, ends, marked, n, b);
    for (size_t i = 0; i < n && rc == HURDLE_OK; i++) {
        if (!p[i].struck && c->pending_was > 0 && p[i].was_amount <= 0) {
            p[i].was_amount = c->pending_was;
        }
        c->pending_was = 0;
        rc = push(c, &p[i], b, blen, f[i].start, ends[i], bstart);
    }
    if (n > 0) {
        c->pending_was =
            p[n - 1].struck && marked[n - 1] && (n == 1 || p[n - 2].struck) ? p[n - 1].amount : 0;
    }
    return rc;
}

/* The page's currency: the first one markup states, else one the language's region implies. */
static const char *page_currency(const hd_walk *w)
{
    static const char *const regions[][2] = {
        { "en-ca", "CAD" }, { "fr-ca", "CAD" }, { "en-au", "AUD" }, { "en-nz", "NZD" },
        { "en-sg", "SGD" }, { "zh-hk", "HKD" }, { "en-hk", "HKD" }, { "es-mx", "MXN" },
        { "zh-tw", "TWD" }, { "zh-cn", "CNY" }, { "zh", "CNY" },    { "nb", "NOK" },
        { "no", "NOK" },    { "nn", "NOK" },    { "da", "DKK" },    { "is", "ISK" },
        { "es-ar", "ARS" }, { "es-cl", "CLP" }, { "es-co", "COP" }, { "en-pk", "PKR" },
    };
    const hd_price_mark *m = w->pmarks.ptr;
    const char *lang = w->page->lang;

    for (size_t i = 0; i < w->pmarks.len; i++) {
        if (m[i].currency[0]) {
            return m[i].currency;
        }
    }
    for (size_t i = 0; lang && i < sizeof(regions) / sizeof(regions[0]); i++) {
        size_t k = strlen(regions[i][0]);
        if (strncasecmp(lang, regions[i][0], k) == 0 &&
            (lang[k] == '\0' || lang[k] == '-' || lang[k] == '_')) {
            return regions[i][1];
        }
    }
    return NULL;
}

/* The currency of a markup price: its own, a sibling mark's in the same scope, the page's. */
static const char *mark_currency(const hd_walk *w, const hd_price_mark *m, const char *hint)
{
    const hd_price_mark *all = w->pmarks.ptr;

    if (m->currency[0]) {
        return m->currency;
    }
    for (size_t i = 0; i < w->pmarks.len; i++) {
        if (!all[i].has_amount && all[i].currency[0] && all[i].scope == m->scope &&
            strcmp(all[i].source, m->source) == 0) {
            return all[i].currency;
        }
    }
    return hint ? hint : "";
}

/* Whether the text showed this price already (same amount, same or unknown currency). */
static bool shown(const hd_vec *out, double amount, const char *cur)
{
    const hd_price *q = out->ptr;

    for (size_t i = 0; i < out->len; i++) {
        if (fabs(q[i].amount - amount) < 0.005 &&
            (!q[i].currency[0] || !cur[0] || strcmp(q[i].currency, cur) == 0)) {
            return true;
        }
    }
    return false;
}

static int markup_prices(bctx *c)
{
    const hd_price_mark *m = c->w->pmarks.ptr;
    int rc = HURDLE_OK;

    for (size_t i = 0; i < c->w->pmarks.len && rc == HURDLE_OK && !c->full; i++) {
        const char *cur;
        hd_price p;
        hd_price *q;
        if (!m[i].has_amount) {
            continue;
        }
        cur = mark_currency(c->w, &m[i], c->hint);
        if (shown(c->out, m[i].amount, cur)) {
            continue;
        }
        memset(&p, 0, sizeof(p));
        p.source = m[i].source;
        hd_price_defaults(&p);
        p.amount = m[i].amount;
        p.amount_max = m[i].amount_max;
        p.struck = m[i].struck;
        memcpy(p.currency, cur, strlen(cur) < 4 ? strlen(cur) : 3);
        hd_price_equivalents(&p);
        p.raw = m[i].raw;
        p.context = "";
        p.path = m[i].path;
        if (c->out->len >= c->w->lim.max_prices) {
            return push(c, &p, "", 0, 0, 0, 0);
        }
        q = hd_vec_push(c->out);
        if (!q) {
            return HURDLE_ENOMEM;
        }
        *q = p;
    }
    return rc;
}

int hd_price_extract(hd_walk *w)
{
    hd_page *page = w->page;
    const hd_text *t = &page->scopes[HD_SCOPE_TEXT];
    hd_vec out;
    bctx c;
    size_t start = 0;
    int rc = HURDLE_OK;

    hd_vec_init(&out, page->arena.ctx, sizeof(hd_price), (size_t)-1 / sizeof(hd_price));
    memset(&c, 0, sizeof(c));
    c.w = w;
    c.t = t;
    c.out = &out;
    c.hint = page_currency(w);
    while (start < t->len && rc == HURDLE_OK && !c.full) {
        const char *nl = memchr(t->text + start, '\n', t->len - start);
        size_t blen = nl ? (size_t)(nl - (t->text + start)) : t->len - start;
        rc = block_prices(&c, start, blen);
        start += blen + 1;
    }
    if (rc == HURDLE_OK) {
        rc = markup_prices(&c);
    }
    if (rc == HURDLE_OK && out.len) {
        page->prices = hd_arena_array(&page->arena, out.len, sizeof(hd_price));
        rc = page->prices ? HURDLE_OK : HURDLE_ENOMEM;
        if (page->prices) {
            memcpy(page->prices, out.ptr, out.len * sizeof(hd_price));
            page->nprices = out.len;
        }
    }
    hd_vec_dispose(&out);
    return rc < 0 ? hd_oom(page->arena.ctx) : HURDLE_OK;
}
