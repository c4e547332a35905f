/*
 * hurdle/ctx.h - the per-thread context: allocator, log sink, last error.
 */
#ifndef HURDLE_CTX_H
#define HURDLE_CTX_H

#include <stdarg.h>

#include <hurdle/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * A context. One per thread; not safe to share between threads.
 *
 * A scan with more than one analysis job (hurdle_scan_options.jobs, 0: one a
 * core) gives each of its threads a context of its own with the caller's
 * allocator and log sink: both are then called from several threads at once
 * and must be thread-safe (the C library's allocator is). With jobs = 1 they
 * are only called from the caller's thread.
 */
typedef struct hurdle_ctx hurdle_ctx;

/** Log levels, most severe first. */
typedef enum hurdle_log_level {
    HURDLE_LOG_ERROR = 0,
    HURDLE_LOG_WARN = 1,
    HURDLE_LOG_INFO = 2,
    HURDLE_LOG_DEBUG = 3,
    HURDLE_LOG_TRACE = 4
} hurdle_log_level;

/**
 * A log sink: receives one message (no trailing newline), already
 * formatted. `msg` is borrowed for the call. Called from analysis threads
 * too when a scan has more than one job (see hurdle_ctx).
 */
typedef void (*hurdle_log_fn)(hurdle_log_level level, const char *msg, void *payload);

/**
 * An allocator. Each function receives `payload`. `realloc_fn` follows
 * realloc(3) semantics, and `free_fn` accepts NULL. Called from analysis
 * threads too when a scan has more than one job (see hurdle_ctx).
 */
typedef struct hurdle_allocator {
    void *(*malloc_fn)(size_t size, void *payload);
    void *(*realloc_fn)(void *ptr, size_t size, void *payload);
    void (*free_fn)(void *ptr, void *payload);
    void *payload;
} hurdle_allocator;

/**
 * Creates a context using `alloc` (copied), or the C library's allocator
 * when `alloc` is NULL. Sets `*out` to NULL on failure.
 * @return HURDLE_OK, HURDLE_ENOMEM or HURDLE_EINVAL
 */
HURDLE_API int hurdle_ctx_new(hurdle_ctx **out, const hurdle_allocator *alloc);

/** Frees a context. Accepts NULL. */
HURDLE_API void hurdle_ctx_free(hurdle_ctx *ctx);

/**
 * The message of the first failure since the last public call began, or ""
 * when there was none. Borrowed until the next call on `ctx`.
 */
HURDLE_API const char *hurdle_ctx_error(const hurdle_ctx *ctx);

/**
 * Sends log messages at `level` or more severe to `fn`. Without a sink the
 * library logs nothing.
 */
HURDLE_API void
hurdle_ctx_set_log(hurdle_ctx *ctx, hurdle_log_fn fn, hurdle_log_level level, void *payload);

#ifdef __cplusplus
}
#endif

#endif
