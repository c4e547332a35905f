/*
 * Unit tests of rules/eval_page.c: an offering evaluated from its pages' hits
 * (hd_rules_eval_page once per page, then the pages compacted as a crawl keeps them, then
 * hd_rules_eval_hits) gives exactly what hd_rules_eval gives over the full pages: findings,
 * counts, points, evidence, metrics, skipped rules and facts. Every page of corpus/site and
 * corpus/cases, in offerings of 1 to 3 pages in different orders and of every kind; and
 * hd_page_hits_cover, which says for which offering kinds a page's hits were made.
 */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html/page.h"
#include "rules/ruleset.h"
#include "support.h"

#define MAX_PAGES 64

static hurdle_ctx *ctx;
static hd_page full[MAX_PAGES];    /* as parsed */
static hd_page compact[MAX_PAGES]; /* parsed again, then compacted */
static hd_page_hits *hits[MAX_PAGES];
static char *names[MAX_PAGES]; /* path under corpus/ */
static size_t npages;
static const char *const kinds[] = { "rebate", "signup", "pricing", "other" };

static void load(size_t i, const char *path)
{
    hd_page_limits lim = HD_PAGE_LIMITS_INIT;
    const char *rel = strstr(path, "/corpus/") + 8;
    char url[512];
    size_t len = 0;
    char *html = ts_read(path, &len);

    snprintf(url, sizeof(url), "https://%s.example/%s",
             strncmp(rel, "site/", 5) == 0 ? "kestrel" : "cases", strchr(rel, '/') + 1);
    lim.purposes = ts_purposes();
    names[i] = strdup(rel);
    assert_non_null(names[i]);
    assert_int_equal(hd_page_parse(&full[i], ctx, url, html, len, NULL, &lim), HURDLE_OK);
    assert_int_equal(hd_page_parse(&compact[i], ctx, url, html, len, NULL, &lim), HURDLE_OK);
    hd_rules_classify(ts_rules(), &full[i]);
    hd_rules_classify(ts_rules(), &compact[i]);
    assert_int_equal(hd_rules_eval_page(&hits[i], ctx, ts_rules(), &compact[i]), HURDLE_OK);
    assert_int_equal(hd_page_compact(&compact[i], false), HURDLE_OK);
    free(html);
}

static int group_setup(void **state)
{
    static const char *const patterns[] = { "corpus/site/*.html", "corpus/site/*/*.html",
                                            "corpus/cases/*/*.html" };

    (void)state;
    ctx = ts_ctx();
    for (size_t k = 0; k < 3; k++) {
        glob_t g;
        char pat[4096];
        snprintf(pat, sizeof(pat), "%s", ts_path(patterns[k]));
        if (glob(pat, 0, NULL, &g) != 0) {
            return -1;
        }
        for (size_t i = 0; i < g.gl_pathc && npages < MAX_PAGES; i++) {
            load(npages++, g.gl_pathv[i]);
        }
        globfree(&g);
    }
    return npages >= 30 ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    for (size_t i = 0; i < npages; i++) {
        hd_page_dispose(&full[i]);
        hd_page_dispose(&compact[i]);
        hd_page_hits_free(hits[i], ctx);
        free(names[i]);
    }
    hurdle_ctx_free(ctx);
    return 0;
}

static size_t find_page(const char *name)
{
    for (size_t i = 0; i < npages; i++) {
        if (strcmp(names[i], name) == 0) {
            return i;
        }
    }
    fail_msg("no page %s", name);
    return 0;
}

/* ---- comparing two results ---- */

static char label[512]; /* the offering being compared, for messages */

static void same_str(const char *what, const char *a, const char *b)
{
    if ((!a || !b) ? a != b : strcmp(a, b) != 0) {
        fail_msg("%s: %s differs: %s / %s", label, what, a ? a : "NULL", b ? b : "NULL");
    }
}

static void same_num(const char *what, double a, double b)
{
    if (a != b) {
        fail_msg("%s: %s differs: %.17g / %.17g", label, what, a, b);
    }
}

