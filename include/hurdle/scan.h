/*
 * hurdle/scan.h - the main job: targets in, a friction report out.
 */
#ifndef HURDLE_SCAN_H
#define HURDLE_SCAN_H

#include <stdbool.h>

#include <hurdle/common.h>
#include <hurdle/ctx.h>
#include <hurdle/report.h>
#include <hurdle/rules.h>

#ifdef __cplusplus
extern "C" {
#endif

#define HURDLE_SCAN_OPTIONS_VERSION 2

/** Which URLs a crawl from a start URL may fetch (besides --include and --exclude). */
typedef enum hurdle_scope {
    HURDLE_SCOPE_HOST = 0,   /**< the start URL's scheme, host and port */
    HURDLE_SCOPE_PREFIX = 1, /**< URLs under the start URL's folder */
    HURDLE_SCOPE_DOMAIN = 2  /**< the start host's domain and its subdomains */
} hurdle_scope;

/** How a crawl is going, for a progress display. */
typedef struct hurdle_progress {
    size_t pages;    /**< pages analysed */
    size_t queued;   /**< URLs waiting in the frontier */
    size_t fetching; /**< transfers and analyses under way */
    size_t failed;   /**< pages that could not be fetched or analysed */
    size_t bytes;    /**< bytes downloaded */
    double seconds;  /**< since the scan began */
    bool done;       /**< the last call, when the crawl has ended */
} hurdle_progress;

/**
 * Called on the scanning thread about four times a second while a crawl
 * runs, and once at its end. `progress` is borrowed for the call.
 */
typedef void (*hurdle_progress_fn)(const hurdle_progress *progress, void *payload);

/**
 * Limits and switches of a scan. Start from hurdle_scan_options_init() (or
 * HURDLE_SCAN_OPTIONS_INIT); strings and arrays are borrowed for the scan.
 */
typedef struct hurdle_scan_options {
    unsigned version;        /**< HURDLE_SCAN_OPTIONS_VERSION */
    bool timestamps;         /**< record the run's start time and duration */
    size_t max_page_bytes;   /**< a page's body (after decompression) is cut here */
    size_t max_pages;        /**< pages per scan; later ones are skipped with a warning */
    size_t max_fields;       /**< form controls per page kept in the model */
    size_t max_depth;        /**< HTML nesting depth parsed */
    long connect_timeout_ms; /**< for http(s) targets */
    long timeout_ms;         /**< total time for one fetch */
    long max_redirects;      /**< redirects followed per fetch */
    const char *user_agent;  /**< NULL: "hurdle/VERSION (+CONTACT)" */
    /* ---- version 2: the crawl of http(s) start URLs ---- */
    size_t crawl_depth;       /**< links followed from a start URL; 0: the start page only */
    size_t max_bytes;         /**< bytes downloaded in all; then the crawl stops */
    size_t max_header_bytes;  /**< a response's head; larger responses fail */
    size_t max_queue;         /**< URLs waiting at most; more are skipped */
    hurdle_scope scope;       /**< which URLs are in the crawl */
    const char *const *include; /**< PCRE2 regexes: a URL must match one (when any) */
    size_t ninclude;
    const char *const *exclude; /**< PCRE2 regexes: a URL that matches one is skipped */
    size_t nexclude;
    size_t jobs;              /**< analysis threads; 0: one per core */
    size_t connections;       /**< transfers at once */
    size_t per_host;          /**< transfers to one host at once */
    double delay;             /**< seconds between requests to one host (with +-50% jitter);
                                   a longer robots.txt Crawl-delay wins */
    bool robots;              /**< obey robots.txt (RFC 9309) */
    bool sitemaps;            /**< seed the crawl from sitemaps (robots.txt, /sitemap.xml) */
    size_t retries;           /**< retries on 429, 5xx and network errors, with backoff */
    double max_retry_after;   /**< seconds of Retry-After honoured at most */
    double min_score;         /**< stop once offerings are found and no queued link scores
                                   this much; 0: never stop early */
    const char *contact;      /**< a URL or address for the User-Agent, or NULL */
    const char *const *headers; /**< extra request headers "Name: value" (credentials) */
    size_t nheaders;
    const char *cookie;       /**< a Cookie header value, or NULL */
    const char *userpwd;      /**< "user:password" for basic auth, or NULL */
    const char *const *auth_hosts; /**< hosts the credentials go to; none: the start URLs' */
    size_t nauth_hosts;
    const char *const *resolve; /**< "HOST:PORT:ADDRESS" as curl's --resolve */
    size_t nresolve;
    const char *warc;         /**< write every request and response to this WARC file */
    const char *from_warc;    /**< analyse the responses of this WARC file (no network) */
    const char *why;          /**< a URL whose fate to explain (hurdle_report_why()) */
    hurdle_progress_fn progress; /**< NULL: none */
    void *progress_payload;
} hurdle_scan_options;

#define HURDLE_SCAN_OPTIONS_INIT                                                             \
    {                                                                                        \
        HURDLE_SCAN_OPTIONS_VERSION, true, (size_t)16 << 20, 5000, 10000, 256, 10000, 30000, \
            5, NULL, 5, (size_t)1 << 30, (size_t)256 << 10, 1000000, HURDLE_SCOPE_HOST,      \
            NULL, 0, NULL, 0, 0, 8, 2, 0.5, true, true, 2, 60.0, 1.0, NULL, NULL, 0, NULL,   \
            NULL, NULL, 0, NULL, 0, NULL, NULL, NULL, NULL, NULL                             \
    }

/** Sets `opts` to the defaults (HURDLE_SCAN_OPTIONS_INIT). */
HURDLE_API void hurdle_scan_options_init(hurdle_scan_options *opts);

/**
 * Scans `targets`: local files, folders (every file under them that is a
 * page, as one saved site), file:// URLs, and http(s):// URLs, each the
 * start of a crawl (opts->crawl_depth, scope, robots.txt, sitemaps...).
 * With opts->from_warc, the responses of that WARC file are the pages.
 * Pages are analysed as they come, on opts->jobs threads, then grouped
 * into offerings, evaluated with `rules` and scored.
 * A target that cannot be read does not stop the scan: it becomes an entry
 * in the report's `errors`. `opts` NULL means HURDLE_SCAN_OPTIONS_INIT.
 * Caller owns `*out` (hurdle_report_free()).
 * @return HURDLE_OK (check hurdle_report_page_count() for an empty run),
 * HURDLE_EINVAL (missing argument, a NULL target, bad options),
 * HURDLE_ENOMEM
 */
HURDLE_API int hurdle_scan(hurdle_report **out,
                           hurdle_ctx *ctx,
                           const hurdle_ruleset *rules,
                           const char *const *targets,
                           size_t ntargets,
                           const hurdle_scan_options *opts);

/**
 * Analyses one page already in memory, as if fetched from `url`: the pure
 * analysis entry point (no I/O). `bytes` need not be NUL-terminated and may
 * contain NUL bytes. `opts` NULL means HURDLE_SCAN_OPTIONS_INIT. A page that
 * is not HTML or text (binary data) is not a failure of the call: the
 * report holds it in its errors. Caller owns `*out`; the report borrows
 * `rules`. Thread-safe with one ctx per thread.
 * @return HURDLE_OK, HURDLE_EINVAL (missing argument, bad options),
 * HURDLE_ENOMEM
 */
HURDLE_API int hurdle_scan_bytes(hurdle_report **out,
                                 hurdle_ctx *ctx,
                                 const hurdle_ruleset *rules,
                                 const char *url,
                                 const char *bytes,
                                 size_t len,
                                 const hurdle_scan_options *opts);

#ifdef __cplusplus
}
#endif

#endif
