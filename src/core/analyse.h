/*
 * core/analyse.h - one page from bytes to the record the report keeps: a
 * pure function of (bytes, URL, rule set, options), safe on any thread with
 * its own ctx.
 */
#ifndef HD_ANALYSE_H
#define HD_ANALYSE_H

#include <stdbool.h>
#include <stddef.h>

#include <hurdle/scan.h>

#include "../report/report.h"
#include "../util/buf.h"

typedef struct hd_analyse_in {
    const char *display; /* the page as the report names it */
    const char *url;     /* the URL it is parsed as (links resolve against it) */
    const char *bytes;
    size_t len;
    const char *content_type; /* NULL: sniffed */
    long status;              /* HTTP status, 0 for files */
    size_t cut_at;            /* the body was cut at this many bytes; 0: whole */
    size_t order;             /* the target's position */
    const char *root;         /* a saved site's folder as a file:// URL (root-relative links
                                 resolve under it), or NULL */
    bool start;               /* a page the user named: always kept in full */
    bool named;               /* ... and an offering of its own if no flow takes it (a file,
                                 or a start URL that is not crawled further) */
} hd_analyse_in;

#define HD_SCORE_BODY_LINK 2.0f /* a link in the body of an offer's page: its flow */
#define HD_SCORE_ACTION    5.0f /* a form's action on an offer's page: its next step */

/*
 * Parses, classifies and evaluates the page, then compacts it into `out`
 * (caller owns it: hd_report_add_page() or hd_page_record_dispose()). A page
 * no offering can take (not a start page, of no kind of interest, with no
 * form a customer fills in) is kept bare and its rules are not run.
 * Fails like hd_page_parse() (EPARSE for bytes that are not a page, with a
 * message naming `display`), or with ENOMEM.
 */
int hd_analyse(hd_page_record *out,
               hurdle_ctx *ctx,
               const hurdle_ruleset *rules,
               const hurdle_scan_options *opts,
               const hd_analyse_in *in);

/*
 * The page's own URL in the form its exits have (what links to it look
 * like), into `b`: the canonical form of `final_url`, or `final_url` itself
 * when it has none. ENOMEM only.
 */
int hd_analyse_self(hd_buf *b, hurdle_ctx *ctx, const char *final_url);

/* true when the form is one a customer fills in to take an offer (not search, login...). */
bool hd_analyse_flow_form(const hd_form *form);

#endif