static void same_list(const char *what, const hd_fact_list *a, const hd_fact_list *b)
{
    same_num(what, (double)a->n, (double)b->n);
    for (size_t i = 0; i < a->n; i++) {
        same_str(what, a->v[i], b->v[i]);
    }
}

static void same_facts(const hd_facts *a, const hd_facts *b)
{
    same_str("facts.submission", a->submission, b->submission);
    same_list("facts.proofs", &a->proofs, &b->proofs);
    same_list("facts.payout_form", &a->payout_form, &b->payout_form);
    same_list("facts.cancel_methods", &a->cancel_methods, &b->cancel_methods);
    same_num("facts.window_days", a->window_days, b->window_days);
    same_num("facts.payout_weeks_min", a->payout_weeks_min, b->payout_weeks_min);
    same_num("facts.payout_weeks_max", a->payout_weeks_max, b->payout_weeks_max);
    same_num("facts.trial_days", a->trial_days, b->trial_days);
    same_num("facts.minimum_term_months", a->minimum_term_months, b->minimum_term_months);
    same_num("facts.one_per_household", a->one_per_household, b->one_per_household);
    same_num("facts.no_photocopies", a->no_photocopies, b->no_photocopies);
    same_num("facts.void_where_prohibited", a->void_where_prohibited, b->void_where_prohibited);
    same_num("facts.trial_requires_card", a->trial_requires_card, b->trial_requires_card);
    same_num("facts.auto_renewal", a->auto_renewal, b->auto_renewal);
    same_num("facts.cancel_by_phone_only", a->cancel_by_phone_only, b->cancel_by_phone_only);
    same_num("facts.early_termination_fee", a->early_termination_fee, b->early_termination_fee);
    same_num("facts.contact_sales", a->contact_sales, b->contact_sales);
}

static void same_finding(const hd_finding *a, const hd_finding *b)
{
    same_str("finding", hd_rule_id(a->rule), hd_rule_id(b->rule));
    same_num("count", (double)a->count, (double)b->count);
    same_num("points", a->points, b->points);
    same_num("value", a->value, b->value);
    same_num("nevidence", (double)a->nevidence, (double)b->nevidence);
    for (size_t k = 0; k < a->nevidence; k++) {
        const hd_evidence *x = &a->evidence[k];
        const hd_evidence *y = &b->evidence[k];
        same_num("evidence.page", (double)x->page, (double)y->page);
        same_str("evidence.path", x->path, y->path);
        same_str("evidence.match", x->match, y->match);
        same_str("evidence.context", x->context, y->context);
        same_str("evidence.role", x->role, y->role);
        same_str("evidence.advice", x->advice, y->advice);
        same_num("evidence.count", (double)x->count, (double)y->count);
    }
}

static void same_result(const hd_eval_result *a, const hd_eval_result *b)
{
    if (a->nfindings != b->nfindings) {
        fail_msg("%s: %zu findings / %zu (first: %s / %s)", label, a->nfindings, b->nfindings,
                 a->nfindings ? hd_rule_id(a->findings[0].rule) : "-",
                 b->nfindings ? hd_rule_id(b->findings[0].rule) : "-");
    }
    for (size_t i = 0; i < a->nfindings; i++) {
        same_finding(&a->findings[i], &b->findings[i]);
    }
    same_num("nmetrics", (double)a->nmetrics, (double)b->nmetrics);
    for (size_t i = 0; i < a->nmetrics; i++) {
        same_str("metric", hd_rule_id(a->metrics[i].rule), hd_rule_id(b->metrics[i].rule));
        same_num("metric.value", a->metrics[i].value, b->metrics[i].value);
        same_num("metric.friction", a->metrics[i].friction, b->metrics[i].friction);
        same_num("metric.points", a->metrics[i].points, b->metrics[i].points);
    }
    same_num("nskipped", (double)a->nskipped, (double)b->nskipped);
    for (size_t i = 0; i < a->nskipped; i++) {
        same_str("skipped", hd_rule_id(a->skipped[i]), hd_rule_id(b->skipped[i]));
    }
    same_facts(&a->facts, &b->facts);
}

