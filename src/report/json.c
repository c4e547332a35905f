/*
 * report/json.c - the JSON report, the contract with every tool that reads
 * hurdle's results (docs/report.schema.json). The only cJSON writer.
 *
 * Keys come in a fixed order and numbers are rounded, so the same scan
 * gives the same bytes; the run's time stamps are the only exception, and
 * they are null when the scan was asked for none. Local pages show the
 * path the user gave, never the absolute path, so reports do not depend on
 * where a checkout lives.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "../util/alloc.h"
#include "../util/buf.h"
#include "report.h"

typedef struct jw {
    bool oom;
    hurdle_ctx *ctx;     /* for scratch memory */
    const double *secs;  /* effort seconds of the current page's fields */
} jw;

static cJSON *chk(jw *w, cJSON *item)
{
    if (!item) {
        w->oom = true;
    }
    return item;
}

static void jstr(jw *w, cJSON *obj, const char *key, const char *val)
{
    chk(w, cJSON_AddStringToObject(obj, key, val ? val : ""));
}

static void jnum(jw *w, cJSON *obj, const char *key, double val)
{
    chk(w, cJSON_AddNumberToObject(obj, key, val));
}

static void jbool(jw *w, cJSON *obj, const char *key, bool val)
{
    chk(w, cJSON_AddBoolToObject(obj, key, val));
}

/* A length attribute, null when absent (-1). */
static void jlen(jw *w, cJSON *obj, const char *key, long val)
{
    if (val >= 0) {
        jnum(w, obj, key, (double)val);
    } else {
        chk(w, cJSON_AddNullToObject(obj, key));
    }
}

static double round_to(double x, double unit)
{
    return round(x / unit) * unit;
}

static cJSON *jadd(jw *w, cJSON *parent, const char *key, cJSON *child)
{
    if (!chk(w, child)) {
        return NULL;
    }
    if (key) {
        cJSON_AddItemToObject(parent, key, child);
    } else {
        cJSON_AddItemToArray(parent, child);
    }
    return child;
}

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

static void text_json(jw *w, cJSON *page, const hd_text_stats *s)
{
    cJSON *o = jadd(w, page, "text", cJSON_CreateObject());

    if (!o) {
        return;
    }
    jnum(w, o, "words", (double)s->words);
    jnum(w, o, "sentences", (double)s->sentences);
    jnum(w, o, "syllables", (double)s->syllables);
    jnum(w, o, "complex_words", (double)s->complex_words);
    jnum(w, o, "long_sentences", (double)s->long_sentences);
    jnum(w, o, "fine_print_words", (double)s->fine_print_words);
    jnum(w, o, "fk_grade", round_to(s->fk_grade, 0.01));
    jnum(w, o, "flesch_ease", round_to(s->flesch_ease, 0.01));
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

static void strings_json(jw *w, cJSON *obj, const char *key, const char *const *s, size_t n)
{
    cJSON *arr = jadd(w, obj, key, cJSON_CreateArray());
    size_t i;

    for (i = 0; arr && i < n; i++) {
        jadd(w, arr, NULL, cJSON_CreateString(s[i]));
    }
}

static void page_json(jw *w, cJSON *arr, const hd_page *p)
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
    jstr(w, o, "charset", p->charset);
    jnum(w, o, "bytes", (double)p->bytes);
    strings_json(w, o, "warnings", p->warnings, p->nwarnings);
    text_json(w, o, &p->stats);
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
    jnum(w, o, "step", (double)p->step);
    jnum(w, o, "steps", (double)p->steps);
    jnum(w, o, "links", (double)p->nlinks);
    w->secs = NULL;
    hd_free(w->ctx, secs);
}

static void score_json(jw *w, cJSON *obj, const char *key, const hd_score *s)
{
    cJSON *o = jadd(w, obj, key, cJSON_CreateObject());
    cJSON *arr;
    char grade[2] = { s->grade, '\0' };
    size_t i;

    if (!o) {
        return;
    }
    jnum(w, o, "score", s->score);
    jstr(w, o, "grade", grade);
    jnum(w, o, "points", round_to(s->raw, 0.01));
    arr = jadd(w, o, "breakdown", cJSON_CreateArray());
    for (i = 0; arr && i < s->ncontribs; i++) {
        cJSON *c = jadd(w, arr, NULL, cJSON_CreateObject());
        if (!c) {
            return;
        }
        jstr(w, c, "source", s->contribs[i].source);
        jstr(w, c, "id", s->contribs[i].id);
        jnum(w, c, "points", round_to(s->contribs[i].raw, 0.01));
        jnum(w, c, "score", s->contribs[i].score);
    }
}

