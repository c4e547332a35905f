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

/* Effort estimate of an offering: a keystroke-level model over its fields. */
typedef struct hd_effort {
    double seconds; /* online work: filling and submitting */
    size_t fields;  /* visible fields counted */
    size_t uploads;
    size_t captchas;
    const char *offline;   /* static: "" or e.g. "mailing" */
    double wait_weeks_min; /* payout or approval wait, 0 when none stated */
    double wait_weeks_max;
} hd_effort;

/*
 * Estimates the effort of the offering made of `pages`, with offline steps
 * and waits taken from findings whose rules carry the tags
 * "effort:mailing", "effort:printing" and "effort:wait" (the wait's weeks
 * read from the finding's matched text, e.g. "8-12 weeks").
 */
void hd_effort_estimate(hd_effort *out,
                        const hd_page *const *pages,
                        size_t npages,
                        const hd_eval_result *eval);

/*
 * Reads a wait from text ("8-12 weeks", "six to eight weeks", "30 days") into
 * `effort` when it is longer than the one it holds.
 */
void hd_effort_read_wait(hd_effort *e, const char *text);

/* "about 14 minutes, plus mailing, then 8-12 weeks" into `buf` (always terminated). */
void hd_effort_describe(char *buf, size_t size, const hd_effort *e);

#endif
