/*
 * Unit tests of util/strmap.c: dense ids, lookups, lengths with NUL bytes, the id limit,
 * a million strings, and allocation failures.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"
#include "util/strmap.h"

static void strmap_ids_are_dense_and_stable(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hd_strmap m;
    uint32_t id = 99;
    bool added = false;

    (void)state;
    hd_strmap_init(&m, ctx, 100);
    assert_int_equal(hd_strmap_count(&m), 0);
    assert_int_equal(hd_strmap_find(&m, "a", 1), -1); /* an empty map has no slots yet */
    assert_int_equal(hd_strmap_intern(&m, "http://a/", 9, &id, &added), HURDLE_OK);
    assert_int_equal(id, 0);
    assert_true(added);
    assert_int_equal(hd_strmap_intern(&m, "http://b/", 9, &id, &added), HURDLE_OK);
    assert_int_equal(id, 1);
    assert_true(added);
    assert_int_equal(hd_strmap_intern(&m, "http://a/", 9, &id, &added), HURDLE_OK);
    assert_int_equal(id, 0);
    assert_false(added);
    assert_int_equal(hd_strmap_intern(&m, "http://a/", 9, &id, NULL), HURDLE_OK);
    assert_int_equal(id, 0);
    assert_int_equal(hd_strmap_count(&m), 2);
    assert_int_equal(hd_strmap_find(&m, "http://b/", 9), 1);
    assert_int_equal(hd_strmap_find(&m, "http://b", 8), -1);  /* a prefix is another string */
    assert_int_equal(hd_strmap_find(&m, "http://b/x", 9), 1); /* only len bytes count */
    assert_string_equal(hd_strmap_get(&m, 0), "http://a/");
    assert_string_equal(hd_strmap_get(&m, 1), "http://b/");
    assert_string_equal(hd_strmap_get(&m, 2), ""); /* past the end */
    assert_string_equal(hd_strmap_get(&m, UINT32_MAX), "");
    hd_strmap_dispose(&m);
    assert_int_equal(hd_strmap_count(&m), 0);
    hd_strmap_dispose(&m); /* twice is harmless */
    hurdle_ctx_free(ctx);
}

static void strmap_lengths_not_nul_terminators(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hd_strmap m;
    uint32_t a = 0;
    uint32_t b = 0;
    uint32_t e = 0;
    uint32_t e2 = 0;

    (void)state;
    hd_strmap_init(&m, ctx, 10);
    assert_int_equal(hd_strmap_intern(&m, "x\0y", 3, &a, NULL), HURDLE_OK);
    assert_int_equal(hd_strmap_intern(&m, "x\0z", 3, &b, NULL), HURDLE_OK);
    assert_int_not_equal(a, b);
    assert_int_equal(hd_strmap_intern(&m, "", 0, &e, NULL), HURDLE_OK);
    assert_int_equal(hd_strmap_intern(&m, "ignored", 0, &e2, NULL), HURDLE_OK);
    assert_int_equal(e, e2); /* the empty string, whatever the pointer */
    assert_int_equal(hd_strmap_find(&m, "x", 1), -1);
    assert_int_equal(hd_strmap_find(&m, "x\0y", 3), (long)a);
    assert_int_equal(memcmp(hd_strmap_get(&m, b), "x\0z", 4), 0); /* copied with its NUL */
    assert_string_equal(hd_strmap_get(&m, e), "");
    assert_int_equal(hd_strmap_count(&m), 3);
    hd_strmap_dispose(&m);
    hurdle_ctx_free(ctx);
}

static void strmap_limit_gives_elimit_for_new_only(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hd_strmap m;
    uint32_t id = 7;
    bool added = true;

    (void)state;
    hd_strmap_init(&m, ctx, 3);
    for (uint32_t i = 0; i < 3; i++) {
        char s[8];
        snprintf(s, sizeof(s), "s%u", (unsigned)i);
        assert_int_equal(hd_strmap_intern(&m, s, strlen(s), &id, NULL), HURDLE_OK);
        assert_int_equal(id, i);
    }
    assert_int_equal(hd_strmap_intern(&m, "s3", 2, &id, &added), HURDLE_ELIMIT);
    assert_false(added);
    assert_int_equal(hd_strmap_count(&m), 3);
    assert_int_equal(hd_strmap_find(&m, "s3", 2), -1);
    assert_int_equal(hd_strmap_intern(&m, "s1", 2, &id, &added), HURDLE_OK); /* known: fine */
    assert_int_equal(id, 1);
    assert_false(added);
    hd_strmap_dispose(&m);

    hd_strmap_init(&m, ctx, 0); /* a limit of 0 takes nothing */
    assert_int_equal(hd_strmap_intern(&m, "a", 1, &id, NULL), HURDLE_ELIMIT);
    assert_int_equal(hd_strmap_count(&m), 0);
    hd_strmap_dispose(&m);

    hd_strmap_init(&m, ctx, SIZE_MAX); /* clamped below UINT32_MAX: ids stay below HD_NONE */
    assert_true(m.max < UINT32_MAX);
    assert_int_equal(hd_strmap_intern(&m, "a", 1, &id, NULL), HURDLE_OK);
    hd_strmap_dispose(&m);
    hurdle_ctx_free(ctx);
}

