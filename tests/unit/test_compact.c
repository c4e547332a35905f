/*
 * Unit tests of html/compact.c (hd_page_compact): every field a compact page keeps is the
 * parsed page's, field by field (fields, forms, prices, plans, captchas, warnings, the
 * headings' first line, counts and readability), the text scopes and links are gone, a bare page
 * keeps only URLs, title, kind and counts, the size drops, and a failed compaction changes
 * nothing. Each page is parsed twice: one copy is compacted, the other is the reference.
 */
#include <stdlib.h>
#include <string.h>

#include "html/page.h"
#include "rules/ruleset.h"
#include "support.h"

static ts_failing fl = { 0, (size_t)-1, 0 };
static hurdle_ctx *ctx;

static int setup(void **state)
{
    hurdle_allocator a = ts_failing_allocator(&fl);

    (void)state;
    fl.fail_at = (size_t)-1;
    assert_int_equal(hurdle_ctx_new(&ctx, &a), HURDLE_OK);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    hurdle_ctx_free(ctx);
    return 0;
}

/* Parses and classifies `rel` (a file of the source tree) with `max_fields` (0: default). */
static void load(hd_page *page, const char *rel, size_t max_fields)
{
    hd_page_limits lim = HD_PAGE_LIMITS_INIT;
    size_t len = 0;
    char *html = ts_read(ts_path(rel), &len);

    lim.purposes = ts_purposes();
    lim.max_fields = max_fields ? max_fields : lim.max_fields;
    if (hd_page_parse(page, ctx, "https://kestrel.example/page.html", html, len, NULL, &lim) !=
        HURDLE_OK) {
        fail_msg("%s: %s", rel, hurdle_ctx_error(ctx));
    }
    hd_rules_classify(ts_rules(), page);
    free(html);
}

/* Both NULL, or the same string. */
static void same_str(const char *a, const char *b)
{
    if (!a || !b) {
        assert_ptr_equal(a, b);
        return;
    }
    assert_string_equal(a, b);
}

static void same_field(const hd_field *a, const hd_field *b)
{
    const char *sa[] = { a->tag,     a->type,         a->name,        a->id,
                         a->label,   a->label_source, a->placeholder, a->autocomplete,
                         a->pattern, a->purpose,      a->path,        a->ac_section,
                         a->ac_hint, a->ac_field,     a->min,         a->max };
    const char *sb[] = { b->tag,     b->type,         b->name,        b->id,
                         b->label,   b->label_source, b->placeholder, b->autocomplete,
                         b->pattern, b->purpose,      b->path,        b->ac_section,
                         b->ac_hint, b->ac_field,     b->min,         b->max };

    for (size_t i = 0; i < sizeof(sa) / sizeof(sa[0]); i++) {
        assert_non_null(sa[i]); /* never NULL (page.h) */
        same_str(sa[i], sb[i]);
    }
    same_str(a->ignore, b->ignore);
    assert_int_equal(a->index, b->index);
    assert_int_equal(a->maxlength, b->maxlength);
    assert_int_equal(a->minlength, b->minlength);
    assert_int_equal(a->text_off, b->text_off);
    assert_int_equal(a->options, b->options);
    assert_int_equal(a->form, b->form);
    assert_int_equal(a->required, b->required);
    assert_int_equal(a->visible, b->visible);
    assert_int_equal(a->checked, b->checked);
}

static void same_forms(const hd_page *c, const hd_page *r)
{
    assert_int_equal(c->nfields, r->nfields);
    for (size_t i = 0; i < r->nfields; i++) {
        same_field(&c->fields[i], &r->fields[i]);
    }
    assert_int_equal(c->nforms, r->nforms);
    for (size_t i = 0; i < r->nforms; i++) {
        const hd_form *a = &c->forms[i];
        const hd_form *b = &r->forms[i];
        same_str(a->kind, b->kind);
        same_str(a->path, b->path);
        same_str(a->id, b->id);
        same_str(a->name, b->name);
        same_str(a->action, b->action);
        same_str(a->method, b->method);
        same_str(a->submit, b->submit);
        assert_int_equal(a->nfields, b->nfields);
        assert_int_equal(a->nvisible, b->nvisible);
        assert_int_equal(a->nrequired, b->nrequired);
    }
    assert_int_equal(c->ncaptchas, r->ncaptchas);
    for (size_t i = 0; i < r->ncaptchas; i++) {
        same_str(c->captchas[i].kind, r->captchas[i].kind);
        same_str(c->captchas[i].path, r->captchas[i].path);
        same_str(c->captchas[i].ignore, r->captchas[i].ignore);
        assert_int_equal(c->captchas[i].form, r->captchas[i].form);
        assert_int_equal(c->captchas[i].field, r->captchas[i].field);
    }
}

