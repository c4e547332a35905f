/*
 * bench/text_pass.c - how much hurdle's text analysis costs beside parsing:
 * each page is extracted once (untimed), then the readability pass
 * (tokenizer, syllables, the six formulas) over its visible text is timed
 * on its own. Uses hurdle's internal page model (src/html/page.h).
 */
#include "text_pass.h"

#include <stdio.h>
#include <time.h>

#include "html/page.h"

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int bench_text_pass(bench_text *out, const char *const *data, const size_t *lens, size_t n,
                    size_t repeat)
{
    hurdle_ctx *ctx = NULL;
    hd_page_limits lim = HD_PAGE_LIMITS_INIT;
    size_t i;
    size_t r;

    out->seconds = 0;
    out->text_bytes = 0;
    out->words = 0;
    if (hurdle_ctx_new(&ctx, NULL) != HURDLE_OK) {
        return -1;
    }
    for (i = 0; i < n; i++) {
        hd_page page;
        const hd_text *t;
        double t0;
        if (hd_page_parse(&page, ctx, "file:///bench.html", data[i], lens[i], NULL, &lim) < 0) {
            continue; /* the full phase reports failing pages */
        }
        t = &page.scopes[HD_SCOPE_TEXT];
        t0 = now();
        for (r = 0; r < repeat; r++) {
            hd_text_stats s;
            hd_text_stats_compute(&s, t->text, t->len, true);
            out->words += r == 0 ? s.words : 0;
        }
        out->seconds += (now() - t0) / (double)repeat;
        out->text_bytes += t->len;
        hd_page_dispose(&page);
    }
    hurdle_ctx_free(ctx);
    return 0;
}
