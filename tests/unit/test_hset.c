/*
 * Unit tests of util/hset.c: values, a key of 0, the key limit, deletion
 * (entries that probed past the hole move back, across the table's end),
 * 200,000 random operations checked against a plain array, and allocation
 * failures.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"
#include "util/hset.h"

static void hset_put_get_set_del(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hd_hset s;
    bool added = false;
    uint32_t v = 0;

    (void)state;
    hd_hset_init(&s, ctx, 100);
    assert_false(hd_hset_get(&s, 7, &v)); /* an empty set has no slots yet */
    hd_hset_del(&s, 7);
    assert_int_equal(hd_hset_put(&s, 7, 3, &added), HURDLE_OK);
    assert_true(added);
    assert_int_equal(hd_hset_put(&s, 7, 9, &added), HURDLE_OK);
    assert_false(added);
    assert_true(hd_hset_get(&s, 7, &v));
    assert_int_equal(v, 3); /* put keeps an old key's value */
    assert_int_equal(hd_hset_set(&s, 7, 9), HURDLE_OK);
    assert_true(hd_hset_get(&s, 7, &v));
    assert_int_equal(v, 9); /* set replaces it */
    assert_int_equal(hd_hset_set(&s, 8, 1), HURDLE_OK);
    assert_int_equal(hd_hset_count(&s), 2);
    hd_hset_del(&s, 7);
    assert_false(hd_hset_get(&s, 7, NULL));
    assert_true(hd_hset_get(&s, 8, NULL));
    assert_int_equal(hd_hset_count(&s), 1);
    /* 0 marks an empty slot: a key of 0 is kept as 1, and both name it */
    assert_int_equal(hd_hset_put(&s, 0, 5, &added), HURDLE_OK);
    assert_true(added);
    assert_true(hd_hset_get(&s, 0, &v));
    assert_int_equal(v, 5);
    assert_true(hd_hset_get(&s, 1, &v));
    hd_hset_dispose(&s);
    hd_hset_dispose(&s); /* twice is harmless */
    hurdle_ctx_free(ctx);
}

static void hset_hash_is_fnv1a(void **state)
{
    (void)state;
    /* the published FNV-1a 64 test vectors */
    assert_true(hd_hash64("", 0) == 0xcbf29ce484222325ULL);
    assert_true(hd_hash64("a", 1) == 0xaf63dc4c8601ec8cULL);
    assert_true(hd_hash64("foobar", 6) == 0x85944171f73967e8ULL);
    assert_true(hd_hash64("http://a/x", 10) != hd_hash64("http://a/y", 10));
}

static void hset_limit_counts_new_keys_only(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hd_hset s;
    bool added = true;

    (void)state;
    hd_hset_init(&s, ctx, 3);
    for (uint64_t k = 1; k <= 3; k++) {
        assert_int_equal(hd_hset_put(&s, k * 1000, 1, NULL), HURDLE_OK);
    }
    assert_int_equal(hd_hset_put(&s, 4000, 1, &added), HURDLE_ELIMIT);
    assert_false(added);
    assert_false(hd_hset_get(&s, 4000, NULL));
    assert_int_equal(hd_hset_put(&s, 2000, 1, &added), HURDLE_OK); /* an old key is no new one */
    assert_int_equal(hd_hset_set(&s, 3000, 8), HURDLE_OK);
    hd_hset_del(&s, 1000);
    assert_int_equal(hd_hset_put(&s, 4000, 1, &added), HURDLE_OK); /* room again */
    assert_true(added);
    assert_int_equal(hd_hset_count(&s), 3);
    hd_hset_dispose(&s);
    hurdle_ctx_free(ctx);
}

/*
 * Keys that all want the table's last slots: they wrap around to its start,
 * and deleting one must move the others back across the end, or they are lost.
 */
static void hset_delete_across_the_end(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    hd_hset s;
    uint32_t v = 0;
    uint64_t keys[6];
    size_t n = 0;

    (void)state;
    hd_hset_init(&s, ctx, 100);
    assert_int_equal(hd_hset_put(&s, 12345, 0, NULL), HURDLE_OK); /* allocates the slots */
    for (uint64_t k = 1; n < 6 && k < 10000000; k++) {
        /* home slot 63 of 64 (slot_of: (key ^ key >> 29) & 63) */
        if (((k ^ (k >> 29)) & 63) == 63) {
            keys[n++] = k;
        }
    }
    assert_int_equal(n, 6);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(hd_hset_put(&s, keys[i], (uint32_t)i, NULL), HURDLE_OK);
    }
    hd_hset_del(&s, keys[0]);
    hd_hset_del(&s, keys[3]);
    for (size_t i = 0; i < n; i++) {
        bool there = hd_hset_get(&s, keys[i], &v);
        if (i == 0 || i == 3) {
            assert_false(there);
        } else {
            if (!there || v != i) {
                fail_msg("key %zu lost after deletions (found %d, value %u)", i, there,
                         (unsigned)v);
            }
        }
    }
    hd_hset_dispose(&s);
    hurdle_ctx_free(ctx);
}

