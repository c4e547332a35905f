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

const char *const hd_field_cond_names[HD_FC_COUNT] = {
    "purpose",     "type",     "tag",
    "form_kind",   "required", "autocomplete_missing",
    "checked",     "ac_field", "minlength_at_least",
    "pattern_set", "repeated", "label",
    "near_text"
};

unsigned hd_field_rule_conds(const hd_rule *r)
{
    return (r->purposes.n ? HD_FC_PURPOSE : 0u) | (r->types.n ? HD_FC_TYPE : 0u) |
           (r->tags_html.n ? HD_FC_TAG : 0u) | (r->form_kinds.n ? HD_FC_FORM_KIND : 0u) |
           (r->required != HD_TRI_ANY ? HD_FC_REQUIRED : 0u) | (r->label ? HD_FC_LABEL : 0u) |
           (r->autocomplete_missing ? HD_FC_AUTOCOMPLETE_MISSING : 0u) |
           (r->checked != HD_TRI_ANY ? HD_FC_CHECKED : 0u) |
           (r->ac_fields.n ? HD_FC_AC_FIELD : 0u) |
           (r->minlength_at_least > 0 ? HD_FC_MINLENGTH : 0u) |
           (r->pattern_set != HD_TRI_ANY ? HD_FC_PATTERN_SET : 0u) |
           (r->repeated ? HD_FC_REPEATED : 0u) | (r->near_text ? HD_FC_NEAR_TEXT : 0u);
}

/* No autofill field name: autocomplete absent, "on", "off" or not a WHATWG name. */
static bool autocomplete_missing(const hd_field *f)
{
    const char *a = f->ac_field ? f->ac_field : "";

    return !a[0] || strcmp(a, "on") == 0 || strcmp(a, "off") == 0;
}

