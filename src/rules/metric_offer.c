/*
 * rules/metric_offer.c - the metrics of an offering's prices and plans
 * (docs/rules.md, "Metrics"): plans found by the html module (plan.c),
 * prices only in images, "from" prices with no range, and fees that first
 * appear on a later page of the offering (drip pricing). Pages come in the
 * offering's order: the entry page first. libc only.
 */
#include <string.h>

#include "eval.h"

#define FEE_NAME   HD_FEE_NAME
#define FEES_ENTRY 64 /* distinct fee names of the entry page kept */

double hd_metric_offer_plans(const hd_metric_input *in)
{
    size_t most = 0;

    for (size_t p = 0; p < in->npages; p++) {
        most = in->pages[p]->nplans > most ? in->pages[p]->nplans : most;
    }
    return (double)most;
}

double hd_metric_offer_unpriced_plans(const hd_metric_input *in)
{
    double n = 0;

    for (size_t p = 0; p < in->npages; p++) {
        for (size_t i = 0; i < in->pages[p]->nplans; i++) {
            n += in->pages[p]->plans[i].price < 0;
        }
    }
    return n;
}

static bool same_billing(const hd_price *a, const hd_price *b)
{
    return strcmp(a->period ? a->period : "", b->period ? b->period : "") == 0 &&
           strcmp(a->unit ? a->unit : "", b->unit ? b->unit : "") == 0;
}

/* The most distinct (period, unit) pairs among one page's plans' headline prices. */
double hd_metric_offer_plan_billings(const hd_metric_input *in)
{
    size_t most = 0;

    for (size_t p = 0; p < in->npages; p++) {
        const hd_page *pg = in->pages[p];
        size_t n = 0;
        for (size_t i = 0; i < pg->nplans; i++) {
            bool seen = pg->plans[i].price < 0;
            for (size_t k = 0; k < i && !seen; k++) {
                seen = pg->plans[k].price >= 0 && same_billing(&pg->prices[pg->plans[i].price],
                                                               &pg->prices[pg->plans[k].price]);
            }
            n += !seen;
        }
        most = n > most ? n : most;
    }
    return (double)most;
}

/* Images saying price or plans on pages that show no price in text. */
double hd_metric_offer_image_prices(const hd_metric_input *in)
{
    double n = 0;

    for (size_t p = 0; p < in->npages; p++) {
        n += in->pages[p]->nprices == 0 ? (double)in->pages[p]->price_images : 0;
    }
    return n;
}

/* Whether another price of the page sits in the same block as prices[i] (a range's other end,
 * or the price of another option nearby); prices are in document order. */
static bool has_neighbour(const hd_page *pg, size_t i)
{
    const hd_price *pr = &pg->prices[i];
    size_t lo = i > 8 ? i - 8 : 0;
    size_t hi = pg->nprices - i > 8 ? i + 9 : pg->nprices;

    for (size_t k = lo; k < hi; k++) {
        const hd_price *o = &pg->prices[k];
        if (k != i && o->path && pr->path && strcmp(o->path, pr->path) == 0 && o->context &&
            pr->context && strcmp(o->context, pr->context) == 0) {
            return true;
        }
    }
    return false;
}

/* "From" prices with no other price in their block: no upper bound, no other option. */
double hd_metric_offer_open_from(const hd_metric_input *in)
{
    double n = 0;

    for (size_t p = 0; p < in->npages; p++) {
        const hd_page *pg = in->pages[p];
        for (size_t i = 0; i < pg->nprices; i++) {
            const hd_price *pr = &pg->prices[i];
            /* a range ("from $99 to $249") is bounded; a struck "was" price is not offered */
            n += pr->from && pr->amount_max <= 0 && !pr->struck && !has_neighbour(pg, i);
        }
    }
    return n;
}

static bool letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}

static bool word_is(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);

    if (n != k) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if ((s[i] | 0x20) != w[i]) {
            return false;
        }
    }
    return true;
}

/* The word before offset `i` of `t` (letters and '-'); *n its length. */
static const char *word_before(const char *t, size_t i, size_t *n)
{
    size_t e = i;

    while (e > 0 && t[e - 1] == ' ') {
        e--;
    }
    i = e;
    while (i > 0 && letter(t[i - 1])) {
        i--;
    }
    *n = e - i;
    return t + i;
}

