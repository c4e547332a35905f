/*
 * core/crawl.h - the crawl: start URLs to analysed pages, on one event loop
 * (libcurl multi, net/fetch.c) with the analysis on threads (pool.c). The
 * frontier is ranked by link scores (rules/links.json); robots.txt, sitemaps,
 * politeness, retries, redirects, credentials, link traps and limits are
 * handled here. Local targets go through the same analysis threads.
 */
#ifndef HD_CRAWL_H
#define HD_CRAWL_H

#include <hurdle/scan.h>

#include "../report/report.h"

/*
 * Scans every target into `r` (pages, errors, crawl statistics): http(s)
 * URLs are crawled, files and folders read, a WARC (opts->from_warc) is
 * replayed. Failures of single pages are in the report; the return is
 * HURDLE_OK, ENOMEM, or EINVAL/EIO for a bad option or an unwritable WARC.
 */
int hd_crawl_run(hurdle_report *r,
                 const char *const *targets,
                 size_t ntargets,
                 const hurdle_scan_options *opts);

#endif
