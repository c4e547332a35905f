/*
 * report/json_page.c - one page in the JSON report: its forms and fields
 * (with their purposes and effort), text statistics, prices, captchas and
 * steps. Local pages' URLs are shown as the user would name them.
 */
#include <stdio.h>
#include <string.h>

#include "../util/alloc.h"
#include "json.h"

/*
 * A file:// URL as the user would name it: relative to the page's folder
 * ("claim.html", "../terms.html"), so that reports do not depend on where
 * the files live; a path that shares only the root with the page stays
 * absolute ("/signup", from a root-relative link). Other URLs are shown as
 * they are.
 */
static const char *shown_url(char *buf, size_t size, const hd_page *page, const char *url)
{
    const char *base = page->final_url;
    size_t common = 0;
    size_t i;
    size_t len = 0;

    if (strncmp(url, "file://", 7) != 0 || strncmp(base, "file://", 7) != 0) {
        return url;
    }
    for (i = 0; base[i] && base[i] == url[i]; i++) {
        if (base[i] == '/') {
            common = i + 1; /* the folders both share */
        }
    }
    if (common <= strlen("file:///")) {
        return url + strlen("file://"); /* root-relative ("/signup"): as the page says */
    }
    buf[0] = '\0';
    for (i = common; base[i]; i++) {
        if (base[i] == '/' && len + 4 < size) {
            memcpy(buf + len, "../", 4);
            len += 3;
        }
    }
    snprintf(buf + len, size - len, "%s", url + common);
    return buf;
}

static void field_json(jw *w, cJSON *arr, const hd_field *f)
{
    cJSON *o = jadd(w, arr, NULL, cJSON_CreateObject());

    if (!o) {
        return;
    }
    jnum(w, o, "index", (double)f->index);
    jstr(w, o, "tag", f->tag);
    jstr(w, o, "type", f->type);
    jstr(w, o, "name", f->name);
    jstr(w, o, "id", f->id);
    jstr(w, o, "label", f->label);
    jstr(w, o, "label_source", f->label_source);
    jstr(w, o, "purpose", f->purpose);
    jbool(w, o, "required", f->required);
    jbool(w, o, "visible", f->visible);
    jbool(w, o, "checked", f->checked);
    jstr(w, o, "autocomplete", f->autocomplete);
    jstr(w, o, "autocomplete_field", f->ac_field);
    jstr(w, o, "autocomplete_section", f->ac_section);
    jstr(w, o, "autocomplete_hint", f->ac_hint);
    jstr(w, o, "placeholder", f->placeholder);
    jnum(w, o, "options", (double)f->options);
    jlen(w, o, "maxlength", f->maxlength);
    jlen(w, o, "minlength", f->minlength);
    jstr(w, o, "min", f->min);
    jstr(w, o, "max", f->max);
    jstr(w, o, "pattern", f->pattern);
    jstr(w, o, "path", f->path);
    jnum(w, o, "effort_seconds", w->secs ? round_to(w->secs[f->index], 0.1) : 0);
}

static void form_json(jw *w, cJSON *arr, const hd_page *p, size_t fi)
{
    const hd_form *f = &p->forms[fi];
    cJSON *o = jadd(w, arr, NULL, cJSON_CreateObject());
    char action[4096];
    cJSON *fields;
    size_t i;

    if (!o) {
        return;
    }
    jnum(w, o, "index", (double)fi);
    jstr(w, o, "kind", f->kind);
    jstr(w, o, "id", f->id);
    jstr(w, o, "name", f->name);
    jstr(w, o, "action", shown_url(action, sizeof(action), p, f->action));
    jstr(w, o, "method", f->method);
    jstr(w, o, "submit", f->submit);
    jnum(w, o, "visible_fields", (double)f->nvisible);
    jnum(w, o, "required_fields", (double)f->nrequired);
    jnum(w, o, "effort_seconds", w->secs ? round_to(hd_effort_form(p, (long)fi, w->secs), 0.1) : 0);
    jstr(w, o, "path", f->path);
    fields = jadd(w, o, "fields", cJSON_CreateArray());
    for (i = 0; fields && i < p->nfields; i++) {
        if (p->fields[i].form == (long)fi) {
            field_json(w, fields, &p->fields[i]);
        }
    }
}

