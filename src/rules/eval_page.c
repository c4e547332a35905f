/*
 * rules/eval_page.c - one page's hits, and their merge over an offering.
 *
 * A page is evaluated once, when it is analysed (hd_rules_eval_page): every
 * pattern and field rule that may apply to an offering the page can join
 * runs over it, and what the offering-level work needs is packed into one
 * block (hd_page_hits): each rule's count and evidence, the facts its hits
 * state, and the text measures of metric rules (footnote marks, named fees,
 * whether it names its terms). Then the page's text can go: an offering is
 * evaluated from its pages' hits (hd_ev_merge), which gives what a run over
 * the whole texts gives, because every rule's hits come page by page in the
 * offering's order:
 *   - counts add up;
 *   - field evidence is the first hits, so the first max_evidence of the
 *     pages' lists in order are the first max_evidence of the offering;
 *   - pattern evidence is one entry per distinct phrase, by first occurrence,
 *     with its count: a page keeps PAGE_EVIDENCE_FACTOR times max_evidence
 *     distinct phrases, and the merge adds the counts of a phrase already
 *     taken (a phrase past a page's own list is counted in the total but
 *     not in its entry: only a page with more distinct phrases than its list
 *     holds can tell the difference);
 *   - fact hits keep their order within a page, and the fold sorts by page.
 * The rules a page ran but the offering does not apply (another offering
 * kind; unless_linked rules when the offering links its terms) are left out
 * in the merge.
 */
#include <stdint.h>
#include <string.h>

#include "eval.h"

#define PAGE_EVIDENCE_FACTOR 4

/*
 * Every offering kind `page` can belong to (core/group.c groups pages): a page of an offer's
 * kind without a form only its own; a page with a form may be any flow's step.
 */
static unsigned possible_offerings(const hd_page *page)
{
    unsigned bit = page->kind ? hd_kind_bit(page->kind) : HD_KIND_OTHER;

    if ((bit & (HD_KIND_REBATE | HD_KIND_SIGNUP | HD_KIND_PRICING)) && page->nforms == 0) {
        return bit;
    }
    return HD_KIND_REBATE | HD_KIND_SIGNUP | HD_KIND_PRICING | HD_KIND_OTHER;
}

bool hd_page_hits_cover(const hd_page_hits *hits, const char *offering_kind)
{
    unsigned bit = offering_kind ? hd_kind_bit(offering_kind) : 0;

    return hits && (bit == HD_KIND_ANY || (hits->offerings & bit) == bit);
}

static size_t align16(size_t n)
{
    return (n + 15) & ~(size_t)15;
}

static size_t evidence_bytes(const hd_evidence *e)
{
    return strlen(e->path) + strlen(e->match) + strlen(e->context) + strlen(e->advice) + 4;
}

/* Sizes of the block's parts: structs first, then strings. */
typedef struct layout {
    size_t nrules;
    size_t nev;
    size_t strings;
    size_t total;
} layout;

static int measure(layout *l, const hd_ev *ev, size_t nfees)
{
    size_t n = sizeof(hd_page_hits);

    memset(l, 0, sizeof(*l));
    for (size_t i = 0; i < ev->rs->nrules; i++) {
        const hd_acc *a = &ev->acc[i];
        if (!a->count) {
            continue;
        }
        l->nrules++;
        l->nev += a->nev;
        for (size_t k = 0; k < a->nev; k++) {
            l->strings += evidence_bytes(&a->ev[k]);
        }
    }
    n = align16(n) + align16(l->nrules * sizeof(hd_rule_hits));
    n += align16(l->nev * sizeof(hd_evidence));
    n += align16(ev->facthits.len * sizeof(hd_fact_hit));
    n += align16(nfees * (HD_FEE_NAME + 1));
    if (l->strings > SIZE_MAX / 2 || n > SIZE_MAX / 2) {
        return HURDLE_ENOMEM;
    }
    l->total = n + l->strings;
    return HURDLE_OK;
}

static const char *put_string(char **cursor, const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = *cursor;

    memcpy(d, s, n);
    *cursor += n;
    return d;
}

static void fill_rules(hd_page_hits *h, const hd_ev *ev, hd_evidence *evs, char *strings)
{
    size_t r = 0;
    size_t e = 0;

    for (size_t i = 0; i < ev->rs->nrules; i++) {
        const hd_acc *a = &ev->acc[i];
        hd_rule_hits *rh;
        if (!a->count) {
            continue;
        }
        rh = &h->rules[r++];
        rh->rule = i;
        rh->count = a->count;
        rh->ev = evs + e;
        rh->nev = a->nev;
        for (size_t k = 0; k < a->nev; k++) {
            hd_evidence *d = &evs[e++];
            *d = a->ev[k];
            d->page = 0;
            d->path = put_string(&strings, a->ev[k].path);
            d->match = put_string(&strings, a->ev[k].match);
            d->context = put_string(&strings, a->ev[k].context);
            d->advice = put_string(&strings, a->ev[k].advice);
        }
    }
}

