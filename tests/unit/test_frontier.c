/*
 * Unit tests of core/frontier.c: URL states by id, hosts by origin, per-host heaps (the
 * highest priority first, then the order URLs were found), the queue limit, and a host
 * asked for again after an allocation failed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/frontier.h"
#include "support.h"

static hurdle_ctx *ctx;

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

static void frontier_info_grows_with_defaults(void **state)
{
    hd_strmap urls;
    hd_frontier f;
    hd_uinfo *u;

    (void)state;
    hd_strmap_init(&urls, ctx, 100000);
    hd_frontier_init(&f, ctx, &urls, 1000);
    u = hd_frontier_info(&f, 0);
    assert_non_null(u);
    assert_int_equal(u->state, HD_U_NEW);
    assert_int_equal(u->parent, HD_NONE);
    assert_int_equal(u->from, HD_NONE);
    assert_int_equal(u->host, HD_NONE);
    assert_int_equal(u->depth, 0);
    assert_false(u->start);
    u->state = HD_U_DONE;
    u->depth = 3;
    u = hd_frontier_info(&f, 5000); /* grows past the first 1024 */
    assert_non_null(u);
    assert_int_equal(u->parent, HD_NONE);
    assert_int_equal(u->state, HD_U_NEW);
    assert_true(f.ucap > 5000);
    u = hd_frontier_info(&f, 0);
    assert_int_equal(u->state, HD_U_DONE);
    assert_int_equal(u->depth, 3);
    assert_int_equal(hd_frontier_info(&f, 1023)->host, HD_NONE);
    hd_frontier_dispose(&f);
    hd_frontier_dispose(&f);
    hd_strmap_dispose(&urls);
}

static void frontier_hosts_by_origin(void **state)
{
    static const char *const urls_in[][2] = {
        { "http://a.example/x", "http://a.example" },
        { "http://a.example/y?z=1", "http://a.example" },
        { "https://a.example/", "https://a.example" },
        { "http://a.example:8080/", "http://a.example:8080" },
        { "http://[::1]:8080/p", "http://[::1]:8080" },
        { "http://[::1]/", "http://[::1]" },
    };
    static const uint32_t want[] = { 0, 0, 1, 2, 3, 4 };
    hd_strmap urls;
    hd_frontier f;
    uint32_t idx = 99;
    char url[64];

    (void)state;
    hd_strmap_init(&urls, ctx, 100000);
    hd_frontier_init(&f, ctx, &urls, 1000);
    for (size_t i = 0; i < 6; i++) {
        hd_host *h = hd_frontier_host(&f, urls_in[i][0], &idx);
        assert_non_null(h);
        assert_int_equal(idx, want[i]);
        assert_string_equal(h->origin, urls_in[i][1]);
        assert_true(h->crawl_delay == -1);
        assert_string_equal(h->rstatus, "");
        assert_null(h->robots);
        assert_int_equal(h->rstate, HD_R_UNKNOWN);
        assert_int_equal(h->n, 0);
    }
    assert_null(hd_frontier_host(&f, "no url", &idx));
    assert_int_equal(hd_frontier_nhosts(&f), 5);
    for (int i = 0; i < 60; i++) { /* the hosts' array moves: indexes stay */
        snprintf(url, sizeof(url), "https://h%d.example/", i);
        assert_non_null(hd_frontier_host(&f, url, &idx));
        assert_int_equal(idx, 5 + (uint32_t)i);
    }
    assert_string_equal(hd_frontier_host(&f, "http://a.example:8080/z", &idx)->origin,
                        "http://a.example:8080");
    assert_int_equal(idx, 2);
    assert_string_equal(f.hosts[64].origin, "https://h59.example");
    hd_frontier_dispose(&f);
    hd_strmap_dispose(&urls);
}

/* Pushes ids 0..n) on one host with prio[i]; pops into out[]. */
static void frontier_heap_order(void **state)
{
    enum { N = 3000 };
    static float prio[N];
    static uint32_t popped[N];
    hd_strmap urls;
    hd_frontier f;
    hd_host *h;
    hd_host *other;
    uint32_t hi = 0;
    uint32_t oi = 0;
    unsigned long seed = 7;
    hd_qentry q;
    size_t n = 0;

    (void)state;
    hd_strmap_init(&urls, ctx, 100000);
    hd_frontier_init(&f, ctx, &urls, 100000);
    assert_non_null(hd_frontier_host(&f, "http://a.example/", &hi));
    assert_non_null(hd_frontier_host(&f, "http://b.example/", &oi));
    for (uint32_t i = 0; i < N; i++) {
        hd_uinfo *u = hd_frontier_info(&f, i);
        seed = seed * 6364136223846793005UL + 1442695040888963407UL;
        prio[i] = i < 10 ? 3.0f : (float)((seed >> 40) % 5) - 1.5f; /* many ties */
        u->host = i % 10 == 9 ? oi : hi;
        assert_int_equal(hd_frontier_push(&f, i, prio[i]), HURDLE_OK);
        assert_int_equal(u->state, HD_U_QUEUED);
    }
    assert_int_equal(f.queued, N);
    h = &f.hosts[hi];
    other = &f.hosts[oi];
    assert_int_equal(h->n + other->n, N);
    while (hd_frontier_peek(h, &q)) {
        popped[n++] = q.id;
        hd_frontier_pop(&f, h);
    }
    assert_int_equal(f.queued, other->n);
    /* priority first, then discovery order; nothing lost, nothing twice */
    for (size_t i = 1; i < n; i++) {
        float a = prio[popped[i - 1]];
        float b = prio[popped[i]];
        if (a < b || (a == b && popped[i - 1] > popped[i])) {
            fail_msg("pop %zu: id %u (%g) before id %u (%g)", i, (unsigned)popped[i - 1], a,
                     (unsigned)popped[i], b);
        }
    }
    assert_int_equal(n, N - N / 10);
    for (uint32_t i = 0; i < 9; i++) { /* ids 0-8 tie at the top, in their order */
        assert_int_equal(popped[i], i);
    }
    assert_false(hd_frontier_peek(h, &q));
    hd_frontier_pop(&f, h); /* empty: no-op */
    assert_int_equal(h->n, 0);
    assert_true(hd_frontier_peek(other, &q));
    assert_int_equal(q.id % 10, 9);
    hd_frontier_dispose(&f);
    hd_strmap_dispose(&urls);
}

