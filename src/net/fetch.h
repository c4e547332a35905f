/*
 * net/fetch.h - many http(s) transfers at once on libcurl's multi interface
 * (this module and url.c are the only libcurl users). One fetcher runs on
 * one thread (the crawl's event loop); only hd_fetcher_wakeup() may be
 * called from others. Redirects are not followed here: a 3xx comes back
 * with its Location, so the crawler checks every hop against its scope,
 * its robots.txt and its credentials.
 */
#ifndef HD_FETCH_H
#define HD_FETCH_H

#include <stdbool.h>
#include <stddef.h>

#include <hurdle/ctx.h>

#include "../util/buf.h"

typedef struct hd_fetcher hd_fetcher;

typedef struct hd_fetcher_options {
    size_t connections;      /* transfers at once, and connections kept */
    size_t host_connections; /* connections to one host at once */
    long connect_timeout_ms;
    long timeout_ms;         /* one transfer in all */
    size_t max_header_bytes; /* a response's head; past it the transfer fails */
    const char *user_agent;
    const char *const *resolve; /* "HOST:PORT:ADDRESS" entries, as curl's --resolve */
    size_t nresolve;
} hd_fetcher_options;

typedef struct hd_fetch_req {
    const char *url;         /* absolute http(s) */
    size_t max_bytes;        /* body bytes kept, counted after decoding; past it: truncated */
    bool pages_only;         /* stop a 2xx whose Content-Type is not a page's (type_refused) */
    const char *const *headers; /* extra request header lines "Name: value" (credentials) */
    size_t nheaders;
    const char *userpwd;     /* "user:password" for basic auth, or NULL */
    void *payload;
} hd_fetch_req;

/* A finished transfer. The caller owns it (hd_fetch_done_dispose()). */
typedef struct hd_fetch_done {
    void *payload;
    char *url;               /* as requested */
    int code;                /* HURDLE_OK: a response came; ENET: none (error says why);
                                ELIMIT: the response head was too large; ENOMEM: out of
                                memory (nothing else in it may be read) */
    char *error;             /* one line without the URL, "" when code is OK */
    long status;             /* HTTP status; 0 without a response */
    char *content_type;      /* "" when none */
    char *location;          /* a 3xx's target, resolved; NULL when none */
    char *retry_after;       /* the Retry-After header, NULL when none */
    char *ip;                /* the server's address, "" when unknown */
    hd_buf head;             /* the response's status line and headers as received */
    hd_buf req_head;         /* the request's line and headers as sent */
    hd_buf body;             /* decoded (gzip, deflate, br, zstd) */
    bool truncated;          /* the body was cut at max_bytes */
    bool type_refused;       /* a 2xx whose Content-Type is not a page's: not downloaded */
    bool transient;          /* the connection failed in a way a retry may mend (refused,
                                reset, closed early) */
    double seconds;          /* the transfer's time */
    long http_version;       /* 10, 11, 20, 30; 0 when unknown */
} hd_fetch_done;

/* HTML, XHTML or plain text: a Content-Type the crawl analyses. */
bool hd_fetch_type_is_page(const char *content_type);

int hd_fetch_global_init(void);
void hd_fetch_global_cleanup(void);

/* ENOMEM, or EINVAL for options libcurl refuses (a bad --resolve entry). */
int hd_fetcher_new(hd_fetcher **out, hurdle_ctx *ctx, const hd_fetcher_options *opts);
void hd_fetcher_free(hd_fetcher *f);
/* Starts a transfer. The request's strings are copied. ENOMEM, or EINVAL for a bad URL. */
int hd_fetcher_add(hd_fetcher *f, const hd_fetch_req *req);
/* Transfers started and not yet taken with hd_fetcher_next(). */
size_t hd_fetcher_running(const hd_fetcher *f);
/*
 * Moves the transfers on, waiting at most timeout_ms for something to happen
 * (a transfer ends, or hd_fetcher_wakeup() is called). ENOMEM or ERR.
 */
int hd_fetcher_poll(hd_fetcher *f, long timeout_ms);
/* 1 with a finished transfer in *out, 0 when none is left to take. */
int hd_fetcher_next(hd_fetcher *f, hd_fetch_done *out);
void hd_fetch_done_dispose(hd_fetch_done *done);
/* Calls fn(payload, arg) for every transfer not yet taken (to free payloads before freeing). */
void hd_fetcher_each_payload(hd_fetcher *f, void (*fn)(void *payload, void *arg), void *arg);
/* Makes a waiting hd_fetcher_poll() return. Safe from any thread. */
void hd_fetcher_wakeup(hd_fetcher *f);

#endif
