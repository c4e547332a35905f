/*
 * rules/litset.c - small sets of literal strings (litset.h) for literal.c.
 */
#include <string.h>

#include "litset.h"

static const char *const empty_arr[1] = { "" };
const hd_litset hd_litset_empty = { empty_arr, NULL, 1 };

/* A new empty set of room `cap`; *w is its writable array. */
hd_litset *hd_litset_new(hd_litmem *s, size_t cap, const char ***w)
{
    hd_litset *r = hd_arena_alloc(s->a, sizeof(*r));

    *w = r ? hd_arena_array(s->a, cap ? cap : 1, sizeof(char *)) : NULL;
    if (!r || !*w) {
        s->oom = true;
        return NULL;
    }
    r->v = *w;
    return r;
}

bool hd_litset_has(const hd_litset *x, const char *str)
{
    for (size_t i = 0; i < x->n; i++) {
        if (strcmp(x->v[i], str) == 0) {
            return true;
        }
    }
    return false;
}

/* x ∪ y, NULL when either is NULL or the union passes `max`. */
const hd_litset *hd_litset_union(hd_litmem *s, const hd_litset *x, const hd_litset *y,
                                 size_t max)
{
    const char **w = NULL;
    hd_litset *r;

    if (!x || !y || x->n + y->n > max) {
        return NULL;
    }
    r = hd_litset_new(s, x->n + y->n, &w);
    for (size_t i = 0; r && i < x->n + y->n; i++) {
        const char *str = i < x->n ? x->v[i] : y->v[i - x->n];
        if (!hd_litset_has(r, str)) {
            w[r->n++] = str;
        }
    }
    return r;
}

/* Every x + y, NULL when too many or too long. */
const hd_litset *hd_litset_cross(hd_litmem *s, const hd_litset *x, const hd_litset *y)
{
    const char **w = NULL;
    hd_litset *r;

    if (x->n * y->n > EXACT_MAX) {
        return NULL;
    }
    r = hd_litset_new(s, x->n * y->n, &w);
    for (size_t i = 0; r && i < x->n; i++) {
        size_t lx = strlen(x->v[i]);
        for (size_t j = 0; j < y->n; j++) {
            size_t ly = strlen(y->v[j]);
            char *c;
            if (lx + ly > STR_MAX) {
                return NULL;
            }
            c = hd_arena_alloc(s->a, lx + ly + 1);
            if (!c) {
                s->oom = true;
                return NULL;
            }
            memcpy(c, x->v[i], lx);
            memcpy(c + lx, y->v[j], ly + 1);
            if (!hd_litset_has(r, c)) {
                w[r->n++] = c;
            }
        }
    }
    return r;
}

/* An exact set as a requirement: none when it can match the empty string. */
const hd_litset *hd_litset_exact_req(const hd_litset *x)
{
    return x && !hd_litset_has(x, "") ? x : NULL;
}

size_t hd_litset_lead(const hd_litset *x, size_t i)
{
    return x->lead ? x->lead[i] : 0;
}

size_t hd_litset_max_lead(const hd_litset *x, size_t add)
{
    size_t m = 0;

    for (size_t i = 0; i < x->n; i++) {
        m = hd_litset_lead(x, i) > m ? hd_litset_lead(x, i) : m;
    }
    return add_sat(m, add);
}

/* Two requirements as one (either holds): x's strings with leads + xa, y's + ya. */
const hd_litset *hd_litset_req_union(hd_litmem *s, const hd_litset *x, size_t xa,
                                     const hd_litset *y, size_t ya)
{
    const char **w = NULL;
    size_t *lead;
    hd_litset *r;

    if (!x || !y || x->n + y->n > REQ_MAX) {
        return NULL;
    }
    r = hd_litset_new(s, x->n + y->n, &w);
    lead = r ? hd_arena_array(s->a, x->n + y->n, sizeof(size_t)) : NULL;
    if (!lead) {
        s->oom = true;
        return NULL;
    }
    r->lead = lead;
    for (size_t i = 0; i < x->n + y->n; i++) {
        const char *str = i < x->n ? x->v[i] : y->v[i - x->n];
        size_t l = i < x->n ? add_sat(xa, hd_litset_lead(x, i))
                            : add_sat(ya, hd_litset_lead(y, i - x->n));
        size_t k = 0;
        while (k < r->n && strcmp(w[k], str) != 0) {
            k++;
        }
        if (k == r->n) {
            w[r->n++] = str;
            lead[k] = l;
        }
        lead[k] = l > lead[k] ? l : lead[k];
    }
    return r;
}

size_t hd_litset_min_len(const hd_litset *x)
{
    size_t m = SIZE_MAX;

    for (size_t i = 0; i < x->n; i++) {
        size_t l = strlen(x->v[i]);
        m = l < m ? l : m;
    }
    return m;
}

/* a - b as a comparison result, for keys compared in order */
static int cmp_size(size_t a, size_t b)
{
    return (a > b) - (a < b);
}

/*
 * Keeps in *best the more selective requirement of *best and (x, lead):
 * no literal shorter than 3 bytes; then one that bounds where a match
 * starts; then literals of up to 6 bytes the longer (longer ones are all
 * selective enough); then fewer literals; then longer ones.
 */
void hd_litset_better(hd_litcand *best, const hd_litset *x, size_t lead)
{
    size_t mx;
    size_t mb;
    int c;

    if (!x || !best->req) {
        if (x) {
            best->req = x;
            best->lead = lead;
        }
        return;
    }
    mx = hd_litset_min_len(x);
    mb = hd_litset_min_len(best->req);
    c = cmp_size(mx < 3 ? mx : 3, mb < 3 ? mb : 3);
    c = c ? c
          : cmp_size(hd_litset_max_lead(x, lead) != SIZE_MAX,
                     hd_litset_max_lead(best->req, best->lead) != SIZE_MAX);
    c = c ? c : cmp_size(mx < 6 ? mx : 6, mb < 6 ? mb : 6);
    c = c ? c : cmp_size(best->req->n, x->n);
    c = c ? c : cmp_size(mx, mb);
    if (c > 0) {
        best->req = x;
        best->lead = lead;
    }
}