static void evidence_json(
    jw *w, cJSON *arr, const hurdle_report *r, const hd_offering *off, const hd_evidence *e)
{
    cJSON *o = jadd(w, arr, NULL, cJSON_CreateObject());
    const hd_page *p = hd_offering_page(r, off, e->page < off->npages ? e->page : 0);

    if (!o) {
        return;
    }
    jstr(w, o, "url", p->url);
    jstr(w, o, "path", e->path);
    jstr(w, o, "match", e->match);
    jstr(w, o, "context", e->context);
}

static void
finding_json(jw *w, cJSON *arr, const hurdle_report *r, const hd_offering *off, const hd_finding *f)
{
    cJSON *o = jadd(w, arr, NULL, cJSON_CreateObject());
    cJSON *ev;
    cJSON *tags;
    size_t i;

    if (!o) {
        return;
    }
    jstr(w, o, "rule", hd_rule_id(f->rule));
    jstr(w, o, "dimension", hd_dim_name(hd_rule_dim(f->rule)));
    jstr(w, o, "severity", hd_severity_name(hd_rule_severity(f->rule)));
    jbool(w, o, "gating", hd_rule_gating(f->rule));
    jnum(w, o, "points", round_to(f->points, 0.01));
    jnum(w, o, "count", (double)f->count);
    jnum(w, o, "value", round_to(f->value, 0.01));
    jstr(w, o, "message", hd_rule_message(f->rule));
    jstr(w, o, "advice", hd_rule_advice(f->rule));
    tags = jadd(w, o, "tags", cJSON_CreateArray());
    for (i = 0; tags && i < hd_rule_ntags(f->rule); i++) {
        jadd(w, tags, NULL, cJSON_CreateString(hd_rule_tag(f->rule, i)));
    }
    ev = jadd(w, o, "evidence", cJSON_CreateArray());
    for (i = 0; ev && i < f->nevidence; i++) {
        evidence_json(w, ev, r, off, &f->evidence[i]);
    }
}

static void metrics_json(jw *w, cJSON *obj, const hd_eval_result *ev)
{
    cJSON *arr = jadd(w, obj, "metrics", cJSON_CreateArray());
    size_t i;

    for (i = 0; arr && i < ev->nmetrics; i++) {
        const hd_metric_result *m = &ev->metrics[i];
        cJSON *o = jadd(w, arr, NULL, cJSON_CreateObject());
        if (!o) {
            return;
        }
        jstr(w, o, "rule", hd_rule_id(m->rule));
        jstr(w, o, "metric", hd_rule_metric(m->rule));
        jstr(w, o, "dimension", hd_dim_name(hd_rule_dim(m->rule)));
        jnum(w, o, "value", round_to(m->value, 0.01));
        jnum(w, o, "friction", round_to(m->friction, 0.1));
        jnum(w, o, "points", round_to(m->points, 0.01));
    }
}

static void effort_json(jw *w, cJSON *obj, const hd_effort *e)
{
    cJSON *o = jadd(w, obj, "effort", cJSON_CreateObject());
    char text[160];

    if (!o) {
        return;
    }
    hd_effort_describe(text, sizeof(text), e);
    jnum(w, o, "seconds", round(e->seconds));
    jnum(w, o, "offline_seconds", round(e->offline_seconds));
    jnum(w, o, "fields", (double)e->fields);
    jnum(w, o, "uploads", (double)e->uploads);
    jnum(w, o, "captchas", (double)e->captchas);
    jstr(w, o, "offline", e->offline);
    jnum(w, o, "wait_weeks_min", round_to(e->wait_weeks_min, 0.1));
    jnum(w, o, "wait_weeks_max", round_to(e->wait_weeks_max, 0.1));
    jstr(w, o, "summary", text);
}

static void offering_json(jw *w, cJSON *arr, const hurdle_report *r, const hd_offering *off)
{
    cJSON *o = jadd(w, arr, NULL, cJSON_CreateObject());
    cJSON *dims;
    cJSON *list;
    size_t i;
    int d;

    if (!o) {
        return;
    }
    jstr(w, o, "name", off->name);
    jstr(w, o, "kind", off->kind);
    jstr(w, o, "url", hd_offering_page(r, off, 0)->url);
    score_json(w, o, "friction", &off->scores.overall);
    dims = jadd(w, o, "dimensions", cJSON_CreateObject());
    for (d = 0; dims && d < HD_DIM_COUNT; d++) {
        score_json(w, dims, hd_dim_name((hd_dim)d), &off->scores.dims[d]);
    }
    effort_json(w, o, &off->effort);
    metrics_json(w, o, &off->eval);
    list = jadd(w, o, "findings", cJSON_CreateArray());
    for (i = 0; list && i < off->eval.nfindings; i++) {
        finding_json(w, list, r, off, &off->eval.findings[i]);
    }
    list = jadd(w, o, "pages", cJSON_CreateArray());
    for (i = 0; list && i < off->npages; i++) {
        page_json(w, list, hd_offering_page(r, off, i));
    }
}

