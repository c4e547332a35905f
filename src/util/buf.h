/*
 * util/buf.h - a growable byte buffer with a mandatory maximum size.
 *
 * Invariants: `ptr` is always NUL-terminated (it points at a static empty
 * string until the first growth); growing past `max` sets the sticky error
 * HURDLE_ELIMIT, a failed allocation HURDLE_ENOMEM, and every later append
 * is then a no-op, so a run of appends needs one hd_buf_err() check.
 */
#ifndef HD_BUF_H
#define HD_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include <hurdle/common.h>
#include <hurdle/ctx.h>

#include "alloc.h"

typedef struct hd_buf {
    char *ptr;
    size_t len;
    size_t cap;
    size_t max;
    int err;
    hurdle_ctx *ctx;
} hd_buf;

/* A non-owning view of bytes. */
typedef struct hd_slice {
    const char *ptr;
    size_t len;
} hd_slice;

extern char hd_buf_empty[1];

#define HD_BUF_INIT(ctx, max)               \
    {                                       \
        hd_buf_empty, 0, 0, (max), 0, (ctx) \
    }

void hd_buf_init(hd_buf *buf, hurdle_ctx *ctx, size_t max);
void hd_buf_dispose(hd_buf *buf);
int hd_buf_grow(hd_buf *buf, size_t extra);
int hd_buf_put(hd_buf *buf, const char *data, size_t len);
int hd_buf_puts(hd_buf *buf, const char *s);
int hd_buf_putc(hd_buf *buf, char c);
int hd_buf_printf(hd_buf *buf, const char *fmt, ...) HD_PRINTF(2, 3);
void hd_buf_clear(hd_buf *buf);
void hd_buf_truncate(hd_buf *buf, size_t len);
/* The sticky error: HURDLE_OK, HURDLE_ENOMEM or HURDLE_ELIMIT. */
int hd_buf_err(const hd_buf *buf);
/* Hands the bytes to `out` (which the caller then owns) and empties `buf`. */
int hd_buf_detach(hurdle_buf *out, hd_buf *buf);

#endif
