/*
 * Helpers shared by the unit tests.
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>

#include "rules/ruleset.h"

hurdle_ctx *ts_ctx(void)
{
    hurdle_ctx *ctx = NULL;

    assert_int_equal(hurdle_ctx_new(&ctx, NULL), HURDLE_OK);
    return ctx;
}

static void *f_realloc(void *ptr, size_t size, void *payload)
{
    ts_failing *f = payload;

    f->last = size;
    return ++f->count >= f->fail_at ? NULL : realloc(ptr, size);
}

static void *f_malloc(size_t size, void *payload)
{
    return f_realloc(NULL, size, payload);
}

static void f_free(void *ptr, void *payload)
{
    (void)payload;
    free(ptr);
}

hurdle_allocator ts_failing_allocator(ts_failing *f)
{
    hurdle_allocator a = { f_malloc, f_realloc, f_free, f };

    return a;
}

const char *ts_path(const char *rel)
{
    static char path[4096];

    snprintf(path, sizeof(path), "%s/%s", HURDLE_SOURCE_DIR, rel);
    return path;
}

char *ts_read(const char *path, size_t *len_out)
{
    FILE *f = fopen(path, "rb");
    char *data;
    long n;

    if (!f) {
        fail_msg("cannot open %s", path);
    }
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    n = ftell(f);
    assert_true(n >= 0);
    rewind(f);
    data = malloc((size_t)n + 1);
    assert_non_null(data);
    assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
    data[n] = '\0';
    fclose(f);
    if (len_out) {
        *len_out = (size_t)n;
    }
    return data;
}

const hurdle_ruleset *ts_rules(void)
{
    static hurdle_ruleset *rules;

    if (!rules) {
        hurdle_ctx *ctx = ts_ctx();
        const char *dir = ts_path("rules");
        if (hurdle_ruleset_load(&rules, ctx, &dir, 1) != HURDLE_OK) {
            fail_msg("cannot load rules: %s", hurdle_ctx_error(ctx));
        }
        hurdle_ctx_free(ctx);
    }
    return rules;
}

const struct hd_purpose_table *ts_purposes(void)
{
    return hd_ruleset_purposes(ts_rules());
}
