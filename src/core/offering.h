/*
 * core/offering.h - pages to offerings, and each offering's evaluation.
 */
#ifndef HD_OFFERING_H
#define HD_OFFERING_H

#include "../report/report.h"

/* Groups the report's pages into offerings (see offering.c). */
int hd_offerings_group(hurdle_report *r);

/* Runs the rules over each offering, then scores it and estimates its effort. */
int hd_offerings_evaluate(hurdle_report *r);

#endif
