/*
 * util/strmap.c - string interning with open addressing (linear probing,
 * FNV-1a hashes, load factor at most 1/2). Ids are dense and never reused,
 * so arrays indexed by id can sit beside the map. libc only.
 */
#include "strmap.h"

#include <string.h>

#include <hurdle/common.h>

#include "alloc.h"
#include "hset.h"

#define MIN_SLOTS ((size_t)64)
#define MAX_LEN   ((size_t)UINT32_MAX - 1)

void hd_strmap_init(hd_strmap *map, hurdle_ctx *ctx, size_t max)
{
    memset(map, 0, sizeof(*map));
    map->ctx = ctx;
    map->max = max < UINT32_MAX ? max : UINT32_MAX - 1;
    hd_arena_init(&map->pool, ctx, 0);
}

void hd_strmap_dispose(hd_strmap *map)
{
    hd_arena_dispose(&map->pool);
    hd_free(map->ctx, map->strs);
    hd_free(map->ctx, map->lens);
    hd_free(map->ctx, map->slots);
    map->strs = NULL;
    map->lens = NULL;
    map->slots = NULL;
    map->n = map->cap = map->nslots = 0;
}

static size_t probe(const hd_strmap *map, const char *s, size_t len, bool *found)
{
    size_t mask = map->nslots - 1;
    size_t i = (size_t)hd_hash64(s, len) & mask;

    *found = false;
    while (map->slots[i]) {
        uint32_t id = map->slots[i] - 1;
        if (map->lens[id] == len && memcmp(map->strs[id], s, len) == 0) {
            *found = true;
            return i;
        }
        i = (i + 1) & mask;
    }
    return i;
}

static int rehash(hd_strmap *map)
{
    size_t n = map->nslots ? map->nslots * 2 : MIN_SLOTS;
    uint32_t *old = map->slots;
    size_t oldn = map->nslots;

    map->slots = hd_calloc(map->ctx, n, sizeof(uint32_t));
    if (!map->slots) {
        map->slots = old;
        return HURDLE_ENOMEM;
    }
    map->nslots = n;
    for (size_t i = 0; i < oldn; i++) {
        if (old[i]) {
            uint32_t id = old[i] - 1;
            bool found;
            map->slots[probe(map, map->strs[id], map->lens[id], &found)] = old[i];
        }
    }
    hd_free(map->ctx, old);
    return HURDLE_OK;
}

static int grow(hd_strmap *map)
{
    size_t cap = map->cap ? map->cap * 2 : 64;
    const char **s = hd_realloc(map->ctx, map->strs, cap * sizeof(*s));
    uint32_t *l;

    if (!s) {
        return HURDLE_ENOMEM;
    }
    map->strs = s;
    l = hd_realloc(map->ctx, map->lens, cap * sizeof(*l));
    if (!l) {
        return HURDLE_ENOMEM;
    }
    map->lens = l;
    map->cap = cap;
    return HURDLE_OK;
}

int hd_strmap_intern(hd_strmap *map, const char *s, size_t len, uint32_t *id, bool *added)
{
    bool found = false;
    size_t slot;
    char *copy;

    if (added) {
        *added = false;
    }
    if (len > MAX_LEN) {
        return HURDLE_ELIMIT;
    }
    if ((map->n + 1) * 2 > map->nslots && rehash(map) < 0) {
        return HURDLE_ENOMEM;
    }
    slot = probe(map, s, len, &found);
    if (found) {
        *id = map->slots[slot] - 1;
        return HURDLE_OK;
    }
    if (map->n >= map->max) {
        return HURDLE_ELIMIT;
    }
    if (map->n == map->cap && grow(map) < 0) {
        return HURDLE_ENOMEM;
    }
    copy = hd_arena_strndup(&map->pool, s, len);
    if (!copy) {
        return HURDLE_ENOMEM;
    }
    map->strs[map->n] = copy;
    map->lens[map->n] = (uint32_t)len;
    map->slots[slot] = (uint32_t)map->n + 1;
    *id = (uint32_t)map->n++;
    if (added) {
        *added = true;
    }
    return HURDLE_OK;
}

long hd_strmap_find(const hd_strmap *map, const char *s, size_t len)
{
    bool found = false;
    size_t slot;

    if (!map->nslots || len > MAX_LEN) {
        return -1;
    }
    slot = probe(map, s, len, &found);
    return found ? (long)map->slots[slot] - 1 : -1;
}

const char *hd_strmap_get(const hd_strmap *map, uint32_t id)
{
    return id < map->n ? map->strs[id] : "";
}

size_t hd_strmap_count(const hd_strmap *map)
{
    return map->n;
}

size_t hd_strmap_bytes(const hd_strmap *map)
{
    return map->pool.used + map->cap * (sizeof(char *) + sizeof(uint32_t)) +
           map->nslots * sizeof(uint32_t);
}