/* A million distinct URL-like strings: ids in order, every one found again, bytes sane. */
static void strmap_million_strings(void **state)
{
    enum { N = 1000000 };
    hurdle_ctx *ctx = ts_ctx();
    hd_strmap m;
    char s[48];
    size_t bytes;

    (void)state;
    hd_strmap_init(&m, ctx, N);
    for (uint32_t i = 0; i < N; i++) {
        int n = snprintf(s, sizeof(s), "https://h%u.example/p/%u", i % 97u, i);
        uint32_t id = 0;
        bool added = false;
        if (hd_strmap_intern(&m, s, (size_t)n, &id, &added) != HURDLE_OK || id != i || !added) {
            fail_msg("intern %u gave id %u added %d", (unsigned)i, (unsigned)id, added);
        }
    }
    assert_int_equal(hd_strmap_count(&m), N);
    for (uint32_t i = 0; i < N; i += 7) {
        int n = snprintf(s, sizeof(s), "https://h%u.example/p/%u", i % 97u, i);
        if (hd_strmap_find(&m, s, (size_t)n) != (long)i || strcmp(hd_strmap_get(&m, i), s) != 0) {
            fail_msg("lost %s", s);
        }
    }
    assert_int_equal(hd_strmap_find(&m, "https://h0.example/p/1000000", 28), -1);
    {
        uint32_t id = 0;
        assert_int_equal(hd_strmap_intern(&m, "one more", 8, &id, NULL), HURDLE_ELIMIT);
    }
    /* load factor at most 1/2: slots are the power of two above 2 N */
    assert_int_equal(m.nslots, (size_t)1 << 21);
    bytes = hd_strmap_bytes(&m);
    assert_true(bytes >= m.pool.used + m.nslots * sizeof(uint32_t));
    assert_true(bytes < (size_t)128 << 20);
    hd_strmap_dispose(&m);
    hurdle_ctx_free(ctx);
}

/* Each allocation failing in turn: ENOMEM, the map still consistent, then everything fits. */
static void strmap_allocation_failures(void **state)
{
    ts_failing f = { 0, (size_t)-1, 0 };
    hurdle_allocator a = ts_failing_allocator(&f);
    hurdle_ctx *fctx = NULL;
    size_t clean = 0;

    (void)state;
    assert_int_equal(hurdle_ctx_new(&fctx, &a), HURDLE_OK);
    for (size_t n = 1; n < 200 && clean < 2; n++) {
        hd_strmap m;
        size_t ok = 0;
        bool failed = false;
        hd_strmap_init(&m, fctx, 1000);
        f.count = 0;
        f.fail_at = n;
        for (uint32_t i = 0; i < 300; i++) {
            char s[16];
            uint32_t id = 0;
            int len = snprintf(s, sizeof(s), "k%u", (unsigned)i);
            int rc = hd_strmap_intern(&m, s, (size_t)len, &id, NULL);
            assert_true(rc == HURDLE_OK || rc == HURDLE_ENOMEM);
            if (rc == HURDLE_OK) {
                assert_int_equal(id, ok);
                ok++;
            } else {
                failed = true;
                break;
            }
        }
        f.fail_at = (size_t)-1;
        assert_int_equal(hd_strmap_count(&m), ok);
        for (uint32_t i = 0; i < ok; i++) {
            char s[16];
            int len = snprintf(s, sizeof(s), "k%u", (unsigned)i);
            assert_int_equal(hd_strmap_find(&m, s, (size_t)len), (long)i);
        }
        for (uint32_t i = (uint32_t)ok; i < 300; i++) { /* room again: the rest goes in */
            char s[16];
            uint32_t id = 0;
            int len = snprintf(s, sizeof(s), "k%u", (unsigned)i);
            assert_int_equal(hd_strmap_intern(&m, s, (size_t)len, &id, NULL), HURDLE_OK);
            assert_int_equal(id, i);
        }
        clean += failed ? 0 : 1;
        hd_strmap_dispose(&m);
    }
    assert_true(clean >= 1);
    hurdle_ctx_free(fctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(strmap_ids_are_dense_and_stable),
        cmocka_unit_test(strmap_lengths_not_nul_terminators),
        cmocka_unit_test(strmap_limit_gives_elimit_for_new_only),
        cmocka_unit_test(strmap_million_strings),
        cmocka_unit_test(strmap_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
