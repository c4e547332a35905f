/*
 * core/target.h - turns scan targets (files, folders, file:// and http(s)
 * URLs) into parsed pages in the report. Failures become report errors.
 */
#ifndef HD_TARGET_H
#define HD_TARGET_H

#include <hurdle/scan.h>

#include "../report/report.h"
#include "analyse.h"

/*
 * Reads, fetches or walks `target` and adds its pages to `report`. Returns
 * HURDLE_OK when the failures (if any) were recorded in the report, or
 * HURDLE_ENOMEM when the scan cannot go on.
 */
int hd_target_load(hurdle_report *r, const char *target, const hurdle_scan_options *opts,
                   size_t order);

/* Analyses one page and adds it to the report, or records the failure. */
int hd_target_add(hurdle_report *r, const hd_analyse_in *in, const hurdle_scan_options *opts);

#endif
