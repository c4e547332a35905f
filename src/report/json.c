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
#include "json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "../util/alloc.h"
#include "../util/buf.h"
#include "report.h"

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
    jstr(w, o, "role", e->role);
    jstr(w, o, "match", e->match);
    jnum(w, o, "count", (double)e->count);
    jstr(w, o, "advice", e->advice);
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

static void tri_json(jw *w, cJSON *o, const char *key, hd_fact_tri t)
{
    if (t == HD_FACT_UNSTATED) {
        chk(w, cJSON_AddNullToObject(o, key));
    } else {
        jbool(w, o, key, t == HD_FACT_YES);
    }
}

static void int_json(jw *w, cJSON *o, const char *key, int v)
{
    jlen(w, o, key, v);
}

static void list_json(jw *w, cJSON *o, const char *key, const hd_fact_list *l)
{
    cJSON *arr = jadd(w, o, key, cJSON_CreateArray());
    size_t i;

    for (i = 0; arr && i < l->n; i++) {
        jadd(w, arr, NULL, cJSON_CreateString(l->v[i]));
    }
}

/* The offer's terms as facts (docs/rules.md, Facts): null when the pages do not state them. */
static void facts_json(jw *w, cJSON *obj, const hd_facts *f)
{
    cJSON *o = jadd(w, obj, "facts", cJSON_CreateObject());

    if (!o) {
        return;
    }
    if (f->submission) {
        jstr(w, o, "submission", f->submission);
    } else {
        chk(w, cJSON_AddNullToObject(o, "submission"));
    }
    list_json(w, o, "proofs", &f->proofs);
    int_json(w, o, "window_days", f->window_days);
    int_json(w, o, "payout_weeks_min", f->payout_weeks_min);
    int_json(w, o, "payout_weeks_max", f->payout_weeks_max);
    list_json(w, o, "payout_form", &f->payout_form);
    tri_json(w, o, "one_per_household", f->one_per_household);
    tri_json(w, o, "no_photocopies", f->no_photocopies);
    tri_json(w, o, "void_where_prohibited", f->void_where_prohibited);
    tri_json(w, o, "trial_requires_card", f->trial_requires_card);
    int_json(w, o, "trial_days", f->trial_days);
    tri_json(w, o, "auto_renewal", f->auto_renewal);
    tri_json(w, o, "cancel_by_phone_only", f->cancel_by_phone_only);
    list_json(w, o, "cancel_methods", &f->cancel_methods);
    int_json(w, o, "minimum_term_months", f->minimum_term_months);
    tri_json(w, o, "early_termination_fee", f->early_termination_fee);
    tri_json(w, o, "contact_sales", f->contact_sales);
}

