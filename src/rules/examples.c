/*
 * rules/examples.c - hurdle_ruleset_check_examples(): every rule's own
 * examples run as tests (docs are tests). Each example snippet is wrapped
 * in a minimal page, parsed by the html module, classified, and evaluated
 * with that rule alone. An example without "offering_kind" is evaluated as
 * an offering of the first kind in the rule's applies_to (or of the page's
 * own kind when the rule applies to any). An example may hold a second page
 * of the same offering ("next_page"), for rules over an offering's pages.
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

/* Wraps and parses one example page (its kind classified). */
static int parse_page(hd_page *page, hurdle_ctx *ctx, const hurdle_ruleset *rs, hd_buf *html,
                      const char *src, const char *url)
{
    hd_page_limits limits = HD_PAGE_LIMITS_INIT;
    int rc = wrap(html, src);

    if (rc < 0) {
        return rc;
    }
    limits.purposes = hd_ruleset_purposes(rs);
    rc = hd_page_parse(page, ctx, url, html->ptr, html->len, "text/html; charset=utf-8", &limits);
    if (rc == HURDLE_OK) {
        hd_rules_classify(rs, page);
    }
    return rc;
}

/* Evaluates rule `r` alone over the example's pages: 1 with a finding, 0 without. */
static int eval_example(hurdle_ctx *ctx, const hurdle_ruleset *rs, const hd_rule *r,
                        const hd_example *ex, const hd_page *const *pages, size_t npages)
{
    const char *ok = ex->offering_kind ? ex->offering_kind : default_kind(r, pages[0]);
    hd_eval_opts opts = { r, false };
    hd_eval_result res;
    int rc;

    if (r->kind == HD_RULE_PAGE_KIND) {
        hd_matcher *m = NULL;
        rc = hd_matcher_new(&m, ctx, rs->match_limit, rs->depth_limit);
        if (rc == 0) {
            rc = hd_rule_kind_vote(r, m, pages[0], NULL) > 0;
        }
        hd_matcher_free(m);
        return rc;
    }
    rc = hd_rules_eval_opts(&res, ctx, rs, pages, npages, ok, &opts);
    if (rc == 0) {
        rc = res.nfindings > 0;
        hd_eval_result_dispose(&res);
    }
    return rc;
}

/* 1 when the rule hits the example's page(s), 0 when not, < 0 on failure. A second page
 * ("next_page") is the next step of the same offering, at EXAMPLE_URL "/next". */
static int run_example(hurdle_ctx *ctx, const hurdle_ruleset *rs, const hd_rule *r,
                       const hd_example *ex, hd_buf *html)
{
    hd_page page;
    hd_page next;
    const hd_page *pages[2] = { &page, &next };
    int rc = parse_page(&page, ctx, rs, html, ex->html, ex->url ? ex->url : EXAMPLE_URL);

    if (rc < 0) {
        return rc;
    }
    if (ex->next_page) {
        rc = parse_page(&next, ctx, rs, html, ex->next_page, EXAMPLE_URL "/next");
    }
    if (rc == HURDLE_OK) {
        rc = eval_example(ctx, rs, r, ex, pages, ex->next_page ? 2 : 1);
        if (ex->next_page) {
            hd_page_dispose(&next);
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