typedef struct tally {
    size_t offerings;
    size_t compared;
    size_t refused; /* a page's hits not made for the offering's kind */
    size_t findings;
    size_t evidence;
} tally;

/* One offering of pages idx[0..n) of `kind`, both ways. */
static void offering(tally *t, const size_t *idx, size_t n, const char *kind)
{
    const hd_page *fp[3];
    const hd_page *cp[3];
    const hd_page_hits *hp[3];
    hd_eval_result direct;
    hd_eval_result via;
    bool covered = true;
    size_t k = 0;
    int rc;

    k = (size_t)snprintf(label, sizeof(label), "%s offering of", kind);
    for (size_t i = 0; i < n; i++) {
        fp[i] = &full[idx[i]];
        cp[i] = &compact[idx[i]];
        hp[i] = hits[idx[i]];
        covered = covered && hd_page_hits_cover(hp[i], kind);
        k += (size_t)snprintf(label + k, sizeof(label) - k, " %s", names[idx[i]]);
    }
    t->offerings++;
    if (hd_rules_eval(&direct, ctx, ts_rules(), fp, n, kind) != HURDLE_OK) {
        fail_msg("%s: hd_rules_eval: %s", label, hurdle_ctx_error(ctx));
    }
    rc = hd_rules_eval_hits(&via, ctx, ts_rules(), cp, hp, n, kind);
    if (!covered) {
        if (rc != HURDLE_EINVAL || !strstr(hurdle_ctx_error(ctx), "its rules did not run for")) {
            fail_msg("%s: hits not made for it, yet rc %d", label, rc);
        }
        hd_clear_error(ctx);
        t->refused++;
    } else {
        if (rc != HURDLE_OK) {
            fail_msg("%s: hd_rules_eval_hits: %s", label, hurdle_ctx_error(ctx));
        }
        same_result(&direct, &via);
        t->compared++;
        for (size_t i = 0; i < direct.nfindings; i++) {
            t->findings++;
            t->evidence += direct.findings[i].nevidence;
        }
        hd_eval_result_dispose(&via);
    }
    hd_eval_result_dispose(&direct);
}

static void evalpage_offerings_match_eval(void **state)
{
    static const char *const rebate[] = { "site/rebate/index.html", "site/rebate/claim.html",
                                          "site/rebate/terms.html" };
    static const char *const signup[] = { "site/signup/step1.html", "site/signup/step2.html",
                                          "site/signup/step3.html" };
    static const size_t perms[6][3] = { { 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 },
                                        { 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 } };
    tally t = { 0, 0, 0, 0, 0 };
    unsigned long seed = 2024;
    size_t idx[3];

    (void)state;
    for (size_t i = 0; i < npages; i++) { /* every page alone, as every kind */
        for (size_t k = 0; k < 4; k++) {
            offering(&t, &i, 1, kinds[k]);
        }
    }
    for (size_t p = 0; p < 6; p++) { /* the site's flows, in every order */
        for (size_t k = 0; k < 4; k++) {
            for (size_t j = 0; j < 3; j++) {
                idx[j] = find_page(rebate[perms[p][j]]);
            }
            offering(&t, idx, 3, kinds[k]);
            for (size_t j = 0; j < 3; j++) {
                idx[j] = find_page(signup[perms[p][j]]);
            }
            offering(&t, idx, 3, kinds[k]);
            offering(&t, idx, 2, kinds[k]);
        }
    }
    for (size_t i = 0; i < 300; i++) { /* any 1-3 different pages, any kind */
        size_t n = 1 + i % 3;
        for (size_t j = 0; j < n; j++) {
            seed = seed * 6364136223846793005UL + 1442695040888963407UL;
            idx[j] = (size_t)(seed >> 33) % npages;
            for (size_t m = 0; m < j; m++) {
                idx[j] = idx[j] == idx[m] ? (idx[j] + 1) % npages : idx[j];
            }
        }
        offering(&t, idx, n, kinds[(seed >> 20) % 4]);
    }
    /* the comparison was not vacuous */
    assert_true(t.compared * 2 > t.offerings);
    assert_true(t.refused > 0);
    assert_true(t.findings > 500 && t.evidence > 500);
}

