/*
 * util/arena.c - bump allocator over a list of chunks from the ctx
 * allocator. Large requests get a chunk of their own. libc only.
 */
#include "arena.h"

#include <stdint.h>
#include <string.h>

#include <hurdle/common.h>

#include "alloc.h"

#define CHUNK_SIZE ((size_t)64 * 1024)
#define ALIGN      ((size_t)16)

struct hd_arena_chunk {
    hd_arena_chunk *next;
    size_t size;
    size_t off;
    _Alignas(16) unsigned char data[];
};

void hd_arena_init(hd_arena *arena, hurdle_ctx *ctx, size_t max)
{
    arena->ctx = ctx;
    arena->head = NULL;
    arena->used = 0;
    arena->max = max;
    arena->first = 0;
}

void hd_arena_init_exact(hd_arena *arena, hurdle_ctx *ctx, size_t size)
{
    hd_arena_init(arena, ctx, 0);
    arena->first = size;
}

void hd_arena_dispose(hd_arena *arena)
{
    hd_arena_chunk *c = arena->head;

    while (c) {
        hd_arena_chunk *next = c->next;
        hd_free(arena->ctx, c);
        c = next;
    }
    arena->head = NULL;
    arena->used = 0;
}

static hd_arena_chunk *new_chunk(hd_arena *arena, size_t size)
{
    hd_arena_chunk *c;

    if (size > SIZE_MAX - sizeof(*c)) {
        hd_oom(arena->ctx);
        return NULL;
    }
    c = hd_malloc(arena->ctx, sizeof(*c) + size);
    if (!c) {
        return NULL;
    }
    c->size = size;
    c->off = 0;
    return c;
}

void *hd_arena_alloc(hd_arena *arena, size_t size)
{
    hd_arena_chunk *c = arena->head;
    size_t rounded;
    void *p;

    if (size > SIZE_MAX - ALIGN) {
        hd_oom(arena->ctx);
        return NULL;
    }
    rounded = (size + ALIGN - 1) & ~(ALIGN - 1);
    if (arena->max && (rounded > arena->max || arena->used > arena->max - rounded)) {
        hd_fail(arena->ctx, HURDLE_ELIMIT, "page model exceeds %zu bytes", arena->max);
        return NULL;
    }
    if (!c && arena->first) {
        c = new_chunk(arena, arena->first > rounded ? arena->first : rounded);
        if (!c) {
            return NULL;
        }
        c->next = NULL;
        arena->head = c;
    }
    if (!c || c->size - c->off < rounded) {
        hd_arena_chunk *n = new_chunk(arena, rounded > CHUNK_SIZE / 4 ? rounded : CHUNK_SIZE);
        if (!n) {
            return NULL;
        }
        if (c && rounded > CHUNK_SIZE / 4) {
            /* keep filling the current chunk: put the big one behind it */
            n->next = c->next;
            c->next = n;
        } else {
            n->next = c;
            arena->head = n;
        }
        c = n;
    }
    p = c->data + c->off;
    c->off += rounded;
    arena->used += rounded;
    memset(p, 0, size);
    return p;
}

void *hd_arena_array(hd_arena *arena, size_t n, size_t size)
{
    size_t total;

    if (!hd_mul_ok(n, size, &total)) {
        hd_oom(arena->ctx);
        return NULL;
    }
    return hd_arena_alloc(arena, total);
}

char *hd_arena_strndup(hd_arena *arena, const char *s, size_t len)
{
    char *p;

    if (len == SIZE_MAX) {
        hd_oom(arena->ctx);
        return NULL;
    }
    p = hd_arena_alloc(arena, len + 1);
    if (p && len) {
        memcpy(p, s, len);
    }
    return p;
}

char *hd_arena_strdup(hd_arena *arena, const char *s)
{
    return hd_arena_strndup(arena, s ? s : "", s ? strlen(s) : 0);
}
