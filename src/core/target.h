/*
 * core/target.h - turns scan targets (files, folders, file:// and http(s)
 * URLs) into parsed pages in the report. Failures become report errors.
 */
#ifndef HD_TARGET_H
#define HD_TARGET_H

#include <hurdle/scan.h>

#include "../report/report.h"

/*
 * Reads, fetches or walks `target` and adds its pages to `report`. Returns
 * HURDLE_OK when the failures (if any) were recorded in the report, or
 * HURDLE_ENOMEM when the scan cannot go on.
 */
int hd_target_load(hurdle_report *r, const char *target, const hurdle_scan_options *opts);

/*
 * Parses `len` bytes as the page `url` (shown as `display` in the report),
 * classifies it and adds it to the report, or records the failure.
 */
int hd_target_add_bytes(hurdle_report *r,
                        const char *display,
                        const char *url,
                        const char *bytes,
                        size_t len,
                        const char *content_type,
                        const hurdle_scan_options *opts);

#endif