static void same_prices(const hd_page *c, const hd_page *r)
{
    assert_int_equal(c->nprices, r->nprices);
    for (size_t i = 0; i < r->nprices; i++) {
        const hd_price *a = &c->prices[i];
        const hd_price *b = &r->prices[i];
        same_str(a->raw, b->raw);
        same_str(a->context, b->context);
        same_str(a->path, b->path);
        same_str(a->period, b->period);
        same_str(a->unit, b->unit);
        same_str(a->source, b->source);
        assert_memory_equal(a->currency, b->currency, sizeof(a->currency));
        assert_true(a->amount == b->amount && a->amount_max == b->amount_max);
        assert_true(a->was_amount == b->was_amount && a->regular_amount == b->regular_amount);
        assert_true(a->monthly == b->monthly && a->monthly_regular == b->monthly_regular);
        assert_true(a->first_year == b->first_year);
        assert_int_equal(a->promo_months, b->promo_months);
        assert_int_equal(a->contract_months, b->contract_months);
        assert_int_equal(a->from, b->from);
        assert_int_equal(a->free, b->free);
        assert_int_equal(a->struck, b->struck);
        assert_int_equal(a->up_to, b->up_to);
        assert_int_equal(a->autopay, b->autopay);
        assert_int_equal(a->after_rebate, b->after_rebate);
        assert_int_equal(a->after_savings, b->after_savings);
        assert_int_equal(a->plus_taxes, b->plus_taxes);
        assert_int_equal(a->asterisk, b->asterisk);
    }
    assert_int_equal(c->nplans, r->nplans);
    for (size_t i = 0; i < r->nplans; i++) {
        same_str(c->plans[i].name, r->plans[i].name);
        same_str(c->plans[i].path, r->plans[i].path);
        same_str(c->plans[i].source, r->plans[i].source);
        assert_int_equal(c->plans[i].price, r->plans[i].price);
        assert_int_equal(c->plans[i].nfeatures, r->plans[i].nfeatures);
    }
}

/* What a compact page and a bare one both keep. */
static void same_page(const hd_page *c, const hd_page *r)
{
    const hd_text *h = &r->scopes[HD_SCOPE_HEADINGS];
    const char *nl = memchr(h->text, '\n', h->len);
    size_t first = nl ? (size_t)(nl - h->text) : h->len;

    same_str(c->url, r->url);
    same_str(c->final_url, r->final_url);
    same_str(c->content_type, r->content_type);
    same_str(c->charset, r->charset);
    same_str(c->title, r->title);
    same_str(c->lang, r->lang);
    same_str(c->kind, r->kind);
    same_str(c->language, r->language);
    same_str(c->language_source, r->language_source);
    assert_int_equal(c->status, r->status);
    assert_int_equal(c->bytes, r->bytes);
    assert_int_equal(c->nlinks, r->nlinks); /* the count stays for the report */
    assert_null(c->links);
    assert_int_equal(c->plan_periods, r->plan_periods);
    assert_int_equal(c->plan_units, r->plan_units);
    assert_int_equal(c->price_images, r->price_images);
    assert_int_equal(c->step, r->step);
    assert_int_equal(c->steps, r->steps);
    assert_memory_equal(&c->stats, &r->stats, sizeof(c->stats));
    if (c->role_stats) { /* a bare page has none */
        assert_memory_equal(c->role_stats, r->role_stats, HD_ROLE_COUNT * sizeof(*c->role_stats));
    }
    assert_int_equal(c->nwarnings, r->nwarnings);
    for (size_t i = 0; i < r->nwarnings; i++) {
        same_str(c->warnings[i], r->warnings[i]);
    }
    for (int s = 0; s < HD_SCOPE_COUNT; s++) {
        const hd_text *t = &c->scopes[s];
        assert_null(t->spans);
        assert_int_equal(t->nspans, 0);
        assert_non_null(t->text);
        assert_int_equal(strlen(t->text), t->len);
        if (s == HD_SCOPE_HEADINGS) {
            assert_int_equal(t->len, first);
            assert_memory_equal(t->text, h->text, first);
        } else {
            assert_string_equal(t->text, "");
        }
    }
    assert_int_equal(hd_page_size(c), sizeof(*c) + c->arena.used);
}

