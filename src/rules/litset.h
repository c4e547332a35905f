/*
 * rules/litset.h - small sets of literal strings for literal.c: what a
 * regex node matches exactly, or requires (one of the strings occurs in
 * every match, each at most its lead bytes after the match's start).
 * Sets live in an arena and are never changed once built.
 */
#ifndef HD_RULES_LITSET_H
#define HD_RULES_LITSET_H

#include "internal.h"

#define EXACT_MAX 16  /* strings in an exact set */
#define REQ_MAX   64  /* strings in a required set */
#define STR_MAX   64  /* bytes of one exact string */

typedef struct hd_litset {
    const char *const *v;
    const size_t *lead; /* required sets: per string, the most bytes before it; NULL: 0 */
    size_t n;
} hd_litset;

/* A candidate requirement and what is added to its strings' leads. */
typedef struct hd_litcand {
    const hd_litset *req;
    size_t lead;
} hd_litcand;

/* Where sets are allocated; oom is set on the first failure. */
typedef struct hd_litmem {
    hd_arena *a;
    bool oom;
} hd_litmem;

extern const hd_litset hd_litset_empty; /* { "" } */

static inline size_t add_sat(size_t a, size_t b)
{
    return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

static inline size_t mul_sat(size_t a, size_t b)
{
    return a && b > SIZE_MAX / a ? SIZE_MAX : a * b;
}

/* A new empty set of room `cap`; *w is its writable array. */
hd_litset *hd_litset_new(hd_litmem *s, size_t cap, const char ***w);
bool hd_litset_has(const hd_litset *x, const char *str);
/* x ∪ y, NULL when either is NULL or the union passes `max`. */
const hd_litset *hd_litset_union(hd_litmem *s, const hd_litset *x, const hd_litset *y, size_t max);
/* Every x + y, NULL when too many or too long. */
const hd_litset *hd_litset_cross(hd_litmem *s, const hd_litset *x, const hd_litset *y);
/* An exact set as a requirement: none when it can match the empty string. */
const hd_litset *hd_litset_exact_req(const hd_litset *x);
size_t hd_litset_lead(const hd_litset *x, size_t i);
size_t hd_litset_max_lead(const hd_litset *x, size_t add);
/* Two requirements as one (either holds): x's strings with leads + xa, y's + ya. */
const hd_litset *hd_litset_req_union(hd_litmem *s, const hd_litset *x, size_t xa,
                                     const hd_litset *y, size_t ya);
size_t hd_litset_min_len(const hd_litset *x);
/* Keeps in *best the more selective of *best and (x, lead). */
void hd_litset_better(hd_litcand *best, const hd_litset *x, size_t lead);

#endif
