/*
 * util/hset.h - a set of 64-bit keys (hashes of strings), each with a 32-bit
 * value: what the crawl remembers of the URLs it never keeps (a link past
 * the depth limit, out of scope, a query variant) and what grouping knows of
 * the URLs pages link to, twelve bytes a URL instead of the URL itself.
 */
#ifndef HD_HSET_H
#define HD_HSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hurdle/ctx.h>

typedef struct hd_hset {
    hurdle_ctx *ctx;
    uint64_t *keys; /* 0: empty (a key of 0 is stored as 1) */
    uint32_t *vals;
    size_t n;
    size_t nslots;  /* a power of two */
    size_t max;     /* keys at most; past it hd_hset_put gives ELIMIT */
} hd_hset;

void hd_hset_init(hd_hset *s, hurdle_ctx *ctx, size_t max);
void hd_hset_dispose(hd_hset *s);
/* 64-bit FNV-1a of s[0..len). */
uint64_t hd_hash64(const char *s, size_t len);
/* Adds `key` with `val` (*added says whether it was new; an old key keeps its value). */
int hd_hset_put(hd_hset *s, uint64_t key, uint32_t val, bool *added);
/* Adds `key` with `val`, or gives an old key the value `val`. */
int hd_hset_set(hd_hset *s, uint64_t key, uint32_t val);
/* The value of `key` into *val; false when absent. */
bool hd_hset_get(const hd_hset *s, uint64_t key, uint32_t *val);
/* Removes `key` (no-op when absent). */
void hd_hset_del(hd_hset *s, uint64_t key);
size_t hd_hset_count(const hd_hset *s);

#endif
