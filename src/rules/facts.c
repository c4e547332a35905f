/*
 * rules/facts.c - offer terms as facts (hd_facts): the fact table and its
 * vocabularies, the hits pattern rules record while they run, and how the
 * hits of an offering's pages fold into one hd_facts.
 *
 * Folding, fact by fact type:
 * - a name (submission): a value declared "only" wins when it is the only
 *   such value ("mail-in submissions will not be accepted" states online
 *   only); else two values seen, or "both", give "both"; else the one seen;
 * - a list: every value seen, in the vocabulary's order; "receipt" (neither
 *   original nor copy said) is dropped when one of those is stated;
 * - a number: the first in text order (pages, then scopes, then offsets), or
 *   the largest for the payout's weeks (the longest wait stated);
 * - yes/no: yes when any hit says yes, else no when one says no.
 * cancel_by_phone_only is also yes when "phone" is the only cancel method.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"

static const char *const submission_vocab[] = { "mail", "online", "both", NULL };
static const char *const proof_vocab[] = { "original_receipt", "receipt_copy", "receipt", "upc",
                                           "serial_number", "proof_of_purchase",
                                           "product_photo", "invoice", NULL };
static const char *const payout_vocab[] = { "check", "prepaid_card", "virtual_card",
                                            "gift_card", "account_credit", "store_credit",
                                            "bank_transfer", "paypal", "product", NULL };
static const char *const cancel_vocab[] = { "phone", "online", "email", "mail",
                                            "certified_mail", "in_person", "chat",
                                            "contact_support", NULL };

typedef struct fact_def {
    const char *name;
    hd_fact_type type;
    size_t off;                /* offsetof(hd_facts, ...) */
    const char *const *vocab;  /* ENUM and LIST */
    int unit_days;             /* NUMBER: days in the fact's unit (days 1, weeks 7, months 30) */
    bool largest;              /* NUMBER: the largest stated wins, not the first */
} fact_def;

#define F(n, t, v, u) { #n, t, offsetof(hd_facts, n), v, u, false }
#define L(n, u) { #n, HD_FT_NUMBER, offsetof(hd_facts, n), NULL, u, true }
static const fact_def defs[] = {
    F(submission, HD_FT_ENUM, submission_vocab, 0),
    F(proofs, HD_FT_LIST, proof_vocab, 0),
    F(window_days, HD_FT_NUMBER, NULL, 1),
    L(payout_weeks_min, 7), /* the longest wait stated: "gift card in 3-5 days or a check */
    L(payout_weeks_max, 7), /* in 4-6 weeks" gives 4-6 */
    F(payout_form, HD_FT_LIST, payout_vocab, 0),
    F(one_per_household, HD_FT_BOOL, NULL, 0),
    F(no_photocopies, HD_FT_BOOL, NULL, 0),
    F(void_where_prohibited, HD_FT_BOOL, NULL, 0),
    F(trial_requires_card, HD_FT_BOOL, NULL, 0),
    F(trial_days, HD_FT_NUMBER, NULL, 1),
    F(auto_renewal, HD_FT_BOOL, NULL, 0),
    F(cancel_by_phone_only, HD_FT_BOOL, NULL, 0),
    F(cancel_methods, HD_FT_LIST, cancel_vocab, 0),
    F(minimum_term_months, HD_FT_NUMBER, NULL, 30),
    F(early_termination_fee, HD_FT_BOOL, NULL, 0),
    F(contact_sales, HD_FT_BOOL, NULL, 0),
};
#undef F
#undef L
#define NDEFS (sizeof(defs) / sizeof(defs[0]))

int hd_fact_find(const char *name)
{
    for (size_t i = 0; i < NDEFS; i++) {
        if (strcmp(defs[i].name, name) == 0) {
            return (int)i;
        }
    }
    return -1;
}

hd_fact_type hd_fact_type_of(int fact)
{
    return defs[fact].type;
}

const char *const *hd_fact_vocab(int fact)
{
    return defs[fact].vocab;
}

int hd_fact_value_find(int fact, const char *value)
{
    const char *const *v = defs[fact].vocab;

    for (size_t i = 0; v && v[i]; i++) {
        if (strcmp(v[i], value) == 0) {
            return (int)i;
        }
    }
    return -1;
}

void hd_facts_init(hd_facts *facts)
{
    memset(facts, 0, sizeof(*facts));
    for (size_t i = 0; i < NDEFS; i++) {
        if (defs[i].type == HD_FT_NUMBER) {
            *(int *)(void *)((char *)facts + defs[i].off) = -1;
        }
    }
}

const char *hd_fact_tri_name(hd_fact_tri t)
{
    return t == HD_FACT_YES ? "yes" : t == HD_FACT_NO ? "no" : NULL;
}

/* ---- numbers ---- */

static const char *const units[] = { "zero", "one", "two", "three", "four", "five", "six",
                                     "seven", "eight", "nine", "ten", "eleven", "twelve",
                                     "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
                                     "eighteen", "nineteen" };
static const char *const tens[] = { "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
                                    "eighty", "ninety" };

