/*
 * Helpers shared by the unit tests: a ctx, reading files of the source tree.
 */
#ifndef HD_TEST_SUPPORT_H
#define HD_TEST_SUPPORT_H

/* cmocka.h needs these first */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* clang-format off */
#include <cmocka.h>
/* clang-format on */

#include <hurdle.h>

/* A new ctx with the default allocator; fails the test when it cannot. */
hurdle_ctx *ts_ctx(void);
/* The source tree path of `rel` (e.g. "corpus/site"), in a static buffer. */
const char *ts_path(const char *rel);
/* The whole file, NUL-terminated (free() it); fails the test when unreadable. */
char *ts_read(const char *path, size_t *len_out);

/*
 * An allocator that fails on purpose: allocation number `fail_at` (counting every malloc and
 * realloc in `count`, from 1) and each one after it return NULL; `last` is the size last
 * asked for. Set fail_at to (size_t)-1 for one that never fails.
 */
typedef struct ts_failing {
    size_t count;
    size_t fail_at;
    size_t last;
} ts_failing;
hurdle_allocator ts_failing_allocator(ts_failing *f);

/*
 * The rule set of the source tree's rules/ folder, loaded once per test program and shared
 * (never freed: it stays reachable); fails the test when it cannot load.
 */
const hurdle_ruleset *ts_rules(void);
/* Its field purposes' keywords (rules/purposes.json and rules/<lang>/purposes.json), for
 * hd_page_limits.purposes. */
const struct hd_purpose_table *ts_purposes(void);

#endif
