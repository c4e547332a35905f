/*
 * Unit tests of net/url.c's credentials: hd_url_userinfo (the user and password of a URL,
 * decoded) and hd_url_redact / hd_url_flatten (a URL fit to show: no credentials, one line).
 * Canonical URLs: test_url.c.
 */
#include <stdio.h>
#include <string.h>

#include "net/url.h"
#include "support.h"
#include "util/alloc.h"

static hurdle_ctx *ctx;
static char unset[] = "unset"; /* what *out holds before a call that must set it */

static int setup(void **state)
{
    (void)state;
    ctx = ts_ctx();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    hurdle_ctx_free(ctx);
    return 0;
}

static void url_userinfo_decoded(void **state)
{
    static const char *const cases[][2] = {
        { "http://bob:p%40ss@h/", "bob:p@ss" },
        { "http://bob@h/", "bob:" },
        { "http://:pw@h/", ":pw" },
        { "https://bob:pw@h/a b", "bob:pw" },
        { "HTTP://bob:pw@h/", "bob:pw" },
        { "http://h/", NULL },
        { "notaurl", NULL },
        { "http://b%00b:x@h/", NULL }, /* a NUL cannot be a user name */
    };

    (void)state;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *out = unset;
        assert_int_equal(hd_url_userinfo(&out, ctx, cases[i][0]), HURDLE_OK);
        if (cases[i][1]) {
            assert_non_null(out);
            assert_string_equal(out, cases[i][1]);
        } else {
            assert_null(out);
        }
        hd_free(ctx, out);
    }
}

static void redact(const char *in, const char *want)
{
    char *out = hd_url_redact(ctx, in);
    char msg[300] = "";

    assert_non_null(out);
    if (strcmp(out, want) != 0) {
        snprintf(msg, sizeof(msg), "redact(%s): expected %s, got %s", in, want, out);
    }
    hd_free(ctx, out);
    if (msg[0]) {
        fail_msg("%s", msg);
    }
}

static void url_redact_and_flatten(void **state)
{
    char s[] = "a\tb\xc2\x9f"
               "c\xc2\xa0"
               "d\x7f\xc2";

    (void)state;
    redact("http://bob:pw@host/", "http://host/");
    redact("https://bob@h/x?y=1#f", "https://h/x?y=1#f");
    redact("http://host/a@b", "http://host/a@b");
    redact("ftp://bob:pw@h/", "ftp://bob:pw@h/"); /* only http(s) URLs are parsed */
    redact("plain text", "plain text");
    redact("http://h/\x01x\x7f\n", "http://h/?x??");
    redact("http://h/\xc2\x85x", "http://h/??x");
    redact("", "");
    hd_url_flatten(s);
    assert_string_equal(s, "a?b??c\xc2\xa0"
                           "d?\xc2"); /* NBSP stays; a lone 0xc2 too */
}

/*
 * A bug this test found, fixed since (url.c, hd_url_redact: the scheme test is case-sensitive, and when curl cannot parse
 * the URL, without_userinfo() returns NULL and the URL is copied with its credentials): a
 * password reaches reports and logs for "HTTP://bob:pw@host/", for a URL with a space, and
 * for a password with a raw '@'. The error message of hd_url_normalize shows it too.
 */
static void url_redact_never_shows_passwords(void **state)
{
    static const char *const in[] = { "HTTP://bob:secret@host/", "Https://bob:secret@host/x",
                                      "http://bob:secret@host/a b", "http://bob:sec@ret@host/",
                                      NULL };
    char *out = NULL;

    (void)state;
    for (size_t i = 0; in[i]; i++) {
        char *r = hd_url_redact(ctx, in[i]);
        char msg[300] = "";
        assert_non_null(r);
        if (strstr(r, "secret") || strstr(r, "sec@ret")) {
            snprintf(msg, sizeof(msg), "redact(%s) = %s", in[i], r);
        }
        hd_free(ctx, r);
        if (msg[0]) {
            fail_msg("%s", msg);
        }
    }
    assert_int_equal(hd_url_normalize(&out, ctx, "HTTP://bob:secret@h:99999/"), HURDLE_EINVAL);
    if (strstr(hurdle_ctx_error(ctx), "secret")) {
        fail_msg("the error message shows the password: %s", hurdle_ctx_error(ctx));
    }
    hd_clear_error(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(url_userinfo_decoded),
        cmocka_unit_test(url_redact_and_flatten),
        cmocka_unit_test(url_redact_never_shows_passwords),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