int hd_ev_page_pack(hd_page_hits **out, hd_ev *ev)
{
    char fees[HD_PAGE_FEES][HD_FEE_NAME + 1];
    size_t nfees = hd_metric_page_fees(ev->pages[0], fees, HD_PAGE_FEES);
    layout l;
    hd_page_hits *h;
    char *p;

    *out = NULL;
    if (measure(&l, ev, nfees) < 0) {
        return hd_oom(ev->ctx);
    }
    h = hd_malloc(ev->ctx, l.total);
    if (!h) {
        return HURDLE_ENOMEM;
    }
    memset(h, 0, sizeof(*h));
    p = (char *)h + align16(sizeof(*h));
    h->rules = (hd_rule_hits *)(void *)p;
    h->nrules = l.nrules;
    p += align16(l.nrules * sizeof(hd_rule_hits));
    fill_rules(h, ev, (hd_evidence *)(void *)p,
               p + align16(l.nev * sizeof(hd_evidence)) +
                   align16(ev->facthits.len * sizeof(hd_fact_hit)) +
                   align16(nfees * (HD_FEE_NAME + 1)));
    p += align16(l.nev * sizeof(hd_evidence));
    h->facts = (hd_fact_hit *)(void *)p;
    h->nfacts = ev->facthits.len;
    if (h->nfacts) {
        memcpy(h->facts, hd_vec_at(&ev->facthits, 0), h->nfacts * sizeof(hd_fact_hit));
    }
    p += align16(h->nfacts * sizeof(hd_fact_hit));
    h->fees = (char(*)[HD_FEE_NAME + 1])(void *)p;
    h->nfees = nfees;
    memcpy(h->fees, fees, nfees * (HD_FEE_NAME + 1));
    h->footnote_marks = hd_metric_page_footnote_marks(ev->pages[0]);
    h->names_terms = hd_metric_page_names_terms(ev->pages[0]);
    h->bytes = l.total;
    *out = h;
    return HURDLE_OK;
}

int hd_ev_page_hits(hd_page_hits **out,
                    hurdle_ctx *ctx,
                    const hurdle_ruleset *rs,
                    const hd_page *page,
                    unsigned offerings,
                    const hd_eval_opts *opts)
{
    const hd_page *pages[1] = { page };
    hd_eval_result tmp;
    hd_ev ev;
    int rc;

    *out = NULL;
    memset(&tmp, 0, sizeof(tmp));
    memset(&ev, 0, sizeof(ev));
    ev.ctx = ctx;
    ev.rs = rs;
    ev.pages = pages;
    ev.npages = 1;
    ev.page_mode = true;
    ev.offering_bit = possible_offerings(page) | offerings;
    ev.max_ev = rs->scoring.max_evidence * PAGE_EVIDENCE_FACTOR;
    rc = hd_ev_init(&ev, &tmp, opts);
    if (rc == HURDLE_OK) {
        hd_ev_run(&ev);
        rc = ev.err ? ev.err : hd_ev_page_pack(out, &ev);
    }
    if (*out) {
        (*out)->offerings = ev.offering_bit;
    }
    hd_ev_dispose(&ev);
    hd_eval_result_dispose(&tmp);
    return rc == HURDLE_ENOMEM ? hd_oom(ctx) : rc;
}

int hd_rules_eval_page(hd_page_hits **out,
                       hurdle_ctx *ctx,
                       const hurdle_ruleset *rules,
                       const hd_page *page)
{
    if (!out || !ctx || !rules || !page) {
        return HURDLE_EINVAL;
    }
    return hd_ev_page_hits(out, ctx, rules, page, 0, NULL);
}

void hd_page_hits_free(hd_page_hits *hits, hurdle_ctx *ctx)
{
    hd_free(ctx, hits);
}

size_t hd_page_hits_size(const hd_page_hits *hits)
{
    return hits ? hits->bytes : 0;
}

/* ---- page mode ---- */

/*
 * Word-list rule `first` and the wanted word-list rules after it that are not
 * yet done, up to HD_EV_MAX_WORD_RULES, in one tokenization per scope. Rules
 * keep separate counts and evidence, so running them together changes nothing.
 */
static void word_rules(hd_ev *ev, const bool *feeds, size_t first)
{
    const hurdle_ruleset *rs = ev->rs;
    const hd_rule *batch[HD_EV_MAX_WORD_RULES];
    size_t n = 0;

    if (ev->words_done[first]) {
        return;
    }
    for (size_t i = first; i < rs->nrules && n < HD_EV_MAX_WORD_RULES; i++) {
        const hd_rule *r = &rs->rules[i];
        if (r->kind == HD_RULE_PATTERN && r->words && !ev->words_done[i] &&
            hd_ev_wanted(ev, r, feeds)) {
            ev->words_done[i] = true;
            batch[n++] = r;
        }
    }
    hd_ev_word_rules(ev, batch, n);
}

