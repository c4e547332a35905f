/*
 * Unit tests of score: saturation, gates, breakdowns that add up, grades,
 * the overall weighted mean, and the effort estimate.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "html/page.h"
#include "rules/ruleset.h"
#include "score/score.h"

#include "support.h"

static hurdle_ruleset *load_rules(hurdle_ctx *ctx)
{
    const char *dirs[] = { ts_path("rules") };
    hurdle_ruleset *rules = NULL;

    assert_int_equal(hurdle_ruleset_load(&rules, ctx, dirs, 1), HURDLE_OK);
    return rules;
}

static const hd_rule *rule(const hurdle_ruleset *rules, const char *id)
{
    size_t i;

    for (i = 0; i < hd_ruleset_nrules(rules); i++) {
        if (strcmp(hd_rule_id(hd_ruleset_rule(rules, i)), id) == 0) {
            return hd_ruleset_rule(rules, i);
        }
    }
    fail_msg("no rule %s", id);
    return NULL;
}

static double sum_shares(const hd_score *s)
{
    double total = 0;
    size_t i;

    for (i = 0; i < s->ncontribs; i++) {
        total += s->contribs[i].score;
    }
    return round(total * 10) / 10;
}

static void score_grades_have_documented_bounds(void **state)
{
    (void)state;
    assert_int_equal(hd_grade(0), 'A');
    assert_int_equal(hd_grade(19.9), 'A');
    assert_int_equal(hd_grade(20), 'B');
    assert_int_equal(hd_grade(59.9), 'C');
    assert_int_equal(hd_grade(60), 'D');
    assert_int_equal(hd_grade(80), 'E');
    assert_int_equal(hd_grade(100), 'E');
}

static void score_empty_offering_is_zero(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hurdle_ruleset *rules = load_rules(ctx);
    hd_eval_result ev;
    hd_scores sc;
    int d;

    (void)state;
    memset(&ev, 0, sizeof(ev));
    assert_int_equal(hd_score_offering(&sc, ctx, hd_ruleset_scoring(rules), &ev), HURDLE_OK);
    for (d = 0; d < HD_DIM_COUNT; d++) {
        assert_true(sc.dims[d].score == 0);
        assert_int_equal(sc.dims[d].grade, 'A');
        assert_int_equal(sc.dims[d].ncontribs, 0);
    }
    assert_true(sc.overall.score == 0);
    hd_scores_dispose(&sc, ctx);
    hurdle_ruleset_free(rules);
    hurdle_ctx_free(ctx);
}

static void score_findings_saturate_and_add_up(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hurdle_ruleset *rules = load_rules(ctx);
    const hd_scoring *scoring = hd_ruleset_scoring(rules);
    hd_finding f[3];
    hd_eval_result ev;
    hd_scores sc;
    double expect;

    (void)state;
    memset(f, 0, sizeof(f));
    memset(&ev, 0, sizeof(ev));
    f[0].rule = rule(rules, "subscription.auto-renewal");
    f[0].points = 3;
    f[1].rule = rule(rules, "subscription.cancel-by-phone");
    f[1].points = 7;
    f[2].rule = rule(rules, "terms.no-refund");
    f[2].points = 3;
    ev.findings = f;
    ev.nfindings = 3;
    assert_int_equal(hd_score_offering(&sc, ctx, scoring, &ev), HURDLE_OK);
    expect = 100 * (1 - exp(-13 / scoring->dim_scale[HD_DIM_TERMS]));
    assert_true(fabs(sc.dims[HD_DIM_TERMS].score - round(expect * 10) / 10) < 1e-9);
    assert_true(sc.dims[HD_DIM_TERMS].score < 100);
    assert_int_equal(sc.dims[HD_DIM_TERMS].ncontribs, 3);
    assert_true(sum_shares(&sc.dims[HD_DIM_TERMS]) == sc.dims[HD_DIM_TERMS].score);
    /* largest share first */
    assert_string_equal(sc.dims[HD_DIM_TERMS].contribs[0].id, "subscription.cancel-by-phone");
    assert_true(sum_shares(&sc.overall) == sc.overall.score);
    assert_true(sc.dims[HD_DIM_FIELDS].score == 0);
    hd_scores_dispose(&sc, ctx);
    hurdle_ruleset_free(rules);
    hurdle_ctx_free(ctx);
}

