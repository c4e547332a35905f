/*
 * report/report.h - the report as built by core/scan.c and written by
 * json.c and text.c. It owns its pages and results, and borrows the rule
 * set (rules, their ids and messages) for its lifetime.
 */
#ifndef HD_REPORT_H
#define HD_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include <hurdle/report.h>

#include "../html/page.h"
#include "../rules/ruleset.h"
#include "../score/score.h"

typedef struct hd_offering {
    char *name;       /* the entry page's first heading or title */
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
} hd_target_error;

struct hurdle_report {
    hurdle_ctx *ctx; /* the report's own: allocator copied from the caller's */
    const hurdle_ruleset *rules;
    hd_page **pages; /* in the order they were read */
    size_t npages;
    size_t pages_cap;
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
};

/* A new empty report whose ctx copies `caller`'s allocator and log sink. */
int hd_report_new(hurdle_report **out, hurdle_ctx *caller, const hurdle_ruleset *rules);
/* Takes ownership of `page` (heap-allocated with the report's ctx). */
int hd_report_add_page(hurdle_report *r, hd_page *page);
int hd_report_add_error(hurdle_report *r, const char *target, int code, const char *msg);

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
