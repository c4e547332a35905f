/*
 * core/crawl_int.h - what the crawl's files share: crawl.c (set-up, the
 * event loop, scheduling, results), crawl_net.c (what each finished
 * transfer means: robots.txt, sitemaps, pages, redirects, retries),
 * crawl_warc.c (the WARC written and replayed) and crawl_why.c (--why and
 * the report's crawl statistics).
 */
#ifndef HD_CRAWL_INT_H
#define HD_CRAWL_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hurdle/scan.h>

#include "../net/fetch.h"
#include "../net/warc.h"
#include "../report/report.h"
#include "../util/hset.h"
#include "crawl.h"
#include "frontier.h"
#include "pool.h"
#include "scope.h"

#define HD_CRAWL_MAX_HEADERS     64
#define HD_CRAWL_MAX_SITEMAPS    50                 /* sitemap files per host */
#define HD_CRAWL_SITEMAP_NESTING 3                  /* index -> sitemap -> ... */
#define HD_CRAWL_SITEMAP_BYTES   ((size_t)50 << 20) /* a sitemap, decompressed (sitemaps.org) */
#define HD_CRAWL_SITEMAP_URLS    50000              /* locations read from one sitemap */
#define HD_CRAWL_ROBOTS_HOPS     5 /* redirects of robots.txt followed (RFC 9309) */
#define HD_CRAWL_START_SCORE     1000.0f
#define HD_CRAWL_MAX_UNKEPT      ((size_t)1 << 22) /* skipped URLs remembered by hash */
#define HD_CRAWL_MAX_BACKOFF_MS  30000.0

/* What a transfer is for. */
typedef enum hd_xkind { HD_X_PAGE = 0, HD_X_ROBOTS, HD_X_SITEMAP } hd_xkind;

/* A transfer's payload. */
typedef struct hd_xtag {
    hd_xkind kind;
    uint32_t id;    /* HD_X_PAGE: the URL's id */
    uint32_t host;  /* the host it is for */
    unsigned hops;  /* redirects so far (robots.txt, sitemaps) */
    unsigned tries; /* attempts so far (robots.txt, sitemaps) */
    unsigned nest;  /* sitemaps: index nesting */
    uint32_t from; /* sitemaps: the host whose robots.txt or sitemap named it */
    char *url;      /* robots.txt and sitemaps: the URL asked for */
} hd_xtag;

typedef struct hd_crawl {
    hurdle_report *r;
    hurdle_ctx *ctx;
    const hurdle_scan_options *o;
    hd_fetcher *fetch;
    hd_pool *pool;
    hd_frontier fr;
    hd_hset unkept;     /* hashes of the URLs skipped before they were interned -> hd_skip */
    hd_scope_set *scope;
    hd_warc_writer *warc;
    double t0;
    double last_progress;
    size_t max_pending; /* analyses waiting at most before fetching pauses */
    size_t room;        /* pages the scan may still take (--max-pages) */
    size_t entries;     /* analysed pages of an offer's kind (for the early stop) */
    size_t pages;       /* pages analysed */
    bool stop;          /* no new transfers */
    uint64_t rng;       /* jitter */
    char *ua;           /* the User-Agent */
    const char *cred[HD_CRAWL_MAX_HEADERS + 1]; /* credential headers for the auth hosts */
    size_t ncred;
    char *cookie_header;
    char *userpwd;       /* --user, ${ENV} expanded */
    char *url_userpwd;   /* credentials a start URL carried ("user:pw@"), for its host */
    char *url_userpwd_url; /* the start URL they came with: they go to its origin only */
    hd_vec sitemaps;     /* hd_crawl_sitemap */
    uint32_t why_id;     /* --why's URL id, HD_NONE */
    char *why_text;      /* what decided it, when a rule did */
    size_t order_of_url; /* the position of the crawl's targets (order of the first) */
    hd_vec later;        /* hd_later: robots.txt and sitemap transfers to retry */
    bool robots_said;    /* --ignore-robots was logged */
    int err;             /* ENOMEM and the like: the crawl ends */
} hd_crawl;

/* A transfer to start at a time (a retry that is not a page's). */
typedef struct hd_later {
    hd_xtag *tag;
    double at_ms;
} hd_later;

double hd_crawl_now_ms(void);