static bool ac_field_in(const hd_strlist *l, const hd_field *f)
{
    const char *a = f->ac_field && f->ac_field[0] ? f->ac_field : "none";

    return list_has(l, a);
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

static bool label_ok(hd_ev *ev, const hd_regex *re, const hd_field *f)
{
    char buf[1024];
    size_t len = label_text(buf, sizeof(buf), f);

    return hd_utf8_valid(buf, len) && hd_regex_test(ev->m, re, buf, len);
}

#define NEAR_BEFORE 120 /* bytes of visible text before a field that near_text sees */
#define NEAR_AFTER  240 /* ... and after it (hints usually follow the field) */

/* The field's label, or the visible text around where the field sits, matches. */
static bool near_ok(hd_ev *ev, const hd_rule *r, const hd_page *pg, const hd_field *f)
{
    const hd_text *t = &pg->scopes[HD_SCOPE_TEXT];
    size_t at = f->text_off < t->len ? f->text_off : t->len;
    size_t a = at > NEAR_BEFORE ? hd_ev_utf8_back(t->text, at - NEAR_BEFORE) : 0;
    size_t b = t->len - at > NEAR_AFTER ? hd_ev_utf8_back(t->text, at + NEAR_AFTER) : t->len;
    size_t ms = 0;
    size_t me = 0;

    if (label_ok(ev, r->near_text, f)) {
        return true;
    }
    if (!t->text || b <= a || !hd_utf8_valid(t->text + a, b - a)) {
        return false;
    }
    return hd_regex_find(ev->m, r->near_text, t->text + a, b - a, 0, true, &ms, &me) == 1;
}

#define REPEAT_BACK 64 /* controls looked back at for a repeated purpose */

/* An earlier visible field of the same form has the same purpose. */
static bool repeated(const hd_page *pg, const hd_field *f)
{
    size_t i = (size_t)(f - pg->fields);
    size_t stop = i > REPEAT_BACK ? i - REPEAT_BACK : 0;

    while (i-- > stop) {
        const hd_field *g = &pg->fields[i];
        if (g->visible && g->form == f->form && strcmp(g->purpose, f->purpose) == 0) {
            return true;
        }
    }
    return false;
}

static bool
cond_holds(hd_ev *ev, const hd_rule *r, const hd_page *pg, const hd_field *f, unsigned bit)
{
    switch (bit) {
    case HD_FC_PURPOSE:
        return list_has(&r->purposes, f->purpose ? f->purpose : "unknown");
    case HD_FC_TYPE:
        return list_has(&r->types, f->type ? f->type : "");
    case HD_FC_TAG:
        return list_has(&r->tags_html, f->tag ? f->tag : "");
    case HD_FC_FORM_KIND:
        return list_has(&r->form_kinds, form_kind(pg, f));
    case HD_FC_REQUIRED:
        return tri_ok(r->required, f->required);
    case HD_FC_LABEL:
        return label_ok(ev, r->label, f);
    case HD_FC_AUTOCOMPLETE_MISSING:
        return autocomplete_missing(f);
    case HD_FC_CHECKED:
        return tri_ok(r->checked, f->checked);
    case HD_FC_AC_FIELD:
        return ac_field_in(&r->ac_fields, f);
    case HD_FC_MINLENGTH:
        return f->minlength >= r->minlength_at_least;
    case HD_FC_PATTERN_SET:
        return tri_ok(r->pattern_set, f->pattern && f->pattern[0]);
    case HD_FC_REPEATED:
        return repeated(pg, f);
    case HD_FC_NEAR_TEXT:
        return near_ok(ev, r, pg, f);
    default:
        return false;
    }
}

/* Every condition outside any_of holds, and one of any_of's (when given). */
static bool field_matches(hd_ev *ev, const hd_rule *r, const hd_page *pg, const hd_field *f)
{
    bool any = !r->any_of;

    if (!tri_ok(r->visible, f->visible)) {
        return false;
    }
    /* the cheap conditions come first in bit order; regexes last */
    for (unsigned k = 0; k < HD_FC_COUNT; k++) {
        unsigned bit = 1u << k;
        if (!(r->conds & bit) || ((r->any_of & bit) && any)) {
            continue;
        }
        if (cond_holds(ev, r, pg, f, bit)) {
            any = any || (r->any_of & bit);
        } else if (!(r->any_of & bit)) {
            return false;
        }
    }
    return any;
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

static bool captcha_kind_in(const hd_strlist *l, const char *kind)
{
    return list_has(l, "any") || list_has(l, kind);
}

/* The page's captcha widgets of the kinds the rule names; an image's input is marked done. */
static void captcha_hits(hd_ev *ev, const hd_rule *rule, size_t p, bool *done)
{
    const hd_page *pg = ev->pages[p];

    for (size_t i = 0; i < pg->ncaptchas; i++) {
        const hd_captcha *c = &pg->captchas[i];
        char ctx[96];
        if (!captcha_kind_in(&rule->captchas, c->kind) || hd_ignore_has(c->ignore, rule->id)) {
            continue;
        }
        if (c->field >= 0 && (size_t)c->field < pg->nfields) {
            done[c->field] = true;
        }
        snprintf(ctx, sizeof(ctx), "captcha widget %s, form %s", c->kind,
                 c->form >= 0 && (size_t)c->form < pg->nforms ? pg->forms[c->form].kind : "none");
        hd_ev_hit_raw(ev, rule, p, c->path,
                      strcmp(c->kind, "image") == 0 ? "image captcha" : c->kind, ctx);
    }
}

/* Per field of page p: already counted through a captcha widget (NULL when none). */
static bool *widget_done(hd_ev *ev, const hd_rule *rule, size_t p)
{
    const hd_page *pg = ev->pages[p];
    bool *done;

    if (!rule->captchas.n || !pg->ncaptchas) {
        return NULL;
    }
    done = hd_arena_array(&ev->tmp, pg->nfields ? pg->nfields : 1, sizeof(bool));
    if (!done) {
        ev->err = HURDLE_ENOMEM;
        return NULL;
    }
    captcha_hits(ev, rule, p, done);
    return done;
}

void hd_ev_field_rule(hd_ev *ev, const hd_rule *rule)
{
    for (size_t p = 0; p < ev->npages && !ev->err; p++) {
        const hd_page *pg = ev->pages[p];
        const bool *done;
        if (!hd_ev_applies(ev, rule, p) || !page_text_ok(ev, rule, pg)) {
            continue;
        }
        done = widget_done(ev, rule, p);
        for (size_t i = 0; i < pg->nfields && !ev->err; i++) {
            const hd_field *f = &pg->fields[i];
            char ctx[160];
            if ((done && done[i]) || !field_matches(ev, rule, pg, f) ||
                hd_ignore_has(f->ignore, rule->id)) {
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

double hd_rule_kind_vote(const hd_rule *rule, hd_matcher *m, const hd_page *page, signed char *utf)
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
    /* the heaviest wins; ties go to the kind listed first (rebate, signup, ...); votes for
       "other" (a help page, a blog) win only when heavier than the best kind */
    for (size_t k = 0; k + 1 < HD_NKINDS; k++) {
        if (votes[k] >= rules->kind_min_weight &&
            (best == HD_NKINDS - 1 || votes[k] > votes[best])) {
            best = k;
        }
    }
    if (votes[HD_NKINDS - 1] > votes[best] && votes[HD_NKINDS - 1] >= rules->kind_min_weight) {
        best = HD_NKINDS - 1;
    }
    page->kind = hd_kind_names[best];
}
