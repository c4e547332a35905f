/*
 * util/alloc.c - allocation through the ctx allocator, error recording and
 * logging. Every allocation hurdle makes itself goes through here, so tests
 * can inject failures with their own allocator. libc only.
 */
#include "alloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hurdle/common.h>

static void *std_malloc(size_t size, void *payload)
{
    (void)payload;
    return malloc(size);
}

static void *std_realloc(void *ptr, size_t size, void *payload)
{
    (void)payload;
    return realloc(ptr, size);
}

static void std_free(void *ptr, void *payload)
{
    (void)payload;
    free(ptr);
}

const hurdle_allocator hd_default_allocator = { std_malloc, std_realloc, std_free, NULL };

bool hd_alloc_is_default(const hurdle_ctx *ctx)
{
    return ctx->alloc.malloc_fn == std_malloc && ctx->alloc.free_fn == std_free;
}

void *hd_malloc(hurdle_ctx *ctx, size_t size)
{
    void *p = ctx->alloc.malloc_fn(size ? size : 1, ctx->alloc.payload);
    if (!p) {
        hd_oom(ctx);
    }
    return p;
}

void *hd_calloc(hurdle_ctx *ctx, size_t n, size_t size)
{
    size_t total;
    void *p;

    if (!hd_mul_ok(n, size, &total)) {
        hd_oom(ctx);
        return NULL;
    }
    p = hd_malloc(ctx, total);
    if (p) {
        memset(p, 0, total);
    }
    return p;
}

void *hd_realloc(hurdle_ctx *ctx, void *ptr, size_t size)
{
    void *p = ctx->alloc.realloc_fn(ptr, size ? size : 1, ctx->alloc.payload);
    if (!p) {
        hd_oom(ctx);
    }
    return p;
}

void hd_free(hurdle_ctx *ctx, void *ptr)
{
    if (ptr) {
        ctx->alloc.free_fn(ptr, ctx->alloc.payload);
    }
}

char *hd_strndup(hurdle_ctx *ctx, const char *s, size_t len)
{
    char *p;

    if (len == SIZE_MAX) {
        hd_oom(ctx);
        return NULL;
    }
    p = hd_malloc(ctx, len + 1);
    if (!p) {
        return NULL;
    }
    if (len) {
        memcpy(p, s, len);
    }
    p[len] = '\0';
    return p;
}

char *hd_strdup(hurdle_ctx *ctx, const char *s)
{
    return hd_strndup(ctx, s, strlen(s));
}

bool hd_mul_ok(size_t a, size_t b, size_t *out)
{
    if (a && b > SIZE_MAX / a) {
        return false;
    }
    *out = a * b;
    return true;
}

int hd_fail(hurdle_ctx *ctx, int code, const char *fmt, ...)
{
    va_list ap;

    if (!ctx->has_error) {
        va_start(ap, fmt);
        vsnprintf(ctx->errmsg, sizeof(ctx->errmsg), fmt, ap);
        va_end(ap);
        ctx->has_error = true;
        HD_LOG(ctx, HURDLE_LOG_DEBUG, "failure recorded: %s", ctx->errmsg);
    }
    return code;
}

int hd_oom(hurdle_ctx *ctx)
{
    return hd_fail(ctx, HURDLE_ENOMEM, "out of memory");
}

void hd_clear_error(hurdle_ctx *ctx)
{
    ctx->has_error = false;
    ctx->errmsg[0] = '\0';
}

void hd_vlog(hurdle_ctx *ctx, hurdle_log_level level, const char *fmt, va_list ap)
{
    char msg[1024];

    if (!ctx->log_fn || (int)level > (int)ctx->log_level) {
        return;
    }
    vsnprintf(msg, sizeof(msg), fmt, ap);
    ctx->log_fn(level, msg, ctx->log_payload);
}

void hd_log(hurdle_ctx *ctx, hurdle_log_level level, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    hd_vlog(ctx, level, fmt, ap);
    va_end(ap);
}
