/*
 * core/target.h - local scan targets (files, folders, file:// URLs) as
 * analysis jobs for the pool (core/pool.h). Failures become report errors.
 */
#ifndef HD_TARGET_H
#define HD_TARGET_H

#include <stdbool.h>

#include <hurdle/scan.h>

#include "../report/report.h"
#include "pool.h"

typedef struct hd_target_ctx {
    hurdle_report *r;
    const hurdle_scan_options *opts;
    size_t order;        /* the target's position */
    const size_t *room;  /* pages the scan may still take (--max-pages) */
    /* Takes the job in every case; HURDLE_OK or ENOMEM. */
    int (*sink)(void *payload, hd_job *job);
    void *payload;
} hd_target_ctx;

/* An http(s) URL: a start for the crawl. */
bool hd_target_is_url(const char *target);

/*
 * Reads or walks the local `target` into jobs for t->sink. Returns
 * HURDLE_OK when the failures (if any) were recorded in the report, or
 * HURDLE_ENOMEM when the scan cannot go on.
 */
int hd_target_local(hd_target_ctx *t, const char *target);

#endif
