/*
 * util/strmap.h - strings interned to dense ids (0, 1, 2, ...): the URL
 * table of a scan, which links, the frontier and grouping refer to by id.
 * Strings live in an arena of the map and stay valid until it is disposed.
 */
#ifndef HD_STRMAP_H
#define HD_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hurdle/ctx.h>

#include "arena.h"

typedef struct hd_strmap {
    hurdle_ctx *ctx;
    hd_arena pool;     /* the strings */
    const char **strs; /* by id */
    uint32_t *lens;    /* by id */
    uint32_t *slots;   /* open addressing: id + 1, 0 empty */
    size_t n;
    size_t cap;    /* of strs and lens */
    size_t nslots; /* a power of two */
    size_t max;    /* ids at most; interning past it gives ELIMIT */
} hd_strmap;

void hd_strmap_init(hd_strmap *map, hurdle_ctx *ctx, size_t max);
void hd_strmap_dispose(hd_strmap *map);
/*
 * The id of s[0..len), added when new (*added tells, may be NULL).
 * HURDLE_OK, ENOMEM or ELIMIT (past `max`).
 */
int hd_strmap_intern(hd_strmap *map, const char *s, size_t len, uint32_t *id, bool *added);
/* The id of s[0..len), or -1 when absent. */
long hd_strmap_find(const hd_strmap *map, const char *s, size_t len);
/* The string of `id` (< hd_strmap_count()), NUL-terminated. */
const char *hd_strmap_get(const hd_strmap *map, uint32_t id);
size_t hd_strmap_count(const hd_strmap *map);
/* Bytes the map takes. */
size_t hd_strmap_bytes(const hd_strmap *map);

#endif