static void score_gating_finding_lifts_to_floor(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hurdle_ruleset *rules = load_rules(ctx);
    const hd_scoring *scoring = hd_ruleset_scoring(rules);
    hd_finding f;
    hd_eval_result ev;
    hd_scores sc;
    const hd_score *terms;

    (void)state;
    memset(&f, 0, sizeof(f));
    memset(&ev, 0, sizeof(ev));
    f.rule = rule(rules, "rebate.mail-in-only");
    assert_true(hd_rule_gating(f.rule));
    f.points = 1;
    ev.findings = &f;
    ev.nfindings = 1;
    assert_int_equal(hd_score_offering(&sc, ctx, scoring, &ev), HURDLE_OK);
    terms = &sc.dims[HD_DIM_TERMS];
    assert_true(terms->score == scoring->gate_floor);
    assert_true(terms->score > 50);
    assert_int_equal(terms->ncontribs, 2);
    assert_string_equal(terms->contribs[0].source, "gate");
    assert_true(sum_shares(terms) == terms->score);
    hd_scores_dispose(&sc, ctx);
    hurdle_ruleset_free(rules);
    hurdle_ctx_free(ctx);
}

static void score_many_shares_still_add_up(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hurdle_ruleset *rules = load_rules(ctx);
    const hd_scoring *scoring = hd_ruleset_scoring(rules);
    hd_finding f[40];
    hd_eval_result ev;
    hd_scores sc;
    size_t i;
    size_t n = 0;
    int d;

    (void)state;
    memset(f, 0, sizeof(f));
    memset(&ev, 0, sizeof(ev));
    for (i = 0; i < hd_ruleset_nrules(rules) && n < 40; i++) {
        const hd_rule *r = hd_ruleset_rule(rules, i);
        if (hd_rule_kind_of(r) == HD_RULE_PATTERN) {
            f[n].rule = r;
            f[n].points = (double)(1 + n % 7) / 3.0;
            n++;
        }
    }
    ev.findings = f;
    ev.nfindings = n;
    assert_int_equal(hd_score_offering(&sc, ctx, scoring, &ev), HURDLE_OK);
    for (d = 0; d < HD_DIM_COUNT; d++) {
        assert_true(sum_shares(&sc.dims[d]) == sc.dims[d].score);
        assert_true(sc.dims[d].score >= 0 && sc.dims[d].score <= 100);
    }
    assert_true(sum_shares(&sc.overall) == sc.overall.score);
    hd_scores_dispose(&sc, ctx);
    hurdle_ruleset_free(rules);
    hurdle_ctx_free(ctx);
}

static void effort_reads_waits(void **state)
{
    hd_effort e;

    (void)state;
    memset(&e, 0, sizeof(e));
    hd_effort_read_wait(&e, "Allow 8-12 weeks for delivery");
    assert_true(e.wait_weeks_min == 8 && e.wait_weeks_max == 12);
    memset(&e, 0, sizeof(e));
    hd_effort_read_wait(&e, "please allow six to eight weeks");
    assert_true(e.wait_weeks_min == 6 && e.wait_weeks_max == 8);
    memset(&e, 0, sizeof(e));
    hd_effort_read_wait(&e, "within 14 days of purchase");
    assert_true(e.wait_weeks_max == 2);
    memset(&e, 0, sizeof(e));
    hd_effort_read_wait(&e, "Offer #KT-2611 pays in 10 weeks");
    assert_true(e.wait_weeks_min == 10 && e.wait_weeks_max == 10);
    memset(&e, 0, sizeof(e));
    hd_effort_read_wait(&e, "no number here");
    assert_true(e.wait_weeks_max == 0);
}