static void summary_json(jw *w, cJSON *root, const hurdle_report *r)
{
    cJSON *o = jadd(w, root, "summary", cJSON_CreateObject());
    cJSON *f;
    double max = hurdle_report_max_friction(r);
    char grade[2] = { hd_grade(max), '\0' };
    int s;

    if (!o) {
        return;
    }
    jnum(w, o, "offerings", (double)r->nofferings);
    jnum(w, o, "pages", (double)r->npages);
    jnum(w, o, "errors", (double)r->nerrors);
    jnum(w, o, "max_friction", max);
    jstr(w, o, "grade", grade);
    f = jadd(w, o, "findings", cJSON_CreateObject());
    for (s = HURDLE_SEV_CRITICAL; f && s >= HURDLE_SEV_MINOR; s--) {
        size_t n = hurdle_report_count_findings(r, (hurdle_severity)s);
        size_t worse =
            s < HURDLE_SEV_CRITICAL ? hurdle_report_count_findings(r, (hurdle_severity)(s + 1)) : 0;
        jnum(w, f, hd_severity_name((hurdle_severity)s), (double)(n - worse));
    }
}

static void header_json(jw *w, cJSON *root, const hurdle_report *r)
{
    cJSON *o;

    jstr(w, root, "schema_version", HURDLE_REPORT_SCHEMA_VERSION);
    o = jadd(w, root, "tool", cJSON_CreateObject());
    if (o) {
        jstr(w, o, "name", "hurdle");
        jstr(w, o, "version", HURDLE_VERSION);
    }
    o = jadd(w, root, "run", cJSON_CreateObject());
    if (o && r->timestamps) {
        jstr(w, o, "started", r->started);
        jnum(w, o, "duration_ms", round_to(r->duration_ms, 0.1));
    } else if (o) {
        chk(w, cJSON_AddNullToObject(o, "started"));
        chk(w, cJSON_AddNullToObject(o, "duration_ms"));
    }
    o = jadd(w, root, "ruleset", cJSON_CreateObject());
    if (o) {
        jstr(w, o, "version", hurdle_ruleset_version(r->rules));
        jnum(w, o, "rules", (double)hurdle_ruleset_count(r->rules));
    }
}

static void rest_json(jw *w, cJSON *root, const hurdle_report *r)
{
    cJSON *arr = jadd(w, root, "other_pages", cJSON_CreateArray());
    size_t i;

    for (i = 0; arr && i < r->npages; i++) {
        if (!r->in_offering || !r->in_offering[i]) {
            cJSON *o = jadd(w, arr, NULL, cJSON_CreateObject());
            if (o) {
                jstr(w, o, "url", r->pages[i]->url);
                jstr(w, o, "kind", r->pages[i]->kind);
                jstr(w, o, "title", r->pages[i]->title);
            }
        }
    }
    arr = jadd(w, root, "errors", cJSON_CreateArray());
    for (i = 0; arr && i < r->nerrors; i++) {
        cJSON *o = jadd(w, arr, NULL, cJSON_CreateObject());
        if (o) {
            jstr(w, o, "target", r->errors[i].target);
            jstr(w, o, "code", r->errors[i].code);
            jstr(w, o, "message", r->errors[i].message);
        }
    }
}

int hurdle_report_write_json(hurdle_buf *out,
                             hurdle_ctx *ctx,
                             const hurdle_report *r,
                             unsigned flags)
{
    hd_buf buf;
    cJSON *root;
    cJSON *offs;
    char *text = NULL;
    jw w = { false };
    size_t i;
    int rc;

    (void)flags;
    if (!ctx) {
        return HURDLE_EINVAL;
    }
    hd_clear_error(ctx);
    if (!out || !r) {
        return hd_fail(ctx, HURDLE_EINVAL, "hurdle_report_write_json: missing argument");
    }
    w.ctx = r->ctx;
    root = chk(&w, cJSON_CreateObject());
    if (root) {
        header_json(&w, root, r);
        summary_json(&w, root, r);
        offs = jadd(&w, root, "offerings", cJSON_CreateArray());
        for (i = 0; offs && i < r->nofferings; i++) {
            offering_json(&w, offs, r, &r->offerings[i]);
        }
        rest_json(&w, root, r);
    }
    text = w.oom ? NULL : cJSON_Print(root);
    cJSON_Delete(root);
    if (!text) {
        return hd_oom(ctx);
    }
    hd_buf_init(&buf, ctx, (size_t)-1 / 2);
    hd_buf_puts(&buf, text);
    hd_buf_putc(&buf, '\n');
    cJSON_free(text);
    rc = hd_buf_detach(out, &buf);
    hd_buf_dispose(&buf);
    return rc < 0 ? hd_oom(ctx) : HURDLE_OK;
}
