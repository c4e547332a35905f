/*
 * Unit tests of util: buffers, arena, vectors, error recording.
 */
#include <string.h>

#include "support.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/vec.h"

static void util_buf_appends_and_terminates(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hd_buf b;

    (void)state;
    hd_buf_init(&b, ctx, 1024);
    assert_string_equal(b.ptr, "");
    hd_buf_puts(&b, "friction ");
    hd_buf_printf(&b, "%d/%s", 42, "100");
    assert_int_equal(hd_buf_err(&b), HURDLE_OK);
    assert_string_equal(b.ptr, "friction 42/100");
    assert_int_equal(b.len, strlen("friction 42/100"));
    hd_buf_dispose(&b);
    hurdle_ctx_free(ctx);
}

static void util_buf_limit_is_sticky(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hd_buf b;

    (void)state;
    hd_buf_init(&b, ctx, 8);
    hd_buf_puts(&b, "12345678");
    assert_int_equal(hd_buf_err(&b), HURDLE_OK);
    hd_buf_putc(&b, '9');
    assert_int_equal(hd_buf_err(&b), HURDLE_ELIMIT);
    hd_buf_puts(&b, "x");
    assert_int_equal(hd_buf_err(&b), HURDLE_ELIMIT);
    assert_string_equal(b.ptr, "12345678");
    hd_buf_dispose(&b);
    hurdle_ctx_free(ctx);
}

static void util_buf_detach_hands_over(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hd_buf b;
    hurdle_buf out = HURDLE_BUF_INIT;

    (void)state;
    hd_buf_init(&b, ctx, 64);
    assert_int_equal(hd_buf_detach(&out, &b), HURDLE_OK);
    assert_string_equal(out.ptr, "");
    hurdle_buf_dispose(&out);
    hd_buf_puts(&b, "report");
    assert_int_equal(hd_buf_detach(&out, &b), HURDLE_OK);
    assert_string_equal(out.ptr, "report");
    assert_int_equal(b.len, 0);
    hurdle_buf_dispose(&out);
    hd_buf_dispose(&b);
    hurdle_ctx_free(ctx);
}

static void util_arena_aligns_and_limits(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hd_arena a;
    char *s;
    void *big;

    (void)state;
    hd_arena_init(&a, ctx, 1u << 20);
    s = hd_arena_strdup(&a, "label");
    assert_string_equal(s, "label");
    assert_int_equal((uintptr_t)hd_arena_alloc(&a, 3) % 16, 0);
    big = hd_arena_alloc(&a, 200000);
    assert_non_null(big);
    assert_string_equal(s, "label");
    assert_null(hd_arena_alloc(&a, 2u << 20));
    assert_string_equal(hurdle_ctx_error(ctx), "page model exceeds 1048576 bytes");
    hd_arena_dispose(&a);
    hurdle_ctx_free(ctx);
}

static void util_vec_grows_to_max(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hd_vec v;
    size_t i;
    size_t sum = 0;

    (void)state;
    hd_vec_init(&v, ctx, sizeof(size_t), 100);
    for (i = 0; i < 100; i++) {
        size_t *slot = hd_vec_push(&v);
        assert_non_null(slot);
        *slot = i;
    }
    assert_null(hd_vec_push(&v));
    HD_VEC_FOREACH (&v, size_t, it) {
        sum += *it;
    }
    assert_int_equal(sum, 4950);
    hd_vec_dispose(&v);
    hurdle_ctx_free(ctx);
}

static void util_first_error_wins(void **state)
{
    hurdle_ctx *ctx = ts_ctx();

    (void)state;
    assert_string_equal(hurdle_ctx_error(ctx), "");
    assert_int_equal(hd_fail(ctx, HURDLE_EIO, "cannot read %s", "a.html"), HURDLE_EIO);
    assert_int_equal(hd_fail(ctx, HURDLE_ERR, "later"), HURDLE_ERR);
    assert_string_equal(hurdle_ctx_error(ctx), "cannot read a.html");
    hd_clear_error(ctx);
    assert_string_equal(hurdle_ctx_error(ctx), "");
    assert_string_equal(hurdle_status_name(HURDLE_ELIMIT), "ELIMIT");
    hurdle_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(util_buf_appends_and_terminates),
        cmocka_unit_test(util_buf_limit_is_sticky),
        cmocka_unit_test(util_buf_detach_hands_over),
        cmocka_unit_test(util_arena_aligns_and_limits),
        cmocka_unit_test(util_vec_grows_to_max),
        cmocka_unit_test(util_first_error_wins),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