static void effort_describes_like_a_person(void **state)
{
    hd_effort e;
    char buf[160];

    (void)state;
    memset(&e, 0, sizeof(e));
    e.offline = "";
    e.seconds = 40;
    hd_effort_describe(buf, sizeof(buf), &e);
    assert_string_equal(buf, "about 40 seconds");
    e.seconds = 14 * 60 + 10;
    e.offline = "mailing";
    e.wait_weeks_min = 8;
    e.wait_weeks_max = 12;
    hd_effort_describe(buf, sizeof(buf), &e);
    assert_string_equal(buf, "about 14 minutes, plus mailing, then 8-12 weeks");
    hd_effort_describe(buf, 10, &e);
    assert_int_equal(strlen(buf), 9);
}

static void effort_counts_fields_uploads_and_captchas(void **state)
{
    static const char html[] =
        "<form><input name=email type=email><input name=zip autocomplete=postal-code>"
        "<select name=state><option>A</option></select><input type=checkbox name=ok>"
        "<input type=file name=receipt><input type=hidden name=t>"
        "<label>Type the characters <input name=captcha></label>"
        "<button>Send</button></form>";
    hurdle_ctx *ctx = ts_ctx();
    hd_page_limits lim = HD_PAGE_LIMITS_INIT;
    hd_page page;
    const hd_page *pages[1] = { &page };
    hd_effort e;

    (void)state;
    lim.purposes = ts_purposes(); /* the captcha is known by its name */
    assert_int_equal(
        hd_page_parse(&page, ctx, "file:///claim.html", html, sizeof(html) - 1, NULL, &lim),
        HURDLE_OK);
    assert_int_equal(hd_effort_estimate(&e, ctx, pages, 1, NULL), HURDLE_OK);
    assert_int_equal(e.fields, 6);
    assert_int_equal(e.uploads, 1);
    assert_int_equal(e.captchas, 1);
    assert_string_equal(e.offline, "");
    assert_true(e.offline_seconds == 0);
    /* KLM: e-mail and ZIP typed, a select, a checkbox, an upload, a captcha, a page and a submit */
    assert_true(e.seconds > 45 + 10 && e.seconds < 120);
    hd_page_dispose(&page);
    hurdle_ctx_free(ctx);
}

static void effort_radio_groups_and_options(void **state)
{
    static const char head[] =
        "<form><input type=radio name=size value=s><input type=radio name=size value=m>"
        "<input type=radio name=size value=l><input type=radio name=size value=xl>"
        "<input type=radio name=gift><input type=radio name=gift>"
        "<select name=few><option>a</option><option>b</option></select><select name=many>";
    char html[8192];
    size_t len = 0;
    int i;
    hurdle_ctx *ctx = ts_ctx();
    hd_page_limits lim = HD_PAGE_LIMITS_INIT;
    hd_page page;
    const hd_page *pages[1] = { &page };
    double secs[9];
    hd_effort e;

    (void)state;
    len += (size_t)snprintf(html, sizeof(html), "%s", head);
    for (i = 0; i < 255; i++) { /* like a country list */
        len += (size_t)snprintf(html + len, sizeof(html) - len, "<option>%d</option>", i);
    }
    len += (size_t)snprintf(html + len, sizeof(html) - len, "</select><button>Go</button></form>");
    assert_int_equal(hd_page_parse(&page, ctx, "file:///f.html", html, len, NULL, &lim),
                     HURDLE_OK);
    assert_int_equal(page.nfields, 9);
    assert_int_equal(hd_effort_fields(secs, ctx, &page), HURDLE_OK);
    /* a group is one question, costed on its first radio, dearer with more options */
    assert_true(secs[0] > 0 && secs[1] == 0 && secs[2] == 0 && secs[3] == 0);
    assert_true(secs[4] > 0 && secs[5] == 0);
    assert_true(secs[0] > secs[4]);
    assert_true(secs[7] > secs[6]); /* 255 options cost more than 2 */
    assert_true(secs[7] - secs[6] < 1.5); /* but only by Hick's log2 */
    assert_true(secs[8] == 0);              /* the button: counted as the form's submit */
    assert_true(hd_effort_form(&page, 0, secs) > secs[0] + secs[4] + secs[6] + secs[7]);
    assert_int_equal(hd_effort_estimate(&e, ctx, pages, 1, NULL), HURDLE_OK);
    assert_int_equal(e.fields, 4); /* two groups, two selects */
    hd_page_dispose(&page);
    hurdle_ctx_free(ctx);
}

