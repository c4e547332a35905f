/*
 * util/buf.c - growable NUL-terminated byte buffer with a maximum size and a
 * sticky error (see buf.h). libc only.
 */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char hd_buf_empty[1] = { '\0' };

void hd_buf_init(hd_buf *buf, hurdle_ctx *ctx, size_t max)
{
    buf->ptr = hd_buf_empty;
    buf->len = 0;
    buf->cap = 0;
    buf->max = max;
    buf->err = HURDLE_OK;
    buf->ctx = ctx;
}

void hd_buf_dispose(hd_buf *buf)
{
    if (buf->cap) {
        hd_free(buf->ctx, buf->ptr);
    }
    buf->ptr = hd_buf_empty;
    buf->len = 0;
    buf->cap = 0;
    buf->err = HURDLE_OK;
}

int hd_buf_grow(hd_buf *buf, size_t extra)
{
    size_t need;
    size_t cap;
    char *p;

    if (buf->err) {
        return buf->err;
    }
    if (extra > buf->max || buf->len > buf->max - extra) {
        buf->err = HURDLE_ELIMIT;
        return buf->err;
    }
    need = buf->len + extra + 1;
    if (need <= buf->cap) {
        return HURDLE_OK;
    }
    cap = buf->cap ? buf->cap : 64;
    while (cap < need) {
        cap = cap > ((size_t)-1) / 2 ? need : cap * 2;
    }
    p = hd_realloc(buf->ctx, buf->cap ? buf->ptr : NULL, cap);
    if (!p) {
        buf->err = HURDLE_ENOMEM;
        return buf->err;
    }
    if (!buf->cap) {
        p[0] = '\0';
    }
    buf->ptr = p;
    buf->cap = cap;
    return HURDLE_OK;
}

int hd_buf_put(hd_buf *buf, const char *data, size_t len)
{
    if (len == 0) {
        return buf->err;
    }
    if (hd_buf_grow(buf, len) < 0) {
        return buf->err;
    }
    memmove(buf->ptr + buf->len, data, len);
    buf->len += len;
    buf->ptr[buf->len] = '\0';
    return HURDLE_OK;
}

int hd_buf_puts(hd_buf *buf, const char *s)
{
    return hd_buf_put(buf, s, strlen(s));
}

int hd_buf_putc(hd_buf *buf, char c)
{
    return hd_buf_put(buf, &c, 1);
}

int hd_buf_printf(hd_buf *buf, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (buf->err) {
        return buf->err;
    }
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        buf->err = HURDLE_EINVAL;
        return buf->err;
    }
    if (hd_buf_grow(buf, (size_t)n) < 0) {
        return buf->err;
    }
    va_start(ap, fmt);
    vsnprintf(buf->ptr + buf->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    buf->len += (size_t)n;
    return HURDLE_OK;
}

void hd_buf_clear(hd_buf *buf)
{
    hd_buf_truncate(buf, 0);
}

void hd_buf_truncate(hd_buf *buf, size_t len)
{
    if (len < buf->len) {
        buf->len = len;
        buf->ptr[len] = '\0';
    }
}

int hd_buf_err(const hd_buf *buf)
{
    return buf->err;
}

int hd_buf_detach(hurdle_buf *out, hd_buf *buf)
{
    if (buf->err) {
        return buf->err;
    }
    if (!buf->cap && hd_buf_grow(buf, 0) < 0) {
        return buf->err;
    }
    /* hurdle_buf_dispose() uses free(3), so memory from a caller-supplied
     * allocator is copied out rather than handed over. */
    if (hd_alloc_is_default(buf->ctx)) {
        out->ptr = buf->ptr;
    } else {
        out->ptr = malloc(buf->len + 1);
        if (!out->ptr) {
            buf->err = hd_oom(buf->ctx);
            return buf->err;
        }
        memcpy(out->ptr, buf->ptr, buf->len + 1);
        hd_free(buf->ctx, buf->ptr);
    }
    out->len = buf->len;
    buf->ptr = hd_buf_empty;
    buf->len = 0;
    buf->cap = 0;
    return HURDLE_OK;
}