/* Only English has validated readability formulas (and hurdle's syllable counter). */
bool hd_json_english(const char *language)
{
    return !language || !*language || strcmp(language, "en") == 0;
}

static void index_json(jw *w, cJSON *o, const char *key, double value, bool english)
{
    if (english) {
        jnum(w, o, key, round_to(value, 0.01));
    } else {
        chk(w, cJSON_AddNullToObject(o, key));
    }
}

void hd_json_stats(jw *w, cJSON *o, const hd_text_stats *s, bool english)
{
    jnum(w, o, "words", (double)s->words);
    jnum(w, o, "sentences", (double)s->sentences);
    jnum(w, o, "syllables", (double)s->syllables);
    jnum(w, o, "letters", (double)s->letters);
    jnum(w, o, "complex_words", (double)s->complex_words);
    jnum(w, o, "long_sentences", (double)s->long_sentences);
    index_json(w, o, "flesch_ease", s->flesch_ease, english);
    index_json(w, o, "fk_grade", s->fk_grade, english);
    index_json(w, o, "fog", s->fog, english);
    index_json(w, o, "smog", s->smog, english);
    index_json(w, o, "coleman_liau", s->coleman_liau, english);
    index_json(w, o, "ari", s->ari, english);
}

static const char *const role_names[HD_ROLE_COUNT] = {
    "body", "heading", "label", "button", "cell", "link", "fine_print",
};

/* The page's text: the whole, then each role that has words. */
static void text_json(jw *w, cJSON *page, const hd_page *p)
{
    cJSON *o = jadd(w, page, "text", cJSON_CreateObject());
    cJSON *roles;
    int i;

    if (!o) {
        return;
    }
    hd_json_stats(w, o, &p->stats, hd_json_english(p->language));
    jnum(w, o, "fine_print_words", (double)p->stats.fine_print_words);
    roles = jadd(w, o, "roles", cJSON_CreateObject());
    for (i = 0; roles && i < HD_ROLE_COUNT; i++) {
        cJSON *r;
        if (!p->role_stats || p->role_stats[i].words == 0) {
            continue;
        }
        r = jadd(w, roles, role_names[i], cJSON_CreateObject());
        if (r) {
            hd_json_stats(w, r, &p->role_stats[i], hd_json_english(p->language));
        }
    }
}

/* An amount that may be unknown (-1): null then. */
static void amount_or_null(jw *w, cJSON *o, const char *key, double v)
{
    if (v < 0) {
        chk(w, cJSON_AddNullToObject(o, key));
    } else {
        jnum(w, o, key, round_to(v, 0.01));
    }
}

/* What a price means (docs/prices.md): where it came from, its range, promotion and qualifiers. */
static void meaning_json(jw *w, cJSON *o, const hd_price *pr)
{
    jstr(w, o, "source", pr->source);
    jnum(w, o, "amount_max", round_to(pr->amount_max, 0.0001));
    jnum(w, o, "was_amount", round_to(pr->was_amount, 0.01));
    jnum(w, o, "regular_amount", round_to(pr->regular_amount, 0.01));
    jnum(w, o, "promo_months", pr->promo_months);
    jnum(w, o, "contract_months", pr->contract_months);
    amount_or_null(w, o, "monthly", pr->monthly);
    amount_or_null(w, o, "monthly_regular", pr->monthly_regular);
    amount_or_null(w, o, "first_year", pr->first_year);
    jbool(w, o, "free", pr->free);
    jbool(w, o, "struck", pr->struck);
    jbool(w, o, "up_to", pr->up_to);
    jbool(w, o, "autopay", pr->autopay);
    jbool(w, o, "after_rebate", pr->after_rebate);
    jbool(w, o, "after_savings", pr->after_savings);
    jbool(w, o, "plus_taxes", pr->plus_taxes);
    jbool(w, o, "asterisk", pr->asterisk);
}