static void effort_offline_steps_from_tagged_rules(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hurdle_ruleset *rules = load_rules(ctx);
    hd_evidence ev = { 0, "", "allow 8-12 weeks", "", "body", "", 1 };
    hd_finding f[2];
    hd_eval_result res;
    hd_effort e;
    char buf[160];

    (void)state;
    memset(f, 0, sizeof(f));
    memset(&res, 0, sizeof(res));
    memset(&e, 0, sizeof(e));
    e.offline = "";
    f[0].rule = rule(rules, "rebate.mail-in-only");
    f[1].rule = rule(rules, "rebate.payout-delay");
    f[1].evidence = &ev;
    f[1].nevidence = 1;
    res.findings = f;
    res.nfindings = 2;
    hd_effort_offline(&e, &res);
    assert_string_equal(e.offline, "mailing");
    assert_true(e.offline_seconds > 600);
    assert_true(e.wait_weeks_min == 8 && e.wait_weeks_max == 12);
    e.seconds = 200;
    hd_effort_describe(buf, sizeof(buf), &e);
    assert_string_equal(buf, "about 3 minutes, plus mailing, then 8-12 weeks");
    hurdle_ruleset_free(rules);
    hurdle_ctx_free(ctx);
}

static void effort_counts_captcha_widgets_once(void **state)
{
    static const char html[] =
        "<form><input type=email name=email><div class=g-recaptcha data-sitekey=k></div>"
        "<button>Send</button></form>"
        "<form><img src=/captcha.png alt=captcha><input name=captcha_answer>"
        "<button>Go</button></form>";
    hurdle_ctx *ctx = ts_ctx();
    hd_page_limits lim = HD_PAGE_LIMITS_INIT;
    hd_page page;
    const hd_page *pages[1] = { &page };
    double secs[4];
    hd_effort e;

    (void)state;
    lim.purposes = ts_purposes();
    assert_int_equal(hd_page_parse(&page, ctx, "file:///c.html", html, sizeof(html) - 1, NULL,
                                   &lim),
                     HURDLE_OK);
    assert_int_equal(page.ncaptchas, 2);
    assert_int_equal(hd_effort_fields(secs, ctx, &page), HURDLE_OK);
    /* the reCAPTCHA widget costs a captcha in its form; the image's answer field costs one */
    assert_true(hd_effort_form(&page, 0, secs) > secs[0] + 10);
    assert_true(secs[2] > 10);
    assert_true(hd_effort_form(&page, 1, secs) < secs[2] + 3);
    assert_int_equal(hd_effort_estimate(&e, ctx, pages, 1, NULL), HURDLE_OK);
    assert_int_equal(e.captchas, 2);
    hd_page_dispose(&page);
    hurdle_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(score_grades_have_documented_bounds),
        cmocka_unit_test(score_empty_offering_is_zero),
        cmocka_unit_test(score_findings_saturate_and_add_up),
        cmocka_unit_test(score_gating_finding_lifts_to_floor),
        cmocka_unit_test(score_many_shares_still_add_up),
        cmocka_unit_test(effort_reads_waits),
        cmocka_unit_test(effort_describes_like_a_person),
        cmocka_unit_test(effort_counts_fields_uploads_and_captchas),
        cmocka_unit_test(effort_radio_groups_and_options),
        cmocka_unit_test(effort_counts_captcha_widgets_once),
        cmocka_unit_test(effort_offline_steps_from_tagged_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
