/*
 * rules/prefilter.c - one pass over a text finds the literals of every
 * pattern rule at once (DESIGN.md §9), so each regex runs only around them.
 *
 * The literals are each rule's derived ones (literal.c) and its declared
 * "prefilter" words. They go into one Aho-Corasick automaton over
 * ASCII-lower-cased bytes, compiled into a full transition table over byte
 * classes (the bytes that occur in some literal, plus one class for the
 * rest), so the scan costs one table look-up per byte. A scan reports, per
 * rule, every occurrence of its derived literals (start, end and the start
 * of the '\n'-separated block it ends in) and whether a declared word
 * occurs. The automaton is built once per rule set and is immutable.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define NONE UINT32_MAX
#define EMIT 0x80000000u  /* in a scan-form transition: the target state ends literals */

typedef struct use {
    const char *lit;
    uint32_t who;         /* rule index << 1 | 1 for a declared (gate) word */
    size_t back;          /* derived literals: the rule's back for it */
} use;

struct hd_prefilter {
    hurdle_ctx *ctx;
    size_t nrules;
    unsigned char cls[256];
    size_t ncls;
    uint32_t *delta;      /* nstates * ncls */
    uint32_t *emit;       /* per state: the first state on its suffix chain with a literal, 0 */
    uint32_t *next;       /* per state: the next such state after it on the chain, 0 */
    uint32_t *lit;        /* per state: the literal ending there, NONE */
    size_t nstates;
    size_t *litlen;       /* per literal */
    size_t *uoff;         /* per literal + 1: its users in `who` */
    uint32_t *who;
    size_t *back;         /* per use, in step with who */
    size_t nlits;
};

static int cmp_use(const void *a, const void *b)
{
    const use *x = a;
    const use *y = b;
    int c = strcmp(x->lit, y->lit);

    return c ? c : (x->who > y->who) - (x->who < y->who);
}

static bool rule_scanned(const hd_rule *r)
{
    return r->kind == HD_RULE_PATTERN && (r->prefilter.n || (r->re && r->lits.lits.n));
}

/* Every (literal, user) pair of the rule set, sorted by literal. */
static int gather(hd_vec *uses, const hurdle_ruleset *rs)
{
    for (size_t i = 0; i < rs->nrules; i++) {
        const hd_rule *r = &rs->rules[i];
        size_t nl = r->re ? r->lits.lits.n : 0;
        if (!rule_scanned(r)) {
            continue;
        }
        for (size_t k = 0; k < nl + r->prefilter.n; k++) {
            use *u = hd_vec_push(uses);
            if (!u) {
                return HURDLE_ENOMEM;
            }
            u->lit = k < nl ? r->lits.lits.v[k] : r->prefilter.v[k - nl];
            u->who = (uint32_t)(i << 1) | (k >= nl);
            u->back = k < nl ? r->lits.backs[k] : 0;
            if (!u->lit[0]) {
                uses->len--; /* an empty declared word: strstr always finds it */
                u = NULL;
            }
        }
    }
    if (uses->len) {
        qsort(uses->ptr, uses->len, sizeof(use), cmp_use);
    }
    return HURDLE_OK;
}

