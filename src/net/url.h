/*
 * net/url.h - URLs as hurdle shows them: without credentials, on one line.
 */
#ifndef HD_URL_H
#define HD_URL_H

#include <stdbool.h>
#include <stddef.h>

#include <hurdle/ctx.h>

/*
 * A copy of `url` fit to show or store: the user name and password of an
 * http(s) URL removed ("http://bob:pw@host/" -> "http://host/") and control
 * characters replaced by '?', so that credentials never reach a report or
 * a log and a URL cannot break a message into lines. The caller frees it
 * with hd_free(). NULL only when out of memory.
 */
char *hd_url_redact(hurdle_ctx *ctx, const char *url);

/* Replaces control characters (C0, DEL and C1) of `s` in place by '?'. */
void hd_url_flatten(char *s);

/* Longest URL the crawler keeps; longer ones are skipped (a trap or garbage). */
#define HD_URL_MAX 2048

/*
 * The canonical form of an absolute http(s) URL, for de-duplication and
 * scope: scheme and host in lower case, the default port dropped, dot
 * segments resolved, an empty path as "/", the fragment dropped, percent
 * escapes of unreserved characters decoded and other escapes in upper case,
 * bytes that must be escaped escaped; user name and password dropped (they
 * are credentials: hd_url_userinfo() takes them first). Caller frees *out with
 * hd_free(). EINVAL (with a message naming the URL) when it is not an
 * absolute http(s) URL or is longer than HD_URL_MAX; ENOMEM.
 */
int hd_url_normalize(char **out, hurdle_ctx *ctx, const char *url);

/*
 * The "user:password" of an http(s) URL, percent-decoded, into *out (caller
 * frees); *out is NULL when the URL has none. ENOMEM.
 */
int hd_url_userinfo(char **out, hurdle_ctx *ctx, const char *url);

/*
 * Resolves `href` against the absolute URL `base` and normalizes the result
 * (hd_url_normalize). EINVAL when it does not give an http(s) URL.
 */
int hd_url_resolve(char **out, hurdle_ctx *ctx, const char *base, const char *href);

/* The parts of a normalized URL, as views into it (not NUL-terminated). */
typedef struct hd_url_parts {
    const char *scheme; size_t scheme_len;   /* "http" */
    const char *host; size_t host_len;       /* "example.com", "[::1]" */
    const char *origin; size_t origin_len;   /* "http://example.com:8080" */
    const char *path; size_t path_len;       /* "/a/b" (always starts with '/') */
    const char *query; size_t query_len;     /* "x=1" without '?', 0 when none */
    long port;                               /* the port, explicit or default */
} hd_url_parts;

/* Splits a URL that hd_url_normalize() made. false when it is not one. */
bool hd_url_split(hd_url_parts *out, const char *url);

/* "scheme://host[:port]" of split parts, without credentials (hd_free() it); NULL: ENOMEM. */
char *hd_origin(hurdle_ctx *ctx, const hd_url_parts *p);

#endif
