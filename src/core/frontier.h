/*
 * core/frontier.h - the crawl's state of every URL it has seen, and the
 * hosts it crawls, each with its queue of URLs (a heap: best score first,
 * then the order they were found), its robots.txt and its politeness
 * clock. Single-threaded: the crawl's event loop owns it.
 */
#ifndef HD_FRONTIER_H
#define HD_FRONTIER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hurdle/ctx.h>

#include "../net/robots.h"
#include "../util/strmap.h"

#define HD_NONE UINT32_MAX
#define HD_MAX_REDIRECTS 64 /* hops of one redirect chain at most (hd_uinfo.hops is 8 bits) */

typedef enum hd_ustate {
    HD_U_NEW = 0,  /* seen, not yet decided */
    HD_U_QUEUED,   /* waiting in its host's queue */
    HD_U_FETCHING, /* a transfer, or its analysis, is under way */
    HD_U_DONE,     /* analysed (or found not to be a page) */
    HD_U_SKIPPED,  /* not fetched: hd_uinfo.why says why */
    HD_U_FAILED,   /* fetched, or analysed, without success */
    HD_U_MOVED     /* answered with a redirect */
} hd_ustate;

typedef struct hd_uinfo {
    uint32_t parent; /* the page it was found on; HD_NONE for a start URL or a sitemap's */
    uint32_t from;   /* the URL that redirected to it; HD_NONE */
    uint32_t host;   /* index into the hosts */
    float score;     /* the link's score (rules/links.json) plus context */
    uint16_t depth;  /* links from a start URL */
    uint8_t state;   /* hd_ustate */
    uint8_t why;     /* hd_skip when skipped */
    uint8_t tries;   /* attempts made */
    uint8_t hops;    /* redirects before it in its chain */
    bool start;      /* a start URL */
    bool sitemap;    /* found in a sitemap */
    bool action;     /* found only as a form's action (a GET may be refused) */
} hd_uinfo;

typedef struct hd_qentry {
    float prio;      /* the link's score */
    uint32_t seq;    /* the order it was found */
    uint32_t id;
    uint16_t depth;  /* nearer the start first among equal scores */
} hd_qentry;

typedef enum hd_robots_state { HD_R_UNKNOWN = 0, HD_R_FETCHING, HD_R_READY } hd_robots_state;

typedef struct hd_host {
    char *origin;      /* "http://host:port" as the URLs have it */
    hd_robots *robots; /* NULL until known */
    hd_robots_state rstate;
    const char *rstatus; /* static: "ok", "absent", "error", "ignored" */
    double crawl_delay;  /* robots.txt's Crawl-delay, -1 none */
    double next_ms;      /* no request starts before this time (politeness, Retry-After) */
    size_t active;       /* transfers under way */
    hd_qentry *heap;
    size_t n;
    size_t cap;
    bool sitemaps_started;
    size_t sitemaps; /* sitemap files asked for */
} hd_host;

typedef struct hd_frontier {
    hurdle_ctx *ctx;
    hd_strmap *urls; /* borrowed: the report's URL table */
    hd_uinfo *u;     /* per URL id */
    size_t ucap;
    hd_strmap origins;
    hd_host *hosts; /* per origin id */
    size_t hcap;
    uint32_t seq;
    size_t queued; /* URLs in the queues */
    size_t max_queue;
} hd_frontier;

void hd_frontier_init(hd_frontier *f, hurdle_ctx *ctx, hd_strmap *urls, size_t max_queue);
void hd_frontier_dispose(hd_frontier *f);
/* The state of URL `id` (grown to cover it: a new id is HD_U_NEW, zeroed). NULL on ENOMEM. */
hd_uinfo *hd_frontier_info(hd_frontier *f, uint32_t id);
/* The host of a normalized URL, added when new. NULL on ENOMEM. */
hd_host *hd_frontier_host(hd_frontier *f, const char *url, uint32_t *index);
/*
 * Queues URL `id` on its host with priority `prio` (best first; then nearest the start; then
 * first found). ELIMIT past max_queue, ENOMEM. hd_frontier_requeue() puts back a URL already
 * counted (a retry): never ELIMIT.
 */
int hd_frontier_push(hd_frontier *f, uint32_t id, float prio);
int hd_frontier_requeue(hd_frontier *f, uint32_t id, float prio);
/* `a` goes before `b`: a higher priority, then nearer the start, then found earlier. */
bool hd_qentry_before(const hd_qentry *a, const hd_qentry *b);
/* The best priority queued on any host; false when nothing is queued. */
bool hd_frontier_best(const hd_frontier *f, float *prio);
/* The best queued URL of host `h` without taking it; false when its queue is empty. */
bool hd_frontier_peek(const hd_host *h, hd_qentry *out);
void hd_frontier_pop(hd_frontier *f, hd_host *h);
size_t hd_frontier_nhosts(const hd_frontier *f);

#endif