typedef void (*fee_fn)(const char *name, size_t n, void *payload);

/*
 * Calls `fn` for each named fee of the page's text: the word before "fee(s)", "charge(s)" or
 * "surcharge(s)" ("activation fee"), unless a negation or a generic word stands there.
 */
static void each_fee(const hd_page *pg, fee_fn fn, void *payload)
{
    static const char *const skip[] = { "a",        "an",         "the",    "no",   "any",
                                        "one-time", "monthly",    "this",   "that", "of",
                                        "and",      "or",         "our",    "your", "zero",
                                        "extra",    "additional", "hidden", "other" };
    static const char *const nouns[] = { "fees",      "fee",     "surcharges",
                                         "surcharge", "charges", "charge" };
    const hd_text *t = &pg->scopes[HD_SCOPE_TEXT];

    for (size_t i = 0; i < t->len; i++) {
        size_t k = 0;
        size_t nlen = 0;
        const char *name;
        if (i > 0 && letter(t->text[i - 1])) {
            continue;
        }
        while (k < 6 && !(strncmp(t->text + i, nouns[k], strlen(nouns[k])) == 0 &&
                          !letter(t->text[i + strlen(nouns[k])]))) {
            k++;
        }
        name = k < 6 ? word_before(t->text, i, &nlen) : NULL;
        for (size_t s = 0; name && s < sizeof(skip) / sizeof(skip[0]); s++) {
            name = word_is(name, nlen, skip[s]) ? NULL : name;
        }
        if (name && nlen > 1) {
            size_t before;
            const char *neg = word_before(t->text, (size_t)(name - t->text), &before);
            if (!word_is(neg, before, "no") && !word_is(neg, before, "without")) {
                fn(name, nlen < FEE_NAME ? nlen : FEE_NAME, payload);
            }
        }
    }
}

typedef struct fee_list {
    char (*names)[FEE_NAME + 1];
    size_t n;
    size_t max;
} fee_list;

/* Keeps each distinct name once, in order of first mention. */
static void fee_listed(const char *name, size_t n, void *payload)
{
    fee_list *fl = payload;

    for (size_t i = 0; i < fl->n; i++) {
        if (word_is(name, n, fl->names[i])) {
            return;
        }
    }
    if (fl->n < fl->max) {
        for (size_t i = 0; i < n; i++) {
            fl->names[fl->n][i] = (char)(name[i] | 0x20);
        }
        fl->names[fl->n][n] = '\0';
        fl->n++;
    }
}

size_t hd_metric_page_fees(const hd_page *page, char (*names)[HD_FEE_NAME + 1], size_t max)
{
    fee_list fl = { names, 0, max };

    each_fee(page, fee_listed, &fl);
    return fl.n;
}

typedef struct fee_set {
    char names[FEES_ENTRY][FEE_NAME + 1];
    size_t n;
    size_t later; /* names on later pages that the set lacks (each counted once) */
    bool adding;  /* adding the entry page's names, or counting later ones */
} fee_set;

static void fee_seen(const char *name, size_t n, void *payload)
{
    fee_set *fs = payload;

    for (size_t i = 0; i < fs->n; i++) {
        if (word_is(name, n, fs->names[i])) {
            return;
        }
    }
    if (fs->n < FEES_ENTRY) {
        for (size_t i = 0; i < n; i++) {
            fs->names[fs->n][i] = (char)(name[i] | 0x20);
        }
        fs->names[fs->n][n] = '\0';
        fs->n++;
    }
    fs->later += !fs->adding;
}

/* Named fees on pages after the entry page that the entry page does not name. */
double hd_metric_offer_later_fees(const hd_metric_input *in)
{
    fee_set fs;

    if (in->npages < 2) {
        return 0;
    }
    memset(&fs, 0, sizeof(fs));
    for (size_t p = 0; p < in->npages; p++) {
        const hd_page_hits *h = in->page_hits[p];
        fs.adding = p == 0;
        for (size_t i = 0; i < h->nfees; i++) {
            fee_seen(h->fees[i], strlen(h->fees[i]), &fs);
        }
    }
    return (double)fs.later;
}
