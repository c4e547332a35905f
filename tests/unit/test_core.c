/*
 * Unit tests of core (scan, targets, offerings) and report (JSON, text),
 * through the public API: grouping the bundled site into its offerings,
 * byte-identical reports, limits, argument checks, and an allocation-failure
 * sweep in which every allocation hurdle makes fails in turn.
 */
#include <stdlib.h>
#include <string.h>

#include "support.h"

static hurdle_ruleset *rules;

static int load(void **state)
{
    const char *dirs[1];
    hurdle_ctx *ctx = ts_ctx();

    (void)state;
    dirs[0] = ts_path("rules");
    assert_int_equal(hurdle_ruleset_load(&rules, ctx, dirs, 1), HURDLE_OK);
    hurdle_ctx_free(ctx);
    return 0;
}

static int unload(void **state)
{
    (void)state;
    hurdle_ruleset_free(rules);
    return 0;
}

static char *json_of(hurdle_ctx *ctx, const hurdle_report *r)
{
    hurdle_buf out = HURDLE_BUF_INIT;

    assert_int_equal(hurdle_report_write_json(&out, ctx, r, 0), HURDLE_OK);
    return out.ptr;
}

static void core_site_groups_into_three_offerings(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hurdle_scan_options opts = HURDLE_SCAN_OPTIONS_INIT;
    const char *targets[] = { ts_path("corpus/site") };
    hurdle_report *r = NULL;
    const char *entry;
    char *json;

    (void)state;
    opts.timestamps = false;
    assert_int_equal(hurdle_scan(&r, ctx, rules, targets, 1, &opts), HURDLE_OK);
    assert_int_equal(hurdle_report_page_count(r), 8);
    assert_int_equal(hurdle_report_error_count(r), 0);
    assert_int_equal(hurdle_report_offering_count(r), 3);
    assert_true(hurdle_report_max_friction(r) > 30);
    assert_true(hurdle_report_count_findings(r, HURDLE_SEV_SERIOUS) > 0);
    json = json_of(ctx, r);
    /* the rebate's flow: offer page first, its claim form and terms with it */
    entry = strstr(json, "\"kind\":\t\"rebate\",\n\t\t\t\"url\":\t\"");
    assert_non_null(entry);
    assert_true(strstr(entry, "rebate/index.html") < strchr(entry + 30, '\n'));
    assert_non_null(strstr(json, "plus mailing, then 8-12 weeks"));
    assert_null(strstr(json, "file://"));
    free(json);
    hurdle_report_free(r);
    hurdle_ctx_free(ctx);
}

static void core_reports_are_byte_identical(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hurdle_scan_options opts = HURDLE_SCAN_OPTIONS_INIT;
    const char *targets[] = { ts_path("corpus/site"), ts_path("corpus/cases") };
    hurdle_report *a = NULL;
    hurdle_report *b = NULL;
    char *ja;
    char *jb;

    (void)state;
    opts.timestamps = false;
    assert_int_equal(hurdle_scan(&a, ctx, rules, targets, 2, &opts), HURDLE_OK);
    assert_int_equal(hurdle_scan(&b, ctx, rules, targets, 2, &opts), HURDLE_OK);
    ja = json_of(ctx, a);
    jb = json_of(ctx, b);
    assert_string_equal(ja, jb);
    assert_non_null(strstr(ja, "\"started\":\tnull"));
    free(ja);
    free(jb);
    hurdle_report_free(a);
    hurdle_report_free(b);
    hurdle_ctx_free(ctx);
}

static void core_page_limit_is_reported(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hurdle_scan_options opts = HURDLE_SCAN_OPTIONS_INIT;
    const char *targets[] = { ts_path("corpus/site") };
    hurdle_report *r = NULL;
    char *json;

    (void)state;
    opts.max_pages = 2;
    assert_int_equal(hurdle_scan(&r, ctx, rules, targets, 1, &opts), HURDLE_OK);
    assert_int_equal(hurdle_report_page_count(r), 2);
    assert_int_equal(hurdle_report_error_count(r), 1);
    json = json_of(ctx, r);
    assert_non_null(strstr(json, "ELIMIT"));
    assert_non_null(strstr(json, "6 more HTML files were not analysed (--max-pages 2)"));
    free(json);
    hurdle_report_free(r);
    hurdle_ctx_free(ctx);
}

