/*
 * Unit tests of rules/regex.c, rules/wordlist.c and the friction curve:
 * match limits stop catastrophic backtracking, word lists report every
 * overlapping phrase, the curve goes through its control points.
 */
#include "support.h"

#include <math.h>
#include <string.h>
#include <time.h>

#include "rules/internal.h"

static void regex_finds_caseless_utf8(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hd_regex *re = NULL;
    hd_matcher *m = NULL;
    char err[300];
    size_t a = 0;
    size_t b = 0;
    const char *s = "Prix: 10 € — MAIL-IN rebate";

    (void)state;
    assert_int_equal(hd_regex_compile(&re, "mail-in", 0, err, sizeof(err)), HURDLE_OK);
    assert_int_equal(hd_matcher_new(&m, ctx, 100000, 1000), HURDLE_OK);
    assert_int_equal(hd_regex_find(m, re, s, strlen(s), 0, false, &a, &b), 1);
    assert_int_equal(b - a, 7);
    assert_memory_equal(s + a, "MAIL-IN", 7);
    assert_int_equal(hd_regex_find(m, re, s, strlen(s), b, true, &a, &b), 0);
    hd_regex_free(re);
    assert_int_equal(hd_regex_compile(&re, "mail-in", HD_RE_CASE_SENSITIVE, err, sizeof(err)), 0);
    assert_int_equal(hd_regex_find(m, re, s, strlen(s), 0, false, &a, &b), 0);
    assert_int_equal(hd_regex_find(m, re, "\xff\xfe", 2, 0, false, &a, &b), HURDLE_EINVAL);
    assert_false(hd_utf8_valid("\xc0\xaf", 2));
    assert_true(hd_utf8_valid(s, strlen(s)));
    hd_regex_free(re);
    hd_matcher_free(m);
    hurdle_ctx_free(ctx);
}

static void regex_reports_compile_errors(void **state)
{
    hd_regex *re = NULL;
    char err[300];

    (void)state;
    assert_int_equal(hd_regex_compile(&re, "(unclosed", 0, err, sizeof(err)), HURDLE_EPARSE);
    assert_null(re);
    assert_non_null(strstr(err, "missing closing parenthesis"));
    assert_non_null(strstr(err, "at offset 9"));
}

static void regex_backtracking_stops_at_limit(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hd_regex *re = NULL;
    hd_matcher *m = NULL;
    char err[300];
    size_t a = 0;
    size_t b = 0;
    const char *s = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!";
    clock_t t0 = clock();

    (void)state;
    assert_int_equal(hd_regex_compile(&re, "(a+)+$", 0, err, sizeof(err)), HURDLE_OK);
    assert_int_equal(hd_matcher_new(&m, ctx, 100000, 1000), HURDLE_OK);
    assert_int_equal(hd_regex_find(m, re, s, strlen(s), 0, false, &a, &b), HURDLE_ELIMIT);
    assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 2.0);
    hd_regex_free(re);
    hd_matcher_free(m);
    hurdle_ctx_free(ctx);
}

typedef struct hits {
    hd_word_hit v[32];
    size_t n;
} hits;

static bool collect(const hd_word_hit *hit, void *payload)
{
    hits *h = payload;

    if (h->n < 32) {
        h->v[h->n++] = *hit;
    }
    return true;
}

static void wordlist_reports_overlapping_phrases(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hd_wordlist *wl = NULL;
    const char *tsv = "# source: test\nphrase\tadvice\nin accordance with\tsay \"under\"\n"
                      "accordance\tsay \"agreement\"\nprior to\tsay \"before\"\nutilize\tuse\n"
                      "utilize\tdup\n";
    const char *text = "Claims, IN  ACCORDANCE\nwith the rules, prior to June; utilized? Utilize!";
    hits h = { .n = 0 };

    (void)state;
    assert_int_equal(hd_wordlist_parse(&wl, ctx, "t.tsv", tsv, strlen(tsv)), HURDLE_OK);
    assert_int_equal(hd_wordlist_size(wl), 5);
    hd_wordlist_scan(wl, text, strlen(text), collect, &h);
    assert_int_equal(h.n, 4);
    /* "accordance" ends first, then the three-word phrase that contains it */
    assert_string_equal(hd_wordlist_phrase(wl, h.v[0].entry), "accordance");
    assert_memory_equal(text + h.v[0].start, "ACCORDANCE", 10);
    assert_string_equal(hd_wordlist_phrase(wl, h.v[1].entry), "in accordance with");
    assert_memory_equal(text + h.v[1].start, "IN  ACCORDANCE\nwith", h.v[1].end - h.v[1].start);
    assert_string_equal(hd_wordlist_phrase(wl, h.v[2].entry), "prior to");
    assert_string_equal(hd_wordlist_advice(wl, h.v[3].entry), "use"); /* first advice kept */
    assert_memory_equal(text + h.v[3].start, "Utilize", 7);          /* not "utilized" */
    hd_wordlist_free(wl);
    hurdle_ctx_free(ctx);
}

static void wordlist_rejects_long_phrases(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hd_wordlist *wl = NULL;
    const char *tsv = "phrase\tadvice\none two three four five six seven\tx\n";

    (void)state;
    assert_int_equal(hd_wordlist_parse(&wl, ctx, "long.tsv", tsv, strlen(tsv)), HURDLE_EPARSE);
    assert_string_equal(hurdle_ctx_error(ctx), "long.tsv:2: a phrase needs 1 to 6 words");
    assert_null(wl);
    hurdle_ctx_free(ctx);
}

static void curve_passes_control_points(void **state)
{
    hd_curve up = { 4, 12 };
    hd_curve down = { 12, 4 };
    double prev = -1;

    (void)state;
    assert_true(fabs(hd_curve_eval(&up, 4) - 10.0) < 0.01);
    assert_true(fabs(hd_curve_eval(&up, 12) - 50.0) < 0.01);
    assert_true(hd_curve_eval(&up, 0) == 0.0);
    assert_true(hd_curve_eval(&up, -3) == 0.0);
    for (double x = 0.5; x < 200; x *= 1.3) {
        double f = hd_curve_eval(&up, x);
        assert_true(f >= prev && f >= 0 && f <= 100);
        prev = f;
    }
    assert_true(hd_curve_eval(&up, 1000) > 99);
    assert_true(fabs(hd_curve_eval(&down, 12) - 10.0) < 0.01);
    assert_true(fabs(hd_curve_eval(&down, 4) - 50.0) < 0.01);
    assert_true(hd_curve_eval(&down, 2) > 50);
    assert_true(hd_curve_eval(&down, 0) == 100.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(regex_finds_caseless_utf8),
        cmocka_unit_test(regex_reports_compile_errors),
        cmocka_unit_test(regex_backtracking_stops_at_limit),
        cmocka_unit_test(wordlist_reports_overlapping_phrases),
        cmocka_unit_test(wordlist_rejects_long_phrases),
        cmocka_unit_test(curve_passes_control_points),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
