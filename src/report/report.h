/*
 * report/report.h - the report as built by core/scan.c and written by
 * json.c and text.c. It owns its pages and results, and borrows the rule
 * set (rules, their ids and messages) for its lifetime.
 */
#ifndef HD_REPORT_H
#define HD_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hurdle/report.h>

#include "../html/page.h"
#include "../rules/ruleset.h"
#include "../score/score.h"
#include "../util/strmap.h"

/* Flags of a page's ways out (hd_page_info.flags). */
enum {
    HD_EXIT_NAV = 1u << 0,    /* a link in <nav>, <header> or <footer>: the site's template */
    HD_EXIT_ACTION = 1u << 1, /* a form's action: the flow's next step */
    HD_EXIT_FLOW = 1u << 2    /* ... of a form a customer fills in (not search, login...) */
};

/* What grouping needs of a page besides its model, kept from its analysis. */
typedef struct hd_page_info {
    hd_page_hits *hits;  /* its rules' hits; NULL for a bare page */
    uint64_t self;       /* hash of its final URL (hd_hash64 of the canonical form) */
    uint32_t nexits;
    uint64_t *exits;     /* hashes of its links, then of its forms' actions (one block with
                            their flags): a page keeps 9 bytes a link, never the URLs */
    uint8_t *flags;      /* per exit: HD_EXIT_* */
    size_t inputs;       /* visible inputs of the forms a customer fills in */
    size_t order;        /* its target's position: pages sort by (order, url) */
    uint64_t alias;      /* hash of the URL asked for when it redirected here; 0 none */
    bool start;          /* a page the user named (a file, or a start URL) */
    bool named;          /* an offering of its own if no flow takes it (hd_analyse_in) */
    bool bare;           /* no offering can take it: only URLs, title and kind kept */
} hd_page_info;

/* A local target's site: its pages' ids are relative to its root (core/offering.c). */
typedef struct hd_site {
    char *root; /* "file:///abs/folder", decoded, without the last '/' */
    char *name; /* the folder's name */
} hd_site;

typedef struct hd_offering {
    char *name;       /* the entry page's first heading or title */
    char *id;         /* stable: its site and its entry page relative to the site's root */
    char *site;       /* the site's name: host[:port], or a local folder's name */
    const char *kind; /* static: rebate, signup, pricing, other */
    size_t *pages;    /* indices into the report's pages; entry page first */
    size_t npages;
    hd_eval_result eval;
    hd_scores scores;
    hd_effort effort;
} hd_offering;

typedef struct hd_target_error {
    char *target;     /* the target or URL as given */
    char *message;    /* one line */
    const char *code; /* hurdle_status_name() */
    size_t order;     /* its target's position: errors sort by (order, target, message) */
} hd_target_error;

/* Why a crawl did not fetch a URL: the keys of the report's crawl.skipped, in order. */
typedef enum hd_skip {
    HD_SKIP_NONE = 0,
    HD_SKIP_ROBOTS,
    HD_SKIP_SCOPE,
    HD_SKIP_EXCLUDED,
    HD_SKIP_DEPTH,
    HD_SKIP_TRAP,
    HD_SKIP_LIMIT,
    HD_SKIP_NOT_HTML,
    HD_SKIP_COUNT
} hd_skip;

/* "robots", "scope", "excluded", "depth", "trap", "limit", "not_html". */
const char *hd_skip_name(hd_skip why);

typedef struct hd_crawl_host {
    char *host;          /* "host:port" */
    const char *status;  /* static: "ok", "absent", "error", "ignored" */
    double crawl_delay;  /* -1 when none */
} hd_crawl_host;

typedef struct hd_crawl_sitemap {
    char *url;
    size_t urls;         /* locations it listed */
    char *error;         /* NULL when read */
} hd_crawl_sitemap;