/* Compacts a second parse of `rel` and checks it against the first. Returns the sizes. */
static void compact_and_check(const char *rel, bool bare, size_t *before, size_t *after)
{
    hd_page ref;
    hd_page page;

    load(&ref, rel, 0);
    load(&page, rel, 0);
    *before = hd_page_size(&page);
    assert_int_equal(hd_page_compact(&page, bare), HURDLE_OK);
    *after = hd_page_size(&page);
    same_page(&page, &ref);
    if (bare) {
        assert_null(page.fields);
        assert_null(page.forms);
        assert_null(page.captchas);
        assert_null(page.prices);
        assert_null(page.plans);
        assert_int_equal(page.nfields + page.nforms + page.ncaptchas + page.nprices + page.nplans,
                         0);
    } else {
        same_forms(&page, &ref);
        same_prices(&page, &ref);
    }
    /* again: nothing changes, not even the size */
    assert_int_equal(hd_page_compact(&page, bare), HURDLE_OK);
    assert_int_equal(hd_page_size(&page), *after);
    same_page(&page, &ref);
    if (!bare) {
        same_forms(&page, &ref);
        same_prices(&page, &ref);
    }
    hd_page_dispose(&page);
    hd_page_dispose(&ref);
}

static void compact_keeps_forms_of_claim_page(void **state)
{
    size_t before = 0;
    size_t after = 0;
    hd_page ref;

    (void)state;
    load(&ref, "corpus/site/rebate/claim.html", 0);
    assert_true(ref.nfields >= 20 && ref.nforms >= 2 && ref.ncaptchas >= 1);
    assert_string_equal(ref.kind, "rebate");
    hd_page_dispose(&ref);
    compact_and_check("corpus/site/rebate/claim.html", false, &before, &after);
    /* the text goes, the forms stay: 27 fields keep ~7.5 KB of strings (3.4 KB of them "") */
    if (!(after * 10 < before * 6)) {
        fail_msg("claim.html: %zu bytes compact, %zu before", after, before);
    }
}

static void compact_keeps_prices_plans_captchas(void **state)
{
    static const char *const pages[] = {
        "corpus/site/pricing/index.html",         "corpus/cases/captcha-widgets/page.html",
        "corpus/cases/pricing-telecom/page.html", "corpus/cases/signup-heavy/page.html",
        "corpus/site/signup/step3.html",          NULL
    };
    size_t before = 0;
    size_t after = 0;

    (void)state;
    for (size_t i = 0; pages[i]; i++) {
        compact_and_check(pages[i], false, &before, &after);
        assert_true(after < before);
    }
    /* a page of text keeps almost nothing */
    compact_and_check("corpus/site/rebate/terms.html", false, &before, &after);
    if (!(after * 5 < before)) {
        fail_msg("terms.html: %zu bytes compact, %zu before", after, before);
    }
}

static void compact_bare_keeps_urls_title_counts(void **state)
{
    size_t before = 0;
    size_t after = 0;
    size_t full = 0;

    (void)state;
    compact_and_check("corpus/site/rebate/claim.html", true, &before, &after);
    compact_and_check("corpus/site/rebate/claim.html", false, &before, &full);
    assert_true(after * 3 < full);
    compact_and_check("corpus/site/index.html", true, &before, &after);
}