/* The value of the number word s[0..n), -1 when it is none; 100 for "hundred". */
static long word_value(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
        if (strlen(units[i]) == n && strncmp(units[i], s, n) == 0) {
            return (long)i;
        }
    }
    for (size_t i = 0; i < sizeof(tens) / sizeof(tens[0]); i++) {
        if (strlen(tens[i]) == n && strncmp(tens[i], s, n) == 0) {
            return (long)(20 + 10 * i);
        }
    }
    return n == 7 && strncmp(s, "hundred", 7) == 0 ? 100 : -1;
}

static long words_number(const char *s, size_t n)
{
    char w[16];
    long total = -1;
    size_t i = 0;

    while (i < n) {
        size_t k = 0;
        long v;
        while (i < n && !((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z')) {
            i++;
        }
        while (i < n && (s[i] | 32) >= 'a' && (s[i] | 32) <= 'z') {
            if (k < sizeof(w)) {
                w[k++] = (char)(s[i] | 32);
            }
            i++;
        }
        v = k && k < sizeof(w) ? word_value(w, k) : -1;
        if (v == 100) {
            total = total < 0 ? 100 : total * 100;
        } else if (v >= 0) {
            total = total < 0 ? v : total + v;
        }
    }
    return total;
}

long hd_fact_number(const char *s, size_t n)
{
    long v = 0;
    size_t i = 0;

    while (i < n && (s[i] < '0' || s[i] > '9')) {
        i++;
    }
    if (i == n) {
        return words_number(s, n);
    }
    for (; i < n && s[i] >= '0' && s[i] <= '9' && v < 100000; i++) {
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* Days in the unit word s[0..n) (day 1, week 7, month 30, year 365); 0 when unknown. */
static int unit_days(const char *s, size_t n)
{
    static const struct { const char *w; int days; } u[] = {
        { "day", 1 }, { "business day", 1 }, { "week", 7 }, { "month", 30 }, { "year", 365 }
    };

    for (size_t i = 0; i < sizeof(u) / sizeof(u[0]); i++) {
        size_t k = strlen(u[i].w);
        bool same = n >= k;
        for (size_t j = 0; same && j < k; j++) {
            same = (s[j] | 32) == u[i].w[j];
        }
        if (same) {
            return u[i].days;
        }
    }
    return 0;
}

/* ---- hits ---- */

/* The number declaration `d` reads from the last match of `rule` in `t`; -1 when none. */
static long read_number(hd_ev *ev, const hd_regex *re, const hd_fact_decl *d, const hd_text *t)
{
    size_t a = 0;
    size_t b = 0;
    long v;
    int ud;

    if (!d->group) {
        return d->value;
    }
    if (!hd_regex_group_span(ev->m, re, d->group, &a, &b) || b > t->len) {
        return -1;
    }
    v = hd_fact_number(t->text + a, b - a);
    if (v < 0 || !d->unit_group || !hd_regex_group_span(ev->m, re, "unit", &a, &b)) {
        return v;
    }
    ud = b <= t->len ? unit_days(t->text + a, b - a) : 0;
    if (ud && ud != defs[d->fact].unit_days) {
        v = lround((double)v * ud / defs[d->fact].unit_days);
    }
    return v;
}

void hd_ev_fact_hit(hd_ev *ev, const hd_rule *rule, const hd_ev_loc *loc, bool from_regex)
{
    for (size_t i = 0; i < rule->nfacts && !ev->err; i++) {
        const hd_fact_decl *d = &rule->facts[i];
        hd_fact_hit *h = hd_vec_push(&ev->facthits);
        if (!h) {
            /* past HD_FACTS_MAX_HITS the offering's first facts stand */
            ev->err = ev->facthits.len >= ev->facthits.max ? 0 : HURDLE_ENOMEM;
            return;
        }
        h->rule = hd_rule_index(ev->rs, rule);
        h->page = loc->page;
        h->scope = (size_t)(loc->text - ev->pages[loc->page]->scopes);
        h->at = loc->start;
        h->seq = ev->facthits.len;
        h->fact = d->fact;
        h->value = d->value;
        h->only = d->only;
        h->num = defs[d->fact].type != HD_FT_NUMBER ? 0
                 : from_regex ? read_number(ev, rule->re, d, loc->text) : d->value;
    }
}

/* ---- folding ---- */

static int cmp_hit(const void *x, const void *y)
{
    const hd_fact_hit *a = x;
    const hd_fact_hit *b = y;

    if (a->page != b->page) {
        return a->page < b->page ? -1 : 1;
    }
    if (a->scope != b->scope) {
        return a->scope < b->scope ? -1 : 1;
    }
    if (a->at != b->at) {
        return a->at < b->at ? -1 : 1;
    }
    return (a->seq > b->seq) - (a->seq < b->seq);
}

/* Values seen per fact and vocabulary entry: bit 1 seen, bit 2 seen as "only". */
typedef struct fold {
    unsigned char seen[NDEFS][HD_FACTS_MAX_LIST];
    bool yes[NDEFS];
    bool no[NDEFS];
    bool num_set[NDEFS];
} fold;

static const char *fold_enum(const fold *f, size_t i)
{
    const char *const *v = defs[i].vocab;
    int one = -1;
    int only = -1;
    size_t nseen = 0;
    size_t nonly = 0;
    int both = hd_fact_value_find((int)i, "both");

    for (int k = 0; v[k]; k++) {
        if (f->seen[i][k] & 2) {
            only = k;
            nonly++;
        }
        if (f->seen[i][k]) {
            one = one < 0 ? k : one;
            nseen++;
        }
    }
    if (nonly == 1) {
        return v[only];
    }
    if (nseen > 1 && both >= 0) {
        return v[both];
    }
    return one >= 0 ? v[one] : NULL;
}

static void fold_list(const fold *f, size_t i, hd_fact_list *out)
{
    const char *const *v = defs[i].vocab;
    int rec = hd_fact_value_find((int)i, "receipt");
    int orig = hd_fact_value_find((int)i, "original_receipt");
    int copy = hd_fact_value_find((int)i, "receipt_copy");
    bool specific = (orig >= 0 && f->seen[i][orig]) || (copy >= 0 && f->seen[i][copy]);

    for (int k = 0; v[k] && out->n < HD_FACTS_MAX_LIST; k++) {
        if (f->seen[i][k] && !(k == rec && specific)) {
            out->v[out->n++] = v[k];
        }
    }
}

static void fold_hit(fold *f, hd_facts *out, const hd_fact_hit *h)
{
    size_t i = (size_t)h->fact;
    void *slot = (char *)out + defs[i].off;

    switch (defs[i].type) {
    case HD_FT_ENUM:
    case HD_FT_LIST:
        if (h->value >= 0 && h->value < HD_FACTS_MAX_LIST) {
            f->seen[i][h->value] |= (unsigned char)(h->only ? 3 : 1);
        }
        break;
    case HD_FT_NUMBER:
        if (h->num >= 0 && h->num <= 100000 &&
            (!f->num_set[i] || (defs[i].largest && h->num > *(int *)slot))) {
            *(int *)slot = (int)h->num;
            f->num_set[i] = true;
        }
        break;
    case HD_FT_BOOL:
        f->yes[i] = f->yes[i] || h->value == 1;
        f->no[i] = f->no[i] || h->value == 0;
        break;
    }
}

int hd_ev_facts(hd_facts *out, hd_ev *ev)
{
    fold *f = hd_arena_array(&ev->tmp, 1, sizeof(fold));
    size_t n = ev->facthits.len;

    hd_facts_init(out);
    if (!f) {
        return HURDLE_ENOMEM;
    }
    if (n > 1) {
        qsort(hd_vec_at(&ev->facthits, 0), n, sizeof(hd_fact_hit), cmp_hit);
    }
    for (size_t k = 0; k < n; k++) {
        fold_hit(f, out, hd_vec_at(&ev->facthits, k));
    }
    for (size_t i = 0; i < NDEFS; i++) {
        void *slot = (char *)out + defs[i].off;
        if (defs[i].type == HD_FT_ENUM) {
            *(const char **)slot = fold_enum(f, i);
        } else if (defs[i].type == HD_FT_LIST) {
            fold_list(f, i, slot);
        } else if (defs[i].type == HD_FT_BOOL) {
            *(hd_fact_tri *)slot = f->yes[i] ? HD_FACT_YES : f->no[i] ? HD_FACT_NO
                                                                     : HD_FACT_UNSTATED;
        }
    }
    if (out->cancel_by_phone_only == HD_FACT_UNSTATED && out->cancel_methods.n == 1 &&
        strcmp(out->cancel_methods.v[0], "phone") == 0) {
        out->cancel_by_phone_only = HD_FACT_YES;
    }
    return HURDLE_OK;
}

/* ---- metrics on facts ---- */

static const char *const fact_metrics[] = { "fact:payout_days", "fact:window_days",
                                            "fact:proofs", "fact:minimum_term_months", NULL };

bool hd_fact_metric_known(const char *name)
{
    for (size_t i = 0; fact_metrics[i]; i++) {
        if (strcmp(fact_metrics[i], name) == 0) {
            return true;
        }
    }
    return false;
}

double hd_fact_metric(const hd_facts *facts, const char *name)
{
    if (!facts) {
        return NAN;
    }
    if (strcmp(name, "fact:payout_days") == 0) {
        int w = facts->payout_weeks_max >= 0 ? facts->payout_weeks_max : facts->payout_weeks_min;
        return w >= 0 ? 7.0 * w : (double)NAN;
    }
    if (strcmp(name, "fact:window_days") == 0) {
        return facts->window_days >= 0 ? (double)facts->window_days : (double)NAN;
    }
    if (strcmp(name, "fact:proofs") == 0) {
        return (double)facts->proofs.n;
    }
    if (strcmp(name, "fact:minimum_term_months") == 0) {
        return facts->minimum_term_months >= 0 ? (double)facts->minimum_term_months : (double)NAN;
    }
    return NAN;
}
