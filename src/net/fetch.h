/*
 * net/fetch.h - one page fetched over http(s) with libcurl (this module is
 * the only libcurl user). Bounded in time, redirects and body size.
 */
#ifndef HD_FETCH_H
#define HD_FETCH_H

#include <stdbool.h>
#include <stddef.h>

#include <hurdle/ctx.h>

#include "../util/buf.h"

typedef struct hd_fetch_options {
    long connect_timeout_ms;
    long timeout_ms;
    long max_redirects;
    size_t max_bytes; /* body bytes kept, counted after decompression */
    const char *user_agent;
} hd_fetch_options;

typedef struct hd_response {
    hd_buf body;
    long status;        /* HTTP status */
    char *final_url;    /* after redirects (ctx allocator) */
    char *content_type; /* "" when the server sent none */
    bool truncated;     /* body cut at max_bytes */
} hd_response;

int hd_fetch_global_init(void);
void hd_fetch_global_cleanup(void);

/*
 * Fetches `url` (http or https only). A transport failure gives
 * HURDLE_ENET with a message naming the URL; an HTTP error status is a
 * success with `status` set. Caller disposes `out` in every case.
 */
int hd_fetch(hd_response *out, hurdle_ctx *ctx, const char *url, const hd_fetch_options *opts);
void hd_response_dispose(hd_response *res);

#endif