static void compact_keeps_warnings_and_first_heading(void **state)
{
    static const char html[] = "<html><head><title>T</title></head><body>"
                               "<h1>Spring rebate</h1><h2>How to claim</h2><p>Text.</p>"
                               "<form><input name=a><input name=b><input name=c>"
                               "<input name=d></form></body></html>";
    hd_page_limits lim = HD_PAGE_LIMITS_INIT;
    hd_page ref;
    hd_page page;

    (void)state;
    lim.max_fields = 2;
    assert_int_equal(
        hd_page_parse(&ref, ctx, "https://x.example/", html, sizeof(html) - 1, NULL, &lim),
        HURDLE_OK);
    assert_int_equal(
        hd_page_parse(&page, ctx, "https://x.example/", html, sizeof(html) - 1, NULL, &lim),
        HURDLE_OK);
    assert_true(ref.nwarnings >= 1);
    assert_int_equal(hd_page_compact(&page, false), HURDLE_OK);
    same_page(&page, &ref);
    same_forms(&page, &ref);
    assert_string_equal(page.scopes[HD_SCOPE_HEADINGS].text, "Spring rebate");
    assert_string_equal(page.warnings[0], ref.warnings[0]);
    hd_page_dispose(&page);
    hd_page_dispose(&ref);
    /* no headings: the scope is empty */
    assert_int_equal(hd_page_parse(&page, ctx, "https://x.example/", "<p>x</p>", 8, NULL, &lim),
                     HURDLE_OK);
    assert_int_equal(hd_page_compact(&page, true), HURDLE_OK);
    assert_string_equal(page.scopes[HD_SCOPE_HEADINGS].text, "");
    assert_string_equal(page.url, "https://x.example/");
    hd_page_dispose(&page);
}

/* Each allocation of the compaction failing in turn: ENOMEM, and the page as it was. */
static void compact_failure_leaves_page(void **state)
{
    hd_page ref;
    size_t ok = 0;
    size_t failed = 0;

    (void)state;
    load(&ref, "corpus/site/rebate/claim.html", 0);
    for (size_t n = 1; n < 40 && ok < 2; n++) {
        hd_page page;
        int rc;
        load(&page, "corpus/site/rebate/claim.html", 0);
        fl.count = 0;
        fl.fail_at = n;
        rc = hd_page_compact(&page, false);
        fl.fail_at = (size_t)-1;
        if (rc == HURDLE_OK) {
            ok++;
            same_page(&page, &ref);
            /* one block of exactly the bytes used (plus the chunk's header) */
            assert_true(fl.last >= page.arena.used && fl.last <= page.arena.used + 64);
        } else {
            assert_int_equal(rc, HURDLE_ENOMEM);
            failed++;
            assert_true(hurdle_ctx_error(ctx)[0] != '\0');
            hd_clear_error(ctx);
            assert_int_equal(page.nlinks, ref.nlinks);
            assert_non_null(page.links);
            assert_string_equal(page.links[0].href, ref.links[0].href);
            assert_int_equal(page.scopes[HD_SCOPE_TEXT].len, ref.scopes[HD_SCOPE_TEXT].len);
            assert_string_equal(page.scopes[HD_SCOPE_TEXT].text, ref.scopes[HD_SCOPE_TEXT].text);
            assert_int_equal(page.scopes[HD_SCOPE_TEXT].nspans, ref.scopes[HD_SCOPE_TEXT].nspans);
            assert_int_equal(hd_page_size(&page), hd_page_size(&ref));
        }
        same_forms(&page, &ref);
        same_prices(&page, &ref);
        hd_page_dispose(&page);
    }
    assert_int_equal(ok, 2);
    assert_true(failed >= 2); /* the scratch copy, then the exact one */
    hd_page_dispose(&ref);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(compact_keeps_forms_of_claim_page, setup, teardown),
        cmocka_unit_test_setup_teardown(compact_keeps_prices_plans_captchas, setup, teardown),
        cmocka_unit_test_setup_teardown(compact_bare_keeps_urls_title_counts, setup, teardown),
        cmocka_unit_test_setup_teardown(compact_keeps_warnings_and_first_heading, setup, teardown),
        cmocka_unit_test_setup_teardown(compact_failure_leaves_page, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
