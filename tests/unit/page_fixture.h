/*
 * The html tests' fixture, defined once: one page and its ctx per test
 * (cmocka setup and teardown), and a parse that fails the test on error.
 * Included by each test file of the html module after support.h.
 */
#ifndef HD_TEST_PAGE_FIXTURE_H
#define HD_TEST_PAGE_FIXTURE_H

#include <string.h>

#include "html/page.h"

static hd_page page;
static hurdle_ctx *ctx;

static int setup(void **state)
{
    (void)state;
    ctx = ts_ctx();
    memset(&page, 0, sizeof(page));
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    hd_page_dispose(&page);
    hurdle_ctx_free(ctx);
    return 0;
}

/* Parses `html` as the page at `url` with the purposes of rules/; `content_type` may be NULL. */
static void parse_at(const char *url, const char *html, const char *content_type)
{
    hd_page_limits lim = HD_PAGE_LIMITS_INIT;

    lim.purposes = ts_purposes();
    if (hd_page_parse(&page, ctx, url, html, strlen(html), content_type, &lim) != HURDLE_OK) {
        fail_msg("parse failed: %s", hurdle_ctx_error(ctx));
    }
}

#endif
