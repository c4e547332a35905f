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

#define HURDLE_SCAN_OPTIONS_VERSION 1

/** Limits and switches of a scan. Start from HURDLE_SCAN_OPTIONS_INIT. */
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
    const char *user_agent;  /**< NULL: "hurdle/VERSION" */
} hurdle_scan_options;

#define HURDLE_SCAN_OPTIONS_INIT                                                                \
    {                                                                                           \
        HURDLE_SCAN_OPTIONS_VERSION, true, (size_t)16 << 20, 5000, 10000, 256, 10000, 30000, 5, \
            NULL                                                                                \
    }

/**
 * Scans `targets`: local files (.html, .htm, .txt), folders (every HTML
 * file under them, as one saved site), file:// and http(s):// URLs. Pages
 * are grouped into offerings, evaluated with `rules` and scored.
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
