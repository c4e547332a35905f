/*
 * Runs every rule's own examples (docs are tests): each examples.match page
 * must give its rule a finding and each examples.no_match page none.
 */
#include "support.h"

#include <stdio.h>

static void rule_examples_all_pass(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hurdle_ruleset *rs = NULL;
    const char *dirs[] = { ts_path("rules") };
    hurdle_buf report = HURDLE_BUF_INIT;
    int failures;

    (void)state;
    assert_int_equal(hurdle_global_init(), HURDLE_OK);
    if (hurdle_ruleset_load(&rs, ctx, dirs, 1) != HURDLE_OK) {
        fail_msg("%s", hurdle_ctx_error(ctx));
    }
    failures = hurdle_ruleset_check_examples(&report, ctx, rs);
    if (failures != 0) {
        fprintf(stderr, "%s", report.ptr ? report.ptr : "");
        fail_msg("%d failing rule examples (%s)", failures, hurdle_ctx_error(ctx));
    }
    hurdle_buf_dispose(&report);
    hurdle_ruleset_free(rs);
    hurdle_ctx_free(ctx);
    hurdle_global_cleanup();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rule_examples_all_pass),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