/* Rules that did not run on some page because of its language: parts not computed. */
static void skipped_json(jw *w, cJSON *obj, const hd_eval_result *ev)
{
    cJSON *arr = jadd(w, obj, "not_computed", cJSON_CreateArray());
    size_t i;

    for (i = 0; arr && i < ev->nskipped; i++) {
        cJSON *o = jadd(w, arr, NULL, cJSON_CreateObject());
        cJSON *langs;
        size_t k;
        if (!o) {
            return;
        }
        jstr(w, o, "rule", hd_rule_id(ev->skipped[i]));
        jstr(w, o, "dimension", hd_dim_name(hd_rule_dim(ev->skipped[i])));
        langs = jadd(w, o, "languages", cJSON_CreateArray());
        for (k = 0; langs && k < hd_rule_nlanguages(ev->skipped[i]); k++) {
            jadd(w, langs, NULL, cJSON_CreateString(hd_rule_language(ev->skipped[i], k)));
        }
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
    cJSON *text;
    size_t i;
    int d;

    if (!o) {
        return;
    }
    jstr(w, o, "id", off->id);
    jstr(w, o, "site", off->site);
    jstr(w, o, "name", off->name);
    jstr(w, o, "kind", off->kind);
    jstr(w, o, "url", hd_offering_page(r, off, 0)->url);
    score_json(w, o, "friction", &off->scores.overall);
    dims = jadd(w, o, "dimensions", cJSON_CreateObject());
    for (d = 0; dims && d < HD_DIM_COUNT; d++) {
        score_json(w, dims, hd_dim_name((hd_dim)d), &off->scores.dims[d]);
    }
    effort_json(w, o, &off->effort);
    text = jadd(w, o, "text", cJSON_CreateObject());
    if (text) {
        hd_text_stats all;
        hd_offering_text(&all, r, off);
        hd_json_stats(w, text, &all, hd_offering_english(r, off));
    }
    metrics_json(w, o, &off->eval);
    facts_json(w, o, &off->eval.facts);
    skipped_json(w, o, &off->eval);
    list = jadd(w, o, "findings", cJSON_CreateArray());
    for (i = 0; list && i < off->eval.nfindings; i++) {
        finding_json(w, list, r, off, &off->eval.findings[i]);
    }
    list = jadd(w, o, "pages", cJSON_CreateArray());
    for (i = 0; list && i < off->npages; i++) {
        hd_json_page(w, list, hd_offering_page(r, off, i));
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

static void other_page_json(jw *w, cJSON *arr, const hd_page *p)
{
    cJSON *o = jadd(w, arr, NULL, cJSON_CreateObject());

    if (o) {
        jstr(w, o, "url", p->url);
        jstr(w, o, "final_url", strncmp(p->final_url, "file:", 5) == 0 ? p->url : p->final_url);
        jnum(w, o, "status", (double)p->status);
        jstr(w, o, "kind", p->kind);
        jstr(w, o, "title", p->title);
        jstr(w, o, "charset", p->charset);
        hd_json_strings(w, o, "warnings", p->warnings, p->nwarnings);
    }
}

static void error_json(jw *w, cJSON *arr, const hd_target_error *e)
{
    cJSON *o = jadd(w, arr, NULL, cJSON_CreateObject());

    if (o) {
        jstr(w, o, "target", e->target);
        jstr(w, o, "code", e->code);
        jstr(w, o, "message", e->message);
    }
}

static void crawl_lists(jw *w, cJSON *o, const hd_crawl_stats *s)
{
    cJSON *arr = jadd(w, o, "robots", cJSON_CreateArray());

    for (size_t i = 0; arr && i < s->nhosts; i++) {
        cJSON *h = jadd(w, arr, NULL, cJSON_CreateObject());
        if (h) {
            jstr(w, h, "host", s->hosts[i].host);
            jstr(w, h, "status", s->hosts[i].status);
            if (s->hosts[i].crawl_delay >= 0) {
                jnum(w, h, "crawl_delay", s->hosts[i].crawl_delay);
            } else {
                chk(w, cJSON_AddNullToObject(h, "crawl_delay"));
            }
        }
    }
    arr = jadd(w, o, "sitemaps", cJSON_CreateArray());
    for (size_t i = 0; arr && i < s->nsitemaps; i++) {
        cJSON *m = jadd(w, arr, NULL, cJSON_CreateObject());
        if (m) {
            jstr(w, m, "url", s->sitemaps[i].url);
            jnum(w, m, "urls", (double)s->sitemaps[i].urls);
            if (s->sitemaps[i].error) {
                jstr(w, m, "error", s->sitemaps[i].error);
            } else {
                chk(w, cJSON_AddNullToObject(m, "error"));
            }
        }
    }
}

/* What the crawl did; null when no URL was crawled. */
static void crawl_json(jw *w, cJSON *root, const hurdle_report *r)
{
    const hd_crawl_stats *s = &r->crawl;
    cJSON *o;
    cJSON *sk;

    if (!s->crawled) {
        chk(w, cJSON_AddNullToObject(root, "crawl"));
        return;
    }
    o = jadd(w, root, "crawl", cJSON_CreateObject());
    if (!o) {
        return;
    }
    jnum(w, o, "pages", (double)r->npages);
    jnum(w, o, "fetched", (double)s->fetched);
    jnum(w, o, "failed", (double)s->failed);
    jnum(w, o, "bytes", (double)s->bytes);
    jnum(w, o, "requests", (double)s->requests);
    jnum(w, o, "retries", (double)s->retries);
    jnum(w, o, "queued", (double)s->queued);
    sk = jadd(w, o, "skipped", cJSON_CreateObject());
    for (int k = 1; sk && k < HD_SKIP_COUNT; k++) {
        jnum(w, sk, hd_skip_name((hd_skip)k), (double)s->skipped[k]);
    }
    if (s->stopped) {
        jstr(w, o, "stopped_early", s->stopped);
    } else {
        chk(w, cJSON_AddNullToObject(o, "stopped_early"));
    }
    crawl_lists(w, o, s);
}

/*
 * The report is written piece by piece, each freed once printed, so that a crawl of many pages
 * never holds its whole report as a tree: every top-level value and every item of the arrays
 * is printed by cJSON and indented as cJSON_Print() would have indented it inside the whole
 * (a tab more per level after each line break), so the bytes are those of one cJSON_Print().
 */
typedef struct jout {
    jw *w;
    hd_buf *b;
    bool first;  /* no top-level key written yet */
} jout;

/* `item` printed at nesting `depth`, then freed. */
static void put_value(jout *o, cJSON *item, int depth)
{
    char *text = item && !o->w->oom ? cJSON_Print(item) : NULL;
    const char *p = text;

    cJSON_Delete(item);
    if (!text) {
        o->w->oom = true;
        return;
    }
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) + 1 : strlen(p);
        hd_buf_put(o->b, p, n);
        for (int k = 0; nl && k < depth; k++) {
            hd_buf_putc(o->b, '\t');
        }
        p += n;
    }
    cJSON_free(text);
}

static void put_key(jout *o, const char *key)
{
    hd_buf_printf(o->b, "%s\t\"%s\":\t", o->first ? "" : ",\n", key);
    o->first = false;
}

/* Every member of `obj` as a top-level key, in order; `obj` is freed. */
static void put_members(jout *o, cJSON *obj)
{
    while (obj && obj->child) {
        cJSON *item = cJSON_DetachItemViaPointer(obj, obj->child);
        put_key(o, item->string);
        put_value(o, item, 1);
    }
    cJSON_Delete(obj);
}

typedef void (*item_fn)(jw *w, cJSON *arr, const hurdle_report *r, size_t i);

/* A top-level array, one item at a time: item(i) for i < n adds at most one item. */
static void put_array(jout *o, const char *key, const hurdle_report *r, size_t n, item_fn item)
{
    cJSON *arr = chk(o->w, cJSON_CreateArray());
    bool first = true;

    put_key(o, key);
    hd_buf_putc(o->b, '[');
    for (size_t i = 0; arr && i < n && !o->w->oom; i++) {
        item(o->w, arr, r, i);
        if (arr->child) {
            hd_buf_puts(o->b, first ? "" : ", ");
            first = false;
            put_value(o, cJSON_DetachItemViaPointer(arr, arr->child), 2);
        }
    }
    hd_buf_putc(o->b, ']');
    cJSON_Delete(arr);
}

static void offering_item(jw *w, cJSON *arr, const hurdle_report *r, size_t i)
{
    offering_json(w, arr, r, &r->offerings[i]);
}

static void other_page_item(jw *w, cJSON *arr, const hurdle_report *r, size_t i)
{
    if (!r->in_offering || !r->in_offering[i]) {
        other_page_json(w, arr, r->pages[i]);
    }
}

static void error_item(jw *w, cJSON *arr, const hurdle_report *r, size_t i)
{
    error_json(w, arr, &r->errors[i]);
}

static void write_all(jout *o, const hurdle_report *r)
{
    cJSON *head = chk(o->w, cJSON_CreateObject());
    cJSON *tail;

    if (head) {
        header_json(o->w, head, r);
        summary_json(o->w, head, r);
    }
    hd_buf_puts(o->b, "{\n");
    put_members(o, head);
    put_array(o, "offerings", r, r->nofferings, offering_item);
    put_array(o, "other_pages", r, r->npages, other_page_item);
    put_array(o, "errors", r, r->nerrors, error_item);
    tail = chk(o->w, cJSON_CreateObject());
    if (tail) {
        crawl_json(o->w, tail, r);
    }
    put_members(o, tail);
    hd_buf_puts(o->b, "\n}\n");
}

int hurdle_report_write_json(hurdle_buf *out,
                             hurdle_ctx *ctx,
                             const hurdle_report *r,
                             unsigned flags)
{
    hd_buf buf;
    jw w = { false };
    jout o;
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
    hd_buf_init(&buf, ctx, (size_t)-1 / 2);
    o.w = &w;
    o.b = &buf;
    o.first = true;
    write_all(&o, r);
    rc = w.oom ? HURDLE_ENOMEM : hd_buf_err(&buf);
    if (rc == HURDLE_OK) {
        rc = hd_buf_detach(out, &buf);
    }
    hd_buf_dispose(&buf);
    return rc < 0 ? hd_oom(ctx) : HURDLE_OK;
}