static void frontier_queue_limit(void **state)
{
    hd_strmap urls;
    hd_frontier f;
    uint32_t hi = 0;
    hd_qentry q;

    (void)state;
    hd_strmap_init(&urls, ctx, 100);
    hd_frontier_init(&f, ctx, &urls, 3);
    assert_non_null(hd_frontier_host(&f, "http://a.example/", &hi));
    for (uint32_t i = 0; i < 5; i++) {
        hd_frontier_info(&f, i)->host = hi;
    }
    assert_int_equal(hd_frontier_push(&f, 0, -2.0f), HURDLE_OK);
    assert_int_equal(hd_frontier_push(&f, 1, 0.0f), HURDLE_OK);
    assert_int_equal(hd_frontier_push(&f, 2, -0.0f), HURDLE_OK); /* -0 ties with 0 */
    assert_int_equal(hd_frontier_push(&f, 3, 9.0f), HURDLE_ELIMIT);
    assert_int_equal(hd_frontier_info(&f, 3)->state, HD_U_NEW);
    assert_true(hd_frontier_peek(&f.hosts[hi], &q));
    assert_int_equal(q.id, 1);
    hd_frontier_pop(&f, &f.hosts[hi]);
    assert_int_equal(hd_frontier_push(&f, 4, -1.0f), HURDLE_OK);
    assert_true(hd_frontier_peek(&f.hosts[hi], &q));
    assert_int_equal(q.id, 2);
    hd_frontier_pop(&f, &f.hosts[hi]);
    assert_true(hd_frontier_peek(&f.hosts[hi], &q));
    assert_int_equal(q.id, 4);
    hd_frontier_pop(&f, &f.hosts[hi]);
    assert_true(hd_frontier_peek(&f.hosts[hi], &q));
    assert_int_equal(q.id, 0);
    hd_frontier_dispose(&f);
    hd_strmap_dispose(&urls);
}

/*
 * A bug this test found, fixed since (frontier.c, hd_frontier_host(): the origin is interned before the hosts' array grows
 * and before its copy is made, and neither failure undoes it): after a NULL for ENOMEM, the
 * next call for that host finds it "known" and returns a host with origin NULL and
 * crawl_delay 0 (not -1), which the crawl then uses.
 */
static hurdle_ctx *fctx; /* frontier_host_after_enomem's, freed by its teardown */
static hd_strmap furls;
static hd_frontier ff;

static int enomem_teardown(void **state)
{
    (void)state;
    if (fctx) {
        hd_frontier_dispose(&ff);
        hd_strmap_dispose(&furls);
        hurdle_ctx_free(fctx);
        fctx = NULL;
    }
    return 0;
}

static void frontier_host_after_enomem(void **state)
{
    ts_failing fl = { 0, (size_t)-1, 0 };
    hurdle_allocator a = ts_failing_allocator(&fl);
    size_t nulls = 0;

    (void)state;
    assert_int_equal(hurdle_ctx_new(&fctx, &a), HURDLE_OK);
    for (size_t n = 1; n < 40; n++) {
        uint32_t idx = 0;
        hd_host *h;
        hd_strmap_init(&furls, fctx, 100);
        hd_frontier_init(&ff, fctx, &furls, 100);
        fl.count = 0;
        fl.fail_at = n;
        h = hd_frontier_host(&ff, "http://a.example/", &idx);
        fl.fail_at = (size_t)-1;
        nulls += h ? 0 : 1;
        h = hd_frontier_host(&ff, "http://a.example/x", &idx);
        assert_non_null(h);
        if (!h->origin || h->crawl_delay != -1) {
            fail_msg("allocation %zu failed, then the host came back half made: origin %s, "
                     "crawl_delay %g",
                     n, h->origin ? h->origin : "NULL", h->crawl_delay);
        }
        assert_string_equal(h->origin, "http://a.example");
        hd_frontier_dispose(&ff);
        hd_strmap_dispose(&furls);
    }
    assert_true(nulls > 0);
    hurdle_ctx_free(fctx);
    fctx = NULL;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(frontier_info_grows_with_defaults),
        cmocka_unit_test(frontier_hosts_by_origin),
        cmocka_unit_test(frontier_heap_order),
        cmocka_unit_test(frontier_queue_limit),
        cmocka_unit_test_teardown(frontier_host_after_enomem, enomem_teardown),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