static uint64_t next_rand(uint64_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return *x;
}

/* Random puts, sets and deletes over a small key space, checked against an array. */
static void hset_random_against_a_model(void **state)
{
    hurdle_ctx *ctx = ts_ctx();
    enum { KEYS = 5000 };
    static uint32_t model[KEYS]; /* 0: absent, else value + 1 */
    hd_hset s;
    uint64_t x = 88172645463325252ULL;
    size_t count = 0;

    (void)state;
    memset(model, 0, sizeof(model));
    hd_hset_init(&s, ctx, SIZE_MAX);
    for (int op = 0; op < 200000; op++) {
        uint64_t r = next_rand(&x);
        size_t k = (size_t)(r % KEYS);
        uint64_t key = hd_hash64((const char *)&k, sizeof(k)) & 0xFFFFFull; /* collide often */
        uint32_t v = (uint32_t)(r >> 40);
        switch ((r >> 20) % 4) {
        case 0:
        case 1:
            assert_int_equal(hd_hset_put(&s, key | ((uint64_t)k << 20), v, NULL), HURDLE_OK);
            if (!model[k]) {
                model[k] = v + 1;
                count++;
            }
            break;
        case 2:
            assert_int_equal(hd_hset_set(&s, key | ((uint64_t)k << 20), v), HURDLE_OK);
            count += !model[k];
            model[k] = v + 1;
            break;
        default:
            hd_hset_del(&s, key | ((uint64_t)k << 20));
            count -= model[k] != 0;
            model[k] = 0;
            break;
        }
    }
    assert_int_equal(hd_hset_count(&s), count);
    for (size_t k = 0; k < KEYS; k++) {
        uint64_t key = hd_hash64((const char *)&k, sizeof(k)) & 0xFFFFFull;
        uint32_t v = 0;
        bool there = hd_hset_get(&s, key | ((uint64_t)k << 20), &v);
        if (there != (model[k] != 0) || (there && v + 1 != model[k])) {
            fail_msg("key %zu: set says %d (%u), model %u", k, there, (unsigned)v,
                     (unsigned)model[k]);
        }
    }
    hd_hset_dispose(&s);
    hurdle_ctx_free(ctx);
}

/* Each allocation failing in turn: ENOMEM, and every key added before it still there. */
static void hset_allocation_failures(void **state)
{
    ts_failing f = { 0, (size_t)-1, 0 };
    hurdle_allocator a = ts_failing_allocator(&f);

    (void)state;
    for (size_t n = 1; n < 40; n++) {
        hurdle_ctx *ctx = NULL;
        hd_hset s;
        uint32_t k = 0;
        int rc = HURDLE_OK;
        f.count = 0;
        f.fail_at = (size_t)-1;
        assert_int_equal(hurdle_ctx_new(&ctx, &a), HURDLE_OK);
        f.count = 0;
        f.fail_at = n;
        hd_hset_init(&s, ctx, SIZE_MAX);
        for (k = 1; k <= 1000 && rc == HURDLE_OK; k++) {
            rc = hd_hset_put(&s, (uint64_t)k * 7919, k, NULL);
        }
        if (rc != HURDLE_OK) {
            assert_int_equal(rc, HURDLE_ENOMEM);
            k--; /* the key that failed */
        }
        assert_int_equal(hd_hset_count(&s), k - 1);
        for (uint32_t j = 1; j < k; j++) {
            uint32_t v = 0;
            assert_true(hd_hset_get(&s, (uint64_t)j * 7919, &v));
            assert_int_equal(v, j);
        }
        hd_hset_dispose(&s);
        f.fail_at = (size_t)-1;
        hurdle_ctx_free(ctx);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hset_put_get_set_del),
        cmocka_unit_test(hset_hash_is_fnv1a),
        cmocka_unit_test(hset_limit_counts_new_keys_only),
        cmocka_unit_test(hset_delete_across_the_end),
        cmocka_unit_test(hset_random_against_a_model),
        cmocka_unit_test(hset_allocation_failures),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
