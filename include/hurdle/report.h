/*
 * hurdle/report.h - the friction report and its formats.
 */
#ifndef HURDLE_REPORT_H
#define HURDLE_REPORT_H

#include <hurdle/common.h>
#include <hurdle/ctx.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The JSON report's schema version (docs/report.schema.json). */
#define HURDLE_REPORT_SCHEMA_VERSION "1.0"

/** A finished report. Immutable; may be read from several threads. */
typedef struct hurdle_report hurdle_report;

/** Finding severities, least severe first. */
typedef enum hurdle_severity {
    HURDLE_SEV_MINOR = 1,
    HURDLE_SEV_MODERATE = 2,
    HURDLE_SEV_SERIOUS = 3,
    HURDLE_SEV_CRITICAL = 4
} hurdle_severity;

/** Flags for the writers. */
enum {
    HURDLE_REPORT_COLOR = 1U << 0,  /**< text: ANSI colours */
    HURDLE_REPORT_VERBOSE = 1U << 1 /**< text: every finding's advice and evidence */
};

/** Frees a report. Accepts NULL. */
HURDLE_API void hurdle_report_free(hurdle_report *report);

/**
 * Writes the JSON report (UTF-8, ends with a newline; docs/report.schema.json)
 * into `out`, which the caller owns. No flag applies to JSON yet: pass 0.
 * @return HURDLE_OK, HURDLE_EINVAL (missing argument), HURDLE_ENOMEM
 */
HURDLE_API int hurdle_report_write_json(hurdle_buf *out,
                                        hurdle_ctx *ctx,
                                        const hurdle_report *report,
                                        unsigned flags);

/**
 * Writes the terminal summary into `out`, which the caller owns. Flags:
 * HURDLE_REPORT_COLOR, HURDLE_REPORT_VERBOSE.
 * @return HURDLE_OK, HURDLE_EINVAL (missing argument), HURDLE_ENOMEM
 */
HURDLE_API int hurdle_report_write_text(hurdle_buf *out,
                                        hurdle_ctx *ctx,
                                        const hurdle_report *report,
                                        unsigned flags);

/** Pages analysed (fetched or read, and parsed). */
HURDLE_API size_t hurdle_report_page_count(const hurdle_report *report);

/** Targets or pages that failed, each listed in the report's `errors`. */
HURDLE_API size_t hurdle_report_error_count(const hurdle_report *report);

/**
 * The answer to hurdle_scan_options.why: why that URL was or was not
 * crawled, and which rule decided; NULL when no answer was asked for.
 * Borrowed for the report's lifetime.
 */
HURDLE_API const char *hurdle_report_why(const hurdle_report *report);

/** Offerings in the report. */
HURDLE_API size_t hurdle_report_offering_count(const hurdle_report *report);

/** The highest overall friction (0-100) of any offering; 0 with none. */
HURDLE_API double hurdle_report_max_friction(const hurdle_report *report);

/** Findings whose severity is `min` or worse. */
HURDLE_API size_t hurdle_report_count_findings(const hurdle_report *report, hurdle_severity min);

#ifdef __cplusplus
}
#endif

#endif
