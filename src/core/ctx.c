/*
 * core/ctx.c - the public context and the small entry points every caller
 * needs first: version, status names, global set-up, buffers.
 */
#include <stdlib.h>
#include <string.h>

#include <hurdle/common.h>
#include <hurdle/ctx.h>

#include "../html/page.h"
#include "../net/fetch.h"
#include "../util/alloc.h"

int hurdle_ctx_new(hurdle_ctx **out, const hurdle_allocator *alloc)
{
    const hurdle_allocator *a = alloc ? alloc : &hd_default_allocator;
    hurdle_ctx *ctx;

    if (!out) {
        return HURDLE_EINVAL;
    }
    *out = NULL;
    if (!a->malloc_fn || !a->realloc_fn || !a->free_fn) {
        return HURDLE_EINVAL;
    }
    ctx = a->malloc_fn(sizeof(*ctx), a->payload);
    if (!ctx) {
        return HURDLE_ENOMEM;
    }
    memset(ctx, 0, sizeof(*ctx));
    ctx->alloc = *a;
    ctx->log_level = HURDLE_LOG_WARN;
    *out = ctx;
    return HURDLE_OK;
}

void hurdle_ctx_free(hurdle_ctx *ctx)
{
    if (ctx) {
        ctx->alloc.free_fn(ctx, ctx->alloc.payload);
    }
}

const char *hurdle_ctx_error(const hurdle_ctx *ctx)
{
    return ctx && ctx->has_error ? ctx->errmsg : "";
}

void hurdle_ctx_set_log(hurdle_ctx *ctx, hurdle_log_fn fn, hurdle_log_level level, void *payload)
{
    if (!ctx) {
        return;
    }
    ctx->log_fn = fn;
    ctx->log_level = level;
    ctx->log_payload = payload;
}

void hurdle_buf_dispose(hurdle_buf *buf)
{
    if (buf) {
        free(buf->ptr);
        buf->ptr = NULL;
        buf->len = 0;
    }
}

const char *hurdle_version(void)
{
    return HURDLE_VERSION;
}

const char *hurdle_status_name(int status)
{
    static const char *const names[] = { "OK",   "ERR",    "ENOMEM", "EINVAL",   "EIO",
                                         "ENET", "EPARSE", "ELIMIT", "ENOTFOUND" };

    if (status > 0 || status < -8) {
        return "UNKNOWN";
    }
    return names[-status];
}

int hurdle_global_init(void)
{
    int rc = hd_fetch_global_init();

    if (rc < 0) {
        return rc;
    }
    return hd_html_global_init();
}

void hurdle_global_cleanup(void)
{
    hd_html_global_cleanup();
    hd_fetch_global_cleanup();
}
