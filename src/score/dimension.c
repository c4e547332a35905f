/*
 * score/dimension.c - friction scores from points.
 *
 * A dimension's points are the sum of its metric results' points and its
 * findings' severity points. They saturate: score = 100 * (1 - e^(-P/s)),
 * where s is the dimension's scale from scoring.json, so a few findings
 * move the score a lot and many cannot pass 100. A gating finding lifts the
 * dimension to at least the gate floor. The overall friction combines the
 * dimensions the same saturating way, with weights from scoring.json.
 *
 * Breakdowns are exact: every score is rounded to tenths and its
 * contributions are shares of it in tenths, apportioned by largest
 * remainder, so the numbers a report prints add up.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <hurdle/common.h>

#include "../util/alloc.h"
#include "score.h"

char hd_grade(double score)
{
    if (score < 20) {
        return 'A';
    }
    if (score < 40) {
        return 'B';
    }
    if (score < 60) {
        return 'C';
    }
    if (score < 80) {
        return 'D';
    }
    return 'E';
}

typedef struct share {
    size_t i;
    double rem;
} share;

static int by_remainder(const void *a, const void *b)
{
    const share *x = a;
    const share *y = b;

    if (x->rem != y->rem) {
        return x->rem < y->rem ? 1 : -1;
    }
    return x->i < y->i ? -1 : (x->i > y->i);
}

static int by_share(const void *a, const void *b)
{
    const hd_contrib *x = a;
    const hd_contrib *y = b;
    int c;

    if (x->score != y->score) {
        return x->score < y->score ? 1 : -1;
    }
    c = strcmp(x->source, y->source);
    return c ? c : strcmp(x->id, y->id);
}

/* Splits `score` (in tenths) among contributions in proportion to `raw`. */
static int apportion(hd_score *s, hurdle_ctx *ctx)
{
    long total = lround(s->score * 10);
    long given = 0;
    share *shares;
    size_t i;

    if (s->ncontribs == 0) {
        return HURDLE_OK;
    }
    shares = hd_calloc(ctx, s->ncontribs, sizeof(*shares));
    if (!shares) {
        return HURDLE_ENOMEM;
    }
    for (i = 0; i < s->ncontribs; i++) {
        double exact = s->raw > 0 ? (double)total * s->contribs[i].raw / s->raw : 0;
        double whole = floor(exact);
        s->contribs[i].score = whole;
        shares[i].i = i;
        shares[i].rem = exact - whole;
        given += (long)whole;
    }
    qsort(shares, s->ncontribs, sizeof(*shares), by_remainder);
    for (i = 0; given < total && i < s->ncontribs; i++, given++) {
        s->contribs[shares[i].i].score += 1;
    }
    for (i = 0; i < s->ncontribs; i++) {
        s->contribs[i].score /= 10;
    }
    hd_free(ctx, shares);
    qsort(s->contribs, s->ncontribs, sizeof(*s->contribs), by_share);
    return HURDLE_OK;
}

static double round1(double x)
{
    return round(x * 10) / 10;
}

static size_t count_for(const hd_eval_result *eval, hd_dim dim)
{
    size_t i;
    size_t n = 0;

    for (i = 0; i < eval->nmetrics; i++) {
        n += hd_rule_dim(eval->metrics[i].rule) == dim;
    }
    for (i = 0; i < eval->nfindings; i++) {
        n += hd_rule_dim(eval->findings[i].rule) == dim && eval->findings[i].points > 0;
    }
    return n + 1; /* room for a gate line */
}

static void add(hd_score *s, const char *source, const char *id, double raw)
{
    hd_contrib *c = &s->contribs[s->ncontribs++];

    c->source = source;
    c->id = id;
    c->raw = raw;
    s->raw += raw;
}

static int score_dim(
    hd_score *s, hurdle_ctx *ctx, const hd_scoring *sc, const hd_eval_result *eval, hd_dim dim)
{
    bool gated = false;
    size_t i;

    s->contribs = hd_calloc(ctx, count_for(eval, dim), sizeof(*s->contribs));
    if (!s->contribs) {
        return HURDLE_ENOMEM;
    }
    for (i = 0; i < eval->nmetrics; i++) {
        const hd_metric_result *m = &eval->metrics[i];
        if (hd_rule_dim(m->rule) == dim && m->points > 0) {
            add(s, "metric", hd_rule_id(m->rule), m->points);
        }
    }
    for (i = 0; i < eval->nfindings; i++) {
        const hd_finding *f = &eval->findings[i];
        if (hd_rule_dim(f->rule) != dim) {
            continue;
        }
        gated = gated || hd_rule_gating(f->rule);
        if (f->points > 0) {
            add(s, "finding", hd_rule_id(f->rule), f->points);
        }
    }
    s->score = sc->dim_scale[dim] > 0 ? 100 * (1 - exp(-s->raw / sc->dim_scale[dim])) : 0;
    if (gated && s->score < sc->gate_floor) {
        /* the gate's share is the points it takes to reach the floor */
        double need = -sc->dim_scale[dim] * log(1 - sc->gate_floor / 100);
        add(s, "gate", hd_dim_name(dim), need - s->raw);
        s->score = sc->gate_floor;
    }
    s->score = round1(s->score);
    s->grade = hd_grade(s->score);
    return apportion(s, ctx);
}

/*
 * The overall friction saturates like a dimension: each dimension adds
 * w * -ln(1 - s/100) (its score turned back into points, weighted), and
 * overall = 100 * (1 - e^-sum). With the weights normalised, it lies
 * between the weighted mean and the worst dimension, so one bad dimension
 * is not averaged away by dimensions that do not apply to the offering.
 */
static int score_overall(hd_scores *out, hurdle_ctx *ctx, const hd_scoring *sc)
{
    hd_score *s = &out->overall;
    double wsum = 0;
    int d;

    s->contribs = hd_calloc(ctx, HD_DIM_COUNT, sizeof(*s->contribs));
    if (!s->contribs) {
        return HURDLE_ENOMEM;
    }
    for (d = 0; d < HD_DIM_COUNT; d++) {
        wsum += sc->dim_weight[d];
    }
    for (d = 0; d < HD_DIM_COUNT && wsum > 0; d++) {
        double rest = 1 - out->dims[d].score / 100;
        double part = sc->dim_weight[d] / wsum * -log(rest > 0.001 ? rest : 0.001);
        if (part > 0) {
            add(s, "dimension", hd_dim_name((hd_dim)d), part);
        }
    }
    s->score = round1(100 * (1 - exp(-s->raw)));
    s->grade = hd_grade(s->score);
    return apportion(s, ctx);
}

int hd_score_offering(hd_scores *out,
                      hurdle_ctx *ctx,
                      const hd_scoring *scoring,
                      const hd_eval_result *eval)
{
    int rc = HURDLE_OK;
    int d;

    memset(out, 0, sizeof(*out));
    for (d = 0; d < HD_DIM_COUNT && rc == HURDLE_OK; d++) {
        rc = score_dim(&out->dims[d], ctx, scoring, eval, (hd_dim)d);
    }
    if (rc == HURDLE_OK) {
        rc = score_overall(out, ctx, scoring);
    }
    if (rc < 0) {
        hd_scores_dispose(out, ctx);
        return hd_oom(ctx);
    }
    return HURDLE_OK;
}

void hd_scores_dispose(hd_scores *scores, hurdle_ctx *ctx)
{
    int d;

    for (d = 0; d < HD_DIM_COUNT; d++) {
        hd_free(ctx, scores->dims[d].contribs);
    }
    hd_free(ctx, scores->overall.contribs);
    memset(scores, 0, sizeof(*scores));
}