/* Per rule: it feeds the hits: metric of a rule that is on. NULL without memory. */
bool *hd_ev_feeding(hd_ev *ev)
{
    const hurdle_ruleset *rs = ev->rs;
    bool *feeds = hd_arena_array(&ev->tmp, rs->nrules + 1, sizeof(bool));

    if (!feeds) {
        ev->err = HURDLE_ENOMEM;
        return NULL;
    }
    for (size_t i = 0; i < rs->nrules; i++) {
        for (size_t k = 0; rs->rules[i].severity && k < rs->rules[i].nmetric_refs; k++) {
            feeds[hd_rule_index(rs, rs->rules[i].metric_refs[k])] = true;
        }
    }
    return feeds;
}

void hd_ev_run(hd_ev *ev)
{
    const hurdle_ruleset *rs = ev->rs;
    bool *feeds = hd_ev_feeding(ev);

    for (size_t i = 0; feeds && i < rs->nrules && !ev->err; i++) {
        const hd_rule *r = &rs->rules[i];
        if (!hd_ev_wanted(ev, r, feeds)) {
            continue;
        }
        if (r->kind == HD_RULE_PATTERN && r->words) {
            word_rules(ev, feeds, i);
        } else if (r->kind == HD_RULE_PATTERN) {
            hd_ev_pattern_rule(ev, r);
        } else if (r->kind == HD_RULE_FIELD) {
            hd_ev_field_rule(ev, r);
        }
    }
}

/* ---- the merge ---- */

/* The accumulator's evidence slots, allocated on first use. */
static hd_evidence *slots(hd_ev *ev, hd_acc *a)
{
    if (!a->ev) {
        a->ev = hd_arena_array(ev->out, ev->max_ev ? ev->max_ev : 1, sizeof(hd_evidence));
        if (!a->ev) {
            ev->err = ev->err ? ev->err : HURDLE_ENOMEM;
        }
    }
    return a->ev;
}

static long phrase_at(const hd_acc *a, const char *match)
{
    for (size_t i = 0; i < a->nev; i++) {
        const char *x = a->ev[i].match;
        const char *y = match;
        for (; *x && *y; x++, y++) {
            char cx = *x >= 'A' && *x <= 'Z' ? (char)(*x + 32) : *x;
            char cy = *y >= 'A' && *y <= 'Z' ? (char)(*y + 32) : *y;
            if (cx != cy) {
                break;
            }
        }
        if (!*x && !*y) {
            return (long)i;
        }
    }
    return -1;
}

static void copy_evidence(hd_ev *ev, hd_evidence *d, const hd_evidence *e, size_t page)
{
    *d = *e;
    d->page = page;
    d->path = hd_arena_strdup(ev->out, e->path);
    d->match = hd_arena_strdup(ev->out, e->match);
    d->context = hd_arena_strdup(ev->out, e->context);
    d->advice = hd_arena_strdup(ev->out, e->advice);
    if (!d->path || !d->match || !d->context || !d->advice) {
        ev->err = ev->err ? ev->err : HURDLE_ENOMEM;
    }
}

static void merge_rule(hd_ev *ev, const hd_rule *rule, size_t page, const hd_rule_hits *rh)
{
    size_t ri = rh->rule;
    hd_acc *a = &ev->acc[ri];
    bool phrases = rule->kind == HD_RULE_PATTERN;

    a->count += rh->count;
    ev->hits[ri] += rh->count;
    for (size_t k = 0; k < rh->nev && !ev->err; k++) {
        long at = phrases ? phrase_at(a, rh->ev[k].match) : -1;
        if (at >= 0) {
            a->ev[at].count += rh->ev[k].count;
        } else if (a->nev < ev->max_ev && slots(ev, a)) {
            copy_evidence(ev, &a->ev[a->nev++], &rh->ev[k], page);
        }
    }
}

void hd_ev_merge(hd_ev *ev, const bool *feeds)
{
    const hurdle_ruleset *rs = ev->rs;

    for (size_t p = 0; p < ev->npages && !ev->err; p++) {
        const hd_page_hits *h = ev->page_hits[p];
        for (size_t k = 0; k < h->nrules && !ev->err; k++) {
            const hd_rule *r = &rs->rules[h->rules[k].rule];
            if (hd_ev_wanted(ev, r, feeds) && hd_ev_applies(ev, r, p)) {
                merge_rule(ev, r, p, &h->rules[k]);
            }
        }
        for (size_t k = 0; k < h->nfacts && !ev->err; k++) {
            const hd_rule *r = &rs->rules[h->facts[k].rule];
            hd_fact_hit *f;
            if (!hd_ev_wanted(ev, r, feeds) || !hd_ev_applies(ev, r, p)) {
                continue;
            }
            f = hd_vec_push(&ev->facthits);
            if (!f) {
                ev->err = ev->facthits.len >= ev->facthits.max ? 0 : HURDLE_ENOMEM;
                break;
            }
            *f = h->facts[k];
            f->page = p;
            f->seq = ev->facthits.len;
        }
    }
}
