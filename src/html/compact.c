/*
 * html/compact.c - hd_page_compact(): a page model without its text, in one
 * block of memory, for the time between a page's analysis and the report.
 *
 * A crawl keeps every analysed page until the offerings are grouped, so
 * what a page keeps must be small: the page's arena (64 KB chunks, the
 * text scopes with their spans and element paths, the links) is copied
 * into an exact-size arena holding only what grouping, the offering-level
 * rules and the report read: URLs, title, kind, language, forms, fields,
 * prices, plans, captchas, warnings and the text's counts, plus the first
 * line of the headings (the offering's name). The copy runs twice with the
 * same allocations: once into a scratch arena to learn the size, once into
 * an arena whose first chunk is exactly that size (hd_arena_init_exact).
 * Strings the model documents as static are shared, not copied.
 */
#include <string.h>

#include "internal.h"

/* A copy of `s` in `a`; NULL stays NULL. Sets *err on failure. */
static const char *dup(hd_arena *a, const char *s, bool *err)
{
    char *c;

    if (!s) {
        return NULL;
    }
    if (!*s) {
        return ""; /* one static empty string for all: most attributes are absent */
    }
    c = hd_arena_strdup(a, s);
    *err = *err || !c;
    return c ? c : "";
}

static void *array(hd_arena *a, const void *src, size_t n, size_t size, bool *err)
{
    void *d;

    if (!n || !src) {
        return NULL;
    }
    d = hd_arena_array(a, n, size);
    if (!d) {
        *err = true;
        return NULL;
    }
    memcpy(d, src, n * size);
    return d;
}

static void copy_field(hd_field *f, hd_arena *a, bool *err)
{
    f->type = dup(a, f->type, err);
    f->name = dup(a, f->name, err);
    f->id = dup(a, f->id, err);
    f->label = dup(a, f->label, err);
    f->placeholder = dup(a, f->placeholder, err);
    f->autocomplete = dup(a, f->autocomplete, err);
    f->pattern = dup(a, f->pattern, err);
    f->path = dup(a, f->path, err);
    f->ignore = dup(a, f->ignore, err);
    f->ac_section = dup(a, f->ac_section, err);
    f->ac_hint = dup(a, f->ac_hint, err);
    f->ac_field = dup(a, f->ac_field, err);
    f->min = dup(a, f->min, err);
    f->max = dup(a, f->max, err);
}

static void copy_forms(hd_page *d, const hd_page *s, hd_arena *a, bool *err)
{
    d->fields = array(a, s->fields, s->nfields, sizeof(hd_field), err);
    for (size_t i = 0; d->fields && i < s->nfields; i++) {
        copy_field(&d->fields[i], a, err);
    }
    d->forms = array(a, s->forms, s->nforms, sizeof(hd_form), err);
    for (size_t i = 0; d->forms && i < s->nforms; i++) {
        hd_form *f = &d->forms[i];
        f->path = dup(a, f->path, err);
        f->id = dup(a, f->id, err);
        f->name = dup(a, f->name, err);
        f->action = dup(a, f->action, err);
        f->method = dup(a, f->method, err);
        f->submit = dup(a, f->submit, err);
    }
    d->captchas = array(a, s->captchas, s->ncaptchas, sizeof(hd_captcha), err);
    for (size_t i = 0; d->captchas && i < s->ncaptchas; i++) {
        d->captchas[i].path = dup(a, d->captchas[i].path, err);
        d->captchas[i].ignore = dup(a, d->captchas[i].ignore, err);
    }
}

static void copy_prices(hd_page *d, const hd_page *s, hd_arena *a, bool *err)
{
    d->prices = array(a, s->prices, s->nprices, sizeof(hd_price), err);
    for (size_t i = 0; d->prices && i < s->nprices; i++) {
        hd_price *p = &d->prices[i];
        p->raw = dup(a, p->raw, err);
        p->context = dup(a, p->context, err);
        p->path = dup(a, p->path, err);
    }
    d->plans = array(a, s->plans, s->nplans, sizeof(hd_plan), err);
    for (size_t i = 0; d->plans && i < s->nplans; i++) {
        d->plans[i].name = dup(a, d->plans[i].name, err);
        d->plans[i].path = dup(a, d->plans[i].path, err);
    }
}

/* The headings' first line; every other scope empty. */
static void copy_scopes(hd_page *d, const hd_page *s, hd_arena *a, bool *err)
{
    const hd_text *h = &s->scopes[HD_SCOPE_HEADINGS];
    const char *nl = h->text ? memchr(h->text, '\n', h->len) : NULL;
    size_t n = nl ? (size_t)(nl - h->text) : h->len;

    memset(d->scopes, 0, sizeof(d->scopes));
    for (int i = 0; i < HD_SCOPE_COUNT; i++) {
        d->scopes[i].text = "";
    }
    if (h->text && n) {
        char *c = hd_arena_strndup(a, h->text, n);
        *err = *err || !c;
        d->scopes[HD_SCOPE_HEADINGS].text = c ? c : "";
        d->scopes[HD_SCOPE_HEADINGS].len = c ? n : 0;
    }
}

static void copy_page(hd_page *d, const hd_page *s, hd_arena *a, bool bare, bool *err)
{
    hd_arena own = d->arena; /* `a` may be it */

    *d = *s;
    d->arena = own;
    d->url = dup(a, s->url, err);
    d->final_url = dup(a, s->final_url, err);
    d->content_type = dup(a, s->content_type, err);
    d->charset = dup(a, s->charset, err);
    d->title = dup(a, s->title, err);
    d->lang = dup(a, s->lang, err);
    d->language = dup(a, s->language, err);
    for (size_t i = 0; i < s->nwarnings; i++) {
        d->warnings[i] = dup(a, s->warnings[i], err);
    }
    d->links = NULL;
    copy_scopes(d, s, a, err);
    d->role_stats = NULL;
    if (bare) {
        d->fields = NULL;
        d->forms = NULL;
        d->captchas = NULL;
        d->prices = NULL;
        d->plans = NULL;
        d->nfields = d->nforms = d->ncaptchas = d->nprices = d->nplans = 0;
        return;
    }
    d->role_stats = array(a, s->role_stats, s->role_stats ? HD_ROLE_COUNT : 0,
                          sizeof(hd_text_stats), err);
    copy_forms(d, s, a, err);
    copy_prices(d, s, a, err);
}

int hd_page_compact(hd_page *page, bool bare)
{
    hurdle_ctx *ctx = page->arena.ctx;
    hd_arena scratch;
    hd_page copy;
    bool err = false;
    size_t size;

    hd_arena_init(&scratch, ctx, 0);
    hd_arena_init(&copy.arena, ctx, 0);
    copy_page(&copy, page, &scratch, bare, &err);
    size = scratch.used;
    hd_arena_dispose(&scratch);
    if (err) {
        return hd_oom(ctx);
    }
    hd_arena_init_exact(&copy.arena, ctx, size);
    copy_page(&copy, page, &copy.arena, bare, &err);
    if (err) {
        hd_arena_dispose(&copy.arena);
        return hd_oom(ctx);
    }
    hd_arena_dispose(&page->arena);
    *page = copy;
    return HURDLE_OK;
}

size_t hd_page_size(const hd_page *page)
{
    return page->arena.used + sizeof(*page);
}
