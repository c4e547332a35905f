/*
 * util/vec.h - a growable array of fixed-size elements on the ctx allocator,
 * with a maximum element count (growing past it gives HURDLE_ELIMIT).
 */
#ifndef HD_VEC_H
#define HD_VEC_H

#include <stddef.h>

#include <hurdle/ctx.h>

typedef struct hd_vec {
    void *ptr;
    size_t len;
    size_t cap;
    size_t elem;
    size_t max;
    hurdle_ctx *ctx;
} hd_vec;

void hd_vec_init(hd_vec *vec, hurdle_ctx *ctx, size_t elem, size_t max);
void hd_vec_dispose(hd_vec *vec);
/* Appends one zeroed element; NULL with ENOMEM or ELIMIT recorded. */
void *hd_vec_push(hd_vec *vec);
void *hd_vec_at(const hd_vec *vec, size_t i);

#define HD_VEC_FOREACH(vec, type, it) \
    for (type *it = (type *)(vec)->ptr; it && it < (type *)(vec)->ptr + (vec)->len; it++)

#endif
