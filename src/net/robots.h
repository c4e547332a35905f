/*
 * net/robots.h - a site's robots.txt (RFC 9309) as seen by one crawler: which
 * paths it may fetch and why, its crawl-delay, and the sitemaps listed.
 *
 * A parsed hd_robots is immutable: hd_robots_check() and the getters neither
 * allocate nor touch the ctx, so one hd_robots can be shared read-only across
 * threads.
 */
#ifndef HD_ROBOTS_H
#define HD_ROBOTS_H

#include <stdbool.h>
#include <stddef.h>

#include <hurdle/ctx.h>

/* The RFC's minimum parsing limit (500 KiB), used when the caller passes max_bytes 0. */
#define HD_ROBOTS_DEFAULT_MAX_BYTES ((size_t)500 << 10)
/* Rules kept for the crawler (its own groups and the '*' groups); later rules are ignored. */
#define HD_ROBOTS_MAX_RULES         100000
/* Longest allow/disallow pattern, in octets after percent-normalization: a longer disallow
   is cut (a shorter prefix disallows more), a longer allow is ignored (when in doubt, do not
   crawl). hd_robots_check() needs twice this in stack bytes. */
#define HD_ROBOTS_MAX_PATTERN       8192
/* Sitemap URLs kept, and the longest one. */
#define HD_ROBOTS_MAX_SITEMAPS      1000
#define HD_ROBOTS_MAX_URL           16384
/* Crawl-delays above this many seconds read as this many. */
#define HD_ROBOTS_MAX_DELAY         1e9

typedef struct hd_robots hd_robots;

typedef struct hd_robots_verdict {
    bool allowed;
    size_t line;      /* 1-based line of the deciding rule in robots.txt, 0 when no rule matched */
    const char *rule; /* the deciding rule as written, e.g. "Disallow: /private/" (borrowed from
                         the hd_robots; "" when no rule matched) */
} hd_robots_verdict;

/*
 * Parses `len` bytes of a robots.txt for a crawler whose product token is `agent`
 * ("hurdle"; only its leading letters, '_' and '-' count, so "hurdle/0.1" works too; NULL
 * or "" obeys the '*' groups only). Bytes past max_bytes (0: HD_ROBOTS_DEFAULT_MAX_BYTES)
 * are ignored, and so is a line cut by that limit. Invalid lines are ignored; parsing
 * never fails on content. Caller owns *out (hd_robots_free); *out is NULL on failure.
 * @return HURDLE_OK or HURDLE_ENOMEM
 */
int hd_robots_parse(hd_robots **out,
                    hurdle_ctx *ctx,
                    const char *body,
                    size_t len,
                    const char *agent,
                    size_t max_bytes);

/*
 * A robots state that allows everything (no robots.txt, a 4xx) or disallows everything
 * (a 5xx or unreachable robots.txt, RFC 9309 section 2.3.1.4); `why` (copied; NULL reads
 * as "") is kept as the verdict's rule text, e.g. "robots.txt answered HTTP 503: everything
 * disallowed". Caller owns *out. @return HURDLE_OK or HURDLE_ENOMEM
 */
int hd_robots_new_allow_all(hd_robots **out, hurdle_ctx *ctx, const char *why);
int hd_robots_new_disallow_all(hd_robots **out, hurdle_ctx *ctx, const char *why);

/* Frees `robots` and every string borrowed from it. Accepts NULL. */
void hd_robots_free(hd_robots *robots);

/*
 * Whether `path` (path and query of a URL, starting with '/'; "" or NULL counts as "/",
 * a missing leading '/' is implied, a '#' fragment is ignored) may be fetched. Both the
 * path and the patterns are compared percent-normalized: %XX of unreserved characters
 * decoded, other escapes in upper case, bytes >= 0x80, controls, space, `"<>\^`{|}`
 * and stray '%' encoded (and in the path, '*' and '$' too, which a pattern writes as %2A
 * and %24). /robots.txt is always allowed. `why_out` (may be NULL) gets the deciding
 * rule, borrowed from `robots`. Allocates nothing, so it is thread-safe on a shared `robots`.
 */
bool hd_robots_check(const hd_robots *robots, const char *path, hd_robots_verdict *why_out);

/*
 * Crawl-delay in seconds of the group(s) that apply (the largest when several give one),
 * or -1 when none is given.
 */
double hd_robots_crawl_delay(const hd_robots *robots);

/*
 * The sitemap URLs listed (borrowed), in file order, at most HD_ROBOTS_MAX_SITEMAPS. Only
 * absolute http(s) URLs (the scheme in any case) and relative references ("/sitemap.xml",
 * to resolve against robots.txt's URL), without spaces or controls, count, as the crawler
 * fetches nothing else; duplicates are kept.
 */
size_t hd_robots_sitemap_count(const hd_robots *robots);
const char *hd_robots_sitemap(const hd_robots *robots, size_t i);

#endif
