/*
 * rules/examples.c - hurdle_ruleset_check_examples(): every rule's own
 * examples run as tests (docs are tests). Each example snippet is wrapped
 * in a minimal page, parsed by the html module, classified, and evaluated
 * with that rule alone. An example without "offering_kind" is evaluated as
 * an offering of the first kind in the rule's applies_to (or of the page's
 * own kind when the rule applies to any).
 */
#include <string.h>

#include "eval.h"

#define EXAMPLE_URL "https://example.com/offer"

static const char *default_kind(const hd_rule *r, const hd_page *pg)
{
    if (r->applies == HD_KIND_ANY) {
        return pg->kind;
    }
    for (unsigned i = 0; i < HD_NKINDS; i++) {
        if (r->applies & (1u << i)) {
            return hd_kind_names[i];
        }
    }
    return pg->kind;
}

static int wrap(hd_buf *b, const char *html)
{
    hd_buf_clear(b);
    if (strstr(html, "<html") || strstr(html, "<HTML")) {
        hd_buf_puts(b, html);
    } else {
        hd_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        if (!strstr(html, "<title")) {
            hd_buf_puts(b, "<title>Example</title>");
        }
        hd_buf_puts(b, "</head><body>\n");
        hd_buf_puts(b, html);
        hd_buf_puts(b, "\n</body></html>\n");
    }
    return hd_buf_err(b);
}

/* 1 when the rule hits the example's page, 0 when not, < 0 on failure. */
static int run_example(hurdle_ctx *ctx, const hurdle_ruleset *rs, const hd_rule *r,
                       const hd_example *ex, hd_buf *html)
{
    hd_page_limits limits = HD_PAGE_LIMITS_INIT;
    hd_page page;
    const hd_page *pages[1] = { &page };
    hd_eval_result res;
    hd_eval_opts opts = { r, false };
    int rc = wrap(html, ex->html);

    if (rc < 0) {
        return rc;
    }
    limits.purposes = hd_ruleset_purposes(rs);
    rc = hd_page_parse(&page, ctx, ex->url ? ex->url : EXAMPLE_URL, html->ptr, html->len,
                       "text/html; charset=utf-8", &limits);
    if (rc < 0) {
        return rc;
    }
    hd_rules_classify(rs, &page);
    if (r->kind == HD_RULE_PAGE_KIND) {
        hd_matcher *m = NULL;
        rc = hd_matcher_new(&m, ctx, rs->match_limit, rs->depth_limit);
        if (rc == 0) {
            rc = hd_rule_kind_vote(r, m, &page, NULL) > 0;
        }
        hd_matcher_free(m);
    } else {
        const char *ok = ex->offering_kind ? ex->offering_kind : default_kind(r, &page);
        rc = hd_rules_eval_opts(&res, ctx, rs, pages, 1, ok, &opts);
        if (rc == 0) {
            rc = res.nfindings > 0;
            hd_eval_result_dispose(&res);
        }
    }
    hd_page_dispose(&page);
    return rc;
}

static int check_rule(hd_buf *rep, hurdle_ctx *ctx, const hurdle_ruleset *rs, const hd_rule *r,
                      hd_buf *html)
{
    int failures = 0;
    size_t nm = 0;
    size_t nn = 0;

    for (size_t i = 0; i < r->nexamples; i++) {
        const hd_example *ex = &r->examples[i];
        size_t idx = ex->match ? ++nm : ++nn;
        int rc = run_example(ctx, rs, r, ex, html);
        if (rc < 0) {
            hd_buf_printf(rep, "%s: %s: %s example %zu could not run: %s\n", r->file, r->id,
                          ex->match ? "match" : "no_match", idx, hurdle_ctx_error(ctx));
            hd_clear_error(ctx);
            failures++;
        } else if ((rc == 1) != ex->match) {
            hd_buf_printf(rep, "%s: %s: %s example %zu %s\n", r->file, r->id,
                          ex->match ? "match" : "no_match", idx,
                          ex->match ? "gave no finding" : "gave a finding");
            failures++;
        }
    }
    return failures;
}

int hurdle_ruleset_check_examples(hurdle_buf *report, hurdle_ctx *ctx,
                                  const hurdle_ruleset *rules)
{
    hd_buf rep;
    hd_buf html;
    int failures = 0;
    int rc;

    if (!report || !ctx || !rules) {
        return HURDLE_EINVAL;
    }
    hd_clear_error(ctx);
    hd_buf_init(&rep, ctx, (size_t)4 << 20);
    hd_buf_init(&html, ctx, HD_RULES_MAX_EXAMPLE * 2);
    for (size_t i = 0; i < rules->nrules; i++) {
        failures += check_rule(&rep, ctx, rules, &rules->rules[i], &html);
    }
    rc = hd_buf_err(&rep);
    if (rc == 0) {
        rc = hd_buf_detach(report, &rep);
    }
    hd_buf_dispose(&rep);
    hd_buf_dispose(&html);
    return rc < 0 ? hd_oom(ctx) : failures;
}
