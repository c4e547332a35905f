/*
 * tests/eval/offer_facts.c - the debug path of eval_offers.py: scans each
 * HTML file given with hurdle_scan_bytes and prints its first offering's
 * hd_facts (hd_eval_result.facts, through the internal headers) as one JSON
 * line: {"kind": ..., "facts": {...}}. Numbers are null when unknown, yes/no
 * facts true, false or null (not stated), lists in the vocabulary's order.
 *
 * usage: offer_facts RULES_DIR FILE...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hurdle.h>

#include "report/report.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n = -1;

    if (!f) {
        return NULL;
    }
    if (fseek(f, 0, SEEK_END) == 0) {
        n = ftell(f);
    }
    if (n >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        buf = malloc((size_t)n + 1);
        if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
            free(buf);
            buf = NULL;
        }
        *len = (size_t)n;
    }
    fclose(f);
    return buf;
}

static void str_or_null(const char *key, const char *v)
{
    printf(v ? "\"%s\": \"%s\", " : "\"%s\": null, ", key, v ? v : "");
}

static void num(const char *key, int v)
{
    printf(v >= 0 ? "\"%s\": %d, " : "\"%s\": null, ", key, v);
}

static void tri(const char *key, hd_fact_tri t)
{
    printf("\"%s\": %s, ", key, t == HD_FACT_YES ? "true" : t == HD_FACT_NO ? "false" : "null");
}

static void list(const char *key, const hd_fact_list *l)
{
    printf("\"%s\": [", key);
    for (size_t i = 0; i < l->n; i++) {
        printf("%s\"%s\"", i ? ", " : "", l->v[i]);
    }
    printf("], ");
}

static void print_facts(const char *kind, const hd_facts *f)
{
    printf("{\"kind\": \"%s\", \"facts\": {", kind);
    str_or_null("submission", f->submission);
    list("proofs", &f->proofs);
    num("window_days", f->window_days);
    num("payout_weeks_min", f->payout_weeks_min);
    num("payout_weeks_max", f->payout_weeks_max);
    list("payout_form", &f->payout_form);
    tri("one_per_household", f->one_per_household);
    tri("no_photocopies", f->no_photocopies);
    tri("void_where_prohibited", f->void_where_prohibited);
    tri("trial_requires_card", f->trial_requires_card);
    num("trial_days", f->trial_days);
    tri("auto_renewal", f->auto_renewal);
    tri("cancel_by_phone_only", f->cancel_by_phone_only);
    list("cancel_methods", &f->cancel_methods);
    num("minimum_term_months", f->minimum_term_months);
    tri("early_termination_fee", f->early_termination_fee);
    printf("\"contact_sales\": %s}}\n", f->contact_sales == HD_FACT_YES ? "true"
                                        : f->contact_sales == HD_FACT_NO ? "false" : "null");
}

int main(int argc, char **argv)
{
    hurdle_ctx *ctx = NULL;
    hurdle_ruleset *rules = NULL;
    hurdle_scan_options opts = HURDLE_SCAN_OPTIONS_INIT;
    int rc = 1;
    const char *dirs[1] = { argc > 1 ? argv[1] : "" };

    opts.timestamps = false;
    if (argc < 2 || hurdle_global_init() != HURDLE_OK || hurdle_ctx_new(&ctx, NULL) != HURDLE_OK ||
        hurdle_ruleset_load(&rules, ctx, dirs, 1) != HURDLE_OK) {
        fprintf(stderr, "offer_facts: %s\n", ctx ? hurdle_ctx_error(ctx) : "no ctx");
        goto done;
    }
    for (int i = 2; i < argc; i++) {
        size_t len = 0;
        char *html = slurp(argv[i], &len);
        hurdle_report *r = NULL;
        if (!html || hurdle_scan_bytes(&r, ctx, rules, "file:///offer.html", html, len, &opts)) {
            fprintf(stderr, "offer_facts: %s: cannot scan\n", argv[i]);
            free(html);
            goto done;
        }
        if (r->nofferings) {
            print_facts(r->offerings[0].kind, &r->offerings[0].eval.facts);
        } else {
            printf("{\"kind\": null, \"facts\": {}}\n");
        }
        hurdle_report_free(r);
        free(html);
    }
    rc = 0;
done:
    hurdle_ruleset_free(rules);
    hurdle_ctx_free(ctx);
    return rc;
}