/* crawl.c */
enum { HD_FOUND_LINK = 0, HD_FOUND_SITEMAP = 1, HD_FOUND_ACTION = 2 };
/* Decides and queues a URL found (HD_FOUND_*) on page `parent` (HD_NONE: a sitemap's). */
int hd_crawl_found(
    hd_crawl *c, const char *url, uint32_t parent, unsigned depth, float score, int how);
/*
 * A URL skipped before it was interned, interned now (a redirect's target, --why's URL): it
 * is no longer counted as skipped, and is decided again with its own state.
 */
void hd_crawl_unkeep(hd_crawl *c, const char *url);
/* Records a page that failed (an error in the report, the URL failed). */
int hd_crawl_fail(hd_crawl *c, uint32_t id, int code, const char *fmt, ...) HD_PRINTF(4, 5);
/* Starts a transfer for `tag` (takes it). */
int hd_crawl_start(hd_crawl *c, hd_xtag *tag, const char *url);
/* The first URL of the redirect chain that led to `id` (the one the report names). */
uint32_t hd_crawl_head(const hd_crawl *c, uint32_t id);

/* Hands an analysis job to the threads (waits while too many are pending); takes it. */
int hd_crawl_submit(hd_crawl *c, hd_job *job);
/* The User-Agent and the credential headers, ${ENV} already expanded by the caller. */
int hd_crawl_credentials(hd_crawl *c);

/* Marks a URL skipped for `why` (counted in the report; `text` for --why). */
void hd_crawl_skip(hd_crawl *c, uint32_t id, hd_skip why, const char *text);

/* crawl_sched.c */
/* Starts transfers while there is room and a host is ready. */
void hd_crawl_schedule(hd_crawl *c);
/* Starts the robots.txt and sitemap transfers whose time has come. */
void hd_crawl_start_due(hd_crawl *c);
/* How long the loop may wait for something to happen, in ms. */
long hd_crawl_wait_ms(hd_crawl *c);
/* true when something queued or waiting can still start. */
bool hd_crawl_more_later(const hd_crawl *c);
/* The host's delay before its next request: --delay (jittered) or its Crawl-delay. */
double hd_crawl_delay_ms(hd_crawl *c, const hd_host *h);
/* Starts `tag`'s transfer (of tag->url) after `ms`; takes the tag. */
int hd_crawl_retry_later(hd_crawl *c, hd_xtag *tag, double ms);

/* crawl_net.c */
/* Asks for host `host`'s sitemaps (robots.txt's and /sitemap.xml), once. */
int hd_crawl_sitemaps_start(hd_crawl *c, uint32_t host);
/* Lists a sitemap in the report: its URL, the locations read, or why it was not read. */
int hd_crawl_sitemap_note(hd_crawl *c, const char *url, size_t urls, const char *error);
/* Writes the exchange of a page for the analysis threads (its name, order, cut) to the WARC. */
int hd_crawl_warc_page(hd_crawl *c, const hd_fetch_done *d, const hd_job *job);
int hd_crawl_done(hd_crawl *c, hd_fetch_done *d);
/* Starts fetching host `h`'s robots.txt. */
int hd_crawl_robots_start(hd_crawl *c, uint32_t host);

/* crawl_warc.c */
int hd_crawl_warc_open(hd_crawl *c);
/* The exchange's request and response records (role "page", "robots", "sitemap", "skipped"). */
int hd_crawl_warc_exchange(hd_crawl *c,
                           const hd_fetch_done *d,
                           const char *role,
                           const char *extra);
/* A failure without a response, or a page's error, as a metadata record. */
int hd_crawl_warc_error(
    hd_crawl *c, const char *target, size_t order, int code, const char *message);
int hd_crawl_warc_close(hd_crawl *c);
/* Analyses the responses of opts->from_warc (no network). */
int hd_crawl_replay(hd_crawl *c);
/* The crawl statistics as WARC fields, and back (crawl_warc.c). */
int hd_crawl_stats_write(hd_crawl *c);

/* crawl_why.c */
/* Interns --why's URL so that decisions about it are kept. */
int hd_crawl_why_start(hd_crawl *c);
/* Keeps `why` when `id` is --why's URL. */
void hd_crawl_why_note(hd_crawl *c, uint32_t id, const char *why);
/* Puts the crawl's statistics and --why's answer into the report. */
int hd_crawl_finish_report(hd_crawl *c);

#endif