static void core_bad_arguments_are_einval(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hurdle_scan_options opts = HURDLE_SCAN_OPTIONS_INIT;
    hurdle_report *r = (hurdle_report *)&opts;
    const char *null_target[] = { NULL };

    (void)state;

    assert_int_equal(hurdle_scan(&r, NULL, rules, NULL, 0, NULL), HURDLE_EINVAL);
    assert_null(r);
    assert_int_equal(hurdle_scan(&r, ctx, rules, null_target, 1, NULL), HURDLE_EINVAL);
    assert_string_equal(hurdle_ctx_error(ctx), "hurdle_scan: target 0 is NULL");
    assert_int_equal(hurdle_scan_bytes(&r, ctx, NULL, "x", "", 0, NULL), HURDLE_EINVAL);
    assert_string_equal(hurdle_ctx_error(ctx), "hurdle_scan_bytes: missing argument");
    opts.version = 99;
    assert_int_equal(hurdle_scan_bytes(&r, ctx, rules, "x", "", 0, &opts), HURDLE_EINVAL);
    assert_string_equal(hurdle_ctx_error(ctx), "scan options version 99 is not 2");
    opts.version = HURDLE_SCAN_OPTIONS_VERSION;
    opts.max_pages = 0;
    assert_int_equal(hurdle_scan_bytes(&r, ctx, rules, "x", "", 0, &opts), HURDLE_EINVAL);
    hurdle_ctx_free(ctx);
}

static void report_text_escapes_control_characters(void **state)
{
    static const char page[] = "<title>x</title><h1>Rebate \033[31mred\033[0m</h1>"
                               "<form><input name=email></form>";
    hurdle_ctx *ctx = ts_ctx();
    hurdle_report *r = NULL;
    hurdle_buf out = HURDLE_BUF_INIT;

    (void)state;
    assert_int_equal(
        hurdle_scan_bytes(&r, ctx, rules, "https://x.example/", page, sizeof(page) - 1, NULL),
        HURDLE_OK);
    assert_int_equal(hurdle_report_write_text(&out, ctx, r, 0), HURDLE_OK);
    assert_null(strchr(out.ptr, '\033'));
    assert_non_null(strstr(out.ptr, "friction"));
    hurdle_buf_dispose(&out);
    assert_int_equal(hurdle_report_write_text(&out, ctx, r, HURDLE_REPORT_COLOR), HURDLE_OK);
    assert_non_null(strchr(out.ptr, '\033'));
    hurdle_buf_dispose(&out);
    hurdle_report_free(r);
    hurdle_ctx_free(ctx);
}

static void core_allocation_failures_end_cleanly(void **state)
{
    static const char page[] =
        "<title>Rebate</title><h1>Mail-in rebate</h1><p>Allow 8-12 weeks. Original UPC "
        "required. $49.99/mo for the first 12 months, then $59.99/mo.</p>"
        "<form><label>Email <input name=email></label><input type=file name=receipt>"
        "<select name=state><option>A</option></select><button>Send</button></form>";
    ts_failing f = { 0, (size_t)-1, 0 };
    hurdle_allocator a = ts_failing_allocator(&f);
    size_t n;
    size_t ok = 0;

    (void)state;
    for (n = 1; n < 20000 && ok < 3; n++) {
        hurdle_ctx *ctx = NULL;
        hurdle_report *r = NULL;
        hurdle_buf out = HURDLE_BUF_INIT;
        int rc;

        f.count = 0;
        f.fail_at = (size_t)-1;
        assert_int_equal(hurdle_ctx_new(&ctx, &a), HURDLE_OK);
        f.fail_at = n;
        rc = hurdle_scan_bytes(&r, ctx, rules, "https://x.example/", page, sizeof(page) - 1, NULL);
        if (rc == HURDLE_OK) {
            rc = hurdle_report_write_json(&out, ctx, r, 0);
            hurdle_buf_dispose(&out);
        }
        if (rc != HURDLE_OK && rc != HURDLE_ENOMEM) {
            fail_msg("allocation %zu: status %s: %s", n, hurdle_status_name(rc),
                     hurdle_ctx_error(ctx));
        }
        ok += rc == HURDLE_OK && f.count < n;
        hurdle_report_free(r);
        f.fail_at = (size_t)-1;
        hurdle_ctx_free(ctx);
    }
    print_message("%zu allocation failures survived\n", n - 1);
    assert_true(ok >= 1);
    assert_true(n > 20); /* every allocation of a whole scan failed once */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(core_site_groups_into_three_offerings),
        cmocka_unit_test(core_reports_are_byte_identical),
        cmocka_unit_test(core_page_limit_is_reported),
        cmocka_unit_test(core_bad_arguments_are_einval),
        cmocka_unit_test(report_text_escapes_control_characters),
        cmocka_unit_test(core_allocation_failures_end_cleanly),
    };
    return cmocka_run_group_tests(tests, load, unload);
}