static void evalpage_hits_cover(void **state)
{
    static const struct {
        const char *page;
        const char *kind;
        bool rebate, signup, pricing, other;
    } cases[] = {
        { "site/rebate/index.html", "rebate", true, false, false, false }, /* no form */
        { "site/rebate/claim.html", "rebate", true, true, true, true },    /* a form */
        { "site/pricing/index.html", "pricing", false, false, true, false },
        { "site/index.html", "other", true, true, true, true },
        { "cases/legal-tos/page.html", "terms", true, true, true, true },
        { "site/signup/step3.html", "checkout", true, true, true, true },
    };
    hd_eval_result r;
    size_t i;

    (void)state;
    for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
        const hd_page_hits *h = hits[find_page(cases[c].page)];
        assert_string_equal(full[find_page(cases[c].page)].kind, cases[c].kind);
        assert_int_equal(hd_page_hits_cover(h, "rebate"), cases[c].rebate);
        assert_int_equal(hd_page_hits_cover(h, "signup"), cases[c].signup);
        assert_int_equal(hd_page_hits_cover(h, "pricing"), cases[c].pricing);
        assert_int_equal(hd_page_hits_cover(h, "other"), cases[c].other);
        assert_true(hd_page_hits_cover(h, "any"));
        assert_true(hd_page_hits_cover(h, NULL));
        assert_true(hd_page_hits_size(h) >= 64);
    }
    assert_false(hd_page_hits_cover(NULL, "rebate"));
    assert_int_equal(hd_page_hits_size(NULL), 0);
    /* hits not made for the offering's kind are refused, naming the page */
    i = find_page("site/rebate/index.html");
    {
        const hd_page *pp[1] = { &compact[i] };
        const hd_page_hits *hp[1] = { hits[i] };
        assert_int_equal(hd_rules_eval_hits(&r, ctx, ts_rules(), pp, hp, 1, "signup"),
                         HURDLE_EINVAL);
        assert_string_equal(hurdle_ctx_error(ctx), "https://kestrel.example/rebate/index.html: "
                                                   "its rules did not run for a signup offering");
        hd_clear_error(ctx);
        hp[0] = NULL;
        assert_int_equal(hd_rules_eval_hits(&r, ctx, ts_rules(), pp, hp, 1, "rebate"),
                         HURDLE_EINVAL);
        hd_clear_error(ctx);
        assert_int_equal(hd_rules_eval_hits(&r, ctx, ts_rules(), NULL, NULL, 1, "rebate"),
                         HURDLE_EINVAL);
    }
    /* no pages: what hd_rules_eval gives for none */
    {
        hd_eval_result direct;
        assert_int_equal(hd_rules_eval(&direct, ctx, ts_rules(), NULL, 0, "rebate"), HURDLE_OK);
        assert_int_equal(hd_rules_eval_hits(&r, ctx, ts_rules(), NULL, NULL, 0, "rebate"),
                         HURDLE_OK);
        snprintf(label, sizeof(label), "an empty offering");
        same_result(&direct, &r);
        hd_eval_result_dispose(&direct);
        hd_eval_result_dispose(&r);
    }
    /* arguments */
    {
        hd_page_hits *h = (hd_page_hits *)(void *)&r;
        assert_int_equal(hd_rules_eval_page(&h, ctx, ts_rules(), NULL), HURDLE_EINVAL);
        assert_int_equal(hd_rules_eval_page(&h, ctx, NULL, &full[0]), HURDLE_EINVAL);
        assert_int_equal(hd_rules_eval_page(NULL, ctx, ts_rules(), &full[0]), HURDLE_EINVAL);
    }
    hd_page_hits_free(NULL, ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(evalpage_offerings_match_eval),
        cmocka_unit_test(evalpage_hits_cover),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
