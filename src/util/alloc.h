/*
 * util/alloc.h - the context's internals every module needs: allocation
 * through the ctx allocator, the first-error-wins message, and logging.
 */
#ifndef HD_ALLOC_H
#define HD_ALLOC_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include <hurdle/ctx.h>

#define HD_ERRMSG_MAX 512

struct hurdle_ctx {
    hurdle_allocator alloc;
    hurdle_log_fn log_fn;
    void *log_payload;
    hurdle_log_level log_level;
    bool has_error;
    char errmsg[HD_ERRMSG_MAX];
};

#if defined(__GNUC__)
#define HD_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define HD_PRINTF(a, b)
#endif

/* The C library's allocator, used when a ctx is given none. */
extern const hurdle_allocator hd_default_allocator;
bool hd_alloc_is_default(const hurdle_ctx *ctx);

void *hd_malloc(hurdle_ctx *ctx, size_t size);
void *hd_calloc(hurdle_ctx *ctx, size_t n, size_t size);
void *hd_realloc(hurdle_ctx *ctx, void *ptr, size_t size);
void hd_free(hurdle_ctx *ctx, void *ptr);
/* NUL-terminated copy of `len` bytes of `s`; NULL (and ENOMEM recorded) on failure. */
char *hd_strndup(hurdle_ctx *ctx, const char *s, size_t len);
char *hd_strdup(hurdle_ctx *ctx, const char *s);

/* Multiplies with an overflow check: false when a*b does not fit. */
bool hd_mul_ok(size_t a, size_t b, size_t *out);

/*
 * Records a failure unless an earlier one is already recorded (the first
 * failure wins), logs it at error level, and returns `code`.
 */
int hd_fail(hurdle_ctx *ctx, int code, const char *fmt, ...) HD_PRINTF(3, 4);
/* Records ENOMEM and returns HURDLE_ENOMEM. */
int hd_oom(hurdle_ctx *ctx);
/* Clears the recorded failure: each public entry point calls it first. */
void hd_clear_error(hurdle_ctx *ctx);

void hd_log(hurdle_ctx *ctx, hurdle_log_level level, const char *fmt, ...) HD_PRINTF(3, 4);
void hd_vlog(hurdle_ctx *ctx, hurdle_log_level level, const char *fmt, va_list ap)
    HD_PRINTF(3, 0);

/* Formats only when the level is wanted. */
#define HD_LOG(ctx, level, ...)                                       \
    do {                                                              \
        if ((ctx)->log_fn && (int)(level) <= (int)(ctx)->log_level) { \
            hd_log((ctx), (level), __VA_ARGS__);                      \
        }                                                             \
    } while (0)

#endif
