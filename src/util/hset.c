/*
 * util/hset.c - open addressing with linear probing over 64-bit keys, load
 * factor at most 1/2; deletion shifts the following entries back (no
 * tombstones). libc only.
 */
#include "hset.h"

#include <string.h>

#include <hurdle/common.h>

#include "alloc.h"

#define MIN_SLOTS ((size_t)64)

void hd_hset_init(hd_hset *s, hurdle_ctx *ctx, size_t max)
{
    memset(s, 0, sizeof(*s));
    s->ctx = ctx;
    s->max = max;
}

void hd_hset_dispose(hd_hset *s)
{
    hd_free(s->ctx, s->keys);
    hd_free(s->ctx, s->vals);
    s->keys = NULL;
    s->vals = NULL;
    s->n = s->nslots = 0;
}

uint64_t hd_hash64(const char *str, size_t len)
{
    uint64_t h = 14695981039346656037ULL; /* FNV-1a 64: its offset basis, then its prime */

    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)str[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static size_t slot_of(const hd_hset *s, uint64_t key)
{
    return (size_t)(key ^ (key >> 29)) & (s->nslots - 1);
}

static size_t probe(const hd_hset *s, uint64_t key, bool *found)
{
    size_t i = slot_of(s, key);

    *found = false;
    while (s->keys[i]) {
        if (s->keys[i] == key) {
            *found = true;
            return i;
        }
        i = (i + 1) & (s->nslots - 1);
    }
    return i;
}

static int rehash(hd_hset *s)
{
    size_t n = s->nslots ? s->nslots * 2 : MIN_SLOTS;
    uint64_t *ok = s->keys;
    uint32_t *ov = s->vals;
    size_t on = s->nslots;

    s->keys = hd_calloc(s->ctx, n, sizeof(uint64_t));
    s->vals = hd_calloc(s->ctx, n, sizeof(uint32_t));
    if (!s->keys || !s->vals) {
        hd_free(s->ctx, s->keys);
        hd_free(s->ctx, s->vals);
        s->keys = ok;
        s->vals = ov;
        return HURDLE_ENOMEM;
    }
    s->nslots = n;
    for (size_t i = 0; i < on; i++) {
        if (ok[i]) {
            bool found;
            size_t j = probe(s, ok[i], &found);
            s->keys[j] = ok[i];
            s->vals[j] = ov[i];
        }
    }
    hd_free(s->ctx, ok);
    hd_free(s->ctx, ov);
    return HURDLE_OK;
}

static int put(hd_hset *s, uint64_t key, uint32_t val, bool *added, bool replace)
{
    bool found = false;
    size_t i;

    key = key ? key : 1;
    if (added) {
        *added = false;
    }
    if ((s->n + 1) * 2 > s->nslots && rehash(s) < 0) {
        return HURDLE_ENOMEM;
    }
    i = probe(s, key, &found);
    if (found) {
        if (replace) {
            s->vals[i] = val;
        }
        return HURDLE_OK;
    }
    if (s->n >= s->max) {
        return HURDLE_ELIMIT;
    }
    s->keys[i] = key;
    s->vals[i] = val;
    s->n++;
    if (added) {
        *added = true;
    }
    return HURDLE_OK;
}

int hd_hset_put(hd_hset *s, uint64_t key, uint32_t val, bool *added)
{
    return put(s, key, val, added, false);
}

int hd_hset_set(hd_hset *s, uint64_t key, uint32_t val)
{
    return put(s, key, val, NULL, true);
}

bool hd_hset_get(const hd_hset *s, uint64_t key, uint32_t *val)
{
    bool found = false;
    size_t i;

    key = key ? key : 1;
    if (!s->nslots) {
        return false;
    }
    i = probe(s, key, &found);
    if (found && val) {
        *val = s->vals[i];
    }
    return found;
}

void hd_hset_del(hd_hset *s, uint64_t key)
{
    bool found = false;
    size_t i;
    size_t j;

    key = key ? key : 1;
    if (!s->nslots) {
        return;
    }
    i = probe(s, key, &found);
    if (!found) {
        return;
    }
    s->keys[i] = 0;
    s->n--;
    /* shift back the entries after it that probed past the hole */
    for (j = (i + 1) & (s->nslots - 1); s->keys[j]; j = (j + 1) & (s->nslots - 1)) {
        size_t home = slot_of(s, s->keys[j]);
        bool move = (j > i) ? (home <= i || home > j) : (home <= i && home > j);
        if (move) {
            s->keys[i] = s->keys[j];
            s->vals[i] = s->vals[j];
            s->keys[j] = 0;
            i = j;
        }
    }
}

size_t hd_hset_count(const hd_hset *s)
{
    return s->n;
}