static unsigned char fold(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

/* Byte classes: one per byte that occurs in a literal (upper case folded). */
static void make_classes(hd_prefilter *pf, const hd_vec *uses)
{
    pf->ncls = 1;
    HD_VEC_FOREACH(uses, const use, u)
    {
        for (const unsigned char *c = (const unsigned char *)u->lit; *c; c++) {
            if (!pf->cls[*c]) {
                pf->cls[*c] = (unsigned char)pf->ncls++;
            }
        }
    }
    for (int c = 'A'; c <= 'Z'; c++) {
        pf->cls[c] = pf->cls[fold((unsigned char)c)];
    }
}

static int alloc_tables(hd_prefilter *pf, const hd_vec *uses)
{
    size_t chars = 1;

    HD_VEC_FOREACH(uses, const use, u)
    {
        chars += strlen(u->lit);
    }
    if (chars >= (EMIT - 1) / 256) {
        return HURDLE_ELIMIT;
    }
    pf->delta = hd_calloc(pf->ctx, chars * pf->ncls, sizeof(uint32_t));
    pf->emit = hd_calloc(pf->ctx, chars, sizeof(uint32_t));
    pf->next = hd_calloc(pf->ctx, chars, sizeof(uint32_t));
    pf->lit = hd_calloc(pf->ctx, chars, sizeof(uint32_t));
    pf->litlen = hd_calloc(pf->ctx, uses->len + 1, sizeof(size_t));
    pf->uoff = hd_calloc(pf->ctx, uses->len + 1, sizeof(size_t));
    pf->who = hd_calloc(pf->ctx, uses->len + 1, sizeof(uint32_t));
    pf->back = hd_calloc(pf->ctx, uses->len + 1, sizeof(size_t));
    if (!pf->delta || !pf->emit || !pf->next || !pf->lit || !pf->litlen || !pf->uoff ||
        !pf->who || !pf->back) {
        return HURDLE_ENOMEM;
    }
    memset(pf->delta, 0xff, chars * pf->ncls * sizeof(uint32_t));
    memset(pf->lit, 0xff, chars * sizeof(uint32_t));
    pf->nstates = 1;
    return HURDLE_OK;
}

/* The trie of the distinct literals, and each literal's users. */
static void make_trie(hd_prefilter *pf, const hd_vec *uses)
{
    const use *u = uses->ptr;

    for (size_t i = 0; i < uses->len; i++) {
        uint32_t st = 0;
        pf->back[i] = u[i].back;
        if (i > 0 && strcmp(u[i].lit, u[i - 1].lit) == 0) {
            pf->who[i] = u[i].who;
            pf->uoff[pf->nlits] = i + 1;
            continue;
        }
        for (const unsigned char *c = (const unsigned char *)u[i].lit; *c; c++) {
            uint32_t *t = &pf->delta[st * pf->ncls + pf->cls[*c]];
            if (*t == NONE) {
                *t = (uint32_t)pf->nstates++;
            }
            st = *t;
        }
        pf->lit[st] = (uint32_t)pf->nlits;
        pf->litlen[pf->nlits] = strlen(u[i].lit);
        pf->who[i] = u[i].who;
        pf->nlits++;
        pf->uoff[pf->nlits] = i + 1;
    }
}

/* Failure links by breadth-first search, folded into a full DFA. */
static int make_links(hd_prefilter *pf)
{
    uint32_t *queue = hd_calloc(pf->ctx, pf->nstates, sizeof(uint32_t));
    uint32_t *fail = hd_calloc(pf->ctx, pf->nstates, sizeof(uint32_t));
    size_t head = 0;
    size_t tail = 0;

    if (!queue || !fail) {
        hd_free(pf->ctx, queue);
        hd_free(pf->ctx, fail);
        return HURDLE_ENOMEM;
    }
    for (size_t c = 0; c < pf->ncls; c++) {
        uint32_t *t = &pf->delta[c];
        if (*t == NONE) {
            *t = 0;
        } else {
            queue[tail++] = *t; /* fail[*t] = 0 */
        }
    }
    while (head < tail) {
        uint32_t st = queue[head++];
        uint32_t f = fail[st];
        pf->emit[st] = pf->lit[st] != NONE ? st : pf->emit[f];
        pf->next[st] = pf->emit[f];
        for (size_t c = 0; c < pf->ncls; c++) {
            uint32_t *t = &pf->delta[st * pf->ncls + c];
            if (*t == NONE) {
                *t = pf->delta[f * pf->ncls + c];
            } else {
                fail[*t] = pf->delta[f * pf->ncls + c];
                queue[tail++] = *t;
            }
        }
    }
    hd_free(pf->ctx, queue);
    hd_free(pf->ctx, fail);
    /* the scan's form: each entry is the target's row, with EMIT when it ends literals */
    for (size_t i = 0; i < pf->nstates * pf->ncls; i++) {
        uint32_t t = pf->delta[i];
        pf->delta[i] = (uint32_t)(t * pf->ncls) | (pf->emit[t] ? EMIT : 0);
    }
    return HURDLE_OK;
}

int hd_prefilter_new(hd_prefilter **out, hurdle_ctx *ctx, const hurdle_ruleset *rs)
{
    hd_prefilter *pf = hd_calloc(ctx, 1, sizeof(*pf));
    hd_vec uses;
    int rc;

    *out = NULL;
    hd_vec_init(&uses, ctx, sizeof(use), (size_t)HD_RULES_MAX_RULES * 256);
    if (!pf) {
        return HURDLE_ENOMEM;
    }
    pf->ctx = ctx;
    pf->nrules = rs->nrules;
    rc = gather(&uses, rs);
    if (rc == 0 && uses.len == 0) {
        goto done; /* nothing to scan for: no automaton */
    }
    if (rc == 0) {
        make_classes(pf, &uses);
        rc = alloc_tables(pf, &uses);
    }
    if (rc == 0) {
        make_trie(pf, &uses);
        rc = make_links(pf);
    }
done:
    hd_vec_dispose(&uses);
    if (rc == HURDLE_ELIMIT) {
        rc = HURDLE_OK; /* too big to tabulate: rules run without the prefilter */
    }
    if (rc < 0 || !pf->nlits) {
        hd_prefilter_free(pf);
        return rc;
    }
    *out = pf;
    return HURDLE_OK;
}

void hd_prefilter_free(hd_prefilter *pf)
{
    if (!pf) {
        return;
    }
    hd_free(pf->ctx, pf->delta);
    hd_free(pf->ctx, pf->emit);
    hd_free(pf->ctx, pf->next);
    hd_free(pf->ctx, pf->lit);
    hd_free(pf->ctx, pf->litlen);
    hd_free(pf->ctx, pf->uoff);
    hd_free(pf->ctx, pf->who);
    hd_free(pf->ctx, pf->back);
    hd_free(pf->ctx, pf);
}

/* Pass 1: every literal occurrence into `raw` (hd_pf_occ, `lit` set). */
static int find_all(const hd_prefilter *pf, hd_vec *raw, const char *text, size_t len)
{
    const unsigned char *p = (const unsigned char *)text;
    const uint32_t *delta = pf->delta;
    const unsigned char *cls = pf->cls;
    size_t line = 0;
    uint32_t row = 0;

    for (size_t i = 0; i < len; i++) {
        uint32_t v = delta[row + cls[p[i]]];
        row = v & ~EMIT;
        line = p[i] == '\n' ? i + 1 : line;
        if (!(v & EMIT)) {
            continue;
        }
        for (uint32_t e = pf->emit[row / pf->ncls]; e; e = pf->next[e]) {
            hd_pf_occ *o = hd_vec_push(raw);
            if (!o) {
                return HURDLE_ENOMEM;
            }
            o->lit = pf->lit[e];
            o->end = i + 1;
            o->start = o->end - pf->litlen[o->lit];
            o->line = line;
        }
    }
    return HURDLE_OK;
}

/* Pass 2: the occurrences grouped by rule, in the order found. */
static int group(hd_pf_scan *out, const hd_prefilter *pf, hd_arena *arena, const hd_vec *raw)
{
    const hd_pf_occ *r = raw->ptr;
    size_t *off = hd_arena_array(arena, pf->nrules + 2, sizeof(size_t));
    bool *gate = hd_arena_array(arena, pf->nrules + 1, sizeof(bool));
    hd_pf_occ *occ = NULL;
    size_t total = 0;

    if (!off || !gate) {
        return HURDLE_ENOMEM;
    }
    for (size_t i = 0; i < raw->len; i++) {
        for (size_t u = pf->uoff[r[i].lit]; u < pf->uoff[r[i].lit + 1]; u++) {
            if (pf->who[u] & 1) {
                gate[pf->who[u] >> 1] = true;
            } else {
                off[(pf->who[u] >> 1) + 2]++;
                total++;
            }
        }
    }
    occ = hd_arena_array(arena, total + 1, sizeof(hd_pf_occ));
    if (!occ) {
        return HURDLE_ENOMEM;
    }
    for (size_t k = 2; k < pf->nrules + 2; k++) {
        off[k] += off[k - 1];
    }
    /* off[k + 1] is now where rule k's occurrences go; filling moves it to their end */
    for (size_t i = 0; i < raw->len; i++) {
        for (size_t u = pf->uoff[r[i].lit]; u < pf->uoff[r[i].lit + 1]; u++) {
            if (!(pf->who[u] & 1)) {
                hd_pf_occ *o = &occ[off[(pf->who[u] >> 1) + 1]++];
                *o = r[i];
                o->back = pf->back[u];
            }
        }
    }
    out->off = off;
    out->occ = occ;
    out->gate = gate;
    return HURDLE_OK;
}

/* Caseless UTF matching folds U+212A KELVIN SIGN to k and U+017F LONG S to s. */
static bool has_fold(const char *text, size_t len)
{
    const char *p = text;
    const char *end = text + len;

    while (p < end && (p = memchr(p, 0xc5, (size_t)(end - p))) != NULL) {
        if (end - p >= 2 && (unsigned char)p[1] == 0xbf) {
            return true;
        }
        p++;
    }
    p = text;
    while (p < end && (p = memchr(p, 0xe2, (size_t)(end - p))) != NULL) {
        if (end - p >= 3 && (unsigned char)p[1] == 0x84 && (unsigned char)p[2] == 0xaa) {
            return true;
        }
        p++;
    }
    return false;
}

int hd_prefilter_scan(hd_pf_scan *out, const hd_prefilter *pf, hd_arena *arena, hd_vec *raw,
                      const char *text, size_t len)
{
    int rc;

    memset(out, 0, sizeof(*out));
    raw->len = 0;
    rc = find_all(pf, raw, text, len);
    if (rc == 0) {
        rc = group(out, pf, arena, raw);
    }
    out->folds = has_fold(text, len);
    return rc;
}
