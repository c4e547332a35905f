/*
 * util/vec.c - growable array with a maximum length. libc only.
 */
#include "vec.h"

#include <assert.h>
#include <string.h>

#include <hurdle/common.h>

#include "alloc.h"

void hd_vec_init(hd_vec *vec, hurdle_ctx *ctx, size_t elem, size_t max)
{
    vec->ptr = NULL;
    vec->len = 0;
    vec->cap = 0;
    vec->elem = elem;
    vec->max = max;
    vec->ctx = ctx;
}

void hd_vec_dispose(hd_vec *vec)
{
    hd_free(vec->ctx, vec->ptr);
    vec->ptr = NULL;
    vec->len = 0;
    vec->cap = 0;
}

void *hd_vec_push(hd_vec *vec)
{
    unsigned char *slot;

    if (vec->len >= vec->max) {
        hd_fail(vec->ctx, HURDLE_ELIMIT, "more than %zu items", vec->max);
        return NULL;
    }
    if (vec->len == vec->cap) {
        size_t cap = vec->cap ? vec->cap * 2 : 8;
        size_t bytes;
        void *p;

        if (cap > vec->max) {
            cap = vec->max;
        }
        if (!hd_mul_ok(cap, vec->elem, &bytes)) {
            hd_oom(vec->ctx);
            return NULL;
        }
        p = hd_realloc(vec->ctx, vec->ptr, bytes);
        if (!p) {
            return NULL;
        }
        vec->ptr = p;
        vec->cap = cap;
    }
    slot = (unsigned char *)vec->ptr + vec->len * vec->elem;
    memset(slot, 0, vec->elem);
    vec->len++;
    return slot;
}

void *hd_vec_at(const hd_vec *vec, size_t i)
{
    assert(i < vec->len);
    return (unsigned char *)vec->ptr + i * vec->elem;
}
