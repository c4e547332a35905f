/*
 * core/pool.h - the analysis threads: pages go in as they are fetched or
 * read, records come out (core/analyse.c), in any order. Each thread has
 * its own ctx; the rule set is shared read-only. With no threads, each job
 * runs at once on the caller's thread.
 */
#ifndef HD_POOL_H
#define HD_POOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hurdle/scan.h>

#include "../report/report.h"

typedef struct hd_pool hd_pool;

#define HD_JOB_LOCAL ((size_t)UINT32_MAX) /* the tag of a local file's job */

/* One page to analyse: its bytes, or a local file to read. Owned by the pool once submitted. */
typedef struct hd_job {
    char *display;      /* as the report names it */
    char *url;          /* as it is parsed (links resolve against it) */
    char *path;         /* a local file to read, or NULL */
    char *root;         /* the saved site's folder as a file:// URL, or NULL */
    char *content_type; /* NULL: sniffed */
    char *body;         /* the bytes when `path` is NULL (hd_malloc'ed) */
    size_t len;
    long status;
    size_t cut_at; /* cut at this many bytes; 0: whole */
    size_t order;
    size_t tag; /* the caller's: a crawled URL's id, or HD_JOB_LOCAL */
    bool start;
    bool named;         /* hd_analyse_in.named */
    bool explicit_file; /* a file the user named: one that is not a page is an error */
    bool replayed;      /* a page of a WARC: its display name is the URL asked for */
} hd_job;

/* What came of a job. */
typedef struct hd_job_result {
    int rc;        /* HURDLE_OK: `rec` holds the page, unless `not_page`; else `error`
                      says why */
    bool not_page; /* a file of a saved site that is not a page: no record, no error */
    char *error;   /* one line naming the page */
    char *display;
    size_t order;
    size_t tag;
    bool replayed;
    hd_page_record rec;
} hd_job_result;

/*
 * `ctx` gives the allocator and log sink the threads copy; `wake` (may be
 * NULL) is called from a thread when a result is ready. threads 0: inline.
 */
int hd_pool_new(hd_pool **out,
                hurdle_ctx *ctx,
                const hurdle_ruleset *rules,
                const hurdle_scan_options *opts,
                size_t threads,
                void (*wake)(void *),
                void *wake_payload);
/* Stops the threads (after their current job) and frees what is left. */
void hd_pool_free(hd_pool *pool);
/* Takes the job (its strings and bytes) in every case. ENOMEM. */
int hd_pool_submit(hd_pool *pool, hd_job *job);
/* 1 with a result in *out (the caller owns it: hd_job_result_dispose()), 0 when none yet. */
int hd_pool_take(hd_pool *pool, hd_job_result *out);
/* Blocks until a result is ready or nothing is pending. */
void hd_pool_wait(hd_pool *pool);
/* Jobs submitted and not yet taken. */
size_t hd_pool_pending(hd_pool *pool);
void hd_job_dispose(hd_job *job, hurdle_ctx *ctx);
void hd_job_result_dispose(hd_job_result *res, hurdle_ctx *ctx);

/* Cores of the machine (at least 1). */
size_t hd_pool_cores(void);

#endif