/* What a crawl did (the report's "crawl"); all zero when no URL was crawled. */
typedef struct hd_crawl_stats {
    bool crawled;
    size_t fetched;      /* responses received (robots.txt and sitemaps included) */
    size_t failed;       /* pages that could not be fetched or analysed */
    size_t bytes;        /* body bytes received, after decoding */
    size_t requests;
    size_t retries;
    size_t queued;       /* URLs still queued when the crawl ended */
    size_t skipped[HD_SKIP_COUNT];
    char *stopped;       /* why the crawl stopped before its frontier was empty, or NULL */
    hd_crawl_host *hosts;
    size_t nhosts;
    hd_crawl_sitemap *sitemaps;
    size_t nsitemaps;
} hd_crawl_stats;

struct hurdle_report {
    hurdle_ctx *ctx; /* the report's own: allocator copied from the caller's */
    const hurdle_ruleset *rules;
    hd_page **pages; /* sorted by (target, url) before grouping */
    hd_page_info *info; /* per page */
    size_t npages;
    size_t pages_cap;
    hd_strmap urls;  /* the URLs a crawl queued or fetched, by id (its frontier's table) */
    hd_offering *offerings;
    size_t nofferings;
    bool *in_offering; /* per page */
    hd_target_error *errors;
    size_t nerrors;
    size_t errors_cap;
    bool timestamps;
    char started[32]; /* ISO 8601 UTC, "" without timestamps */
    double duration_ms;
    size_t max_pages;
    hd_crawl_stats crawl;
    char *why;        /* --why's answer, NULL */
    hd_site *sites;   /* per target position: a local target's site, root NULL for URLs */
    size_t nsites;
};

#define HD_REPORT_MAX_URLS ((size_t)50000000) /* distinct URLs in one scan */

/* A new empty report whose ctx copies `caller`'s allocator and log sink. */
int hd_report_new(hurdle_report **out, hurdle_ctx *caller, const hurdle_ruleset *rules);
/*
 * One analysed page as the scan hands it to the report (core/analyse.c makes it, on any
 * thread): the compact page, its hits, and its ways out as URLs. `block` owns exit_urls,
 * exit_flags and their strings.
 */
typedef struct hd_page_record {
    hd_page *page;        /* heap; compact (hd_page_compact) */
    hd_page_hits *hits;   /* NULL for a bare page */
    const char **exit_urls;
    uint8_t *exit_flags;  /* HD_EXIT_* */
    float *exit_scores;   /* how much each looks like the way to an offer (crawl order) */
    size_t nexits;
    void *block;
    char *self;           /* the page's own URL in the form its exits have (heap), or NULL */
    size_t inputs;
    size_t order;
    const char *alias;    /* the URL asked for, when a redirect led to the page; NULL */
    bool start;
    bool named;
    bool bare;            /* no offering can take it: the page compacted to URLs, title, kind */
} hd_page_record;

/* Frees what `rec` holds (with `ctx`'s allocator) and empties it. */
void hd_page_record_dispose(hd_page_record *rec, hurdle_ctx *ctx);
/*
 * Takes what `rec` holds, in every case (on failure it is freed): the page (its arena moves to
 * the report's ctx), its hits, and its exits as hashes.
 */
int hd_report_add_page(hurdle_report *r, hd_page_record *rec);
/* Sets the site of target `order` (a local folder, or the folder of a file). ENOMEM. */
int hd_report_set_site(hurdle_report *r, size_t order, const char *root, const char *name);
/* Sorts the pages by (order, url), before grouping. */
void hd_report_sort_pages(hurdle_report *r);
int hd_report_add_error(hurdle_report *r, const char *target, int code, const char *msg);
/* The same, with the error's target position (errors sort by it). */
int hd_report_add_error_at(hurdle_report *r, size_t order, const char *target, int code,
                           const char *msg);
/* Sorts the errors by (order, target, message), so that threads do not change the report. */
void hd_report_sort_errors(hurdle_report *r);

/*
 * The offering's text as one: counts summed over its pages, readability
 * indices as the mean of its pages' weighted by their words.
 */
void hd_offering_text(hd_text_stats *out, const hurdle_report *r, const hd_offering *off);

/* false when a page of the offering is in a known language other than English. */
bool hd_offering_english(const hurdle_report *r, const hd_offering *off);

/* The offering's i-th page. */
const hd_page *hd_offering_page(const hurdle_report *report, const hd_offering *off, size_t i);

#endif
