/*
 * hurdle/common.h - what every part of the public API shares: export macro,
 * status codes, version, and the string buffer that carries text out of the
 * library.
 */
#ifndef HURDLE_COMMON_H
#define HURDLE_COMMON_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) && __GNUC__ >= 4
#define HURDLE_API __attribute__((visibility("default")))
#else
#define HURDLE_API
#endif

#define HURDLE_VERSION_MAJOR 0
#define HURDLE_VERSION_MINOR 1
#define HURDLE_VERSION_PATCH 0
#define HURDLE_VERSION       "0.1.0"

/**
 * Status codes. Fallible functions return HURDLE_OK (0) or one of the
 * negative codes below; the one-line message is in the ctx
 * (hurdle_ctx_error()).
 */
typedef enum hurdle_status {
    HURDLE_OK = 0,
    HURDLE_ERR = -1,      /**< any other failure */
    HURDLE_ENOMEM = -2,   /**< an allocation failed */
    HURDLE_EINVAL = -3,   /**< bad argument or bad input */
    HURDLE_EIO = -4,      /**< a file could not be read or written */
    HURDLE_ENET = -5,     /**< a fetch failed */
    HURDLE_EPARSE = -6,   /**< a rule pack, config or page could not be parsed */
    HURDLE_ELIMIT = -7,   /**< a configured limit was reached */
    HURDLE_ENOTFOUND = -8 /**< the thing asked for does not exist */
} hurdle_status;

/**
 * A string handed out by the library. `ptr` is NUL-terminated and `len`
 * excludes the NUL. Caller owns it and releases it with hurdle_buf_dispose().
 */
typedef struct hurdle_buf {
    char *ptr;
    size_t len;
} hurdle_buf;

/** An empty buffer, for initialisation. */
#define HURDLE_BUF_INIT \
    {                   \
        NULL, 0         \
    }

/** Releases the memory of `buf` and resets it to empty. Accepts NULL. */
HURDLE_API void hurdle_buf_dispose(hurdle_buf *buf);

/** The library's version string, e.g. "0.1.0". Static; never NULL. */
HURDLE_API const char *hurdle_version(void);

/** The name of a status code, e.g. "ELIMIT". Static; never NULL. */
HURDLE_API const char *hurdle_status_name(int status);

/**
 * Initialises the libraries hurdle wraps (libcurl, libxml2). Call once
 * before any other thread uses hurdle; not thread-safe.
 */
HURDLE_API int hurdle_global_init(void);

/** Releases what hurdle_global_init() set up. Not thread-safe. */
HURDLE_API void hurdle_global_cleanup(void);

#ifdef __cplusplus
}
#endif

#endif
