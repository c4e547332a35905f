/*
 * Offer terms as facts (src/rules/facts.c) with the project's rule packs:
 * numbers in words, mail-in against online-only statements, payout ranges,
 * units, signup terms.
 */
#include "support.h"

#include <stdio.h>
#include <string.h>

#include "report/report.h"
#include "rules/internal.h"

static void facts_numbers(void **state)
{
    (void)state;
    assert_int_equal(hd_fact_number("thirty (30)", 11), 30);
    assert_int_equal(hd_fact_number("sixty", 5), 60);
    assert_int_equal(hd_fact_number("twenty-one", 10), 21);
    assert_int_equal(hd_fact_number("one hundred eighty", 18), 180);
    assert_int_equal(hd_fact_number("14", 2), 14);
    assert_int_equal(hd_fact_number("soon", 4), -1);
}

/* The facts of one page made of `body`, into *out. */
static void facts_of(hd_facts *out, const char *body)
{
    hurdle_ctx *ctx = ts_ctx();
    hurdle_ruleset *rs = NULL;
    hurdle_report *r = NULL;
    const char *dirs[] = { ts_path("rules") };
    char html[2048];

    snprintf(html, sizeof(html), "<html lang=\"en\"><title>Offer</title><body>%s</body></html>",
             body);
    if (hurdle_ruleset_load(&rs, ctx, dirs, 1) != HURDLE_OK) {
        fail_msg("%s", hurdle_ctx_error(ctx));
    }
    assert_int_equal(hurdle_scan_bytes(&r, ctx, rs, "file:///o.html", html, strlen(html), NULL),
                     HURDLE_OK);
    assert_true(r->nofferings > 0);
    *out = r->offerings[0].eval.facts; /* strings are static */
    hurdle_report_free(r);
    hurdle_ruleset_free(rs);
    hurdle_ctx_free(ctx);
}

static bool has(const hd_fact_list *l, const char *v)
{
    for (size_t i = 0; i < l->n; i++) {
        if (strcmp(l->v[i], v) == 0) {
            return true;
        }
    }
    return false;
}

static void facts_online_only_beats_mail(void **state)
{
    hd_facts f;

    (void)state;
    facts_of(&f, "<h1>Rebate</h1><p>Mail-in submissions will not be accepted. All claims must "
                 "be submitted online within thirty (30) days of purchase.</p><p>Please allow "
                 "6-8 weeks for your Prepaid Visa card. Limit one rebate per household.</p>");
    assert_string_equal(f.submission, "online");
    assert_int_equal(f.window_days, 30);
    assert_int_equal(f.payout_weeks_min, 6);
    assert_int_equal(f.payout_weeks_max, 8);
    assert_true(has(&f.payout_form, "prepaid_card"));
    assert_int_equal(f.one_per_household, HD_FACT_YES);
    assert_int_equal(f.void_where_prohibited, HD_FACT_UNSTATED);
    assert_int_equal(f.trial_days, -1);
}

static void facts_both_and_units(void **state)
{
    hd_facts f;

    (void)state;
    facts_of(&f, "<h1>Rebate</h1><p>Submit your claim online or by mail. Claims must be "
                 "postmarked within three (3) months of purchase. Enclose your original dated "
                 "store receipt and cut out the UPC barcode from the box.</p>");
    assert_string_equal(f.submission, "both");
    assert_int_equal(f.window_days, 90);
    assert_true(has(&f.proofs, "original_receipt"));
    assert_true(has(&f.proofs, "upc"));
    assert_false(has(&f.proofs, "receipt"));
}

static void facts_signup_terms(void **state)
{
    hd_facts f;

    (void)state;
    facts_of(&f, "<h1>Join</h1><p>Start your 14-day free trial. Your membership will "
                 "automatically renew each month.</p><p>To cancel, call 1-800-555-0100.</p>");
    assert_int_equal(f.trial_days, 14);
    assert_int_equal(f.auto_renewal, HD_FACT_YES);
    assert_true(has(&f.cancel_methods, "phone"));
    assert_int_equal(f.cancel_by_phone_only, HD_FACT_YES);
    assert_null(f.submission);
    assert_int_equal(f.payout_form.n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(facts_numbers),
        cmocka_unit_test(facts_online_only_beats_mail),
        cmocka_unit_test(facts_both_and_units),
        cmocka_unit_test(facts_signup_terms),
    };
    int rc;

    assert_int_equal(hurdle_global_init(), HURDLE_OK);
    rc = cmocka_run_group_tests(tests, NULL, NULL);
    hurdle_global_cleanup();
    return rc;
}
