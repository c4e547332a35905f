/*
 * rules/eval_field.c - field rules (match form controls by purpose, type,
 * tag, required, visible, label, form kind, missing autocomplete) and page
 * kinds (hd_rules_classify(): the kind whose page-kind rules weigh most).
 */
#include <stdio.h>
#include <string.h>

#include "eval.h"

bool hd_ignore_has(const char *ignore, const char *id)
{
    size_t idlen = strlen(id);
    const char *p = ignore;

    while (p && *p) {
        size_t n;
        while (*p == ' ' || *p == '\t' || *p == ',') {
            p++;
        }
        n = strcspn(p, " \t,");
        if ((n == 3 && strncmp(p, "all", 3) == 0) || (n == idlen && strncmp(p, id, n) == 0)) {
            return true;
        }
        p += n;
    }
    return false;
}

static bool list_has(const hd_strlist *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++) {
        size_t n = strlen(l->v[i]);
        if (n && l->v[i][n - 1] == '*' ? strncmp(s, l->v[i], n - 1) == 0
                                       : strcmp(s, l->v[i]) == 0) {
            return true;
        }
    }
    return false;
}

static bool tri_ok(hd_tri t, bool v)
{
    return t == HD_TRI_ANY || (t == HD_TRI_YES) == v;
}

static bool autocomplete_missing(const hd_field *f)
{
    const char *a = f->autocomplete ? f->autocomplete : "";

    return !a[0] || strcmp(a, "on") == 0 || strcmp(a, "off") == 0;
}

static const char *form_kind(const hd_page *pg, const hd_field *f)
{
    if (f->form < 0 || (size_t)f->form >= pg->nforms) {
        return "none";
    }
    return pg->forms[f->form].kind ? pg->forms[f->form].kind : "other";
}

/* The text a "label" regex sees: label, name, id and placeholder. */
static size_t label_text(char *buf, size_t size, const hd_field *f)
{
    int n = snprintf(buf, size, "%s %s %s %s", f->label ? f->label : "", f->name ? f->name : "",
                     f->id ? f->id : "", f->placeholder ? f->placeholder : "");

    if (n < 0) {
        return 0;
    }
    return (size_t)n < size ? (size_t)n : size - 1;
}

static bool field_matches(hd_ev *ev, const hd_rule *r, const hd_page *pg, const hd_field *f)
{
    char buf[1024];
    size_t len;

    if (!tri_ok(r->visible, f->visible) || !tri_ok(r->required, f->required) ||
        (r->purposes.n && !list_has(&r->purposes, f->purpose ? f->purpose : "unknown")) ||
        (r->types.n && !list_has(&r->types, f->type ? f->type : "")) ||
        (r->tags_html.n && !list_has(&r->tags_html, f->tag ? f->tag : "")) ||
        (r->form_kinds.n && !list_has(&r->form_kinds, form_kind(pg, f))) ||
        (r->autocomplete_missing && !autocomplete_missing(f))) {
        return false;
    }
    if (!r->label) {
        return true;
    }
    len = label_text(buf, sizeof(buf), f);
    if (!hd_utf8_valid(buf, len)) {
        return false;
    }
    return hd_regex_test(ev->m, r->label, buf, len);
}

static bool page_text_ok(hd_ev *ev, const hd_rule *r, const hd_page *pg)
{
    const hd_text *t = &pg->scopes[HD_SCOPE_TEXT];
    size_t a = 0;
    size_t b = 0;

    if (!r->page_text) {
        return true;
    }
    if (!t->text || !hd_utf8_valid(t->text, t->len)) {
        return false;
    }
    return hd_regex_find(ev->m, r->page_text, t->text, t->len, 0, true, &a, &b) == 1;
}

void hd_ev_field_rule(hd_ev *ev, const hd_rule *rule)
{
    for (size_t p = 0; p < ev->npages && !ev->err; p++) {
        const hd_page *pg = ev->pages[p];
        if (!hd_ev_applies(ev, rule, p) || !pg->nfields || !page_text_ok(ev, rule, pg)) {
            continue;
        }
        for (size_t i = 0; i < pg->nfields; i++) {
            const hd_field *f = &pg->fields[i];
            char ctx[160];
            if (!field_matches(ev, rule, pg, f) || hd_ignore_has(f->ignore, rule->id)) {
                continue;
            }
            snprintf(ctx, sizeof(ctx), "<%s type=%s name=%s> purpose %s, form %s",
                     f->tag ? f->tag : "", f->type ? f->type : "", f->name ? f->name : "",
                     f->purpose ? f->purpose : "unknown", form_kind(pg, f));
            hd_ev_hit_raw(ev, rule, p, f->path ? f->path : "",
                          f->label && f->label[0] ? f->label : (f->name ? f->name : ""), ctx);
        }
    }
}

/* Whether the page's scope s is valid UTF-8, through the cache `utf` (may be NULL). */
static bool scope_utf(signed char *utf, const hd_text *t, int s)
{
    if (!utf) {
        return hd_utf8_valid(t->text, t->len);
    }
    if (!utf[s]) {
        utf[s] = hd_utf8_valid(t->text, t->len) ? 1 : -1;
    }
    return utf[s] > 0;
}

double hd_rule_kind_vote(const hd_rule *rule, hd_matcher *m, const hd_page *page,
                         signed char *utf)
{
    if (rule->kind != HD_RULE_PAGE_KIND || !rule->severity) {
        return 0;
    }
    for (size_t i = 0; i < page->nforms && rule->form_kinds.n; i++) {
        if (page->forms[i].kind && list_has(&rule->form_kinds, page->forms[i].kind)) {
            return rule->weight;
        }
    }
    for (int s = 0; rule->re && s < HD_SCOPE_COUNT; s++) {
        const hd_text *t = &page->scopes[s];
        size_t a = 0;
        size_t b = 0;
        if (!(rule->scopes & (1u << s)) || !t->text || !t->len || !scope_utf(utf, t, s)) {
            continue;
        }
        if (hd_regex_find(m, rule->re, t->text, t->len, 0, true, &a, &b) == 1) {
            return rule->weight;
        }
    }
    return 0;
}

void hd_rules_classify(const hurdle_ruleset *rules, hd_page *page)
{
    double votes[HD_NKINDS] = { 0 };
    signed char utf[HD_SCOPE_COUNT] = { 0 }; /* per scope: 0 unknown, 1 valid, -1 not */
    hd_matcher *m = NULL;
    size_t best = HD_NKINDS - 1; /* "other" */

    page->kind = "other";
    if (hd_matcher_new(&m, page->arena.ctx, rules->match_limit, rules->depth_limit) < 0) {
        return;
    }
    for (size_t i = 0; i < rules->nrules; i++) {
        const hd_rule *r = &rules->rules[i];
        double w = hd_rule_kind_vote(r, m, page, utf);
        for (size_t k = 0; w > 0 && k < HD_NKINDS; k++) {
            votes[k] += r->page_kind == 1u << k ? w : 0;
        }
    }
    hd_matcher_free(m);
    /* the heaviest wins; ties go to the kind listed first (rebate, signup, ...) */
    for (size_t k = 0; k + 1 < HD_NKINDS; k++) {
        if (votes[k] >= rules->kind_min_weight && (best == HD_NKINDS - 1 || votes[k] > votes[best])) {
            best = k;
        }
    }
    page->kind = hd_kind_names[best];
}
