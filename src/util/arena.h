/*
 * util/arena.h - a bump allocator for per-page data, freed in one call.
 * Allocations are 16-byte aligned and never freed one by one.
 */
#ifndef HD_ARENA_H
#define HD_ARENA_H

#include <stddef.h>

#include <hurdle/ctx.h>

typedef struct hd_arena_chunk hd_arena_chunk;

typedef struct hd_arena {
    hurdle_ctx *ctx;
    hd_arena_chunk *head;
    size_t used; /* bytes handed out, for limits and benchmarks */
    size_t max;  /* 0: no limit; else allocations past it fail with ELIMIT */
    size_t first; /* size of the first chunk; 0: the default */
} hd_arena;

void hd_arena_init(hd_arena *arena, hurdle_ctx *ctx, size_t max);
/*
 * An arena whose first chunk holds exactly `size` bytes: filled by the same
 * allocations that gave `used` == size in another arena, it takes one block
 * of memory with nothing spare (compact copies: html/compact.c).
 */
void hd_arena_init_exact(hd_arena *arena, hurdle_ctx *ctx, size_t size);
void hd_arena_dispose(hd_arena *arena);
/* Zeroed memory; NULL with ENOMEM or ELIMIT recorded in the ctx. */
void *hd_arena_alloc(hd_arena *arena, size_t size);
/* Zeroed array of n elements, with an overflow check. */
void *hd_arena_array(hd_arena *arena, size_t n, size_t size);
char *hd_arena_strndup(hd_arena *arena, const char *s, size_t len);
char *hd_arena_strdup(hd_arena *arena, const char *s);

#endif