static void prices_json(jw *w, cJSON *page, const hd_page *p)
{
    cJSON *arr = jadd(w, page, "prices", cJSON_CreateArray());
    size_t i;

    for (i = 0; arr && i < p->nprices; i++) {
        const hd_price *pr = &p->prices[i];
        cJSON *o = jadd(w, arr, NULL, cJSON_CreateObject());
        if (!o) {
            return;
        }
        jnum(w, o, "amount", round_to(pr->amount, 0.0001));
        jstr(w, o, "currency", pr->currency);
        jstr(w, o, "period", pr->period);
        jstr(w, o, "unit", pr->unit);
        jbool(w, o, "from", pr->from);
        meaning_json(w, o, pr);
        jstr(w, o, "raw", pr->raw);
        jstr(w, o, "context", pr->context);
        jstr(w, o, "path", pr->path);
    }
}

static void captchas_json(jw *w, cJSON *page, const hd_page *p)
{
    cJSON *arr = jadd(w, page, "captchas", cJSON_CreateArray());
    size_t i;

    for (i = 0; arr && i < p->ncaptchas; i++) {
        const hd_captcha *c = &p->captchas[i];
        cJSON *o = jadd(w, arr, NULL, cJSON_CreateObject());
        if (!o) {
            return;
        }
        jstr(w, o, "kind", c->kind);
        jstr(w, o, "path", c->path);
        jnum(w, o, "form", (double)c->form);
        jlen(w, o, "field", c->field);
    }
}

static void plans_json(jw *w, cJSON *page, const hd_page *p)
{
    cJSON *arr = jadd(w, page, "plans", cJSON_CreateArray());
    size_t i;

    for (i = 0; arr && i < p->nplans; i++) {
        const hd_plan *pl = &p->plans[i];
        cJSON *o = jadd(w, arr, NULL, cJSON_CreateObject());
        if (!o) {
            return;
        }
        jstr(w, o, "name", pl->name);
        jstr(w, o, "source", pl->source);
        jlen(w, o, "price", pl->price);
        jnum(w, o, "features", (double)pl->nfeatures);
        jstr(w, o, "path", pl->path);
    }
    jnum(w, page, "plan_periods", (double)p->plan_periods);
    jnum(w, page, "plan_units", (double)p->plan_units);
    jnum(w, page, "price_images", (double)p->price_images);
}

void hd_json_strings(jw *w, cJSON *obj, const char *key, const char *const *s, size_t n)
{
    cJSON *arr = jadd(w, obj, key, cJSON_CreateArray());
    size_t i;

    for (i = 0; arr && i < n; i++) {
        jadd(w, arr, NULL, cJSON_CreateString(s[i]));
    }
}

void hd_json_page(jw *w, cJSON *arr, const hd_page *p)
{
    cJSON *o = jadd(w, arr, NULL, cJSON_CreateObject());
    double *secs = hd_calloc(w->ctx, p->nfields ? p->nfields : 1, sizeof(*secs));
    cJSON *forms;
    cJSON *loose;
    size_t i;

    if (!o || !secs || hd_effort_fields(secs, w->ctx, p) < 0) {
        w->oom = true;
        hd_free(w->ctx, secs);
        return;
    }
    w->secs = secs;
    jstr(w, o, "url", p->url);
    jstr(w, o, "final_url", strncmp(p->final_url, "file://", 7) == 0 ? p->url : p->final_url);
    jnum(w, o, "status", (double)p->status);
    jstr(w, o, "kind", p->kind);
    jstr(w, o, "title", p->title);
    jstr(w, o, "lang", p->lang);
    jstr(w, o, "language", p->language);
    jstr(w, o, "language_source", p->language_source);
    jstr(w, o, "charset", p->charset);
    jnum(w, o, "bytes", (double)p->bytes);
    hd_json_strings(w, o, "warnings", p->warnings, p->nwarnings);
    text_json(w, o, p);
    forms = jadd(w, o, "forms", cJSON_CreateArray());
    for (i = 0; forms && i < p->nforms; i++) {
        form_json(w, forms, p, i);
    }
    loose = jadd(w, o, "fields_outside_forms", cJSON_CreateArray());
    for (i = 0; loose && i < p->nfields; i++) {
        if (p->fields[i].form < 0) {
            field_json(w, loose, &p->fields[i]);
        }
    }
    prices_json(w, o, p);
    captchas_json(w, o, p);
    plans_json(w, o, p);
    jnum(w, o, "step", (double)p->step);
    jnum(w, o, "steps", (double)p->steps);
    jnum(w, o, "links", (double)p->nlinks);
    w->secs = NULL;
    hd_free(w->ctx, secs);
}
