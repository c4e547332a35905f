/*
 * score/score.h - turns an offering's findings and metric results into
 * friction scores: per dimension and overall, 0 (none) to 100 (worst),
 * each with a breakdown whose contributions add up to it exactly (in
 * tenths, as reported). And the effort estimate (effort.c).
 */
#ifndef HD_SCORE_H
#define HD_SCORE_H

#include <stddef.h>

#include "../rules/ruleset.h"

/* One line of a breakdown. */
typedef struct hd_contrib {
    const char *source; /* static: "metric", "finding", "gate", "dimension" */
    const char *id;     /* rule id or dimension name; borrowed from the rule set */
    double raw;         /* points before saturation (or the dimension's weighted score) */
    double score;       /* its share of the score, in tenths; the shares add up */
} hd_contrib;

typedef struct hd_score {
    double score;         /* 0-100, rounded to one decimal */
    char grade;           /* 'A'..'E' */
    double raw;           /* total points before saturation */
    hd_contrib *contribs; /* largest first, then by id */
    size_t ncontribs;
} hd_score;

typedef struct hd_scores {
    hd_score dims[HD_DIM_COUNT];
    hd_score overall; /* contributions are the dimensions */
} hd_scores;

/* 'A' (0-19) ... 'E' (80-100). */
char hd_grade(double score);

/*
 * Scores one offering. Strings in the result are borrowed from the rule
 * set; the arrays are allocated with `ctx` and released by
 * hd_scores_dispose().
 */
int hd_score_offering(hd_scores *out,
                      hurdle_ctx *ctx,
                      const hd_scoring *scoring,
                      const hd_eval_result *eval);
void hd_scores_dispose(hd_scores *scores, hurdle_ctx *ctx);

/* Effort estimate of an offering: a keystroke-level model over its fields (effort.c). */
typedef struct hd_effort {
    double seconds;         /* online work: loading pages, filling and submitting forms */
    double offline_seconds; /* printing and mailing, 0 when none */
    size_t fields;          /* visible controls costed (a radio group counts once) */
    size_t uploads;
    size_t captchas;
    const char *offline;    /* static: "" or "printing" or "mailing" */
    double wait_weeks_min;  /* payout or approval wait, 0 when none stated */
    double wait_weeks_max;
} hd_effort;

/* true for buttons and submit, reset, image and button inputs. */
bool hd_effort_is_action(const hd_field *f);

/*
 * The seconds each of the page's fields costs, into out[0..nfields):
 * 0 for hidden controls, buttons and radios after the first of their group
 * (the first carries the group's one question).
 */
int hd_effort_fields(double *out, hurdle_ctx *ctx, const hd_page *page);

/* Seconds for form `form` of `page`: its fields (from hd_effort_fields) and a submit; 0 when empty. */
double hd_effort_form(const hd_page *page, long form, const double *secs);

/*
 * Estimates the effort of the offering made of `pages`, with offline steps
 * and waits from its findings (hd_effort_offline()).
 */
int hd_effort_estimate(hd_effort *out, hurdle_ctx *ctx, const hd_page *const *pages,
                       size_t npages, const hd_eval_result *eval);

/*
 * Offline steps and waits from findings whose rules carry the tags
 * "effort:mailing", "effort:printing" and "effort:wait" (offline.c).
 */
void hd_effort_offline(hd_effort *e, const hd_eval_result *eval);

/*
 * Reads a wait from text ("8-12 weeks", "six to eight weeks", "30 days") into
 * `e` when it is longer than the one it holds.
 */
void hd_effort_read_wait(hd_effort *e, const char *text);

/* "about 14 minutes, plus mailing, then 8-12 weeks" into `buf` (always terminated). */
void hd_effort_describe(char *buf, size_t size, const hd_effort *e);

#endif
